/**
 * The Office.js implementation of the pipeline's {@link WorkbookPort}: the live workbook in Excel.
 * Reads go by row blocks, writes by column blocks sized so that no request exceeds Excel on the
 * web's payload limit (5 MB) or cell limit (5 million); `sync` is never called per row, and the
 * number of syncs is recorded (2 + the write blocks, plus one per read).
 * @packageDocumentation
 */
import type { OutputCell, OwnSheet, RunState, TableInfo, WorkbookPort, WritePlan } from "../pipeline/port";
import { PROFILE_SHEET, REPORT_SHEET, STATE_SHEET } from "../pipeline/port";

/** Excel.run, injected so a test can pass a mock; a write asks for one undo group. */
export type ExcelRun = <T>(
  batch: (context: Excel.RequestContext) => Promise<T>,
  options?: { readonly mergeUndoGroup?: boolean },
) => Promise<T>;

/** A write the port refused or could not finish; nothing of the user's was changed. */
export class PortWriteError extends Error {
  constructor(
    readonly kind: "protected" | "write",
    readonly reason: string,
    override readonly cause?: unknown,
  ) {
    super(reason);
  }
}

/** Request limits. Excel on the web refuses a request over 5 MB or 5 million cells. */
export interface ExcelLimits {
  readonly maxRequestBytes: number;
  readonly maxRequestCells: number;
}

/** Defaults with headroom below Excel on the web's limits. */
export const DEFAULT_LIMITS: ExcelLimits = { maxRequestBytes: 4_000_000, maxRequestCells: 1_000_000 };

const NUMBER_FORMATS: Readonly<Record<string, string>> = { money: "0.00", weight: "0.000", percent: "0.00%" };

/**
 * A value as it must be written through Office.js: a text starting with =, +, - or @ would become
 * a formula, so it gets Excel's text prefix (an apostrophe, not shown in the cell).
 *
 * @example
 * ```ts
 * cellInput("=1+1") // => "'=1+1"
 * cellInput(12.5)   // => 12.5
 * cellInput(null)   // => ""
 * ```
 */
export function cellInput(value: OutputCell): string | number {
  if (value === null) return "";
  if (typeof value === "string" && /^[=+\-@]/.test(value)) return `'${value}`;
  return value;
}

/**
 * The JSON size of one cell of a one-column range in a request, in bytes: the value (UTF-8, 3
 * bytes per non-ASCII character as an upper bound), its quotes, and the row's brackets and commas.
 */
function bytesOf(value: string | number): number {
  if (typeof value === "number") return String(value).length + 4;
  let n = 6;
  for (let i = 0; i < value.length; i++) n += value.charCodeAt(i) < 128 ? 1 : 3;
  return n;
}

/** What a port did: syncs and the largest request, for tests and the benchmark. */
export interface ExcelStats {
  syncs: number;
  largestRequestBytes: number;
  largestRequestCells: number;
}

/** The live workbook as a pipeline port. */
export class ExcelPort implements WorkbookPort {
  readonly stats: ExcelStats = { syncs: 0, largestRequestBytes: 0, largestRequestCells: 0 };
  private readonly extents = new Map<string, { lastRow: number; lastColumn: number }>();

  constructor(
    private readonly run: ExcelRun,
    private readonly limits: ExcelLimits = DEFAULT_LIMITS,
  ) {}

  private async sync(context: Excel.RequestContext, bytes: number, cells: number): Promise<void> {
    this.stats.syncs++;
    this.stats.largestRequestBytes = Math.max(this.stats.largestRequestBytes, bytes);
    this.stats.largestRequestCells = Math.max(this.stats.largestRequestCells, cells);
    await context.sync();
  }

