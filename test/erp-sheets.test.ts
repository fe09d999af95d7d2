/**
 * Sellers' sheets as an ERP writes them (issue 13): 店小秘-style headers, a title row, merged cells,
 * a totals row, dimensions in one cell, USD prices. Every workbook is built here with exceljs the
 * way the ERP would write it, then run through the .xlsx port and the pipeline.
 */
import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FIELDS, matchHeader, parseBattery, type FieldName } from "../src/engine";
import { inspectSheet } from "../src/pipeline/inspect";
import { VALUE_WORDS_ZH } from "../src/pipeline/outputs";
import { feeOptionLines, localTime } from "../src/pipeline/report";
import { runCheck, type CheckSummary } from "../src/pipeline/run";
import { MergeFill, rowKind } from "../src/pipeline/sheet-rows";
import { XlsxPort } from "../src/xlsx/port";
import { mergedRangesOf } from "../src/xlsx/merges";
import { main } from "../src/cli/check";
import { erpExport } from "../scripts/erp-export";
import { check, columnOf, engine, readBack } from "./xlsx-helpers";

/** A workbook like an ERP export: a merged title row, then `rows` (header first), merges applied. */
async function erpBook(
  rows: unknown[][],
  merges: string[] = [],
  title = "店小秘 商品导出 2026-11-30",
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("商品列表");
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, 6);
  for (const r of rows) ws.addRow(r);
  for (const m of merges) ws.mergeCells(m);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const ok = (r: Awaited<ReturnType<typeof check>>["result"]): CheckSummary => {
  if (!r.ok) throw new Error(r.message.en);
  return r;
};

