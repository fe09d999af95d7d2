/**
 * The pane's host inside Excel: the live workbook through Office.js. Writes go through
 * {@link ExcelPort} (one undo group where Excel allows it); after a check it adds one conditional
 * format that highlights the input cells named in the AE Issues column(s), and a chart of issues
 * per rule on the report sheet. "Clear results" removes exactly what the add-in wrote.
 * @packageDocumentation
 */
import { outputSpecs } from "../pipeline/outputs";
import {
  PROFILE_SHEET,
  REPORT_SHEET,
  STATE_SHEET,
  type WorkbookPort,
  type WritePlan,
} from "../pipeline/port";
import type { CheckSummary } from "../pipeline/run";
import { ExcelPort, PortWriteError, cellInput, type ExcelRun } from "../excel/port";
import { columnIndex } from "../xlsx/xml";
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

/** Office error codes that mean "try again when Excel is free". */
const BUSY = new Set([
  "InvalidOperationInCellEditMode",
  "ActivityLimitReached",
  "RequestAborted",
  "Conflict",
]);

function hostError(error: unknown): HostError {
  if (error instanceof HostError) return error;
  if (error instanceof PortWriteError)
    return new HostError(error.kind === "protected" ? "protected" : "write", error.reason);
  const code = (error as { code?: string } | undefined)?.code ?? "";
  const message = error instanceof Error ? error.message : String(error);
  if (code === "AccessDenied" || /protect/i.test(message)) return new HostError("protected", message);
  if (BUSY.has(code)) return new HostError("busy", message);
  return new HostError("unknown", code ? `${code}: ${message}` : message);
}

/** The pane's host in Excel. */
export class ExcelHost implements PaneHost {
  readonly kind = "excel" as const;
  readonly lang: Lang;
  private lastUndoable: boolean | undefined;
  private readonly run: ExcelRun;

  constructor(
    private readonly excel: typeof Excel = Excel,
    displayLanguage: string | undefined = typeof Office !== "undefined"
      ? Office.context?.displayLanguage
      : undefined,
    /** Undo groups came with ExcelApi 1.20; an older Excel would ignore the option silently. */
    undoGroups: boolean = typeof Office !== "undefined" &&
      Office.context?.requirements?.isSetSupported?.("ExcelApi", "1.20") === true,
  ) {
    this.lang = langOf(displayLanguage);
    // One undo group for a write where Excel supports it; where it refuses (UndoNotSupported),
    // the same idempotent write runs again without, and the pane says it cannot be undone.
    this.run = async <T>(
      batch: (context: Excel.RequestContext) => Promise<T>,
      options?: { readonly mergeUndoGroup?: boolean },
    ): Promise<T> => {
      if (!options?.mergeUndoGroup) return this.excel.run(batch);
      if (!undoGroups) {
        this.lastUndoable = false;
        return this.excel.run(batch);
      }
      try {
        const result = await this.excel.run({ mergeUndoGroup: true } as Excel.RunOptions, batch);
        this.lastUndoable = true;
        return result;
      } catch (error) {
        if ((error as { code?: string }).code !== "UndoNotSupported") throw error;
        this.lastUndoable = false;
        return this.excel.run(batch);
      }
    };
  }

  hasWorkbook(): boolean {
    return true;
  }

  port(): WorkbookPort {
    const port = new ExcelPort(this.run);
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
    return this.excel.run(async (context) => {
      const item = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
      item.load("value");
      await context.sync();
      if (item.isNullObject) return {};
      try {
        const value: unknown = typeof item.value === "string" ? JSON.parse(item.value) : item.value;
        return value && typeof value === "object" ? (value as PaneSettings) : {};
      } catch {
        return {};
      }
    });
  }

  async saveSettings(settings: PaneSettings): Promise<void> {
    await this.excel.run(async (context) => {
      context.workbook.settings.add(SETTINGS_KEY, JSON.stringify(settings));
      await context.sync();
    });
  }

  async loadProfile(): Promise<ReadonlyArray<readonly [string, unknown]>> {
    const rows = (await new ExcelPort(this.run).readProfile()) ?? [];
    return rows.map((r) => [String(r[0] ?? ""), r[1]] as const);
  }

