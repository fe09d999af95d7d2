/**
 * The Office.js port over an ERP-style sheet (issue 13): merged cells read through
 * Range.getMergedAreasOrNullObject apply to every cell of their range; a totals row gets no cells.
 */
import { ExcelPort } from "../src/excel/port";
import { runCheck } from "../src/pipeline/run";
import { runReconcile } from "../src/pipeline/reconcile";
import { ExcelHost } from "../src/taskpane/excel-host";
import { FakeBook, FakeSheet, fakeExcel, fakeRun } from "./fake-excel";
import { engine } from "./xlsx-helpers";

test("a category merged over a product's variant rows counts for every variant; the 合计 row is not data", async () => {
  const sheet = new FakeSheet("商品列表", [
    ["店小秘 商品导出"],
    ["Sku商家编码", "商品名称", "一级类目", "颜色", "供货价(元)"],
    ["T-1-S", "纯棉T恤", "服装/服饰配件", "黑", 40],
    ["T-1-M", "", "", "黑", 40],
    ["T-1-L", "", "", "白", 40],
    ["H-1", "沥水篮", "家居用品", "灰", 30],
    ["", "合计", "", "", 150],
  ]);
  sheet.merges = [
    { r: 0, c: 0, nr: 1, nc: 5 },
    { r: 2, c: 1, nr: 3, nc: 1 },
    { r: 2, c: 2, nr: 3, nc: 1 },
  ];
  const book = new FakeBook([sheet]);
  const port = new ExcelPort(fakeRun(book).run);
  expect(await port.mergedRanges("商品列表")).toEqual([
    { firstRow: 1, lastRow: 1, firstColumn: 0, lastColumn: 4 },
    { firstRow: 3, lastRow: 5, firstColumn: 1, lastColumn: 1 },
    { firstRow: 3, lastRow: 5, firstColumn: 2, lastColumn: 2 },
  ]);
  const result = await runCheck(port, engine, { mode: "full", lang: "en", chunkRows: 2 });
  if (!result.ok) throw new Error(result.message.en);
  expect(result.rowsChecked).toBe(4);
  expect(result.modes[0]?.feesComputed).toBe(4);
  const grid = book.sheet("商品列表")!.grid;
  const total = (grid[1] as unknown[]).indexOf("AE Fee total (CNY)");
  expect(grid.slice(2, 7).map((r) => r[total] ?? "")).toEqual([3.52, 3.52, 3.52, 2.85, ""]);
  // The merged cells stay empty, as the seller had them.
  expect([grid[3]?.[2], grid[4]?.[2]]).toEqual(["", ""]);
});

test("a reconciliation's disputes go to an 'AE Disputes' sheet the add-in owns: reused on a re-run, a user's sheet of that name stays, Clear removes it", async () => {
  const statement = new FakeSheet("结算", [
    ["订单号", "类目", "订单金额", "平台扣费"],
    ["AE-9", "女装", 100, 9.3],
    ["AE-10", "女装", 100, 8.8],
  ]);
  const mine = new FakeSheet("AE Disputes", [["my own notes"]]);
  const book = new FakeBook([statement, mine]);
  const host = new ExcelHost(fakeExcel(book), "en-US", true);
  const first = await runReconcile(host.port(), engine, { mode: "full", lang: "en" });
  if (!first.ok) throw new Error(first.message.en);
  expect(first.disputes).toBe(1);
  expect(book.sheet("AE Disputes")!.grid).toEqual([["my own notes"]]);
  const disputes = book.sheet("AE Disputes (2)")!;
  expect(disputes.grid[1]?.slice(0, 5)).toEqual(["AE-9", 9.3, 8.8, 0.5, "total"]);
  await runReconcile(host.port(), engine, { mode: "full", lang: "en" });
  expect(book.sheets.map((s) => s.name)).toEqual(["结算", "AE Disputes", "AE Report", "AE Disputes (2)"]);
  await host.clear();
  expect(book.sheets.map((s) => s.name)).toEqual(["结算", "AE Disputes"]);
});