describe("header vocabulary of real exports (rules-spec §5)", () => {
  const NEW: ReadonlyArray<[string, FieldName]> = [
    ["Sku商家编码", "sku"],
    ["货品编码", "sku"],
    ["seller_sku", "sku"],
    ["sku_code", "sku"],
    ["分类", "category"],
    ["类目路径", "category"],
    ["零售价(CNY)", "amount"],
    ["SKU裸价", "amount"],
    ["供货价", "supplyPrice"],
    ["货值(CNY)", "supplyPrice"],
    ["含邮供货价(CNY)", "supplyPrice"],
    ["采购价", "cost"],
    ["采购价(元)", "cost"],
    ["采购成本", "cost"],
    ["含税采购单价(元)", "cost"],
    ["包装重量", "weight"],
    ["包装后重量", "weight"],
    ["package_weight (kg)", "weight"],
    ["包装尺寸(cm) 长*宽*高", "dimensions"],
    ["物流属性", "hasBattery"],
    ["特殊商品类型", "hasBattery"],
    ["欧盟责任人", "euResponsible"],
    ["msr_eu_id", "euResponsible"],
    ["已勾选参与的国家", "targetMarkets"],
    ["库存", "stock"],
    ["JIT库存", "stock"],
    ["仓名称", "warehouse"],
    ["订单金额", "amount"],
    ["平台佣金", "chargedCommission"],
    ["手续费", "chargedCommission"],
    ["推广联盟佣金", "affiliateCommission"],
    ["联盟佣金", "affiliateCommission"],
    ["物流费", "chargedFulfilment"],
    ["放款金额", "payout"],
    ["实际放款出账金额", "payout"],
    ["退款金额", "refundAmount"],
    ["子订单ID", "orderId"],
    ["回款币种", "currency"],
  ];
  test.each(NEW)("%s → %s", (header, field) => {
    expect(matchHeader(header)?.field).toBe(field);
  });
  test("each new synonym is in rules-spec §5's table, on its field's line", () => {
    const spec = readFileSync(join(__dirname, "../docs/rules-spec.md"), "utf8");
    const section = spec.slice(spec.indexOf("## 5."));
    const lines = section.split("\n").filter((l) => l.startsWith("|"));
    for (const [header, field] of NEW) {
      const name = header.replace(/\s*\(.*$/, "").replace(/ 长\*宽\*高$/, "");
      if (!(FIELDS[field].synonyms as readonly string[]).includes(name)) continue;
      const line = lines.find((l) => l.split("|")[1]?.trim().split(" / ").includes(field));
      expect({ field, line: line?.includes(name) }).toEqual({ field, line: true });
    }
  });
  test("物流属性 values: 内电/纯电/外电 contain a battery, 普货/弱磁 do not", () => {
    expect(
      ["内电", "纯电", "外电", "内电/弱磁", "是"].map((v) => parseBattery(v).ok && parseBattery(v)),
    ).toEqual(["内电", "纯电", "外电", "内电/弱磁", "是"].map(() => ({ ok: true, value: true })));
    expect(["普货", "弱磁", "否"].map((v) => parseBattery(v))).toEqual(
      ["普货", "弱磁", "否"].map(() => ({ ok: true, value: false })),
    );
    expect(parseBattery("蓝色").ok).toBe(false);
  });
  test("an ERP sheet: 物流属性 内电 without a UN38.3 report fails FULL-K-BATTERY; 供货价 is the full-managed amount", async () => {
    const bytes = await erpBook([
      // (The home attributes are filled: without their columns a home SKU is INCOMPLETE, FULL-K-HOME-ATTRS.)
      [
        "Sku商家编码",
        "商品名称",
        "一级类目",
        "供货价(元)",
        "零售价(USD)",
        "物流属性",
        "UN38.3报告",
        "材质成分",
        "是否含甲醛",
        "EN71-3",
      ],
      ["P-1", "充电宝", "消费电子", 80, 19.9, "内电", "", "ABS 100%", "否", "是"],
      ["P-2", "沥水篮", "家居用品", 30, 6.5, "普货", "", "PP 100%", "否", "是"],
      ["P-3", "小夜灯", "家居用品", 25, 5.9, "纯电", "UN-3.pdf", "ABS 100%", "否", "是"],
    ]);
    const { result, output } = await check(bytes, { mode: "full" });
    const s = ok(result);
    expect(s.mapping.byField.supplyPrice?.letter).toBe("D");
    const { rows } = await readBack(output as Uint8Array);
    const status = columnOf(rows, "AE Status", 2);
    const issues = columnOf(rows, "AE Issues", 2);
    const total = columnOf(rows, "AE Fee total (CNY)", 2);
    expect(rows.slice(2, 5).map((r) => r[status])).toEqual(["NOT_ELIGIBLE", "ELIGIBLE", "ELIGIBLE"]);
    expect(String(rows[2]?.[issues])).toContain("FULL-K-BATTERY");
    // Full-managed: 5 % commission + 5.2 % (electronics) fulfilment on the CNY supply price of 80.
    expect(rows[2]?.[total]).toBe(8.16);
  });
});

describe("dimensions in one cell", () => {
  const headers = [
    "SKU编码",
    "商品名称",
    "二级类目",
    "售价",
    "重量(kg)",
    "长(cm)",
    "宽(cm)",
    "高(cm)",
    "颜色",
  ];
  test("25*7*3, 26x27x7cm and 30×20×10 in the length column with width and height blank are L × W × H", async () => {
    const bytes = await erpBook([
      headers,
      ["A-1", "收纳盒", "家居园艺", 50, 0.2, "25*7*3", null, null, "灰"],
      ["A-2", "抱枕", "家居园艺", 50, 0.2, "26x27x7cm", null, null, "白"],
      ["A-3", "托盘", "家居园艺", 50, 0.2, "30×20×10", null, null, "黑"],
      ["A-4", "托盘", "家居园艺", 50, 0.2, 30, 20, 10, "黑"],
    ]);
    const { result, output } = await check(bytes, { mode: "semi" });
    expect(ok(result).modes[0]?.feesComputed).toBe(4);
    const { rows } = await readBack(output as Uint8Array);
    const vol = columnOf(rows, "AE Volumetric weight (kg)", 2);
    expect(rows.slice(2, 6).map((r) => r[vol])).toEqual([
      0.088, // 25 × 7 × 3 / 6000 = 0.0875, shown to the gram up
      0.819, // 26 × 27 × 7 / 6000
      1,
      1,
    ]);
  });
  test("an unreadable dimension says which forms are accepted", async () => {
    const bytes = await erpBook([headers, ["A-1", "收纳盒", "家居园艺", 50, 0.2, "25*7", null, null, "灰"]]);
    const { output } = await check(bytes, { mode: "semi" });
    const { rows } = await readBack(output as Uint8Array);
    const text = String(rows[2]?.[columnOf(rows, "AE Issues", 2)]);
    expect(text).toContain(
      "'25*7' is not a number of cm, or L×W×H in one cell such as 25*7*3, 26x27x7cm or 30×20×10",
    );
  });
  test("a width/height the one-cell form filled is not a blank attribute for SEMI-K-APPAREL-ATTRS", async () => {
    const apparel = [
      "SKU编码",
      "商品名称",
      "二级类目",
      "售价",
      "重量(kg)",
      "长(cm)",
      "宽(cm)",
      "高(cm)",
      "颜色",
      "尺码",
      "材质",
      "领型",
      "袖长",
      "图案",
      "风格",
      "季节",
      "适用人群",
      "厚度",
      "版型",
      "产地",
      "品牌",
      "面料",
      "工艺",
      "弹力",
      "里料",
      "适用场景",
      "流行元素",
      "货号",
    ];
    const filled = (dims: unknown[]) => ["T-1", "T恤", "女装T恤", 59, 0.3, ...dims, ...Array(19).fill("x")];
    const bytes = await erpBook([apparel, filled(["30*20*3", null, null]), filled(["30*20", null, null])]);
    const { output } = await check(bytes, { mode: "semi" });
    const { rows } = await readBack(output as Uint8Array);
    const issues = columnOf(rows, "AE Issues", 2);
    expect(String(rows[2]?.[issues] ?? "")).not.toContain("SEMI-K-APPAREL-ATTRS");
    // Without the one-cell form, width and height are blank: the fee's and the volume rule's inputs,
    // reported there, and not attributes (weight, dimensions and prices are not SKU attributes).
    expect(String(rows[3]?.[issues])).not.toContain("SEMI-K-APPAREL-ATTRS");
    expect(String(rows[3]?.[issues])).toContain("width is blank (G4)");
  });
});

describe("totals and blank rows are not data", () => {
  test.each(["合计", "总计", "小计", "Total", "Subtotal", "Grand total", "合计：", "ＴＯＴＡＬ"])(
    "%s with an empty key cell",
    (word) => {
      expect(rowKind([null, word, 3, 100], 0, new Set())).toBe("totals");
      expect(rowKind(["SKU-1", word, 3, 100], 0, new Set())).toBe("data");
      // The word in the key (SKU) column itself, the rest numbers: a totals row (seller trial:
      // "合计" in column A with SUM values was checked as a product).
      expect(rowKind([word, null, 82.8, 1600], 0, new Set())).toBe("totals");
      // ... but not when the row also has a title: then "Total" is that SKU's code.
      expect(rowKind([word, "a lamp", 25], 0, new Set())).toBe("data");
    },
  );
  test("the count before the run matches the count after; the totals row gets no AE cells", async () => {
    const bytes = await erpBook([
      ["SKU编码", "商品名称", "二级类目", "售价", "重量(kg)", "长", "宽", "高", "库存"],
      ["A-1", "收纳盒", "家居园艺", 50, 0.2, 20, 10, 5, 10],
      [],
      ["A-2", "收纳盒", "家居园艺", 50, 0.2, 20, 10, 5, 20],
      [null, "小计", null, 100, null, null, null, null, 30],
      ["A-3", "收纳盒", "家居园艺", 50, null, 20, 10, 5, 5],
      [],
      [null, "合计", null, 150, null, null, null, null, 35],
    ]);
    const before = await inspectSheet(await XlsxPort.open(bytes), { mode: "semi" });
    if (!before.ok) throw new Error(before.message.en);
    expect([before.dataRows, before.totalsRows, before.blankRows]).toEqual([3, [6, 9], 2]);
    const { result, output } = await check(bytes, { mode: "semi" });
    const s = ok(result);
    expect(s.rowsChecked).toBe(before.dataRows);
    expect(s.modes[0]?.counts).toEqual({
      ELIGIBLE: 2,
      ELIGIBLE_WITH_WARNINGS: 0,
      NOT_ELIGIBLE: 0,
      INCOMPLETE: 1,
    });
    expect(s.skipped).toEqual({ totals: [6, 9], blank: 2 });
    const { rows } = await readBack(output as Uint8Array);
    const status = columnOf(rows, "AE Status", 2);
    expect([rows[5]?.[status], rows[8]?.[status]]).toEqual([undefined, undefined]);
    expect(rows[8]?.[1]).toBe("合计");
    expect(typeof rows[6]?.[status]).toBe("string");
    const { rows: report } = await readBack(output as Uint8Array, "AE Report");
    expect(report.find((r) => r[0] === "Rows not counted")?.[1]).toBe("2 totals rows (row 6, 9), 2 blank");
  });
});

describe("merged cells", () => {
  test("the .xlsx port reads the merged ranges", () => {
    expect(
      mergedRangesOf(
        '<sheetData/><mergeCells count="2"><mergeCell ref="C3:C5"/><mergeCell ref="A1:F1"/></mergeCells>',
      ),
    ).toEqual([
      { firstRow: 3, lastRow: 5, firstColumn: 2, lastColumn: 2 },
      { firstRow: 1, lastRow: 1, firstColumn: 0, lastColumn: 5 },
    ]);
  });
  test("a value applies to every cell of its range, across chunks, without changing the port's rows", () => {
    const fill = new MergeFill([{ firstRow: 3, lastRow: 5, firstColumn: 1, lastColumn: 2 }]);
    const chunk1: Array<unknown[] | undefined> = [
      ["a", "服饰", null],
      ["b", null, "own"],
    ];
    const out1 = fill.fill(chunk1, 3);
    const out2 = fill.fill([undefined, ["d", null]], 5);
    expect(out1).toEqual([
      ["a", "服饰", "服饰"],
      ["b", "服饰", "own"],
    ]);
    expect(out2).toEqual([
      [undefined, "服饰", "服饰"],
      ["d", null],
    ]);
    expect(chunk1[1]).toEqual(["b", null, "own"]);
  });
  test("a category and title merged over a product's variant rows count for every variant (full fee on each)", async () => {
    const bytes = await erpBook(
      [
        ["Sku商家编码", "商品名称", "一级类目", "颜色", "尺码", "供货价(元)"],
        ["T-1-S", "纯棉T恤", "服装/服饰配件", "黑", "S", 40],
        ["T-1-M", null, null, "黑", "M", 40],
        ["T-1-L", null, null, "白", "L", 40],
        ["H-1", "沥水篮", "家居用品", "灰", "均码", 30],
      ],
      ["B3:B5", "C3:C5"],
    );
    for (const chunkRows of [1, 2, 1000]) {
      const { result, output } = await check(bytes, { mode: "full", chunkRows });
      expect(ok(result).modes[0]?.feesComputed).toBe(4);
      const { rows } = await readBack(output as Uint8Array);
      const total = columnOf(rows, "AE Fee total (CNY)", 2);
      // 5 % + 3.8 % apparel fulfilment of 40 on every variant; 5 % + 4.5 % home of 30.
      expect(rows.slice(2, 6).map((r) => r[total])).toEqual([3.52, 3.52, 3.52, 2.85]);
      // The merged cells stay as the seller had them (read as stored, not through the merges).
      const stored = await (await XlsxPort.open(output as Uint8Array)).readRows("商品列表", 4, 1);
      expect(stored[0]?.[2] ?? null).toBeNull();
    }
  });
});

describe("currency before the run", () => {
  const rows = [
    ["Sku商家编码", "商品名称", "二级类目", "售价(USD)", "包装重量(g)", "长(cm)", "宽(cm)", "高(cm)"],
    ["A-1", "收纳盒", "家居园艺", 12.5, 200, 20, 10, 5],
    ["A-2", "收纳盒", "家居园艺", 9.9, 200, 20, 10, 5],
  ];
  test("a USD price column with no rate is named, with the words the pane shows", async () => {
    const i = await inspectSheet(await XlsxPort.open(await erpBook(rows)), { mode: "semi" });
    if (!i.ok) throw new Error(i.message.en);
    expect(i.currency).toMatchObject({ foreign: ["USD"], needsRate: true, where: "D 售价(USD)" });
    expect(i.currency.message?.en).toBe("Prices are in USD: enter the exchange rate (CNY per USD)");
    const given = await inspectSheet(await XlsxPort.open(await erpBook(rows)), {
      mode: "semi",
      fees: { fxRate: 7.1 },
    });
    expect(given.ok && given.currency).toMatchObject({ needsRate: false, rate: 7.1, rateSource: "option" });
  });
  test("$12.50 in the cells, or a 币种 column, is found too; CNY is not foreign", async () => {
    const cells = await erpBook([
      ["SKU", "商品名称", "类目", "售价", "重量", "长", "宽", "高"],
      ["A", "x", "家居", "$12.50", 0.2, 1, 1, 1],
    ]);
    const a = await inspectSheet(await XlsxPort.open(cells), { mode: "semi" });
    expect(a.ok && a.currency.foreign).toEqual(["USD"]);
    const column = await erpBook([
      ["SKU", "商品名称", "类目", "售价", "币种"],
      ["A", "x", "家居", 12, "EUR"],
      ["B", "x", "家居", 12, "CNY"],
    ]);
    const b = await inspectSheet(await XlsxPort.open(column), { mode: "full" });
    expect(b.ok && b.currency.foreign).toEqual(["EUR"]);
    const cny = await erpBook([
      ["SKU", "商品名称", "类目", "售价(元)"],
      ["A", "x", "家居", 12],
    ]);
    const c = await inspectSheet(await XlsxPort.open(cny), { mode: "full" });
    expect(c.ok && c.currency).toMatchObject({ foreign: [], needsRate: false });
  });
  test("the CLI prints the flag to use (exit 2, nothing written); with --fx the rate is remembered with the workbook", async () => {
    const { mkdtempSync, writeFileSync, existsSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "ae-fx-"));
    const input = join(dir, "erp.xlsx");
    writeFileSync(input, await erpBook(rows));
    const err: string[] = [];
    const spyErr = jest
      .spyOn(console, "error")
      .mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
    const spyLog = jest.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      expect(await main([input, "--mode", "semi", "--quiet"])).toBe(2);
      expect(err.join("\n")).toMatch(
        /prices are in USD \(D '售价\(USD\)'\) and no exchange rate was given: run again with --fx <CNY per USD>/,
      );
      expect(err.join("\n").split("\n")).toHaveLength(1);
      expect(existsSync(join(dir, "erp.checked.xlsx"))).toBe(false);
      expect(await main([input, "--mode", "semi", "--fx", "7.1", "--quiet"])).toBe(0);
      const first = join(dir, "erp.checked.xlsx");
      // The checked copy remembers 7.1: a re-run on it needs no flag and computes the same fees.
      expect(await main([first, "--mode", "semi", "--quiet", "--out", join(dir, "again.xlsx")])).toBe(0);
      // Without --quiet the console names the remembered rate (before: only the report did).
      spyLog.mockRestore();
      const out: string[] = [];
      const spyOut = jest
        .spyOn(console, "log")
        .mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
      expect(await main([first, "--mode", "semi", "--out", join(dir, "again2.xlsx")])).toBe(0);
      spyOut.mockRestore();
      expect(out.join("\n")).toMatch(
        /exchange rate: 7\.1 CNY per (USD|unit of foreign currency) \(remembered from the last check of this workbook; --fx changes it\)/,
      );
      // --out must name an .xlsx: a CSV of the seller's is not replaced by a workbook.
      writeFileSync(join(dir, "mine.csv"), "a,b\n1,2\n");
      err.length = 0;
      expect(await main([first, "--mode", "semi", "--out", join(dir, "mine.csv")])).toBe(2);
      expect(err.join("\n")).toMatch(/^ae-check: --out must name an \.xlsx file/);
      expect(readFileSync(join(dir, "mine.csv"), "utf8")).toBe("a,b\n1,2\n");
      const a = await readBack(readFileSync(first));
      const b = await readBack(readFileSync(join(dir, "again.xlsx")));
      const total = columnOf(a.rows, "AE Fee total (CNY)", 2);
      expect(b.rows[2]?.[total]).toBe(a.rows[2]?.[total]);
      expect(typeof a.rows[2]?.[total]).toBe("number");
      const report = (await readBack(readFileSync(join(dir, "again.xlsx")), "AE Report")).rows;
      expect(report.find((r) => r[0] === "Exchange rate")?.[1]).toBe("7.1 (remembered from the last run)");
    } finally {
      spyErr.mockRestore();
      spyLog.mockRestore();
    }
  });
});

