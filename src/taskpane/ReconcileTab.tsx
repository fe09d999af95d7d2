/**
 * The Reconcile tab: a platform statement sheet against the rules, line by line, through the same
 * pipeline, port and nothing-lost rules as the catalog check.
 * @packageDocumentation
 */
import * as React from "react";
import { Badge, Button, Field, Input, Link, Radio, RadioGroup, Select } from "@fluentui/react-components";
import type { CheckMode } from "../engine";
import {
  cannotCheckGroups,
  cannotCheckText,
  runReconcile,
  type ReconcileSummary,
  type Verdict,
} from "../pipeline/reconcile";
import {
  Announce,
  ErrorBar,
  Muted,
  Note,
  RunProgress,
  downloadFile,
  errorMessage,
  responsive,
  useRun,
  userSheets,
  type TabProps,
} from "./common";
import type { PaneHost } from "./host";
import { OPTION_HINTS, disputesCsv, feeOptionsOf, listSeparator } from "./model";
import { PackLine } from "./ResultsView";
import { RatesAndRules, choiceOptions, loadedChoices } from "./RatesRules";
import { count, moneyText, t, tn, type Lang } from "./strings";

const money = moneyText;

/** A Field's error props for a message, none without one. */
const invalid = (message: string | undefined) =>
  message ? { validationState: "error" as const, validationMessage: message } : {};

const VERDICTS: readonly Verdict[] = ["MATCH", "OVERCHARGED", "UNDERCHARGED", "CANNOT_CHECK"];
const COLOR: Readonly<Record<Verdict, "success" | "danger" | "warning" | "informative">> = {
  MATCH: "success",
  OVERCHARGED: "danger",
  UNDERCHARGED: "warning",
  CANNOT_CHECK: "informative",
};

