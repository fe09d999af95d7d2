/**
 * Fees (rules-spec §1): semi-managed (B) and full-managed (A) fee breakdowns. Each
 * component is rounded to the fen half-up; the total is the sum of the rounded components.
 * A fee that cannot be computed is an issue, never a zero.
 * @packageDocumentation
 */
import type { CompiledPack } from "./compile";
import type { CategoryFamily } from "./categories";
import { FAMILY_LABELS } from "./categories";
import type { FieldName } from "./fields";
import type { Bilingual, Issue, Severity } from "./issues";
import { formatFen, roundFen, toDec, ZERO, type Dec } from "./money";
import type { RuleId } from "./pack/default";
import { billableWeightKg, chargeableWeightKg, volumetricWeightKg } from "./weights";

/** The fee modes (self-fulfilled has no fee schedule in the sources). */
export type FeeMode = "full" | "semi";

/** A fee component id. Semi: base, fulfilment, transfer, packing, label, photoQc. Full: commission, fulfilment, valueAdded. */
export type FeeComponentId =
  "base" | "fulfilment" | "transfer" | "packing" | "label" | "photoQc" | "commission" | "valueAdded";

/** One rounded fee component. */
export interface FeeComponent {
  readonly id: FeeComponentId;
  readonly ruleId: RuleId;
  readonly label: Bilingual;
  /** Rounded to 0.01 CNY, half-up. */
  readonly amount: Dec;
}

/** The weights the semi-managed fee was billed on. */
export interface FeeWeights {
  readonly volumetricKg: Dec;
  readonly chargeableKg: Dec;
  readonly billableKg: Dec;
}

/** A computed fee. */
export interface FeeBreakdown {
  readonly mode: FeeMode;
  readonly components: readonly FeeComponent[];
  /** Sum of the rounded components. */
  readonly total: Dec;
  /** The order amount in CNY, rounded to the fen. */
  readonly amountCny: Dec;
  /** amountCny − total. */
  readonly netPayout: Dec;
  /** The percentage applied to the amount for the base fee (semi) or fulfilment (full). */
  readonly rate: Dec;
  readonly weights?: FeeWeights;
}

/** The result of a fee computation: a breakdown (with any warnings), or only issues. */
export interface FeeResult {
  readonly fee: FeeBreakdown | undefined;
  /** Semi-managed weights when the dimensions and weight were readable, even if the fee was not computable. */
  readonly weights: FeeWeights | undefined;
  readonly issues: readonly Issue[];
}

/** Value-added services chosen for the semi-managed fee. */
export interface ServiceChoice {
  readonly label: boolean;
  readonly photoQc: boolean;
}

/** Run-wide fee inputs (rules-spec §0); a row's column of the same name overrides them. */
export interface FeeOptions {
  readonly services?: ServiceChoice;
  readonly distanceKm?: number;
  readonly unitsPerCarton?: number;
  /** A negotiated semi-managed base rate (fraction). */
  readonly negotiatedRate?: number;
  readonly monthlyOrders?: number;
  /** The currency of amounts that do not name one (default CNY). */
  readonly currency?: string;
  /** CNY per unit of the amount's currency. */
  readonly fxRate?: number;
  /** Packing fee per order, CNY (default from the pack: 0). */
  readonly packingFee?: number;
  /** Full-managed value-added amount per order, CNY (default from the pack: 0). */
  readonly valueAdded?: number;
  /** Full-managed fulfilment rate for this category, replacing the pack's (fraction). */
  readonly fulfilmentRate?: number;
}

/** Inputs of one order. Weights in kg, lengths in cm, amount in `currency` (default CNY). */
export interface OrderInput {
  readonly amount?: number;
  readonly currency?: string;
  readonly category?: string;
  readonly weightKg?: number;
  readonly lengthCm?: number;
  readonly widthCm?: number;
  readonly heightCm?: number;
}

/** The order inputs of the semi-managed weights and the sheet fields they come from. */
export const SEMI_WEIGHT_INPUTS = [
  ["weightKg", "weight"],
  ["lengthCm", "length"],
  ["widthCm", "width"],
  ["heightCm", "height"],
] as const;

/** Where a fee input came from, so an issue can name the cell or argument. */
export type Locate = (field: FieldName) => Pick<Issue, "cell"> | undefined;

const COMPONENT_LABELS: Readonly<Record<FeeComponentId, Bilingual>> = {
  base: { en: "Base service fee", zh: "基础服务费" },
  fulfilment: { en: "Fulfilment fee", zh: "履约费" },
  transfer: { en: "Transfer surcharge", zh: "转运费" },
  packing: { en: "Packing fee", zh: "打包费" },
  label: { en: "Labelling", zh: "贴标" },
  photoQc: { en: "Photo QC", zh: "拍照质检" },
  commission: { en: "Base commission", zh: "基础佣金" },
  valueAdded: { en: "Value-added services", zh: "增值服务费" },
};

