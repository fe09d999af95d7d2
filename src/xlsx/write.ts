/**
 * Writes the add-in's output into a copy of an .xlsx package, touching nothing else. The target
 * sheet is rewritten from its original bytes as a stream: rows and cells are copied as they are,
 * the add-in's cells are inserted in column order (its earlier cells replaced), and the copy is
 * deflated as it is produced. The workbook, its relationships, the content types and the style
 * sheet are edited in place (./parts); the report and state sheets are added or replaced; every
 * other part is copied as its compressed bytes.
 * @packageDocumentation
 */
import { columnLetter } from "../engine/text";
import { TONE_RGB } from "../pipeline/outputs";
import type { CellFormat, OutputCell, OutputColumn, OwnSheet, Tone } from "../pipeline/port";
import { asciiBytes, CellBytes, digitsOf, fenOf, isAscii } from "./cell-bytes";
import { OutputEncoder } from "./encoding";
import { LayoutWriter, type LayoutPlan, type LayoutSink } from "./layout";
import { SmallPart, spliceStream, type Edit } from "./parts";
import { PartStream, relsPathOf, TRANSITIONAL_MAIN, type SheetEntry, type XlsxPackage } from "./read";
import type { XmlTokenizer } from "./sax";
import { attrValue, localName, prefixOf, type XmlAttr, type XmlHandler } from "./sax";
import { MAX_COLUMNS, readRef } from "./sheet";
import { defaultStyleSheet, StyleBook } from "./styles";
import { escapeXml, needsEscape } from "./xml";
import { concat, WorkbookError, ZipWriter, type ZipEntry } from "./zip";

export type { CellFormat, OutputCell, OwnSheet };

/** One output column of the target sheet (the pipeline's column, as the port hands it over). */
export type ColumnWrite = OutputColumn;

/** What to write into the target sheet. */
export interface SheetWrite {
  readonly entry: SheetEntry;
  readonly headerRow: number;
  readonly firstDataRow: number;
  readonly columns: readonly ColumnWrite[];
  /** Columns of an earlier run that this run does not write: their cells are removed. */
  readonly clear: readonly number[];
  /** Column widths and the frozen header row (./layout); none: the sheet's head is copied as it is. */
  readonly layout?: LayoutPlan;
}

/** A sheet the add-in owns, with the name it gets and the sheet of the workbook it replaces. */
export interface OwnSheetWrite {
  readonly sheet: OwnSheet;
  readonly replaces?: SheetEntry;
}

/** A part's deflated bytes, with what its zip entry needs: the CRC-32 and the size. */
export interface CompressedText {
  /** The raw-deflate stream, whole or in pieces (in order). */
  readonly data: Uint8Array | readonly Uint8Array[];
  readonly crc32: number;
  readonly size: number;
}

/** Deflates one part as it is produced, piece by piece. */
export interface TextCompressor {
  /** Adds the next piece of the part's bytes. */
  push(bytes: Uint8Array): void;
  /** All pieces are in: the raw-deflate stream of their bytes. */
  finish(): Promise<CompressedText>;
  /**
   * Optional, called before the first push: the deflated pieces go to `onPiece` as they are made
   * (in order) instead of being kept, and finish's `data` holds none of them.
   */
  stream?(onPiece: (piece: Uint8Array) => void): void;
  /** Optional: a pause in which the pieces made meanwhile reach `onPiece` (awaited now and then). */
  drain?(): Promise<void>;
}

/**
 * Starts a compressor for one large part (the rewritten sheet, a statement's shared strings): a
 * host's native deflate (the CLI's runs on a worker thread, so the sheet is deflated while it is
 * still being written). Without one, fflate deflates on the calling thread.
 */
export type CompressText = () => TextCompressor;

/** Options of {@link writeOutputs}. */
export interface WriteOptions {
  readonly compressText?: CompressText;
  /**
   * False: the add-in's columns get no width and the header row is not frozen, so every byte of
   * the sheet outside sheetData but the dimension stays as it is (the CLI's --no-layout). The
   * cell styles (bold header, wrap, fills) are written either way.
   */
  readonly layout?: boolean;
  /**
   * A host writing the copy to a file: each piece of the copy, in order, as it is made (the write
   * then returns no pieces, and the rewritten sheet's deflated bytes are never all held). It must
   * not throw; a host keeps its own write error and discards the file.
   */
  readonly sink?: (bytes: Uint8Array) => void;
}

const WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const STYLES_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
const SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml";
const TRANSITIONAL_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

/** Style indices of the number formats the add-in writes. */
interface Styles {
  readonly money: number;
  readonly weight: number;
  readonly percent: number;
  /** The output columns' look, when the plan asks for one (bold header, wrap, fills per value). */
  readonly look?: {
    readonly header: number;
    readonly wrap: number;
    readonly tones: Readonly<Record<Tone, number>>;
  };
}

/** ".01" … ".99" for the cents of an amount, trailing zero dropped ("" for none). */
const CENTS = Array.from({ length: 100 }, (_, c) =>
  c === 0 ? "" : c % 10 === 0 ? `.${c / 10}` : `.${String(c).padStart(2, "0")}`,
);

/**
 * A number as JavaScript writes it (`String(value)`), faster for amounts with at most two decimals
 * (every money cell the add-in writes).
 *
 * @example
 * ```ts
 * numberText(5.5) // => "5.5"
 * numberText(-0.07) // => "-0.07"
 * numberText(0.125) // => "0.125"
 * ```
 */
