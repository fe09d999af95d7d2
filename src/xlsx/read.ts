/**
 * Reads .xlsx files without loading them into an object model: the package (zip), the sheet
 * list, shared strings and a sheet's cell values, straight from SpreadsheetML. Values come back
 * as a host hands them to the engine: numbers, strings, booleans, {error} for error cells, and
 * formula cells as their cached result.
 * @packageDocumentation
 */
import JSZip from "jszip";
import { attr, unescapeXml } from "./xml";

/** A sheet of the workbook. */
export interface SheetEntry {
  readonly name: string;
  /** Path inside the package, e.g. "xl/worksheets/sheet1.xml". */
  readonly path: string;
  readonly relId: string;
  readonly sheetId: number;
  readonly state: "visible" | "hidden" | "veryHidden";
}

/** Why a file cannot be opened, for the CLI's one-line reason. */
export class WorkbookOpenError extends Error {
  constructor(
    readonly code: "encrypted" | "not-xlsx" | "corrupt",
    message: string,
  ) {
    super(message);
  }
}

/** The parsed cells of one sheet: rows[r] are the cells of sheet row r + 1 (undefined for a row with no cells). */
export interface SheetCells {
  readonly rows: Array<unknown[] | undefined>;
  /** Highest 0-based column index that holds a cell, -1 if none. */
  readonly maxColumn: number;
  /** The sheet's XML, kept for writing. */
  readonly xml: string;
}

const CELL = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
const ROW = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;

/** An opened .xlsx package. */
export class XlsxPackage {
  private constructor(
    readonly zip: JSZip,
    readonly sheets: readonly SheetEntry[],
    readonly sharedStrings: readonly string[],
    /** The shared-string part's XML as opened, kept so a write appends to it without inflating it again. */
    readonly sharedStringsXml: string | undefined,
  ) {}

  /**
   * Opens a workbook from its bytes; throws {@link WorkbookOpenError} with a plain reason. `same`
   * is a package already opened from these very bytes: its shared strings are reused, not parsed
   * again (a write opens a fresh copy of the package to change).
   */
  static async open(bytes: Uint8Array, same?: XlsxPackage): Promise<XlsxPackage> {
    if (
      bytes.length >= 8 &&
      bytes[0] === 0xd0 &&
      bytes[1] === 0xcf &&
      bytes[2] === 0x11 &&
      bytes[3] === 0xe0
    ) {
      throw new WorkbookOpenError(
        "encrypted",
        "the file is password-protected (encrypted) or an old .xls workbook: save it unprotected as .xlsx first",
      );
    }
    if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
      throw new WorkbookOpenError("not-xlsx", "the file is not an .xlsx workbook");
    }
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(bytes);
    } catch (e) {
      throw new WorkbookOpenError(
        "corrupt",
        `the workbook is damaged and cannot be opened (${(e as Error).message})`,
      );
    }
    const workbook = await zip.file("xl/workbook.xml")?.async("string");
    const rels = await zip.file("xl/_rels/workbook.xml.rels")?.async("string");
    if (workbook === undefined || rels === undefined)
      throw new WorkbookOpenError(
        "corrupt",
        "the file is a zip but not an Excel workbook (no xl/workbook.xml)",
      );
    const targets = new Map<string, string>();
    for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
      const id = attr(m[0], "Id");
      const target = attr(m[0], "Target");
      if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
    }
    const sheets: SheetEntry[] = [];
    for (const m of workbook.matchAll(/<sheet\b[^>]*\/?>/g)) {
      const relId = attr(m[0], "r:id") ?? "";
      const path = targets.get(relId);
      if (!path) continue;
      const state = (attr(m[0], "state") ?? "visible") as SheetEntry["state"];
      sheets.push({
        name: attr(m[0], "name") ?? "",
        path,
        relId,
        sheetId: Number(attr(m[0], "sheetId") ?? 0),
        state,
      });
    }
    if (same) return new XlsxPackage(zip, sheets, same.sharedStrings, same.sharedStringsXml);
    const sst = await zip.file("xl/sharedStrings.xml")?.async("string");
    const strings: string[] = [];
    if (sst) {
      for (const m of sst.matchAll(/<si>([\s\S]*?)<\/si>/g)) strings.push(richText(m[1] as string));
    }
    return new XlsxPackage(zip, sheets, strings, sst);
  }

  /** The sheet of a name (exact, then case-insensitive). */
  sheet(name: string): SheetEntry | undefined {
    return (
      this.sheets.find((s) => s.name === name) ??
      this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase())
    );
  }

  /** Reads a sheet's cells. `maxRows` stops after that many sheet rows (for header detection). */
  async readSheet(entry: SheetEntry, maxRows = Infinity): Promise<SheetCells> {
    const xml = (await this.zip.file(entry.path)?.async("string")) ?? "";
    const rows: Array<unknown[] | undefined> = [];
    let maxColumn = -1;
    let nextRow = 1;
    const start = xml.indexOf("<sheetData");
    const region = start < 0 ? "" : xml.slice(start, xml.indexOf("</sheetData>", start) + 12 || undefined);
    ROW.lastIndex = 0;
    for (let m = ROW.exec(region); m; m = ROW.exec(region)) {
      const r = Number(attr(m[1] ?? "", "r") ?? nextRow);
      nextRow = r + 1;
      if (r > maxRows) break;
      const body = m[2];
      if (!body) continue;
      const cells: unknown[] = [];
      let nextColumn = 0;
      CELL.lastIndex = 0;
      for (let c = CELL.exec(body); c; c = CELL.exec(body)) {
        const attrs = c[1] ?? "";
        // r="AB12" is almost always the first attribute: read its letters without a regex.
        const at = attrs.indexOf(' r="');
        let column = nextColumn;
        if (at >= 0) {
          let n = 0;
          for (let k = at + 4; k < attrs.length; k++) {
            const code = attrs.charCodeAt(k);
            if (code < 65 || code > 90) break;
            n = n * 26 + (code - 64);
          }
          if (n > 0) column = n - 1;
        }
        nextColumn = column + 1;
        const value = this.cellValue(attrs, c[2]);
        if (value === undefined) continue;
        cells[column] = value;
        if (column > maxColumn) maxColumn = column;
      }
      rows[r - 1] = cells;
    }
    return { rows, maxColumn, xml };
  }

  private cellValue(attrs: string, body: string | undefined): unknown {
    if (!body) return undefined;
    const type = attrs.includes(' t="') ? (attr(attrs, "t") ?? "n") : "n";
    if (type === "inlineStr") {
      const is = /<is>([\s\S]*?)<\/is>/.exec(body);
      return is ? richText(is[1] as string) : "";
    }
    const v = /<v>([\s\S]*?)<\/v>/.exec(body);
    if (!v) return undefined;
    const raw = v[1] as string;
    switch (type) {
      case "s":
        return this.sharedStrings[Number(raw)] ?? "";
      case "str":
        return unescapeXml(raw);
      case "b":
        return raw === "1";
      case "e":
        return { error: unescapeXml(raw) };
      case "d":
        return new Date(raw);
      default: {
        const n = Number(raw);
        return Number.isFinite(n) ? n : unescapeXml(raw);
      }
    }
  }
}

/** The text of a shared or inline string: its <t> runs, without phonetic (<rPh>) runs. */
function richText(xml: string): string {
  const clean = xml.includes("<rPh") ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "") : xml;
  let text = "";
  for (const m of clean.matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>|<t\b[^>]*\/>/g)) text += unescapeXml(m[1] ?? "");
  return text;
}
