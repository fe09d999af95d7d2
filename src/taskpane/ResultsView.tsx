/**
 * The results of a check: counts per status, the rule pack, the compare decision, "what to fix",
 * the issues by rule in words, and the per-SKU view (virtualised; filter by status, rule or SKU).
 * Every rule is shown by its title and message in the pane's language, its id as a detail.
 * @packageDocumentation
 */
import * as React from "react";
import { Badge, Button, Field, Input, Link, Select, Text } from "@fluentui/react-components";
import { FIELDS, describeCard, type CheckMode, type FieldName, type Issue, type RowStatus } from "../engine";
import { describeOverride } from "../pipeline/report";
import { fullRowsNote } from "../pipeline/rates";
import { engine } from "../runtime/engine";
import { STATUSES, type CheckSummary, type RuleTally } from "../pipeline/run";
import { Muted } from "./common";
import type { PaneHost } from "./host";
import {
  filterRows,
  listSeparator,
  modeDecision,
  packInfo,
  ruleWords,
  skuRows,
  whatToFix,
  type Fix,
  type ModeCell,
  type RowFilter,
  type SkuRow,
} from "./model";
import { count, moneyText, t, tn, type Lang, type StringKey } from "./strings";

export const STATUS_COLOR: Readonly<Record<RowStatus, "success" | "warning" | "danger" | "informative">> = {
  ELIGIBLE: "success",
  ELIGIBLE_WITH_WARNINGS: "warning",
  NOT_ELIGIBLE: "danger",
  INCOMPLETE: "informative",
};

const modeName = (m: CheckMode, lang: Lang) => t(lang, m === "semi" ? "modeSemi" : "modeFull");
const money = moneyText;

/**
 * What a run's answers rest on, with its results (the one place the pane names the rule pack):
 * the pack the run used, its version and as-of date, the rule update applied, and the rate card.
 */
export function PackLine({
  lang,
  summary,
}: {
  lang: Lang;
  summary: Pick<CheckSummary, "pack" | "packSource" | "rateCard">;
}): React.ReactElement {
  const info = packInfo(summary.pack);
  const fullRows = fullRowsNote(summary.rateCard, lang);
  return (
    <Muted>
      <span data-testid="rules-as-of">
        {t(lang, "rulesAsOf", { version: info.version, date: info.asOf })}
      </span>
      {summary.packSource !== undefined ? (
        <span className="ae-block" data-testid="rule-update">
          {t(lang, "ruleUpdate")}: {describeOverride(summary.packSource, summary.pack, lang)}
        </span>
      ) : null}
      <span className="ae-block" data-testid="rate-card">
        {t(lang, "rateCard")}: {describeCard(summary.rateCard, lang)}
      </span>
      {fullRows ? (
        <span className="ae-block" data-testid="card-full-rows">
          {fullRows}
        </span>
      ) : null}
    </Muted>
  );
}

/** A rule in words: its title, then a message, with the id as a small detail that wraps. */
function RuleText({
  ruleId,
  message,
  lang,
}: {
  ruleId: string;
  message?: string;
  lang: Lang;
}): React.ReactElement {
  const words = ruleWords(engine, ruleId, lang);
  return (
    <span className="ae-rule">
      <span className="ae-rule-title">{words.title}</span>
      {message ? <span className="ae-rule-message">{message}</span> : null}
      <span className="ae-rule-id">
        {t(lang, "ruleId")}: {ruleId}
      </span>
    </span>
  );
}

/** The sentence read out when a check finishes. */
export function checkAnnouncement(summary: CheckSummary, lang: Lang): string {
  const counts = summary.modes
    .map(
      (m) =>
        `${summary.modes.length > 1 ? `${modeName(m.mode, lang)}: ` : ""}${STATUSES.map((s) => `${t(lang, s)} ${count(m.counts[s])}`).join(", ")}`,
    )
    .join(". ");
  return t(lang, "resultsAnnounce", { rows: count(summary.rowsChecked), counts });
}