export function numberText(value: number): string {
  const fen = fenOf(value);
  if (fen === undefined) return String(value);
  const abs = fen < 0 ? -fen : fen;
  const cents = abs % 100;
  const text = `${(abs - cents) / 100}${CENTS[cents] as string}`;
  return fen < 0 ? `-${text}` : text;
}

/**
 * New entries for the shared-string table, for output columns whose texts repeat (a status or a
 * verdict on every row): a reference is half the size of an inline string.
 */
class SharedStrings {
  readonly added: string[] = [];
  private readonly index = new Map<string, number>();
  references = 0;
  /**
   * `wanted`: every text the output columns share. Only those are looked up in the existing
   * table (a re-run finds its own texts there), so no index of a table of millions is built.
   */
  constructor(
    existing: readonly string[],
    private readonly base: number,
    wanted: ReadonlySet<string>,
  ) {
    if (wanted.size === 0) return;
    for (let i = 0; i < existing.length; i++) {
      const t = existing[i] as string;
      if (wanted.has(t) && !this.index.has(t)) this.index.set(t, i);
    }
  }
  indexOf(text: string): number {
    this.references++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.base + this.added.length;
      this.added.push(text);
      this.index.set(text, i);
    }
    return i;
  }
  find(text: string): number {
    return this.index.get(text) as number;
  }
}

/** Columns whose texts repeat enough to share: few distinct values over many rows. */
function sharesTexts(values: readonly OutputCell[]): boolean {
  if (values.length < 50) return false;
  const distinct = new Set<string>();
  // An index loop: for…of over a column of numbers boxed each one (60 MB for a 100,000-row check).
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "string") continue;
    distinct.add(v);
    if (distinct.size > 64) return false;
  }
  return distinct.size > 0;
}

/** Where a row's cells are, as the rewriter collects them. */
interface CellSpot {
  readonly start: number;
  /** End of the start tag. */
  readonly tagEnd: number;
  end: number;
  readonly column: number;
  readonly hasRef: boolean;
}

/** The rewriter's view of the output columns. */
interface ColumnPlan {
  readonly column: OutputColumn;
  readonly letter: string;
  readonly share: boolean;
  readonly style: string;
  /** ` s="…"` of the header cell ("" for none). */
  readonly headerStyle: string;
  /** ` s="…"` of a text cell by its value (fills), or of every text cell (wrap); "" for none. */
  readonly textStyle: (value: string) => string;
  /** Shared-string cells of this column after their reference, by value. */
  readonly tails: Map<string, string>;
}

/** A column's fixed cell pieces as bytes (made once the sheet's prefix is known). */
interface ColumnBytes {
  readonly plan: ColumnPlan;
  /** `<c r="` and the column's letters. */
  readonly open: Uint8Array;
  /** After the row number of a number cell: the style, `<v>`. */
  readonly numberMid: Uint8Array;
  /** Shared-string cells after their row number, by value. */
  readonly tails: Map<string, Uint8Array>;
  /** Inline-string cells after their row number up to the text, by style. */
  readonly textMids: Map<string, Uint8Array>;
}

/**
 * The tokenizer handler that rewrites the target sheet: copies every byte it does not change,
 * and puts the add-in's cells into the rows (new rows where the sheet has none).
 */
class SheetRewriter implements XmlHandler {
  readonly transientAttrs = true;
  tokenizer!: XmlTokenizer;
  encoder!: OutputEncoder;
  private copied = 0;
  private depth = 0;
  private inSheetData = false;
  private p = "";
  private next: number;
  private lastSeenRow = 0;
  // The row at hand.
  private inRow = false;
  private rowStart = 0;
  private rowTagEnd = 0;
  private rowEmpty = false;
  /** Where the row's spans attribute is, if it has one. */
  private rowSpans: { start: number; end: number } | undefined;
  private rowNumber = 0;
  private rowHasRef = false;
  private readonly cells: CellSpot[] = [];
  /** Column of the first cell `oursText` or `oursInto` gave (-1: none). */
  private oursFirst = -1;
  private nextColumn = 0;
  private cellDepth = -1;
  private readonly plan: ColumnPlan[];
  /** The plan's pieces as bytes, for a part whose inserted text is UTF-8 (made at the first data row). */
  private bytePlan: ColumnBytes[] | undefined;
  private numberClose: Uint8Array = new Uint8Array(0);
  private textClose: Uint8Array = new Uint8Array(0);
  private readonly cellBytes = new CellBytes();
  private readonly rowDigits = new Uint8Array(16);
  private readonly owned: Uint8Array = new Uint8Array(MAX_COLUMNS);
  private readonly maxColumn: number;
  /** The layout edits of the sheet's head (until sheetData starts). */
  private layout: LayoutWriter | undefined;
  private readonly layoutSink: LayoutSink = {
    emitTo: (pos) => this.emitTo(pos),
    insert: (text) => this.insert(text),
    skipTo: (pos) => {
      this.copied = pos;
      this.tokenizer.hold = pos;
    },
    copy: (from, to) => this.out(this.tokenizer.slice(from, to)),
  };

