/**
 * Reads a worksheet as a stream of rows: values as a host hands them to the engine (numbers,
 * strings, booleans, {error} for error cells, dates, formula cells as their cached result), and
 * which columns are occupied — by a value, a formula (with or without a cached value) or a cell
 * style the user set. Structure is checked as it goes: row numbers and cell references within
 * Excel's limits (1,048,576 rows, 16,384 columns), rows and cells in order, no duplicates.
 * @packageDocumentation
 */
import { PartStream, unescapeOoxml, type SheetEntry, type XlsxPackage } from "./read";
import { localName, type XmlAttr, type XmlHandler } from "./sax";
import { WorkbookError } from "./zip";

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** A row of the sheet: its 1-based number and its cells (0-based columns; holes for empty). */
export interface SheetRow {
  readonly r: number;
  readonly cells: unknown[];
}

const limit = (message: string, zh: string) => new WorkbookError("limit", message, zh);
const bad = (message: string) => new WorkbookError("corrupt", message);

/**
 * A cell reference's column (0-based) and row, read by hand (this runs for every cell). Throws
 * past XFD; returns undefined for something that is not a reference.
 */
export function readRef(ref: string, sheet: string): { column: number; row: number } | undefined {
  let i = 0;
  let col = 0;
  for (; i < ref.length; i++) {
    let code = ref.charCodeAt(i);
    if (code >= 97 && code <= 122) code -= 32;
    if (code < 65 || code > 90) break;
    col = col * 26 + (code - 64);
    if (i >= 3 || col > MAX_COLUMNS)
      throw limit(
        `cell ${ref.slice(0, 12)} in sheet '${sheet}' is beyond column XFD (Excel has 16,384 columns); export the file again, or open and save it in Excel first`,
        `工作表“${sheet}”的单元格 ${ref.slice(0, 12)} 超出 XFD 列（Excel 共 16,384 列）；请重新导出该文件，或先在 Excel 中打开并另存`,
      );
  }
  if (i === 0 || i === ref.length) return undefined;
  let row = 0;
  for (let k = i; k < ref.length; k++) {
    const code = ref.charCodeAt(k);
    if (code < 48 || code > 57) return undefined;
    row = row * 10 + (code - 48);
    if (row > MAX_ROWS)
      throw limit(
        `cell ${ref.slice(0, 16)} in sheet '${sheet}' is beyond row 1,048,576 (Excel's last row); export the file again, or open and save it in Excel first`,
        `工作表“${sheet}”的单元格 ${ref.slice(0, 16)} 超出第 1,048,576 行（Excel 的最后一行）；请重新导出该文件，或先在 Excel 中打开并另存`,
      );
  }
  return { column: col - 1, row };
}

/** A row's number from its r attribute, within Excel's limits. */
export function readRowNumber(value: string, sheet: string): number {
  if (!/^[0-9]{1,8}$/.test(value)) {
    if (/^[0-9]+$/.test(value))
      throw limit(
        `row ${value.slice(0, 12)} in sheet '${sheet}' is beyond row 1,048,576 (Excel's last row); export the file again, or open and save it in Excel first`,
        `工作表“${sheet}”的第 ${value.slice(0, 12)} 行超出第 1,048,576 行（Excel 的最后一行）；请重新导出该文件，或先在 Excel 中打开并另存`,
      );
    throw bad(`sheet '${sheet}' has a row numbered '${value.slice(0, 16)}', which is not a row number`);
  }
  const r = Number(value);
  if (r < 1) throw bad(`sheet '${sheet}' has a row numbered ${r}; rows are numbered from 1`);
  if (r > MAX_ROWS)
    throw limit(
      `row ${r} in sheet '${sheet}' is beyond row 1,048,576 (Excel's last row); export the file again, or open and save it in Excel first`,
      `工作表“${sheet}”的第 ${r} 行超出第 1,048,576 行（Excel 的最后一行）；请重新导出该文件，或先在 Excel 中打开并另存`,
    );
  return r;
}

/** Options of a {@link SheetReader}. */
export interface SheetReadOptions {
  /** Called per row that has any cell element. */
  onRow?(row: SheetRow): void;
  /** Called per merged range (`<mergeCell ref="A1:C2"/>`), for readers that need them. */
  onMerge?(ref: string): void;
}

