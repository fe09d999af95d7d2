/**
 * Profit, margin and the price for a target margin after the mode's fees. Prices and costs are
 * in CNY; every amount is worked in integer fen through the fee engine, so the price found is
 * exact to the fen: the lowest price whose margin reaches the target.
 * @packageDocumentation
 */
import type { CompiledPack } from "./compile";
import {
  fullManagedFee,
  resolveSemiRate,
  semiManagedFee,
  type FeeBreakdown,
  type FeeOptions,
  type OrderInput,
} from "./fees";
import type { Bilingual, Issue } from "./issues";
import { scaledOf } from "./exact";
import { amountToFen } from "./money";

/** What a price earns after fees and cost. */
export interface ProfitResult {
  readonly fee: FeeBreakdown;
  /** price − fee − cost, in fen. */
  readonly profitFen: number;
  /** profit ÷ price (a fraction); undefined for a price of 0. */
  readonly margin: number | undefined;
}

/** A result or the reason there is none. */
export type PricingResult<T> =
  | { readonly ok: true; readonly value: T; readonly issues: readonly Issue[] }
  | { readonly ok: false; readonly reason: Bilingual; readonly issues: readonly Issue[] };

/** An order without its amount: category, weights and dimensions. */
export type ProductInput = Omit<OrderInput, "amount" | "currency">;

function feeAt(
  compiled: CompiledPack,
  mode: "semi" | "full",
  priceCny: number,
  product: ProductInput,
  options: FeeOptions,
) {
  const order = { ...product, amount: priceCny };
  const { currency: _currency, fxRate: _fx, ...cny } = options;
  return mode === "semi"
    ? semiManagedFee(compiled, order, cny, resolveSemiRate(compiled, cny.negotiatedRate, cny.monthlyOrders))
    : fullManagedFee(compiled, order, cny);
}

/**
 * Profit and margin of selling at `priceCny` with `costCny`.
 *
 * @example
 * ```ts
 * profitOf(compiled, "full", 100, 60, { category: "女装" }, {}) // => ok, profitFen 3120 (100 − 8.80 − 60), margin 0.312
 * ```
 */
export function profitOf(
  compiled: CompiledPack,
  mode: "semi" | "full",
  priceCny: number,
  costCny: number,
  product: ProductInput,
  options: FeeOptions,
): PricingResult<ProfitResult> {
  const r = feeAt(compiled, mode, priceCny, product, options);
  if (!r.fee)
    return {
      ok: false,
      reason: r.issues[0]?.message ?? { en: "the fee cannot be computed", zh: "无法计算费用" },
      issues: r.issues,
    };
  const costFen = amountToFen(costCny);
  const profitFen = r.fee.amountCnyFen - r.fee.totalFen - costFen;
  return {
    ok: true,
    value: {
      fee: r.fee,
      profitFen,
      margin: r.fee.amountCnyFen === 0 ? undefined : profitFen / r.fee.amountCnyFen,
    },
    issues: r.issues,
  };
}

/**
 * The lowest price, in fen, whose margin after the mode's fees and the cost reaches `targetMargin`
 * (a fraction, e.g. 0.25). The fee has per-order parts and rounds each component to the fen, so
 * the margin is not a smooth function of the price: the search starts below the smallest price
 * that can qualify and walks up fen by fen to the first one that does. An impossible target (the
 * percentage fees alone leave less than it) is a reason, not a price.
 *
 * @example
 * ```ts
 * priceFor(compiled, "full", 60, 0.25, { category: "女装" }, {}) // => ok, 9063 fen (90.63 CNY: margin 25.003 %)
 * ```
 */
export function priceFor(
  compiled: CompiledPack,
  mode: "semi" | "full",
  costCny: number,
  targetMargin: number,
  product: ProductInput,
  options: FeeOptions,
): PricingResult<number> {
  if (!(targetMargin < 1))
    return {
      ok: false,
      reason: {
        en: `a margin of ${targetMargin * 100}% is impossible: it must be below 100%`,
        zh: `利润率${targetMargin * 100}%不可能达到：必须低于100%`,
      },
      issues: [],
    };
  // Probe the fee at two prices to learn its percentage part (rate) and its per-order part (fixed).
  const probe = (fen: number) => feeAt(compiled, mode, fen / 100, product, options);
  const high = 100_000_000; // 1,000,000.00 CNY
  const a = probe(0);
  const b = probe(high);
  if (!a.fee || !b.fee) {
    const issues = (a.fee ? b : a).issues;
    return {
      ok: false,
      reason: issues[0]?.message ?? { en: "the fee cannot be computed", zh: "无法计算费用" },
      issues,
    };
  }
  const fixed = a.fee.totalFen;
  const rate = (b.fee.totalFen - fixed) / high;
  const costFen = amountToFen(costCny);
  if (costFen === undefined)
    return { ok: false, reason: { en: "cost has too many digits", zh: "成本位数过多" }, issues: [] };
  const room = 1 - targetMargin - rate;
  if (room <= 0) {
    const pct = (x: number) => `${Math.round(x * 10000) / 100}%`;
    return {
      ok: false,
      reason: {
        en: `a ${pct(targetMargin)} margin is impossible in ${mode}-managed mode: its percentage fees take ${pct(rate)} of any price, leaving at most ${pct(1 - rate)}`,
        zh: `${mode === "semi" ? "半托管" : "全托管"}模式下无法达到${pct(targetMargin)}的利润率：按比例收取的费用占售价的${pct(rate)}，最多只剩${pct(1 - rate)}`,
      },
      issues: [],
    };
  }
  // profit(P) = P − fee(P) − cost ≥ t·P; fee(P) ≥ rate·P + fixed − (number of rounded components) fen.
  const slack = a.fee.components.length;
  let p = Math.max(0, Math.floor((costFen + fixed - slack) / room) - 1);
  // margin ≥ t  ⇔  profit·10^s ≥ T·price, with t = T/10^s exactly: integer arithmetic, no rounding.
  const t = scaledOf(targetMargin);
  if (!t)
    return {
      ok: false,
      reason: { en: "the target margin has too many digits", zh: "目标利润率位数过多" },
      issues: [],
    };
  const scale = 10 ** t.scale;
  const ok = (fen: number): boolean => {
    const f = probe(fen).fee;
    return (
      f !== undefined &&
      fen > 0 &&
      (f.amountCnyFen - f.totalFen - costFen) * scale >= t.units * f.amountCnyFen
    );
  };
  for (let steps = 0; steps < 1_000_000; steps++, p++)
    if (ok(p)) return { ok: true, value: p, issues: b.issues };
  return {
    ok: false,
    reason: { en: "no price found within the search range", zh: "在搜索范围内找不到价格" },
    issues: [],
  };
}