describe("Chinese status words, report time and fee options", () => {
  const rows = [
    ["SKU编码", "商品名称", "二级类目", "售价", "重量(kg)", "长", "宽", "高"],
    ["A-1", "收纳盒", "家居园艺", 50, 0.2, 20, 10, 5],
    ["A-2", "收纳盒", "家居园艺", 50, 6, 20, 10, 5],
    ["A-3", "收纳盒", "家居园艺", 50, null, 20, 10, 5],
  ];
  test("--lang zh writes 符合 / 不符合 / 信息不全; English keeps the codes; the report says which words", async () => {
    const bytes = await erpBook(rows);
    const zh = await check(bytes, { mode: "semi", lang: "zh" });
    const { rows: out } = await readBack(zh.output as Uint8Array);
    const status = columnOf(out, "AE 状态", 2);
    expect(out.slice(2, 5).map((r) => r[status])).toEqual(["符合", "不符合", "信息不全"]);
    const { rows: report } = await readBack(zh.output as Uint8Array, "AE Report");
    expect(report.find((r) => r[0] === "状态用词")?.[1]).toBe(
      "符合 = ELIGIBLE；符合（有提醒） = ELIGIBLE_WITH_WARNINGS；不符合 = NOT_ELIGIBLE；信息不全 = INCOMPLETE",
    );
    const en = await check(bytes, { mode: "semi", lang: "en" });
    const { rows: outEn } = await readBack(en.output as Uint8Array);
    expect(outEn.slice(2, 5).map((r) => r[columnOf(outEn, "AE Status", 2)])).toEqual([
      "ELIGIBLE",
      "NOT_ELIGIBLE",
      "INCOMPLETE",
    ]);
    expect(Object.values(VALUE_WORDS_ZH)).toEqual([
      "符合",
      "符合（有提醒）",
      "不符合",
      "信息不全",
      "一致",
      "多扣",
      "少扣",
      "无法核对",
    ]);
  });
  test("the custom functions keep returning the codes in a Chinese Office", async () => {
    const globals = globalThis as { Office?: unknown };
    const saved = globals.Office;
    globals.Office = { context: { displayLanguage: "zh-CN" } };
    try {
      const AE = await import("../src/functions/functions");
      expect(AE.eligible("semi", [rows[0] as unknown[]], [rows[2] as unknown[]])).toEqual([["NOT_ELIGIBLE"]]);
    } finally {
      globals.Office = saved;
    }
  });
  test("the run time is local time with its offset; the fee options are labelled values", async () => {
    const at = new Date("2026-12-01T10:05:09Z");
    const text = localTime(at);
    const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) ([+-]\d\d:\d\d)$/.exec(text);
    expect(m).not.toBeNull();
    expect(new Date(`${m?.[1]}T${m?.[2]}${m?.[3]}`).getTime()).toBe(at.getTime());
    expect(
      feeOptionLines(
        { distanceKm: 250, services: { label: true, photoQc: false }, negotiatedRate: 0.028 },
        "en",
      ),
    ).toEqual([
      ["services", "labelling"],
      ["distance to the warehouse", "250 km"],
      ["negotiated base rate", "2.8%"],
    ]);
    const { output } = await check(await erpBook(rows), { mode: "semi", now: at, fees: { distanceKm: 250 } });
    const { rows: report } = await readBack(output as Uint8Array, "AE Report");
    expect(report.find((r) => r[0] === "Run at")?.[1]).toBe(text);
    expect(report.find((r) => r[0] === "Fee options")?.slice(1, 3)).toEqual([
      "distance to the warehouse",
      "250 km",
    ]);
    expect(report.flat().some((c) => typeof c === "string" && c.startsWith("{"))).toBe(false);
  });
});