  constructor(
    private readonly write: SheetWrite,
    private readonly lastDataRow: number,
    private readonly shared: SharedStrings | undefined,
    sharedColumns: ReadonlySet<number>,
    styles: Styles,
    private readonly out: (bytes: Uint8Array) => void,
  ) {
    this.next = write.headerRow;
    for (const c of write.columns) this.owned[c.index] = 1;
    for (const c of write.clear) this.owned[c] = 1;
    this.plan = [...write.columns]
      .sort((a, b) => a.index - b.index)
      .map((column) => {
        const xf =
          column.format === "money"
            ? styles.money
            : column.format === "weight"
              ? styles.weight
              : column.format === "percent"
                ? styles.percent
                : undefined;
        const look = styles.look;
        const tones = column.style?.tones;
        const wrap = column.style?.wrap === true;
        const toneStyle = (value: string): string => {
          const tone = tones?.[value];
          return tone && look ? ` s="${look.tones[tone]}"` : "";
        };
        return {
          column,
          letter: columnLetter(column.index),
          share: sharedColumns.has(column.index) && shared !== undefined,
          style: xf === undefined ? "" : ` s="${xf}"`,
          headerStyle: look && column.style ? ` s="${look.header}"` : "",
          textStyle: tones ? toneStyle : wrap && look ? () => ` s="${look.wrap}"` : () => "",
          tails: new Map(),
        };
      });
    this.maxColumn = Math.max(-1, ...write.columns.map((c) => c.index));
    if (write.layout) this.layout = new LayoutWriter(write.layout);
  }

  private emitTo(pos: number): void {
    if (pos > this.copied) {
      this.out(this.tokenizer.slice(this.copied, pos));
      this.copied = pos;
      this.tokenizer.hold = pos;
    }
  }

  private insert(text: string): void {
    if (text) this.out(this.encoder.text(text));
  }

  /** Everything read so far that is not held for a row: copied out (after each step). */
  flush(): void {
    if (!this.inRow && !this.layout?.holding) this.emitTo(this.tokenizer.offset);
  }

  /** The add-in's cells of a row, in column order, with their columns. */
  private ours(row: number): Array<[number, string]> {
    if (row < this.write.headerRow || row > this.lastDataRow) return [];
    const p = this.p;
    const out: Array<[number, string]> = [];
    for (const c of this.plan) {
      const ref = `${c.letter}${row}`;
      if (row === this.write.headerRow) {
        out.push([c.column.index, textCell(p, ref, c.column.header, c.headerStyle)]);
        continue;
      }
      const value =
        row >= this.write.firstDataRow ? (c.column.values[row - this.write.firstDataRow] ?? null) : null;
      if (value === null) continue;
      if (typeof value === "string") {
        if (c.share) {
          out.push([c.column.index, `<${p}c r="${ref}${this.sharedTail(c, value)}`]);
        } else out.push([c.column.index, textCell(p, ref, value, c.textStyle(value))]);
      } else if (Number.isFinite(value))
        out.push([c.column.index, `<${p}c r="${ref}"${c.style}><${p}v>${numberText(value)}</${p}v></${p}c>`]);
    }
    return out;
  }

  /** A shared-string cell after its reference, by value (style and shared-string index), per column. */
  private sharedTail(c: ColumnPlan, value: string): string {
    let tail = c.tails.get(value);
    if (tail === undefined) {
      const p = this.p;
      tail = `"${c.textStyle(value)} t="s"><${p}v>${(this.shared as SharedStrings).find(value)}</${p}v></${p}c>`;
      c.tails.set(value, tail);
    }
    return tail;
  }

  /**
   * The add-in's cells of a row as one string, in column order (for a part whose inserted text is
   * not UTF-8, and the header row); `oursFirst` is set to the first cell's column (-1 for none).
   */
  private oursText(row: number): string {
    return this.joined(this.ours(row));
  }

  /** Whether a row's cells are built as bytes ({@link oursInto}) rather than as text. */
  private bytesFor(row: number): boolean {
    return (
      this.encoder.utf8 &&
      row > this.write.headerRow &&
      row >= this.write.firstDataRow &&
      row <= this.lastDataRow
    );
  }

  /**
   * Writes the add-in's cells of a data row into `cellBytes`, the same bytes `oursText` gives
   * encoded; `oursFirst` is set as there. False: the row has none.
   */
  private oursInto(row: number): boolean {
    const plan = (this.bytePlan ??= this.makeBytePlan());
    const b = this.cellBytes;
    const p = this.p;
    const at = row - this.write.firstDataRow;
    // The row number's digits, made once for the row's cells.
    const digits = this.rowDigits;
    const n = digitsOf(row, digits);
    this.oursFirst = -1;
    for (const c of plan) {
      const value = c.plan.column.values[at] ?? null;
      if (value === null) continue;
      if (typeof value === "string") {
        if (c.plan.share) {
          let tail = c.tails.get(value);
          if (tail === undefined)
            c.tails.set(value, (tail = this.encoder.text(this.sharedTail(c.plan, value))));
          b.bytes(c.open);
          b.short(digits, n);
          b.bytes(tail);
        } else {
          const style = c.plan.textStyle(value);
          let mid = c.textMids.get(style);
          if (mid === undefined)
            c.textMids.set(
              style,
              (mid = asciiBytes(`"${style} t="inlineStr"><${p}is><${p}t xml:space="preserve">`)),
            );
          b.bytes(c.open);
          b.short(digits, n);
          b.bytes(mid);
          const text = needsEscape(value) ? escapeXml(value) : value;
          if (isAscii(text)) b.ascii(text);
          else b.utf8(text);
          b.bytes(this.textClose);
        }
      } else if (Number.isFinite(value)) {
        b.bytes(c.open);
        b.short(digits, n);
        b.bytes(c.numberMid);
        b.number(value);
        b.bytes(this.numberClose);
      } else continue;
      if (this.oursFirst < 0) this.oursFirst = c.plan.column.index;
    }
    return this.oursFirst >= 0;
  }

