/**
 * The Office.js implementation of the pipeline's {@link WorkbookPort}: the live workbook in Excel.
 *
 * - Reads go by row blocks sized from the rows measured so far (a catalog with 200-character
 *   titles and image URLs needs smaller blocks than one of numbers), under Excel on the web's 5 MB
 *   response limit; a block Excel still refuses (`ResponsePayloadSizeLimitExceeded`) is halved
 *   and read again.
 * - A write is one Excel.run that calls only APIs Excel can undo (learn.microsoft.com/office/dev/
 *   add-ins/excel/excel-add-ins-undo-capabilities): the run state goes to the workbook's settings,
 *   not a hidden sheet (Worksheet.visibility cannot be undone on Windows and Mac); the report sheet
 *   is reused, not deleted (Worksheet.delete cannot be undone anywhere); the host's highlight and
 *   chart are drawn inside the same run (see `decorate`). So one undo group can hold the whole run.
 * - Text the add-in writes keeps the text number format "@", so Excel does not turn "0012345"
 *   into 12345 or "2024-06-30" into a date; formulas are recalculated after the suspended write.
 * - A sheet the add-in did not create is never deleted or overwritten: the report sheet is known
 *   by the id recorded when the add-in added it; a user's own "AE Report" (in any case) stays.
 * - A protected sheet or workbook structure is found before anything is written.
 * @packageDocumentation
 */
import type {
  MergedRange,
  OutputCell,
  OwnSheet,
  RunState,
  TableInfo,
  WorkbookPort,
  WritePlan,
} from "../pipeline/port";
import { TONE_RGB } from "../pipeline/outputs";
import { PROFILE_SHEET, REPORT_SHEET, STATE_SHEET } from "../pipeline/port";

/** Options of one Excel.run (learn.microsoft.com/javascript/api/excel/excel.runoptions). */
export interface RunOptions {
  /** One undo record for every sync of the run (ExcelApi 1.20). */
  readonly mergeUndoGroup?: boolean;
  /** Wait while the user is editing a cell instead of failing (ExcelApi 1.11). */
  readonly delayForCellEdit?: boolean;
}

/** Excel.run, injected so a test can pass a mock; a write asks for one undo group. */
export type ExcelRun = <T>(
  batch: (context: Excel.RequestContext) => Promise<T>,
  options?: RunOptions,
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

/** The workbook setting holding what the last run wrote (learn.microsoft.com/javascript/api/excel/excel.settingcollection). */
export const STATE_KEY = "AEModes.runState";

/** Excel's text number format: what is written is kept as typed. */
export const TEXT_FORMAT = "@";
const NUMBER_FORMATS: Readonly<Record<string, string>> = {
  money: "0.00",
  weight: "0.000",
  percent: "0.00%",
  number: "General",
  text: TEXT_FORMAT,
};

/** What the port keeps in the settings: the pipeline's run state and the report sheet it created. */
interface StoredState extends RunState {
  readonly report?: { readonly id: string; readonly name: string };
  /** Further sheets the add-in created (AE Disputes), by the ids Excel gave them. */
  readonly sheets?: ReadonlyArray<{ readonly id: string; readonly name: string }>;
}

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

/** The number format a cell the add-in writes gets: text stays text, numbers General. */
export function cellFormat(value: OutputCell): string {
  return typeof value === "number" ? "General" : TEXT_FORMAT;
}

/**
 * The JSON size of one cell of a one-column range in a request, in bytes: the value (UTF-8, 3
 * bytes per non-ASCII character as an upper bound), its quotes, and the row's brackets and commas.
 */
function bytesOf(value: unknown): number {
  if (typeof value === "number") return String(value).length + 4;
  if (typeof value !== "string") return 8;
  let n = 6;
  for (let i = 0; i < value.length; i++) n += value.charCodeAt(i) < 128 ? 1 : 3;
  return n;
}

/** The error code of an Office.js error (never its message: Excel localizes messages). */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === "string" ? code : "";
}

