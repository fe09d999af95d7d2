/**
 * The Check tab: sheet, mode, fee options and the column mapping, then Run with progress and
 * Cancel, and the results (ResultsView.tsx). Laid out for Excel's 320 px pane.
 * @packageDocumentation
 */
import * as React from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Checkbox,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
} from "@fluentui/react-components";
import {
  FIELDS,
  FIELD_NAMES,
  OPTION_KEYS,
  type CheckMode,
  type FieldDef,
  type FieldName,
  type MappedColumn,
} from "../engine";
import { engine } from "../runtime/engine";
import { openSheet, runCheck, type CheckSummary, type OpenedSheet } from "../pipeline/run";
import { inspectSheet, type SheetInspection } from "../pipeline/inspect";
import {
  Announce,
  ErrorBar,
  Muted,
  Note,
  RunProgress,
  errorMessage,
  failureMessage,
  responsive,
  useRun,
  userSheets,
  type TabProps,
  type PaneError,
} from "./common";
import type { PaneSettings } from "./host";
import { RatesAndRules, choiceOptions, loadedChoices } from "./RatesRules";
import { OPTION_HINTS, feeOptionsOf, listSeparator, optionLabel, ruleWords, type OptionError } from "./model";
import { CheckResults, checkAnnouncement } from "./ResultsView";
import { count, t, type Lang, type StringKey } from "./strings";

type Mode = CheckMode | "compare";
/** The run-wide numeric and text options, in the order the form shows them (services are checkboxes). */
export const OPTION_FIELDS = Object.keys(OPTION_KEYS).filter(
  (k) => !["label", "photoqc", "services"].includes(k),
);

const NO_OPTIONS: Readonly<Record<string, string>> = {};

/** Field → the rules that will not be checked without it, for the chosen mode(s). */
export function missingFields(opened: OpenedSheet, mode: Mode): Map<string, string[]> {
  const missing = new Map<string, string[]>();
  const modes: CheckMode[] = mode === "compare" ? ["full", "semi"] : [mode];
  for (const m of modes) {
    const evaluator = engine.prepareSheet(opened.header, { mode: m, mapping: opened.mapping });
    for (const nc of evaluator.notChecked) {
      for (const field of nc.missingFields) {
        const rules = missing.get(field) ?? [];
        if (!rules.includes(nc.ruleId)) rules.push(nc.ruleId);
        missing.set(field, rules);
      }
    }
  }
  return missing;
}

/** The header's unit, else the field's default (what the engine assumes), marked as such. */
function unitOf(column: MappedColumn, lang: Lang): string {
  if (column.unit) return column.unit.code;
  const unit = (FIELDS[column.field] as FieldDef).defaultUnit;
  return unit ? `${unit} ${t(lang, "unitDefault")}` : "";
}

function fieldLabel(field: string, lang: Lang): string {
  return field in FIELDS ? FIELDS[field as FieldName].label[lang] : field;
}

