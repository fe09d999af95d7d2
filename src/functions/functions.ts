/**
 * The Excel custom functions, namespace AE (=AE.FEE(…)). Each one reads its arguments, calls the
 * engine through core.ts, and turns a problem into CustomFunctions.Error with a message in the
 * Office display language. custom-functions-metadata-plugin builds functions.json from these
 * JSDoc blocks and registers the functions itself.
 */
import * as args from "./args";
import * as columns from "./columns";
import * as core from "./core";

/** A function error as Excel shows it: #VALUE! or #N/A with the message in Office's language. */
function excelError(e: core.FunctionError): CustomFunctions.Error {
  const code =
    e.kind === "na" ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
  return new CustomFunctions.Error(code, e.text[lang()]);
}

/** A value per cell, with a row's error as that cell's error. */
function cells<T>(
  rows: ReadonlyArray<ReadonlyArray<T | core.FunctionError>>,
): Array<Array<T | CustomFunctions.Error>> {
  return rows.map((r) => r.map((v) => (v instanceof core.FunctionError ? excelError(v) : v)));
}

/** The parameters' addresses Excel passes with @requiresParameterAddresses. */
function addresses(invocation: CustomFunctions.Invocation | undefined): columns.Addresses {
  return (invocation as { parameterAddresses?: string[] } | undefined)?.parameterAddresses;
}

/** Scalar arguments as core reads them: an error cell answered by name, a CellValue by its basic value. */
const s = args.scalar;
const o = (v: unknown): unknown => args.options(v);

/** The arguments of the fee functions, read. */
function feeArgs(...a: unknown[]): core.FeeArgs {
  const names = ["mode", "amount", "category", "weight", "length", "width", "height"];
  const rates = a[8] === null || a[8] === undefined ? a[8] : args.matrix("rates", a[8]);
  return [...names.map((n, i) => s(n, a[i])), o(a[7]), rates] as unknown as core.FeeArgs;
}

/** The arguments of AE.PROFIT / AE.MARGIN / AE.PRICEFOR, read. */
function profitArgs(
  ...a: unknown[]
): [unknown, unknown, unknown, unknown, unknown, unknown, unknown, unknown, unknown] {
  const names = ["mode", "price", "cost", "category", "weight", "length", "width", "height"];
  return [...names.map((n, i) => s(n, a[i])), o(a[8])] as [
    unknown,
    unknown,
    unknown,
    unknown,
    unknown,
    unknown,
    unknown,
    unknown,
    unknown,
  ];
}

// Outside Excel (the task pane page in a plain browser) there is no custom-functions registry:
// the registrations the metadata plugin appends to this module would throw, so they go nowhere.
const g = globalThis as { CustomFunctions?: unknown };
if (g.CustomFunctions === undefined) g.CustomFunctions = { associate: () => undefined };

/** The Office display language, as the messages' language. */
function lang(): core.Lang {
  const office = (globalThis as { Office?: { context?: { displayLanguage?: string } } }).Office;
  return office?.context?.displayLanguage?.toLowerCase().startsWith("zh") ? "zh" : "en";
}

/** Runs a function body; a FunctionError becomes #VALUE! or #N/A with its message. */
function guard<T>(body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof core.FunctionError) throw excelError(e);
    throw new CustomFunctions.Error(
      CustomFunctions.ErrorCode.invalidValue,
      e instanceof Error ? e.message : String(e),
    );
  }
}

/**
 * Volumetric weight in kg: length × width × height (cm) ÷ divisor (default 6000). 体积重(kg)=长×宽×高÷6000。
 * @customfunction VOLWEIGHT
 * @param length Length in cm (or with a unit: "300mm", "12in"). 长(cm)。
 * @param width Width in cm. 宽(cm)。
 * @param height Height in cm. 高(cm)。
 * @param [divisor] Volumetric divisor, default 6000 (some carriers use 5000 or 8000). 体积重除数，默认6000。
 * @returns Volumetric weight, kg.
 */