  private makeBytePlan(): ColumnBytes[] {
    const p = this.p;
    this.numberClose = asciiBytes(`</${p}v></${p}c>`);
    this.textClose = asciiBytes(`</${p}t></${p}is></${p}c>`);
    return this.plan.map((plan) => ({
      plan,
      open: asciiBytes(`<${p}c r="${plan.letter}`),
      numberMid: asciiBytes(`"${plan.style}><${p}v>`),
      tails: new Map(),
      textMids: new Map(),
    }));
  }

  private joined(cells: Array<[number, string]>): string {
    this.oursFirst = cells.length ? (cells[0] as [number, string])[0] : -1;
    let text = "";
    for (const c of cells) text += c[1];
    return text;
  }

  /** New rows for data rows the sheet has no row element for, before row `limit`. */
  private missingRowsBefore(limit: number, at: number): void {
    for (; this.next < limit && this.next <= this.lastDataRow; this.next++) {
      if (this.bytesFor(this.next)) {
        const b = this.cellBytes;
        b.ascii(`<${this.p}row r="`);
        b.uint(this.next);
        b.ascii('">');
        if (!this.oursInto(this.next)) {
          b.discard();
          continue;
        }
        b.ascii(`</${this.p}row>`);
        this.emitTo(at);
        this.out(b.take());
        continue;
      }
      const cells = this.oursText(this.next);
      if (cells === "") continue;
      this.emitTo(at);
      this.insert(`<${this.p}row r="${this.next}">${cells}</${this.p}row>`);
    }
  }

  start(name: string, attrs: readonly XmlAttr[], empty: boolean, start: number, end: number): void {
    const depth = this.depth;
    if (!empty) this.depth++;
    if (this.layout && !this.inSheetData && depth >= 1) {
      this.layout.start(this.layoutSink, name, attrs, empty, start, end, depth);
      if (this.layout.holding) return;
    }
    if (depth === 1) {
      const local = localName(name);
      if (local === "dimension") this.dimension(attrs);
      else if (local === "sheetData") {
        this.p = prefixOf(name);
        if (empty) {
          this.emitTo(start);
          this.insert(`<${this.p}sheetData>`);
          this.copied = end;
          this.tokenizer.hold = end;
          this.missingRowsBefore(Infinity, end);
          this.insert(`</${this.p}sheetData>`);
        } else this.inSheetData = true;
        this.layout = undefined;
      }
      return;
    }
    if (!this.inSheetData) return;
    if (depth === 2) {
      if (localName(name) !== "row") return;
      const given = attrValue(attrs, "r");
      this.rowNumber = given === undefined ? this.lastSeenRow + 1 : Number(given);
      this.lastSeenRow = this.rowNumber;
      this.rowHasRef = given !== undefined;
      this.rowStart = start;
      this.rowTagEnd = end;
      this.rowEmpty = empty;
      const spans = attrs.find((a) => a.name === "spans");
      this.rowSpans = spans ? { start: spans.start, end: spans.end } : undefined;
      this.cells.length = 0;
      this.nextColumn = 0;
      this.inRow = true;
      if (empty) this.endRow(end, end);
      return;
    }
    if (depth === 3 && this.inRow && localName(name) === "c") {
      const ref = attrValue(attrs, "r");
      const column =
        ref === undefined
          ? this.nextColumn
          : (readRef(ref, this.write.entry.name)?.column ?? this.nextColumn);
      this.nextColumn = column + 1;
      this.cells.push({ start, tagEnd: end, end, column, hasRef: ref !== undefined });
      this.cellDepth = empty ? -1 : depth;
    }
  }

  end(name: string, start: number, end: number): void {
    const empty = start === end;
    if (!empty) this.depth--;
    if (this.layout) this.layout.end(this.layoutSink, name, start, end, this.depth);
    if (!this.inSheetData) return;
    const depth = this.depth;
    if (depth === 1 && !empty) {
      // </sheetData>: the data rows after the sheet's last row.
      this.inSheetData = false;
      this.missingRowsBefore(Infinity, start);
      return;
    }
    if (depth === 2 && !empty && this.inRow) {
      this.endRow(start, end);
      return;
    }
    if (depth === 3 && this.cellDepth === 3 && !empty) {
      const cell = this.cells[this.cells.length - 1];
      if (cell) cell.end = end;
      this.cellDepth = -1;
    }
    void name;
  }