/** What a port did: syncs and the largest request, for tests and the benchmark. */
export interface ExcelStats {
  syncs: number;
  largestRequestBytes: number;
  largestRequestCells: number;
  /** Read blocks Excel refused as too large and that were read again in halves. */
  halvedReads: number;
}

/** What a host can draw inside the write's own Excel.run (and so its undo group). */
export interface WriteContext {
  readonly context: Excel.RequestContext;
  readonly sheet: Excel.Worksheet;
  readonly report: Excel.Worksheet;
  readonly plan: WritePlan;
}

/** Port options. */
export interface ExcelPortOptions {
  /** Called before the write's last sync, inside the same Excel.run (highlights, chart). */
  readonly decorate?: (write: WriteContext) => Promise<void>;
}

/** A first guess of a cell's bytes in a response, used until rows have been measured. */
const GUESS_CELL_BYTES = 48;

/** The live workbook as a pipeline port. */
export class ExcelPort implements WorkbookPort {
  readonly stats: ExcelStats = { syncs: 0, largestRequestBytes: 0, largestRequestCells: 0, halvedReads: 0 };
  private readonly extents = new Map<string, { lastRow: number; lastColumn: number }>();
  /** The largest response bytes per cell measured in any row read so far. */
  private measuredCellBytes: number | undefined;