export function volweight(length: any, width: any, height: any, divisor?: any): number {
  return guard(() =>
    core.volWeight(s("length", length), s("width", width), s("height", height), s("divisor", divisor)),
  );
}

/**
 * Chargeable weight in kg: the larger of the actual and the volumetric weight. 计费重=实际重与体积重取大。
 * @customfunction CHARGEWEIGHT
 * @param weight Actual weight in kg (or "500g", "2lb"). 实际重量(kg)。
 * @param length Length in cm. 长(cm)。
 * @param width Width in cm. 宽(cm)。
 * @param height Height in cm. 高(cm)。
 * @param [divisor] Volumetric divisor, default 6000. 体积重除数，默认6000。
 * @returns Chargeable weight, kg.
 */
export function chargeweight(weight: any, length: any, width: any, height: any, divisor?: any): number {
  return guard(() =>
    core.chargeWeight(
      s("weight", weight),
      s("length", length),
      s("width", width),
      s("height", height),
      s("divisor", divisor),
    ),
  );
}

/**
 * Billable weight in kg for the semi-managed fulfilment fee: the first kg is billed in full, then 0.5 kg steps. 计费重量：首重1kg，续重按0.5kg进位。
 * @customfunction BILLWEIGHT
 * @param weight Actual weight in kg. 实际重量(kg)。
 * @param length Length in cm. 长(cm)。
 * @param width Width in cm. 宽(cm)。
 * @param height Height in cm. 高(cm)。
 * @param [options] Options text ("key=value; …") or a two-column range. 选项。
 * @returns Billable weight, kg.
 */
export function billweight(weight: any, length: any, width: any, height: any, options?: any[][]): number {
  return guard(() =>
    core.billWeight(
      s("weight", weight),
      s("length", length),
      s("width", width),
      s("height", height),
      o(options),
    ),
  );
}

/**
 * Fee of one order in CNY, exact to the fen; mode is semi or full. 订单费用（元），精确到分；模式：半托管或全托管。
 * @customfunction FEE
 * @param mode "semi" or "full" (the Chinese names work too). 模式："半托管" 或 "全托管"（也可写 semi/full）。
 * @param amount Order amount in CNY, or "$12.50" with fx= in options. 订单金额（元），外币需在选项中给出 fx=汇率。
 * @param [category] Category (full-managed fulfilment rate). 类目（全托管必填）。
 * @param [weight] Weight in kg (semi-managed). 重量(kg)（半托管必填）。
 * @param [length] Length in cm (semi-managed). 长(cm)。
 * @param [width] Width in cm (semi-managed). 宽(cm)。
 * @param [height] Height in cm (semi-managed). 高(cm)。
 * @param [options] "label; photoqc; distance=250; carton=12; rate=2.8%; orders=6000; fx=7.12; packing=1.5; vas=3; dest=DE" or a two-column range. 选项，如 "label; distance=250; dest=DE"，或两列区域。
 * @param [rates] A rate card range (the AE Rates sheet's header and rows) for the semi-managed fulfilment fee by destination (dest=…). 运费表区域（与“AE Rates”相同），按目的国（dest=…）计算半托管履约费。
 * @returns Fee total, CNY.
 */
export function fee(
  mode: any,
  amount: any,
  category?: any,
  weight?: any,
  length?: any,
  width?: any,
  height?: any,
  options?: any[][],
  rates?: any[][],
): number {
  return guard(() =>
    core.fee(...feeArgs(mode, amount, category, weight, length, width, height, options, rates)),
  );
}

