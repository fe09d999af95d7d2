import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ExcelPort, cellInput } from "../src/excel/port";
import { runCheck } from "../src/pipeline/run";
import { XlsxPort } from "../src/xlsx/port";
import { FakeBook, FakeSheet, fakeRun, fakeBookOf } from "./fake-excel";
import { engine, readBack } from "./xlsx-helpers";

const NOW = new Date("2025-06-30T00:00:00Z");

function sampleBook(): Promise<FakeBook> {
  return fakeBookOf(new Uint8Array(readFileSync(join(__dirname, "../assets/samples/catalog-semi.xlsx"))));
}

describe("the Office.js port over a fake workbook", () => {
  test("writes the same outputs as the .xlsx port and leaves the input cells alone", async () => {
    const book = await sampleBook();
    const before = JSON.stringify(book.sheet("商品清单")!.grid);
    const port = new ExcelPort(fakeRun(book).run);
    const result = await runCheck(port, engine, { mode: "semi", lang: "en", now: NOW });
    expect(result.ok).toBe(true);

    const xlsx = await XlsxPort.open(
      new Uint8Array(readFileSync(join(__dirname, "../assets/samples/catalog-semi.xlsx"))),
    );
    await runCheck(xlsx, engine, { mode: "semi", lang: "en", now: NOW });
    const expected = (await readBack(xlsx.output!, "商品清单")).rows;
    const grid = book.sheet("商品清单")!.grid;
    const width = (expected[1] as unknown[]).length;
    for (let r = 1; r < expected.length; r++) {
      for (let c = 22; c < width; c++) {
        const want = expected[r]?.[c] ?? "";
        expect([r + 1, c, grid[r]?.[c] ?? ""]).toEqual([r + 1, c, want]);
      }
    }
    // Input cells (columns A..V) unchanged.
    const after = book.sheet("商品清单")!.grid.map((row) => row.slice(0, 22));
    expect(after).toEqual((JSON.parse(before) as unknown[][]).map((row) => row.slice(0, 22)));
    expect(book.sheet("AE Report")).toBeDefined();
    // The run state is a workbook setting, not a hidden sheet (Worksheet.visibility cannot be undone).
    expect(book.sheet("AE Meta")).toBeUndefined();
    expect(JSON.parse(book.settings.get("AEModes.runState")!)).toMatchObject({
      sheet: "商品清单",
      headerRow: 2,
    });
    expect(book.sheet("商品清单")!.formats[2]?.[27]).toBe("0.00");
  });

  test("a re-run replaces its own columns in place", async () => {
    const book = await sampleBook();
    await runCheck(new ExcelPort(fakeRun(book).run), engine, { mode: "semi", lang: "en", now: NOW });
    const first = JSON.stringify(book.sheet("商品清单")!.grid);
    await runCheck(new ExcelPort(fakeRun(book).run), engine, { mode: "semi", lang: "en", now: NOW });
    expect(JSON.stringify(book.sheet("商品清单")!.grid)).toBe(first);
    expect(book.sheets.filter((s) => s.name === "AE Report")).toHaveLength(1);
  });

  test("text starting with =, +, - or @ is written with Excel's text prefix, never as a formula", async () => {
    expect(cellInput("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(cellInput("+86")).toBe("'+86");
    expect(cellInput("ok")).toBe("ok");
    const book = new FakeBook([
      new FakeSheet("S", [
        ["SKU", "类目", "售价", "重量"],
        ["=1+1", "=cmd", "-", "@x"],
      ]),
    ]);
    await runCheck(new ExcelPort(fakeRun(book).run), engine, { mode: "semi", lang: "en", now: NOW });
    // The fake turns any text written with a leading "=" into a formula, as Excel would: none may appear.
    const texts = book.sheets.flatMap((s) => s.grid.flat()).filter((v) => typeof v === "string");
    expect(texts.filter((v) => (v as string).startsWith("FORMULA:"))).toEqual([]);
    const issues = String(book.sheet("S")!.grid[1]?.[5]);
    expect(issues).toContain("SEMI-K-CATEGORY (warning): category '=cmd'");
  });

  test("100,000 rows × 20 columns: syncs ≤ 2 + 2 × chunks, every request under 5 MB", async () => {
    const rows = 100_000;
    const header = [
      "SKU",
      "商品名称",
      "类目",
      "售价",
      "重量(g)",
      "长",
      "宽",
      "高",
      "仓库",
      "目标市场",
      "EPR注册号",
      "退货率",
      "颜色",
      "材质",
      "尺码表",
      "普通价",
      "半托管价",
      "发货地距离",
      "增值服务",
      "备注",
    ];
    const grid: unknown[][] = [header];
    for (let i = 0; i < rows; i++) {
      grid.push([
        `S-${i}`,
        `商品 ${i}`,
        "家居园艺",
        10 + (i % 500),
        100 + (i % 3000),
        20,
        10,
        5,
        "义乌集货仓",
        "US",
        "",
        "3%",
        "黑",
        "棉",
        "",
        30,
        28,
        120,
        "",
        "",
      ]);
    }
    const book = new FakeBook([new FakeSheet("Catalog", grid)]);
    const { run, contexts } = fakeRun(book);
    const port = new ExcelPort(run);
    const chunkRows = port.rowsPerRead(header.length);
    const result = await runCheck(port, engine, { mode: "semi", lang: "en", now: NOW, chunkRows });
    expect(result.ok && result.rowsChecked).toBe(rows);
    const chunks = Math.ceil(rows / chunkRows);
    const writeBlocks = book.syncs; // every sync of the run
    expect(port.stats.syncs).toBe(book.syncs);
    // Every sync of the run, lookups included (sheet list, extent, tables, profile, state).
    expect(writeBlocks).toBeLessThanOrEqual(2 + 2 * chunks);
    expect(Math.max(...contexts.map((c) => c.largestRequestBytes))).toBeLessThan(5 * 1024 * 1024);
    expect(port.stats.largestRequestBytes).toBeLessThan(5 * 1024 * 1024);
    expect(port.stats.largestRequestCells).toBeLessThan(5_000_000);
    console.log(
      `Office.js port, ${rows} rows × ${header.length} columns: ${book.syncs} syncs (${chunks} read chunks of ${chunkRows} rows), largest request ${(port.stats.largestRequestBytes / 1e6).toFixed(2)} MB`,
    );
  }, 120_000);

  test("without a chunk option, a run reads in the port's preferred blocks (as many rows as a request allows)", async () => {
    const grid: unknown[][] = [["SKU", "类目", "售价", "重量"]];
    for (let i = 0; i < 5000; i++) grid.push([`S${i}`, "家居", 10, 1]);
    const port = new ExcelPort(fakeRun(new FakeBook([new FakeSheet("Catalog", grid)])).run, {
      maxRequestBytes: 4_000_000,
      maxRequestCells: 4_000,
    });
    expect(port.rowsPerRead(4)).toBe(1000);
    const blocks: number[] = [];
    const read = port.readRows.bind(port);
    port.readRows = (sheet, first, count) => {
      blocks.push(count);
      return read(sheet, first, count);
    };
    const result = await runCheck(port, engine, { mode: "semi", lang: "en", now: NOW });
    expect(result.ok && result.rowsChecked).toBe(5000);
    // The first read is the header scan (30 rows); then the data in blocks of 1,000.
    expect(blocks).toEqual([30, 1000, 1000, 1000, 1000, 1000]);
  });

  test("an Excel table's header row is used", async () => {
    const sheet = new FakeSheet("T", [["title"], [], ["SKU", "类目", "售价", "重量"], ["A", "家居", 10, 1]]);
    sheet.tables.push({ name: "Catalog", top: 2, left: 0, width: 4, rows: 1 });
    const book = new FakeBook([sheet]);
    const result = await runCheck(new ExcelPort(fakeRun(book).run), engine, {
      mode: "semi",
      lang: "en",
      now: NOW,
    });
    expect(result).toMatchObject({ ok: true, headerRow: 3, rowsChecked: 1 });
    expect(sheet.grid[2]?.[4]).toBe("AE Status");
    // The outputs became the table's own columns (the table now spans them).
    expect(sheet.tables[0]?.width).toBe(4 + (result.ok ? result.columns.length : 0));
    // A status is written there (no dimensions: the fee is not computed and the row says so in a
    // note; its status stays ELIGIBLE, rules-spec §0).
    expect(sheet.grid[3]?.[4]).toBe("ELIGIBLE");
  });
});

describe("writing safely", () => {
  test("a write asks Excel for one undo group", async () => {
    const book = await sampleBook();
    const fake = fakeRun(book);
    await runCheck(new ExcelPort(fake.run), engine, { mode: "semi", lang: "en", now: NOW });
    expect(fake.options.filter((o) => o?.mergeUndoGroup === true)).toHaveLength(1);
  });

  test("a protected sheet is refused before anything is written", async () => {
    const book = await sampleBook();
    const sheet = book.sheet("商品清单")!;
    sheet.protected = true;
    const before = JSON.stringify(sheet.grid);
    const port = new ExcelPort(fakeRun(book).run);
    await expect(runCheck(port, engine, { mode: "semi", lang: "en", now: NOW })).rejects.toMatchObject({
      kind: "protected",
    });
    expect(JSON.stringify(sheet.grid)).toBe(before);
    expect(book.sheet("AE Report")).toBeUndefined();
    expect(book.sheet("AE Meta")).toBeUndefined();
  });

  test("when Excel stops a write part-way, the output cells written so far are removed and the user's cells are as before", async () => {
    const book = await sampleBook();
    const sheet = book.sheet("商品清单")!;
    const before = JSON.stringify(sheet.grid);
    const port = new ExcelPort(fakeRun(book).run, { maxRequestBytes: 2_000, maxRequestCells: 1_000_000 });
    // Reads take the first syncs; fail the third write request (after two blocks landed).
    let syncsBeforeWrite = 0;
    const write = port.write.bind(port);
    port.write = async (plan) => {
      syncsBeforeWrite = book.syncs;
      book.failAtSync = syncsBeforeWrite + 3;
      return write(plan);
    };
    await expect(runCheck(port, engine, { mode: "semi", lang: "en", now: NOW })).rejects.toMatchObject({
      kind: "write",
    });
    expect(book.syncs).toBeGreaterThan(syncsBeforeWrite + 3);
    const after = sheet.grid.map((row) => row.map((v) => v));
    const original = JSON.parse(before) as unknown[][];
    for (let r = 0; r < Math.max(after.length, original.length); r++) {
      const width = Math.max(after[r]?.length ?? 0, original[r]?.length ?? 0);
      for (let c = 0; c < width; c++)
        expect([r, c, after[r]?.[c] ?? ""]).toEqual([r, c, original[r]?.[c] ?? ""]);
    }
    expect(book.sheet("AE Report")).toBeUndefined();
  });
});
