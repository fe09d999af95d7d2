/**
 * The pane's host inside Excel: the live workbook through Office.js. Writes go through
 * {@link ExcelPort} in one undo group where Excel has them (ExcelApi 1.20); inside that same run a
 * check adds one conditional format that highlights the input cells named in the AE Issues
 * column(s), and a chart of issues per rule on the report sheet, so Ctrl+Z takes back all of it.
 * "Clear results" removes exactly what the add-in wrote. Errors are told apart by their Office.js
 * error code, never by their message (Excel localizes messages).
 * @packageDocumentation
 */
import { outputSpecs } from "../pipeline/outputs";
import {
  PROFILE_SHEET,
  REPORT_SHEET,
  STATE_SHEET,
  type RunState,
  type WorkbookPort,
  type WritePlan,
} from "../pipeline/port";
import type { CheckSummary } from "../pipeline/run";
import {
  ExcelPort,
  PortWriteError,
  STATE_KEY,
  TEXT_FORMAT,
  cellInput,
  errorCode,
  type ExcelRun,
  type RunOptions,
  type WriteContext,
} from "../excel/port";
import { columnLetter } from "../engine";
import { HostError, type ClearResult, type PaneHost, type PaneSettings } from "./host";
import { langOf, t, type Lang } from "./strings";

const SETTINGS_KEY = "AEModes.pane";
/** Every conditional format the add-in adds carries this text, so a re-run or Clear finds it. */
export const HIGHLIGHT_MARK = "AE Modes";
const HIGHLIGHT_FILL = "#FDE7E9";
const CHART_NAME = "AE issues per rule";

/**
 * The highlight rule for the first data row: true when an AE Issues cell of that row names this
 * cell, as "(F12)". Relative references, so one rule covers the whole input block.
 *
 * @example
 * ```ts
 * highlightFormula(["T"], 2)
 * // => '=AND("AE Modes"<>"",OR(ISNUMBER(SEARCH("("&ADDRESS(ROW(),COLUMN(),4)&")",$T2))))'
 * ```
 */
export function highlightFormula(issueColumns: readonly string[], firstDataRow: number): string {
  const tests = issueColumns.map(
    (letter) => `ISNUMBER(SEARCH("("&ADDRESS(ROW(),COLUMN(),4)&")",$${letter}${firstDataRow}))`,
  );
  return `=AND("${HIGHLIGHT_MARK}"<>"",OR(${tests.join(",")}))`;
}

/** The issues columns a check wrote (their letters), in either language. */
export function issueColumnLetters(summary: CheckSummary): string[] {
  const headers = new Set<string>();
  for (const lang of ["en", "zh"] as const)
    for (const withProfit of [false, true])
      for (const spec of outputSpecs(summary.mode, lang, withProfit))
        if (spec.kind === "issues") headers.add(spec.header);
  return summary.columns.filter((c) => headers.has(c.header)).map((c) => c.letter);
}

/** Office error codes that mean "try again when Excel is free" (application-specific-api-error-handling). */
const BUSY = new Set([
  "InvalidOperationInCellEditMode",
  "ActivityLimitReached",
  "RequestAborted",
  "Conflict",
  "ServiceNotAvailable",
]);
/**
 * Codes Excel answers a change with when the target is protected (a sheet, locked cells, the
 * workbook's structure). Messages are never read: Chinese Office localizes them.
 */
const PROTECTED = new Set(["AccessDenied", "InvalidOperation"]);

/** Any error as a {@link HostError}, classified by its Office.js error code only. */
export function hostError(error: unknown): HostError {
  if (error instanceof HostError) return error;
  if (error instanceof PortWriteError)
    return new HostError(error.kind === "protected" ? "protected" : "write", error.reason);
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (PROTECTED.has(code)) return new HostError("protected", `${code}: ${message}`);
  if (BUSY.has(code)) return new HostError("busy", `${code}: ${message}`);
  return new HostError("unknown", code ? `${code}: ${message}` : message);
}

/** The issues columns of a write (by their headers, in either language and any mode). */
function issueColumnsOf(plan: WritePlan): number[] {
  const headers = new Set<string>();
  for (const mode of ["semi", "full", "compare"] as const)
    for (const lang of ["en", "zh"] as const)
      for (const withProfit of [false, true])
        for (const spec of outputSpecs(mode, lang, withProfit))
          if (spec.kind === "issues") headers.add(spec.header);
  return plan.columns.filter((c) => headers.has(c.header)).map((c) => c.index);
}