/**
 * Fee breakdown: component names and amounts (spills), summing exactly to AE.FEE. 费用明细（溢出），合计等于 AE.FEE。
 * @customfunction FEEBREAKDOWN
 * @param mode "semi" or "full" (the Chinese names work too). 模式："半托管" 或 "全托管"（也可写 semi/full）。
 * @param amount Order amount. 订单金额。
 * @param [category] Category. 类目。
 * @param [weight] Weight in kg. 重量(kg)。
 * @param [length] Length in cm. 长(cm)。
 * @param [width] Width in cm. 宽(cm)。
 * @param [height] Height in cm. 高(cm)。
 * @param [options] Options text or two-column range. 选项。
 * @param [rates] A rate card range (as the AE Rates sheet). 运费表区域。
 * @returns Rows of component and amount, then the total.
 */
export function feebreakdown(
  mode: any,
  amount: any,
  category?: any,
  weight?: any,
  length?: any,
  width?: any,
  height?: any,
  options?: any[][],
  rates?: any[][],
): any[][] {
  return guard(() =>
    core.feeBreakdown(
      lang(),
      ...feeArgs(mode, amount, category, weight, length, width, height, options, rates),
    ),
  );
}

/**
 * Net payout in CNY: order amount − fee. 净收入（元）=订单金额−费用。
 * @customfunction NETPAYOUT
 * @param mode "semi" or "full" (the Chinese names work too). 模式："半托管" 或 "全托管"（也可写 semi/full）。
 * @param amount Order amount. 订单金额。
 * @param [category] Category. 类目。
 * @param [weight] Weight in kg. 重量(kg)。
 * @param [length] Length in cm. 长(cm)。
 * @param [width] Width in cm. 宽(cm)。
 * @param [height] Height in cm. 高(cm)。
 * @param [options] Options text or two-column range. 选项。
 * @param [rates] A rate card range (as the AE Rates sheet). 运费表区域。
 * @returns Net payout, CNY.
 */
export function netpayout(
  mode: any,
  amount: any,
  category?: any,
  weight?: any,
  length?: any,
  width?: any,
  height?: any,
  options?: any[][],
  rates?: any[][],
): number {
  return guard(() =>
    core.netPayout(...feeArgs(mode, amount, category, weight, length, width, height, options, rates)),
  );
}

/**
 * Eligibility of each catalog row: ELIGIBLE, ELIGIBLE_WITH_WARNINGS, NOT_ELIGIBLE or INCOMPLETE, one per row of values (a whole column in one formula). Seller rules are checked as of asOf (default today; pass TODAY() to have Excel recheck daily). 每行的准入状态（可一次传入多行）；卖家规则按基准日期判断（默认今天，传入 TODAY() 则每日重算）。
 * @customfunction ELIGIBLE
 * @requiresParameterAddresses
 * @param mode "semi" or "full" (the Chinese names work too). 模式："半托管" 或 "全托管"（也可写 semi/full）。
 * @param headers The header row (a range). 表头行。
 * @param values One or many rows of values, as wide as the header row. 一行或多行数值，宽度与表头相同。
 * @param [profile] Seller profile as a two-column key/value range. 卖家资料（两列）。
 * @param [asOf] As-of date for the seller's age rules, default today. 卖家年限规则的基准日期，默认今天。
 * @returns One status per row.
 */
export function eligible(
  mode: any,
  headers: any[][],
  values: any[][],
  profile?: any[][],
  asOf?: any,
  invocation?: CustomFunctions.Invocation,
): string[][] {
  return guard(() => {
    const rows = columns.evaluateRows(mode, headers, values, profile, asOf, addresses(invocation));
    // One row: its error is the formula's error (with its message); many rows: each row's own cell.
    if (rows.length === 1 && rows[0] instanceof core.FunctionError) throw rows[0];
    return cells(rows.map((r) => [r instanceof core.FunctionError ? r : r.status])) as string[][];
  });
}

