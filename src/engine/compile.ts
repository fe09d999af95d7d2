/**
 * A rule pack made ready for evaluation: figures as exact decimals, category and
 * warehouse matchers built. Built once per pack (per runtime), never per row.
 * @packageDocumentation
 */
import { decimalArith, exactArith } from "./arith";
import { buildCategoryMatcher, type CategoryMatcher } from "./categories";
import { feeFigures, feeThresholds, type FeeFigures, type FeeThresholds } from "./fee-components";
import { Dec } from "./money";
import { mulScaled, scaledOf, type Scaled } from "./exact";
import type { RulePack } from "./pack/default";
import { compactKey } from "./text";

/** A pack ready for evaluation. */
export interface CompiledPack {
  readonly pack: RulePack;
  /** The fee figures as decimals (decimal.js), the reference. */
  readonly fees: FeeFigures<Dec>;
  /** The same fee figures as scaled integers, or undefined when one does not fit (then decimal.js is used throughout). */
  readonly scaled: FeeFigures<Scaled> | undefined;
  /** The fee figures that are counts or thresholds. */
  readonly feeLimits: FeeThresholds;
  /** The decimal fee figures and thresholds in one object (the semi-managed ones by their names). */
  readonly semi: FeeFigures<Dec> & FeeThresholds;
  /** SKU-rule limits as scaled integers (undefined → decimal.js). */
  readonly limits: { readonly maxVolumeCm3: Scaled | undefined; readonly priceShare: Scaled | undefined };
  readonly categories: CategoryMatcher;
  /** Folded warehouse name → canonical warehouse name. */
  readonly warehouses: ReadonlyMap<string, string>;
  /** Market code → acceptable manual languages. */
  readonly marketLanguages: ReadonlyMap<string, readonly string[]>;
}

/**
 * Compiles a pack. Call once and keep the result.
 *
 * @example
 * ```ts
 * const compiled = compilePack(defaultRulePack());
 * compiled.fees.baseRate.toString() // => "0.035"
 * compiled.categories.familyOf("女装") // => "apparel"
 * ```
 */
export function compilePack(pack: RulePack): CompiledPack {
  const r = pack.rules;
  const fees = feeFigures(pack, decimalArith) as FeeFigures<Dec>;
  const feeLimits = feeThresholds(pack);
  const warehouses = new Map<string, string>();
  for (const [canonical, names] of Object.entries(r["SEMI-K-WAREHOUSE"].figures.warehouses)) {
    warehouses.set(compactKey(canonical), canonical);
    for (const name of names) warehouses.set(compactKey(name), canonical);
  }
  return {
    pack,
    // One compilation of the figures, run in each arithmetic.
    fees,
    scaled: feeFigures(pack, exactArith),
    feeLimits,
    semi: { ...fees, ...feeLimits },
    limits: {
      maxVolumeCm3: ((m) => m && mulScaled(m, { units: 1_000_000, scale: 0 }))(
        scaledOf(r["SEMI-K-VOLUME"].figures.maxM3),
      ),
      priceShare: scaledOf(r["SEMI-K-PRICE-CAP"].figures.maxShareOfRegular),
    },
    categories: buildCategoryMatcher(pack.categoryKeywords, pack.categoryNames),
    warehouses,
    marketLanguages: new Map(Object.entries(r["FULL-K-MANUAL-LANG"].figures.marketLanguages)),
  };
}

export { Dec };