export function CheckTab({
  host,
  lang,
  settings,
  onSettings,
  generation,
  onWritten,
}: TabProps): React.ReactElement {
  const mode: Mode = settings.mode ?? "semi";
  const sheet = settings.sheet ?? "";
  const optionTexts = settings.options ?? NO_OPTIONS;
  const overrides = React.useMemo(() => settings.mapping ?? {}, [settings.mapping]);
  const [sheets, setSheets] = React.useState<readonly string[]>([]);
  const [opened, setOpened] = React.useState<OpenedSheet | undefined>();
  const [previewError, setPreviewError] = React.useState<PaneError | undefined>();
  // What the run will see: rows it will count, and prices in a foreign currency (issue 13).
  const [inspection, setInspection] = React.useState<SheetInspection | undefined>();
  const [result, setResult] = React.useState<{ summary: CheckSummary; seconds: number } | undefined>();
  const runner = useRun(lang);
  const { progress, error, note, setError, setNote } = runner;
  // Another workbook opened (the page): the last results were about the previous one.
  React.useEffect(() => {
    setResult(undefined);
    runner.reset();
  }, [generation]);
  const set = (patch: Partial<PaneSettings>) => onSettings({ ...settings, ...patch });

  // Sheets and the detected columns, again whenever the sheet, the mapping or the workbook changes.
  React.useEffect(() => {
    let live = true;
    if (!host.hasWorkbook()) {
      setSheets([]);
      setOpened(undefined);
      return;
    }
    void (async () => {
      try {
        const port = host.port();
        const names = await port.sheetNames();
        const found = await openSheet(port, {
          ...(sheet && names.includes(sheet) ? { sheet } : {}),
          mappingOverrides: overrides,
        });
        if (!live) return;
        setSheets(userSheets(names));
        if ("ok" in found) {
          setOpened(undefined);
          setPreviewError(failureMessage(found, lang));
        } else {
          setOpened(found);
          setPreviewError(undefined);
          const inspected = await inspectSheet(port, {
            sheet: found.sheet,
            mappingOverrides: overrides,
            mode,
          });
          if (live) setInspection(inspected.ok ? inspected : undefined);
        }
      } catch (e) {
        if (live) setPreviewError(errorMessage(e, lang));
      }
    })();
    return () => {
      live = false;
    };
  }, [host, generation, sheet, overrides, lang, mode]);

  const fees = React.useMemo(() => feeOptionsOf(optionTexts, lang), [optionTexts, lang]);
  const heading = React.useRef<HTMLHeadingElement>(null);
  // After Check, focus moves to the results (and the live region reads them out).
  React.useEffect(() => {
    if (result) heading.current?.focus();
  }, [result]);
  const rateNeeded =
    inspection?.currency.needsRate === true && !(fees.ok && fees.options.fxRate !== undefined)
      ? inspection.currency.message?.[lang]
      : undefined;
  // Not per render (progress re-renders often): only when the sheet or the mode changes.
  const missing = React.useMemo(() => (opened ? missingFields(opened, mode) : undefined), [opened, mode]);

  async function run(): Promise<void> {
    if (!fees.ok) return;
    const choices = loadedChoices(settings, lang);
    setResult(undefined);
    const profile = await host.profileOption();
    await runner.start(
      (hooks) =>
        runCheck(responsive(host.port()), choices.engine, {
          mode,
          lang,
          fees: fees.options,
          ...choiceOptions(choices),
          mappingOverrides: overrides,
          ...(sheet && sheets.includes(sheet) ? { sheet } : {}),
          ...(profile ? { profile } : {}),
          ...hooks,
        }),
      async (summary: CheckSummary, seconds) => {
        await host.afterCheck(summary, lang);
        setResult({ summary, seconds });
        onWritten();
      },
    );
  }

  async function clear(): Promise<void> {
    setError(undefined);
    try {
      const cleared = await host.clear();
      setResult(undefined);
      setNote(
        cleared.columns > 0 ? t(lang, "cleared", { columns: cleared.columns }) : t(lang, "nothingToClear"),
      );
      onWritten();
    } catch (e) {
      setError(errorMessage(e, lang));
    }
  }

  const setOverride = (header: string, field: string) => {
    const detected = opened?.mapping.columns.find((c) => c.header === header && c.confidence !== "user");
    const next: Record<string, string | null> = { ...overrides };
    if (detected && detected.field === field) delete next[header];
    else next[header] = field === "" ? null : field;
    set({ mapping: next });
  };

  const running = progress !== undefined;
  return (
    <div className="stack">
      <Field label={t(lang, "sheet")}>
        <Select value={sheet} onChange={(_, d) => set({ sheet: d.value })} disabled={running}>
          <option value="">{t(lang, "sheetAuto")}</option>
          {sheets.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </Select>
      </Field>
      <RatesAndRules settings={settings} onSettings={onSettings} lang={lang} disabled={running} />
      <Field label={t(lang, "mode")}>
        <RadioGroup
          layout="horizontal"
          value={mode}
          onChange={(_, d) => set({ mode: d.value as Mode })}
          disabled={running}
        >
          <Radio value="semi" label={t(lang, "modeSemi")} />
          <Radio value="full" label={t(lang, "modeFull")} />
          <Radio value="compare" label={t(lang, "modeCompare")} />
        </RadioGroup>
      </Field>
      <Accordion collapsible multiple>
        <AccordionItem value="options">
          <AccordionHeader>{t(lang, "feeOptions")}</AccordionHeader>
          <AccordionPanel>
            <OptionsForm
              lang={lang}
              texts={optionTexts}
              errors={fees.ok ? [] : fees.errors}
              hints={rateNeeded ? { fx: rateNeeded } : {}}
              onChange={(options) => set({ options })}
            />
          </AccordionPanel>
        </AccordionItem>
        <AccordionItem value="columns">
          <AccordionHeader>
            {t(lang, "columns")}
            {missing && missing.size > 0 ? (
              <Badge appearance="tint" color="warning" style={{ marginLeft: 8 }}>
                {missing.size}
              </Badge>
            ) : null}
          </AccordionHeader>
          <AccordionPanel>
            {opened ? (
              <MappingView
                lang={lang}
                opened={opened}
                {...(inspection && inspection.sheet === opened.sheet
                  ? { dataRows: inspection.dataRows }
                  : {})}
                overrides={overrides}
                onChange={setOverride}
                onReset={() => set({ mapping: {} })}
              />
            ) : null}
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
      <ErrorBar error={previewError} />
      {missing ? <MissingNote lang={lang} missing={missing} /> : null}
      {rateNeeded ? (
        <Note intent="warning">
          {rateNeeded} · {inspection?.currency.where}
        </Note>
      ) : null}
      {!fees.ok ? (
        <ErrorBar
          error={{
            title: t(lang, "errOptions"),
            message: fees.errors.map((e) => e.message).join(listSeparator(lang)),
          }}
        />
      ) : null}
      <div style={{ display: "flex", gap: 8 }}>
        <Button
          appearance="primary"
          onClick={() => void run()}
          disabled={running || !host.hasWorkbook() || !fees.ok || !opened}
        >
          {t(lang, "run")}
        </Button>
        <Button onClick={() => void clear()} disabled={running || !host.hasWorkbook()}>
          {t(lang, "clear")}
        </Button>
      </div>
      <RunProgress progress={progress} lang={lang} onCancel={runner.cancel} />
      <ErrorBar error={error} />
      {note ? <Note intent="info">{note}</Note> : null}
      <Announce text={result ? checkAnnouncement(result.summary, lang) : ""} />
      {result ? <CheckResults host={host} lang={lang} {...result} headingRef={heading} /> : null}
    </div>
  );
}

function OptionsForm({
  lang,
  texts,
  errors,
  hints,
  onChange,
}: {
  lang: Lang;
  texts: Readonly<Record<string, string>>;
  errors: readonly OptionError[];
  /** A warning shown under an option (the exchange rate a USD sheet needs). */
  hints: Readonly<Record<string, string>>;
  onChange: (texts: Record<string, string>) => void;
}): React.ReactElement {
  const services = (texts.services ?? "").split(",").filter(Boolean);
  const toggle = (service: string, on: boolean) => {
    const next = new Set(services);
    if (on) next.add(service);
    else next.delete(service);
    onChange({ ...texts, services: [...next].join(",") });
  };
  const errorFor = (key: string) =>
    errors
      .filter((e) => e.key === key)
      .map((e) => e.message)
      .join(listSeparator(lang)) || undefined;
  return (
    <div className="stack">
      <Field label={t(lang, "services")}>
        <div className="ae-wrap">
          <Checkbox
            label={t(lang, "serviceLabel")}
            checked={services.includes("label")}
            onChange={(_, d) => toggle("label", d.checked === true)}
          />
          <Checkbox
            label={t(lang, "servicePhoto")}
            checked={services.includes("photoqc")}
            onChange={(_, d) => toggle("photoqc", d.checked === true)}
          />
        </div>
      </Field>
      <div className="grid2">
        {OPTION_FIELDS.map((key) => {
          const message = errorFor(key);
          const hint = hints[key];
          return (
            <Field
              key={key}
              label={optionLabel(key, lang)}
              hint={OPTION_HINTS[key]?.[lang] ?? null}
              {...(message
                ? { validationState: "error" as const, validationMessage: message }
                : hint
                  ? { validationState: "warning" as const, validationMessage: hint }
                  : {})}
            >
              <Input value={texts[key] ?? ""} onChange={(_, d) => onChange({ ...texts, [key]: d.value })} />
            </Field>
          );
        })}
      </div>
    </div>
  );
}

/** The fields the sheet lacks and the rules that will not be checked without them. */
function MissingNote({
  lang,
  missing,
}: {
  lang: Lang;
  missing: ReadonlyMap<string, readonly string[]>;
}): React.ReactElement {
  return missing.size > 0 ? (
    <Note intent="warning">
      {t(lang, "missingFields")}
      <ul className="tight" aria-label={t(lang, "missingFields")} data-testid="missing-fields">
        {[...missing].map(([field, rules]) => (
          <li key={field}>
            <b>{fieldLabel(field, lang)}</b> —{" "}
            {rules.map((r, k) => (
              <span key={r}>
                {k > 0 ? listSeparator(lang) : ""}
                {ruleWords(engine, r, lang).title} <span className="ae-rule-id">{r}</span>
              </span>
            ))}
          </li>
        ))}
      </ul>
    </Note>
  ) : (
    <Note intent="success">{t(lang, "allMapped")}</Note>
  );
}

function MappingView({
  lang,
  opened,
  dataRows: counted,
  overrides,
  onChange,
  onReset,
}: {
  lang: Lang;
  opened: OpenedSheet;
  /** Rows the run will count (totals and blank rows left out), once the sheet was inspected. */
  dataRows?: number;
  overrides: Readonly<Record<string, string | null>>;
  onChange: (header: string, field: string) => void;
  onReset: () => void;
}): React.ReactElement {
  const rows = [
    ...opened.mapping.columns.map((c) => ({
      index: c.index,
      letter: c.letter,
      header: c.header,
      field: c.field as string,
      unit: unitOf(c, lang),
      match: c.confidence,
    })),
    ...opened.mapping.unmapped
      .filter((u) => u.reason !== "ignored" && u.header !== "")
      .map((u) => ({
        index: u.index,
        letter: u.letter,
        header: u.header,
        field: "",
        unit: "",
        match: undefined,
      })),
  ].sort((a, b) => a.index - b.index);
  const matchKey: Record<string, StringKey> = {
    exact: "matchExact",
    partial: "matchPartial",
    user: "matchUser",
  };
  const dataRows = counted ?? Math.max(0, opened.extent.lastRow - opened.headerRow);
  return (
    <div className="stack">
      <Muted>
        {t(lang, "headerAt", { row: opened.headerRow, sheet: opened.sheet, rows: count(dataRows) })}
      </Muted>
      <ul className="ae-mapping" aria-label={t(lang, "columns")}>
        {rows.map((r) => (
          <li key={r.index} className="ae-mapping-row">
            <Field
              label={`${r.letter} · ${r.header}`}
              hint={[
                r.unit ? `${t(lang, "colUnit")}: ${r.unit}` : "",
                `${t(lang, "colMatch")}: ${r.match ? t(lang, matchKey[r.match] as StringKey) : t(lang, "matchNone")}`,
              ]
                .filter(Boolean)
                .join(" · ")}
            >
              <Select value={r.field} onChange={(_, d) => onChange(r.header, d.value)}>
                <option value="">{t(lang, "notUsed")}</option>
                {FIELD_NAMES.map((f) => (
                  <option key={f} value={f}>
                    {FIELDS[f].label[lang]}
                  </option>
                ))}
              </Select>
            </Field>
          </li>
        ))}
      </ul>
      {Object.keys(overrides).length > 0 ? (
        <div>
          <Button size="small" onClick={onReset}>
            {t(lang, "resetMapping")}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