export function CheckResults({
  host,
  lang,
  summary,
  seconds,
  headingRef,
}: {
  host: PaneHost;
  lang: Lang;
  summary: CheckSummary;
  seconds: number;
  headingRef?: React.Ref<HTMLHeadingElement>;
}): React.ReactElement {
  const select = (cells: readonly string[]) => void host.select(summary.sheet, cells);
  const undoable = host.undoable();
  const rows = React.useMemo(() => skuRows(summary), [summary]);
  const fixes = React.useMemo(() => whatToFix(rows), [rows]);
  const [filter, setFilter] = React.useState<RowFilter>({ status: "", rule: "" });
  const skuView = React.useRef<HTMLDivElement>(null);
  const showRule = (ruleId: string) => {
    setFilter({ status: "", rule: ruleId });
    skuView.current?.scrollIntoView({ block: "start" });
    skuView.current?.focus();
  };
  const withCost = summary.mapping.byField.cost !== undefined;
  return (
    <section aria-labelledby="ae-results-title" className="stack" data-testid="results">
      <h2 id="ae-results-title" ref={headingRef} tabIndex={-1} className="ae-h2">
        {t(lang, "results")}
      </h2>
      <Muted>
        {t(lang, "doneIn", { rows: count(summary.rowsChecked), seconds: seconds.toFixed(1) })} ·{" "}
        {t(lang, "wroteColumns", {
          columns: `${summary.columns[0]?.letter ?? ""}–${summary.columns[summary.columns.length - 1]?.letter ?? ""}`,
        })}
      </Muted>
      <PackLine lang={lang} summary={summary} />
      {undoable !== undefined ? (
        <Muted>{undoable ? t(lang, "undoable") : t(lang, "notUndoable")}</Muted>
      ) : null}
      {summary.modes.map((m) => (
        <div key={m.mode} className="stack" data-testid={`counts-${m.mode}`}>
          <Text weight="semibold">{modeName(m.mode, lang)}</Text>
          <div className="ae-badges">
            {STATUSES.map((s) => (
              <Badge key={s} appearance="tint" color={STATUS_COLOR[s]} data-status={s}>
                {t(lang, s)}: {count(m.counts[s])}
              </Badge>
            ))}
          </div>
          <Muted>
            {t(lang, "seller")}:{" "}
            {summary.profileSource === "none"
              ? t(lang, "sellerNoProfile")
              : `${t(lang, m.seller.status)}${m.seller.issues.length > 0 ? ` — ${m.seller.issues.map((i) => i.message[lang]).join(listSeparator(lang))}` : ""}`}
          </Muted>
        </div>
      ))}
      {summary.mode === "compare" ? <Decision lang={lang} rows={rows} withCost={withCost} /> : null}
      <SkuView
        host={host}
        lang={lang}
        summary={summary}
        rows={rows}
        filter={filter}
        onFilter={setFilter}
        viewRef={skuView}
      />
      <WhatToFix lang={lang} fixes={fixes} onShow={showRule} compare={summary.modes.length > 1} />
      <IssuesByRule lang={lang} summary={summary} onSelect={select} />
    </section>
  );
}