/** The report's "issues by rule" rows (mode, rule, rows) and the report's language. */
function talliesOf(plan: WritePlan): {
  lang: Lang;
  rows: Array<{ mode: string; ruleId: string; rows: number }>;
} {
  const rows = plan.report.rows;
  const at = rows.findIndex((r) => r[0] === REPORT_BY_RULE.en || r[0] === REPORT_BY_RULE.zh);
  const lang: Lang = rows[at]?.[0] === REPORT_BY_RULE.zh ? "zh" : "en";
  const out: Array<{ mode: string; ruleId: string; rows: number }> = [];
  if (at < 0) return { lang, rows: out };
  for (let i = at + 2; i < rows.length; i++) {
    const [mode, ruleId, , count] = rows[i] ?? [];
    if (typeof mode !== "string" || typeof ruleId !== "string" || typeof count !== "number") break;
    out.push({ mode, ruleId, rows: count });
  }
  return { lang, rows: out };
}
/** The report's section heading for issues per rule (src/pipeline/report.ts). */
const REPORT_BY_RULE = { en: "Issues by rule", zh: "按规则汇总的问题" } as const;

/** Host options (for tests: the settings' quiet time). */
export interface ExcelHostOptions {
  /** Settings are written once no change came for this long (ms). */
  readonly settingsDelayMs?: number;
}

