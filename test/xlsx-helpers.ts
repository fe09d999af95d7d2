/** Helpers for the .xlsx tests: build workbooks with exceljs, run the pipeline, read results back. */
import ExcelJS from "exceljs";
import { Engine } from "../src/engine";
import { runCheck, type CheckOptions, type CheckSummary, type CheckFailure } from "../src/pipeline/run";
import { XlsxPort } from "../src/xlsx/port";

export const engine = new Engine();

/** Writes a workbook whose first sheet holds `rows` (row 1 first); extra sheets by name. */
export async function makeWorkbook(
  rows: unknown[][],
  extra: Record<string, unknown[][]> = {},
  sheetName = "Catalog",
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  for (const r of rows) ws.addRow(r);
  for (const [name, data] of Object.entries(extra)) {
    const s = wb.addWorksheet(name);
    for (const r of data) s.addRow(r);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Runs a check over workbook bytes; returns the summary (or failure) and the output bytes. */
export async function check(
  bytes: Uint8Array,
  options: Partial<CheckOptions> = {},
): Promise<{ result: CheckSummary | CheckFailure; output: Uint8Array | undefined }> {
  const port = await XlsxPort.open(bytes);
  const result = await runCheck(port, engine, {
    mode: "semi",
    lang: "en",
    now: new Date("2025-06-30T00:00:00Z"),
    ...options,
  });
  return { result, output: port.output };
}

/** Reads a sheet back with exceljs as rows of cell values (row 1 first, column A first). */
export async function readBack(
  bytes: Uint8Array,
  sheet?: string,
): Promise<{ rows: unknown[][]; wb: ExcelJS.Workbook }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const ws = sheet ? wb.getWorksheet(sheet) : wb.worksheets[0];
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const values = (row.values as unknown[]).slice(1);
    rows[n - 1] = values;
  });
  return { rows, wb };
}

/** The column (0-based) of a header in row `headerRow` (1-based). */
export function columnOf(rows: unknown[][], header: string, headerRow = 1): number {
  return (rows[headerRow - 1] ?? []).findIndex((v) => v === header);
}