const component = (id: FeeComponentId, ruleId: RuleId, amount: Dec): FeeComponent => ({
  id,
  ruleId,
  label: COMPONENT_LABELS[id],
  amount: roundFen(amount),
});

function makeIssue(
  ruleId: RuleId,
  severity: Severity,
  field: FieldName,
  expected: string,
  received: string,
  message: Bilingual,
  locate?: Locate,
): Issue {
  const where = locate?.(field);
  return {
    ruleId,
    severity,
    field,
    expected,
    received,
    message,
    ...(where?.cell ? { cell: where.cell } : {}),
  };
}

/** A resolved base rate for the semi-managed fee: the rate to apply, or undefined when refused, and the tier issues. */
export interface ResolvedRate {
  readonly rate: Dec | undefined;
  readonly issues: readonly Issue[];
}

/**
 * FEE-SEMI-BASE / FEE-SEMI-TIER: the semi-managed base rate. Without a negotiated rate, 3.5 %.
 * A negotiated rate below 2.2 % is refused (error); below 3.5 % with fewer than 5,000 monthly
 * orders (or unknown) it is applied with a warning.
 *
 * @example
 * ```ts
 * resolveSemiRate(compiled, undefined, undefined).rate?.toString() // => "0.035"
 * resolveSemiRate(compiled, 0.028, 6000).issues.length            // => 0
 * resolveSemiRate(compiled, 0.028, 4000).issues[0]?.severity      // => "warning"
 * resolveSemiRate(compiled, 0.02, 9000).rate                      // => undefined (error issue)
 * ```
 */
export function resolveSemiRate(
  compiled: CompiledPack,
  negotiatedRate: number | undefined,
  monthlyOrders: number | undefined,
  locate?: Locate,
): ResolvedRate {
  const semi = compiled.semi;
  if (negotiatedRate === undefined) return { rate: semi.baseRate, issues: [] };
  const rate = toDec(negotiatedRate);
  const pct = (d: Dec): string => `${d.times(100).toString()}%`;
  if (rate.lt(semi.tierMinRate)) {
    return {
      rate: undefined,
      issues: [
        makeIssue(
          "FEE-SEMI-TIER",
          compiled.pack.rules["FEE-SEMI-TIER"].severity,
          "negotiatedRate",
          `≥ ${pct(semi.tierMinRate)}`,
          pct(rate),
          {
            en: `negotiated rate ${pct(rate)} is below the ${pct(semi.tierMinRate)} floor; no fee computed`,
            zh: `阶梯费率${pct(rate)}低于最低${pct(semi.tierMinRate)}，未计算费用`,
          },
          locate,
        ),
      ],
    };
  }
  if (rate.lt(semi.baseRate) && (monthlyOrders === undefined || monthlyOrders < semi.tierMinMonthlyOrders)) {
    const orders = monthlyOrders === undefined ? "unknown" : String(monthlyOrders);
    return {
      rate,
      issues: [
        makeIssue(
          "FEE-SEMI-TIER",
          "warning",
          "monthlyOrders",
          `≥ ${semi.tierMinMonthlyOrders} monthly orders`,
          orders,
          {
            en: `negotiated rate ${pct(rate)} needs at least ${semi.tierMinMonthlyOrders} monthly orders (found ${orders}); the platform may charge ${pct(semi.baseRate)}`,
            zh: `阶梯费率${pct(rate)}需月均单量≥${semi.tierMinMonthlyOrders}（当前${monthlyOrders ?? "未知"}），平台可能按${pct(semi.baseRate)}收取`,
          },
          locate,
        ),
      ],
    };
  }
  return { rate, issues: [] };
}

/** Converts the order amount to CNY, or returns the issue saying why it cannot. */
function amountInCny(
  ruleId: RuleId,
  amount: number,
  currency: string | undefined,
  fxRate: number | undefined,
  locate?: Locate,
): { value: Dec } | { issue: Issue } {
  const code = currency === undefined || currency === "" ? "CNY" : currency;
  if (code === "CNY") return { value: toDec(amount) };
  if (fxRate === undefined || !(fxRate > 0)) {
    return {
      issue: makeIssue(
        ruleId,
        "missing",
        "fxRate",
        `an exchange rate (CNY per ${code})`,
        fxRate === undefined ? "none" : String(fxRate),
        {
          en: `the amount is in ${code}: give an exchange rate (CNY per ${code}); fee not computed`,
          zh: `金额币种为${code}，请提供汇率（每1${code}兑人民币），未计算费用`,
        },
        locate,
      ),
    };
  }
  return { value: toDec(amount).times(toDec(fxRate)) };
}

