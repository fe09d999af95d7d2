import fc from "fast-check";
import { priceFor, profitOf, type RowResult } from "../src/engine";
import { bestMode } from "../src/pipeline/run";
import { compiled } from "./helpers";

const parcel = { weightKg: 0.8, lengthCm: 30, widthCm: 20, heightCm: 10 };

describe("profit and margin after the mode's fees", () => {
  test("full-managed: 100 − 8.80 − 60 = 31.20, margin 31.2 %", () => {
    const r = profitOf(compiled, "full", 100, 60, { category: "女装" }, {});
    expect(r.ok && [r.value.profitFen, r.value.margin]).toEqual([3120, 0.312]);
  });
  test("semi-managed with services: 100 − (3.50 + 5.00 + 2.00) − 40 = 49.50", () => {
    const r = profitOf(compiled, "semi", 100, 40, parcel, { services: { label: true, photoQc: false } });
    expect(r.ok && r.value.profitFen).toBe(4950);
  });
  test("a fee that cannot be computed is a reason", () => {
    const r = profitOf(compiled, "full", 100, 60, { category: "运动户外" }, {});
    expect(r.ok).toBe(false);
  });
});

describe("the price for a target margin, exact to the fen", () => {
  test("full-managed apparel, cost 60, 25 %: 90.63", () => {
    // 90.63: fee 4.53 + 3.44 = 7.97, profit 22.66, margin 25.003 %; 90.62: profit 22.65, margin 24.994 %.
    const r = priceFor(compiled, "full", 60, 0.25, { category: "女装" }, {});
    expect(r.ok && r.value).toBe(9063);
  });
  test("an impossible target says why", () => {
    const r = priceFor(compiled, "full", 60, 0.92, { category: "女装" }, {});
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason.en).toBe(
      "a 92% margin is impossible in full-managed mode: its percentage fees take 8.8% of any price, leaving at most 91.2%",
    );
    expect(priceFor(compiled, "semi", 10, 1, parcel, {}).ok).toBe(false);
  });
  test("property: the price reaches the target and one fen less does not", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500_000 }).map((fen) => fen / 100),
        fc.integer({ min: 0, max: 80 }).map((p) => p / 100),
        fc.constantFrom("semi", "full") as fc.Arbitrary<"semi" | "full">,
        fc.record({
          distanceKm: fc.integer({ min: 0, max: 400 }),
          services: fc.record({ label: fc.boolean(), photoQc: fc.boolean() }),
        }),
        (cost, target, mode, options) => {
          const product = { ...parcel, category: "家居" };
          const r = priceFor(compiled, mode, cost, target, product, options);
          if (!r.ok) return;
          const at = profitOf(compiled, mode, r.value / 100, cost, product, options);
          const below = profitOf(compiled, mode, (r.value - 1) / 100, cost, product, options);
          expect(at.ok && at.value.margin! >= target - 1e-12).toBe(true);
          if (r.value > 1 && below.ok && below.value.margin !== undefined)
            expect(below.value.margin < target).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("AE Best mode in compare mode", () => {
  const row = (amountCnyFen: number, totalFen: number, status = "ELIGIBLE") =>
    ({ status, issues: [], fee: { amountCnyFen, totalFen }, weights: undefined }) as unknown as RowResult;
  test("by profit when the row has a cost: what the seller keeps, not the lower fee", () => {
    // full: 100.00 − 8.80 fee; semi sells at 110.00 − 10.00 fee: semi keeps more despite the higher fee
    expect(bestMode({ full: row(10_000, 880), semi: row(11_000, 1000) }, "en", 5000)).toBe("semi");
    expect(bestMode({ full: row(10_000, 880), semi: row(10_000, 1000) }, "en", 5000)).toBe("full");
    expect(bestMode({ full: row(10_000, 1000), semi: row(10_000, 1000) }, "en", 5000)).toBe(
      "full = semi (same profit)",
    );
    expect(bestMode({ full: row(10_000, 1000), semi: row(10_000, 1000) }, "zh")).toBe(
      "全托管 = 半托管（费用相同）",
    );
  });
  test("an ineligible mode is never best", () => {
    expect(bestMode({ full: row(10_000, 100, "NOT_ELIGIBLE"), semi: row(10_000, 9000) }, "en", 0)).toBe(
      "semi",
    );
  });
});
