/**
 * A rule pack made ready for evaluation: figures as exact decimals, category and
 * warehouse matchers built. Built once per pack (per runtime), never per row.
 * @packageDocumentation
 */
import { buildCategoryMatcher, type CategoryFamily, type CategoryMatcher } from "./categories";
import { Dec, toDec } from "./money";
import { mulScaled, roundUnits, scaledOf, type Scaled } from "./exact";
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

/** Fee figures as scaled integers for the exact fast path (see exact.ts). */
export interface ScaledFigures {
  readonly semi: {
    readonly baseRate: Scaled;
    readonly firstWeightKg: Scaled;
    readonly firstWeightFee: Scaled;
    readonly billingStepKg: Scaled;
    /** The fee of one billing step: step × continued rate. */
    readonly stepFee: Scaled;
    readonly divisor: Scaled;
    readonly transferFeePerKg: Scaled;
    readonly packDiscount: Scaled;
    readonly packingFeePerOrder: Scaled;
    readonly labelFen: number;
    readonly photoQcFen: number;
  };
  readonly full: {
    readonly commissionRate: Scaled;
    readonly fulfilmentRates: ReadonlyMap<CategoryFamily, Scaled>;
    readonly defaultValueAdded: Scaled;
  };
}

/** A pack ready for evaluation. */
export interface CompiledPack {
  readonly pack: RulePack;
  readonly semi: SemiFeeFigures;
  readonly full: FullFeeFigures;
  /** The fee figures as scaled integers, or undefined when one does not fit (then decimal.js is used throughout). */
  readonly scaled: ScaledFigures | undefined;
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
    scaled: scaleFigures(pack),
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

/** The fee figures as scaled integers, or undefined if any figure has too many digits. */
function scaleFigures(pack: RulePack): ScaledFigures | undefined {
  const r = pack.rules;
  const f = r["FEE-SEMI-FULFIL"].figures;
  const firstWeightKg = scaledOf(f.firstWeightKg);
  const perKg = scaledOf(f.firstWeightFeePerKg);
  const billingStepKg = scaledOf(f.billingStepKg);
  const continued = scaledOf(f.continuedFeePerKg);
  const firstWeightFee = firstWeightKg && perKg && mulScaled(firstWeightKg, perKg);
  const stepFee = billingStepKg && continued && mulScaled(billingStepKg, continued);
  const label = scaledOf(r["FEE-SEMI-LABEL"].figures.feePerOrder);
  const photo = scaledOf(r["FEE-SEMI-PHOTOQC"].figures.feePerOrder);
  const labelFen = label && roundUnits(label, 2);
  const photoQcFen = photo && roundUnits(photo, 2);
  const semi = {
    baseRate: scaledOf(r["FEE-SEMI-BASE"].figures.rate),
    firstWeightKg,
    firstWeightFee,
    billingStepKg,
    stepFee,
    divisor: scaledOf(r["FEE-SEMI-VOLW"].figures.divisor),
    transferFeePerKg: scaledOf(r["FEE-SEMI-TRANSFER"].figures.feePerKg),
    packDiscount: scaledOf(r["FEE-SEMI-PACK"].figures.discount),
    packingFeePerOrder: scaledOf(r["FEE-SEMI-PACK"].figures.packingFeePerOrder),
    labelFen,
    photoQcFen,
  };
  const rates = new Map<CategoryFamily, Scaled>();
  for (const [family, rate] of Object.entries(r["FEE-FULL-FULFIL"].figures.rates)) {
    const s = scaledOf(rate);
    if (!s) return undefined;
    rates.set(family as CategoryFamily, s);
  }
  const full = {
    commissionRate: scaledOf(r["FEE-FULL-COMMISSION"].figures.rate),
    fulfilmentRates: rates,
    defaultValueAdded: scaledOf(r["FEE-FULL-VAS"].figures.defaultAmount),
  };
  if (Object.values(semi).some((v) => v === undefined) || Object.values(full).some((v) => v === undefined))
    return undefined;
  return { semi, full } as ScaledFigures;
}

export { Dec };
