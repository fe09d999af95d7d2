/**
 * The pane's rule update and rate card controls (the pack the run used is named with its results,
 * ResultsView's PackLine): a rule update the seller loads (a JSON override) and a rate card file (.csv or .xlsx), each checked with the
 * engine's messages and remembered with the workbook (Excel) or the browser (page) through the
 * host's settings. The workbook's own `AE Rules` and `AE Rates` sheets are used when nothing is
 * loaded here.
 * @packageDocumentation
 */
import * as React from "react";
import { Button } from "@fluentui/react-components";
import {
  applyPackOverride,
  describeCard,
  describeProblems,
  Engine,
  packChanges,
  defaultRulePack,
  type RateCard,
} from "../engine";
import { fullRowsNote, readRatesCsv, readRatesWorkbook } from "../pipeline/rates";
import { XlsxPort } from "../xlsx/port";
import { engine as runtimeEngine } from "../runtime/engine";
import { ErrorBar, Muted, Note, type PaneError } from "./common";
import type { PaneSettings } from "./host";
import type { Lang } from "./strings";

const L = {
  update: { en: "Rule update", zh: "规则更新" },
  rates: { en: "Rate card", zh: "运费表" },
  loadRules: { en: "Load rule update…", zh: "载入规则更新…" },
  loadRates: { en: "Load rates…", zh: "载入运费表…" },
  remove: { en: "Remove", zh: "移除" },
  sheetOrDefault: {
    en: "the workbook's AE Rules sheet if any, else none",
    zh: "使用工作簿的“AE Rules”工作表（如有），否则无",
  },
  ratesDefault: {
    en: "the workbook's AE Rates sheet if any, else the pack's card (1 row)",
    zh: "使用工作簿的“AE Rates”工作表（如有），否则为规则包默认运费表（1行）",
  },
  changes: { en: "changes", zh: "项修改" },
  badRules: { en: "Rule update not used", zh: "规则更新未使用" },
  badRates: { en: "Rate card not used", zh: "运费表未使用" },
} as const;

/** What a run takes from the pane's loaded rule update and rate card. */
export interface LoadedChoices {
  readonly engine: Engine;
  /** Set when a rule update is loaded (the run then does not read an AE Rules sheet). */
  readonly packSource: string | undefined;
  /** Set when a rate card file is loaded (the run then does not read an AE Rates sheet). */
  readonly rates: RateCard | undefined;
  readonly problems: readonly PaneError[];
}

const engines = new Map<string, Engine>();

/** The engine, rate card and problems of the remembered choices (a bad one is dropped, with its message). */
export function loadedChoices(settings: PaneSettings, lang: Lang): LoadedChoices {
  const problems: PaneError[] = [];
  let engine = runtimeEngine;
  let packSource: string | undefined;
  if (settings.rules) {
    const key = JSON.stringify(settings.rules.json);
    const cached = engines.get(key);
    if (cached) engine = cached;
    else {
      const applied = applyPackOverride(defaultRulePack(), settings.rules.json);
      if (applied.ok) {
        engine = new Engine(applied.pack);
        engines.set(key, engine);
      } else problems.push({ title: L.badRules[lang], message: applied.errors.join("; ") });
    }
    if (engine !== runtimeEngine) packSource = `file '${settings.rules.name}'`;
  }
  let rates: RateCard | undefined;
  if (settings.rates) {
    const r = readRatesCsvRows(settings.rates.rows, settings.rates.name);
    if (r.ok) rates = r.card;
    else problems.push({ title: L.badRates[lang], message: describeProblems(r.problems, lang) });
  }
  return { engine, packSource, rates, problems };
}

/**
 * The run options of the loaded choices, for a check and a reconciliation alike (the same
 * `rates` / `packSource` the CLI passes for --rates / --pack).
 */
export function choiceOptions(choices: LoadedChoices): { rates?: RateCard; packSource?: string } {
  return {
    ...(choices.rates ? { rates: choices.rates } : {}),
    ...(choices.packSource ? { packSource: choices.packSource } : {}),
  };
}

/** A remembered card's rows (kept as cells, read again with the same checks). */
function readRatesCsvRows(rows: readonly (readonly unknown[])[], name: string) {
  const text = rows.map((r) => r.map((c) => csvCell(c)).join(",")).join("\n");
  return readRatesCsv(text, name);
}

function csvCell(c: unknown): string {
  const s = c === null || c === undefined ? "" : String(c);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A file's contents through FileReader (every browser and the Office webview have it). */
function readFile(file: File, as: "text"): Promise<string>;
function readFile(file: File, as: "bytes"): Promise<Uint8Array>;
function readFile(file: File, as: "text" | "bytes"): Promise<string | Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error(`cannot read ${file.name}`));
    reader.onload = () =>
      resolve(as === "text" ? String(reader.result) : new Uint8Array(reader.result as ArrayBuffer));
    if (as === "text") reader.readAsText(file, "utf-8");
    else reader.readAsArrayBuffer(file);
  });
}

