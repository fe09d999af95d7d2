import fc from "fast-check";
import {
  fenText,
  formatFen,
  billableWeightKg,
  ceilToStep,
  chargeableWeightKg,
  roundFen,
  semiFulfilmentFee,
  toDec,
  volumetricWeightKg,
} from "../src/engine";
import { compiled } from "./helpers";

const semi = compiled.semi;

describe("money: roundFen (half-up to 0.01 CNY)", () => {
  test.each([
    ["0.69965", "0.7"],
    ["0.125", "0.13"],
    ["0.124999", "0.12"],
    ["2.675", "2.68"], // binary floating point gives 2.67
    ["43.2075", "43.21"],
    ["-0.005", "-0.01"],
    ["10", "10"],
  ])("%s → %s", (input, expected) => {
    expect(roundFen(toDec(input)).toString()).toBe(expected);
  });
  test("toDec takes a number at its shortest representation", () => {
    expect(toDec(0.1).plus(toDec(0.2)).toString()).toBe("0.3");
    expect(toDec(19.99).times("0.035").toString()).toBe("0.69965");
  });
  test("ceilToStep", () => {
    expect(ceilToStep(toDec("3.01"), toDec("0.5")).toString()).toBe("3.5");
    expect(ceilToStep(toDec("3"), toDec("0.5")).toString()).toBe("3");
  });
});

describe("money: fenText (integer fen as text)", () => {
  test("two decimals, sign, and optional thousands separators", () => {
    expect(fenText(650)).toBe("6.50");
    expect(fenText(-5)).toBe("-0.05");
    expect(fenText(0)).toBe("0.00");
    expect(fenText(123456789, true)).toBe("1,234,567.89");
    expect(fenText(99999, true)).toBe("999.99");
  });
  test("equals decimal.js formatting for any integer fen", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (fen) => {
        expect(fenText(fen)).toBe(formatFen(toDec(fen).div(100)));
      }),
      { numRuns: 500 },
    );
  });
});

describe("FEE-SEMI-VOLW volumetric weight", () => {
  test("L × W × H ÷ 6000", () => {
    expect(volumetricWeightKg(30, 20, 15, semi.divisor).toString()).toBe("1.5");
    expect(volumetricWeightKg(10, 10, 10, semi.divisor).toSignificantDigits(6).toString()).toBe("0.166667");
  });
  test("the divisor is a setting (5000, 8000)", () => {
    expect(volumetricWeightKg(30, 20, 15, toDec(5000)).toString()).toBe("1.8");
    expect(volumetricWeightKg(40, 20, 10, toDec(8000)).toString()).toBe("1");
  });
  test("property: symmetric in L, W, H", () => {
    const dim = fc.double({ min: 0.1, max: 200, noNaN: true });
    fc.assert(
      fc.property(dim, dim, dim, (l, w, h) => {
        const a = volumetricWeightKg(l, w, h, semi.divisor);
        expect(volumetricWeightKg(w, h, l, semi.divisor).eq(a)).toBe(true);
        expect(volumetricWeightKg(h, l, w, semi.divisor).eq(a)).toBe(true);
        expect(volumetricWeightKg(l, h, w, semi.divisor).eq(a)).toBe(true);
      }),
    );
  });
});

describe("FEE-SEMI-CHARGEW chargeable weight", () => {
  test("max(actual, volumetric)", () => {
    expect(chargeableWeightKg(toDec(1.2), toDec(1.5)).toString()).toBe("1.5");
    expect(chargeableWeightKg(toDec(2), toDec(1.5)).toString()).toBe("2");
  });
  test("property: chargeable ≥ both weights", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (a, v) => {
          const c = chargeableWeightKg(toDec(a), toDec(v));
          expect(c.gte(toDec(a)) && c.gte(toDec(v))).toBe(true);
        },
      ),
    );
  });
});

describe("FEE-SEMI-FULFIL billable weight and fulfilment fee: the worked examples of rules-spec §1.1", () => {
  test.each([
    [0.3, "1", "5.00"],
    [1.0, "1", "5.00"],
    [1.2, "1.5", "6.50"],
    [2.0, "2", "8.00"],
    [4.01, "4.5", "15.50"],
    [1.5, "1.5", "6.50"],
    [1.5000001, "2", "8.00"],
  ])("%s kg → billable %s kg → %s CNY", (kg, billable, fee) => {
    const b = billableWeightKg(toDec(kg), semi.firstWeightKg, semi.billingStepKg);
    expect(b.toString()).toBe(billable);
    expect(roundFen(semiFulfilmentFee(compiled, b)).toFixed(2)).toBe(fee);
  });
  test("property: billable ≥ chargeable, on the step grid, and the fee is non-decreasing in weight", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 60, noNaN: true }),
        fc.double({ min: 0, max: 60, noNaN: true }),
        (x, y) => {
          const [lo, hi] = x <= y ? [x, y] : [y, x];
          const bLo = billableWeightKg(toDec(lo), semi.firstWeightKg, semi.billingStepKg);
          const bHi = billableWeightKg(toDec(hi), semi.firstWeightKg, semi.billingStepKg);
          expect(bLo.gte(toDec(lo))).toBe(true);
          expect(bLo.minus(semi.firstWeightKg).mod(semi.billingStepKg).isZero()).toBe(true);
          expect(semiFulfilmentFee(compiled, bHi).gte(semiFulfilmentFee(compiled, bLo))).toBe(true);
        },
      ),
    );
  });
});