  constructor(
    private readonly run: ExcelRun,
    private readonly limits: ExcelLimits = DEFAULT_LIMITS,
    private readonly options: ExcelPortOptions = {},
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

  /**
   * Rows per read request for a sheet of this width: under the cell limit, and under the byte
   * limit at the largest bytes per cell measured so far (with a quarter's headroom), or a guess
   * of 48 bytes before any row was read.
   */
  rowsPerRead(width: number): number {
    const w = Math.max(1, width);
    const cellBytes = this.measuredCellBytes === undefined ? GUESS_CELL_BYTES : this.measuredCellBytes * 1.25;
    return Math.max(
      1,
      Math.min(
        Math.floor(this.limits.maxRequestCells / w),
        Math.floor(this.limits.maxRequestBytes / (Math.max(8, cellBytes) * w)),
      ),
    );
  }

  /** Records the response size of rows just read. */
  private measure(values: readonly (readonly unknown[])[], width: number): void {
    let largest = 0;
    for (const row of values) {
      let bytes = 2;
      for (const v of row) bytes += bytesOf(v);
      if (bytes > largest) largest = bytes;
    }
    const perCell = largest / Math.max(1, width);
    this.measuredCellBytes = Math.max(this.measuredCellBytes ?? 0, perCell);
  }

  async readRows(
    sheet: string,
    firstRow: number,
    count: number,
  ): Promise<ReadonlyArray<readonly unknown[] | undefined>> {
    const { lastColumn } = await this.extent(sheet);
    const width = lastColumn + 1;
    if (count <= 0 || width <= 0) return [];
    const out: unknown[][] = [];
    await this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      let start = 0;
      // A block Excel refuses is halved, down to one row; the size of what was read sizes the next.
      let cap = Number.POSITIVE_INFINITY;
      while (start < count) {
        const n = Math.min(this.rowsPerRead(width), cap, count - start);
        const range = ws.getRangeByIndexes(firstRow - 1 + start, 0, n, width);
        range.load("values");
        try {
          await this.sync(context, 0, n * width);
        } catch (error) {
          if (errorCode(error) !== "ResponsePayloadSizeLimitExceeded" || n === 1) throw error;
          this.stats.halvedReads++;
          cap = Math.max(1, Math.floor(n / 2));
          continue;
        }
        const values = range.values;
        this.measure(values, width);
        for (const row of values) out.push(row.map((v) => (v === "" ? null : v)));
        start += n;
      }
    });
    return out;
  }

  /**
   * The sheet's merged ranges (Range.getMergedAreasOrNullObject, ExcelApi 1.13), for the pipeline
   * to apply a range's value to each of its cells. Two requests: whether there are any, then where.
   */
  async mergedRanges(sheet: string): Promise<readonly MergedRange[]> {
    return this.run(async (context) => {
      const merged = context.workbook.worksheets.getItem(sheet).getRange().getMergedAreasOrNullObject();
      merged.load("isNullObject");
      await this.sync(context, 0, 0);
      if (merged.isNullObject) return [];
      const areas = merged.areas;
      areas.load("items/rowIndex,items/columnIndex,items/rowCount,items/columnCount");
      await this.sync(context, 0, 0);
      return areas.items.map((a) => ({
        firstRow: a.rowIndex + 1,
        lastRow: a.rowIndex + a.rowCount,
        firstColumn: a.columnIndex,
        lastColumn: a.columnIndex + a.columnCount - 1,
      }));
    });
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

  /** The stored state: the workbook setting, or the hidden sheet an earlier version kept it in. */
  async storedState(): Promise<StoredState | undefined> {
    return this.run(async (context) => {
      const item = context.workbook.settings.getItemOrNullObject(STATE_KEY);
      item.load("isNullObject,value");
      const legacy = context.workbook.worksheets.getItemOrNullObject(STATE_SHEET);
      legacy.load("isNullObject");
      await this.sync(context, 0, 0);
      if (!item.isNullObject) return parseState(item.value);
      if (legacy.isNullObject) return undefined;
      const cell = legacy.getRange("A1");
      cell.load("values");
      await this.sync(context, 0, 0);
      return parseState(cell.values[0]?.[0]);
    });
  }

  async readState(): Promise<RunState | undefined> {
    const state = await this.storedState();
    if (!state) return undefined;
    const { report: _report, ...run } = state;
    return run;
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
        rowBytes += formatOf(column.format).length + 6;
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
          // Request 1 writes nothing: protection of the sheet and of the workbook's structure, the
          // sheets there are (names and ids), what the last run recorded, tables, the used range.
          const protection = ws.protection;
          protection.load("protected");
          const structure = book.protection;
          structure.load("protected");
          const sheets = book.worksheets;
          sheets.load("items/name,items/id");
          const stateItem = book.settings.getItemOrNullObject(STATE_KEY);
          stateItem.load("isNullObject,value");
          const tables = ws.tables;
          tables.load("items/name");
          const used = ws.getUsedRangeOrNullObject(true);
          used.load("isNullObject,columnIndex,columnCount");
          // A pane the user froze stays; otherwise the header row is frozen with the run.
          const frozen = ws.freezePanes.getLocationOrNullObject();
          frozen.load("isNullObject");
          await this.sync(context, 0, 0);
          if (protection.protected)
            throw new PortWriteError("protected", `the sheet '${plan.sheet}' is protected`);
          // The report sheet: the one the add-in created (by its id), else a new one under a name
          // no sheet has in any case ("AE Report", then "AE Report (2)", …).
          const stored = stateItem.isNullObject ? undefined : parseState(stateItem.value);
          const names = sheets.items.map((s) => s.name);
          const own = stored?.report && sheets.items.find((s) => s.id === stored.report?.id);
          const reportName = own ? own.name : freeName(plan.report.name || REPORT_SHEET, names);
          // Further own sheets (AE Disputes): the one the add-in created (by its id), else a new one
          // under a name no sheet has (a user's own sheet of that name stays).
          const taken = [...names, reportName];
          const extra = (plan.sheets ?? []).map((sheet) => {
            const mine = stored?.sheets?.find((k) => k.name.toLowerCase() === sheet.name.toLowerCase());
            const existing = mine && sheets.items.find((x) => x.id === mine.id)?.name;
            const name = existing ?? freeName(sheet.name, taken);
            taken.push(name);
            return { sheet, existing, name };
          });
          const adding = extra.find((e) => e.existing === undefined);
          if (adding && structure.protected)
            throw new PortWriteError(
              "protected",
              `the workbook's structure is protected (Review › Protect Workbook), so the sheet '${adding.sheet.name}' cannot be added`,
            );
          if (!own && structure.protected)
            throw new PortWriteError(
              "protected",
              `the workbook's structure is protected (Review › Protect Workbook), so the report sheet '${reportName}' cannot be added`,
            );
          // Data in an Excel table: output columns right of it become the table's own columns, but
          // only where nothing is right of the table (Excel inserts the new cells in the table's
          // rows only, which would move a user's cells there out of line with the rows around).
          const lastUsedColumn = used.isNullObject ? -1 : used.columnIndex + used.columnCount - 1;
          const table =
            tables.items.length > 0 ? await this.tableAt(context, tables.items, plan.headerRow) : undefined;
          started = true;
          if (table && lastUsedColumn < table.end) {
            let next = table.end;
            for (const column of [...plan.columns].sort((a, b) => a.index - b.index)) {
              if (column.index !== next) continue;
              table.table.columns.add(undefined, undefined, column.header);
              next++;
            }
          }
          // One request per row block: every output column's cells (and formats) for those rows;
          // the first also writes the headers. Calculation waits until the last request.
          let first = true;
          for (const block of blocks) {
            context.application.suspendApiCalculationUntilNextSync();
            let bytes = block.bytes;
            if (first) {
              bytes += writeHeaders(ws, plan);
              first = false;
            }
            for (const column of plan.columns) {
              const range = ws.getRangeByIndexes(
                plan.firstDataRow - 1 + block.start,
                column.index,
                block.count,
                1,
              );
              const format = formatOf(column.format);
              range.numberFormat = Array.from({ length: block.count }, () => [format]);
              range.values = Array.from({ length: block.count }, (_, k) => [
                cellInput(column.values[block.start + k] ?? null),
              ]);
            }
            await this.sync(context, bytes, block.count * plan.columns.length);
          }
          // Last request: headers (when no data row), clear columns of an earlier run, the report
          // sheet (reused, cleared first), the run state, a recalculation, and the host's drawing.
          let lastBytes = first ? writeHeaders(ws, plan) : 0;
          for (const index of plan.clear) {
            ws.getRangeByIndexes(plan.headerRow - 1, index, plan.lastDataRow - plan.headerRow + 1, 1).clear(
              "All",
            );
          }
          lastBytes += styleColumns(ws, plan, frozen.isNullObject);
          const report = own ? sheets.getItem(own.name) : sheets.add(reportName);
          if (own) report.getRange().clear("All");
          lastBytes += writeOwnSheet(report, plan.report);
          const added = extra.map((e) => {
            const target = e.existing ? sheets.getItem(e.existing) : sheets.add(e.name);
            if (e.existing) target.getRange().clear("All");
            else target.load("id");
            lastBytes += writeOwnSheet(target, e.sheet);
            return { e, target };
          });
          if (!own) report.load("id");
          await this.options.decorate?.({ context, sheet: ws, report, plan });
          context.application.calculate("Recalculate" as Excel.CalculationType);
          await this.sync(context, lastBytes, plan.report.rows.length * 8);
          // The state names the report sheet by the id Excel gave it (known after the add).
          const state: StoredState = {
            ...plan.state,
            report: { id: own ? own.id : report.id, name: reportName },
            ...(added.length > 0
              ? {
                  sheets: added.map(({ e, target }) => ({
                    id: e.existing
                      ? (sheets.items.find((x) => x.name === e.existing)?.id ?? target.id)
                      : target.id,
                    name: e.sheet.name,
                  })),
                }
              : {}),
          };
          const json = JSON.stringify(state);
          book.settings.add(STATE_KEY, json);
          await this.sync(context, bytesOf(json), 1);
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
          ).clear("All");
        await this.sync(context, 0, 0);
      }).catch(() => undefined);
      throw new PortWriteError("write", errorCode(error) || String(error), error);
    }
  }
}

