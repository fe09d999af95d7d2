/**
 * The arithmetic interface the fees are written over: its two instances (exact scaled integers,
 * decimal.js) agree wherever the exact one has an answer, and the exact one reports overflow.
 */
import fc from "fast-check";
import {
  decimalArith,
  exactArith,
  FULL_COMPONENTS,
  SEMI_COMPONENTS,
  feeFigures,
  feeThresholds,
  defaultRulePack,
  type Arith,
  type FeeContext,
} from "../src/engine";

const decimal = fc
  .tuple(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 5 }))
  .map(([units, scale]) => Number((units / 10 ** scale).toFixed(scale)));
const positive = decimal.filter((x) => x > 0);

describe("exactArith and decimalArith agree", () => {
  const e = exactArith;
  const d = decimalArith;
  test("mul, add, sub, cmp, fen, num", () => {
    fc.assert(
      fc.property(decimal, decimal, (x, y) => {
        const [ex, ey] = [e.of(x)!, e.of(y)!];
        const [dx, dy] = [d.of(x)!, d.of(y)!];
        // Where the exact instance has an answer, it is decimal.js' (else it said it overflowed).
        const product = e.mul(ex, ey);
        const dProduct = d.mul(dx, dy)!;
        if (product !== undefined) {
          expect(e.dec(product).eq(dProduct)).toBe(true);
          const fen = e.fen(product);
          if (fen !== undefined) expect(fen).toBe(d.fen(dProduct));
        }
        expect(e.dec(e.add(ex, ey)!).eq(d.add(dx, dy)!)).toBe(true);
        expect(e.dec(e.sub(ex, ey)!).eq(d.sub(dx, dy)!)).toBe(true);
        expect(Math.sign(e.cmp(ex, ey)!)).toBe(Math.sign(d.cmp(dx, dy)!));
        expect(e.num(ex)).toBe(d.num(dx));
      }),
      { numRuns: 2000 },
    );
  });
  test("ceilDiv and divRound", () => {
    fc.assert(
      fc.property(positive, positive, fc.integer({ min: 0, max: 4 }), (x, y, places) => {
        const [ex, ey] = [e.of(x)!, e.of(y)!];
        const [dx, dy] = [d.of(x)!, d.of(y)!];
        const c = e.ceilDiv(ex, ey);
        const r = e.divRound(ex, ey, places);
        if (c !== undefined) expect(c).toBe(d.ceilDiv(dx, dy));
        if (r !== undefined) expect(r).toBe(d.divRound(dx, dy, places));
      }),
      { numRuns: 2000 },
    );
  });
  test("the exact instance reports what does not fit as undefined; decimal.js never does", () => {
    const big = e.of(9e15)!;
    expect(e.mul(big, big)).toBeUndefined();
    expect(e.of(0.1 + 0.2)).toBeUndefined();
    expect(d.mul(d.of(9e15)!, d.of(9e15)!)?.toString()).toBe("8.1e+31");
  });
});

test("every fee component gives the same fen in both instances", () => {
  const pack = defaultRulePack();
  const limits = feeThresholds(pack);
  const run = <T>(a: Arith<T>, amount: number, steps: number, distanceKm: number, carton: number) => {
    const fig = feeFigures(pack, a)!;
    const ctx: FeeContext<T> = {
      fig,
      limits,
      options: {
        distanceKm,
        unitsPerCarton: carton,
        packingFee: 1.35,
        services: { label: true, photoQc: true },
      },
      amountCny: a.of(amount)!,
      rate: fig.baseRate,
      steps,
    };
    return [...SEMI_COMPONENTS, ...FULL_COMPONENTS].map((c) => a.fen(c.amount(ctx, a)!));
  };
  fc.assert(
    fc.property(
      positive,
      fc.integer({ min: 0, max: 200 }),
      fc.integer({ min: 0, max: 500 }),
      fc.integer({ min: 1, max: 30 }),
      (amount, steps, km, carton) => {
        expect(run(exactArith, amount, steps, km, carton)).toEqual(
          run(decimalArith, amount, steps, km, carton),
        );
      },
    ),
    { numRuns: 1000 },
  );
});
