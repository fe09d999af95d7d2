import fc from "fast-check";
import {
  buildCategoryMatcher,
  DEFAULT_PACK_META,
  defaultRulePack,
  epochDayOf,
  mapHeaders,
  matchHeader,
  parseBoolean,
  parseDate,
  parseMoney,
  parseNumber,
  parsePercent,
  parseQuantity,
  parseTimeOfDay,
  lookupUnit,
} from "../src/engine";
import { compiled } from "./helpers";

const value = <T>(p: { ok: boolean; value?: T }) => (p.ok ? p.value : "PROBLEM");

describe("cells → values", () => {
  test.each([
    [1234.5, 1234.5],
    ["1234.50", 1234.5],
    ["1,234.50", 1234.5],
    ["1,234,567", 1234567],
    ["１２３４．５０", 1234.5],
    [" 12 ", 12],
    ["-3", -3],
    ["1,2", "PROBLEM"],
    ["12,34", "PROBLEM"],
    ["abc", "PROBLEM"],
    [true, "PROBLEM"],
    [{ error: "#N/A" }, "PROBLEM"],
    [{ formula: "A1*2", result: 4 }, 4],
    [Number.NaN, "PROBLEM"],
  ])("number %j → %j", (input, expected) => {
    expect(value(parseNumber(input))).toBe(expected);
  });
  test("blank vs unreadable", () => {
    expect(parseNumber("  ")).toMatchObject({ ok: false, blank: true, received: "blank" });
    expect(parseNumber("abc")).toMatchObject({ ok: false, blank: false, received: "'abc'" });
  });
  test.each([
    ["3.5%", false, 0.035],
    ["３．５％", false, 0.035],
    [0.035, false, 0.035],
    [12, false, 0.12],
    [3.5, true, 0.035],
    ["abc%", false, "PROBLEM"],
  ])("percent %j (column in %% = %s) → %j", (input, col, expected) => {
    expect(value(parsePercent(input, col))).toBe(expected);
  });
  test.each([
    ["是", true],
    ["否", false],
    ["Y", true],
    ["n", false],
    ["yes", true],
    ["No", false],
    ["TRUE", true],
    [false, false],
    [1, true],
    [0, false],
    ["有", true],
    ["无", false],
    ["maybe", "PROBLEM"],
    ["", "PROBLEM"],
  ])("boolean %j → %j", (input, expected) => {
    expect(value(parseBoolean(input))).toBe(expected);
  });
  test.each([
    [45292, epochDayOf(2024, 1, 1)],
    ["2024-01-01", epochDayOf(2024, 1, 1)],
    ["2024/1/1", epochDayOf(2024, 1, 1)],
    ["2024年1月1日", epochDayOf(2024, 1, 1)],
    ["2024-01-01T10:00:00Z", epochDayOf(2024, 1, 1)],
    [new Date(Date.UTC(2024, 0, 1)), epochDayOf(2024, 1, 1)],
    ["2023-02-30", "PROBLEM"],
    ["01/02/2024", "PROBLEM"],
  ])("date %j → %j", (input, expected) => {
    expect(value(parseDate(input))).toBe(expected);
  });
  test.each([
    ["500g", "weight", "kg", 0.5],
    ["1.2 kg", "weight", "kg", 1.2],
    ["1.2公斤", "weight", "kg", 1.2],
    [2, "weight", "lb", 0.90718474],
    ["300mm", "length", "cm", 30],
    ["12in", "length", "cm", 30.48],
    ["0.3m", "length", "cm", 30],
    [1200, "weight", "g", 1.2],
    ["1,2kg", "weight", "kg", "PROBLEM"],
    ["30cm", "weight", "kg", "PROBLEM"],
  ] as const)("quantity %j (%s, column %s) → %j", (input, dim, unit, expected) => {
    expect(value(parseQuantity(input, dim, lookupUnit(unit)!))).toBe(expected);
  });
  test("money with currency signs", () => {
    expect(value(parseMoney("US $12.50"))).toEqual({ amount: 12.5, currency: "USD" });
    expect(value(parseMoney("¥1,234"))).toEqual({ amount: 1234, currency: "CNY" });
    expect(value(parseMoney("12.5元"))).toEqual({ amount: 12.5, currency: "CNY" });
    expect(value(parseMoney("12.50 EUR"))).toEqual({ amount: 12.5, currency: "EUR" });
    expect(parseMoney("twelve").ok).toBe(false);
  });
  test("time of day", () => {
    expect(value(parseTimeOfDay("15:30"))).toBe(930);
    expect(value(parseTimeOfDay(0.5))).toBe(720);
    expect(value(parseTimeOfDay("25:00"))).toBe("PROBLEM");
  });
});