  /** The row ended (`</row>` at [closeStart, closeEnd), or an empty row element). */
  private endRow(closeStart: number, closeEnd: number): void {
    this.inRow = false;
    const r = this.rowNumber;
    if (r < this.write.headerRow) return;
    this.missingRowsBefore(r, this.rowStart);
    if (r === this.next) this.next++;
    let text = "";
    let bytes: Uint8Array | undefined;
    if (this.bytesFor(r)) {
      if (this.oursInto(r)) bytes = this.cellBytes.take();
    } else text = this.oursText(r);
    // The row's cells are the user's (first `kept` of them) and then, on a re-run, the add-in's
    // earlier ones; `suffix`: those earlier ones come after every cell of the user's, back to back.
    const cells = this.cells;
    let kept = cells.length;
    while (kept > 0 && this.owned[(cells[kept - 1] as CellSpot).column]) kept--;
    let dropping = kept < cells.length;
    let suffix = true;
    for (let i = 0; i < kept; i++) if (this.owned[(cells[i] as CellSpot).column]) dropping = true;
    for (let i = kept; i < cells.length && suffix; i++) {
      const before = i === 0 ? this.rowTagEnd : (cells[i - 1] as CellSpot).end;
      if ((cells[i] as CellSpot).start !== before) suffix = false;
    }
    for (let i = 0; i < kept && suffix; i++) if (this.owned[(cells[i] as CellSpot).column]) suffix = false;
    if (text === "" && bytes === undefined && !dropping) {
      if (closeEnd - this.copied > 1 << 20) this.emitTo(closeEnd);
      return;
    }
    const p = this.p;
    const t = this.tokenizer;
    const spans = this.rowSpans;
    const lastCell = cells[cells.length - 1];
    const lastKept = kept > 0 ? (cells[kept - 1] as CellSpot) : undefined;
    if (
      suffix &&
      !this.rowEmpty &&
      this.rowHasRef &&
      (this.oursFirst < 0 || this.oursFirst > (lastKept?.column ?? -1))
    ) {
      // The common case: the add-in's cells follow the row's last cell of the user's (on a re-run,
      // in place of its earlier ones there). Copy around the spans hint (Excel recomputes it) and
      // insert them there; the rest is copied as it comes.
      if (spans) {
        this.emitTo(spans.start);
        this.copied = spans.end;
      }
      this.emitTo(lastKept ? lastKept.end : this.rowTagEnd);
      if (bytes) this.out(bytes);
      else this.insert(text);
      if (dropping && lastCell) {
        this.copied = lastCell.end;
        t.hold = lastCell.end;
      }
      if (closeEnd - this.copied > 1 << 20) this.emitTo(closeEnd);
      return;
    }
    const ours = this.ours(r);
    this.emitTo(this.rowStart);
    // The start tag, without spans (Excel recomputes it), with r when it had none.
    const tagClose = this.rowEmpty ? this.rowTagEnd - 2 : this.rowTagEnd - 1;
    if (spans) {
      this.out(t.slice(this.rowStart, spans.start));
      this.out(t.slice(spans.end, tagClose));
    } else this.out(t.slice(this.rowStart, tagClose));
    this.insert(`${this.rowHasRef ? "" : ` r="${r}"`}>`);
    let k = 0;
    let pos = this.rowEmpty ? closeEnd : this.rowTagEnd;
    let changed = false;
    for (const cell of this.cells) {
      if (cell.start > pos) this.out(t.slice(pos, cell.start));
      while (k < ours.length && (ours[k] as [number, string])[0] < cell.column) {
        this.insert((ours[k++] as [number, string])[1]);
        changed = true;
      }
      if (k < ours.length && (ours[k] as [number, string])[0] === cell.column && !this.owned[cell.column])
        throw new Error(
          `internal: output column ${columnLetter(cell.column)} collides with a cell of row ${r}`,
        );
      pos = cell.end;
      if (this.owned[cell.column]) {
        changed = true;
        continue;
      }
      if (!cell.hasRef && changed) {
        // Cells after an insertion or removal are numbered by position: give this one its reference.
        const nameEnd = cell.start + 1 + p.length + 1;
        this.out(t.slice(cell.start, nameEnd));
        this.insert(` r="${columnLetter(cell.column)}${r}"`);
        this.out(t.slice(nameEnd, cell.end));
      } else this.out(t.slice(cell.start, cell.end));
    }
    for (; k < ours.length; k++) this.insert((ours[k] as [number, string])[1]);
    if (this.rowEmpty) this.insert(`</${p}row>`);
    else this.out(t.slice(pos, closeEnd));
    this.copied = closeEnd;
    t.hold = closeEnd;
  }

  /** The used-range hint: widened to the output columns and rows. */
  private dimension(attrs: readonly XmlAttr[]): void {
    const ref = attrs.find((a) => a.name === "ref");
    if (!ref) return;
    const [first, last] = ref.value.split(":") as [string, string | undefined];
    let end: { column: number; row: number } | undefined;
    try {
      end = readRef(last ?? first, this.write.entry.name);
    } catch {
      end = undefined;
    }
    if (!end) return;
    const column = Math.max(end.column, this.maxColumn);
    const row = Math.max(end.row, this.lastDataRow);
    this.emitTo(ref.start);
    this.insert(` ref="${escapeXml(first)}:${columnLetter(column)}${row}"`);
    this.copied = ref.end;
    this.tokenizer.hold = ref.end;
  }
}

function textCell(p: string, ref: string, text: string, style = ""): string {
  return `<${p}c r="${ref}"${style} t="inlineStr"><${p}is><${p}t xml:space="preserve">${escapeXml(text)}</${p}t></${p}is></${p}c>`;
}

function ownSheetXml(sheet: OwnSheet, mainNs: string, relNs: string): string {
  const rows = sheet.rows
    .map((cells, r) => {
      const xml = cells
        .map((value, c) => {
          const ref = `${columnLetter(c)}${r + 1}`;
          if (value === null) return "";
          return typeof value === "number" ? `<c r="${ref}"><v>${value}</v></c>` : textCell("", ref, value);
        })
        .join("");
      return xml ? `<row r="${r + 1}">${xml}</row>` : "";
    })
    .join("");
  const cols = sheet.widths?.length
    ? `<cols>${sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("")}</cols>`
    : "";
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${mainNs}" xmlns:r="${relNs}">${cols}<sheetData>${rows}</sheetData></worksheet>`;
}

