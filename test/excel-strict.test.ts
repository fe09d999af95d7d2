/**
 * The Office.js port and the Excel host over the stricter fake (test/fake-excel.ts), one test per
 * way the code used to misbehave in real Excel: undo, request size, recalculation, tables, text
 * coercion, sheet names, workbook protection, cell-edit mode, error codes and settings writes.
 * Each behaviour of the fake cites the Microsoft Learn page it follows.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ExcelPort, freeName } from "../src/excel/port";
import { runCheck, type CheckSummary } from "../src/pipeline/run";
import { ExcelHost, HIGHLIGHT_MARK, hostError } from "../src/taskpane/excel-host";
import { FakeBook, FakeSheet, fakeBookOf, fakeExcel, fakeRun, officeError } from "./fake-excel";
import { engine } from "./xlsx-helpers";

const NOW = new Date("2025-06-30T00:00:00Z");
const SHEET = "商品清单";
const SAMPLE = join(__dirname, "../assets/samples/catalog-semi.xlsx");

function sampleBook(platform: "web" | "desktop" = "web"): Promise<FakeBook> {
  return fakeBookOf(new Uint8Array(readFileSync(SAMPLE)), { platform });
}

async function check(host: ExcelHost): Promise<CheckSummary> {
  const summary = await runCheck(host.port(), engine, { mode: "semi", lang: "en", now: NOW });
  if (!summary.ok) throw new Error(summary.message.en);
  await host.afterCheck(summary, "en");
  return summary;
}

const copy = (book: FakeBook) => JSON.stringify(book.sheets.map((s) => [s.name, s.grid]));

describe("undo: one group of APIs Excel can undo (excel-add-ins-undo-capabilities)", () => {
  for (const platform of ["web", "desktop"] as const)
    test(`on ${platform}: a check is one undo record holding the columns, report, highlight and chart; Ctrl+Z takes all of it back`, async () => {
      const book = await sampleBook(platform);
      book.keepUndo = true;
      const before = copy(book);
      const host = new ExcelHost(fakeExcel(book), "en-US", true);
      await check(host);
      expect(book.undoBreakers).toEqual([]);
      expect(book.undoCleared).toBe(false);
      expect(book.undoRecords).toBe(1);
      expect(host.undoable()).toBe(true);
      // The highlight rule, and the status fills (cell-value formats, one per status present).
      expect(book.sheet(SHEET)!.conditionalFormats.filter((f) => f.type !== "CellValue")).toHaveLength(1);
      expect(book.sheet(SHEET)!.conditionalFormats.filter((f) => f.type === "CellValue")).toHaveLength(4);
      expect(book.sheet("AE Report")!.charts).toHaveLength(1);
      expect(book.undo()).toBe(true);
      expect(copy(book)).toBe(before);
      expect(book.sheet(SHEET)!.conditionalFormats).toHaveLength(0);
      expect(book.settings.has("AEModes.runState")).toBe(false);
    });

  test("a re-run reuses the report sheet (no Worksheet.delete) and is again one undo record", async () => {
    const book = await sampleBook("desktop");
    const host = new ExcelHost(fakeExcel(book), "en-US", true);
    await check(host);
    const id = book.sheet("AE Report")!.id;
    await check(host);
    expect(book.sheet("AE Report")!.id).toBe(id);
    expect(book.sheets.filter((s) => s.name.startsWith("AE Report"))).toHaveLength(1);
    expect(book.sheet("AE Report")!.charts).toHaveLength(1);
    expect(book.undoBreakers).toEqual([]);
    expect(book.undoRecords).toBe(2);
    expect(host.undoable()).toBe(true);
  });

  test("an Excel before ExcelApi 1.20 makes an undo record per sync: the pane does not claim Ctrl+Z", async () => {
    const book = await sampleBook();
    const host = new ExcelHost(fakeExcel(book, { apiVersion: 19 }), "en-US", false);
    await check(host);
    expect(host.undoable()).toBe(false);
    expect(book.undoRecords).toBeGreaterThan(1);
  });
});

describe("request size (resource-limits-and-performance-optimization: 5 MB on the web)", () => {
  /** A catalog of long titles and image URLs: ~450 bytes a row. */
  function wideCatalog(rows: number, long: (i: number) => boolean = () => true): FakeBook {
    const grid: unknown[][] = [["SKU", "商品名称", "类目", "售价", "重量", "图片"]];
    for (let i = 0; i < rows; i++) {
      const title = long(i) ? `Title ${i} `.padEnd(200, "x") : `T${i}`;
      const url = long(i) ? `https://img.example.com/${i}/`.padEnd(220, "y") : "";
      grid.push([`S${i}`, title, "家居", 10, 1, url]);
    }
    return new FakeBook([new FakeSheet("Catalog", grid)], { platform: "web" });
  }

  test("read blocks are sized from the rows measured: 20,000 rows of long titles and URLs read under 5 MB", async () => {
    const book = wideCatalog(20_000);
    const port = new ExcelPort(fakeRun(book).run);
    await port.peek("Catalog", 30);
    const rows = await port.readRows("Catalog", 2, 20_000);
    expect(rows).toHaveLength(20_000);
    expect((rows[19_999] as unknown[])[0]).toBe("S19999");
    expect(port.rowsPerRead(6)).toBeLessThan(4_000_000 / (6 * 48));
  });

  test("a block Excel still refuses (ResponsePayloadSizeLimitExceeded) is halved and read again", async () => {
    // The first 2,000 rows are short, so the measured size is far below the rows after them.
    const book = wideCatalog(30_000, (i) => i >= 2_000);
    const port = new ExcelPort(fakeRun(book).run);
    await port.readRows("Catalog", 2, 2_000);
    const rows = await port.readRows("Catalog", 2_002, 28_000);
    expect(rows).toHaveLength(28_000);
    expect(port.stats.halvedReads).toBeGreaterThan(0);
  });
});