describe("header mapping (rules-spec §5)", () => {
  test("Chinese and English synonyms, case/space/width-insensitive, with units", () => {
    const m = mapHeaders([
      "ＳＫＵ编码",
      "Product Name",
      "二级类目",
      "售价(USD)",
      "重量(g)",
      "长(mm)",
      "Width (in)",
      "高",
      "退货率(%)",
      "备注",
    ]);
    expect(m.byField.sku?.letter).toBe("A");
    expect(m.byField.title?.letter).toBe("B");
    expect(m.byField.category?.letter).toBe("C");
    expect(m.byField.amount?.unit?.code).toBe("USD");
    expect(m.byField.weight?.unit?.code).toBe("g");
    expect(m.byField.length?.unit?.code).toBe("mm");
    expect(m.byField.width?.unit?.code).toBe("in");
    expect(m.byField.height?.unit).toBeUndefined();
    expect(m.byField.returnRate?.unit?.code).toBe("%");
    expect(m.unmapped).toEqual([{ index: 9, letter: "J", header: "备注", reason: "unknown" }]);
  });
  test("every synonym of rules-spec §5 maps to its field", () => {
    const expected: Record<string, string[]> = {
      sku: ["SKU", "SKU编码", "商品编码", "货号", "SKU ID"],
      title: ["商品名称", "标题", "Product name", "Title"],
      category: ["类目", "一级类目", "二级类目", "Category"],
      amount: ["订单金额", "实收金额", "交易额", "售价", "Order amount", "Price"],
      currency: ["币种", "Currency"],
      regularPrice: ["普通价", "日常价", "原价", "Regular price"],
      semiPrice: ["半托管价", "Semi-managed price"],
      weight: ["重量", "毛重", "单件重量", "Weight", "Gross weight"],
      length: ["长", "Length"],
      width: ["宽", "Width"],
      height: ["高", "Height"],
      monthlyCapacity: ["月产能", "单SKU月产能", "Monthly capacity"],
      materialComposition: ["材质成分", "材质成分百分比", "Material composition"],
      formaldehyde: ["是否含甲醛", "Formaldehyde"],
      en71_3: ["EN71-3", "是否通过EN71-3检测"],
      sds: ["SDS", "安全技术说明书"],
      rohs: ["RoHS", "RoHS符合性声明"],
      ceFcc: ["CE/FCC", "CE/FCC标识"],
      manualLanguages: ["说明书语言", "Manual languages"],
      targetMarkets: ["目标市场", "目标国家", "站点", "Target markets"],
      hasBattery: ["含电池", "是否带电", "Battery"],
      un38_3: ["UN38.3", "UN38.3报告"],
      epr: ["EPR", "EPR注册号"],
      sizeChart: ["尺码表", "Size chart"],
      returnRate: ["退货率", "Return rate"],
      warehouse: ["仓库", "入仓仓库", "Warehouse"],
      distanceKm: ["发货地距离", "距仓距离", "Distance (km)"],
      unitsPerCarton: ["单箱件数", "每箱件数", "Units per carton"],
      services: ["增值服务", "Services"],
      inboundDate: ["入仓日期"],
      planDate: ["补货计划日期"],
      chargedFee: ["平台扣费", "实扣费用", "Charged fee"],
      orderId: ["订单号", "Order ID"],
      mode: ["模式", "托管模式", "Mode"],
      cost: ["成本", "采购成本", "进价", "Cost"],
      fxRate: ["汇率", "Exchange rate"],
    };
    for (const [field, synonyms] of Object.entries(expected)) {
      for (const s of synonyms) expect([s, matchHeader(s)?.field]).toEqual([s, field]);
    }
  });
  test("a partial match is marked as such; the user can override any column", () => {
    expect(matchHeader("单件包装后重量")).toMatchObject({ field: "weight", confidence: "partial" });
    const m = mapHeaders(["编号", "包装后重量", "备注"], {
      overrides: { 编号: "sku", C: "title", 包装后重量: null },
    });
    expect(m.byField.sku?.confidence).toBe("user");
    expect(m.byField.title?.header).toBe("备注");
    expect(m.byField.weight).toBeUndefined();
    expect(mapHeaders(["a"], { overrides: { a: "weigth" } }).problems[0]).toContain("unknown field 'weigth'");
  });
  test("a second column for the same field is reported as a duplicate, an exact match beats a partial one", () => {
    const m = mapHeaders(["商品重量kg", "重量", "一级类目", "二级类目"]);
    expect(m.byField.weight?.header).toBe("重量");
    expect(m.unmapped.map((u) => [u.header, u.reason])).toEqual([
      ["商品重量kg", "duplicate"],
      ["二级类目", "duplicate"],
    ]);
  });
});

