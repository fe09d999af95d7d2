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

test("through Office.js: a bold header fitted to its width, wrapped issues, a fill per status value, the header row frozen", async () => {
  const sheet = new FakeSheet("商品列表", [
    ["SKU编码", "商品名称", "二级类目", "售价", "重量(kg)", "长", "宽", "高"],
    ["A-1", "收纳盒", "家居园艺", 50, 0.2, 20, 10, 5],
    ["A-2", "收纳盒", "家居园艺", 50, 6, 20, 10, 5],
    ["A-3", "收纳盒", "家居园艺", 50, "", 20, 10, 5],
  ]);
  const book = new FakeBook([sheet]);
  const result = await runCheck(new ExcelPort(fakeRun(book).run), engine, { mode: "semi", lang: "zh" });
  if (!result.ok) throw new Error(result.message.en);
  const s = book.sheet("商品列表")!;
  const status = (s.grid[0] as unknown[]).indexOf("AE 状态");
  const issues = (s.grid[0] as unknown[]).indexOf("AE 问题");
  expect(s.bold.has(`0,${status}`)).toBe(true);
  expect(s.bold.has("0,0")).toBe(false);
  expect(s.columnWidths.get(status)).toBe(Math.round(24 * 5.7 + 5));
  expect(s.columnWidths.get(issues)).toBe(Math.round(60 * 5.7 + 5));
  expect(s.wrapped.has(`2,${issues}`)).toBe(true);
  expect(s.frozenRows).toBe(1);
  const fills = s.conditionalFormats
    .filter((f) => f.type === "CellValue" && f.c === status)
    .map((f) => [f.formula, f.fill])
    .sort();
  expect(fills).toEqual([
    ['="不符合"', "#FFC7CE"],
    ['="信息不全"', "#D9D9D9"],
    ['="符合"', "#C6EFCE"],
  ]);
  // A re-run replaces its fills instead of adding more.
  await runCheck(new ExcelPort(fakeRun(book).run), engine, { mode: "semi", lang: "zh" });
  expect(book.sheet("商品列表")!.conditionalFormats.filter((f) => f.type === "CellValue")).toHaveLength(3);
});
