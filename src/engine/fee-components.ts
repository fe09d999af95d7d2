/**
 * The fee components as data: each is `{ id, ruleId, label, amount(ctx, a) }`, its amount
 * written once over the arithmetic interface ({@link Arith}) and computed by both instances
 * (exact scaled integers, and decimal.js as the fallback and reference). The figures they read
 * are compiled from the rule pack once per instance by {@link feeFigures}.
 *
 * To add a component: its figure in the pack (pack/default.ts), its id, figure and entry here,
 * and its output column (pipeline/outputs.ts).
 * @packageDocumentation
 */
import type { Arith } from "./arith";
import type { CategoryFamily } from "./categories";
import type { FeeOptions } from "./fees";
import type { Bilingual } from "./issues";
import type { RuleId, RulePack } from "./pack/default";

/** A fee component id. Semi: base, fulfilment, transfer, packing, label, photoQc. Full: commission, fulfilment, valueAdded. */
export type FeeComponentId =
  "base" | "fulfilment" | "transfer" | "packing" | "label" | "photoQc" | "commission" | "valueAdded";

/** The fee figures of a pack in one arithmetic. */
export interface FeeFigures<T> {
  readonly baseRate: T;
  readonly tierMinRate: T;
  readonly firstWeightKg: T;
  /** The fee of the first-weight unit: first weight × its fee per kg. */
  readonly firstWeightFee: T;
  readonly billingStepKg: T;
  /** The fee of one billing step: step × continued fee per kg. */
  readonly stepFee: T;
  readonly continuedFeePerKg: T;
  readonly divisor: T;
  readonly transferFeePerKg: T;
  readonly packDiscount: T;
  readonly packingFeePerOrder: T;
  readonly labelFee: T;
  readonly photoQcFee: T;
  readonly commissionRate: T;
  readonly fulfilmentRates: ReadonlyMap<CategoryFamily, T>;
  readonly defaultValueAdded: T;
  readonly zero: T;
  readonly one: T;
}

/** Figures that are counts or thresholds, compared as numbers. */
export interface FeeThresholds {
  readonly tierMinMonthlyOrders: number;
  readonly transferThresholdKm: number;
  readonly packMinUnits: number;
}

/**
 * The pack's fee figures in arithmetic `a`, or undefined when one does not fit it (exact only).
 *
 * @example
 * ```ts
 * feeFigures(defaultRulePack(), decimalArith)?.stepFee.toString() // => "1" (0.5 kg × 2 CNY/kg)
 * ```
 */
export function feeFigures<T>(pack: RulePack, a: Arith<T>): FeeFigures<T> | undefined {
  const r = pack.rules;
  const f = r["FEE-SEMI-FULFIL"].figures;
  const mul = (x: T | undefined, y: T | undefined) =>
    x === undefined || y === undefined ? undefined : a.mul(x, y);
  const firstWeightKg = a.of(f.firstWeightKg);
  const billingStepKg = a.of(f.billingStepKg);
  const rates = new Map<CategoryFamily, T>();
  for (const [family, rate] of Object.entries(r["FEE-FULL-FULFIL"].figures.rates)) {
    const x = a.of(rate);
    if (x === undefined) return undefined;
    rates.set(family as CategoryFamily, x);
  }
  const figures = {
    baseRate: a.of(r["FEE-SEMI-BASE"].figures.rate),
    tierMinRate: a.of(r["FEE-SEMI-TIER"].figures.minRate),
    firstWeightKg,
    firstWeightFee: mul(firstWeightKg, a.of(f.firstWeightFeePerKg)),
    billingStepKg,
    stepFee: mul(billingStepKg, a.of(f.continuedFeePerKg)),
    continuedFeePerKg: a.of(f.continuedFeePerKg),
    divisor: a.of(r["FEE-SEMI-VOLW"].figures.divisor),
    transferFeePerKg: a.of(r["FEE-SEMI-TRANSFER"].figures.feePerKg),
    packDiscount: a.of(r["FEE-SEMI-PACK"].figures.discount),
    packingFeePerOrder: a.of(r["FEE-SEMI-PACK"].figures.packingFeePerOrder),
    labelFee: a.of(r["FEE-SEMI-LABEL"].figures.feePerOrder),
    photoQcFee: a.of(r["FEE-SEMI-PHOTOQC"].figures.feePerOrder),
    commissionRate: a.of(r["FEE-FULL-COMMISSION"].figures.rate),
    fulfilmentRates: rates,
    defaultValueAdded: a.of(r["FEE-FULL-VAS"].figures.defaultAmount),
    zero: a.of(0),
    one: a.of(1),
  };
  return Object.values(figures).some((v) => v === undefined) ? undefined : (figures as FeeFigures<T>);
}

/** The pack's fee thresholds. */
export function feeThresholds(pack: RulePack): FeeThresholds {
  const r = pack.rules;
  return {
    tierMinMonthlyOrders: r["FEE-SEMI-TIER"].figures.minMonthlyOrders,
    transferThresholdKm: r["FEE-SEMI-TRANSFER"].figures.thresholdKm,
    packMinUnits: r["FEE-SEMI-PACK"].figures.minUnitsPerCarton,
  };
}