function missingInput(ruleId: RuleId, field: FieldName, label: Bilingual, locate?: Locate): Issue {
  return makeIssue(
    ruleId,
    "missing",
    field,
    `${label.en}`,
    "blank",
    {
      en: `${label.en} is needed for the fee; fee not computed`,
      zh: `计算费用需要${label.zh}，未计算费用`,
    },
    locate,
  );
}

const LABEL = {
  amount: { en: "order amount", zh: "订单金额" },
  weight: { en: "weight", zh: "重量" },
  length: { en: "length", zh: "长" },
  width: { en: "width", zh: "宽" },
  height: { en: "height", zh: "高" },
  category: { en: "category", zh: "类目" },
} as const;

/**
 * The semi-managed weights (FEE-SEMI-VOLW, FEE-SEMI-CHARGEW, billable per FEE-SEMI-FULFIL),
 * or undefined when an input is missing.
 *
 * @example
 * ```ts
 * semiWeights(compiled, { weightKg: 1.2, lengthCm: 30, widthCm: 20, heightCm: 10 })?.billableKg.toString() // => "1.5"
 * ```
 */
export function semiWeights(compiled: CompiledPack, order: OrderInput): FeeWeights | undefined {
  const { weightKg, lengthCm, widthCm, heightCm } = order;
  if (weightKg === undefined || lengthCm === undefined || widthCm === undefined || heightCm === undefined)
    return undefined;
  const semi = compiled.semi;
  const volumetricKg = volumetricWeightKg(lengthCm, widthCm, heightCm, semi.divisor);
  const chargeableKg = chargeableWeightKg(toDec(weightKg), volumetricKg);
  return {
    volumetricKg,
    chargeableKg,
    billableKg: billableWeightKg(chargeableKg, semi.firstWeightKg, semi.billingStepKg),
  };
}

/**
 * The semi-managed fulfilment fee for a billable weight: the first-weight fee, plus the
 * continued rate for each kg above the first-weight unit.
 *
 * @example
 * ```ts
 * semiFulfilmentFee(compiled, toDec(1.5)).toString() // => "6.5"
 * ```
 */
export function semiFulfilmentFee(compiled: CompiledPack, billableKg: Dec): Dec {
  const semi = compiled.semi;
  if (billableKg.lte(semi.firstWeightKg)) return semi.firstWeightFee;
  return semi.firstWeightFee.plus(billableKg.minus(semi.firstWeightKg).times(semi.continuedFeePerKg));
}

/**
 * Semi-managed fee (rules-spec §1.1): base (or tier) rate on the amount, fulfilment by
 * billable weight, transfer surcharge beyond 200 km, packing (× 0.9 from 12 per carton),
 * labelling and photo QC when chosen.
 *
 * @param rate - the resolved base rate (see {@link resolveSemiRate}); resolve it once per run.
 * @example
 * ```ts
 * const r = semiManagedFee(compiled, { amount: 100, weightKg: 1.2, lengthCm: 30, widthCm: 20, heightCm: 10 }, {}, resolveSemiRate(compiled, undefined, undefined));
 * r.fee?.total.toString() // => "10" (3.50 base + 6.50 fulfilment)
 * ```
 */
export function semiManagedFee(
  compiled: CompiledPack,
  order: OrderInput,
  options: FeeOptions,
  rate: ResolvedRate,
  locate?: Locate,
): FeeResult {
  const semi = compiled.semi;
  const issues: Issue[] = [...rate.issues];
  const weights = semiWeights(compiled, order);
  if (order.amount === undefined) issues.push(missingInput("FEE-SEMI-BASE", "amount", LABEL.amount, locate));
  if (!weights) {
    for (const [key, field] of SEMI_WEIGHT_INPUTS) {
      if (order[key] === undefined)
        issues.push(missingInput("FEE-SEMI-CHARGEW", field, LABEL[field], locate));
    }
  }
  if (order.amount === undefined || !weights || rate.rate === undefined)
    return { fee: undefined, weights, issues };
  const cny = amountInCny("FEE-SEMI-BASE", order.amount, order.currency, options.fxRate, locate);
  if ("issue" in cny) return { fee: undefined, weights, issues: [...issues, cny.issue] };

  const components: FeeComponent[] = [
    component("base", "FEE-SEMI-BASE", cny.value.times(rate.rate)),
    component("fulfilment", "FEE-SEMI-FULFIL", semiFulfilmentFee(compiled, weights.billableKg)),
    component(
      "transfer",
      "FEE-SEMI-TRANSFER",
      options.distanceKm !== undefined && options.distanceKm > semi.transferThresholdKm
        ? weights.billableKg.times(semi.transferFeePerKg)
        : ZERO,
    ),
  ];
  const packingFee = options.packingFee === undefined ? semi.packingFeePerOrder : toDec(options.packingFee);
  const discounted = options.unitsPerCarton !== undefined && options.unitsPerCarton >= semi.packMinUnits;
  components.push(
    component("packing", "FEE-SEMI-PACK", discounted ? packingFee.times(semi.packDiscount) : packingFee),
  );
  components.push(component("label", "FEE-SEMI-LABEL", options.services?.label ? semi.labelFee : ZERO));
  components.push(
    component("photoQc", "FEE-SEMI-PHOTOQC", options.services?.photoQc ? semi.photoQcFee : ZERO),
  );
  return { fee: breakdown("semi", components, cny.value, rate.rate, weights), weights, issues };
}