/** Compare mode: which mode, for the catalog. */
function Decision({
  lang,
  rows,
  withCost,
}: {
  lang: Lang;
  rows: readonly SkuRow[];
  withCost: boolean;
}): React.ReactElement {
  const d = React.useMemo(() => modeDecision(rows, withCost), [rows, withCost]);
  const not = d.notCompared;
  const notTotal = not.onlyFull + not.onlySemi + not.neither + not.noFee;
  return (
    <div className="stack ae-card" data-testid="decision">
      <h3 className="ae-h3">{t(lang, "decision")}</h3>
      {(["full", "semi"] as const).map((m) => (
        <div key={m}>
          <Text weight="semibold">{modeName(m, lang)}</Text>
          <ul className="tight">
            <li>{t(lang, "eligibleOf", { n: count(d.perMode[m].eligible), rows: count(d.rows) })}</li>
            <li>
              {t(lang, "totalFees", { fee: money(d.perMode[m].feeFen), n: count(d.perMode[m].feeRows) })}
            </li>
            {withCost ? (
              <li>
                {t(lang, "totalProfit", {
                  profit: money(d.perMode[m].profitFen),
                  n: count(d.perMode[m].profitRows),
                })}
              </li>
            ) : null}
          </ul>
        </div>
      ))}
      <div>
        <Text>{tn(lang, "bestOver", d.compared)}</Text>
        <ul className="tight" data-testid="best-counts">
          <li>
            {modeName("full", lang)}: {count(d.best.full)}
          </li>
          <li>
            {modeName("semi", lang)}: {count(d.best.semi)}
          </li>
          <li>
            {t(lang, "bestSame")}: {count(d.best.same)}
          </li>
        </ul>
        {d.compared > 0 ? (
          <Muted>
            {t(lang, "comparedFees", {
              full: money(d.comparedFeeFen.full),
              semi: money(d.comparedFeeFen.semi),
            })}
          </Muted>
        ) : null}
      </div>
      {notTotal > 0 ? (
        <div>
          <Text>{t(lang, "notCompared", { n: count(notTotal) })}</Text>
          <ul className="tight" data-testid="not-compared">
            {(["onlyFull", "onlySemi", "neither", "noFee"] as const)
              .filter((k) => not[k] > 0)
              .map((k) => (
                <li key={k}>
                  {t(lang, k)}: {count(not[k])}
                </li>
              ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

function WhatToFix({
  lang,
  fixes,
  onShow,
  compare,
}: {
  lang: Lang;
  fixes: readonly Fix[];
  onShow: (ruleId: string) => void;
  compare: boolean;
}): React.ReactElement {
  const [all, setAll] = React.useState(false);
  const shown = all ? fixes : fixes.slice(0, 5);
  return (
    <div className="stack" data-testid="what-to-fix">
      <h3 className="ae-h3">{t(lang, "whatToFix")}</h3>
      {fixes.length === 0 ? (
        <Muted>{t(lang, "nothingToFix")}</Muted>
      ) : (
        <>
          <Muted>{t(lang, "whatToFixHint")}</Muted>
          <ol className="ae-list">
            {shown.map((f) => (
              <li key={`${f.mode}-${f.ruleId}`} className="ae-item">
                <RuleText ruleId={f.ruleId} message={f.example[lang]} lang={lang} />
                <span className="ae-item-foot">
                  <b>
                    {compare ? `${modeName(f.mode, lang)} · ` : ""}
                    {tn(lang, "unblocks", f.unblocks)}
                  </b>{" "}
                  · {t(lang, "blocks", { n: count(f.blocks) })}{" "}
                  <Link as="button" onClick={() => onShow(f.ruleId)}>
                    {t(lang, "showRows")}
                  </Link>
                </span>
              </li>
            ))}
          </ol>
          {fixes.length > shown.length ? (
            <div>
              <Button size="small" onClick={() => setAll(true)}>
                {t(lang, "moreRows", { n: count(fixes.length - shown.length) })}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}

function IssuesByRule({
  lang,
  summary,
  onSelect,
}: {
  lang: Lang;
  summary: CheckSummary;
  onSelect: (cells: readonly string[]) => void;
}): React.ReactElement {
  const tallies: readonly RuleTally[] = summary.tallies;
  return (
    <div className="stack" data-testid="issues-by-rule">
      <h3 className="ae-h3">{t(lang, "issuesByRule")}</h3>
      {tallies.length === 0 ? (
        <Muted>{t(lang, "noIssues")}</Muted>
      ) : (
        <ul className="ae-list">
          {tallies.map((r) => (
            <li key={`${r.mode}-${r.ruleId}-${r.severity}`} className="ae-item">
              <RuleText ruleId={r.ruleId} message={r.example[lang]} lang={lang} />
              <span className="ae-item-foot">
                {summary.modes.length > 1 ? `${modeName(r.mode, lang)} · ` : ""}
                {t(lang, r.severity)} · {t(lang, "colRows")} {count(r.rows)}
                {r.firstCells.length > 0 ? " · " : ""}
                {r.firstCells.map((c) => (
                  <Link key={c} as="button" onClick={() => onSelect([c])} className="ae-cell-link">
                    {c}
                  </Link>
                ))}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const ROW_HEIGHT = 88;
const VIEW_HEIGHT = 352;
const OVERSCAN = 4;

/** Every rule id that occurs in the rows, for the rule filter. */
function rulesIn(summary: CheckSummary): string[] {
  return [...new Set(summary.tallies.map((r) => r.ruleId))];
}

function feeText(cell: ModeCell | undefined, lang: Lang): string {
  if (!cell) return "";
  const parts = [
    cell.feeFen === undefined ? t(lang, "noFeeShort") : `${t(lang, "fee")} ${money(cell.feeFen)}`,
  ];
  if (cell.profitFen !== undefined)
    parts.push(
      `${t(lang, "profit")} ${money(cell.profitFen)}${cell.margin !== undefined ? ` (${t(lang, "margin")} ${(cell.margin * 100).toFixed(1)}%)` : ""}`,
    );
  return parts.join(" · ");
}

function firstIssues(row: SkuRow, lang: Lang): string {
  const texts: string[] = [];
  for (const m in row.modes) {
    for (const issue of (row.modes[m as CheckMode] as ModeCell).issues) {
      const text = `${ruleWords(engine, issue.ruleId, lang).title}: ${issue.message[lang]}`;
      if (!texts.includes(text)) texts.push(text);
      if (texts.length >= 2) return texts.join(listSeparator(lang));
    }
  }
  return texts.join(listSeparator(lang));
}

/** The per-SKU view: filters and a virtualised list (only the rows in view are in the page). */
function SkuView({
  host,
  lang,
  summary,
  rows,
  filter,
  onFilter,
  viewRef,
}: {
  host: PaneHost;
  lang: Lang;
  summary: CheckSummary;
  rows: readonly SkuRow[];
  filter: RowFilter;
  onFilter: (f: RowFilter) => void;
  viewRef: React.Ref<HTMLDivElement>;
}): React.ReactElement {
  const shown = React.useMemo(() => filterRows(rows, filter), [rows, filter]);
  const [top, setTop] = React.useState(0);
  const [detail, setDetail] = React.useState<SkuRow | undefined>();
  const list = React.useRef<HTMLDivElement>(null);
  React.useEffect(() => {
    setTop(0);
    if (list.current) list.current.scrollTop = 0;
  }, [shown]);
  const modes = summary.modes.map((m) => m.mode);
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(shown.length, Math.ceil((top + VIEW_HEIGHT) / ROW_HEIGHT) + OVERSCAN);
  const rules = React.useMemo(() => rulesIn(summary), [summary]);
  const open = async (row: SkuRow) => {
    const selected = await host.selectRow(summary.sheet, row.row).catch(() => false);
    setDetail(selected ? undefined : row);
  };
  const listHeight = Math.min(VIEW_HEIGHT, Math.max(shown.length, 1) * ROW_HEIGHT);
  return (
    <div className="stack" data-testid="sku-view" ref={viewRef} tabIndex={-1}>
      <h3 className="ae-h3">{t(lang, "perSku")}</h3>
      <div className="ae-filters">
        <Field label={t(lang, "filterStatus")}>
          <Select
            value={filter.status}
            onChange={(_, d) => onFilter({ ...filter, status: d.value as RowStatus | "" })}
          >
            <option value="">{t(lang, "anyStatus")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(lang, s)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t(lang, "filterRule")}>
          <Select value={filter.rule} onChange={(_, d) => onFilter({ ...filter, rule: d.value })}>
            <option value="">{t(lang, "anyRule")}</option>
            {rules.map((r) => (
              <option key={r} value={r}>
                {ruleWords(engine, r, lang).title} ({r})
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t(lang, "filterSku")}>
          <Input value={filter.text ?? ""} onChange={(_, d) => onFilter({ ...filter, text: d.value })} />
        </Field>
      </div>
      <Muted>
        <span data-testid="sku-count" data-filter={`${filter.status}|${filter.rule}|${filter.text ?? ""}`}>
          {t(lang, "showing", { shown: count(shown.length), rows: count(rows.length) })}
        </span>{" "}
        · {t(lang, host.kind === "excel" ? "rowSelectHint" : "rowShowHint")}
      </Muted>
      <div
        ref={list}
        className="ae-sku-list"
        style={{ height: listHeight }}
        onScroll={(e) => setTop((e.target as HTMLDivElement).scrollTop)}
        role="list"
        aria-label={t(lang, "perSku")}
        data-testid="sku-list"
      >
        <div style={{ height: shown.length * ROW_HEIGHT, position: "relative" }}>
          {shown.slice(first, last).map((row, k) => (
            <div
              key={row.index}
              role="listitem"
              aria-setsize={shown.length}
              aria-posinset={first + k + 1}
              className="ae-sku-row"
              style={{ top: (first + k) * ROW_HEIGHT, height: ROW_HEIGHT }}
            >
              <button type="button" className="ae-sku-button" onClick={() => void open(row)}>
                <span className="ae-sku-head">
                  <b>{row.sku ?? t(lang, "noSku")}</b>{" "}
                  <span className="ae-muted">{t(lang, "rowN", { row: row.row })}</span>
                </span>
                {modes.map((m) => {
                  const cell = row.modes[m];
                  return cell ? (
                    <span key={m} className="ae-sku-mode" data-testid={`fee-${m}`}>
                      <span className={`ae-status ae-status-${cell.status}`}>
                        {modes.length > 1 ? `${modeName(m, lang)} ` : ""}
                        {t(lang, cell.status)}
                      </span>{" "}
                      {feeText(cell, lang)}
                    </span>
                  ) : null;
                })}
                <span className="ae-sku-issues">{firstIssues(row, lang)}</span>
              </button>
            </div>
          ))}
        </div>
      </div>
      {detail ? (
        <RowDetail
          host={host}
          lang={lang}
          summary={summary}
          row={detail}
          onClose={() => setDetail(undefined)}
        />
      ) : null}
    </div>
  );
}

/** On the page (no grid): the row's input cells and every issue, in words. */
function RowDetail({
  host,
  lang,
  summary,
  row,
  onClose,
}: {
  host: PaneHost;
  lang: Lang;
  summary: CheckSummary;
  row: SkuRow;
  onClose: () => void;
}): React.ReactElement {
  const [cells, setCells] = React.useState<readonly unknown[] | undefined>();
  const heading = React.useRef<HTMLHeadingElement>(null);
  React.useEffect(() => {
    let live = true;
    setCells(undefined);
    void host
      .port()
      .readRows(summary.sheet, row.row, 1)
      .then((r) => live && setCells(r[0] ?? []))
      .catch(() => live && setCells([]));
    heading.current?.focus();
    return () => {
      live = false;
    };
  }, [host, summary.sheet, row.row]);
  const columns = [...summary.mapping.columns].sort((a, b) => a.index - b.index);
  const shownValue = (v: unknown): string => {
    if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) return t(lang, "blank");
    if (typeof v === "object" && v !== null && "result" in v)
      return String((v as { result: unknown }).result);
    return String(v);
  };
  const issues: Array<{ mode: CheckMode; issue: Issue }> = [];
  for (const m in row.modes)
    for (const issue of (row.modes[m as CheckMode] as ModeCell).issues)
      issues.push({ mode: m as CheckMode, issue });
  return (
    <div className="stack ae-card" data-testid="row-detail" role="region" aria-labelledby="ae-row-detail">
      <h3 id="ae-row-detail" className="ae-h3" tabIndex={-1} ref={heading}>
        {t(lang, "rowCells", { row: row.row })} · {row.sku ?? t(lang, "noSku")}
      </h3>
      <dl className="ae-cells">
        {columns.map((c) => (
          <React.Fragment key={c.index}>
            <dt>
              {c.letter} · {c.field in FIELDS ? FIELDS[c.field as FieldName].label[lang] : c.header}
            </dt>
            <dd>{cells ? shownValue(cells[c.index]) : "…"}</dd>
          </React.Fragment>
        ))}
      </dl>
      {issues.length > 0 ? (
        <>
          <Text weight="semibold">{t(lang, "allIssues")}</Text>
          <ul className="ae-list">
            {issues.map(({ mode, issue }, k) => (
              <li key={k} className="ae-item">
                <RuleText
                  ruleId={issue.ruleId}
                  message={`${Object.keys(row.modes).length > 1 ? `${modeName(mode, lang)} · ` : ""}${t(lang, issue.severity as StringKey)}: ${issue.message[lang]}${issue.cell ? ` (${issue.cell.column}${issue.cell.row})` : ""}`}
                  lang={lang}
                />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div>
        <Button size="small" onClick={onClose}>
          {t(lang, "closeDetail")}
        </Button>
      </div>
    </div>
  );
}
