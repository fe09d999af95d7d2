import fc from "fast-check";
import {
  divCeil,
  divRoundHalfUp,
  fullManagedFee,
  mulScaled,
  resolveSemiRate,
  roundUnits,
  scaledOf,
  semiManagedFee,
  semiWeightsExact,
  toDec,
  type FeeResult,
} from "../src/engine";
import { compiled } from "./helpers";

describe("exact integer arithmetic (the fee fast path)", () => {
  test.each([
    [19.99, { units: 1999, scale: 2 }],
    [0.035, { units: 35, scale: 3 }],
    [6000, { units: 6000, scale: 0 }],
    [-12.5, { units: -125, scale: 1 }],
    [0.1 + 0.2, undefined],
    [1e300, undefined],
    [Number.NaN, undefined],
  ])("scaledOf(%s)", (x, expected) => {
    expect(scaledOf(x)).toEqual(expected);
  });
  test("scaledOf agrees with decimal.js' reading of a number", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (x) => {
        const s = scaledOf(x);
        if (s)
          expect(
            toDec(s.units)
              .div(10 ** s.scale)
              .eq(toDec(x)),
          ).toBe(true);
      }),
    );
  });
  test("half-up division and ceiling division agree with decimal.js", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 52), max: 2 ** 52 }),
        fc.integer({ min: 1, max: 2 ** 40 }),
        (n, d) => {
          expect(divRoundHalfUp(n, d)).toBe(toDec(n).div(d).toDecimalPlaces(0, 4).toNumber());
          if (n >= 0) expect(divCeil(n, d)).toBe(toDec(n).div(d).ceil().toNumber());
        },
      ),
    );
  });
  test("roundUnits rounds half away from zero", () => {
    expect(roundUnits({ units: 69965, scale: 5 }, 2)).toBe(70);
    expect(roundUnits({ units: -5, scale: 3 }, 2)).toBe(-1);
    expect(roundUnits({ units: 8, scale: 0 }, 2)).toBe(800);
    expect(mulScaled({ units: 2 ** 40, scale: 0 }, { units: 2 ** 20, scale: 0 })).toBeUndefined();
  });
});

/** Every observable output of a fee result, as plain values. */
function snapshot(r: FeeResult): unknown {
  return {
    fee: r.fee && {
      components: r.fee.components.map((c) => [c.id, c.fen, c.amount.toString()]),
      total: [r.fee.totalFen, r.fee.total.toString()],
      amountCny: r.fee.amountCnyFen,
      net: r.fee.netPayoutFen,
    },
    weights: r.weights && {
      volumetric: r.weights.volumetricKg.toSignificantDigits(30).toString(),
      chargeable: r.weights.chargeableKg.toSignificantDigits(30).toString(),
      billable: r.weights.billableKg.toString(),
      display: r.weights.display,
    },
    issues: r.issues.map((i) => i.ruleId),
  };
}

describe("the fast path gives exactly the decimal.js results", () => {
  // Values people type (few decimals), values with many decimals, and huge ones that overflow
  // the safe integers and must fall back to decimal.js.
  const decimalNumber = (maxUnits: number, maxScale: number) =>
    fc
      .tuple(fc.integer({ min: 0, max: maxUnits }), fc.integer({ min: 0, max: maxScale }))
      .map(([u, s]) => u / 10 ** s);
  const anyPositive = fc.oneof(
    decimalNumber(10_000_000, 3),
    decimalNumber(2 ** 50, 9),
    fc.double({ min: 0, max: 1e12, noNaN: true }),
  );
  const dim = fc.oneof(
    decimalNumber(2000, 1),
    decimalNumber(100_000, 4),
    fc.double({ min: 0.01, max: 5000, noNaN: true }),
  );
  const options = fc.record(
    {
      distanceKm: fc.integer({ min: 0, max: 500 }),
      unitsPerCarton: fc.integer({ min: 1, max: 30 }),
      packingFee: decimalNumber(10_000, 3),
      services: fc.record({ label: fc.boolean(), photoQc: fc.boolean() }),
      fxRate: fc.oneof(decimalNumber(100_000, 4), fc.double({ min: 0.001, max: 100, noNaN: true })),
      negotiatedRate: fc.integer({ min: 220, max: 3500 }).map((x) => x / 100_000),
      monthlyOrders: fc.integer({ min: 0, max: 20_000 }),
    },
    { requiredKeys: [] },
  );
  test("semi-managed", () => {
    fc.assert(
      fc.property(
        anyPositive,
        decimalNumber(50_000, 3),
        dim,
        dim,
        dim,
        fc.constantFrom("CNY", "USD"),
        options,
        (amount, weightKg, l, w, h, currency, o) => {
          const rate = resolveSemiRate(compiled, o.negotiatedRate, o.monthlyOrders);
          const order = { amount, currency, weightKg, lengthCm: l, widthCm: w, heightCm: h };
          const fast = semiManagedFee(compiled, order, o, rate, undefined, "auto");
          const reference = semiManagedFee(compiled, order, o, rate, undefined, "decimal");
          expect(snapshot(fast)).toEqual(snapshot(reference));
        },
      ),
      { numRuns: 2000 },
    );
  });
  test("full-managed", () => {
    fc.assert(
      fc.property(
        anyPositive,
        fc.constantFrom("女装", "家居", "消费电子"),
        fc.constantFrom("CNY", "USD"),
        options,
        (amount, category, currency, o) => {
          const order = { amount, category, currency };
          expect(snapshot(fullManagedFee(compiled, order, o, undefined, "auto"))).toEqual(
            snapshot(fullManagedFee(compiled, order, o, undefined, "decimal")),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
  test("typical inputs take the fast path; overflowing ones fall back", () => {
    expect(compiled.scaled).toBeDefined();
    expect(semiWeightsExact(compiled, 1.2, 30.5, 20, 10.25)?.steps).toBe(1);
    expect(semiWeightsExact(compiled, 1.2, 1e6 + 0.123456, 1e6 + 0.5, 1e6)).toBeUndefined();
  });
  test("boundaries of the billing step are exact on both paths", () => {
    const rate = resolveSemiRate(compiled, undefined, undefined);
    // 30 × 20 × 15 / 6000 = 1.5 exactly; 30 × 20 × 15.00001 is just above it.
    for (const h of [15, 15.00001, 14.99999]) {
      const order = { amount: 100, weightKg: 0.1, lengthCm: 30, widthCm: 20, heightCm: h };
      const fast = semiManagedFee(compiled, order, {}, rate, undefined, "auto");
      expect(snapshot(fast)).toEqual(
        snapshot(semiManagedFee(compiled, order, {}, rate, undefined, "decimal")),
      );
    }
    const at = semiManagedFee(
      compiled,
      { amount: 100, weightKg: 0.1, lengthCm: 30, widthCm: 20, heightCm: 15 },
      {},
      rate,
    );
    expect(at.fee?.weights?.billableKg.toString()).toBe("1.5");
    const above = semiManagedFee(
      compiled,
      { amount: 100, weightKg: 0.1, lengthCm: 30, widthCm: 20, heightCm: 15.00001 },
      {},
      rate,
    );
    expect(above.fee?.weights?.billableKg.toString()).toBe("2");
  });
});