describe("category families", () => {
  const m = compiled.categories;
  test.each([
    ["女装", "apparel"],
    ["服饰配饰", "apparel"],
    ["Women's Clothing", "apparel"],
    ["家居园艺", "home"],
    ["Home & Garden > Kitchen", "home"],
    ["消费电子配件", "electronics"],
    ["3C数码", "electronics"],
    ["Phone Accessories", "electronics"],
    ["运动户外", "sports-outdoor"],
    ["Camping gear", "sports-outdoor"],
    ["宠物用品", "other"],
    ["", "other"],
  ])("%s → %s", (text, family) => {
    expect(m.familyOf(text)).toBe(family);
  });
  test("user names win over keywords", () => {
    expect(
      buildCategoryMatcher(defaultRulePack().categoryKeywords, { 户外家具: "home" }).familyOf("户外家具"),
    ).toBe("home");
  });
});

describe("no input makes the engine throw (property)", () => {
  const anyCell = fc.oneof(
    fc.constant(null),
    fc.constant(undefined),
    fc.string(),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant({ error: "#N/A" }),
    fc.constant("#VALUE!"),
    fc.date({ noInvalidDate: false }),
    fc.constant(1e308),
    fc.constant(-1e308),
    fc.constantFrom(
      "1,2kg",
      "３．５％",
      "是",
      "{",
      "[]",
      "DE, FR",
      "2024-02-30",
      "-5",
      "NaN",
      "Infinity",
      "=1+1",
    ),
    fc.object(),
  );
  test("any cells in any column, both modes", async () => {
    const { Engine, evaluateSheet } = await import("../src/engine");
    const e = new Engine();
    const headers = [
      "SKU",
      "类目",
      "售价",
      "币种",
      "汇率",
      "普通价",
      "半托管价",
      "重量",
      "长",
      "宽",
      "高",
      "月产能",
      "材质成分",
      "是否含甲醛",
      "EN71-3",
      "SDS",
      "RoHS",
      "CE/FCC",
      "说明书语言",
      "目标市场",
      "含电池",
      "UN38.3",
      "EPR",
      "尺码表",
      "退货率",
      "仓库",
      "发货地距离",
      "单箱件数",
      "增值服务",
      "入仓日期",
      "补货计划日期",
      "阶梯费率",
      "月均单量",
      "尺寸",
    ];
    fc.assert(
      fc.property(
        fc.array(fc.array(anyCell, { minLength: headers.length, maxLength: headers.length }), {
          minLength: 1,
          maxLength: 8,
        }),
        (rows) => {
          for (const mode of ["semi", "full"] as const) {
            const r = evaluateSheet(e, headers, rows, { mode });
            for (const row of r.rows)
              expect(["ELIGIBLE", "ELIGIBLE_WITH_WARNINGS", "NOT_ELIGIBLE", "INCOMPLETE"]).toContain(
                row.status,
              );
          }
        },
      ),
      { numRuns: 300 },
    );
  });
  test("the pack meta is stable", () => {
    expect(DEFAULT_PACK_META.id).toBe("ae-modes-default");
  });
});
