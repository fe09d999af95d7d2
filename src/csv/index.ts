/**
 * CSV and TSV in: a delimited text file becomes a one-sheet .xlsx (in memory) that the CLI and
 * the standalone page check or reconcile through the .xlsx port, so the annotated copy is an
 * .xlsx holding the data and the add-in's columns.
 * @packageDocumentation
 */
import { CsvError, decodeText, parseDelimited, type Delimiter, type TextEncoding } from "./text";
import { rowsToXlsx, sheetNameOf } from "./workbook";

export { CsvError, decodeText, delimiterName, parseDelimited } from "./text";
export type { Delimiter, TextEncoding } from "./text";
export { numberOf, rowsToXlsx, sheetNameOf } from "./workbook";

const TEXT_EXTENSIONS = /\.(csv|tsv|tab|txt)$/i;

/**
 * Whether a file is to be read as delimited text: its name ends in .csv, .tsv, .tab or .txt and
 * its bytes are not a zip or an OLE (.xls) file — those, whatever their name, go to the workbook
 * reader, which says what they are.
 */
export function isDelimitedText(name: string, bytes: Uint8Array): boolean {
  if (!TEXT_EXTENSIONS.test(name)) return false;
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5 || bytes[2] === 7);
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  return !zip && !ole;
}

/** A delimited text file as a workbook. */
export interface CsvWorkbook {
  /** The .xlsx bytes: one sheet holding every field. */
  readonly bytes: Uint8Array;
  /** The sheet's name (from the file name). */
  readonly sheet: string;
  readonly encoding: TextEncoding;
  readonly delimiter: Delimiter;
  /** Rows in the sheet (empty rows between others included). */
  readonly rows: number;
}

/**
 * Reads a CSV/TSV file's bytes as a workbook; throws a {@link CsvError} with a one-line reason
 * when it cannot. A name ending in .tsv/.tab/.txt prefers tab where the delimiter is ambiguous.
 */
export function csvToWorkbook(name: string, bytes: Uint8Array): CsvWorkbook {
  const { text, encoding } = decodeText(bytes);
  const prefer: Delimiter = /\.(tsv|tab|txt)$/i.test(name) ? "\t" : ",";
  const { rows, delimiter } = parseDelimited(text, prefer);
  if (rows.length === 0)
    throw new CsvError("the file holds no rows (it is empty)", "文件中没有任何行（是空文件）");
  const sheet = sheetNameOf(name);
  return { bytes: rowsToXlsx(rows, sheet), sheet, encoding, delimiter, rows: rows.length };
}

/**
 * The name of the .xlsx copy of a file: `catalog.xlsx` → `catalog.checked.xlsx`; any other file
 * keeps its extension in the name (`catalog.csv` → `catalog.csv.checked.xlsx`), so a CSV and a
 * workbook of one name in one folder never share a copy. `purpose` "reconcile" writes
 * `*.reconciled.xlsx`, so a statement's reconciliation and a check of it never share one either.
 *
 * @example
 * ```ts
 * checkedName("清单.CSV")                 // => "清单.CSV.checked.xlsx"
 * checkedName("宏.xlsm")                  // => "宏.checked.xlsm"
 * checkedName("结算.xlsx", "reconcile")   // => "结算.reconciled.xlsx"
 * ```
 */
export function checkedName(name: string, purpose: "check" | "reconcile" = "check"): string {
  const kind = purpose === "check" ? "checked" : "reconciled";
  // A macro-enabled workbook's copy keeps its macros, so it keeps the .xlsm Excel needs for them.
  if (/\.xlsm$/i.test(name)) return `${name.slice(0, -5)}.${kind}.xlsm`;
  return `${name.replace(/\.xlsx$/i, "")}.${kind}.xlsx`;
}