/** What the workbook's relationships part and content types need to be edited. */
function closeOf(
  part: SmallPart,
  rootLocal: string,
): { prefix: string; close: number; ids: Set<string>; names: Set<string>; defaults: Set<string> } {
  let prefix = "";
  let close = -1;
  let depth = 0;
  const ids = new Set<string>();
  const names = new Set<string>();
  const defaults = new Set<string>();
  part.scan({
    start(name, attrs, empty) {
      if (depth === 0) prefix = prefixOf(name);
      const local = localName(name);
      if (local === "Relationship") ids.add(attrValue(attrs, "Id") ?? "");
      else if (local === "Override") names.add((attrValue(attrs, "PartName") ?? "").toLowerCase());
      else if (local === "Default") defaults.add((attrValue(attrs, "Extension") ?? "").toLowerCase());
      if (!empty) depth++;
    },
    end(name, start, end) {
      if (start === end) return;
      depth--;
      if (depth === 0 && localName(name) === rootLocal) close = start;
    },
  });
  if (close < 0) throw new WorkbookError("corrupt", `${part.name} has no <${rootLocal}> element`);
  return { prefix, close, ids, names, defaults };
}

const encoder = new TextEncoder();

/**
 * Writes the outputs into a copy of the package and returns the copy's bytes. `own` are the
 * add-in's sheets (report, state) with the workbook sheet each replaces, if any.
 */
export async function writeOutputs(
  pkg: XlsxPackage,
  write: SheetWrite,
  lastDataRow: number,
  own: readonly OwnSheetWrite[],
  options: WriteOptions = {},
): Promise<Uint8Array> {
  return concat(await writeOutputParts(pkg, write, lastDataRow, own, options));
}

