/**
 * The custom functions' logic, without Office: argument reading, engine calls and bilingual
 * errors. functions.ts wraps each in the Excel-facing signature and turns a {@link FunctionError}
 * into CustomFunctions.Error. Everything here is testable in Node.
 * @packageDocumentation
 */
import { engine, rulesVersion } from "../runtime/engine";
import {
  remember,
  Engine,
  formatIssueLine,
  fullManagedFee,
  isBlankCell,
  isoDate,
  lookupUnit,
  parseDate,
  parseMoney,
  parseNumber,
  parseMode,
  optionErrorsText,
  parseOptionsText,
  parsePercent,
  priceFor,
  profitOf,
  type ProductInput,
  parseQuantity,
  readFeeOptions,
  readProfile,
  resolveSemiRate,
  RULE_IDS,
  semiManagedFee,
  semiWeights,
  settlementOf,
  excelSerialOf,
  toDec,
  scaledOf,
  mulScaled,
  CardPricing,
  describeProblems,
  parseRateCard,
  type Bilingual,
  type FeeOptions,
  type FeeResult,
  type Issue,
  type RuleId,
  type SheetEvaluator,
  type RowStatus,
  type UnitInfo,
} from "../engine";

/** The display language of the messages. */
export type Lang = "en" | "zh";

/** A failure a custom function reports: "invalid" → #VALUE!, "na" → #N/A. */
export class FunctionError extends Error {
  constructor(
    readonly kind: "invalid" | "na",
    readonly text: Bilingual,
  ) {
    super(text.en);
  }
}

const invalid = (en: string, zh: string): FunctionError => new FunctionError("invalid", { en, zh });
const notAvailable = (en: string, zh: string): FunctionError => new FunctionError("na", { en, zh });

// The engine and pack of this runtime, shared with the task pane.
export { engine, rulesVersion };

const KG = lookupUnit("kg") as UnitInfo;
const CM = lookupUnit("cm") as UnitInfo;

const ARG_ZH: Readonly<Record<string, string>> = {
  length: "长",
  width: "宽",
  height: "高",
  weight: "重量",
  divisor: "体积重除数",
  amount: "金额",
  mode: "模式",
  category: "类目",
  price: "售价",
  cost: "成本",
  targetMargin: "目标利润率",
  options: "选项",
  orderDate: "下单日期",
  headers: "表头",
  values: "数值",
  profile: "卖家资料",
  ruleId: "规则编号",
  lang: "语言",
  rates: "运费表",
};

