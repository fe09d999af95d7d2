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
import { Dec, roundFen, roundKg3, toDec, ZERO } from "./money";
import {
  addScaled,
  divCeil,
  divRoundHalfUp,
  mulInt,
  mulScaled,
  pow10,
  roundUnits,
  scaledOf,
  type Scaled,
} from "./exact";
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
  /** The amount in fen (0.01 CNY), an exact integer: the component rounded half-up. */
  readonly fen: number;
  /** The same amount in CNY as an exact decimal. */
  readonly amount: Dec;
}

/** The weights the semi-managed fee was billed on. Exact decimals, plus numbers for output cells. */
export interface FeeWeights {
  readonly volumetricKg: Dec;
  readonly chargeableKg: Dec;
  readonly billableKg: Dec;
  /** For output cells: volumetric and chargeable rounded half-up to 3 decimals; billable exact. */
  readonly display: {
    readonly volumetricKg: number;
    readonly chargeableKg: number;
    readonly billableKg: number;
  };
}

/** A computed fee. Amounts in fen are exact integers; the Dec views are built on demand. */
export interface FeeBreakdown {
  readonly mode: FeeMode;
  readonly components: readonly FeeComponent[];
  /** Sum of the rounded components, in fen. */
  readonly totalFen: number;
  /** The order amount in CNY, rounded to the fen. */
  readonly amountCnyFen: number;
  /** amountCny − total, in fen. */
  readonly netPayoutFen: number;
  readonly total: Dec;
  readonly amountCny: Dec;
  readonly netPayout: Dec;
  /** The percentage applied to the amount for the base fee (semi) or fulfilment (full). */
  readonly rate: Dec;
  readonly weights?: FeeWeights | undefined;
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
  /**
   * Full-managed fulfilment rate (fraction) for a category the pack has no rate for (e.g. sports &
   * outdoor), or for an order without a category. A category with a rate keeps it.
   */
  readonly fulfilmentRate?: number;
  /** Full-managed fulfilment rates (fractions) by category family, replacing the pack's for those families. */
  readonly fulfilmentRates?: Readonly<Partial<Record<CategoryFamily, number>>>;
}

/** Inputs of one order. Weights in kg, lengths in cm, amount in `currency` (default CNY). */
export interface OrderInput {
  readonly amount?: number | undefined;
  readonly currency?: string | undefined;
  readonly category?: string | undefined;
  readonly weightKg?: number | undefined;
  readonly lengthCm?: number | undefined;
  readonly widthCm?: number | undefined;
  readonly heightCm?: number | undefined;
  /** A billable weight given directly (a statement's 计费重量), used when weight and dimensions are not. */
  readonly billableKg?: number | undefined;
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

/** Every fee component id, in a fixed order. */
export const FEE_COMPONENT_IDS = Object.keys(COMPONENT_LABELS) as readonly FeeComponentId[];

/** An exact CNY decimal from integer fen. */
export function fenToDec(fen: number): Dec {
  return new Dec(fen).div(100);
}

/** An exact decimal as integer fen (it must have at most 2 decimals, e.g. after roundFen). */
function decToFen(value: Dec): number {
  return roundFen(value).times(100).toNumber();
}

/** A component with its Dec view on the prototype (object literals with getters are slow to create). */
class Component implements FeeComponent {
  constructor(
    readonly id: FeeComponentId,
    readonly ruleId: RuleId,
    readonly label: Bilingual,
    readonly fen: number,
  ) {}
  get amount(): Dec {
    return fenToDec(this.fen);
  }
}

function component(id: FeeComponentId, ruleId: RuleId, fen: number): FeeComponent {
  return new Component(id, ruleId, COMPONENT_LABELS[id], fen);
}

/** A breakdown with its Dec views on the prototype. */
class Breakdown implements FeeBreakdown {
  readonly totalFen: number;
  readonly netPayoutFen: number;
  constructor(
    readonly mode: FeeMode,
    readonly components: readonly FeeComponent[],
    readonly amountCnyFen: number,
    readonly rate: Dec,
    readonly weights: FeeWeights | undefined,
  ) {
    let total = 0;
    for (const c of components) total += c.fen;
    this.totalFen = total;
    this.netPayoutFen = amountCnyFen - total;
  }
  get total(): Dec {
    return fenToDec(this.totalFen);
  }
  get amountCny(): Dec {
    return fenToDec(this.amountCnyFen);
  }
  get netPayout(): Dec {
    return fenToDec(this.netPayoutFen);
  }
}

/** Exact semi-managed weights kept as fractions; Dec views are built on demand. */
class FractionWeights implements FeeWeights {
  readonly display: FeeWeights["display"];
  constructor(
    private readonly volN: number,
    private readonly volD: number,
    private readonly chN: number,
    private readonly chD: number,
    private readonly billable: Scaled,
  ) {
    this.display = {
      volumetricKg: divRoundHalfUp(volN * 1000, volD) / 1000,
      chargeableKg: divRoundHalfUp(chN * 1000, chD) / 1000,
      billableKg: billable.units / (pow10(billable.scale) as number),
    };
  }
  get volumetricKg(): Dec {
    return new Dec(this.volN).div(this.volD);
  }
  get chargeableKg(): Dec {
    return new Dec(this.chN).div(this.chD);
  }
  get billableKg(): Dec {
    return new Dec(this.billable.units).div(pow10(this.billable.scale) as number);
  }
}

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
  /** The rate as a scaled integer for the exact fast path, when it fits. */
  readonly scaled?: Scaled | undefined;
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
  if (negotiatedRate === undefined)
    return { rate: semi.baseRate, scaled: compiled.scaled?.semi.baseRate, issues: [] };
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
      scaled: scaledOf(negotiatedRate),
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
  return { rate, scaled: scaledOf(negotiatedRate), issues: [] };
}

