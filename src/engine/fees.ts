/**
 * Fees (rules-spec §1): semi-managed (B) and full-managed (A) fee breakdowns. Each
 * component is rounded to the fen half-up; the total is the sum of the rounded components.
 * A fee that cannot be computed is an issue, never a zero. Each component is written once, as
 * data (fee-components.ts), and computed on exact scaled integers, or with decimal.js when an
 * integer would overflow (arith.ts).
 * @packageDocumentation
 */
import { decimalArith, exactArith, type Arith } from "./arith";
import type { CompiledPack } from "./compile";
import type { CategoryFamily } from "./categories";
import { FAMILY_LABELS } from "./categories";
import {
  FULL_COMPONENTS,
  SEMI_COMPONENTS,
  type FeeComponentDef,
  type FeeComponentId,
  type FeeFigures,
} from "./fee-components";
import type { FieldName } from "./fields";
import { makeIssue, type Bilingual, type Issue } from "./issues";
import { Dec, toDec } from "./money";
import { mulInt, mulScaled, pow10, scaledOf, type Scaled } from "./exact";
import type { RuleId } from "./pack/default";
import { billableWeightKg } from "./weights";

export { FEE_COMPONENT_IDS, type FeeComponentId } from "./fee-components";

/** The fee modes (self-fulfilled has no fee schedule in the sources). */
export type FeeMode = "full" | "semi";

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
    /** Undefined when the rate card has no row for the order (no billing grid, no fee). */
    readonly billableKg: number | undefined;
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
  /** The destination country (ISO code) whose rate-card rows give the fulfilment fee. */
  readonly destination?: string;
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

