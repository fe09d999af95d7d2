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

/** A row's spans attribute: dropped when cells are added (Excel recomputes it). */
const SPANS = /\sspans="[^"]*"/;

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

const ROW = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
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
  zip: JSZip,
  shared: SharedStrings,
  compressText: CompressText | undefined,
): Promise<void> {
  if (shared.added.length === 0) return;
  const items = shared.added.map((t) => `<si><t xml:space="preserve">${escapeXml(t)}</t></si>`).join("");
  const existing = await zip.file("xl/sharedStrings.xml")?.async("string");
  if (existing !== undefined) {
    const count = Number(/\scount="(\d+)"/.exec(existing)?.[1] ?? 0) + shared.references;
    const unique = (existing.match(/<si>/g) ?? []).length + shared.added.length;
    let xml = existing.replace(
      /<sst\b([^>]*)>/,
      (_, a: string) =>
        `<sst${a.replace(/\s(count|uniqueCount)="\d+"/g, "")} count="${count}" uniqueCount="${unique}">`,
    );
    xml = /<sst\b[^>]*\/>/.test(existing)
      ? xml.replace(/<sst\b([^>]*)\/>/, (_, a: string) => `<sst${a}>${items}</sst>`)
      : xml.replace(/<\/sst>\s*$/, `${items}</sst>`);
    // A statement's table can hold every order id: deflate it with the host's compressor too.
    putText(zip, "xl/sharedStrings.xml", xml, compressText);
    return;
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

/** Rewrites the target sheet's rows with the output cells. */
function rewriteSheet(write: SheetWrite, styles: Styles, lastDataRow: number, shared: SharedStrings): string {
  const { xml, headerRow, firstDataRow, columns } = write;
  const owned = new Set([...columns.map((c) => c.index), ...write.clear]);
  const minOwned = owned.size === 0 ? Infinity : Math.min(...owned);
  // Per output column, once: its letter, number style and whether its texts are shared; in
  // column order (cells must be; a re-run may reuse columns out of spec order).
  const plan = columns
    .map((column) => ({
      column,
      letter: columnLetter(column.index),
      share: sharesTexts(column.values),
      style: styleAttr(column.format, styles),
    }))
    .sort((a, b) => a.column.index - b.column.index);
  // A shared text's cell tail (`t="s"><v>n</v></c>`), built once per distinct text.
  const sharedTails = new Map<string, string>();
  const sharedTail = (text: string): string => {
    let tail = sharedTails.get(text);
    if (tail === undefined) sharedTails.set(text, (tail = ` t="s"><v>${shared.indexOf(text)}</v></c>`));
    else shared.references++;
    return tail;
  };
  const cellOf = (p: (typeof plan)[number], row: number, rowText: string): string => {
    if (row === headerRow) return textCell(p.letter + rowText, p.column.header);
    const value = row >= firstDataRow ? (p.column.values[row - firstDataRow] ?? null) : null;
    if (value === null) return "";
    if (typeof value === "string")
      return p.share
        ? `<c r="${p.letter}${rowText}"${sharedTail(value)}`
        : textCell(p.letter + rowText, value);
    return Number.isFinite(value) ? `<c r="${p.letter}${rowText}"${p.style}><v>${value}</v></c>` : "";
  };
  /** The add-in's cells of a row, as one string. */
  const oursText = (row: number): string => {
    const rowText = String(row);
    let text = "";
    for (const p of plan) text += cellOf(p, row, rowText);
    return text;
  };
  /** The add-in's cells of a row with their columns, to merge with cells a row already has. */
  const ours = (row: number): Array<[number, string]> => {
    const cells: Array<[number, string]> = [];
    const rowText = String(row);
    for (const p of plan) {
      const x = cellOf(p, row, rowText);
      if (x) cells.push([p.column.index, x]);
    }
    return cells;
  };
  const start = xml.indexOf("<sheetData");
  if (start < 0) throw new Error("the sheet has no sheetData");
  const selfClosing = /^<sheetData\s*\/>/.exec(xml.slice(start));
  const open = selfClosing ? start : xml.indexOf(">", start) + 1;
  const close = selfClosing ? start + selfClosing[0].length : xml.indexOf("</sheetData>", open);
  const region = selfClosing ? "" : xml.slice(open, close);
  const out: string[] = [];
  let next = headerRow;
  const emitMissingUpTo = (limit: number) => {
    for (; next < limit && next <= lastDataRow; next++) {
      const cells = oursText(next);
      if (cells !== "") out.push(`<row r="${next}">${cells}</row>`);
    }
  };
  let lastIndex = 0;
  let implicitRow = 1;
  ROW.lastIndex = 0;
  for (let m = ROW.exec(region); m; m = ROW.exec(region)) {
    out.push(region.slice(lastIndex, m.index));
    lastIndex = ROW.lastIndex;
    const given = attr(m[1] ?? "", "r");
    // A row without r (allowed, though Excel always writes it) follows the previous one; give it its number.
    const r = given === undefined ? implicitRow : Number(given);
    implicitRow = r + 1;
    const attrs = given === undefined ? `${m[1] ?? ""} r="${r}"` : (m[1] ?? "");
    if (!(r >= headerRow)) {
      out.push(m[0]);
      continue;
    }
    emitMissingUpTo(r);
    const body = m[2] ?? "";
    if (r === next) next++;
    // Common case: every cell of the row lies left of the output columns (nothing of ours to
    // replace), so ours are appended without parsing the row's cells.
    const lastRef = body.lastIndexOf('<c r="');
    const lastColumn =
      lastRef < 0
        ? -1
        : (parseRef(/^<c r="([A-Z]+\d+)"/.exec(body.slice(lastRef, lastRef + 20))?.[1] ?? "")?.column ??
          Infinity);
    if (lastColumn < minOwned) {
      const added = r <= lastDataRow ? oursText(r) : "";
      if (added === "") out.push(m[0]);
      else out.push(`<row${SPANS.test(attrs) ? attrs.replace(SPANS, "") : attrs}>${body}${added}</row>`);
      continue;
    }
    const added = r <= lastDataRow ? ours(r) : [];
    const kept: Array<[number, string]> = [];
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
    if (!touched && added.length === 0) {
      out.push(m[0]);
      continue;
    }
    const cells = [...kept, ...added].sort((a, b) => a[0] - b[0]);
    const rowAttrs = attrs.replace(/\sspans="[^"]*"/, "");
    out.push(
      cells.length > 0 || /\s(ht|s|hidden|customFormat)="/.test(rowAttrs)
        ? `<row${rowAttrs}>${cells.map((c) => c[1]).join("")}</row>`
        : "",
    );
  }
  out.push(region.slice(lastIndex));
  emitMissingUpTo(Infinity);
  const sheetData = `<sheetData>${out.join("")}</sheetData>`;
  let result =
    xml.slice(0, start) + sheetData + xml.slice(selfClosing ? close : close + "</sheetData>".length);
  // Keep the used-range hint true.
  const maxColumn = Math.max(...columns.map((c) => c.index), 0);
  result = result.replace(
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
  return result;
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

/**
 * A raw-deflate compressor for large parts (the rewritten sheet): Node's zlib in the CLI is several
 * times faster than JSZip's JavaScript deflate. Returns the deflated bytes, the CRC-32 and the
 * size of the UTF-8 text.
 */
export type CompressText = (text: string) => {
  readonly data: Uint8Array;
  readonly crc32: number;
  readonly size: number;
};

/** Puts a text part into the package, deflated by the host's compressor when it has one. */
function putText(zip: JSZip, path: string, text: string, compressText: CompressText | undefined): void {
  if (!compressText) {
    zip.file(path, text);
    return;
  }
  const c = compressText(text);
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
  const shared = new SharedStrings(pkg.sharedStrings);
  const sheet = rewriteSheet(write, styles, lastDataRow, shared);
  await saveSharedStrings(pkg.zip, shared, options.compressText);
  putText(pkg.zip, write.entry.path, sheet, options.compressText);
  for (const sheet of own) await putOwnSheet(pkg, sheet);
  // Excel rebuilds the calculation chain if it is absent; a stale one can make it repair the file.
  return pkg.zip.generateAsync({
    type: "uint8array",
    compression: "DEFLATE",
    compressionOptions: { level: 1 },
  });
}
