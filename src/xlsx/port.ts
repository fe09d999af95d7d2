/**
 * The .xlsx implementation of the pipeline's {@link WorkbookPort}: reads a workbook's bytes as
 * streams of rows, and on write produces the bytes of an annotated copy (the input bytes are
 * never modified). A sheet is read in one pass to learn its extent and check its structure
 * (kept in memory when it is small, else read again as a stream in the pipeline's chunks), and
 * rewritten from its original bytes in a second pass.
 * @packageDocumentation
 */
import type { MergedRange, OwnSheet, RunState, TableInfo, WorkbookPort, WritePlan } from "../pipeline/port";
import { PROFILE_SHEET, REPORT_SHEET, STATE_SHEET } from "../pipeline/port";
import { SmallPart } from "./parts";
import { readRelationships, XlsxPackage, type SheetEntry } from "./read";
import { attrValue, localName } from "./sax";
import { layoutOf, planLayout, type SheetLayout } from "./layout";
import { mergedRangeOf } from "./merges";
import { readRef, SheetCursor, type SheetRow } from "./sheet";
import { writeOutputParts, type WriteOptions } from "./write";
import { concat, type ByteSource } from "./zip";

/** Sheets up to this many cells are kept in memory after the first pass (larger ones are streamed again). */
const CACHE_CELLS = 4_000_000;
/**
 * A sheet whose part states more bytes than this (about CACHE_CELLS cells of XML) is not kept at
 * all: it would be dropped part way, after holding millions of cells for nothing.
 */
const CACHE_PART_BYTES = 160 * 1024 * 1024;

/** What the first pass over a sheet learnt. */
interface Scan {
  readonly lastRow: number;
  readonly occupied: Uint8Array;
  /** rows[r - 1]: the cells of row r; undefined when the sheet was too large to keep. */
  readonly rows: Array<unknown[] | undefined> | undefined;
  /** The sheet's merged ranges (`<mergeCell ref>`), as read in the same pass. */
  readonly merged: readonly MergedRange[];
}

/** The state the port keeps in its AE Meta sheet: the pipeline's, and the report sheet's name. */
interface StoredState extends RunState {
  readonly report?: string;
  /** The names of the add-in's further sheets (AE Disputes). */
  readonly sheets?: readonly string[];
  /** The column widths and pane the add-in added to `sheet` (./layout); none in older states. */
  readonly layout?: SheetLayout;
}

/** A workbook file seen through the pipeline port. */
export class XlsxPort implements WorkbookPort {
  private readonly scans = new Map<string, Scan>();
  private live:
    | {
        sheet: string;
        cursor: SheetCursor;
        pending: SheetRow | undefined;
        at: number;
        skip: ReadonlySet<number> | undefined;
      }
    | undefined;
  private state: { state: StoredState; entry: SheetEntry } | null | undefined;
  /**
   * The annotated copy, once {@link XlsxPort.write} ran, in the pieces it was made in: a host
   * that writes a file writes them one after the other (a large copy is never joined in memory).
   */
  outputParts: readonly Uint8Array[] | undefined;
  /** The annotated copy as one array (joined the first time it is asked for). */
  get output(): Uint8Array | undefined {
    if (!this.outputParts) return undefined;
    const whole = concat(this.outputParts);
    this.outputParts = [whole];
    return whole;
  }
  /** The name the report sheet got in the copy ("AE Report", or another where a sheet of yours has it). */
  reportSheetName: string | undefined;

  private constructor(
    readonly pkg: XlsxPackage,
    private readonly options: WriteOptions,
  ) {}

  /**
   * Opens a workbook; throws WorkbookError with a plain reason for a file that is not a readable
   * .xlsx. `bytes` may be a {@link ByteSource} read by offset (the CLI reads its input file so,
   * never holding it whole). `options.compressText` lets a host deflate the rewritten sheet faster.
   */
  static async open(bytes: Uint8Array | ByteSource, options: WriteOptions = {}): Promise<XlsxPort> {
    return new XlsxPort(XlsxPackage.open(bytes), options);
  }