/** What a component's amount is computed from, in one arithmetic. */
export interface FeeContext<T> {
  readonly fig: FeeFigures<T>;
  readonly limits: FeeThresholds;
  readonly options: FeeOptions;
  /** The order amount in CNY. */
  readonly amountCny: T;
  /** The percentage applied to the amount: the semi base (or tier) rate, the full fulfilment rate. */
  readonly rate: T;
  /** Semi: billing steps above the first-weight unit (billable = first + steps × step). */
  readonly steps: number;
}

/** One fee component: its amount before rounding to the fen, undefined when it does not fit. */
export interface FeeComponentDef {
  readonly id: FeeComponentId;
  readonly ruleId: RuleId;
  readonly label: Bilingual;
  amount<T>(ctx: FeeContext<T>, a: Arith<T>): T | undefined;
}

/** x · steps, for a whole number of billing steps. */
function times<T>(a: Arith<T>, x: T, steps: number): T | undefined {
  const n = a.of(steps);
  return n === undefined ? undefined : a.mul(n, x);
}

/**
 * Semi-managed components (rules-spec §1.1), in order: base (or tier) rate on the amount,
 * fulfilment by billable weight, transfer beyond the distance threshold, packing (discounted
 * from a carton size), labelling and photo QC when chosen.
 */
export const SEMI_COMPONENTS: readonly FeeComponentDef[] = [
  {
    id: "base",
    ruleId: "FEE-SEMI-BASE",
    label: { en: "Base service fee", zh: "基础服务费" },
    amount: (c, a) => a.mul(c.amountCny, c.rate),
  },
  {
    id: "fulfilment",
    ruleId: "FEE-SEMI-FULFIL",
    label: { en: "Fulfilment fee", zh: "履约费" },
    // first-weight fee + steps × (step × continued fee per kg)
    amount(c, a) {
      const above = times(a, c.fig.stepFee, c.steps);
      return above === undefined ? undefined : a.add(c.fig.firstWeightFee, above);
    },
  },
  {
    id: "transfer",
    ruleId: "FEE-SEMI-TRANSFER",
    label: { en: "Transfer surcharge", zh: "转运费" },
    amount(c, a) {
      const km = c.options.distanceKm;
      if (km === undefined || !(km > c.limits.transferThresholdKm)) return c.fig.zero;
      const above = times(a, c.fig.billingStepKg, c.steps);
      const billable = above === undefined ? undefined : a.add(c.fig.firstWeightKg, above);
      return billable === undefined ? undefined : a.mul(billable, c.fig.transferFeePerKg);
    },
  },
  {
    id: "packing",
    ruleId: "FEE-SEMI-PACK",
    label: { en: "Packing fee", zh: "打包费" },
    amount(c, a) {
      const given = c.options.packingFee;
      const packing = given === undefined ? c.fig.packingFeePerOrder : a.of(given);
      const units = c.options.unitsPerCarton;
      const discounted = units !== undefined && units >= c.limits.packMinUnits;
      return packing !== undefined && discounted ? a.mul(packing, c.fig.packDiscount) : packing;
    },
  },
  {
    id: "label",
    ruleId: "FEE-SEMI-LABEL",
    label: { en: "Labelling", zh: "贴标" },
    amount: (c) => (c.options.services?.label ? c.fig.labelFee : c.fig.zero),
  },
  {
    id: "photoQc",
    ruleId: "FEE-SEMI-PHOTOQC",
    label: { en: "Photo QC", zh: "拍照质检" },
    amount: (c) => (c.options.services?.photoQc ? c.fig.photoQcFee : c.fig.zero),
  },
];

/** Full-managed components (rules-spec §1.2): commission and the category's fulfilment rate on the amount, value-added. */
export const FULL_COMPONENTS: readonly FeeComponentDef[] = [
  {
    id: "commission",
    ruleId: "FEE-FULL-COMMISSION",
    label: { en: "Base commission", zh: "基础佣金" },
    amount: (c, a) => a.mul(c.amountCny, c.fig.commissionRate),
  },
  {
    id: "fulfilment",
    ruleId: "FEE-FULL-FULFIL",
    label: { en: "Fulfilment fee", zh: "履约费" },
    amount: (c, a) => a.mul(c.amountCny, c.rate),
  },
  {
    id: "valueAdded",
    ruleId: "FEE-FULL-VAS",
    label: { en: "Value-added services", zh: "增值服务费" },
    amount: (c, a) =>
      c.options.valueAdded === undefined ? c.fig.defaultValueAdded : a.of(c.options.valueAdded),
  },
];

/** Every component's label by id (semi first, then full; "fulfilment" is the same in both). */
export const COMPONENT_LABELS: Readonly<Record<FeeComponentId, Bilingual>> = Object.fromEntries(
  [...SEMI_COMPONENTS, ...FULL_COMPONENTS].map((c) => [c.id, c.label]),
) as Record<FeeComponentId, Bilingual>;

/** Every fee component id, in a fixed order (semi's, then full's). */
export const FEE_COMPONENT_IDS: readonly FeeComponentId[] = [
  ...new Set([...SEMI_COMPONENTS, ...FULL_COMPONENTS].map((c) => c.id)),
];

/** Whether a text is a fee component id. */
export function isFeeComponentId(id: string): id is FeeComponentId {
  return (FEE_COMPONENT_IDS as readonly string[]).includes(id);
}