/** The tokenizer handler that turns a worksheet into rows. */
export class SheetReader implements XmlHandler {
  wantText = false;
  readonly transientAttrs = true;
  /** Which columns hold anything: 1 where a value, formula or user style is. */
  readonly occupied = new Uint8Array(MAX_COLUMNS);
  /** The last row with a value or formula (0 if none). */
  lastRow = 0;
  /** The last row of any row element read so far. */
  lastSeenRow = 0;
  /**
   * Whether rows are wanted (with their values). False for a pass that only learns the extent
   * and checks the structure: no value is made and no row reported.
   */
  keepRows = true;
  /**
   * Columns whose values are not wanted (the add-in's own, which a re-run replaces): their cells
   * are checked like any other but their text is not decoded and they are left out of the rows.
   */
  skipColumns: ReadonlySet<number> | undefined;
  private skipping = false;
  private depth = 0;
  private inSheetData = false;
  private rowNumber = 0;
  private cells: unknown[] = [];
  private nextColumn = 0;
  private lastColumnInRow = -1;
  // The cell at hand.
  private column = 0;
  private type = "n";
  private styled = false;
  private formula = false;
  private value: string | undefined;
  private inline: string | undefined;
  private inInline = false;
  private phonetic = 0;
  private chars = "";

  constructor(
    private readonly sheet: string,
    private readonly strings: () => readonly string[],
    private readonly options: SheetReadOptions,
  ) {}

  start(name: string, attrs: readonly XmlAttr[], empty: boolean): void {
    const local = name.indexOf(":") < 0 ? name : localName(name);
    const depth = this.depth;
    if (!empty) this.depth++;
    if (depth === 1) {
      if (local === "sheetData") this.inSheetData = !empty;
      return;
    }
    if (!this.inSheetData) {
      if (local === "mergeCell" && depth === 2) {
        const ref = attrOf(attrs, "ref");
        if (ref) this.options.onMerge?.(ref);
      }
      return;
    }
    if (depth === 2) {
      if (local !== "row") return;
      const given = attrOf(attrs, "r");
      const r = given === undefined ? this.lastSeenRow + 1 : readRowNumber(given, this.sheet);
      if (r > MAX_ROWS)
        throw limit(
          `sheet '${this.sheet}' has more than 1,048,576 rows`,
          `工作表“${this.sheet}”超过 1,048,576 行`,
        );
      if (r <= this.lastSeenRow)
        throw bad(
          `rows in sheet '${this.sheet}' are out of order or repeated (row ${r} after row ${this.lastSeenRow}); open and save the workbook in Excel first`,
        );
      this.rowNumber = r;
      this.lastSeenRow = r;
      if (this.keepRows) this.cells = [];
      this.nextColumn = 0;
      this.lastColumnInRow = -1;
      if (empty) this.endRow();
      return;
    }
    if (depth === 3) {
      if (local !== "c") return;
      const ref = attrOf(attrs, "r");
      let column = this.nextColumn;
      if (ref !== undefined) {
        const parsed = readRef(ref, this.sheet);
        if (!parsed)
          throw bad(`sheet '${this.sheet}' has a cell reference '${ref.slice(0, 16)}' that is not one`);
        column = parsed.column;
      }
      if (column >= MAX_COLUMNS)
        throw limit(
          `row ${this.rowNumber} of sheet '${this.sheet}' has a cell beyond column XFD (16,384 columns)`,
          `工作表“${this.sheet}”第 ${this.rowNumber} 行有超出 XFD 列（共 16,384 列）的单元格`,
        );
      if (column <= this.lastColumnInRow)
        throw bad(
          `cells in row ${this.rowNumber} of sheet '${this.sheet}' are out of order or repeated; open and save the workbook in Excel first`,
        );
      this.lastColumnInRow = column;
      this.nextColumn = column + 1;
      this.column = column;
      this.skipping = this.skipColumns !== undefined && this.skipColumns.has(column);
      this.type = attrOf(attrs, "t") ?? "n";
      const s = attrOf(attrs, "s");
      this.styled = s !== undefined && s !== "0" && s !== "";
      this.formula = false;
      this.value = undefined;
      this.inline = undefined;
      if (empty) this.endCell();
      return;
    }
    if (depth === 4) {
      if (local === "v") {
        this.chars = "";
        this.value = "";
        this.wantText = !empty && !this.skipping;
      } else if (local === "f") this.formula = true;
      else if (local === "is") {
        this.inInline = !empty;
        this.inline = "";
      }
      return;
    }
    if (this.inInline) {
      if (local === "rPh") {
        if (!empty) this.phonetic++;
      } else if (local === "t" && this.phonetic === 0 && !empty && !this.skipping) {
        this.chars = "";
        this.wantText = true;
      }
    }
  }

  end(name: string, start: number, end: number): void {
    const empty = start === end;
    if (!empty) this.depth--;
    const depth = this.depth;
    if (!this.inSheetData) return;
    const local = name.indexOf(":") < 0 ? name : localName(name);
    if (depth === 1) {
      if (local === "sheetData") this.inSheetData = false;
      return;
    }
    if (depth === 2) {
      if (!empty && local === "row") this.endRow();
      return;
    }
    if (depth === 3) {
      if (!empty && local === "c") this.endCell();
      return;
    }
    if (depth === 4) {
      if (local === "v" && !empty) {
        this.value = this.chars;
        this.wantText = false;
      } else if (local === "is") this.inInline = false;
      return;
    }
    if (this.inInline) {
      if (local === "t" && this.wantText) {
        this.inline = (this.inline ?? "") + this.chars;
        this.wantText = false;
      } else if (local === "rPh" && !empty) this.phonetic = Math.max(0, this.phonetic - 1);
    }
  }