export function ReconcileTab({
  host,
  lang,
  settings,
  onSettings,
  generation,
  onWritten,
}: TabProps): React.ReactElement {
  const [sheets, setSheets] = React.useState<readonly string[]>([]);
  const [sheet, setSheet] = React.useState("");
  const [summary, setSummary] = React.useState<ReconcileSummary | undefined>();
  const runner = useRun(lang);
  const { progress, error, note, setError } = runner;
  // Another workbook opened (the page): the last results were about the previous one.
  React.useEffect(() => {
    setSummary(undefined);
    runner.reset();
  }, [generation]);
  const mode: CheckMode = settings.reconcileMode ?? "semi";
  const tolerance = settings.tolerance ?? "0.01";
  const toleranceValue = Number(tolerance);
  const toleranceOk = tolerance.trim() !== "" && Number.isFinite(toleranceValue) && toleranceValue >= 0;
  // The tab's own rates, not the Check tab's options (a statement is not the catalog's run).
  const fx = settings.reconcileFx ?? "";
  const fulfilmentRate = settings.reconcileFulfilmentRate ?? "";
  const fees = React.useMemo(
    () => feeOptionsOf({ fx, fulfilmentrate: fulfilmentRate }, lang),
    [fx, fulfilmentRate, lang],
  );
  const errorFor = (key: string) =>
    fees.ok
      ? undefined
      : fees.errors
          .filter((e) => e.key === key)
          .map((e) => e.message)
          .join(listSeparator(lang)) || undefined;
  const heading = React.useRef<HTMLHeadingElement>(null);
  React.useEffect(() => {
    if (summary) heading.current?.focus();
  }, [summary]);

  React.useEffect(() => {
    let live = true;
    if (!host.hasWorkbook()) return;
    void host
      .port()
      .sheetNames()
      .then((names) => {
        if (live) setSheets(userSheets(names));
      })
      .catch((e: unknown) => live && setError(errorMessage(e, lang)));
    return () => {
      live = false;
    };
  }, [host, generation, lang]);

  async function run(): Promise<void> {
    if (!fees.ok || !toleranceOk) return;
    // The loaded rule update and rate card, as the check (and the CLI's --pack / --rates) use them.
    const choices = loadedChoices(settings, lang);
    setSummary(undefined);
    await runner.start(
      (hooks) =>
        runReconcile(responsive(host.port()), choices.engine, {
          mode,
          lang,
          tolerance: toleranceValue,
          fees: fees.options,
          ...choiceOptions(choices),
          ...(sheet ? { sheet } : {}),
          ...hooks,
        }),
      async (result: ReconcileSummary) => {
        await host.afterReconcile(result);
        setSummary(result);
        onWritten();
      },
    );
  }

  const running = progress !== undefined;
  return (
    <div className="stack">
      <Field label={t(lang, "sheet")}>
        <Select value={sheet} onChange={(_, d) => setSheet(d.value)} disabled={running}>
          <option value="">{t(lang, "sheetAuto")}</option>
          {sheets.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </Select>
      </Field>
      <RatesAndRules settings={settings} onSettings={onSettings} lang={lang} disabled={running} />
      <Field label={t(lang, "defaultMode")}>
        <RadioGroup
          layout="horizontal"
          value={mode}
          onChange={(_, d) => onSettings({ ...settings, reconcileMode: d.value as CheckMode })}
        >
          <Radio value="semi" label={t(lang, "modeSemi")} />
          <Radio value="full" label={t(lang, "modeFull")} />
        </RadioGroup>
      </Field>
      <Field
        label={t(lang, "tolerance")}
        {...(toleranceOk
          ? {}
          : { validationState: "error" as const, validationMessage: t(lang, "toleranceError") })}
      >
        <Input
          value={tolerance}
          inputMode="decimal"
          onChange={(_, d) => onSettings({ ...settings, tolerance: d.value })}
        />
      </Field>
      <Field
        label={t(lang, "reconcileFx")}
        hint={OPTION_HINTS.fx?.[lang] ?? null}
        {...invalid(errorFor("fx"))}
      >
        <Input
          value={fx}
          inputMode="decimal"
          onChange={(_, d) => onSettings({ ...settings, reconcileFx: d.value })}
        />
      </Field>
      <Field
        label={t(lang, "reconcileFulfilment")}
        hint={OPTION_HINTS.fulfilmentrate?.[lang] ?? null}
        {...invalid(errorFor("fulfilmentrate"))}
      >
        <Input
          value={fulfilmentRate}
          onChange={(_, d) => onSettings({ ...settings, reconcileFulfilmentRate: d.value })}
        />
      </Field>
      <div>
        <Button
          appearance="primary"
          onClick={() => void run()}
          disabled={running || !host.hasWorkbook() || !fees.ok || !toleranceOk}
        >
          {t(lang, "runReconcile")}
        </Button>
      </div>
      <RunProgress progress={progress} lang={lang} onCancel={runner.cancel} />
      <ErrorBar error={error} />
      {note ? <Note intent="info">{note}</Note> : null}
      <Announce
        text={
          summary
            ? t(lang, "reconcileAnnounce", {
                lines: count(summary.lines),
                counts: VERDICTS.map((v) => `${t(lang, v)} ${count(summary.counts[v])}`).join(", "),
              })
            : ""
        }
      />
      {summary ? <ReconcileResults host={host} lang={lang} summary={summary} headingRef={heading} /> : null}
    </div>
  );
}

function ReconcileResults({
  host,
  lang,
  summary,
  headingRef,
}: {
  host: PaneHost;
  lang: Lang;
  summary: ReconcileSummary;
  headingRef?: React.Ref<HTMLHeadingElement>;
}): React.ReactElement {
  const diffColumn = summary.columns[1]?.letter;
  const selectLine = (row: number) =>
    void host.select(summary.sheet, [diffColumn ? `${diffColumn}${row}` : `A${row}`]);
  const groups = React.useMemo(() => cannotCheckGroups(summary.cannotCheckLines), [summary]);
  const base = ((host as { name?: string }).name ?? "statement").replace(/\.xlsx$/i, "");
  return (
    <section className="stack" aria-labelledby="ae-reconcile-title" data-testid="reconcile-results">
      <h2 id="ae-reconcile-title" className="ae-h2" tabIndex={-1} ref={headingRef}>
        {t(lang, "results")}
      </h2>
      <PackLine lang={lang} summary={summary} />
      <div className="ae-badges">
        {VERDICTS.map((v) => (
          <Badge key={v} appearance="tint" color={COLOR[v]} data-verdict={v}>
            {t(lang, v)}: {count(summary.counts[v])}
          </Badge>
        ))}
      </div>
      <Muted>
        {t(lang, "expectedTotal")} {money(summary.expectedFen)} · {t(lang, "chargedTotal")}{" "}
        {money(summary.chargedFen)} · {t(lang, "overTotal")} {money(summary.overchargedFen)} ·{" "}
        {t(lang, "underTotal")} {money(summary.underchargedFen)}
      </Muted>
      <Muted>
        {t(lang, "refunds")}: {count(summary.refunds)} · {t(lang, "duplicates")}:{" "}
        {count(summary.duplicateLines)}
      </Muted>
      <div className="stack" data-testid="disputes">
        <h3 className="ae-h3">{t(lang, "disputed")}</h3>
        {summary.disputed.length === 0 ? (
          <Muted>{t(lang, "noDisputes")}</Muted>
        ) : (
          <div className="stack">
            <Muted>{t(lang, "disputesSheet", { n: count(summary.disputes) })}</Muted>
            <Button
              onClick={() =>
                downloadFile(
                  `${base}.disputes.csv`,
                  disputesCsv(summary.disputed, lang),
                  "text/csv;charset=utf-8",
                )
              }
            >
              {tn(lang, "downloadDisputes", summary.disputed.length)}
            </Button>
          </div>
        )}
      </div>
      {groups.length > 0 ? (
        <div className="stack" data-testid="cannot-check">
          <h3 className="ae-h3">{t(lang, "cannotGroups")}</h3>
          <ul className="ae-list">
            {groups.map((g) => (
              <li key={g.code} className="ae-item" data-reason={g.code}>
                <span className="ae-rule-title">
                  {t(lang, g.code)} — {tn(lang, "nLines", g.lines.length)}
                </span>
                <ul className="tight">
                  {g.lines.slice(0, 12).map((line) => (
                    <li key={line.row} className="ae-item-foot">
                      <Link as="button" onClick={() => selectLine(line.row)}>
                        {t(lang, "colRow")} {line.row}
                        {line.orderId ? ` (${line.orderId})` : ""}
                      </Link>{" "}
                      {cannotCheckText(line, lang)}
                    </li>
                  ))}
                </ul>
                {g.lines.length > 12 ? (
                  <span className="ae-item-foot">
                    {t(lang, "moreRows", { n: count(g.lines.length - 12) })}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {summary.largest.length > 0 ? (
        <div className="stack">
          <h3 className="ae-h3" id="ae-largest">
            {t(lang, "largest")}
          </h3>
          <ul className="ae-list" aria-labelledby="ae-largest" data-testid="largest">
            {summary.largest.map((line) => (
              <li key={line.row} className="ae-item">
                <span>
                  <Link as="button" onClick={() => selectLine(line.row)}>
                    {t(lang, "colRow")} {line.row}
                  </Link>
                  {line.orderId ? ` · ${t(lang, "colOrder")} ${line.orderId}` : ""} ·{" "}
                  <b>
                    {t(lang, "colDiff")} {line.differenceFen === undefined ? "" : money(line.differenceFen)}
                  </b>{" "}
                  <span className="ae-muted">({t(lang, line.verdict)})</span>
                </span>
                {line.note ? <span className="ae-item-foot">{line.note}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
