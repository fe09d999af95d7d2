/**
 * The Excel custom functions, namespace AE (=AE.FEE(…)). Each one reads its arguments, calls the
 * engine through core.ts, and turns a problem into CustomFunctions.Error with a message in the
 * Office display language. custom-functions-metadata-plugin builds functions.json from these
 * JSDoc blocks and registers the functions itself.
 */
import * as core from "./core";

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
    if (e instanceof core.FunctionError) {
      const code =
        e.kind === "na" ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
      throw new CustomFunctions.Error(code, e.text[lang()]);
    }
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
  return guard(() => core.volWeight(length, width, height, divisor));
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
  return guard(() => core.chargeWeight(weight, length, width, height, divisor));
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
export function billweight(weight: any, length: any, width: any, height: any, options?: any): number {
  return guard(() => core.billWeight(weight, length, width, height, options));
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
  options?: any,
  rates?: any[][],
): number {
  return guard(() => core.fee(mode, amount, category, weight, length, width, height, options, rates));
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
  options?: any,
  rates?: any[][],
): any[][] {
  return guard(() =>
    core.feeBreakdown(lang(), mode, amount, category, weight, length, width, height, options, rates),
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
  options?: any,
  rates?: any[][],
): number {
  return guard(() => core.netPayout(mode, amount, category, weight, length, width, height, options, rates));
}

/**
 * Eligibility of one catalog row: ELIGIBLE, ELIGIBLE_WITH_WARNINGS, NOT_ELIGIBLE or INCOMPLETE. 单行准入状态。
 * @customfunction ELIGIBLE
 * @param mode "semi" or "full" (the Chinese names work too). 模式："半托管" 或 "全托管"（也可写 semi/full）。
 * @param headers The header row (a range). 表头行。
 * @param values The row's values (a range of the same size). 该行数值。
 * @param [profile] Seller profile as a two-column key/value range. 卖家资料（两列）。
 * @returns The row's status.
 */
export function eligible(mode: any, headers: any[][], values: any[][], profile?: any[][]): string {
  return guard(() => core.evaluateOne(mode, headers, values, profile).status);
}

/**
 * The issues of one catalog row, one per row ("RULE-ID: message"); seller issues follow when a profile is given. 单行问题清单。
 * @customfunction ISSUES
 * @param mode "semi" or "full" (the Chinese names work too). 模式："半托管" 或 "全托管"（也可写 semi/full）。
 * @param headers The header row (a range). 表头行。
 * @param values The row's values. 该行数值。
 * @param [profile] Seller profile as a two-column key/value range. 卖家资料（两列）。
 * @returns One issue per row; empty when none.
 */
export function issues(mode: any, headers: any[][], values: any[][], profile?: any[][]): string[][] {
  return guard(() => core.issueLines(lang(), mode, headers, values, profile));
}

/**
 * Settlement date of an order: full-managed T+15, semi-managed 14 days, self-fulfilled T+3 to T+7 (the latest). 回款日期。
 * @customfunction SETTLEDATE
 * @param mode "semi", "full" or "self". 模式：半托管、全托管或自营。
 * @param orderDate Order date (a date or ISO text). 下单日期。
 * @returns Settlement date (format the cell as a date).
 */
export function settledate(mode: any, orderDate: any): number {
  return guard(() => core.settleDate(mode, orderDate));
}

/**
 * A rule's text, figures and source. 规则说明、数值与来源。
 * @customfunction RULE
 * @param ruleId Rule id, e.g. FEE-SEMI-BASE. 规则编号。
 * @param [language] "en" or "zh" (default: Office's language). 语言：en 或 zh（默认随 Office）。
 * @returns The rule.
 */
export function rule(ruleId: any, language?: any): string {
  return guard(() => core.ruleText(ruleId, language, lang()));
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
  options?: any,
): number {
  return guard(() =>
    core.profit("profit", mode, price, cost, category, weight, length, width, height, options),
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
  options?: any,
): number {
  return guard(() =>
    core.profit("margin", mode, price, cost, category, weight, length, width, height, options),
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
  options?: any,
): number {
  return guard(() =>
    core.priceForTarget(mode, cost, targetMargin, category, weight, length, width, height, options),
  );
}