/**
 * Full-managed fee (rules-spec §1.2): commission 5 % plus the category's fulfilment rate on
 * the amount, plus the value-added amount. A category without a rate is a `missing` issue
 * unless `options.fulfilmentRate` gives one.
 *
 * @example
 * ```ts
 * fullManagedFee(compiled, { amount: 100, category: "女装" }, {}).fee?.total.toString() // => "8.8" (5.00 + 3.80)
 * ```
 */
export function fullManagedFee(
  compiled: CompiledPack,
  order: OrderInput,
  options: FeeOptions,
  locate?: Locate,
): FeeResult {
  const full = compiled.full;
  const issues: Issue[] = [];
  if (order.amount === undefined)
    issues.push(missingInput("FEE-FULL-COMMISSION", "amount", LABEL.amount, locate));
  let family: CategoryFamily | undefined;
  let fulfilRate: Dec | undefined;
  if (options.fulfilmentRate !== undefined) fulfilRate = toDec(options.fulfilmentRate);
  else if (order.category === undefined)
    issues.push(missingInput("FEE-FULL-FULFIL", "category", LABEL.category, locate));
  else {
    family = compiled.categories.familyOf(order.category);
    fulfilRate = full.fulfilmentRates.get(family);
    if (fulfilRate === undefined) {
      const known = [...full.fulfilmentRates.keys()].map((f) => FAMILY_LABELS[f]);
      issues.push(
        makeIssue(
          "FEE-FULL-FULFIL",
          compiled.pack.rules["FEE-FULL-FULFIL"].severity,
          "category",
          `a category with a fulfilment rate (${known.map((k) => k.en).join(", ")})`,
          `'${order.category}' (${FAMILY_LABELS[family].en})`,
          {
            en: `no full-managed fulfilment rate for category '${order.category}' (${FAMILY_LABELS[family].en}); give a rate to compute the fee`,
            zh: `类目“${order.category}”（${FAMILY_LABELS[family].zh}）无全托管履约费率，请提供费率后再计算`,
          },
          locate,
        ),
      );
    }
  }
  if (order.amount === undefined || fulfilRate === undefined)
    return { fee: undefined, weights: undefined, issues };
  const cny = amountInCny("FEE-FULL-COMMISSION", order.amount, order.currency, options.fxRate, locate);
  if ("issue" in cny) return { fee: undefined, weights: undefined, issues: [...issues, cny.issue] };
  const valueAdded = options.valueAdded === undefined ? full.defaultValueAdded : toDec(options.valueAdded);
  const components = [
    component("commission", "FEE-FULL-COMMISSION", cny.value.times(full.commissionRate)),
    component("fulfilment", "FEE-FULL-FULFIL", cny.value.times(fulfilRate)),
    component("valueAdded", "FEE-FULL-VAS", valueAdded),
  ];
  return { fee: breakdown("full", components, cny.value, fulfilRate, undefined), weights: undefined, issues };
}

function breakdown(
  mode: FeeMode,
  components: FeeComponent[],
  amountCny: Dec,
  rate: Dec,
  weights: FeeWeights | undefined,
): FeeBreakdown {
  let total = ZERO;
  for (const c of components) if (!c.amount.isZero()) total = total.plus(c.amount);
  const amountFen = roundFen(amountCny);
  return {
    mode,
    components,
    total,
    amountCny: amountFen,
    netPayout: amountFen.minus(total),
    rate,
    ...(weights ? { weights } : {}),
  };
}

/**
 * Renders a breakdown as "label amount" lines, for messages and logs.
 *
 * @example
 * ```ts
 * describeBreakdown(fee, "en") // => "Base service fee 3.50; Fulfilment fee 6.50; …; total 10.00"
 * ```
 */
export function describeBreakdown(fee: FeeBreakdown, lang: "en" | "zh"): string {
  return [
    ...fee.components.map((c) => `${c.label[lang]} ${formatFen(c.amount)}`),
    `${lang === "en" ? "total" : "合计"} ${formatFen(fee.total)}`,
  ].join("; ");
}