/** True when Excel passed nothing (an omitted argument, or a blank cell). */
export function isOmitted(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

function single(name: string, v: unknown): unknown {
  if (Array.isArray(v)) {
    if (v.length === 1 && Array.isArray(v[0]) && v[0].length === 1) return v[0][0];
    throw invalid(
      `${name}: expects one value, not a range`,
      `${ARG_ZH[name] ?? name}：应为单个值，而不是区域`,
    );
  }
  return v;
}

function describe(v: unknown): string {
  return typeof v === "string" ? `'${v}'` : String(v);
}

/** A required quantity in kg or cm ("500g" and "30mm" are converted). */
function quantity(name: string, v: unknown, dimension: "weight" | "length"): number {
  const value = single(name, v);
  if (isOmitted(value)) throw notAvailable(`${name} is required`, `缺少${ARG_ZH[name] ?? name}`);
  const unit = dimension === "weight" ? KG : CM;
  const parsed = parseQuantity(value, dimension, unit);
  if (!parsed.ok)
    throw invalid(
      `${name}: ${describe(value)} is not a number of ${unit.code}`,
      `${ARG_ZH[name] ?? name}：${describe(value)} 不是以 ${unit.code} 为单位的数字`,
    );
  if (parsed.value < 0)
    throw invalid(
      `${name}: ${describe(value)} is negative`,
      `${ARG_ZH[name] ?? name}：${describe(value)} 为负数`,
    );
  return parsed.value;
}

function optionalNumber(name: string, v: unknown, min: number): number | undefined {
  const value = single(name, v);
  if (isOmitted(value)) return undefined;
  const parsed = parseNumber(value);
  if (!parsed.ok || parsed.value < min)
    throw invalid(
      `${name}: ${describe(value)} is not a number ≥ ${min}`,
      `${ARG_ZH[name] ?? name}：${describe(value)} 不是 ≥ ${min} 的数字`,
    );
  return parsed.value;
}

/** The fee mode ("semi"/"半托管", "full"/"全托管"). */
export function readMode(v: unknown): "semi" | "full" {
  const value = single("mode", v);
  if (isOmitted(value)) throw notAvailable("mode is required: semi or full", "缺少模式：半托管或全托管");
  const mode = parseMode(String(value));
  if (mode) return mode;
  throw invalid(
    `mode: ${describe(value)} is not semi or full (半托管/全托管)`,
    `模式：${describe(value)} 不是 semi/full（半托管/全托管）`,
  );
}

/** Options from a "key=value; …" text or a two-column range. */
/**
 * Options already read by {@link readOptions}: a whole-column function (AE.FEES) reads its options
 * once and hands this to every row instead of the raw cell(s).
 */
export class ReadOptions {
  constructor(readonly options: FeeOptions) {}
}

export function readOptions(v: unknown): FeeOptions {
  if (v instanceof ReadOptions) return v.options;
  if (isOmitted(v)) return {};
  let result;
  if (Array.isArray(v)) {
    const pairs: Record<string, unknown> = {};
    for (const row of v as unknown[][]) {
      if (!Array.isArray(row) || isOmitted(row[0])) continue;
      pairs[String(row[0])] = row.length > 1 && !isOmitted(row[1]) ? row[1] : true;
    }
    result = readFeeOptions(pairs);
  } else result = parseOptionsText(String(v));
  if (!result.ok)
    throw invalid(
      `options: ${optionErrorsText(result.errors, "en")}`,
      `选项：${optionErrorsText(result.errors, "zh")}`,
    );
  return result.options;
}

/**
 * AE.VOLWEIGHT: L × W × H ÷ divisor, in kg (unrounded).
 *
 * @example
 * ```ts
 * volWeight(30, 20, 15, null) // => 1.5
 * ```
 */
export function volWeight(length: unknown, width: unknown, height: unknown, divisor: unknown): number {
  const l = quantity("length", length, "length");
  const w = quantity("width", width, "length");
  const h = quantity("height", height, "length");
  const d = optionalNumber("divisor", divisor, 1) ?? engine.pack.rules["FEE-SEMI-VOLW"].figures.divisor;
  // One division of exact integers is correctly rounded: the nearest number to the exact quotient.
  const L = scaledOf(l);
  const W = scaledOf(w);
  const H = scaledOf(h);
  const D = scaledOf(d);
  const LW = L && W && mulScaled(L, W);
  const V = LW && H && mulScaled(LW, H);
  if (V && D && V.scale <= 15 && D.scale <= 15) {
    const num = V.units * 10 ** D.scale;
    const den = D.units * 10 ** V.scale;
    if (Number.isSafeInteger(num) && Number.isSafeInteger(den)) return num / den;
  }
  return toDec(l).times(toDec(w)).times(toDec(h)).div(toDec(d)).toNumber();
}

function weights(
  weight: unknown,
  length: unknown,
  width: unknown,
  height: unknown,
  divisor: number | undefined,
) {
  const wt = quantity("weight", weight, "weight");
  const l = quantity("length", length, "length");
  const w = quantity("width", width, "length");
  const h = quantity("height", height, "length");
  const compiled = divisor === undefined ? engine.compiled : withDivisor(divisor).compiled;
  return semiWeights(compiled, { weightKg: wt, lengthCm: l, widthCm: w, heightCm: h }) as NonNullable<
    FeeResult["weights"]
  >;
}

const divisorEngines = new Map<number, Engine>();
/** An engine whose volumetric divisor differs (cached per divisor). */
function withDivisor(divisor: number): Engine {
  let e = divisorEngines.get(divisor);
  if (!e) {
    // The divisor was checked (a number ≥ 1) by the caller; only that figure differs.
    const base = engine.pack;
    const volw = base.rules["FEE-SEMI-VOLW"];
    e = new Engine({
      ...base,
      rules: { ...base.rules, "FEE-SEMI-VOLW": { ...volw, figures: { ...volw.figures, divisor } } },
    });
    remember(divisorEngines, divisor, e);
  }
  return e;
}

/** AE.CHARGEWEIGHT: max(actual, volumetric), kg. */
export function chargeWeight(
  weight: unknown,
  length: unknown,
  width: unknown,
  height: unknown,
  divisor: unknown,
): number {
  const d = optionalNumber("divisor", divisor, 1);
  return weights(weight, length, width, height, d).chargeableKg.toNumber();
}

/** AE.BILLWEIGHT: the billable weight after the first-weight unit and the billing step, kg. */
export function billWeight(
  weight: unknown,
  length: unknown,
  width: unknown,
  height: unknown,
  options: unknown,
): number {
  readOptions(options);
  const billable = weights(weight, length, width, height, undefined).display.billableKg;
  if (billable === undefined) throw notAvailable("no billable weight", "无计费重量");
  return billable;
}

/** Computes a fee with the engine, or throws the first blocking issue as a function error. */
export function computeFee(
  mode: unknown,
  amount: unknown,
  category: unknown,
  weight: unknown,
  length: unknown,
  width: unknown,
  height: unknown,
  options: unknown,
  rates?: unknown,
): NonNullable<FeeResult["fee"]> {
  const m = readMode(mode);
  const amountValue = single("amount", amount);
  if (isOmitted(amountValue)) throw notAvailable("amount is required", "缺少金额");
  const money = parseMoney(amountValue);
  if (!money.ok)
    throw invalid(
      `amount: ${describe(amountValue)} is not an amount of money`,
      `金额：${describe(amountValue)} 不是金额`,
    );
  const opts = readOptions(options);
  const order = {
    amount: money.value.amount,
    ...(money.value.currency
      ? { currency: money.value.currency }
      : opts.currency
        ? { currency: opts.currency }
        : {}),
  };
  const item = { ...order, ...product(m, category, weight, length, width, height, opts) };
  let result: FeeResult;
  if (m === "semi") {
    const priced = pricingOf(rates).compiledFor(item, opts.destination);
    if ("miss" in priced) throw new FunctionError("na", priced.message);
    result = semiManagedFee(
      priced,
      item,
      opts,
      resolveSemiRate(engine.compiled, opts.negotiatedRate, opts.monthlyOrders),
    );
  } else result = fullManagedFee(engine.compiled, item, opts);
  if (result.fee) return result.fee;
  const issue = result.issues.find((i) => i.severity === "error") ?? result.issues[0];
  const message = issue?.message ?? { en: "the fee cannot be computed", zh: "无法计算费用" };
  throw issue?.severity === "error"
    ? new FunctionError("invalid", message)
    : new FunctionError("na", message);
}

const cardPricing = new Map<string, CardPricing>();
let defaultPricing: CardPricing | undefined;

/**
 * The rate card of a function call: a range holding a card (header row and card rows, as the
 * `AE Rates` sheet), or the pack's default card when omitted. Parsed once per distinct range.
 */
function pricingOf(rates: unknown): CardPricing {
  if (
    isOmitted(rates) ||
    (Array.isArray(rates) && rates.every((r) => Array.isArray(r) && r.every(isOmitted)))
  ) {
    defaultPricing ??= new CardPricing(engine.compiled, engine.defaultRates);
    return defaultPricing;
  }
  if (!Array.isArray(rates))
    throw invalid(
      "rates: expects a range holding a rate card (the AE Rates sheet's header and rows)",
      "运费表：应为包含运费表的区域（与“AE Rates”工作表相同的表头和行）",
    );
  const key = JSON.stringify(rates);
  let pricing = cardPricing.get(key);
  if (!pricing) {
    const card = parseRateCard(rates as unknown[][], { source: { kind: "sheet", name: "range" } });
    if (!card.ok)
      throw invalid(
        `rates: ${describeProblems(card.problems, "en", 3)}`,
        `运费表：${describeProblems(card.problems, "zh", 3)}`,
      );
    pricing = new CardPricing(engine.compiled, card.card);
    remember(cardPricing, key, pricing);
  }
  return pricing;
}

/** AE.FEE: the fee total, CNY. */
export function fee(...args: FeeArgs): number {
  return computeFee(...args).totalFen / 100;
}

/** The arguments of AE.FEE, AE.FEEBREAKDOWN and AE.NETPAYOUT. */
export type FeeArgs = [
  mode: unknown,
  amount: unknown,
  category: unknown,
  weight: unknown,
  length: unknown,
  width: unknown,
  height: unknown,
  options: unknown,
  rates?: unknown,
];

/** AE.FEEBREAKDOWN: [label, amount] rows, then the total; the amounts sum exactly to AE.FEE. */
export function feeBreakdown(lang: Lang, ...args: FeeArgs): (string | number)[][] {
  const f = computeFee(...args);
  return [
    ...f.components.map((c) => [c.label[lang], c.fen / 100]),
    [lang === "en" ? "Total" : "合计", f.totalFen / 100],
  ];
}

/** AE.NETPAYOUT: amount (CNY) − fee. */
export function netPayout(...args: FeeArgs): number {
  return computeFee(...args).netPayoutFen / 100;
}

function toRow(name: string, v: unknown): unknown[] {
  if (!Array.isArray(v)) return [v];
  const rows = v as unknown[][];
  if (rows.length === 1) return rows[0] as unknown[];
  if (rows.every((r) => Array.isArray(r) && r.length === 1)) return rows.map((r) => r[0]);
  throw invalid(`${name}: expects one row or one column`, `${ARG_ZH[name] ?? name}：应为单行或单列`);
}

const evaluators = new Map<string, SheetEvaluator>();
/** The evaluator for a header row and mode, built once and kept (a workbook has few header rows). */
function evaluatorFor(mode: "semi" | "full", headers: readonly unknown[]): SheetEvaluator {
  const key = `${mode}\u0001${headers.map((h) => String(h ?? "")).join("\u0001")}`;
  let e = evaluators.get(key);
  if (!e) {
    e = engine.prepareSheet(headers, { mode });
    remember(evaluators, key, e);
  }
  return e;
}

/**
 * Evaluates one catalog row; returns its SKU-level issues and, with a profile, the seller's as of
 * `asOf` (an epoch day; default today).
 */
export function evaluateOne(
  mode: unknown,
  headers: unknown,
  values: unknown,
  profile: unknown,
  asOfDay?: number,
): { status: RowStatus; issues: readonly Issue[]; seller: readonly Issue[] } {
  const m = readMode(mode);
  const h = toRow("headers", headers);
  const v = toRow("values", values);
  if (h.every(isOmitted)) throw notAvailable("headers: the header row is empty", "表头为空");
  if (v.length !== h.length)
    throw invalid(
      `values: ${v.length} cells for ${h.length} headers; give ranges of the same size`,
      `数值有${v.length}个单元格，表头有${h.length}个，请使用相同大小的区域`,
    );
  const result = evaluatorFor(m, h).evaluateRow(v, 0);
  let seller: readonly Issue[] = [];
  if (!isOmitted(profile)) {
    if (
      !Array.isArray(profile) ||
      !(profile as unknown[][]).every((r) => Array.isArray(r) && r.length >= 2)
    ) {
      throw invalid(
        "profile: expects a two-column range of keys and values",
        "卖家资料：应为两列（键、值）的区域",
      );
    }
    const asOf = asOfDay ?? Math.floor(Date.now() / 86_400_000);
    seller = engine.evaluateSeller(readProfile(profile as unknown[][]), m, { asOf }).issues;
  }
  return { status: result.status, issues: result.issues, seller };
}

/** AE.ISSUES: "RULE-ID (severity): message" entries, one per row (seller issues after the row's, marked). */
export function issueLines(
  lang: Lang,
  mode: unknown,
  headers: unknown,
  values: unknown,
  profile: unknown,
): string[][] {
  const lines = linesOf(lang, evaluateOne(mode, headers, values, profile));
  return lines.length > 0 ? lines.map((l) => [l]) : [[""]];
}

/** An evaluated row's issue lines (seller issues after the row's, marked). */
export function linesOf(lang: Lang, r: ReturnType<typeof evaluateOne>): string[] {
  return [
    ...r.issues.map((i) => formatIssueLine(i, lang, false)),
    ...r.seller.map((i) => `${lang === "en" ? "seller" : "卖家"} ${formatIssueLine(i, lang, false)}`),
  ];
}

/** Reads the product part of a fee call (category for full, weight and dimensions for semi). */
function product(
  m: "semi" | "full",
  category: unknown,
  weight: unknown,
  length: unknown,
  width: unknown,
  height: unknown,
  opts: FeeOptions,
): ProductInput {
  if (m === "full") {
    const c = single("category", category);
    if (isOmitted(c) && opts.fulfilmentRate === undefined)
      throw notAvailable("category is required for the full-managed fee", "全托管费用需要类目");
    return isOmitted(c) ? {} : { category: String(c) };
  }
  return {
    weightKg: quantity("weight", weight, "weight"),
    lengthCm: quantity("length", length, "length"),
    widthCm: quantity("width", width, "length"),
    heightCm: quantity("height", height, "length"),
  };
}

function money(name: string, v: unknown): number {
  const value = single(name, v);
  if (isOmitted(value)) throw notAvailable(`${name} is required`, `缺少${ARG_ZH[name] ?? name}`);
  const parsed = parseMoney(value);
  if (!parsed.ok || (parsed.value.currency !== undefined && parsed.value.currency !== "CNY")) {
    throw invalid(
      `${name}: ${describe(value)} is not an amount in CNY`,
      `${ARG_ZH[name] ?? name}：${describe(value)} 不是人民币金额`,
    );
  }
  return parsed.value.amount;
}

function pricingFailure(reason: Bilingual, issues: readonly Issue[]): FunctionError {
  return new FunctionError(issues.some((i) => i.severity === "error") ? "invalid" : "na", reason);
}

/** AE.PROFIT / AE.MARGIN: price − fees − cost, and that ÷ price. */
export function profit(
  what: "profit" | "margin",
  mode: unknown,
  price: unknown,
  cost: unknown,
  category: unknown,
  weight: unknown,
  length: unknown,
  width: unknown,
  height: unknown,
  options: unknown,
): number {
  const m = readMode(mode);
  const p = money("price", price);
  const c = money("cost", cost);
  const opts = readOptions(options);
  const r = profitOf(
    engine.compiled,
    m,
    p,
    c,
    product(m, category, weight, length, width, height, opts),
    opts,
  );
  if (!r.ok) throw pricingFailure(r.reason, r.issues);
  if (what === "profit") return r.value.profitFen / 100;
  if (r.value.margin === undefined)
    throw invalid("price: the margin of a price of 0 is undefined", "售价为0时利润率无意义");
  return r.value.margin;
}

/** AE.PRICEFOR: the lowest price (CNY, to the fen) whose margin reaches the target. */
export function priceForTarget(
  mode: unknown,
  cost: unknown,
  targetMargin: unknown,
  category: unknown,
  weight: unknown,
  length: unknown,
  width: unknown,
  height: unknown,
  options: unknown,
): number {
  const m = readMode(mode);
  const c = money("cost", cost);
  const t = single("targetMargin", targetMargin);
  if (isOmitted(t))
    throw notAvailable("targetMargin is required (e.g. 25% or 0.25)", "缺少目标利润率（如 25% 或 0.25）");
  const target = parsePercent(t, false);
  if (!target.ok)
    throw invalid(
      `targetMargin: ${describe(t)} is not a percentage`,
      `目标利润率：${describe(t)} 不是百分比`,
    );
  const opts = readOptions(options);
  const r = priceFor(
    engine.compiled,
    m,
    c,
    target.value,
    product(m, category, weight, length, width, height, opts),
    opts,
  );
  if (!r.ok) throw pricingFailure(r.reason, r.issues);
  return r.value / 100;
}

/** AE.SETTLEDATE: the settlement date serial (self-fulfilled: the latest day, T+7). */
export function settleDate(mode: unknown, orderDate: unknown): number {
  const value = single("mode", mode);
  const t = String(value ?? "")
    .normalize("NFKC")
    .trim()
    .toLowerCase();
  const m = ["self", "自营"].includes(t) ? "self" : readMode(value);
  const d = single("orderDate", orderDate);
  if (isOmitted(d)) throw notAvailable("orderDate is required", "缺少下单日期");
  const day = parseDate(d);
  if (!day.ok) throw invalid(`orderDate: ${describe(d)} is not a date`, `下单日期：${describe(d)} 不是日期`);
  return excelSerialOf(settlementOf(engine.pack, m, day.value).latest);
}

/** AE.RULE: a rule's text, figures and source. */
export function ruleText(ruleId: unknown, lang: unknown, displayLang: Lang): string {
  const id = String(single("ruleId", ruleId) ?? "")
    .trim()
    .toUpperCase();
  const l: Lang = isOmitted(lang) ? displayLang : String(lang).toLowerCase().startsWith("zh") ? "zh" : "en";
  if (!(RULE_IDS as string[]).includes(id))
    throw notAvailable(
      `ruleId: '${id}' is not a rule id (e.g. FEE-SEMI-BASE, SEMI-K-WEIGHT)`,
      `规则编号“${id}”不存在（如 FEE-SEMI-BASE、SEMI-K-WEIGHT）`,
    );
  const rule = engine.pack.rules[id as RuleId];
  const figures = Object.entries(rule.figures as Record<string, unknown>).map(
    ([k, v]) => `${k}=${typeof v === "object" ? JSON.stringify(v) : String(v)}`,
  );
  const sources = rule.sources.map((s) => `${s.article} ${s.section}: ${s.quote}`).join(" | ");
  const shown = rule.conflict ? engine.pack.conflicts[rule.conflict.id].shown : undefined;
  const conflict =
    rule.conflict && shown
      ? l === "en"
        ? ` | sources differ: A ${shown.A.en}, B ${shown.B.en}; using ${rule.conflict.choice}`
        : ` | 来源不一致：A ${shown.A.zh}，B ${shown.B.zh}；采用 ${rule.conflict.choice}`
      : "";
  return `${id} (${rule.severity}): ${rule.title[l]}${figures.length ? ` | ${figures.join(", ")}` : ""} | ${l === "en" ? "source" : "来源"} ${sources}${conflict}`;
}

export { isBlankCell, isoDate };