/**
 * The issues of catalog rows ("RULE-ID: message"): for one row, one issue per row of the result; for many rows, one cell per row with its issues joined by "; ". Seller issues follow when a profile is given. 问题清单：单行时每个问题一行；多行时每行一个单元格（以“; ”分隔）。
 * @customfunction ISSUES
 * @requiresParameterAddresses
 * @param mode "semi" or "full" (the Chinese names work too). 模式："半托管" 或 "全托管"（也可写 semi/full）。
 * @param headers The header row (a range). 表头行。
 * @param values One or many rows of values. 一行或多行数值。
 * @param [profile] Seller profile as a two-column key/value range. 卖家资料（两列）。
 * @param [asOf] As-of date for the seller's age rules, default today. 卖家年限规则的基准日期，默认今天。
 * @returns The issues; empty when none.
 */
export function issues(
  mode: any,
  headers: any[][],
  values: any[][],
  profile?: any[][],
  asOf?: any,
  invocation?: CustomFunctions.Invocation,
): string[][] {
  return guard(() => {
    const l = lang();
    const rows = columns.evaluateRows(mode, headers, values, profile, asOf, addresses(invocation));
    if (rows.length === 1) {
      const only = rows[0] as (typeof rows)[number];
      if (only instanceof core.FunctionError) throw only;
      const lines = columns.issueLinesOf(l, only);
      return lines.length > 0 ? lines.map((line) => [line]) : [[""]];
    }
    return cells(
      rows.map((r) => [r instanceof core.FunctionError ? r : columns.issueLinesOf(l, r).join("; ")]),
    ) as string[][];
  });
}

/**
 * Fees of a whole column of orders in one call, CNY exact to the fen: one fee per row of amounts. Categories, weights and dimensions are ranges of the same size, or one value for every row. 整列订单费用（元，精确到分），每个金额一行；类目、重量、尺寸为同样大小的区域或对所有行相同的单个值。
 * @customfunction FEES
 * @requiresParameterAddresses
 * @param mode "semi" or "full" (the Chinese names work too). 模式："半托管" 或 "全托管"（也可写 semi/full）。
 * @param amounts Order amounts (a column or a row). 订单金额（一列或一行）。
 * @param [categories] Categories (full-managed). 类目（全托管）。
 * @param [weights] Weights in kg (semi-managed). 重量(kg)（半托管）。
 * @param [lengths] Lengths in cm (semi-managed). 长(cm)。
 * @param [widths] Widths in cm (semi-managed). 宽(cm)。
 * @param [heights] Heights in cm (semi-managed). 高(cm)。
 * @param [options] Options text or a two-column range, for every row (as for AE.FEE). 选项（同 AE.FEE，对所有行适用）。
 * @returns One fee per row; a row that cannot be computed shows its own error.
 */
export function fees(
  mode: any,
  amounts: any[][],
  categories?: any[][],
  weights?: any[][],
  lengths?: any[][],
  widths?: any[][],
  heights?: any[][],
  options?: any[][],
  invocation?: CustomFunctions.Invocation,
): any[][] {
  return guard(() =>
    cells(
      columns.fees(
        mode,
        amounts,
        categories,
        weights,
        lengths,
        widths,
        heights,
        options,
        addresses(invocation),
      ),
    ),
  );
}

/**
 * Settlement date of an order: full-managed T+15, semi-managed 14 days, self-fulfilled T+3 to T+7 (the latest). 回款日期。
 * @customfunction SETTLEDATE
 * @param mode "semi", "full" or "self". 模式：半托管、全托管或自营。
 * @param orderDate Order date (a date or ISO text). 下单日期。
 * @returns Settlement date (format the cell as a date).
 */
export function settledate(mode: any, orderDate: any): number {
  return guard(() => core.settleDate(s("mode", mode), s("orderDate", orderDate)));
}

/**
 * A rule's text, figures and source. 规则说明、数值与来源。
 * @customfunction RULE
 * @param ruleId Rule id, e.g. FEE-SEMI-BASE. 规则编号。
 * @param [language] "en" or "zh" (default: Office's language). 语言：en 或 zh（默认随 Office）。
 * @returns The rule.
 */
export function rule(ruleId: any, language?: any): string {
  return guard(() => core.ruleText(s("ruleId", ruleId), s("language", language), lang()));
}