  text(t: string): void {
    this.chars += t;
  }

  private endCell(): void {
    // A skipped column's cell (only read by a pass whose extent is known already).
    if (this.skipping) return;
    if (!this.keepRows) {
      // What the value would be, without making it: present, and empty or not.
      const present = this.hasValue();
      if (present || this.formula || this.styled) this.occupied[this.column] = 1;
      if ((present && this.valueNotEmpty()) || this.formula) {
        if (this.rowNumber > this.lastRow) this.lastRow = this.rowNumber;
      }
      return;
    }
    const value = this.cellValue();
    const column = this.column;
    if (value !== undefined) this.cells[column] = value;
    if (value !== undefined || this.formula || this.styled) this.occupied[column] = 1;
    if ((value !== undefined && value !== "") || this.formula) {
      if (this.rowNumber > this.lastRow) this.lastRow = this.rowNumber;
    }
  }

  private endRow(): void {
    if (!this.keepRows) return;
    if (this.cells.length > 0 || this.lastColumnInRow >= 0)
      this.options.onRow?.({ r: this.rowNumber, cells: this.cells });
  }

  /** Whether {@link SheetReader.cellValue} is not undefined. */
  private hasValue(): boolean {
    if (this.type !== "inlineStr" && this.value !== undefined && this.value !== "") return true;
    return this.inline !== undefined;
  }

  /** Whether the value {@link SheetReader.cellValue} makes (which must be present) is not "". */
  private valueNotEmpty(): boolean {
    const raw = this.value;
    if (this.type === "inlineStr" || raw === undefined || raw === "") return this.inline !== "";
    if (this.type !== "s") return true;
    const i = Number(raw);
    return Number.isInteger(i) && (this.strings()[i] ?? "") !== "";
  }

  private cellValue(): unknown {
    const type = this.type;
    if (type === "inlineStr") return this.inline === undefined ? undefined : unescapeOoxml(this.inline);
    const raw = this.value;
    if (raw === undefined || raw === "") {
      // <is> in a cell of another type (written by some tools) still holds its text.
      return this.inline === undefined ? undefined : unescapeOoxml(this.inline);
    }
    switch (type) {
      case "s": {
        const i = Number(raw);
        return Number.isInteger(i) ? (this.strings()[i] ?? "") : "";
      }
      case "str":
        return unescapeOoxml(raw);
      case "b":
        return raw === "1" || raw === "true";
      case "e":
        return { error: raw };
      case "d": {
        const d = new Date(raw);
        return Number.isNaN(d.getTime()) ? raw : d;
      }
      default: {
        const n = Number(raw);
        return Number.isFinite(n) ? n : unescapeOoxml(raw);
      }
    }
  }
}

/** An attribute by its (unprefixed) name; the hot path's version of attrValue. */
function attrOf(attrs: readonly XmlAttr[], name: string): string | undefined {
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs[i] as XmlAttr;
    if (a.name === name) return a.value;
  }
  return undefined;
}

/** Reads a sheet row by row, a step at a time, for a reader that asks for rows in order. */
export class SheetCursor {
  private readonly queue: SheetRow[] = [];
  private head = 0;
  private readonly stream: PartStream;
  readonly reader: SheetReader;
  private more = true;

  constructor(pkg: XlsxPackage, entry: SheetEntry, options: Omit<SheetReadOptions, "onRow"> = {}) {
    const part = pkg.entry(entry.path);
    if (!part) throw bad(`sheet '${entry.name}' is missing from the package (${entry.path})`);
    this.reader = new SheetReader(entry.name, () => pkg.sharedStrings(), {
      ...options,
      onRow: (row) => this.queue.push(row),
    });
    this.stream = new PartStream(pkg.zip, part, this.reader);
  }

  /** The next row with cells, or undefined at the end. */
  next(): SheetRow | undefined {
    while (this.head >= this.queue.length && this.more) {
      this.queue.length = 0;
      this.head = 0;
      this.more = this.stream.step();
    }
    if (this.head < this.queue.length) return this.queue[this.head++];
    return undefined;
  }

  /** Reads to the end (every row through `onRow` of none: for the extent and the checks). */
  drain(onRow?: (row: SheetRow) => void): void {
    for (let row = this.next(); row; row = this.next()) onRow?.(row);
  }
}
