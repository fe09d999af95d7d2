/**
 * Writes the add-in's output into a copy of an .xlsx package, touching nothing else: the target
 * sheet's XML gets the output cells (inline strings and numbers) in the output columns only, and
 * the report and state sheets are added or replaced. Every other part of the package — other
 * sheets, styles already in use, formulas, tables, charts — is copied byte for byte.
 * @packageDocumentation
 */
import type JSZip from "jszip";
import CompressedObject from "jszip/lib/compressedObject";
import compressions from "jszip/lib/compressions";
import type { SheetEntry, XlsxPackage } from "./read";
import { attr, escapeXml, parseRef } from "./xml";
import { columnLetter } from "../engine/text";
import type { CellFormat, OutputCell, OutputColumn, OwnSheet } from "../pipeline/port";

export type { CellFormat, OutputCell, OwnSheet };

/** One output column of the target sheet (the pipeline's column, as the port hands it over). */
export type ColumnWrite = OutputColumn;

/** What to write into the target sheet. */
export interface SheetWrite {
  readonly entry: SheetEntry;
  readonly xml: string;
  readonly headerRow: number;
  readonly firstDataRow: number;
  readonly columns: readonly ColumnWrite[];
  /** Columns of an earlier run that this run does not write: their cells are removed. */
  readonly clear: readonly number[];
}

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WORKSHEET_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
const WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

/** Style indices of the number formats the add-in writes. */
interface Styles {
  readonly money: number;
  readonly weight: number;
  readonly percent: number;
}

function textCell(ref: string, text: string): string {
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;
}

/** The style attribute of a number cell in this format (` s="n"`), or "". */
function styleAttr(format: CellFormat, styles: Styles): string {
  const xf =
    format === "money"
      ? styles.money
      : format === "weight"
        ? styles.weight
        : format === "percent"
          ? styles.percent
          : undefined;
  return xf === undefined ? "" : ` s="${xf}"`;
}

/** ".01" … ".99" for the cents of an amount, trailing zero dropped ("" for none). */
const CENTS = Array.from({ length: 100 }, (_, c) =>
  c === 0 ? "" : c % 10 === 0 ? `.${c / 10}` : `.${String(c).padStart(2, "0")}`,
);

/**
 * A number as JavaScript writes it (`String(value)`), faster for amounts with at most two decimals
 * (every money cell the add-in writes): their integer part and cents are put together instead of
 * running the general double-to-text conversion.
 *
 * @example
 * ```ts
 * numberText(5.5) // => "5.5"
 * numberText(-0.07) // => "-0.07"
 * numberText(0.125) // => "0.125"
 * ```
 */
export function numberText(value: number): string {
  const fen = Math.round(value * 100);
  if (fen / 100 !== value || fen > 1e13 || fen < -1e13 || Object.is(value, -0)) return String(value);
  const abs = fen < 0 ? -fen : fen;
  const cents = abs % 100;
  const text = `${(abs - cents) / 100}${CENTS[cents] as string}`;
  return fen < 0 ? `-${text}` : text;
}

/** A row's spans attribute: dropped when cells are added (Excel recomputes it). */
const SPANS = /\sspans="[^"]*"/;

/** A row's attributes without spans. */
function withoutSpans(attrs: string): string {
  const at = attrs.indexOf(' spans="');
  if (at >= 0) {
    const end = attrs.indexOf('"', at + 8);
    if (end >= 0) return attrs.slice(0, at) + attrs.slice(end + 1);
  }
  return attrs.includes("spans=") ? attrs.replace(SPANS, "") : attrs;
}

/**
 * The r attribute of a row's start tag, whose attributes are `text` from `from` to `to`, as a
 * number (undefined when it has none).
 */
function rowNumberOf(text: string, from: number, to: number): number | undefined {
  const at = text.indexOf(' r="', from);
  if (at >= 0 && at < to) {
    let n = 0;
    let k = at + 4;
    for (; k < to; k++) {
      const code = text.charCodeAt(k);
      if (code < 48 || code > 57) break;
      n = n * 10 + (code - 48);
    }
    if (text.charCodeAt(k) === 34 && k > at + 4) return n;
  }
  const r = attr(text.slice(from, to), "r");
  return r === undefined ? undefined : Number(r);
}

