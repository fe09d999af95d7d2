import { parseOptionsText, parseServices, readFeeOptions } from "../src/engine";

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
  test("unknown keys and bad values are refused with their names", () => {
    const r = readFeeOptions({
      distanse: 3,
      carton: 1.5,
      fx: 0,
      rate: "abc",
      services: "gift wrap",
      currency: "zz",
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([
      expect.stringMatching(/^unknown option 'distanse'/),
      "carton: 1.5 must be a whole number",
      "fx: the exchange rate must be above 0",
      "rate: 'abc' is not a rate (2.8% or 0.028)",
      "services: unknown service in 'gift wrap' (known: label, photoqc, 贴标, 拍照质检)",
      "currency: 'zz' is not a currency code (CNY, USD, …)",
    ]);
  });
});
