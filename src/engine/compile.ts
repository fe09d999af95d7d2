/**
 * A rule pack made ready for evaluation: figures as exact decimals, category and
 * warehouse matchers built. Built once per pack (per runtime), never per row.
 * @packageDocumentation
 */
import { buildCategoryMatcher, type CategoryFamily, type CategoryMatcher } from "./categories";
import { Dec, toDec } from "./money";
import type { RulePack } from "./pack/default";
import { compactKey } from "./text";

/** Semi-managed fee figures as decimals. */
export interface SemiFeeFigures {
  readonly baseRate: Dec;
  readonly tierMinRate: Dec;
  readonly tierMinMonthlyOrders: number;
  readonly firstWeightKg: Dec;
  readonly firstWeightFee: Dec;
  readonly continuedFeePerKg: Dec;
  readonly billingStepKg: Dec;
  readonly divisor: Dec;
  readonly transferThresholdKm: number;
  readonly transferFeePerKg: Dec;
  readonly packMinUnits: number;
  readonly packDiscount: Dec;
  readonly packingFeePerOrder: Dec;
  readonly labelFee: Dec;
  readonly photoQcFee: Dec;
}

/** Full-managed fee figures as decimals. */
export interface FullFeeFigures {
  readonly commissionRate: Dec;
  readonly fulfilmentRates: ReadonlyMap<CategoryFamily, Dec>;
  readonly defaultValueAdded: Dec;
}

/** A pack ready for evaluation. */
export interface CompiledPack {
  readonly pack: RulePack;
  readonly semi: SemiFeeFigures;
  readonly full: FullFeeFigures;
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
 * compiled.semi.baseRate.toString() // => "0.035"
 * compiled.categories.familyOf("女装") // => "apparel"
 * ```
 */
export function compilePack(pack: RulePack): CompiledPack {
  const r = pack.rules;
  const fulfil = r["FEE-SEMI-FULFIL"].figures;
  const semi: SemiFeeFigures = {
    baseRate: toDec(r["FEE-SEMI-BASE"].figures.rate),
    tierMinRate: toDec(r["FEE-SEMI-TIER"].figures.minRate),
    tierMinMonthlyOrders: r["FEE-SEMI-TIER"].figures.minMonthlyOrders,
    firstWeightKg: toDec(fulfil.firstWeightKg),
    firstWeightFee: toDec(fulfil.firstWeightKg).times(fulfil.firstWeightFeePerKg),
    continuedFeePerKg: toDec(fulfil.continuedFeePerKg),
    billingStepKg: toDec(fulfil.billingStepKg),
    divisor: toDec(r["FEE-SEMI-VOLW"].figures.divisor),
    transferThresholdKm: r["FEE-SEMI-TRANSFER"].figures.thresholdKm,
    transferFeePerKg: toDec(r["FEE-SEMI-TRANSFER"].figures.feePerKg),
    packMinUnits: r["FEE-SEMI-PACK"].figures.minUnitsPerCarton,
    packDiscount: toDec(r["FEE-SEMI-PACK"].figures.discount),
    packingFeePerOrder: toDec(r["FEE-SEMI-PACK"].figures.packingFeePerOrder),
    labelFee: toDec(r["FEE-SEMI-LABEL"].figures.feePerOrder),
    photoQcFee: toDec(r["FEE-SEMI-PHOTOQC"].figures.feePerOrder),
  };
  const full: FullFeeFigures = {
    commissionRate: toDec(r["FEE-FULL-COMMISSION"].figures.rate),
    fulfilmentRates: new Map(
      Object.entries(r["FEE-FULL-FULFIL"].figures.rates).map(
        ([family, rate]) => [family as CategoryFamily, toDec(rate)] as const,
      ),
    ),
    defaultValueAdded: toDec(r["FEE-FULL-VAS"].figures.defaultAmount),
  };
  const warehouses = new Map<string, string>();
  for (const [canonical, names] of Object.entries(r["SEMI-K-WAREHOUSE"].figures.warehouses)) {
    warehouses.set(compactKey(canonical), canonical);
    for (const name of names) warehouses.set(compactKey(name), canonical);
  }
  return {
    pack,
    semi,
    full,
    categories: buildCategoryMatcher(pack.categoryKeywords, pack.categoryNames),
    warehouses,
    marketLanguages: new Map(Object.entries(r["FULL-K-MANUAL-LANG"].figures.marketLanguages)),
  };
}

export { Dec };