  async saveProfile(rows: ReadonlyArray<readonly [string, string]>): Promise<void> {
    try {
      await this.excel.run(async (context) => {
        const sheets = context.workbook.worksheets;
        const existing = sheets.getItemOrNullObject(PROFILE_SHEET);
        existing.load("isNullObject");
        await context.sync();
        const ws = existing.isNullObject ? sheets.add(PROFILE_SHEET) : existing;
        if (!existing.isNullObject) ws.getRange("A:B").clear("Contents");
        const values = [["项目 Key", "值 Value"], ...rows.map(([k, v]) => [cellInput(k), cellInput(v)])];
        ws.getRangeByIndexes(0, 0, values.length, 2).values = values;
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

  async afterCheck(summary: CheckSummary, lang: Lang): Promise<void> {
    const issueLetters = issueColumnLetters(summary);
    const outputIndices = summary.columns.map((c) => columnIndex(c.letter));
    const lastInput = Math.min(...outputIndices) - 1;
    try {
      await this.excel.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(summary.sheet);
        await removeHighlights(context, ws);
        if (issueLetters.length > 0 && lastInput >= 0 && summary.lastDataRow >= summary.firstDataRow) {
          const range = ws.getRangeByIndexes(
            summary.firstDataRow - 1,
            0,
            summary.lastDataRow - summary.firstDataRow + 1,
            lastInput + 1,
          );
          const format = range.conditionalFormats.add(this.excel.ConditionalFormatType.custom);
          format.custom.rule.formula = highlightFormula(issueLetters, summary.firstDataRow);
          format.custom.format.fill.color = HIGHLIGHT_FILL;
        }
        // Issues per rule, as a chart on the report sheet (its data beside the report).
        const tallies = summary.tallies.slice(0, 15);
        if (tallies.length > 0) {
          const report = context.workbook.worksheets.getItem(REPORT_SHEET);
          const data = [
            [t(lang, "colRule"), t(lang, "colRows")],
            ...tallies.map((r) => [
              cellInput(summary.modes.length > 1 ? `${r.mode} ${r.ruleId}` : r.ruleId),
              r.rows,
            ]),
          ];
          const source = report.getRangeByIndexes(0, 10, data.length, 2);
          source.values = data;
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
        await context.sync();
      });
    } catch (error) {
      // The run's columns and report are written; a host without conditional formats or charts
      // still has them. Say so rather than hide it.
      throw hostError(error);
    }
  }

  async afterReconcile(): Promise<void> {
    // The reconciliation's columns and report carry everything; nothing more to draw.
  }

  async clear(): Promise<ClearResult> {
    try {
      // What the last run wrote, as the port reads it for a re-run.
      const state = await new ExcelPort(this.run).readState();
      return await this.excel.run(async (context) => {
        const book = context.workbook;
        const stateSheet = book.worksheets.getItemOrNullObject(STATE_SHEET);
        const report = book.worksheets.getItemOrNullObject(REPORT_SHEET);
        const ws = state ? book.worksheets.getItemOrNullObject(state.sheet) : undefined;
        stateSheet.load("isNullObject");
        report.load("isNullObject");
        ws?.load("isNullObject");
        await context.sync();
        let columns = 0;
        if (state && ws && !ws.isNullObject) {
          const used = ws.getUsedRangeOrNullObject(true);
          used.load("isNullObject,rowIndex,rowCount");
          // Only a column that still carries the header the add-in wrote is the add-in's.
          const width = Math.max(0, ...state.columns.map((c) => c.index)) + 1;
          const header = ws.getRangeByIndexes(state.headerRow - 1, 0, 1, width);
          header.load("values");
          const tables = ws.tables;
          tables.load("items/name");
          await context.sync();
          // A column the add-in added to an Excel table is deleted from the table.
          for (const table of tables.items) table.columns.load("items/name");
          await context.sync();
          const lastRow = used.isNullObject ? state.headerRow : used.rowIndex + used.rowCount;
          for (const column of state.columns) {
            if (header.values[0]?.[column.index] !== column.header) continue;
            const owner = tables.items.find((t) => t.columns.items.some((c) => c.name === column.header));
            if (owner) owner.columns.getItem(column.header).delete();
            else
              ws.getRangeByIndexes(state.headerRow - 1, column.index, lastRow - state.headerRow + 1, 1).clear(
                "All",
              );
            columns++;
          }
          await removeHighlights(context, ws);
        }
        if (!report.isNullObject) report.delete();
        if (!stateSheet.isNullObject) {
          stateSheet.visibility = "Visible";
          stateSheet.delete();
        }
        await context.sync();
        return { columns };
      });
    } catch (error) {
      throw hostError(error);
    }
  }

  async select(sheet: string, addresses: readonly string[]): Promise<void> {
    if (addresses.length === 0) return;
    await this.excel
      .run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        try {
          ws.getRanges(addresses.join(",")).select();
          await context.sync();
        } catch {
          ws.getRange(addresses[0]).select();
          await context.sync();
        }
      })
      .catch(() => undefined);
  }
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