/** Adds (or finds) the cell formats 0.00, 0.000 and 0.00% in styles.xml; returns their xf indices. */
async function ensureStyles(zip: JSZip): Promise<Styles> {
  let xml = (await zip.file("xl/styles.xml")?.async("string")) ?? "";
  if (!xml.includes("<cellXfs")) {
    xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="${MAIN_NS}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`;
  }
  // 0.000 is not a built-in format: find it or add it.
  let weightFmt: number | undefined;
  let maxFmt = 163;
  for (const m of xml.matchAll(/<numFmt\b[^>]*\/>/g)) {
    const id = Number(attr(m[0], "numFmtId"));
    if (id > maxFmt) maxFmt = id;
    if (attr(m[0], "formatCode") === "0.000") weightFmt = id;
  }
  if (weightFmt === undefined) {
    weightFmt = maxFmt + 1;
    const fmt = `<numFmt numFmtId="${weightFmt}" formatCode="0.000"/>`;
    if (/<numFmts\b[^>]*\/>/.test(xml))
      xml = xml.replace(/<numFmts\b[^>]*\/>/, `<numFmts count="1">${fmt}</numFmts>`);
    else if (xml.includes("<numFmts")) {
      xml = xml.replace(/<numFmts\b([^>]*)>([\s\S]*?)<\/numFmts>/, (_, a: string, body: string) => {
        const count = (body.match(/<numFmt\b/g) ?? []).length + 1;
        return `<numFmts${a.replace(/\scount="\d+"/, "")} count="${count}">${body}${fmt}</numFmts>`;
      });
    } else xml = xml.replace(/(<styleSheet\b[^>]*>)/, `$1<numFmts count="1">${fmt}</numFmts>`);
  }
  const cellXfs = /<cellXfs\b([^>]*)>([\s\S]*?)<\/cellXfs>/.exec(xml);
  const body = cellXfs?.[2] ?? "";
  const xfs = [...body.matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0]);
  const find = (fmt: number) =>
    xfs.findIndex(
      (x) =>
        attr(x, "numFmtId") === String(fmt) &&
        (attr(x, "fontId") ?? "0") === "0" &&
        (attr(x, "fillId") ?? "0") === "0" &&
        (attr(x, "borderId") ?? "0") === "0" &&
        !x.includes("<alignment") &&
        !x.includes("<protection"),
    );
  const added: string[] = [];
  const indexOf = (fmt: number): number => {
    const found = find(fmt);
    if (found >= 0) return found;
    added.push(`<xf numFmtId="${fmt}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`);
    return xfs.length + added.length - 1;
  };
  // Built-in formats: 2 is 0.00, 10 is 0.00%.
  const styles = { money: indexOf(2), weight: indexOf(weightFmt), percent: indexOf(10) };
  if (added.length > 0) {
    xml = xml.replace(
      /<cellXfs\b([^>]*)>([\s\S]*?)<\/cellXfs>/,
      (_, a: string, b: string) =>
        `<cellXfs${a.replace(/\scount="\d+"/, "")} count="${xfs.length + added.length}">${b}${added.join("")}</cellXfs>`,
    );
  }
  zip.file("xl/styles.xml", xml);
  return styles;
}

const CELL = /<c\b([^>]*?)(?:\/>|>[\s\S]*?<\/c>)/g;

/**
 * New entries for the shared-string table, for output columns whose texts repeat (a status or a
 * verdict on every row): a reference is half the size of an inline string.
 */
class SharedStrings {
  readonly added: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly base: number;
  references = 0;
  /** `existing` is the workbook's table: a text already in it (an earlier run's) is reused. */
  constructor(existing: readonly string[]) {
    this.base = existing.length;
    existing.forEach((t, i) => {
      if (!this.index.has(t)) this.index.set(t, i);
    });
  }
  /** The index of a text, added if new; counts one more cell referring to it. */
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
  /** The index of a text already added (or in the table), without counting a reference. */
  find(text: string): number {
    return this.index.get(text) as number;
  }
}