  /**
   * Whether the workbook is macro-enabled (its main part's content type is Excel's macro-enabled
   * one, as an .xlsm file's is): Excel opens such a package only under an .xlsm name, and a plain
   * one only under .xlsx, so the copy's name must say the same.
   */
  get macroEnabled(): boolean {
    const types = this.pkg.entry("[Content_Types].xml");
    if (!types) return false;
    const text = new TextDecoder().decode(this.pkg.zip.read(types));
    const part = `/${this.pkg.workbookPath}`.toLowerCase();
    for (const m of text.matchAll(/<(?:\w+:)?Override\b[^>]*>/g)) {
      const tag = m[0];
      const name = /PartName\s*=\s*["']([^"']*)["']/.exec(tag)?.[1];
      if (name?.toLowerCase() === part) return /macroEnabled/i.test(tag);
    }
    return false;
  }

  async sheetNames(): Promise<readonly string[]> {
    return this.pkg.sheets.filter((s) => s.state === "visible" && s.worksheet).map((s) => s.name);
  }

  private entry(name: string): SheetEntry {
    const entry = this.pkg.sheet(name);
    if (!entry) throw new Error(`no sheet '${name}'`);
    return entry;
  }

  async peek(sheet: string, maxRows: number): Promise<ReadonlyArray<readonly unknown[] | undefined>> {
    const scan = this.scans.get(sheet);
    if (scan?.rows) return scan.rows.slice(0, maxRows);
    const rows: Array<unknown[] | undefined> = [];
    const cursor = new SheetCursor(this.pkg, this.entry(sheet));
    for (let row = cursor.next(); row && row.r <= maxRows; row = cursor.next()) rows[row.r - 1] = row.cells;
    return rows;
  }

  /** Reads the whole sheet once: its extent, its structure checked, its rows kept if small. */
  private scan(sheet: string): Scan {
    let scan = this.scans.get(sheet);
    if (scan) return scan;
    const merged: MergedRange[] = [];
    const cursor = new SheetCursor(this.pkg, this.entry(sheet), {
      onMerge: (ref) => {
        const range = mergedRangeOf(ref, sheet);
        if (range) merged.push(range);
      },
    });
    const part = this.pkg.entry(this.entry(sheet).path);
    let rows: Array<unknown[] | undefined> | undefined =
      part && part.statedSize > CACHE_PART_BYTES ? undefined : [];
    let cells = 0;
    // A sheet that is not kept is only scanned: no value made, no row reported.
    if (!rows) cursor.reader.keepRows = false;
    cursor.drain((row) => {
      if (!rows) return;
      rows[row.r - 1] = row.cells;
      cells += row.cells.length;
      if (cells > CACHE_CELLS) {
        rows = undefined;
        cursor.reader.keepRows = false;
      }
    });
    const reader = cursor.reader;
    if (rows) rows.length = Math.min(rows.length, reader.lastRow);
    scan = { lastRow: reader.lastRow, occupied: reader.occupied, rows, merged };
    this.scans.set(sheet, scan);
    return scan;
  }

  /**
   * The last row holding a value or formula, and the last column holding anything — a value, a
   * formula (cached value or not) or a style the user set — outside `ignore` (the add-in's own
   * columns from an earlier run).
   */
  async extent(
    sheet: string,
    ignore?: ReadonlySet<number>,
  ): Promise<{ lastRow: number; lastColumn: number; columnUsed: (column: number) => boolean }> {
    const scan = this.scan(sheet);
    let lastColumn = -1;
    for (let c = scan.occupied.length - 1; c >= 0; c--)
      if (scan.occupied[c] && !ignore?.has(c)) {
        lastColumn = c;
        break;
      }
    const occupied = scan.occupied;
    return { lastRow: scan.lastRow, lastColumn, columnUsed: (c) => occupied[c] === 1 };
  }

