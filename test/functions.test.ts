/**
 * The custom functions called as Excel calls them: null for an omitted argument, 2-D arrays for
 * ranges, numbers, texts and booleans; errors are CustomFunctions.Error with a message.
 */
import type * as AEModule from "../src/functions/functions";
class CfError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}
const globals = globalThis as unknown as { CustomFunctions: unknown; Office?: unknown };
globals.CustomFunctions = { Error: CfError, ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" } };

/** Excel passes null for an omitted argument (the signatures say optional). */
const NULL = null as unknown as undefined;
// The functions module reads the CustomFunctions global when it loads: require it after the mock.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AE = require("../src/functions/functions") as typeof AEModule;

/** The error a call throws, as [code, message]. */
function error(call: () => unknown): [string, string] {
  try {
    call();
  } catch (e) {
    if (e instanceof CfError) return [e.code, e.message];
    throw e;
  }
  throw new Error("no error thrown");
}

afterEach(() => delete globals.Office);

describe("AE.VOLWEIGHT / AE.CHARGEWEIGHT / AE.BILLWEIGHT (FEE-SEMI-VOLW, FEE-SEMI-CHARGEW, FEE-SEMI-FULFIL)", () => {
  test("weights", () => {
    expect(AE.volweight(30, 20, 15, null)).toBe(1.5);
    expect(AE.volweight(30, 20, 15, 5000)).toBe(1.8);
    expect(AE.volweight("300mm", "20", 15, null)).toBe(1.5);
    expect(AE.volweight(10, 10, 10, null)).toBe(1000 / 6000);
    expect(AE.chargeweight(1.2, 30, 20, 15, null)).toBe(1.5);
    expect(AE.chargeweight("2000g", 30, 20, 15, null)).toBe(2);
    expect(AE.billweight(1.2, 10, 10, 10, NULL)).toBe(1.5);
    expect(AE.billweight(0.3, 10, 10, 10, NULL)).toBe(1);
    expect(AE.billweight(4.01, 10, 10, 10, NULL)).toBe(4.5);
  });
  test("bad and blank arguments name the argument", () => {
    expect(error(() => AE.volweight(null, 20, 15, null))).toEqual(["#N/A", "length is required"]);
    expect(error(() => AE.chargeweight("1,2kg", 30, 20, 15, null))).toEqual([
      "#VALUE!",
      "weight: '1,2kg' is not a number of kg",
    ]);
    expect(error(() => AE.volweight(30, -1, 15, null))).toEqual([
      "#VALUE!",
      "width: '-1' is negative".replace("'-1'", "-1"),
    ]);
    expect(error(() => AE.volweight(30, 20, 15, 0))).toEqual(["#VALUE!", "divisor: 0 is not a number ≥ 1"]);
    expect(error(() => AE.volweight([[1, 2]], 20, 15, null))).toEqual([
      "#VALUE!",
      "length: expects one value, not a range",
    ]);
    expect(error(() => AE.volweight(true, 20, 15, null))[0]).toBe("#VALUE!");
  });
  test("messages follow the Office display language", () => {
    globals.Office = { context: { displayLanguage: "zh-CN" } };
    expect(error(() => AE.chargeweight("重", 30, 20, 15, null))).toEqual([
      "#VALUE!",
      "重量：'重' 不是以 kg 为单位的数字",
    ]);
    expect(error(() => AE.volweight("", 20, 15, null))).toEqual(["#N/A", "缺少长"]);
  });
});

describe("AE.FEE / AE.FEEBREAKDOWN / AE.NETPAYOUT", () => {
  test("semi-managed, with options text and an options range", () => {
    expect(AE.fee("semi", 100, null, 1.2, 30, 20, 10, NULL)).toBe(10);
    expect(AE.fee("半托管", 19.99, null, 1.2, 30, 20, 10, NULL)).toBe(7.2);
    expect(
      AE.fee("semi", 100, null, 1.2, 30, 20, 10, [["label; photoqc; distance=250; carton=12; packing=1.5"]]),
    ).toBe(19.55); // 3.50+6.50+1.20+1.35+2+5
    expect(
      AE.fee("semi", 100, null, 1.2, 30, 20, 10, [
        ["label", true],
        ["distance", 250],
      ]),
    ).toBe(13.2);
    expect(AE.fee("semi", 100, null, 1.2, 30, 20, 10, [["rate=2.8%; orders=6000"]])).toBe(9.3);
    expect(AE.fee("semi", "$10", null, 1.2, 30, 20, 10, [["fx=7.12"]])).toBe(8.99); // 71.2 × 3.5 % = 2.492 → 2.49 + 6.50
  });
  test("full-managed needs only amount and category", () => {
    expect(AE.fee("full", 100, "女装", null, null, null, null, NULL)).toBe(8.8);
    expect(AE.fee("全托管", 100, "家居", null, null, null, null, [["vas=3"]])).toBe(12.5);
    expect(AE.netpayout("full", 100, "消费电子", null, null, null, null, NULL)).toBe(89.8);
  });
  test("the breakdown spills labels and amounts that sum exactly to AE.FEE", () => {
    const rows = AE.feebreakdown("semi", 19.99, null, 1.2, 30, 20, 10, [["label; distance=250"]]);
    expect(rows).toEqual([
      ["Base service fee", 0.7],
      ["Fulfilment fee", 6.5],
      ["Transfer surcharge", 1.2],
      ["Packing fee", 0],
      ["Labelling", 2],
      ["Photo QC", 0],
      ["Total", 10.4],
    ]);
    const parts = rows.slice(0, -1).reduce((s, r) => s + Math.round((r[1] as number) * 100), 0);
    expect(parts / 100).toBe(AE.fee("semi", 19.99, null, 1.2, 30, 20, 10, [["label; distance=250"]]));
    globals.Office = { context: { displayLanguage: "zh-CN" } };
    expect(AE.feebreakdown("full", 100, "女装", null, null, null, null, NULL)[0]).toEqual(["基础佣金", 5]);
  });
  test("errors say which argument and why", () => {
    expect(error(() => AE.fee("both", 100, null, 1, 1, 1, 1, NULL))).toEqual([
      "#VALUE!",
      "mode: 'both' is not semi or full (半托管/全托管)",
    ]);
    expect(error(() => AE.fee("semi", null, null, 1, 1, 1, 1, NULL))).toEqual(["#N/A", "amount is required"]);
    expect(error(() => AE.fee("semi", 100, null, null, 1, 1, 1, NULL))).toEqual([
      "#N/A",
      "weight is required",
    ]);
    expect(error(() => AE.fee("full", 100, null, null, null, null, null, NULL))).toEqual([
      "#N/A",
      "category is required for the full-managed fee",
    ]);
    expect(error(() => AE.fee("full", 100, "运动户外", null, null, null, null, NULL))[1]).toContain(
      "no full-managed fulfilment rate for category '运动户外'",
    );
    expect(AE.fee("full", 100, "运动户外", null, null, null, null, [["fulfilmentrate=4%"]])).toBe(9);
    expect(error(() => AE.fee("semi", 100, null, 1, 1, 1, 1, [["distanse=3"]]))[1]).toMatch(
      /^options: unknown option 'distanse'/,
    );
    // Office in Chinese: the same refusal, in Chinese words from the option's code.
    globals.Office = { context: { displayLanguage: "zh-CN" } };
    expect(error(() => AE.fee("semi", 100, null, 1, 1, 1, 1, [["carton=-3; dest=Mars"]]))).toEqual([
      "#VALUE!",
      "选项：carton：不能小于 1；dest：“Mars”不是国家（请写 ISO 代码如 DE，或国名如 德国/Germany）",
    ]);
    delete globals.Office;
    expect(error(() => AE.fee("semi", 100, null, 1, 1, 1, 1, [["carton=-3; dest=Mars"]]))).toEqual([
      "#VALUE!",
      "options: carton: -3 must be at least 1; dest: 'Mars' is not a country (an ISO code such as DE, or a name such as 德国/Germany)",
    ]);
    expect(error(() => AE.fee("semi", 100, null, 1, 1, 1, 1, [["rate=2%; orders=9000"]]))).toEqual([
      "#VALUE!",
      "negotiated rate 2% is below the 2.2% floor; no fee computed",
    ]);
    expect(error(() => AE.fee("semi", "$10", null, 1, 1, 1, 1, NULL))).toEqual([
      "#N/A",
      "the amount is in USD: give an exchange rate (CNY per USD); fee not computed",
    ]);
  });
});

describe("AE.ELIGIBLE / AE.ISSUES", () => {
  const headers = [["SKU", "类目", "售价", "重量(g)", "长", "宽", "高", "仓库", "目标市场", "EPR注册号"]];
  test("status and issues of one row", () => {
    expect(
      AE.eligible("semi", headers, [["A", "家居", 50, 800, 30, 20, 10, "义乌集货仓", "US", ""]], NULL),
    ).toEqual([["ELIGIBLE"]]);
    expect(
      AE.eligible("semi", headers, [["A", "家居", 50, 5200, 30, 20, 10, "上海仓", "DE", ""]], NULL),
    ).toEqual([["NOT_ELIGIBLE"]]);
    expect(
      AE.issues("semi", headers, [["A", "家居", 50, 5200, 30, 20, 10, "上海仓", "DE", ""]], NULL),
    ).toEqual([
      ["SEMI-K-WEIGHT (error): one item weighs 5.2 kg, over the 5 kg limit"],
      ["SEMI-K-EPR (error): targets DE: an EPR registration number is required"],
      [
        "SEMI-K-WAREHOUSE (error): warehouse '上海仓' is not a semi-managed warehouse (菜鸟保税仓, 义乌集货仓, 东莞华南仓)",
      ],
    ]);
    expect(
      AE.issues("semi", headers, [["A", "家居", 50, 800, 30, 20, 10, "义乌集货仓", "US", ""]], NULL),
    ).toEqual([[""]]);
    expect(AE.eligible("full", headers, [["A", "家居", "", 800, 30, 20, 10, "", "US", ""]], NULL)).toEqual([
      ["INCOMPLETE"],
    ]);
  });
  test("a column range works like a row range; sizes must match", () => {
    const column = headers[0]!.map((h) => [h]);
    expect(
      AE.eligible(
        "semi",
        column,
        [["A"], ["家居"], [50], [800], [30], [20], [10], ["义乌集货仓"], ["US"], [""]],
        NULL,
      ),
    ).toEqual([["ELIGIBLE"]]);
    expect(error(() => AE.eligible("semi", headers, [["A", "家居"]], NULL))).toEqual([
      "#VALUE!",
      "values: 2 cells for 10 headers; give ranges of the same size",
    ]);
  });
  test("a seller profile adds the seller's issues to AE.ISSUES", () => {
    const profile = [
      ["营业执照注册日期", "2099-01-01"],
      ["DSR", 4.5],
    ];
    const lines = AE.issues(
      "semi",
      headers,
      [["A", "家居", 50, 800, 30, 20, 10, "义乌集货仓", "US", ""]],
      profile,
    ).map((r) => r[0]);
    expect(lines).toEqual([
      expect.stringMatching(/^seller SEMI-S-LICENSE-AGE \(error\): /),
      "seller SEMI-S-DSR (error): 90-day DSR 4.5 is below 4.78",
    ]);
    expect(
      error(() =>
        AE.eligible(
          "semi",
          headers,
          [["A", "家居", 50, 800, 30, 20, 10, "义乌集货仓", "US", ""]],
          [["only one column"]],
        ),
      )[0],
    ).toBe("#VALUE!");
  });
});

describe("AE.SETTLEDATE / AE.RULE / AE.RULESVERSION (SETTLE-FULL, SETTLE-SEMI, SETTLE-SELF)", () => {
  test("settlement dates as serials", () => {
    expect(AE.settledate("full", 45444)).toBe(45459); // 2024-06-01 + 15
    expect(AE.settledate("semi", "2024-06-01")).toBe(45458);
    expect(AE.settledate("自营", 45444)).toBe(45451); // T+7, the latest
    expect(error(() => AE.settledate("full", "soon"))).toEqual([
      "#VALUE!",
      "orderDate: 'soon' is not a date",
    ]);
  });
  test("rule text, figures and source; the version", () => {
    expect(AE.rule("FEE-SEMI-BASE", null)).toBe(
      "FEE-SEMI-BASE (info): Base service fee: 3.5 % of the order's received amount | rate=0.035 | source B {关键词} 费用怎么计算？: 基础服务费为订单实收金额的3.5%（固定）",
    );
    expect(AE.rule("full-s-license-age", "zh")).toContain("来源不一致：A 至少 1 年，B 至少 90 天；采用 A");
    expect(error(() => AE.rule("NOPE", null))[0]).toBe("#N/A");
    expect(AE.rulesversion()).toBe("ae-modes-default 2024.07-1 (2024-07-01)");
  });
});

describe("AE.PROFIT / AE.MARGIN / AE.PRICEFOR", () => {
  test("profit and margin after the mode's fees", () => {
    expect(AE.profit("full", 100, 60, "女装", null, null, null, null, NULL)).toBe(31.2);
    expect(AE.margin("full", 100, 60, "女装", null, null, null, null, NULL)).toBe(0.312);
    expect(AE.profit("semi", 100, 40, null, 0.8, 30, 20, 10, [["label"]])).toBe(49.5);
  });
  test("the price for a target margin, exact to the fen", () => {
    expect(AE.pricefor("full", 60, "25%", "女装", null, null, null, null, NULL)).toBe(90.63);
    expect(AE.margin("full", 90.63, 60, "女装", null, null, null, null, NULL)).toBeGreaterThanOrEqual(0.25);
    expect(AE.margin("full", 90.62, 60, "女装", null, null, null, null, NULL)).toBeLessThan(0.25);
    const p = AE.pricefor("semi", 35, 0.3, null, 1.2, 30, 20, 10, [["distance=250; label"]]);
    expect(AE.margin("semi", p, 35, null, 1.2, 30, 20, 10, [["distance=250; label"]])).toBeGreaterThanOrEqual(
      0.3,
    );
    expect(
      AE.margin("semi", Math.round(p * 100 - 1) / 100, 35, null, 1.2, 30, 20, 10, [["distance=250; label"]]),
    ).toBeLessThan(0.3);
  });
  test("an impossible target is an error saying why", () => {
    expect(error(() => AE.pricefor("semi", 35, "97%", null, 1.2, 30, 20, 10, NULL))).toEqual([
      "#N/A",
      "a 97% margin is impossible in semi-managed mode: its percentage fees take 3.5% of any price, leaving at most 96.5%",
    ]);
    expect(error(() => AE.pricefor("full", 35, "lots", "女装", null, null, null, null, NULL))).toEqual([
      "#VALUE!",
      "targetMargin: 'lots' is not a percentage",
    ]);
  });
});