/** The pane's host in Excel. */
export class ExcelHost implements PaneHost {
  readonly kind = "excel" as const;
  readonly lang: Lang;
  private lastUndoable: boolean | undefined;
  private readonly run: ExcelRun;
  private readonly settingsDelayMs: number;
  private pendingSettings: PaneSettings | undefined;
  private savedSettings: string | undefined;
  private settingsTimer: ReturnType<typeof setTimeout> | undefined;
  private settingsWaiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];

  constructor(
    private readonly excel: typeof Excel = Excel,
    displayLanguage: string | undefined = typeof Office !== "undefined"
      ? Office.context?.displayLanguage
      : undefined,
    /** Undo groups came with ExcelApi 1.20; an older Excel ignores the option silently. */
    undoGroups: boolean = typeof Office !== "undefined" &&
      Office.context?.requirements?.isSetSupported?.("ExcelApi", "1.20") === true,
    options: ExcelHostOptions = {},
  ) {
    this.lang = langOf(displayLanguage);
    this.settingsDelayMs = options.settingsDelayMs ?? 800;
    // Every batch waits while the user edits a cell (delayForCellEdit) instead of failing. A write
    // asks for one undo group where Excel has them; should Excel still refuse the group
    // (UndoNotSupported), the same idempotent write runs again without, and the pane says it
    // cannot be undone in one step. Ctrl+Z is claimed only when the grouped run went through.
    this.run = async <T>(
      batch: (context: Excel.RequestContext) => Promise<T>,
      runOptions?: RunOptions,
    ): Promise<T> => {
      if (!runOptions?.mergeUndoGroup) return this.batch(batch);
      if (!undoGroups) {
        this.lastUndoable = false;
        return this.batch(batch);
      }
      try {
        const result = await this.batch(batch, true);
        this.lastUndoable = true;
        return result;
      } catch (error) {
        if (errorCode(error) !== "UndoNotSupported") throw error;
        this.lastUndoable = false;
        return this.batch(batch);
      }
    };
  }

  /** One Excel.run, delayed while a cell is being edited. */
  private batch<T>(batch: (context: Excel.RequestContext) => Promise<T>, mergeUndoGroup = false): Promise<T> {
    const options = mergeUndoGroup
      ? { delayForCellEdit: true, mergeUndoGroup: true }
      : { delayForCellEdit: true };
    return this.excel.run(options as Excel.RunOptions, batch);
  }

  hasWorkbook(): boolean {
    return true;
  }

  private newPort(): ExcelPort {
    return new ExcelPort(this.run, undefined, { decorate: (w) => this.decorate(w) });
  }

  port(): WorkbookPort {
    const port = this.newPort();
    // Every error leaves the port in the user's words (protected, Excel busy, write stopped).
    const plain =
      <A extends unknown[], R>(f: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        try {
          return await f(...args);
        } catch (error) {
          throw hostError(error);
        }
      };
    return {
      sheetNames: plain(() => port.sheetNames()),
      peek: plain((sheet: string, maxRows: number) => port.peek(sheet, maxRows)),
      extent: plain((sheet: string) => port.extent(sheet)),
      readRows: plain((sheet: string, first: number, count: number) => port.readRows(sheet, first, count)),
      tables: plain((sheet: string) => port.tables(sheet)),
      mergedRanges: plain((sheet: string) => port.mergedRanges(sheet)),
      readProfile: plain(() => port.readProfile()),
      readState: plain(() => port.readState()),
      write: plain((plan: WritePlan) => port.write(plan)),
      rowsPerRead: (width: number) => port.rowsPerRead(width),
    };
  }

  undoable(): boolean | undefined {
    return this.lastUndoable;
  }

  async loadSettings(): Promise<PaneSettings> {
    if (this.pendingSettings) return this.pendingSettings;
    return this.batch(async (context) => {
      const item = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
      item.load("isNullObject,value");
      await context.sync();
      if (item.isNullObject) return {};
      try {
        const text = typeof item.value === "string" ? item.value : JSON.stringify(item.value);
        const value: unknown = JSON.parse(text);
        this.savedSettings = text;
        return value && typeof value === "object" ? (value as PaneSettings) : {};
      } catch {
        return {};
      }
    });
  }

  /**
   * Saves the pane's settings once they settle: a burst of changes (typing an option) is one
   * write in one Excel.run after the quiet time, and a change back to what is stored none.
   */
  saveSettings(settings: PaneSettings): Promise<void> {
    this.pendingSettings = settings;
    if (this.settingsTimer !== undefined) clearTimeout(this.settingsTimer);
    const done = new Promise<void>((resolve, reject) => this.settingsWaiters.push({ resolve, reject }));
    this.settingsTimer = setTimeout(() => void this.flushSettings(), this.settingsDelayMs);
    return done;
  }

  /** Writes settings still waiting for their quiet time (at once). */
  async flushSettings(): Promise<void> {
    if (this.settingsTimer !== undefined) clearTimeout(this.settingsTimer);
    this.settingsTimer = undefined;
    const settings = this.pendingSettings;
    const waiters = this.settingsWaiters;
    this.settingsWaiters = [];
    this.pendingSettings = undefined;
    if (!settings) return;
    const text = JSON.stringify(settings);
    try {
      if (text !== this.savedSettings)
        await this.batch(async (context) => {
          context.workbook.settings.add(SETTINGS_KEY, text);
          await context.sync();
        });
      this.savedSettings = text;
      for (const w of waiters) w.resolve();
    } catch (error) {
      for (const w of waiters) w.reject(hostError(error));
    }
  }

  async loadProfile(): Promise<ReadonlyArray<readonly [string, unknown]>> {
    const rows = (await this.newPort().readProfile()) ?? [];
    return rows.map((r) => [String(r[0] ?? ""), r[1]] as const);
  }

  async saveProfile(rows: ReadonlyArray<readonly [string, string]>): Promise<void> {
    try {
      await this.batch(async (context) => {
        const sheets = context.workbook.worksheets;
        const existing = sheets.getItemOrNullObject(PROFILE_SHEET);
        existing.load("isNullObject");
        await context.sync();
        const ws = existing.isNullObject ? sheets.add(PROFILE_SHEET) : existing;
        if (!existing.isNullObject) ws.getRange("A:B").clear("Contents");
        const values = [["项目 Key", "值 Value"], ...rows.map(([k, v]) => [cellInput(k), cellInput(v)])];
        const range = ws.getRangeByIndexes(0, 0, values.length, 2);
        // Text stays text: "0012345" or "2024-06-30" typed in the pane is not a number or a date.
        range.numberFormat = values.map(() => [TEXT_FORMAT, TEXT_FORMAT]);
        range.values = values;
        ws.getRange("A:B").format.autofitColumns();
        await context.sync();
      });
    } catch (error) {
      throw hostError(error);
    }
  }

  async profileOption(): Promise<undefined> {
    return undefined;
  }

  /**
   * Inside the write's own Excel.run (so in its undo group): the highlight rule over the input
   * block, replacing the add-in's earlier one, and the chart of issues per rule on the report.
   */
  private async decorate({ context, sheet, report, plan }: WriteContext): Promise<void> {
    await removeHighlights(context, sheet);
    const issues = issueColumnsOf(plan);
    const lastInput = Math.min(...plan.columns.map((c) => c.index)) - 1;
    if (issues.length > 0 && lastInput >= 0 && plan.lastDataRow >= plan.firstDataRow) {
      const range = sheet.getRangeByIndexes(
        plan.firstDataRow - 1,
        0,
        plan.lastDataRow - plan.firstDataRow + 1,
        lastInput + 1,
      );
      const format = range.conditionalFormats.add(this.excel.ConditionalFormatType.custom);
      format.custom.rule.formula = highlightFormula(issues.map(columnLetter), plan.firstDataRow);
      format.custom.format.fill.color = HIGHLIGHT_FILL;
    }
    // The report sheet is reused: its earlier chart goes (its cells were cleared by the port).
    const charts = report.charts;
    charts.load("items/name");
    await context.sync();
    for (const chart of charts.items) if (chart.name === CHART_NAME) chart.delete();
    const { lang, rows } = talliesOf(plan);
    const tallies = issues.length > 0 ? rows.slice(0, 15) : [];
    if (tallies.length === 0) return;
    const modes = new Set(tallies.map((r) => r.mode));
    const data = [
      [t(lang, "colRule"), t(lang, "colRows")],
      ...tallies.map((r) => [modes.size > 1 ? `${r.mode} ${r.ruleId}` : r.ruleId, r.rows]),
    ];
    const source = report.getRangeByIndexes(0, 10, data.length, 2);
    source.numberFormat = data.map((r) => [TEXT_FORMAT, typeof r[1] === "number" ? "General" : TEXT_FORMAT]);
    source.values = data.map((r) => r.map((v) => cellInput(v)));
    const chart = report.charts.add(
      this.excel.ChartType.barClustered,
      source,
      this.excel.ChartSeriesBy.columns,
    );
    chart.name = CHART_NAME;
    chart.title.text = t(lang, "chartTitle");
    chart.legend.visible = false;
    chart.setPosition("M2", "T24");
  }

  /** The highlight and chart were drawn inside the check's write (one undo group); nothing is left. */
  async afterCheck(_summary: CheckSummary, _lang: Lang): Promise<void> {}

  async afterReconcile(): Promise<void> {
    // The reconciliation's columns and report carry everything; nothing more to draw.
  }

  async clear(): Promise<ClearResult> {
    try {
      // What the last run wrote, as the port reads it for a re-run.
      const state = await this.newPort().storedState();
      return await this.batch(async (context) => {
        const book = context.workbook;
        const legacy = book.worksheets.getItemOrNullObject(STATE_SHEET);
        const sheets = book.worksheets;
        sheets.load("items/name,items/id");
        const ws = state ? book.worksheets.getItemOrNullObject(state.sheet) : undefined;
        const setting = book.settings.getItemOrNullObject(STATE_KEY);
        setting.load("isNullObject");
        legacy.load("isNullObject");
        ws?.load("isNullObject");
        await context.sync();
        let columns = 0;
        if (state && ws && !ws.isNullObject) columns = await clearColumns(context, ws, state);
        // The report sheet the add-in created (known by its id; a user's own sheet of that name stays).
        const report = state?.report && sheets.items.find((s) => s.id === state.report?.id);
        if (report) report.delete();
        // Further sheets it created (AE Disputes), by their ids too.
        for (const own of state?.sheets ?? []) sheets.items.find((s) => s.id === own.id)?.delete();
        if (!setting.isNullObject) setting.delete();
        if (!legacy.isNullObject) {
          legacy.visibility = "Visible";
          legacy.delete();
          // An earlier version's report was "AE Report" exactly, with no id recorded.
          if (!state?.report) book.worksheets.getItemOrNullObject(REPORT_SHEET).delete();
        }
        await context.sync();
        return { columns };
      });
    } catch (error) {
      throw hostError(error);
    }
  }

  async selectRow(sheet: string, row: number): Promise<boolean> {
    await this.select(sheet, [`${row}:${row}`]);
    return true;
  }

  async select(sheet: string, addresses: readonly string[]): Promise<void> {
    if (addresses.length === 0) return;
    await this.batch(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      try {
        ws.getRanges(addresses.join(",")).select();
        await context.sync();
      } catch {
        ws.getRange(addresses[0]).select();
        await context.sync();
      }
    }).catch(() => undefined);
  }
}