/** An exact CNY decimal from integer fen. */
export function fenToDec(fen: number): Dec {
  return new Dec(fen).div(100);
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

/** Semi-managed weights kept as exact fractions in one arithmetic; Dec views are built on demand. */
class FractionWeights<T> implements FeeWeights {
  constructor(
    private readonly a: Arith<T>,
    private readonly volN: T,
    private readonly volD: T,
    private readonly chN: T,
    private readonly chD: T,
    private readonly billable: T,
    readonly display: FeeWeights["display"],
  ) {}
  get volumetricKg(): Dec {
    return this.a.dec(this.volN).div(this.a.dec(this.volD));
  }
  get chargeableKg(): Dec {
    return this.a.dec(this.chN).div(this.a.dec(this.chD));
  }
  get billableKg(): Dec {
    return this.a.dec(this.billable);
  }
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
    return { rate: semi.baseRate, scaled: compiled.scaled?.baseRate, issues: [] };
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
          locate?.("negotiatedRate")?.cell,
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
          locate?.("monthlyOrders")?.cell,
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
        fxRate === undefined ? "none" : Number.isNaN(fxRate) ? "unreadable" : String(fxRate),
        {
          en: `the amount is in ${code}: give an exchange rate (CNY per ${code}); fee not computed`,
          zh: `金额币种为${code}，请提供汇率（每1${code}兑人民币），未计算费用`,
        },
        locate?.("fxRate")?.cell,
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
    locate?.(field)?.cell,
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

/** Weights plus the number of billing steps above the first-weight unit. */
interface WeightsAndSteps {
  readonly weights: FeeWeights;
  /** billable = first-weight unit + steps × billing step. */
  readonly steps: number;
}

/**
 * FEE-SEMI-VOLW / FEE-SEMI-CHARGEW / FEE-SEMI-FULFIL weights, written once over an arithmetic:
 * volumetric = L·W·H ÷ divisor kept as a fraction N/D, chargeable = the larger of actual and
 * volumetric, and the number of billing steps ⌈(chargeable − first) ÷ step⌉. Undefined when a
 * value does not fit the arithmetic (exact integers only).
 */
function weightsIn<T>(
  a: Arith<T>,
  fig: FeeFigures<T>,
  weightKg: number,
  l: number,
  w: number,
  h: number,
): WeightsAndSteps | undefined {
  const actual = a.of(weightKg);
  const L = a.of(l);
  const W = a.of(w);
  const H = a.of(h);
  if (actual === undefined || L === undefined || W === undefined || H === undefined) return undefined;
  const LW = a.mul(L, W);
  const V = LW === undefined ? undefined : a.mul(LW, H);
  if (V === undefined) return undefined;
  // actual ≥ V / divisor ⇔ actual · divisor ≥ V
  const lhs = a.mul(actual, fig.divisor);
  const actualWins = lhs === undefined ? undefined : a.cmp(lhs, V);
  if (actualWins === undefined) return undefined;
  const [N, D] = actualWins >= 0 ? [actual, fig.one] : [V, fig.divisor];
  // steps = ⌈(N/D − first) / step⌉ = ⌈(N − first·D) / (D·step)⌉ when N/D > first
  const firstD = a.mul(fig.firstWeightKg, D);
  const over = firstD === undefined ? undefined : a.cmp(N, firstD);
  if (firstD === undefined || over === undefined) return undefined;
  let steps = 0;
  if (over > 0) {
    const num = a.sub(N, firstD);
    const den = a.mul(D, fig.billingStepKg);
    const s = num === undefined || den === undefined ? undefined : a.ceilDiv(num, den);
    if (s === undefined) return undefined;
    steps = s;
  }
  const n = a.of(steps);
  const above = n === undefined ? undefined : a.mul(n, fig.billingStepKg);
  const billable = above === undefined ? undefined : a.add(fig.firstWeightKg, above);
  const volumetricKg = a.divRound(V, fig.divisor, 3);
  const chargeableKg = a.divRound(N, D, 3);
  if (billable === undefined || volumetricKg === undefined || chargeableKg === undefined) return undefined;
  return {
    steps,
    weights: new FractionWeights(a, V, fig.divisor, N, D, billable, {
      volumetricKg,
      chargeableKg,
      billableKg: a.num(billable),
    }),
  };
}

/**
 * The semi-managed weights on exact integers, or undefined when an integer would overflow (the
 * caller then uses decimal.js).
 */
export function semiWeightsExact(
  compiled: CompiledPack,
  weightKg: number,
  l: number,
  w: number,
  h: number,
): WeightsAndSteps | undefined {
  return compiled.scaled && weightsIn(exactArith, compiled.scaled, weightKg, l, w, h);
}

/** Volumetric N/D = L·W·H ÷ divisor and chargeable N/D = the larger of it and the actual weight, on safe integers. */
function chargeableExact(
  divisor: Scaled,
  weightKg: number,
  l: number,
  w: number,
  h: number,
): { volN: number; volD: number; N: number; D: number } | undefined {
  const actual = scaledOf(weightKg);
  const L = scaledOf(l);
  const W = scaledOf(w);
  const H = scaledOf(h);
  if (!actual || !L || !W || !H) return undefined;
  const LW = mulScaled(L, W);
  const V = LW && mulScaled(LW, H);
  if (!V) return undefined;
  // volumetric = V / divisor = (V.units · 10^div.scale) / (div.units · 10^V.scale)
  const volN = mulInt(V.units, pow10(divisor.scale) ?? NaN);
  const volD = mulInt(divisor.units, pow10(V.scale) ?? NaN);
  if (volN === undefined || volD === undefined) return undefined;
  const actualN = actual.units;
  const actualD = pow10(actual.scale) as number;
  const lhs = mulInt(actualN, volD);
  const rhs = mulInt(volN, actualD);
  if (lhs === undefined || rhs === undefined) return undefined;
  return lhs >= rhs ? { volN, volD, N: actualN, D: actualD } : { volN, volD, N: volN, D: volD };
}

/**
 * The chargeable weight (FEE-SEMI-CHARGEW) of an order, for the rate-card lookup: from its weight
 * and dimensions, else a billable weight given directly. An exact fraction n/d of safe integers
 * (`exact`, when they fit) and a decimal (`kg()`, built on demand); undefined when an input is missing.
 *
 * @example
 * ```ts
 * chargeableOf(compiled, { weightKg: 1.2, lengthCm: 40, widthCm: 30, heightCm: 20 })?.kg().toString() // => "4"
 * ```
 */
export function chargeableOf(
  compiled: CompiledPack,
  order: OrderInput,
): { readonly exact: { readonly n: number; readonly d: number } | undefined; kg(): Dec } | undefined {
  const { weightKg, lengthCm, widthCm, heightCm } = order;
  if (weightKg !== undefined && lengthCm !== undefined && widthCm !== undefined && heightCm !== undefined) {
    const divisor = compiled.scaled?.divisor;
    const ch = divisor && chargeableExact(divisor, weightKg, lengthCm, widthCm, heightCm);
    return ch
      ? { exact: { n: ch.N, d: ch.D }, kg: () => new Dec(ch.N).div(ch.D) }
      : {
          exact: undefined,
          kg: () => weightsDecimal(compiled, weightKg, lengthCm, widthCm, heightCm).weights.chargeableKg,
        };
  }
  if (order.billableKg === undefined) return undefined;
  const given = scaledOf(order.billableKg);
  const billable = order.billableKg;
  return { exact: given && { n: given.units, d: pow10(given.scale) as number }, kg: () => toDec(billable) };
}

/** The same weights with decimal.js: the fallback when the integers would overflow. */
function weightsDecimal(
  compiled: CompiledPack,
  weightKg: number,
  l: number,
  w: number,
  h: number,
): WeightsAndSteps {
  return weightsIn(decimalArith, compiled.fees, weightKg, l, w, h) as WeightsAndSteps;
}

/** Weights from a billable weight given directly (re-stepped to the billing grid if it is not on it). */
function weightsFromBillable(compiled: CompiledPack, billableKg: number): WeightsAndSteps {
  const fig = compiled.fees;
  const billable = billableWeightKg(toDec(billableKg), fig.firstWeightKg, fig.billingStepKg);
  const given = toDec(billableKg);
  return {
    steps: billable.minus(fig.firstWeightKg).div(fig.billingStepKg).toNumber(),
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
  const fig = compiled.fees;
  if (billableKg.lte(fig.firstWeightKg)) return fig.firstWeightFee;
  return fig.firstWeightFee.plus(billableKg.minus(fig.firstWeightKg).times(fig.continuedFeePerKg));
}

/** The rounded components of the fee at hand, in fen (one buffer: fees are computed one at a time). */
const FEN = new Float64Array(16);

/**
 * Every component of a table, in one arithmetic, rounded to the fen into {@link FEN}; returns the
 * amount in CNY in fen, or undefined when a value does not fit (exact integers only; the caller
 * then uses decimal.js).
 */
function feeFen<T>(
  a: Arith<T>,
  compiled: CompiledPack,
  fig: FeeFigures<T>,
  table: readonly FeeComponentDef[],
  options: FeeOptions,
  amount: number,
  fx: number | undefined,
  rate: T,
  steps: number,
): number | undefined {
  const given = a.of(amount);
  const rateFx = fx === undefined ? undefined : a.of(fx);
  if (given === undefined || (fx !== undefined && rateFx === undefined)) return undefined;
  const amountCny = rateFx === undefined ? given : a.mul(given, rateFx);
  const amountCnyFen = amountCny === undefined ? undefined : a.fen(amountCny);
  if (amountCny === undefined || amountCnyFen === undefined) return undefined;
  const ctx = { fig, limits: compiled.feeLimits, options, amountCny, rate, steps };
  for (let i = 0; i < table.length; i++) {
    const x = (table[i] as FeeComponentDef).amount(ctx, a);
    const f = x === undefined ? undefined : a.fen(x);
    if (f === undefined) return undefined;
    FEN[i] = f;
  }
  return amountCnyFen;
}

/** A fee of a component table: exact integers unless they overflow or `arithmetic` is "decimal", then decimal.js. */
function feeOf(
  mode: FeeMode,
  compiled: CompiledPack,
  table: readonly FeeComponentDef[],
  options: FeeOptions,
  amount: number,
  fx: number | undefined,
  rate: Dec,
  rateScaled: Scaled | undefined,
  steps: number,
  weights: FeeWeights | undefined,
  arithmetic: FeeArithmetic,
): FeeBreakdown {
  const fast =
    arithmetic === "auto" && compiled.scaled && rateScaled
      ? feeFen(exactArith, compiled, compiled.scaled, table, options, amount, fx, rateScaled, steps)
      : undefined;
  const amountCnyFen =
    fast ??
    (feeFen(decimalArith, compiled, compiled.fees, table, options, amount, fx, rate, steps) as number);
  const components = new Array<FeeComponent>(table.length);
  for (let i = 0; i < table.length; i++) {
    const c = table[i] as FeeComponentDef;
    components[i] = new Component(c.id, c.ruleId, c.label, FEN[i] as number);
  }
  return new Breakdown(mode, components, amountCnyFen, rate, weights);
}

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
  const fee = feeOf(
    "semi",
    compiled,
    SEMI_COMPONENTS,
    options,
    amount,
    fx.fx,
    rate.rate,
    rate.scaled,
    ws.steps,
    ws.weights,
    arithmetic,
  );
  return { fee, weights, issues };
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
  const full = compiled.fees;
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
      fulfilScaled = compiled.scaled?.fulfilmentRates.get(family);
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
            // The family in brackets only where it says more than the category text itself.
            en: `no full-managed fulfilment rate for category '${order.category}'${FAMILY_LABELS[family].en === order.category ? "" : ` (${FAMILY_LABELS[family].en})`}; give a rate to compute the fee`,
            zh: `类目“${order.category}”${FAMILY_LABELS[family].zh === order.category ? "" : `（${FAMILY_LABELS[family].zh}）`}无全托管履约费率，请提供费率后再计算`,
          },
          locate?.("category")?.cell,
        ),
      );
    }
  }
  if (order.amount === undefined || fulfilRate === undefined)
    return { fee: undefined, weights: undefined, issues };
  const fx = exchangeRate("FEE-FULL-COMMISSION", order.currency, options.fxRate, locate);
  if ("issue" in fx) return { fee: undefined, weights: undefined, issues: [...issues, fx.issue] };
  const fee = feeOf(
    "full",
    compiled,
    FULL_COMPONENTS,
    options,
    order.amount,
    fx.fx,
    fulfilRate,
    fulfilScaled,
    0,
    undefined,
    arithmetic,
  );
  return { fee, weights: undefined, issues };
}