/**
 * The look of the output columns through Excel's own formatting: a bold header, a width fitting
 * it (Office.js widths are points: about 5.7 per character of the default font), wrapped issue
 * text, a fill per status or verdict value (one cell-value conditional format per value the column
 * holds, replacing the add-in's earlier ones on the column), and the header row frozen when the
 * sheet has no frozen pane of the user's. Returns the request bytes.
 */
function styleColumns(ws: Excel.Worksheet, plan: WritePlan, freeze: boolean): number {
  let bytes = 0;
  const rows = plan.lastDataRow - plan.firstDataRow + 1;
  for (const column of plan.columns) {
    const style = column.style;
    if (!style) continue;
    ws.getRangeByIndexes(plan.headerRow - 1, column.index, 1, 1).format.font.bold = true;
    ws.getRangeByIndexes(plan.headerRow - 1, column.index, 1, 1).format.columnWidth = Math.round(
      style.width * 5.7 + 5,
    );
    bytes += 60;
    if (rows <= 0) continue;
    const data = ws.getRangeByIndexes(plan.firstDataRow - 1, column.index, rows, 1);
    if (style.wrap) data.format.wrapText = true;
    if (style.tones) {
      data.conditionalFormats.clearAll();
      const present = new Set(column.values.filter((v): v is string => typeof v === "string"));
      for (const value of present) {
        const tone = style.tones[value];
        if (!tone) continue;
        const format = data.conditionalFormats.add("CellValue");
        format.cellValue.format.fill.color = `#${TONE_RGB[tone]}`;
        format.cellValue.rule = { formula1: `="${value.replace(/"/g, '""')}"`, operator: "EqualTo" };
        bytes += 120;
      }
    }
  }
  if (freeze && plan.columns.some((c) => c.style)) ws.freezePanes.freezeRows(plan.headerRow);
  return bytes;
}