/** The card file's rows as cells: a CSV's fields, or an .xlsx's AE Rates (else first) sheet. */
async function cardRows(file: File): Promise<{ rows: unknown[][] } | { error: string }> {
  const name = file.name;
  if (/\.csv$|\.txt$|\.tsv$/i.test(name)) {
    const r = readRatesCsv(await readFile(file, "bytes"), name);
    if (!r.ok) return { error: describeProblems(r.problems, "en") };
    return { rows: cardAsRows(r.card) };
  }
  if (/\.xlsx$|\.xlsm$/i.test(name)) {
    const port = await XlsxPort.open(await readFile(file, "bytes"));
    const r = await readRatesWorkbook(port, name);
    if (!r.ok) return { error: describeProblems(r.problems, "en") };
    return { rows: cardAsRows(r.card) };
  }
  return { error: `${name}: choose an .xlsx or .csv file` };
}

/** A checked card back as header + rows (what the settings remember). */
function cardAsRows(card: RateCard): unknown[][] {
  const header = [
    "模式",
    "目的国",
    "重量上限(kg)",
    "首重(kg)",
    "首重费(元)",
    "续重单价(元/kg)",
    "续重步长(kg)",
    "单票固定费(元)",
  ];
  return [
    ...(card.date ? [["日期", card.date]] : []),
    header,
    ...card.rows.map((r) => [
      r.mode,
      r.destination,
      r.upToKg?.toString() ?? "",
      r.firstWeightKg.toString(),
      r.firstWeightFee.toString(),
      r.feePerKg.toString(),
      r.stepKg.toString(),
      r.perParcel.toString(),
    ]),
  ];
}

/** The pack line, the rule update and the rate card, with their Load… buttons. */
export function RatesAndRules({
  settings,
  onSettings,
  lang,
  disabled,
}: {
  settings: PaneSettings;
  onSettings: (next: PaneSettings) => void;
  lang: Lang;
  disabled: boolean;
}): React.ReactElement {
  const [error, setError] = React.useState<PaneError | undefined>();
  const choices = React.useMemo(() => loadedChoices(settings, lang), [settings, lang]);
  const changes = packChanges(defaultRulePack(), choices.engine.pack);
  const fullRows = choices.rates ? fullRowsNote(choices.rates, lang) : undefined;
  const rulesInput = React.useRef<HTMLInputElement>(null);
  const ratesInput = React.useRef<HTMLInputElement>(null);

  async function loadRules(file: File | undefined): Promise<void> {
    if (!file) return;
    setError(undefined);
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, "text"));
    } catch (e) {
      setError({ title: L.badRules[lang], message: `${file.name}: ${(e as Error).message}` });
      return;
    }
    const applied = applyPackOverride(defaultRulePack(), json);
    if (!applied.ok) {
      setError({ title: L.badRules[lang], message: applied.errors.join("; ") });
      return;
    }
    onSettings({ ...settings, rules: { name: file.name, json } });
  }

  async function loadRates(file: File | undefined): Promise<void> {
    if (!file) return;
    setError(undefined);
    const read = await cardRows(file).catch((e: unknown) => ({ error: `${file.name}: ${String(e)}` }));
    if ("error" in read) {
      setError({ title: L.badRates[lang], message: read.error });
      return;
    }
    onSettings({ ...settings, rates: { name: file.name, rows: read.rows } });
  }

  const without = (key: "rules" | "rates"): PaneSettings => {
    const next = { ...settings };
    delete next[key];
    return next;
  };

  return (
    <div className="stack" data-testid="rates-rules">
      <div>
        <Muted>
          {L.update[lang]}:{" "}
          {settings.rules
            ? `${settings.rules.name} (${changes.length} ${L.changes[lang]}: ${changes.join("; ")})`
            : L.sheetOrDefault[lang]}
        </Muted>{" "}
        <Button size="small" disabled={disabled} onClick={() => rulesInput.current?.click()}>
          {L.loadRules[lang]}
        </Button>
        {settings.rules ? (
          <Button
            size="small"
            appearance="subtle"
            disabled={disabled}
            onClick={() => onSettings(without("rules"))}
          >
            {L.remove[lang]}
          </Button>
        ) : null}
        <input
          ref={rulesInput}
          type="file"
          accept=".json,application/json"
          aria-label={L.loadRules[lang]}
          style={{ display: "none" }}
          onChange={(e) => void loadRules(e.target.files?.[0])}
        />
      </div>
      <div>
        <Muted>
          {L.rates[lang]}: {choices.rates ? describeCard(choices.rates, lang) : L.ratesDefault[lang]}
        </Muted>{" "}
        <Button size="small" disabled={disabled} onClick={() => ratesInput.current?.click()}>
          {L.loadRates[lang]}
        </Button>
        {settings.rates ? (
          <Button
            size="small"
            appearance="subtle"
            disabled={disabled}
            onClick={() => onSettings(without("rates"))}
          >
            {L.remove[lang]}
          </Button>
        ) : null}
        <input
          ref={ratesInput}
          type="file"
          accept=".csv,.xlsx,.xlsm,text/csv"
          aria-label={L.loadRates[lang]}
          style={{ display: "none" }}
          onChange={(e) => void loadRates(e.target.files?.[0])}
        />
      </div>
      {fullRows ? <Note intent="warning">{fullRows}</Note> : null}
      <ErrorBar error={error ?? choices.problems[0]} />
    </div>
  );
}
