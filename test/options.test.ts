import {
  optionErrorText,
  optionErrorsText,
  optionReason,
  parseOptionsText,
  parseServices,
  readFeeOptions,
} from "../src/engine";

describe("run-wide fee options", () => {
  test("text with flags and key=value pairs", () => {
    expect(
      parseOptionsText(
        "label; photoqc; distance=250; carton=12; rate=2.8%; orders=6000; fx=7.12; packing=1.5; vas=3",
      ),
    ).toEqual({
      ok: true,
      options: {
        services: { label: true, photoQc: true },
        distanceKm: 250,
        unitsPerCarton: 12,
        negotiatedRate: 0.028,
        monthlyOrders: 6000,
        fxRate: 7.12,
        packingFee: 1.5,
        valueAdded: 3,
      },
    });
  });
  test("services by name in Chinese or English, one parser for columns and options", () => {
    expect(parseServices("贴标、拍照质检")).toEqual({ label: true, photoQc: true });
    expect(parseServices("label; photo QC")).toEqual({ label: true, photoQc: true });
    expect(parseServices("无")).toEqual({ label: false, photoQc: false });
    expect(parseServices("礼品包装")).toBeUndefined();
    expect(readFeeOptions({ services: "贴标,拍照质检" })).toEqual({
      ok: true,
      options: { services: { label: true, photoQc: true } },
    });
  });
  test("unknown keys and bad values are refused as coded errors; their words come from the code", () => {
    const r = readFeeOptions({
      distanse: 3,
      carton: 1.5,
      fx: 0,
      rate: "abc",
      services: "gift wrap",
      currency: "zz",
      km: "-2",
      dest: "Mars",
    });
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors.map((e) => [e.key, e.option, e.code, e.value, e.limit])).toEqual([
      ["distanse", "distanse", "UNKNOWN_OPTION", "distanse", undefined],
      ["carton", "carton", "NOT_WHOLE", "1.5", undefined],
      ["fx", "fx", "NOT_ABOVE_ZERO", "0", undefined],
      ["rate", "rate", "NOT_A_RATE", "abc", undefined],
      ["services", "services", "UNKNOWN_SERVICE", "gift wrap", undefined],
      ["currency", "currency", "NOT_A_CURRENCY", "zz", undefined],
      ["km", "distance", "TOO_SMALL", "-2", 0],
      ["dest", "destination", "NOT_A_COUNTRY", "Mars", undefined],
    ]);
    // English: the words the CLI and the functions have always printed.
    expect(errors.map((e) => optionErrorText(e, "en"))).toEqual([
      expect.stringMatching(/^unknown option 'distanse' \(known: label, photoqc, /),
      "carton: 1.5 must be a whole number",
      "fx: the exchange rate must be above 0",
      "rate: 'abc' is not a rate (2.8% or 0.028)",
      "services: unknown service in 'gift wrap' (known: label, photoqc, 贴标, 拍照质检)",
      "currency: 'zz' is not a currency code (CNY, USD, …)",
      "km: -2 must be at least 0",
      "dest: 'Mars' is not a country (an ISO code such as DE, or a name such as 德国/Germany)",
    ]);
    // Chinese from the same codes: no English reason left in any of them.
    const zh = errors.map((e) => optionReason(e, "zh"));
    expect(zh).toEqual([
      expect.stringMatching(/^未知选项“distanse”（可用：label、photoqc、/),
      "必须是整数",
      "汇率必须大于 0",
      "“abc”不是费率（如 2.8% 或 0.028）",
      "“gift wrap”中有未知的服务（可选：贴标、拍照质检）",
      "“zz”不是币种代码（CNY、USD…）",
      "不能小于 0",
      "“Mars”不是国家（请写 ISO 代码如 DE，或国名如 德国/Germany）",
    ]);
    for (const text of zh) expect(text).not.toMatch(/is not|must|unknown|known:/);
    expect(optionErrorsText(errors.slice(1, 3), "zh")).toBe("carton：必须是整数；fx：汇率必须大于 0");
  });
  test("a per-category rate: the category word and the rate's example in both languages", () => {
    const r = readFeeOptions({ "fulfilmentrate.toys": "4%", "fulfilmentrate.home": "150%" });
    const errors = r.ok ? [] : r.errors;
    expect(errors.map((e) => [e.option, e.code, e.category])).toEqual([
      ["fulfilmentrate", "UNKNOWN_CATEGORY", "toys"],
      ["fulfilmentrate", "NOT_A_RATE", "home"],
    ]);
    expect(optionReason(errors[1]!, "zh")).toBe("“150%”不是费率（如 4% 或 0.04）");
    expect(optionReason(errors[0]!, "zh")).toMatch(/^未知类目“toys”（可用：/);
  });
});
