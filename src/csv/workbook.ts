/**
 * Rows of text fields as a minimal, valid .xlsx package (one sheet, a styles part, no shared
 * strings: text cells are inline strings), so a CSV file goes through the same .xlsx port and
 * pipeline as a workbook and the annotated copy is an .xlsx holding the data and the add-in's
 * columns. Every field is kept as it was: a field becomes a number cell only when it is a plain
 * decimal number that a number cell holds exactly (no leading zeros, at most 15 digits, no
 * exponent, separator, sign or currency), so SKU codes like 00123, 18-digit order ids and
 * `=1+1` stay text. The package is written uncompressed (it only lives in memory: the port's
 * writer deflates the sheet it rewrites).
 * @packageDocumentation
 */
import { PROFILE_SHEET, REPORT_SHEET, STATE_SHEET } from "../pipeline/port";
import { CsvError } from "./text";

/** Excel's limits. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;
export const MAX_CELL_TEXT = 32_767;

const PLAIN_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** The number a field is, when a number cell holds it exactly; undefined for text. */
export function numberOf(field: string): number | undefined {
  if (field.length > 17 || !PLAIN_NUMBER.test(field)) return undefined;
  // Significant digits: all of them but the leading zeros of a number below 1 ("0.05" has 1).
  const digits = field.replace(/^-/, "").replace(".", "").replace(/^0+/, "");
  if (digits.length > 15) return undefined;
  const value = Number(field);
  if (value === 0 && field.startsWith("-")) return undefined; // "-0" stays as written
  return value;
}

function columnName(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * Text for an XML element: a carriage return as `&#13;` (XML parsers turn a literal one into a
 * line feed), and the control characters XML cannot hold as OOXML's `_xHHHH_` escapes (a text
 * that looks like one escaped in turn).
 */
function escapeText(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[&<>_\u0000-\u001f\ufffe\uffff]/.test(text)) return text;
  let out = text.replace(/_x([0-9A-Fa-f]{4})_/g, "_x005F_x$1_");
  out = out.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
  // eslint-disable-next-line no-control-regex
  return out.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => {
    return `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`;
  });
}