/**
 * Clears the add-in's output columns. A column is found by the header the add-in wrote: at its
 * recorded index, or — when the user has inserted or deleted columns since — wherever that header
 * now stands in the header row (once). A column the add-in added to an Excel table at its right
 * end is taken out by shrinking the table (Table.resize, ExcelApi 1.13) rather than deleting the
 * table column, which would shift a user's cells right of the table in the table's rows only.
 */
async function clearColumns(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  state: RunState,
): Promise<number> {
  const used = ws.getUsedRangeOrNullObject(true);
  used.load("isNullObject,rowIndex,rowCount,columnIndex,columnCount");
  const tables = ws.tables;
  tables.load("items/name");
  await context.sync();
  const width = Math.max(
    used.isNullObject ? 0 : used.columnIndex + used.columnCount,
    ...state.columns.map((c) => c.index + 1),
  );
  const header = ws.getRangeByIndexes(state.headerRow - 1, 0, 1, width);
  header.load("values");
  const parts = tables.items.map((table) => {
    const range = table.getHeaderRowRange();
    range.load("rowIndex,columnIndex,columnCount");
    const all = table.getRange();
    all.load("rowIndex,rowCount");
    return { table, range, all };
  });
  await context.sync();
  const row = header.values[0] ?? [];
  const claimed = new Set<number>();
  const indexes: number[] = [];
  for (const column of state.columns) {
    let index = row[column.index] === column.header ? column.index : -1;
    if (index < 0) {
      const matches = row.flatMap((v, i) => (v === column.header && !claimed.has(i) ? [i] : []));
      if (matches.length === 1) index = matches[0] as number;
    }
    if (index < 0 || claimed.has(index)) continue;
    claimed.add(index);
    indexes.push(index);
  }
  const lastRow = used.isNullObject ? state.headerRow : used.rowIndex + used.rowCount;
  const owner = parts.find((p) => p.range.rowIndex === state.headerRow - 1);
  if (owner) {
    // The table's right end made only of the add-in's columns: the table is shrunk to exclude it.
    const first = owner.range.columnIndex;
    let end = first + owner.range.columnCount;
    while (end - 1 > first && claimed.has(end - 1)) end--;
    if (end < first + owner.range.columnCount && isSetSupported("ExcelApi", "1.13")) {
      const top = owner.range.rowIndex;
      owner.table.resize(
        `${columnLetter(first)}${top + 1}:${columnLetter(end - 1)}${owner.all.rowIndex + owner.all.rowCount}`,
      );
    }
  }
  for (const index of indexes) {
    const range = ws.getRangeByIndexes(state.headerRow - 1, index, lastRow - state.headerRow + 1, 1);
    // The status fills the run added on this column (cell-value conditional formats), then the cells.
    range.conditionalFormats.clearAll();
    range.clear("All");
  }
  await removeHighlights(context, ws);
  return indexes.length;
}

/** Whether this Excel supports a requirement set (true outside Office, e.g. in tests). */
function isSetSupported(name: string, version: string): boolean {
  const requirements = typeof Office !== "undefined" ? Office.context?.requirements : undefined;
  return requirements?.isSetSupported ? requirements.isSetSupported(name, version) : true;
}

/** Deletes the add-in's own conditional formats on a sheet (found by their mark), and only those. */
async function removeHighlights(context: Excel.RequestContext, ws: Excel.Worksheet): Promise<void> {
  const formats = ws.getRange().conditionalFormats;
  formats.load("items/type");
  await context.sync();
  const custom = formats.items.filter((f) => f.type === "Custom");
  const rules = custom.map((f) => {
    const rule = f.custom.rule;
    rule.load("formula");
    return { f, rule };
  });
  await context.sync();
  for (const { f, rule } of rules) if (rule.formula.includes(`"${HIGHLIGHT_MARK}"`)) f.delete();
}