/**
 * The rule pack in use: id, version and effective date. 当前规则包版本。
 * @customfunction RULESVERSION
 * @returns Rule pack id, version and date.
 */
export function rulesversion(): string {
  return guard(() => core.rulesVersion());
}

/**
 * Profit in CNY of selling at a price: price − the mode's fees − cost. 利润（元）=售价−平台费用−成本。
 * @customfunction PROFIT
 * @param mode "semi" or "full" (the Chinese names work too). 模式："半托管" 或 "全托管"。
 * @param price Selling price, CNY. 售价（元）。
 * @param cost Cost, CNY. 成本（元）。
 * @param [category] Category (full-managed). 类目（全托管必填）。
 * @param [weight] Weight in kg (semi-managed). 重量(kg)（半托管必填）。
 * @param [length] Length in cm (semi-managed). 长(cm)。
 * @param [width] Width in cm (semi-managed). 宽(cm)。
 * @param [height] Height in cm (semi-managed). 高(cm)。
 * @param [options] Options text or two-column range (as for AE.FEE). 选项（同 AE.FEE）。
 * @returns Profit, CNY.
 */
export function profit(
  mode: any,
  price: any,
  cost: any,
  category?: any,
  weight?: any,
  length?: any,
  width?: any,
  height?: any,
  options?: any[][],
): number {
  return guard(() =>
    core.profit("profit", ...profitArgs(mode, price, cost, category, weight, length, width, height, options)),
  );
}

/**
 * Margin after the mode's fees and cost: profit ÷ price. 利润率=利润÷售价。
 * @customfunction MARGIN
 * @param mode "semi" or "full" (the Chinese names work too). 模式："半托管" 或 "全托管"。
 * @param price Selling price, CNY. 售价（元）。
 * @param cost Cost, CNY. 成本（元）。
 * @param [category] Category (full-managed). 类目（全托管必填）。
 * @param [weight] Weight in kg (semi-managed). 重量(kg)（半托管必填）。
 * @param [length] Length in cm (semi-managed). 长(cm)。
 * @param [width] Width in cm (semi-managed). 宽(cm)。
 * @param [height] Height in cm (semi-managed). 高(cm)。
 * @param [options] Options text or two-column range. 选项。
 * @returns Margin as a fraction (format the cell as a percentage).
 */
export function margin(
  mode: any,
  price: any,
  cost: any,
  category?: any,
  weight?: any,
  length?: any,
  width?: any,
  height?: any,
  options?: any[][],
): number {
  return guard(() =>
    core.profit("margin", ...profitArgs(mode, price, cost, category, weight, length, width, height, options)),
  );
}

/**
 * The lowest price, exact to the fen, whose margin after the mode's fees reaches the target. 达到目标利润率的最低售价（精确到分）。
 * @customfunction PRICEFOR
 * @param mode "semi" or "full" (the Chinese names work too). 模式："半托管" 或 "全托管"。
 * @param cost Cost, CNY. 成本（元）。
 * @param targetMargin Target margin, e.g. 25% or 0.25. 目标利润率，如 25% 或 0.25。
 * @param [category] Category (full-managed). 类目（全托管必填）。
 * @param [weight] Weight in kg (semi-managed). 重量(kg)（半托管必填）。
 * @param [length] Length in cm (semi-managed). 长(cm)。
 * @param [width] Width in cm (semi-managed). 宽(cm)。
 * @param [height] Height in cm (semi-managed). 高(cm)。
 * @param [options] Options text or two-column range. 选项。
 * @returns Price, CNY.
 */
export function pricefor(
  mode: any,
  cost: any,
  targetMargin: any,
  category?: any,
  weight?: any,
  length?: any,
  width?: any,
  height?: any,
  options?: any[][],
): number {
  return guard(() =>
    core.priceForTarget(
      ...profitArgs(mode, cost, targetMargin, category, weight, length, width, height, options),
    ),
  );
}