  async sheetNames(): Promise<readonly string[]> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name,items/visibility");
      await this.sync(context, 0, 0);
      return sheets.items.filter((s) => s.visibility === "Visible").map((s) => s.name);
    });
  }

  async extent(sheet: string): Promise<{ lastRow: number; lastColumn: number }> {
    const known = this.extents.get(sheet);
    if (known) return known;
    const extent = await this.run(async (context) => {
      const used = context.workbook.worksheets.getItem(sheet).getUsedRangeOrNullObject(true);
      used.load("isNullObject,rowIndex,rowCount,columnIndex,columnCount");
      await this.sync(context, 0, 0);
      return used.isNullObject
        ? { lastRow: 0, lastColumn: -1 }
        : { lastRow: used.rowIndex + used.rowCount, lastColumn: used.columnIndex + used.columnCount - 1 };
    });
    this.extents.set(sheet, extent);
    return extent;
  }

  async peek(sheet: string, maxRows: number): Promise<ReadonlyArray<readonly unknown[] | undefined>> {
    const { lastRow } = await this.extent(sheet);
    return lastRow === 0 ? [] : this.readRows(sheet, 1, Math.min(maxRows, lastRow));
  }

  /** Rows per read request for a sheet of this width. */
  rowsPerRead(width: number): number {
    // A cell costs at most a few dozen bytes in a response; stay under both limits.
    return Math.max(
      1,
      Math.min(
        Math.floor(this.limits.maxRequestCells / Math.max(1, width)),
        Math.floor(this.limits.maxRequestBytes / (48 * Math.max(1, width))),
      ),
    );
  }

  async readRows(
    sheet: string,
    firstRow: number,
    count: number,
  ): Promise<ReadonlyArray<readonly unknown[] | undefined>> {
    const { lastColumn } = await this.extent(sheet);
    const width = lastColumn + 1;
    if (count <= 0 || width <= 0) return [];
    const step = this.rowsPerRead(width);
    const out: unknown[][] = [];
    await this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      for (let start = 0; start < count; start += step) {
        const n = Math.min(step, count - start);
        const range = ws.getRangeByIndexes(firstRow - 1 + start, 0, n, width);
        range.load("values");
        await this.sync(context, 0, n * width);
        for (const row of range.values) out.push(row.map((v) => (v === "" ? null : v)));
      }
    });
    return out;
  }

  async tables(sheet: string): Promise<readonly TableInfo[]> {
    return this.run(async (context) => {
      const tables = context.workbook.worksheets.getItem(sheet).tables;
      tables.load("items/name");
      await this.sync(context, 0, 0);
      if (tables.items.length === 0) return [];
      const parts = tables.items.map((t) => {
        const header = t.getHeaderRowRange();
        header.load("rowIndex,columnIndex,columnCount");
        const all = t.getRange();
        all.load("rowIndex,rowCount");
        return { name: t.name, header, all };
      });
      await this.sync(context, 0, 0);
      return parts.map((p) => ({
        name: p.name,
        headerRow: p.header.rowIndex + 1,
        firstColumn: p.header.columnIndex,
        lastColumn: p.header.columnIndex + p.header.columnCount - 1,
        lastRow: p.all.rowIndex + p.all.rowCount,
      }));
    });
  }

  async readProfile(): Promise<ReadonlyArray<readonly unknown[]> | undefined> {
    return this.run(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(PROFILE_SHEET);
      ws.load("isNullObject");
      await this.sync(context, 0, 0);
      if (ws.isNullObject) return undefined;
      const used = ws.getUsedRangeOrNullObject(true);
      used.load("isNullObject,values");
      await this.sync(context, 0, 0);
      if (used.isNullObject) return [];
      const rows = used.values.filter((r) => r[0] !== "" && r[0] !== null).map((r) => [r[0], r[1] ?? null]);
      const first = String(rows[0]?.[0] ?? "").toLowerCase();
      return /^(key|项目|键|name|名称)\b|^(项目|键)/i.test(first) ? rows.slice(1) : rows;
    });
  }

  async readState(): Promise<RunState | undefined> {
    return this.run(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(STATE_SHEET);
      ws.load("isNullObject");
      await this.sync(context, 0, 0);
      if (ws.isNullObject) return undefined;
      const cell = ws.getRange("A1");
      cell.load("values");
      await this.sync(context, 0, 0);
      try {
        const state = JSON.parse(String(cell.values[0]?.[0] ?? "")) as RunState;
        return state.version === 1 && Array.isArray(state.columns) ? state : undefined;
      } catch {
        return undefined;
      }
    });
  }

  /**
   * Row blocks for the write: consecutive rows whose output cells together stay under the byte
   * and cell limits. Returns the first row offset of each block and its row count.
   */
  writeBlocks(plan: WritePlan): Array<{ start: number; count: number; bytes: number }> {
    const rows = plan.lastDataRow - plan.firstDataRow + 1;
    const blocks: Array<{ start: number; count: number; bytes: number }> = [];
    let start = 0;
    let bytes = 0;
    const width = Math.max(1, plan.columns.length);
    for (let i = 0; i < rows; i++) {
      let rowBytes = 0;
      for (const column of plan.columns) {
        rowBytes += bytesOf(cellInput(column.values[i] ?? null));
        if (NUMBER_FORMATS[column.format]) rowBytes += (NUMBER_FORMATS[column.format] as string).length + 6;
      }
      const count = i - start;
      if (
        count > 0 &&
        (bytes + rowBytes > this.limits.maxRequestBytes || (count + 1) * width > this.limits.maxRequestCells)
      ) {
        blocks.push({ start, count, bytes });
        start = i;
        bytes = 0;
      }
      bytes += rowBytes;
    }
    if (rows > start) blocks.push({ start, count: rows - start, bytes });
    return blocks;
  }

  /** The table whose header row is the plan's, and the column index just right of it. */
  private async tableAt(
    context: Excel.RequestContext,
    tables: readonly Excel.Table[],
    headerRow: number,
  ): Promise<{ table: Excel.Table; end: number } | undefined> {
    const headers = tables.map((table) => {
      const range = table.getHeaderRowRange();
      range.load("rowIndex,columnIndex,columnCount");
      return { table, range };
    });
    await this.sync(context, 0, 0);
    const found = headers.find((h) => h.range.rowIndex === headerRow - 1);
    return found ? { table: found.table, end: found.range.columnIndex + found.range.columnCount } : undefined;
  }

  async write(plan: WritePlan): Promise<void> {
    const blocks = this.writeBlocks(plan);
    let started = false;
    try {
      await this.run(
        async (context) => {
          const book = context.workbook;
          const ws = book.worksheets.getItem(plan.sheet);
          // Request 1 writes nothing: is the sheet protected, do the report and state sheets exist.
          const protection = ws.protection;
          protection.load("protected");
          const report = book.worksheets.getItemOrNullObject(REPORT_SHEET);
          const state = book.worksheets.getItemOrNullObject(STATE_SHEET);
          report.load("isNullObject");
          state.load("isNullObject");
          const tables = ws.tables;
          tables.load("items/name");
          await this.sync(context, 0, 0);
          if (protection.protected)
            throw new PortWriteError("protected", `the sheet '${plan.sheet}' is protected`);
          // Data in an Excel table: the output columns right of it become the table's own columns.
          const table =
            tables.items.length > 0 ? await this.tableAt(context, tables.items, plan.headerRow) : undefined;
          started = true;
          if (table) {
            let next = table.end;
            for (const column of [...plan.columns].sort((a, b) => a.index - b.index)) {
              if (column.index !== next) continue;
              table.table.columns.add(undefined, undefined, column.header);
              next++;
            }
          }
          // One request per row block: every output column's cells (and formats) for those rows;
          // the first also writes the headers.
          let first = true;
          for (const block of blocks) {
            context.application.suspendApiCalculationUntilNextSync();
            let bytes = block.bytes;
            if (first) {
              for (const column of plan.columns) {
                const header = ws.getRangeByIndexes(plan.headerRow - 1, column.index, 1, 1);
                header.values = [[cellInput(column.header)]];
                bytes += bytesOf(column.header);
              }
              first = false;
            }
            for (const column of plan.columns) {
              const range = ws.getRangeByIndexes(
                plan.firstDataRow - 1 + block.start,
                column.index,
                block.count,
                1,
              );
              const format = NUMBER_FORMATS[column.format];
              if (format) range.numberFormat = Array.from({ length: block.count }, () => [format]);
              range.values = Array.from({ length: block.count }, (_, k) => [
                cellInput(column.values[block.start + k] ?? null),
              ]);
            }
            await this.sync(context, bytes, block.count * plan.columns.length);
          }
          // Last request: clear columns of an earlier run, the report sheet, the state sheet.
          let lastBytes = 0;
          if (first)
            for (const column of plan.columns)
              ws.getRangeByIndexes(plan.headerRow - 1, column.index, 1, 1).values = [
                [cellInput(column.header)],
              ];
          for (const index of plan.clear) {
            ws.getRangeByIndexes(plan.headerRow - 1, index, plan.lastDataRow - plan.headerRow + 1, 1).clear(
              "Contents",
            );
          }
          if (!report.isNullObject) report.delete();
          lastBytes += writeOwnSheet(book.worksheets.add(REPORT_SHEET), plan.report);
          const stateSheet = state.isNullObject ? book.worksheets.add(STATE_SHEET) : state;
          const json = JSON.stringify(plan.state);
          stateSheet.getRange("A1").values = [[cellInput(json)]];
          stateSheet.visibility = "VeryHidden";
          lastBytes += bytesOf(json);
          await this.sync(context, lastBytes, plan.report.rows.length * 8);
        },
        { mergeUndoGroup: true },
      );
    } catch (error) {
      if (error instanceof PortWriteError || !started) throw error;
      // Stopped part-way: remove the output cells written so far (they are the add-in's own),
      // so no half-written run is left; the user's cells were never touched.
      await this.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(plan.sheet);
        for (const column of plan.columns)
          ws.getRangeByIndexes(
            plan.headerRow - 1,
            column.index,
            plan.lastDataRow - plan.headerRow + 1,
            1,
          ).clear("Contents");
        await this.sync(context, 0, 0);
      }).catch(() => undefined);
      throw new PortWriteError("write", error instanceof Error ? error.message : String(error), error);
    }
  }
}

/** Writes an own sheet's rows in one rectangular assignment; returns the request bytes. */
function writeOwnSheet(ws: Excel.Worksheet, sheet: OwnSheet): number {
  const width = Math.max(1, ...sheet.rows.map((r) => r.length));
  const values = sheet.rows.map((r) => Array.from({ length: width }, (_, c) => cellInput(r[c] ?? null)));
  if (values.length > 0) ws.getRangeByIndexes(0, 0, values.length, width).values = values;
  return values.reduce((n, r) => n + r.reduce((m: number, v) => m + bytesOf(v), 0), 0);
}