/** An Excel sheet name from a file name: no []:*?/\, at most 31 characters, not empty. */
export function sheetNameOf(fileName: string): string {
  const base = (fileName.split(/[\\/]/).pop() ?? "").replace(/\.[^.]*$/, "");
  const name = base
    .replace(/[[\]:*?/\\]/g, "_")
    .replace(/^'+|'+$/g, "")
    .slice(0, 31)
    .trim();
  // The sheets the add-in writes are its own ("AE Report" …), and Excel reserves "History".
  const reserved = [REPORT_SHEET, STATE_SHEET, PROFILE_SHEET, "History"].map((s) => s.toLowerCase());
  return name === "" || reserved.includes(name.toLowerCase()) ? "Sheet1" : name;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(parts: readonly Uint8Array[]): number {
  let c = 0xffffffff;
  for (const p of parts)
    for (let i = 0; i < p.length; i++) c = (CRC_TABLE[(c ^ p[i]!) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface Entry {
  readonly name: string;
  readonly parts: readonly Uint8Array[];
}

/** A zip archive of stored (uncompressed) entries, UTF-8 names. */
function zip(entries: readonly Entry[]): Uint8Array {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  // 1980-01-01 00:00, a fixed time: the same CSV gives the same bytes.
  const time = 0;
  const date = (0 << 9) | (1 << 5) | 1;
  for (const e of entries) {
    const name = encoder.encode(e.name);
    const size = e.parts.reduce((n, p) => n + p.length, 0);
    if (size > 0xfffffffe || offset > 0xfffffffe)
      throw new CsvError(
        "the file is too large to convert (over 4 GB as a workbook)",
        "文件太大，无法转换（转换成工作簿超过 4 GB）",
      );
    const crc = crc32(e.parts);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(6, 0x0800, true); // UTF-8 names
    local.setUint16(8, 0, true); // stored
    local.setUint16(10, time, true);
    local.setUint16(12, date, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, size, true);
    local.setUint32(22, size, true);
    local.setUint16(26, name.length, true);
    local.setUint16(28, 0, true);
    chunks.push(new Uint8Array(local.buffer), name, ...e.parts);
    const dir = new DataView(new ArrayBuffer(46));
    dir.setUint32(0, 0x02014b50, true);
    dir.setUint16(4, 20, true);
    dir.setUint16(6, 20, true);
    dir.setUint16(8, 0x0800, true);
    dir.setUint16(10, 0, true);
    dir.setUint16(12, time, true);
    dir.setUint16(14, date, true);
    dir.setUint32(16, crc, true);
    dir.setUint32(20, size, true);
    dir.setUint32(24, size, true);
    dir.setUint16(28, name.length, true);
    dir.setUint32(42, offset, true);
    central.push(new Uint8Array(dir.buffer), name);
    offset += 30 + name.length + size;
  }
  const dirSize = central.reduce((n, p) => n + p.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, dirSize, true);
  end.setUint32(16, offset, true);
  const all = [...chunks, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of all) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** The sheet XML of `rows`, as UTF-8 chunks (never one string the size of the sheet). */
function sheetParts(rows: readonly (readonly string[])[]): Uint8Array[] {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let width = 0;
  for (const r of rows) if (r.length > width) width = r.length;
  const last = rows.length > 0 && width > 0 ? `${columnName(width - 1)}${rows.length}` : "A1";
  let chunk = `${XML_HEAD}<worksheet ${NS}><dimension ref="A1:${last}"/><sheetData>`;
  const names: string[] = [];
  for (let c = 0; c < width; c++) names.push(columnName(c));
  rows.forEach((fields, r) => {
    const row = r + 1;
    let xml = "";
    fields.forEach((field, c) => {
      if (field === "") return;
      if (field.length > MAX_CELL_TEXT)
        throw new CsvError(
          `row ${row}, column ${names[c]}: ${field.length.toLocaleString("en")} characters, more than a cell holds (32,767)`,
          `第 ${row} 行 ${names[c]} 列：${field.length} 个字符，超过单元格上限（32,767）`,
        );
      const ref = `${names[c]}${row}`;
      const value = numberOf(field);
      if (value !== undefined) xml += `<c r="${ref}"><v>${field}</v></c>`;
      else {
        const space = /^\s|\s$/.test(field) ? ' xml:space="preserve"' : "";
        xml += `<c r="${ref}" t="inlineStr"><is><t${space}>${escapeText(field)}</t></is></c>`;
      }
    });
    if (xml) chunk += `<row r="${row}">${xml}</row>`;
    if (chunk.length > 1 << 20) {
      parts.push(encoder.encode(chunk));
      chunk = "";
    }
  });
  chunk += "</sheetData></worksheet>";
  parts.push(encoder.encode(chunk));
  return parts;
}

/** A one-sheet .xlsx holding `rows` on the sheet `sheetName`. */
export function rowsToXlsx(rows: readonly (readonly string[])[], sheetName: string): Uint8Array {
  if (rows.length > MAX_ROWS)
    throw new CsvError(
      `${rows.length.toLocaleString("en")} rows, more than a worksheet holds (1,048,576)`,
      `共 ${rows.length} 行，超过工作表上限（1,048,576 行）`,
    );
  const widest = rows.reduce((n, r) => Math.max(n, r.length), 0);
  if (widest > MAX_COLUMNS)
    throw new CsvError(
      `a row has ${widest.toLocaleString("en")} fields, more than a worksheet's 16,384 columns`,
      `有一行含 ${widest} 个字段，超过工作表上限（16,384 列）`,
    );
  const text = (s: string) => [new TextEncoder().encode(s)];
  const name = escapeText(sheetName).replace(/"/g, "&quot;");
  return zip([
    {
      name: "[Content_Types].xml",
      parts: text(
        `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
      ),
    },
    {
      name: "_rels/.rels",
      parts: text(
        `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: "xl/workbook.xml",
      parts: text(
        `${XML_HEAD}<workbook ${NS} xmlns:r="${REL}"><bookViews><workbookView/></bookViews><sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      parts: text(
        `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
      ),
    },
    {
      name: "xl/styles.xml",
      parts: text(
        `${XML_HEAD}<styleSheet ${NS}><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
      ),
    },
    { name: "xl/worksheets/sheet1.xml", parts: sheetParts(rows) },
  ]);
}