/** Columns whose texts repeat enough to share: few distinct values over many rows. */
function sharesTexts(values: readonly OutputCell[]): boolean {
  if (values.length < 50) return false;
  const distinct = new Set<string>();
  for (const v of values) {
    if (typeof v !== "string") continue;
    distinct.add(v);
    if (distinct.size > 64) return false;
  }
  return distinct.size > 0;
}

/** Appends the new shared strings to the package's table (creating it if the workbook has none). */
async function saveSharedStrings(
  pkg: XlsxPackage,
  shared: SharedStrings,
  compressText: CompressText | undefined,
): Promise<void> {
  if (shared.added.length === 0) return;
  const zip = pkg.zip;
  const items = shared.added.map((t) => `<si><t xml:space="preserve">${escapeXml(t)}</t></si>`).join("");
  const existing = pkg.sharedStringsXml;
  if (existing !== undefined) {
    // The table as opened (kept by the package, not inflated again), with the new items appended:
    // it can hold every order id of a statement, so it is handed over in pieces, not copied whole.
    const tag = /<sst\b([^>]*?)(\/?)>/.exec(existing);
    if (tag) {
      const count = Number(/\scount="(\d+)"/.exec(tag[1] as string)?.[1] ?? 0) + shared.references;
      const unique = pkg.sharedStrings.length + shared.added.length;
      const open = `<sst${(tag[1] as string).replace(/\s(count|uniqueCount)="\d+"/g, "")} count="${count}" uniqueCount="${unique}">`;
      const after = tag.index + tag[0].length;
      const pieces =
        tag[2] === "/"
          ? [existing.slice(0, tag.index), open, items, "</sst>", existing.slice(after)]
          : [
              existing.slice(0, tag.index),
              open,
              existing.slice(after, existing.lastIndexOf("</sst>")),
              items,
              "</sst>",
            ];
      // A statement's table can hold every order id: deflate it with the host's compressor too.
      await putText(zip, "xl/sharedStrings.xml", pieces, compressText);
      return;
    }
    throw new Error("the workbook's shared-string table is damaged (no <sst> element)");
  }
  zip.file(
    "xl/sharedStrings.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN_NS}" count="${shared.references}" uniqueCount="${shared.added.length}">${items}</sst>`,
  );
  const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
  zip.file(
    "xl/_rels/workbook.xml.rels",
    rels.replace(
      /<\/Relationships>/,
      `<Relationship Id="rIdAESST" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
  );
  const types = (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
  zip.file(
    "[Content_Types].xml",
    types.replace(
      /<\/Types>/,
      `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    ),
  );
}

/**
 * Rewrites the target sheet's rows with the output cells. Hands the new sheet XML to `emit` in
 * pieces, in order (a few hundred kilobytes each), so a 100 MB sheet is never one string and a
 * host's compressor can deflate each piece while the next is built.
 */
function rewriteSheet(
  write: SheetWrite,
  styles: Styles,
  lastDataRow: number,
  shared: SharedStrings,
  sharedColumns: ReadonlySet<number>,
  emit: (piece: string) => void,
): void {
  const { xml, headerRow, firstDataRow, columns } = write;
  const owned = new Set([...columns.map((c) => c.index), ...write.clear]);
  const minOwned = owned.size === 0 ? Infinity : Math.min(...owned);
  // Per output column, once: its letter, number style and whether its texts are shared; in
  // column order (cells must be; a re-run may reuse columns out of spec order).
  const plan = columns
    .map((column) => {
      const letter = columnLetter(column.index);
      return {
        column,
        letter,
        share: sharedColumns.has(column.index),
        /** `<c r="X` — a cell's start, before its row number. */
        open: `<c r="${letter}`,
        /** What follows the row number in a number cell. */
        numberMid: `"${styleAttr(column.format, styles)}><v>`,
        /** The last shared text and its cell tail (a verdict column repeats one text for long runs). */
        lastText: undefined as string | undefined,
        lastTail: "",
      };
    })
    .sort((a, b) => a.column.index - b.column.index);
  // A shared text's cell tail after the row number (`" t="s"><v>n</v></c>`), built once per text.
  const sharedTails = new Map<string, string>();
  const sharedTail = (p: (typeof plan)[number], text: string): string => {
    if (text === p.lastText) return p.lastTail;
    let tail = sharedTails.get(text);
    if (tail === undefined) sharedTails.set(text, (tail = `" t="s"><v>${shared.find(text)}</v></c>`));
    p.lastText = text;
    p.lastTail = tail;
    return tail;
  };
  const cellOf = (p: (typeof plan)[number], row: number, rowText: string): string => {
    if (row === headerRow) return textCell(p.letter + rowText, p.column.header);
    const value = row >= firstDataRow ? (p.column.values[row - firstDataRow] ?? null) : null;
    if (value === null) return "";
    if (typeof value === "string")
      return p.share ? p.open + rowText + sharedTail(p, value) : textCell(p.letter + rowText, value);
    return Number.isFinite(value) ? `${p.open}${rowText}${p.numberMid}${numberText(value)}</v></c>` : "";
  };
  /**
   * The add-in's cells of the row at hand, in column order, and their columns (to merge with
   * cells a row already has); filled by {@link collect}.
   */
  const rowCells: string[] = [];
  const rowColumns: number[] = [];
  /** Puts the add-in's cells of a row into rowCells; returns how many there are. */
  const collect = (row: number): number => {
    rowCells.length = 0;
    rowColumns.length = 0;
    if (row > lastDataRow) return 0;
    const rowText = String(row);
    for (const p of plan) {
      const x = cellOf(p, row, rowText);
      if (!x) continue;
      rowCells.push(x);
      rowColumns.push(p.column.index);
    }
    return rowCells.length;
  };
  const start = xml.indexOf("<sheetData");
  if (start < 0) throw new Error("the sheet has no sheetData");
  const selfClosing = /^<sheetData\s*\/>/.exec(xml.slice(start, start + 64));
  const open = selfClosing ? start : xml.indexOf(">", start) + 1;
  // From the end: the sheet's XML can be 100 MB, and sheetData is followed only by a few elements.
  const close = selfClosing ? start + selfClosing[0].length : xml.lastIndexOf("</sheetData>");
  const region = selfClosing ? "" : xml.slice(open, close);
  // The output, as pieces: runs of the original rows copied as slices, with the add-in's cells
  // pushed between them. Every few thousand pieces are joined into one chunk, so the small strings
  // die young instead of all living until the end.
  let out: string[] = [];
  let copied = 0;
  /** Copies the original region up to `pos`. */
  const cut = (pos: number) => {
    if (pos > copied) out.push(region.slice(copied, pos));
    copied = pos;
  };
  let next = headerRow;
  /** New rows for data rows the sheet has no row element for, before `limit`, at region offset `at`. */
  const emitMissingUpTo = (limit: number, at: number) => {
    for (; next < limit && next <= lastDataRow; next++) {
      if (collect(next) === 0) continue;
      cut(at);
      out.push(`<row r="${next}">`, ...rowCells, "</row>");
    }
  };
  // Keep the used-range hint true (the dimension element comes before sheetData).
  const maxColumn = Math.max(...columns.map((c) => c.index), 0);
  const head = xml
    .slice(0, start)
    .replace(
      /<dimension ref="([A-Z]+\d+)(?::([A-Z]+)(\d+))?"\s*\/>/,
      (whole, first: string, lastCol?: string, lastRow?: string) => {
        const end = parseRef(
          `${lastCol ?? first.replace(/\d+$/, "")}${lastRow ?? first.replace(/^[A-Z]+/, "")}`,
        );
        if (!end) return whole;
        const column = Math.max(end.column, maxColumn);
        const row = Math.max(end.row, lastDataRow);
        return `<dimension ref="${first}:${columnLetter(column)}${row}"/>`;
      },
    );
  emit(`${head}<sheetData>`);
  let implicitRow = 1;
  // Where the next "spans=" is (found again only once passed: -1 when there is none left).
  let nextSpans = region.indexOf("spans=");
  // Rows are found with indexOf rather than a regular expression: this loop runs once per row of
  // the sheet, and the rows' bodies are only sliced out where cells must be merged.
  for (let pos = region.indexOf("<row"); pos >= 0; pos = region.indexOf("<row", pos)) {
    const after = region.charCodeAt(pos + 4);
    // "<row" followed by a space, ">" or "/" (not some longer element name).
    if (!(after === 32 || after === 62 || after === 47 || after === 9 || after === 10 || after === 13)) {
      pos += 4;
      continue;
    }
    if (out.length > 4096) {
      emit(out.join(""));
      out = [];
    }
    const rowStart = pos;
    const tagEnd = region.indexOf(">", rowStart);
    if (tagEnd < 0) break;
    const selfClosingRow = region.charCodeAt(tagEnd - 1) === 47;
    const attrsEnd = selfClosingRow ? tagEnd - 1 : tagEnd;
    // The offset of "</row>", and the row's end.
    const bodyEnd = selfClosingRow ? tagEnd + 1 : region.indexOf("</row>", tagEnd);
    if (bodyEnd < 0) break;
    const rowEnd = selfClosingRow ? bodyEnd : bodyEnd + 6;
    pos = rowEnd;
    const given = rowNumberOf(region, rowStart + 4, attrsEnd);
    // A row without r (allowed, though Excel always writes it) follows the previous one; give it its number.
    const r = given === undefined ? implicitRow : given;
    implicitRow = r + 1;
    if (!(r >= headerRow)) continue;
    emitMissingUpTo(r, rowStart);
    if (r === next) next++;
    // Common case: every cell of the row lies left of the output columns (nothing of ours to
    // replace), so ours are inserted before </row> without parsing the row's cells. The last
    // cell's column is read only where the row's last "<c" starts a cell with its reference
    // first; anything else (a cell without r, rich text in the last cell) takes the full path.
    let lastColumn = -1;
    if (!selfClosingRow && bodyEnd > tagEnd + 1) {
      lastColumn = Infinity;
      // Only where the body starts with a cell: then its last "<c" lies inside the body (a search
      // back from an empty body could run through every row above).
      if (region.startsWith("<c", tagEnd + 1)) {
        const lastCell = region.lastIndexOf("<c", bodyEnd);
        if (region.lastIndexOf("<c ", bodyEnd) === lastCell && region.startsWith('<c r="', lastCell)) {
          let n = 0;
          for (let k = lastCell + 6; k < bodyEnd; k++) {
            const code = region.charCodeAt(k);
            if (code < 65 || code > 90) break;
            n = n * 26 + (code - 64);
          }
          if (n > 0) lastColumn = n - 1;
        }
      }
    }
    if (lastColumn < minOwned) {
      if (collect(r) === 0) continue;
      if (given !== undefined && !selfClosingRow) {
        // Drop the spans attribute (` spans="…"`, after any white space) by copying around it:
        // no new string for the start tag.
        if (nextSpans >= 0 && nextSpans < rowStart) nextSpans = region.indexOf("spans=", rowStart);
        if (nextSpans > rowStart && nextSpans < tagEnd && region.charCodeAt(nextSpans + 6) === 34) {
          const end = region.indexOf('"', nextSpans + 7);
          const before = region.charCodeAt(nextSpans - 1);
          if (end >= 0 && end < tagEnd && (before === 32 || before === 9 || before === 10 || before === 13)) {
            cut(nextSpans - 1);
            copied = end + 1;
          }
        }
        cut(bodyEnd);
        for (const cell of rowCells) out.push(cell);
        continue;
      }
      // A self-closing row, or one without r: written anew.
      const rowAttrs = region.slice(rowStart + 4, attrsEnd);
      const attrs = withoutSpans(given === undefined ? `${rowAttrs} r="${r}"` : rowAttrs);
      cut(rowStart);
      out.push(
        `<row${attrs}>${selfClosingRow ? "" : region.slice(tagEnd + 1, bodyEnd)}`,
        ...rowCells,
        "</row>",
      );
      copied = rowEnd;
      continue;
    }
    const body = selfClosingRow ? "" : region.slice(tagEnd + 1, bodyEnd);
    const added = collect(r);
    const kept: Array<[number, string]> = rowCells.map((cell, k) => [rowColumns[k] as number, cell]);
    CELL.lastIndex = 0;
    let touched = false;
    let nextColumn = 0;
    for (let c = CELL.exec(body); c; c = CELL.exec(body)) {
      // A cell without r follows the previous one.
      const column = parseRef(attr(c[1] ?? "", "r") ?? "")?.column ?? nextColumn;
      nextColumn = column + 1;
      if (owned.has(column)) touched = true;
      else kept.push([column, c[0]]);
    }
    if (!touched && added === 0) continue;
    const cells = kept.sort((a, b) => a[0] - b[0]);
    const rowAttrs = region.slice(rowStart + 4, attrsEnd);
    const attrs = withoutSpans(given === undefined ? `${rowAttrs} r="${r}"` : rowAttrs);
    cut(rowStart);
    if (cells.length > 0 || /\s(ht|s|hidden|customFormat)="/.test(attrs))
      out.push(`<row${attrs}>${cells.map((c) => c[1]).join("")}</row>`);
    copied = rowEnd;
  }
  cut(region.length);
  emitMissingUpTo(Infinity, region.length);
  emit(out.join(""));
  emit(`</sheetData>${xml.slice(selfClosing ? close : close + "</sheetData>".length)}`);
}

function ownSheetXml(sheet: OwnSheet): string {
  const rows = sheet.rows
    .map((cells, r) => {
      const xml = cells
        .map((value, c) => {
          const ref = `${columnLetter(c)}${r + 1}`;
          if (value === null) return "";
          return typeof value === "number" ? `<c r="${ref}"><v>${value}</v></c>` : textCell(ref, value);
        })
        .join("");
      return xml ? `<row r="${r + 1}">${xml}</row>` : "";
    })
    .join("");
  const cols = sheet.widths?.length
    ? `<cols>${sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("")}</cols>`
    : "";
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${cols}<sheetData>${rows}</sheetData></worksheet>`;
}

/** Adds a sheet the add-in owns, or replaces the one of that name. */
async function putOwnSheet(pkg: XlsxPackage, sheet: OwnSheet): Promise<void> {
  const zip = pkg.zip;
  const existing = pkg.sheet(sheet.name);
  if (existing) {
    zip.file(existing.path, ownSheetXml(sheet));
    return;
  }
  let n = pkg.sheets.length + 1;
  while (zip.file(`xl/worksheets/sheet${n}.xml`)) n++;
  const path = `xl/worksheets/sheet${n}.xml`;
  zip.file(path, ownSheetXml(sheet));
  let workbook = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  let rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
  let types = (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
  let rid = 1;
  while (rels.includes(`Id="rIdAE${rid}"`)) rid++;
  const sheetIds = [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => Number(attr(m[0], "sheetId") ?? 0));
  const sheetId = Math.max(0, ...sheetIds) + 1;
  const state = sheet.hidden ? ' state="veryHidden"' : "";
  workbook = workbook.replace(
    /<\/sheets>/,
    `<sheet name="${escapeXml(sheet.name)}" sheetId="${sheetId}"${state} r:id="rIdAE${rid}"/></sheets>`,
  );
  if (!/xmlns:r=/.test(workbook.slice(0, workbook.indexOf(">", workbook.indexOf("<workbook")) + 1))) {
    workbook = workbook.replace(/<workbook\b/, `<workbook xmlns:r="${REL_NS}"`);
  }
  rels = rels.replace(
    /<\/Relationships>/,
    `<Relationship Id="rIdAE${rid}" Type="${WORKSHEET_REL}" Target="worksheets/sheet${n}.xml"/></Relationships>`,
  );
  types = types.replace(
    /<\/Types>/,
    `<Override PartName="/${path}" ContentType="${WORKSHEET_TYPE}"/></Types>`,
  );
  zip.file("xl/workbook.xml", workbook);
  zip.file("xl/_rels/workbook.xml.rels", rels);
  zip.file("[Content_Types].xml", types);
  (pkg.sheets as SheetEntry[]).push({
    name: sheet.name,
    path,
    relId: `rIdAE${rid}`,
    sheetId,
    state: sheet.hidden ? "veryHidden" : "visible",
  });
}

/** A part's deflated bytes, with what its zip entry needs: the CRC-32 and the UTF-8 size. */
export interface CompressedText {
  readonly data: Uint8Array;
  readonly crc32: number;
  readonly size: number;
}

/** Deflates one part's text as it is produced, piece by piece. */
export interface TextCompressor {
  /** Adds the next piece of the text. */
  push(text: string): void;
  /** All pieces are in: the raw-deflate stream of their UTF-8 bytes. */
  finish(): Promise<CompressedText>;
}

/**
 * Starts a compressor for one large part (the rewritten sheet, a statement's shared strings): a
 * host's native deflate, several times faster than JSZip's JavaScript deflate. The CLI's runs on
 * a worker thread, so the sheet is deflated while it is still being written.
 */
export type CompressText = () => TextCompressor;

/** Puts a part into the package as a raw-deflate stream made by the host. */
function putCompressed(zip: JSZip, path: string, c: CompressedText): void {
  zip.file(
    path,
    new CompressedObject(
      c.data.length,
      c.size,
      c.crc32,
      compressions.DEFLATE,
      c.data,
    ) as unknown as Uint8Array,
  );
}

/** Puts a text part into the package, deflated by the host's compressor when it has one. */
async function putText(
  zip: JSZip,
  path: string,
  pieces: readonly string[],
  compressText: CompressText | undefined,
): Promise<void> {
  if (!compressText) {
    zip.file(path, pieces.join(""));
    return;
  }
  const compressor = compressText();
  for (const piece of pieces) compressor.push(piece);
  putCompressed(zip, path, await compressor.finish());
}

/** Options of {@link writeOutputs}. */
export interface WriteOptions {
  readonly compressText?: CompressText;
}

/**
 * Writes the outputs into the package and returns the new file's bytes. The package object is
 * changed (use a freshly opened one per write).
 */
export async function writeOutputs(
  pkg: XlsxPackage,
  write: SheetWrite,
  lastDataRow: number,
  own: readonly OwnSheet[],
  options: WriteOptions = {},
): Promise<Uint8Array> {
  const styles = await ensureStyles(pkg.zip);
  // The texts of the shared columns go into the shared-string table first, row by row (each cell
  // that will refer to one is counted): the table is then complete before the sheet is written,
  // and a host compressor deflates it while the sheet is being rewritten.
  const shared = new SharedStrings(pkg.sharedStrings);
  const sharedColumns = write.columns.filter((c) => sharesTexts(c.values)).sort((a, b) => a.index - b.index);
  const rows = Math.max(0, ...sharedColumns.map((c) => c.values.length));
  const lastTexts: Array<string | undefined> = sharedColumns.map(() => undefined);
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < sharedColumns.length; k++) {
      const v = (sharedColumns[k] as OutputColumn).values[i];
      if (typeof v !== "string") continue;
      // A column repeats one text for long runs: the same text needs no lookup.
      if (v === lastTexts[k]) shared.references++;
      else {
        shared.indexOf(v);
        lastTexts[k] = v;
      }
    }
  }
  const savingStrings = saveSharedStrings(pkg, shared, options.compressText);
  // Awaited below; this keeps a failure from being reported as unhandled before then.
  savingStrings.catch(() => undefined);
  // With a host compressor the sheet is deflated piece by piece as it is rewritten.
  const compressor = options.compressText?.();
  const pieces: string[] = [];
  rewriteSheet(
    write,
    styles,
    lastDataRow,
    shared,
    new Set(sharedColumns.map((c) => c.index)),
    compressor ? (p) => compressor.push(p) : (p) => pieces.push(p),
  );
  await savingStrings;
  if (compressor) putCompressed(pkg.zip, write.entry.path, await compressor.finish());
  else pkg.zip.file(write.entry.path, pieces.join(""));
  for (const sheet of own) await putOwnSheet(pkg, sheet);
  // Excel rebuilds the calculation chain if it is absent; a stale one can make it repair the file.
  return pkg.zip.generateAsync({
    type: "uint8array",
    compression: "DEFLATE",
    compressionOptions: { level: 1 },
  });
}
