/**
 * A re-run on a copy the seller edited in Excel: columns inserted or deleted to the left of the
 * add-in's block, one of its columns deleted, the sheet renamed. The earlier run's state (AE Meta)
 * records positions, which such edits do not follow: the add-in's columns are found again by their
 * headers and replaced; a header found twice stays the seller's (and the run says why it stops).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { check, readBack } from "./xlsx-helpers";

const SAMPLE = new Uint8Array(readFileSync(join(__dirname, "../assets/samples/catalog-semi.xlsx")));

async function edit(bytes: Uint8Array, change: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const ws = wb.worksheets.find((w) => w.state === "visible" && !/^AE /.test(w.name)) as ExcelJS.Worksheet;
  change(ws);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function firstCopy(): Promise<{ bytes: Uint8Array; headers: string[]; width: number }> {
  const { result, output } = await check(SAMPLE);
  expect(result.ok).toBe(true);
  const { rows } = await readBack(output as Uint8Array);
  const headerRow = rows.findIndex((r) => (r ?? []).some((v) => v === "AE Status"));
  const header = (rows[headerRow] ?? []) as unknown[];
  const headers = header.filter((v): v is string => typeof v === "string" && v.startsWith("AE "));
  return { bytes: output as Uint8Array, headers, width: header.length };
}

/** The header row of the first sheet of a copy, and its rows. */
async function headerOf(bytes: Uint8Array): Promise<{ header: unknown[]; rows: unknown[][] }> {
  const { rows } = await readBack(bytes);
  const i = rows.findIndex((r) => (r ?? []).some((v) => v === "AE Status"));
  return { header: (rows[i] ?? []) as unknown[], rows };
}

describe("a re-run after the seller edited the checked copy", () => {
  test("a column inserted to the left of the block: the block is found by its headers and replaced", async () => {
    const first = await firstCopy();
    const edited = await edit(first.bytes, (ws) => {
      ws.spliceColumns(2, 0, []);
      let headerRow = 1;
      ws.eachRow((row, n) => {
        if ((row.values as unknown[]).includes("AE Status")) headerRow = n;
      });
      ws.getCell(headerRow, 2).value = "品牌";
    });
    const { result, output } = await check(edited);
    expect(result.ok).toBe(true);
    const { header } = await headerOf(output as Uint8Array);
    // Each AE header once, the seller's new column kept, no empty column left behind.
    for (const h of first.headers) expect(header.filter((v) => v === h)).toHaveLength(1);
    expect(header).toContain("品牌");
    expect(header.length).toBe(first.width + 1);
    expect(header.slice(0, header.indexOf("AE Status")).every((v) => v !== null && v !== undefined)).toBe(
      true,
    );
  });

  test("a column deleted to the left, one AE column deleted, and the sheet renamed", async () => {
    const first = await firstCopy();
    const issuesAt = (await headerOf(first.bytes)).header.indexOf("AE Issues") + 1;
    const edited = await edit(first.bytes, (ws) => {
      ws.spliceColumns(issuesAt, 1); // an AE column, deleted
      ws.spliceColumns(3, 1); // a column of the seller's, to its left
      ws.name = "12月清单";
    });
    const { result, output } = await check(edited);
    expect(result.ok).toBe(true);
    const { header } = await headerOf(output as Uint8Array);
    for (const h of first.headers) expect(header.filter((v) => v === h)).toHaveLength(1);
    expect(header.length).toBe(first.width - 1);
  });

  test("an AE header the seller copied (there twice) is not taken: the run stops and says why", async () => {
    const first = await firstCopy();
    const statusAt = (await headerOf(first.bytes)).header.indexOf("AE Status") + 1;
    const edited = await edit(first.bytes, (ws) => {
      const values = ws.getColumn(statusAt).values as ExcelJS.CellValue[];
      ws.spliceColumns(2, 0, values.slice(1));
    });
    const { result } = await check(edited);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message.en).toMatch(
      /named 'AE Status' like a column of AE Modes' earlier check.*more than once/,
    );
    expect(result.message.zh).toMatch(/出现不止一次/);
  });
});