/** {@link writeOutputs}, with the copy's bytes in the pieces they were made in (never joined). */
export async function writeOutputParts(
  pkg: XlsxPackage,
  write: SheetWrite,
  lastDataRow: number,
  own: readonly OwnSheetWrite[],
  options: WriteOptions = {},
): Promise<Uint8Array[]> {
  const maxIndex = Math.max(-1, ...write.columns.map((c) => c.index));
  if (maxIndex >= MAX_COLUMNS) {
    // The sheet's last used column is the one before the output block.
    const last = Math.min(...write.columns.map((c) => c.index)) - 1;
    const n = write.columns.length;
    const sheet = write.entry.name;
    throw new WorkbookError(
      "limit",
      `no room for the ${n} output columns in sheet '${sheet}': its cells reach column ${columnLetter(Math.min(last, MAX_COLUMNS - 1))}, and ${n} more would run past XFD (column 16,384), Excel's last; move or delete columns and run again`,
      `工作表“${sheet}”放不下 ${n} 个输出列：表中内容已到 ${columnLetter(Math.min(last, MAX_COLUMNS - 1))} 列，再加 ${n} 列会超出 Excel 的最后一列 XFD（第 16,384 列）；请移动或删除一些列后重试`,
    );
  }
  const zip = pkg.zip;
  const wb = pkg.workbook;
  const wbDir = pkg.workbookPath.slice(0, pkg.workbookPath.lastIndexOf("/") + 1);
  const wsRelType =
    pkg.workbookRels.find((r) => /\/worksheet$/.test(r.type))?.type ?? `${TRANSITIONAL_RELS}worksheet`;
  const relBase = wsRelType.slice(0, wsRelType.length - "worksheet".length);
  const sheetEntry = pkg.entry(write.entry.path);
  if (!sheetEntry)
    throw new WorkbookError("corrupt", `sheet '${write.entry.name}' is missing from the package`);

  // Styles: the workbook's part, or a new one.
  const stylesRel = pkg.related("styles");
  const stylesEntry = stylesRel ? pkg.entry(stylesRel.target) : undefined;
  const stylesPart = stylesEntry
    ? SmallPart.read(zip, stylesEntry)
    : SmallPart.fromBytes(
        `${wbDir}styles.xml`,
        encoder.encode(defaultStyleSheet(wb.mainNs || TRANSITIONAL_MAIN)),
      );
  const book = new StyleBook(stylesPart);
  const styled = write.columns.some((c) => c.style !== undefined);
  const styles: Styles = {
    money: book.xf({ numFmtId: book.numFmt("0.00") }),
    weight: book.xf({ numFmtId: book.numFmt("0.000") }),
    percent: book.xf({ numFmtId: book.numFmt("0.00%") }),
    // Through the workbook's own style sheet: a bold copy of its default font, solid fills, a
    // wrapping alignment, each appended once.
    ...(styled
      ? {
          look: {
            header: book.xf({ numFmtId: 0, fontId: book.boldFont() }),
            wrap: book.xf({ numFmtId: 0, alignment: 'wrapText="1" vertical="top"' }),
            tones: Object.fromEntries(
              (Object.keys(TONE_RGB) as Tone[]).map((t) => [
                t,
                book.xf({ numFmtId: 0, fillId: book.solidFill(`FF${TONE_RGB[t]}`) }),
              ]),
            ) as Record<Tone, number>,
          },
        }
      : {}),
  };

  // Shared strings: appended to the table at its usual place (or a new one there); a table
  // anywhere else stays as it is and the add-in's texts are written inline.
  const sstRel = pkg.related("sharedStrings");
  const sstEntry = sstRel ? pkg.entry(sstRel.target) : undefined;
  const sstInfo = sstEntry ? pkg.sharedStringsLayout() : undefined;
  // (Only xl/sharedStrings.xml, the name every producer uses: a copy's other parts stay as they were.)
  const canShare =
    sstRel === undefined
      ? wbDir === "xl/" && pkg.entry("xl/sharedStrings.xml") === undefined
      : sstEntry !== undefined && sstInfo !== undefined && sstEntry.rawName === "xl/sharedStrings.xml";
  const sharedColumns = canShare
    ? write.columns.filter((c) => sharesTexts(c.values)).sort((a, b) => a.index - b.index)
    : [];
  const wanted = new Set<string>();
  for (const c of sharedColumns) for (const v of c.values) if (typeof v === "string") wanted.add(v);
  const shared = canShare ? new SharedStrings(pkg.sharedStrings(), sstInfo?.items ?? 0, wanted) : undefined;
  // The rewrite reads no shared text: the table's strings are not held while the copy is made.
  pkg.releaseSharedStrings();
  if (shared) {
    const rows = Math.max(0, ...sharedColumns.map((c) => c.values.length));
    const last: Array<string | undefined> = sharedColumns.map(() => undefined);
    for (let i = 0; i < rows; i++)
      for (let k = 0; k < sharedColumns.length; k++) {
        const v = (sharedColumns[k] as OutputColumn).values[i];
        if (typeof v !== "string") continue;
        if (v === last[k]) shared.references++;
        else {
          shared.indexOf(v);
          last[k] = v;
        }
      }
  }

  // New parts and the edits that relate them.
  const wbRelsPath = relsPathOf(pkg.workbookPath);
  const wbRelsEntry = pkg.entry(wbRelsPath);
  if (!wbRelsEntry)
    throw new WorkbookError("corrupt", `the workbook has no relationships part (${wbRelsPath})`);
  const relsPart = SmallPart.read(zip, wbRelsEntry);
  const rels = closeOf(relsPart, "Relationships");
  const typesEntry = pkg.entry("[Content_Types].xml");
  if (!typesEntry) throw new WorkbookError("corrupt", "the package has no [Content_Types].xml");
  const typesPart = SmallPart.read(zip, typesEntry);
  const types = closeOf(typesPart, "Types");
  const workbookEntry = pkg.entry(pkg.workbookPath) as ZipEntry;
  const workbookPart = SmallPart.read(zip, workbookEntry);

  const relsAdd: string[] = [];
  const typesAdd: string[] = [];
  const sheetsAdd: string[] = [];
  const newParts: Array<[string, Uint8Array]> = [];
  const replaced = new Map<string, Uint8Array>();
  let rid = 1;
  const nextRid = () => {
    while (rels.ids.has(`rIdAE${rid}`)) rid++;
    rels.ids.add(`rIdAE${rid}`);
    return `rIdAE${rid}`;
  };
  const addOverride = (path: string, type: string) => {
    if (types.names.has(`/${path}`.toLowerCase())) return;
    types.names.add(`/${path}`.toLowerCase());
    typesAdd.push(`<${types.prefix}Override PartName="/${escapeXml(path)}" ContentType="${type}"/>`);
  };
  const taken = new Set(zip.entries.map((e) => e.name.toLowerCase()));
  let maxSheetId = Math.max(0, ...pkg.sheets.map((s) => s.sheetId));
  for (const o of own) {
    const xml = encoder.encode(ownSheetXml(o.sheet, wb.mainNs || TRANSITIONAL_MAIN, wb.relNs));
    if (o.replaces) {
      replaced.set(o.replaces.path.toLowerCase(), xml);
      continue;
    }
    let n = pkg.sheets.length + 1;
    while (taken.has(`${wbDir}worksheets/sheet${n}.xml`.toLowerCase())) n++;
    const path = `${wbDir}worksheets/sheet${n}.xml`;
    taken.add(path.toLowerCase());
    newParts.push([path, xml]);
    const id = nextRid();
    relsAdd.push(
      `<${rels.prefix}Relationship Id="${id}" Type="${escapeXml(wsRelType)}" Target="worksheets/sheet${n}.xml"/>`,
    );
    addOverride(path, WORKSHEET_TYPE);
    const state = o.sheet.hidden ? ' state="veryHidden"' : "";
    // r:id with the workbook's own prefix for the relationships namespace (some readers know no
    // other); where the root binds none, the element declares it.
    const idAttr = wb.relPrefix
      ? `${wb.relPrefix}:id="${id}"`
      : `xmlns:r="${escapeXml(wb.relNs)}" r:id="${id}"`;
    sheetsAdd.push(
      `<${wb.prefix}sheet name="${escapeXml(o.sheet.name)}" sheetId="${++maxSheetId}"${state} ${idAttr}/>`,
    );
  }
  let stylesNew = false;
  const styleEdits = book.edits();
  if (!stylesEntry) {
    stylesNew = true;
    const path = `${wbDir}styles.xml`;
    if (taken.has(path.toLowerCase()))
      throw new WorkbookError("corrupt", `${path} is in the package but not related from the workbook`);
    relsAdd.push(
      `<${rels.prefix}Relationship Id="${nextRid()}" Type="${escapeXml(relBase)}styles" Target="styles.xml"/>`,
    );
    addOverride(path, STYLES_TYPE);
  }
  let sstNew = false;
  if (shared && shared.added.length > 0 && !sstEntry) {
    sstNew = true;
    relsAdd.push(
      `<${rels.prefix}Relationship Id="${nextRid()}" Type="${escapeXml(relBase)}sharedStrings" Target="sharedStrings.xml"/>`,
    );
    addOverride(`${wbDir}sharedStrings.xml`, SST_TYPE);
  }
  if (sheetsAdd.length > 0 && !wb.sheetsClose)
    throw new WorkbookError("corrupt", "the workbook has no <sheets> element");

  const out = new ZipWriter(options.sink);
  const compressText = options.compressText;
  const sstItems = shared
    ? shared.added.map((t) => `<si><t xml:space="preserve">${escapeXml(t)}</t></si>`).join("")
    : "";
  for (const entry of zip.entries) {
    const key = entry.name.toLowerCase();
    if (entry === sheetEntry) {
      await rewriteSheet(
        pkg,
        write,
        lastDataRow,
        shared,
        new Set(sharedColumns.map((c) => c.index)),
        styles,
        out,
        sheetEntry,
        compressText,
      );
    } else if (entry === workbookEntry && sheetsAdd.length > 0) {
      const at = (wb.sheetsClose as { start: number }).start;
      out.add(entry.rawName, workbookPart.edited([{ from: at, to: at, text: sheetsAdd.join("") }]));
    } else if (entry === wbRelsEntry && relsAdd.length > 0) {
      out.add(entry.rawName, relsPart.edited([{ from: rels.close, to: rels.close, text: relsAdd.join("") }]));
    } else if (entry === typesEntry && typesAdd.length > 0) {
      out.add(
        entry.rawName,
        typesPart.edited([{ from: types.close, to: types.close, text: typesAdd.join("") }]),
      );
    } else if (entry === stylesEntry && styleEdits.length > 0) {
      out.add(entry.rawName, stylesPart.edited(styleEdits));
    } else if (entry === sstEntry && shared && shared.added.length > 0 && sstInfo) {
      const p = sstInfo.prefix;
      const items = p ? sstItems.replace(/<(\/?)(si|t)\b/g, `<$1${p}$2`) : sstItems;
      const unique = sstInfo.items + shared.added.length;
      const count = (sstInfo.count ?? sstInfo.items) + shared.references;
      const edits: Edit[] = [];
      if (sstInfo.empty) {
        edits.push({
          from: sstInfo.tagStart,
          to: sstInfo.tagEnd,
          text: `${sstInfo.openTag} count="${count}" uniqueCount="${unique}">${items}</${p}sst>`,
        });
      } else {
        for (const a of sstInfo.countAttrs) edits.push({ from: a.start, to: a.end, text: "" });
        edits.push({
          from: sstInfo.tagEnd - 1,
          to: sstInfo.tagEnd - 1,
          text: ` count="${count}" uniqueCount="${unique}"`,
        });
        edits.push({ from: sstInfo.close, to: sstInfo.close, text: items });
      }
      // A large table (a catalog's, a statement's) is deflated by the host's compressor too.
      const compressor = compressText?.();
      if (compressor) {
        spliceStream(zip, entry, edits, (b) => compressor.push(b));
        const c = await compressor.finish();
        out.addRaw(entry.rawName, c.data, 8, c.size, c.crc32);
      } else {
        const stream = out.stream(entry.rawName);
        spliceStream(zip, entry, edits, (b) => stream.push(b));
        stream.end();
      }
    } else if (replaced.has(key)) {
      out.add(entry.rawName, replaced.get(key) as Uint8Array);
    } else out.copy(zip, entry);
  }
  for (const [path, bytes] of newParts) out.add(path, bytes);
  if (stylesNew) out.add(`${wbDir}styles.xml`, stylesPart.edited(styleEdits));
  if (sstNew && shared) {
    out.add(
      `${wbDir}sharedStrings.xml`,
      encoder.encode(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${wb.mainNs || TRANSITIONAL_MAIN}" count="${shared.references}" uniqueCount="${shared.added.length}">${sstItems}</sst>`,
      ),
    );
  }
  return out.finishParts();
}