  async readRows(
    sheet: string,
    firstRow: number,
    count: number,
    skip?: ReadonlySet<number>,
  ): Promise<ReadonlyArray<readonly unknown[] | undefined>> {
    const scan = this.scan(sheet);
    if (scan.rows) return scan.rows.slice(firstRow - 1, firstRow - 1 + count);
    // Streamed: rows are asked for in order; a request behind the cursor (or skipping other
    // columns) starts it again. Skipped columns' values are not made (a copy's issue texts).
    if (!this.live || this.live.sheet !== sheet || this.live.at > firstRow || this.live.skip !== skip) {
      const cursor = new SheetCursor(this.pkg, this.entry(sheet));
      if (skip && skip.size > 0) cursor.reader.skipColumns = skip;
      this.live = { sheet, cursor, pending: undefined, at: 1, skip };
    }
    const live = this.live;
    const out: Array<unknown[] | undefined> = new Array(count);
    const end = firstRow + count;
    for (;;) {
      const row = live.pending ?? live.cursor.next();
      live.pending = undefined;
      if (!row) break;
      if (row.r >= end) {
        live.pending = row;
        break;
      }
      if (row.r >= firstRow) out[row.r - firstRow] = row.cells;
    }
    live.at = end;
    return out;
  }

  async mergedRanges(sheet: string): Promise<readonly MergedRange[]> {
    return this.scan(sheet).merged;
  }

  async tables(sheet: string): Promise<readonly TableInfo[]> {
    const entry = this.pkg.sheet(sheet);
    if (!entry) return [];
    const out: TableInfo[] = [];
    for (const rel of readRelationships(this.pkg.zip, entry.path)) {
      if (rel.external || !/\/table$/.test(rel.type)) continue;
      const part = this.pkg.entry(rel.target);
      if (!part) continue;
      let info: TableInfo | undefined;
      let depth = 0;
      SmallPart.read(this.pkg.zip, part).scan({
        start(name, attrs, empty) {
          if (depth === 0 && localName(name) === "table") {
            const [a, b] = (attrValue(attrs, "ref") ?? "").split(":");
            const start = a ? readRef(a, sheet) : undefined;
            const end = b ? readRef(b, sheet) : start;
            const headerRows = Number(attrValue(attrs, "headerRowCount") ?? 1);
            if (start && end && headerRows > 0)
              info = {
                name: attrValue(attrs, "displayName") ?? attrValue(attrs, "name") ?? "",
                headerRow: start.row,
                firstColumn: start.column,
                lastColumn: end.column,
                lastRow: end.row,
              };
          }
          if (!empty) depth++;
        },
        end(_name, start, end) {
          if (start !== end) depth--;
        },
      });
      if (info) out.push(info);
    }
    return out;
  }

  async readProfile(): Promise<ReadonlyArray<readonly unknown[]> | undefined> {
    const entry = this.pkg.sheet(PROFILE_SHEET);
    if (!entry) return undefined;
    const rows: unknown[][] = [];
    new SheetCursor(this.pkg, entry).drain((row) => {
      if (row.cells[0] !== undefined) rows.push([row.cells[0], row.cells[1]]);
    });
    // A heading row ("Key | Value", "项目 | 值") is not a profile entry.
    const first = String(rows[0]?.[0] ?? "").toLowerCase();
    return /^(key|项目|键|name|名称)\b|^(项目|键)/i.test(first) ? rows.slice(1) : rows;
  }

