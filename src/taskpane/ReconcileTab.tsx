/**
 * The Reconcile tab: a platform statement sheet against the rules, line by line, through the same
 * pipeline, port and nothing-lost rules as the catalog check.
 * @packageDocumentation
 */
import * as React from "react";
import {
  Badge,
  Button,
  Field,
  Input,
  Link,
  Radio,
  RadioGroup,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import type { CheckMode } from "../engine";
import { engine } from "../runtime/engine";
import { runReconcile, type ReconcileSummary, type Verdict } from "../pipeline/reconcile";
import { feeOptionsOf } from "./CheckTab";
import {
  ErrorBar,
  Muted,
  Note,
  RunProgress,
  errorMessage,
  responsive,
  useRun,
  userSheets,
  type TabProps,
} from "./common";
import type { PaneHost } from "./host";
import { count, t, yuan, type Lang } from "./strings";

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
  const fees = feeOptionsOf(settings.options ?? {});

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
    setSummary(undefined);
    await runner.start(
      (hooks) =>
        runReconcile(responsive(host.port()), engine, {
          mode,
          lang,
          tolerance: toleranceValue,
          fees: fees.options,
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
        {...(toleranceOk ? {} : { validationState: "error" as const, validationMessage: "≥ 0" })}
      >
        <Input
          value={tolerance}
          onChange={(_, d) => onSettings({ ...settings, tolerance: d.value })}
          aria-label="tolerance"
        />
      </Field>
      {!fees.ok ? (
        <ErrorBar error={{ title: t(lang, "errOptions"), message: fees.errors.join("; ") }} />
      ) : null}
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
      {summary ? <ReconcileResults host={host} lang={lang} summary={summary} /> : null}
    </div>
  );
}

function ReconcileResults({
  host,
  lang,
  summary,
}: {
  host: PaneHost;
  lang: Lang;
  summary: ReconcileSummary;
}): React.ReactElement {
  const diffColumn = summary.columns[1]?.letter;
  return (
    <section className="stack" aria-label={t(lang, "results")} data-testid="reconcile-results">
      <Text weight="semibold" size={400}>
        {t(lang, "results")}
      </Text>
      <div style={{ display: "flex", gap: 6, flexWrap: "wrap" }}>
        {VERDICTS.map((v) => (
          <Badge key={v} appearance="tint" color={COLOR[v]} data-verdict={v}>
            {t(lang, v)}: {count(summary.counts[v])}
          </Badge>
        ))}
      </div>
      <Muted>
        {t(lang, "expectedTotal")} {yuan(summary.expectedFen)} · {t(lang, "chargedTotal")}{" "}
        {yuan(summary.chargedFen)} · {t(lang, "overTotal")} {yuan(summary.overchargedFen)} ·{" "}
        {t(lang, "underTotal")} {yuan(summary.underchargedFen)}
      </Muted>
      <Muted>
        {t(lang, "refunds")}: {count(summary.refunds)} · {t(lang, "duplicates")}:{" "}
        {count(summary.duplicateLines)}
      </Muted>
      {summary.largest.length > 0 ? (
        <>
          <Text weight="semibold">{t(lang, "largest")}</Text>
          <Table size="small" aria-label={t(lang, "largest")}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell style={{ width: 44 }}>{t(lang, "colRow")}</TableHeaderCell>
                <TableHeaderCell>{t(lang, "colOrder")}</TableHeaderCell>
                <TableHeaderCell style={{ width: 70 }}>{t(lang, "colDiff")}</TableHeaderCell>
                <TableHeaderCell>{t(lang, "colNote")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {summary.largest.map((line) => (
                <TableRow key={line.row}>
                  <TableCell>
                    <Link
                      onClick={() =>
                        void host.select(summary.sheet, [
                          diffColumn ? `${diffColumn}${line.row}` : `A${line.row}`,
                        ])
                      }
                    >
                      {line.row}
                    </Link>
                  </TableCell>
                  <TableCell>{line.orderId ?? ""}</TableCell>
                  <TableCell>{line.differenceFen === undefined ? "" : yuan(line.differenceFen)}</TableCell>
                  <TableCell>{line.note}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      ) : null}
    </section>
  );
}