describe("writing", () => {
  test("formulas are recalculated after the write that suspended calculation", async () => {
    const book = await sampleBook();
    await runCheck(new ExcelPort(fakeRun(book).run), engine, { mode: "semi", lang: "en", now: NOW });
    expect(book.staleFormulas).toBe(false);
  });

  test("text the add-in writes stays text: a sheet named 0012345 in the report, profile values", async () => {
    const sheet = new FakeSheet("0012345", [
      ["SKU", "类目", "售价", "重量"],
      ["A", "家居", 10, 1],
    ]);
    const book = new FakeBook([sheet]);
    await runCheck(new ExcelPort(fakeRun(book).run), engine, { mode: "semi", lang: "en", now: NOW });
    const report = book.sheet("AE Report")!;
    const sheetRow = report.grid.find((r) => r[0] === "Sheet");
    expect(sheetRow?.[1]).toBe("0012345");

    const host = new ExcelHost(fakeExcel(book), "en-US", true);
    await host.saveProfile([
      ["店铺开店日期", "2024-06-30"],
      ["退货率", "95%"],
      ["店铺编号", "0012345"],
    ]);
    const profile = book.sheet("AE Profile")!;
    expect(profile.grid.slice(1, 4).map((r) => r[1])).toEqual(["2024-06-30", "95%", "0012345"]);
  });

  test("an Excel table with the user's data right of it: no table column is added, nothing of the user's moves", async () => {
    const grid: unknown[][] = [["title"], [], ["SKU", "类目", "售价", "重量"]];
    for (let i = 0; i < 3; i++) grid.push([`S${i}`, "家居", 10, 1]);
    const sheet = new FakeSheet("T", grid);
    const book = new FakeBook([sheet]);
    // Run 1 before the data was a table: the outputs are at E.. (index 4 on).
    await runCheck(new ExcelPort(fakeRun(book).run), engine, { mode: "semi", lang: "en", now: NOW });
    // The user makes A3:D6 a table and keeps notes in column Z, on every row.
    sheet.tables.push({ name: "Catalog", top: 2, left: 0, width: 4, rows: 3 });
    for (let r = 0; r < 8; r++) sheet.set(r, 25, `note ${r}`);
    await runCheck(new ExcelPort(fakeRun(book).run), engine, { mode: "semi", lang: "en", now: NOW });
    for (let r = 0; r < 8; r++) expect([r, sheet.get(r, 25)]).toEqual([r, `note ${r}`]);
    expect(sheet.get(2, 4)).toBe("AE Status");
    expect(sheet.get(3, 4)).toBe("ELIGIBLE");
  });

  test("Clear finds its columns by header after the user inserted a column, and shrinks a table instead of shifting cells", async () => {
    const grid: unknown[][] = [["SKU", "类目", "售价", "重量"]];
    for (let i = 0; i < 3; i++) grid.push([`S${i}`, "家居", 10, 1]);
    const sheet = new FakeSheet("T", grid);
    sheet.tables.push({ name: "Catalog", top: 0, left: 0, width: 4, rows: 3 });
    const book = new FakeBook([sheet]);
    const host = new ExcelHost(fakeExcel(book), "en-US", true);
    const summary = await check(host);
    expect(sheet.tables[0]!.width).toBe(4 + summary.columns.length);
    // Later the user keeps notes right of the table, on every row.
    const right = 4 + summary.columns.length + 2;
    for (let r = 0; r < 6; r++) sheet.set(r, right, `note ${r}`);
    expect(await host.clear()).toEqual({ columns: summary.columns.length });
    expect(sheet.tables[0]!.width).toBe(4);
    for (let r = 0; r < 6; r++) expect([r, sheet.get(r, right)]).toEqual([r, `note ${r}`]);
    expect(sheet.grid[0]!.filter((v) => String(v).startsWith("AE "))).toEqual([]);

    // Stale indexes: a run, then the user inserts a column at A; Clear still finds every AE column.
    const plain = new FakeSheet("P", [
      ["SKU", "类目", "售价", "重量"],
      ["A", "家居", 10, 1],
    ]);
    const book2 = new FakeBook([plain]);
    const host2 = new ExcelHost(fakeExcel(book2), "en-US", true);
    const s2 = await check(host2);
    plain.shiftRows(0, 10, 0, 1);
    expect(await host2.clear()).toEqual({ columns: s2.columns.length });
    expect(plain.grid[0]!.filter((v) => String(v).startsWith("AE "))).toEqual([]);
    expect(plain.grid[0]!.slice(1, 5)).toEqual(["SKU", "类目", "售价", "重量"]);
  });
});