  /** The add-in's state sheet: a sheet named AE Meta (or AE Meta 2, …) whose A1 is the state. */
  private findState(): { state: StoredState; entry: SheetEntry } | null {
    if (this.state !== undefined) return this.state;
    this.state = null;
    for (const entry of this.pkg.sheets) {
      if (!/^ae meta( \d+)?$/i.test(entry.name) || !entry.worksheet) continue;
      let first: unknown;
      try {
        first = new SheetCursor(this.pkg, entry).next()?.cells[0];
      } catch {
        continue;
      }
      if (typeof first !== "string") continue;
      try {
        const state = JSON.parse(first) as StoredState;
        if (state.version === 1 && Array.isArray(state.columns)) {
          this.state = { state, entry };
          break;
        }
      } catch {
        // Not ours.
      }
    }
    return this.state;
  }

  async readState(): Promise<RunState | undefined> {
    return this.findState()?.state;
  }

  /** A sheet name not taken by any sheet of the workbook (case-insensitively): base, "base 2", … */
  private freeName(base: string): string {
    const names = new Set(this.pkg.sheets.map((s) => s.name.toLowerCase()));
    if (!names.has(base.toLowerCase())) return base;
    for (let n = 2; ; n++) if (!names.has(`${base} ${n}`.toLowerCase())) return `${base} ${n}`;
  }

  async write(plan: WritePlan): Promise<void> {
    const entry = this.entry(plan.sheet);
    // The parsed rows are not needed to write: let them go before the write's allocations.
    this.scans.clear();
    this.live = undefined;
    const found = this.findState();
    // Only the add-in's own sheets are replaced; a sheet of yours with the same name keeps it, and
    // the add-in's gets another name.
    const metaEntry = found?.entry;
    let reportEntry: SheetEntry | undefined;
    if (found) {
      const named = found.state.report ?? REPORT_SHEET;
      reportEntry = this.pkg.sheets.find((s) => s.name === named && s.worksheet);
    }
    const reportName = reportEntry?.name ?? this.freeName(REPORT_SHEET);
    const metaName = metaEntry?.name ?? this.freeName(STATE_SHEET);
    // Further sheets of the add-in (AE Disputes): replaced where an earlier run wrote them.
    const taken = new Set([reportName.toLowerCase()]);
    const extra = (plan.sheets ?? []).map((sheet) => {
      const earlier = found ? (found.state.sheets ?? (found.state.report ? [] : [sheet.name])) : [];
      const replaces = earlier.includes(sheet.name)
        ? this.pkg.sheets.find((s) => s.name === sheet.name && s.worksheet)
        : undefined;
      let name = replaces?.name ?? this.freeName(sheet.name);
      for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${sheet.name} ${n}`;
      taken.add(name.toLowerCase());
      return { sheet: { ...sheet, name }, ...(replaces ? { replaces } : {}) };
    });
    // The widths and frozen pane: the earlier run's (on this sheet) replaced, the user's kept.
    const layout = planLayout(
      this.pkg,
      entry,
      plan.columns,
      plan.headerRow,
      found && found.state.sheet === plan.sheet ? layoutOf(found.state.layout) : undefined,
      this.options.layout !== false,
    );
    const stored: StoredState = {
      ...plan.state,
      report: reportName,
      sheets: extra.map((x) => x.sheet.name),
      ...(layout.record ? { layout: layout.record } : {}),
    };
    const state: OwnSheet = {
      name: metaName,
      hidden: true,
      rows: [
        [JSON.stringify(stored)],
        ["AE Modes keeps here which columns it wrote, so a re-run replaces them. 请勿修改。"],
      ],
    };
    this.outputParts = await writeOutputParts(
      this.pkg,
      {
        entry,
        headerRow: plan.headerRow,
        firstDataRow: plan.firstDataRow,
        columns: plan.columns,
        clear: plan.clear,
        layout,
      },
      plan.lastDataRow,
      [
        { sheet: { ...plan.report, name: reportName }, ...(reportEntry ? { replaces: reportEntry } : {}) },
        ...extra,
        { sheet: state, ...(metaEntry ? { replaces: metaEntry } : {}) },
      ],
      this.options,
    );
    this.reportSheetName = reportName;
  }
}