describe("the 300-row ERP-style export (scripts/erp-export.ts)", () => {
  test("every row is read as the seller wrote it: 300 rows before and after, INCOMPLETE only for a document column the export lacks", async () => {
    const erp = await erpExport(300);
    const port = await XlsxPort.open(erp.bytes);
    const before = await inspectSheet(port, { mode: "compare" });
    if (!before.ok) throw new Error(before.message.en);
    expect(before).toMatchObject({ dataRows: 300, totalsRows: [erp.totalsRow], headerRow: 2 });
    expect(before.currency.message?.en).toBe("Prices are in USD: enter the exchange rate (CNY per USD)");
    const result = await runCheck(port, engine, {
      mode: "compare",
      fees: { fxRate: 7.1 },
      now: new Date("2026-12-01T00:00:00Z"),
    });
    const s = ok(result);
    expect(s.rowsChecked).toBe(300);
    for (const m of s.modes) expect(m.feesComputed).toBe(300);
    // No row is INCOMPLETE: every cell is read, and a document column the export lacks (home
    // attributes, SDS/RoHS, CE/FCC, an apparel size chart) is "not checked" for the sheet — rules
    // are not held against rows for a column the seller does not keep (rules-spec §0) — with an
    // info note on each row whose category needs it.
    for (const m of s.modes) expect(m.counts.INCOMPLETE).toBe(0);
    expect(
      [
        ...new Set(
          s.tallies
            .filter((t) => t.severity === "info" && /no column/.test(t.example.en))
            .map((t) => t.ruleId),
        ),
      ].sort(),
    ).toEqual(["FULL-K-3C-DOCS", "FULL-K-HOME-ATTRS", "FULL-K-MARKING", "SEMI-K-APPAREL-SIZE"]);
  });
});