describe("sheets (names are case-insensitive; never a sheet the add-in did not create)", () => {
  test("a user's own 'ae report' sheet is neither deleted nor overwritten, by a run or by Clear", async () => {
    const book = await sampleBook();
    const mine = new FakeSheet("ae report", [["my notes", 1]]);
    book.sheets.push(mine);
    const host = new ExcelHost(fakeExcel(book), "en-US", true);
    await check(host);
    await check(host);
    expect(book.sheets).toContain(mine);
    expect(mine.grid).toEqual([["my notes", 1]]);
    expect(book.sheets.map((s) => s.name)).toContain("AE Report (2)");
    await host.clear();
    expect(book.sheets).toContain(mine);
    expect(book.sheets.map((s) => s.name)).not.toContain("AE Report (2)");
    expect(freeName("AE Report", ["AE REPORT", "ae report (2)"])).toBe("AE Report (3)");
  });

  test("a protected workbook structure is found before anything is written, and said in plain words", async () => {
    const book = await sampleBook();
    book.structureProtected = true;
    const before = copy(book);
    const host = new ExcelHost(fakeExcel(book), "en-US", true);
    const run = runCheck(host.port(), engine, { mode: "semi", lang: "en", now: NOW });
    await expect(run).rejects.toMatchObject({ kind: "protected" });
    await expect(run).rejects.toThrow(/workbook's structure is protected/);
    expect(copy(book)).toBe(before);
  });
});

describe("cell-edit mode and error codes", () => {
  test("while the user edits a cell the pane's batches wait (delayForCellEdit) and then run", async () => {
    const book = await sampleBook();
    book.cellEditMode = true;
    const host = new ExcelHost(fakeExcel(book), "en-US", true);
    const names = host.port().sheetNames();
    setTimeout(() => book.exitCellEdit(), 20);
    await expect(names).resolves.toContain(SHEET);
  });

  test("errors are classified by error.code, whatever language the message is in", () => {
    expect(hostError(officeError("InvalidOperation", "无法更改受保护的单元格。")).kind).toBe("protected");
    expect(hostError(officeError("AccessDenied", "您无法执行请求的操作。")).kind).toBe("protected");
    expect(
      hostError(officeError("InvalidOperationInCellEditMode", "此操作在单元格编辑模式下不可用")).kind,
    ).toBe("busy");
    // An English message that mentions protection is not a protection error without its code.
    expect(hostError(officeError("GeneralException", "could not protect the range")).kind).toBe("unknown");
  });
});

describe("settings", () => {
  test("a burst of changes is saved once, in one Excel.run, after it settles", async () => {
    const book = await sampleBook();
    const host = new ExcelHost(fakeExcel(book), "en-US", true, { settingsDelayMs: 30 });
    const runs = book.runs;
    const saves = "250km"
      .split("")
      .map((_, i, a) => host.saveSettings({ options: { distance: a.slice(0, i + 1).join("") } }));
    await Promise.all(saves);
    expect(book.runs - runs).toBe(1);
    expect(JSON.parse(book.settings.get("AEModes.pane")!)).toEqual({ options: { distance: "250km" } });
    await host.saveSettings({ options: { distance: "250km" } });
    expect(book.runs - runs).toBe(1);
  });
});

test("the highlight rule is the add-in's one and only", async () => {
  const book = await sampleBook();
  const host = new ExcelHost(fakeExcel(book), "en-US", true);
  await check(host);
  expect(
    book.sheet(SHEET)!.conditionalFormats.filter((f) => f.formula.includes(HIGHLIGHT_MARK)),
  ).toHaveLength(1);
});