/** Streams the target sheet through the rewriter into the copy. */
async function rewriteSheet(
  pkg: XlsxPackage,
  write: SheetWrite,
  lastDataRow: number,
  shared: SharedStrings | undefined,
  sharedColumns: ReadonlySet<number>,
  styles: Styles,
  out: ZipWriter,
  entry: ZipEntry,
  compressText: CompressText | undefined,
): Promise<void> {
  const compressor = compressText?.();
  const stream = compressor ? undefined : out.stream(entry.rawName);
  // Written to a file as it is made: the deflated pieces go straight into the copy's stream.
  const raw =
    compressor?.stream && compressor.drain && out.sink ? out.rawStream(entry.rawName, 8) : undefined;
  if (raw) compressor?.stream?.((piece) => raw.push(piece));
  let encoder: OutputEncoder | undefined;
  const sink = (bytes: Uint8Array) => {
    const b = (encoder as OutputEncoder).bytes(bytes);
    if (b.length === 0) return;
    if (compressor) compressor.push(b);
    else stream?.push(b);
  };
  const rewriter = new SheetRewriter(write, lastDataRow, shared, sharedColumns, styles, sink);
  const part = new PartStream(pkg.zip, entry, rewriter, (enc, tokenizer) => {
    encoder = new OutputEncoder(enc);
    rewriter.encoder = encoder;
    rewriter.tokenizer = tokenizer;
    tokenizer.hold = 0;
  });
  let steps = 0;
  while (part.step()) {
    rewriter.flush();
    if (raw && (++steps & 15) === 0) await compressor?.drain?.();
  }
  rewriter.flush();
  const tail = (encoder as OutputEncoder).bytes(new Uint8Array(0), true);
  if (tail.length) {
    if (compressor) compressor.push(tail);
    else stream?.push(tail);
  }
  if (compressor) {
    const c = await compressor.finish();
    if (raw) raw.end(c.size, c.crc32);
    else out.addRaw(entry.rawName, c.data, 8, c.size, c.crc32);
  } else stream?.end();
}