/** The number format of an output column's cells. */
function formatOf(format: string): string {
  return NUMBER_FORMATS[format] ?? "General";
}

/** The output headers: text cells in the header row. */
function writeHeaders(ws: Excel.Worksheet, plan: WritePlan): number {
  let bytes = 0;
  for (const column of plan.columns) {
    const header = ws.getRangeByIndexes(plan.headerRow - 1, column.index, 1, 1);
    header.numberFormat = [[TEXT_FORMAT]];
    header.values = [[cellInput(column.header)]];
    bytes += bytesOf(column.header) + 10;
  }
  return bytes;
}

/** A stored run state, if the text is one. */
function parseState(text: unknown): StoredState | undefined {
  try {
    const state = JSON.parse(String(text ?? "")) as StoredState;
    return state && state.version === 1 && Array.isArray(state.columns) ? state : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A sheet name no sheet has, compared as Excel compares them (case-insensitively).
 *
 * @example
 * ```ts
 * freeName("AE Report", ["ae report"]) // => "AE Report (2)"
 * ```
 */
export function freeName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((n) => n.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const name = `${base} (${i})`;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

/**
 * Writes an own sheet's rows in one rectangular assignment, each cell with its number format
 * first (text "@", numbers General); returns the request bytes.
 */
function writeOwnSheet(ws: Excel.Worksheet, sheet: OwnSheet): number {
  const width = Math.max(1, ...sheet.rows.map((r) => r.length));
  const cells = sheet.rows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? null));
  if (cells.length === 0) return 0;
  const range = ws.getRangeByIndexes(0, 0, cells.length, width);
  range.numberFormat = cells.map((r) => r.map(cellFormat));
  const values = cells.map((r) => r.map(cellInput));
  range.values = values;
  return values.reduce((n, r) => n + r.reduce((m: number, v) => m + bytesOf(v) + 8, 0), 0);
}
