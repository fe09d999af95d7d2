/**
 * The Office.js port over an ERP-style sheet (issue 13): merged cells read through
 * Range.getMergedAreasOrNullObject apply to every cell of their range; a totals row gets no cells.
 */
import { ExcelPort } from "../src/excel/port";
import { runCheck } from "../src/pipeline/run";
import { FakeBook, FakeSheet, fakeRun } from "./fake-excel";
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