/** The exchange rate to apply to an order amount (undefined for CNY), or the issue saying why there is none. */
function exchangeRate(
  ruleId: RuleId,
  currency: string | undefined,
  fxRate: number | undefined,
  locate?: Locate,
): { fx: number | undefined } | { issue: Issue } {
  const code = currency === undefined || currency === "" ? "CNY" : currency;
  if (code === "CNY") return { fx: undefined };
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
  return { fx: fxRate };
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

/** The money inputs of a semi-managed order (its weights are computed before). */
interface SemiInputs {
  readonly amount: number;
  readonly fx: number | undefined;
}

/** Weights plus the number of billing steps above the first-weight unit. */
interface WeightsAndSteps {
  readonly weights: FeeWeights;
  /** billable = first-weight unit + steps × billing step. */
  readonly steps: number;
}

/**
 * FEE-SEMI-VOLW / FEE-SEMI-CHARGEW / FEE-SEMI-FULFIL weights on safe integers: volumetric
 * N/D = L·W·H ÷ divisor kept as a fraction, chargeable = the larger fraction, and the number of
 * billing steps ⌈(chargeable − first) ÷ step⌉. Undefined when an integer would overflow (the
 * caller then uses decimal.js).
 */
export function semiWeightsExact(
  compiled: CompiledPack,
  weightKg: number,
  l: number,
  w: number,
  h: number,
): WeightsAndSteps | undefined {
  const x = compiled.scaled?.semi;
  const actual = scaledOf(weightKg);
  const L = scaledOf(l);
  const W = scaledOf(w);
  const H = scaledOf(h);
  if (!x || !actual || !L || !W || !H) return undefined;
  const LW = mulScaled(L, W);
  const V = LW && mulScaled(LW, H);
  if (!V) return undefined;
  // volumetric = V / divisor = (V.units · 10^div.scale) / (div.units · 10^V.scale)
  const volN = mulInt(V.units, pow10(x.divisor.scale) ?? NaN);
  const volD = mulInt(x.divisor.units, pow10(V.scale) ?? NaN);
  if (volN === undefined || volD === undefined) return undefined;
  const actualN = actual.units;
  const actualD = pow10(actual.scale) as number;
  const lhs = mulInt(actualN, volD);
  const rhs = mulInt(volN, actualD);
  if (lhs === undefined || rhs === undefined) return undefined;
  const [N, D] = lhs >= rhs ? [actualN, actualD] : [volN, volD];
  // steps = ⌈(N/D − f) / s⌉ = ⌈(N·10^fs − F·D)·10^ss / (D·10^fs·S)⌉
  const f = x.firstWeightKg;
  const st = x.billingStepKg;
  const nf = mulInt(N, pow10(f.scale) ?? NaN);
  const fd = mulInt(f.units, D);
  if (nf === undefined || fd === undefined) return undefined;
  let steps = 0;
  if (nf > fd) {
    const num = mulInt(nf - fd, pow10(st.scale) ?? NaN);
    const d1 = mulInt(D, pow10(f.scale) ?? NaN);
    const den = d1 === undefined ? undefined : mulInt(d1, st.units);
    if (num === undefined || den === undefined) return undefined;
    steps = divCeil(num, den);
  }
  const above = mulScaled({ units: steps, scale: 0 }, st);
  const billable = above && addScaled(f, above);
  if (!billable || mulInt(volN, 1000) === undefined || mulInt(N, 1000) === undefined) return undefined;
  return { steps, weights: new FractionWeights(volN, volD, N, D, billable) };
}

/** The same weights with decimal.js: the fallback when the integers would overflow. */
function weightsDecimal(
  compiled: CompiledPack,
  weightKg: number,
  l: number,
  w: number,
  h: number,
): WeightsAndSteps {
  const semi = compiled.semi;
  const volumetricKg = volumetricWeightKg(l, w, h, semi.divisor);
  const chargeableKg = chargeableWeightKg(toDec(weightKg), volumetricKg);
  const billableKg = billableWeightKg(chargeableKg, semi.firstWeightKg, semi.billingStepKg);
  return {
    steps: billableKg.minus(semi.firstWeightKg).div(semi.billingStepKg).toNumber(),
    weights: {
      volumetricKg,
      chargeableKg,
      billableKg,
      display: {
        volumetricKg: roundKg3(volumetricKg).toNumber(),
        chargeableKg: roundKg3(chargeableKg).toNumber(),
        billableKg: billableKg.toNumber(),
      },
    },
  };
}

/** Weights from a billable weight given directly (re-stepped to the billing grid if it is not on it). */
function weightsFromBillable(compiled: CompiledPack, billableKg: number): WeightsAndSteps {
  const semi = compiled.semi;
  const billable = billableWeightKg(toDec(billableKg), semi.firstWeightKg, semi.billingStepKg);
  const given = toDec(billableKg);
  return {
    steps: billable.minus(semi.firstWeightKg).div(semi.billingStepKg).toNumber(),
    weights: {
      volumetricKg: given,
      chargeableKg: given,
      billableKg: billable,
      display: {
        volumetricKg: given.toNumber(),
        chargeableKg: given.toNumber(),
        billableKg: billable.toNumber(),
      },
    },
  };
}

function weightsOf(
  compiled: CompiledPack,
  weightKg: number,
  l: number,
  w: number,
  h: number,
): WeightsAndSteps {
  return semiWeightsExact(compiled, weightKg, l, w, h) ?? weightsDecimal(compiled, weightKg, l, w, h);
}

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
  return weightsOf(compiled, weightKg, lengthCm, widthCm, heightCm).weights;
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

/** The semi-managed components in fen, in order: base, fulfilment, transfer, packing, label, photo QC. */
type SemiFen = readonly [number, number, number, number, number, number];

/** The semi-managed components on safe integers; undefined when an integer would overflow. */
function semiFenFast(
  compiled: CompiledPack,
  input: SemiInputs,
  options: FeeOptions,
  rate: ResolvedRate,
  ws: WeightsAndSteps,
): { fen: SemiFen; amountCnyFen: number } | undefined {
  const x = compiled.scaled?.semi;
  const amount = scaledOf(input.amount);
  const fx = input.fx === undefined ? { units: 1, scale: 0 } : scaledOf(input.fx);
  if (!x || !amount || !fx || !rate.scaled) return undefined;
  const cny = mulScaled(amount, fx);
  const base = cny && mulScaled(cny, rate.scaled);
  const amountCnyFen = cny && roundUnits(cny, 2);
  const baseFen = base && roundUnits(base, 2);
  // fulfilment = first-weight fee + steps × step × continued rate
  const above = mulScaled({ units: ws.steps, scale: 0 }, x.stepFee);
  const fulfil = above && addScaled(x.firstWeightFee, above);
  const fulfilFen = fulfil && roundUnits(fulfil, 2);
  let transferFen: number | undefined = 0;
  if (options.distanceKm !== undefined && options.distanceKm > compiled.semi.transferThresholdKm) {
    const billable = addScaled(
      x.firstWeightKg,
      mulScaled({ units: ws.steps, scale: 0 }, x.billingStepKg) ?? { units: NaN, scale: 0 },
    );
    const transfer = billable && mulScaled(billable, x.transferFeePerKg);
    transferFen = transfer && roundUnits(transfer, 2);
  }
  const packing = options.packingFee === undefined ? x.packingFeePerOrder : scaledOf(options.packingFee);
  const discounted =
    options.unitsPerCarton !== undefined && options.unitsPerCarton >= compiled.semi.packMinUnits;
  const packed = packing && (discounted ? mulScaled(packing, x.packDiscount) : packing);
  const packingFen = packed && roundUnits(packed, 2);
  if (
    amountCnyFen === undefined ||
    baseFen === undefined ||
    fulfilFen === undefined ||
    transferFen === undefined ||
    packingFen === undefined
  ) {
    return undefined;
  }
  return {
    fen: [
      baseFen,
      fulfilFen,
      transferFen,
      packingFen,
      options.services?.label ? x.labelFen : 0,
      options.services?.photoQc ? x.photoQcFen : 0,
    ],
    amountCnyFen,
  };
}

/** The semi-managed components with decimal.js: the fallback. */
function semiFenDecimal(
  compiled: CompiledPack,
  input: SemiInputs,
  options: FeeOptions,
  rate: Dec,
  weights: FeeWeights,
): { fen: SemiFen; amountCnyFen: number } {
  const semi = compiled.semi;
  const cny = input.fx === undefined ? toDec(input.amount) : toDec(input.amount).times(toDec(input.fx));
  const transfer =
    options.distanceKm !== undefined && options.distanceKm > semi.transferThresholdKm
      ? weights.billableKg.times(semi.transferFeePerKg)
      : ZERO;
  const packingFee = options.packingFee === undefined ? semi.packingFeePerOrder : toDec(options.packingFee);
  const discounted = options.unitsPerCarton !== undefined && options.unitsPerCarton >= semi.packMinUnits;
  return {
    fen: [
      decToFen(cny.times(rate)),
      decToFen(semiFulfilmentFee(compiled, weights.billableKg)),
      decToFen(transfer),
      decToFen(discounted ? packingFee.times(semi.packDiscount) : packingFee),
      options.services?.label ? decToFen(semi.labelFee) : 0,
      options.services?.photoQc ? decToFen(semi.photoQcFee) : 0,
    ],
    amountCnyFen: decToFen(cny),
  };
}

const SEMI_COMPONENTS: ReadonlyArray<readonly [FeeComponentId, RuleId]> = [
  ["base", "FEE-SEMI-BASE"],
  ["fulfilment", "FEE-SEMI-FULFIL"],
  ["transfer", "FEE-SEMI-TRANSFER"],
  ["packing", "FEE-SEMI-PACK"],
  ["label", "FEE-SEMI-LABEL"],
  ["photoQc", "FEE-SEMI-PHOTOQC"],
];

/** Which arithmetic computes fees: the exact integer fast path with decimal.js fallback (default), or decimal.js only. */
export type FeeArithmetic = "auto" | "decimal";

/**
 * Semi-managed fee (rules-spec §1.1): base (or tier) rate on the amount, fulfilment by
 * billable weight, transfer surcharge beyond 200 km, packing (× 0.9 from 12 per carton),
 * labelling and photo QC when chosen.
 *
 * @param rate - the resolved base rate (see {@link resolveSemiRate}); resolve it once per run.
 * @param arithmetic - "decimal" forces decimal.js (the tests use it as the reference).
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
  arithmetic: FeeArithmetic = "auto",
): FeeResult {
  const issues: Issue[] = [...rate.issues];
  const { amount, weightKg, lengthCm, widthCm, heightCm } = order;
  const complete =
    weightKg !== undefined && lengthCm !== undefined && widthCm !== undefined && heightCm !== undefined;
  const ws = complete
    ? arithmetic === "decimal"
      ? weightsDecimal(compiled, weightKg, lengthCm, widthCm, heightCm)
      : weightsOf(compiled, weightKg, lengthCm, widthCm, heightCm)
    : order.billableKg !== undefined
      ? weightsFromBillable(compiled, order.billableKg)
      : undefined;
  const weights = ws?.weights;
  if (amount === undefined) issues.push(missingInput("FEE-SEMI-BASE", "amount", LABEL.amount, locate));
  if (!ws) {
    for (const [key, field] of SEMI_WEIGHT_INPUTS) {
      if (order[key] === undefined)
        issues.push(missingInput("FEE-SEMI-CHARGEW", field, LABEL[field], locate));
    }
  }
  if (amount === undefined || !ws || rate.rate === undefined) return { fee: undefined, weights, issues };
  const fx = exchangeRate("FEE-SEMI-BASE", order.currency, options.fxRate, locate);
  if ("issue" in fx) return { fee: undefined, weights, issues: [...issues, fx.issue] };
  const input: SemiInputs = { amount, fx: fx.fx };
  const fen =
    (arithmetic === "auto" ? semiFenFast(compiled, input, options, rate, ws) : undefined) ??
    semiFenDecimal(compiled, input, options, rate.rate, ws.weights);
  const components = SEMI_COMPONENTS.map(([id, ruleId], i) => component(id, ruleId, fen.fen[i] as number));
  return { fee: breakdown("semi", components, fen.amountCnyFen, rate.rate, ws.weights), weights, issues };
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
  arithmetic: FeeArithmetic = "auto",
): FeeResult {
  const full = compiled.full;
  const issues: Issue[] = [];
  if (order.amount === undefined)
    issues.push(missingInput("FEE-FULL-COMMISSION", "amount", LABEL.amount, locate));
  let fulfilRate: Dec | undefined;
  let fulfilScaled: Scaled | undefined;
  if (order.category === undefined) {
    if (options.fulfilmentRate !== undefined) {
      fulfilRate = toDec(options.fulfilmentRate);
      fulfilScaled = scaledOf(options.fulfilmentRate);
    } else issues.push(missingInput("FEE-FULL-FULFIL", "category", LABEL.category, locate));
  } else {
    const family: CategoryFamily = compiled.categories.familyOf(order.category);
    // The user's rate for this family, else the pack's, else the user's rate for a category without one.
    const given =
      options.fulfilmentRates?.[family] ??
      (full.fulfilmentRates.has(family) ? undefined : options.fulfilmentRate);
    if (given !== undefined) {
      fulfilRate = toDec(given);
      fulfilScaled = scaledOf(given);
    } else {
      fulfilRate = full.fulfilmentRates.get(family);
      fulfilScaled = compiled.scaled?.full.fulfilmentRates.get(family);
    }
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
  const fx = exchangeRate("FEE-FULL-COMMISSION", order.currency, options.fxRate, locate);
  if ("issue" in fx) return { fee: undefined, weights: undefined, issues: [...issues, fx.issue] };
  const fen =
    (arithmetic === "auto"
      ? fullFenFast(compiled, order.amount, fx.fx, fulfilScaled, options.valueAdded)
      : undefined) ?? fullFenDecimal(compiled, order.amount, fx.fx, fulfilRate, options.valueAdded);
  const components = [
    component("commission", "FEE-FULL-COMMISSION", fen.fen[0]),
    component("fulfilment", "FEE-FULL-FULFIL", fen.fen[1]),
    component("valueAdded", "FEE-FULL-VAS", fen.fen[2]),
  ];
  return {
    fee: breakdown("full", components, fen.amountCnyFen, fulfilRate, undefined),
    weights: undefined,
    issues,
  };
}

function fullFenFast(
  compiled: CompiledPack,
  amount: number,
  fxRate: number | undefined,
  fulfilRate: Scaled | undefined,
  valueAdded: number | undefined,
): { fen: readonly [number, number, number]; amountCnyFen: number } | undefined {
  const x = compiled.scaled?.full;
  const a = scaledOf(amount);
  const fx = fxRate === undefined ? { units: 1, scale: 0 } : scaledOf(fxRate);
  const vas = valueAdded === undefined ? x?.defaultValueAdded : scaledOf(valueAdded);
  if (!x || !a || !fx || !fulfilRate || !vas) return undefined;
  const cny = mulScaled(a, fx);
  const commission = cny && mulScaled(cny, x.commissionRate);
  const fulfil = cny && mulScaled(cny, fulfilRate);
  const amountCnyFen = cny && roundUnits(cny, 2);
  const commissionFen = commission && roundUnits(commission, 2);
  const fulfilFen = fulfil && roundUnits(fulfil, 2);
  const vasFen = roundUnits(vas, 2);
  if (
    amountCnyFen === undefined ||
    commissionFen === undefined ||
    fulfilFen === undefined ||
    vasFen === undefined
  )
    return undefined;
  return { fen: [commissionFen, fulfilFen, vasFen], amountCnyFen };
}

function fullFenDecimal(
  compiled: CompiledPack,
  amount: number,
  fxRate: number | undefined,
  fulfilRate: Dec,
  valueAdded: number | undefined,
): { fen: readonly [number, number, number]; amountCnyFen: number } {
  const cny = fxRate === undefined ? toDec(amount) : toDec(amount).times(toDec(fxRate));
  const vas = valueAdded === undefined ? compiled.full.defaultValueAdded : toDec(valueAdded);
  return {
    fen: [decToFen(cny.times(compiled.full.commissionRate)), decToFen(cny.times(fulfilRate)), decToFen(vas)],
    amountCnyFen: decToFen(cny),
  };
}

function breakdown(
  mode: FeeMode,
  components: FeeComponent[],
  amountCnyFen: number,
  rate: Dec,
  weights: FeeWeights | undefined,
): FeeBreakdown {
  return new Breakdown(mode, components, amountCnyFen, rate, weights);
}
