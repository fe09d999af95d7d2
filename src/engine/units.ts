import { Dec } from "./money";

/**
 * Units of measure found in headers ("重量(g)") and cells ("1.2kg"), and their
 * exact conversion factors to the engine's base units (kg, cm, km).
 * @packageDocumentation
 */

/** What a unit measures. */
export type Dimension = "weight" | "length" | "distance" | "percent" | "currency";

/** A recognised unit: what it measures, its canonical code, and the factor to the base unit as decimal text. */
export interface UnitInfo {
  readonly dimension: Dimension;
  readonly code: string;
  /** Multiply a value in this unit by this factor to get kg / cm / km (exact decimal text). */
  readonly factor: string;
  /** The factor as an exact decimal (built once). */
  readonly factorDec: Dec;
  /** When the factor is 1/10^k: 10^k, so whole numbers convert exactly by one division. */
  readonly divisor: number | undefined;
}

type UnitDecl = Pick<UnitInfo, "dimension" | "code" | "factor">;

const UNIT_TABLE: ReadonlyArray<readonly [readonly string[], UnitDecl]> = [
  [["kg", "kgs", "公斤", "千克", "kilogram", "kilograms"], { dimension: "weight", code: "kg", factor: "1" }],
  [["g", "gram", "grams", "克", "gr"], { dimension: "weight", code: "g", factor: "0.001" }],
  [["lb", "lbs", "pound", "pounds", "磅"], { dimension: "weight", code: "lb", factor: "0.45359237" }],
  [["oz", "ounce", "ounces", "盎司"], { dimension: "weight", code: "oz", factor: "0.028349523125" }],
  [
    ["cm", "厘米", "公分", "centimetre", "centimeter", "centimetres", "centimeters"],
    { dimension: "length", code: "cm", factor: "1" },
  ],
  [
    ["mm", "毫米", "millimetre", "millimeter", "millimetres", "millimeters"],
    { dimension: "length", code: "mm", factor: "0.1" },
  ],
  [["m", "米", "metre", "meter", "metres", "meters"], { dimension: "length", code: "m", factor: "100" }],
  [["in", "inch", "inches", "英寸", '"'], { dimension: "length", code: "in", factor: "2.54" }],
  [
    ["km", "公里", "千米", "kilometre", "kilometer", "kilometres", "kilometers"],
    { dimension: "distance", code: "km", factor: "1" },
  ],
  [["%", "percent", "百分比", "百分点"], { dimension: "percent", code: "%", factor: "0.01" }],
  [["cny", "rmb", "元", "人民币", "¥", "￥"], { dimension: "currency", code: "CNY", factor: "1" }],
  [["usd", "us$", "$", "美元", "美金"], { dimension: "currency", code: "USD", factor: "1" }],
  [["eur", "€", "欧元"], { dimension: "currency", code: "EUR", factor: "1" }],
  [["gbp", "£", "英镑"], { dimension: "currency", code: "GBP", factor: "1" }],
  // Other currencies a statement or an ERP export names in a header: known, so that a plain number
  // under such a header is not taken for yuan.
  [["hkd", "hk$", "港币", "港元"], { dimension: "currency", code: "HKD", factor: "1" }],
  [["jpy", "日元", "円"], { dimension: "currency", code: "JPY", factor: "1" }],
  [["krw", "韩元"], { dimension: "currency", code: "KRW", factor: "1" }],
  [["aud", "au$", "澳元"], { dimension: "currency", code: "AUD", factor: "1" }],
  [["cad", "ca$", "加元"], { dimension: "currency", code: "CAD", factor: "1" }],
  [["sgd", "s$", "新加坡元", "新元"], { dimension: "currency", code: "SGD", factor: "1" }],
  [["rub", "卢布"], { dimension: "currency", code: "RUB", factor: "1" }],
  [["brl", "r$", "雷亚尔"], { dimension: "currency", code: "BRL", factor: "1" }],
  [["mxn", "墨西哥比索"], { dimension: "currency", code: "MXN", factor: "1" }],
  [["twd", "nt$", "新台币"], { dimension: "currency", code: "TWD", factor: "1" }],
  [["chf", "瑞士法郎"], { dimension: "currency", code: "CHF", factor: "1" }],
  [["pln", "兹罗提"], { dimension: "currency", code: "PLN", factor: "1" }],
  [["try", "里拉"], { dimension: "currency", code: "TRY", factor: "1" }],
  [["sar", "里亚尔"], { dimension: "currency", code: "SAR", factor: "1" }],
  [["aed", "迪拉姆"], { dimension: "currency", code: "AED", factor: "1" }],
  [["thb", "泰铢"], { dimension: "currency", code: "THB", factor: "1" }],
  [["myr", "林吉特"], { dimension: "currency", code: "MYR", factor: "1" }],
  [["idr", "印尼盾"], { dimension: "currency", code: "IDR", factor: "1" }],
  [["php", "菲律宾比索"], { dimension: "currency", code: "PHP", factor: "1" }],
  [["vnd", "越南盾"], { dimension: "currency", code: "VND", factor: "1" }],
  [["inr", "卢比"], { dimension: "currency", code: "INR", factor: "1" }],
  [["nzd", "nz$", "新西兰元"], { dimension: "currency", code: "NZD", factor: "1" }],
  [["sek", "瑞典克朗"], { dimension: "currency", code: "SEK", factor: "1" }],
  [["nok", "挪威克朗"], { dimension: "currency", code: "NOK", factor: "1" }],
  [["dkk", "丹麦克朗"], { dimension: "currency", code: "DKK", factor: "1" }],
  [["czk"], { dimension: "currency", code: "CZK", factor: "1" }],
  [["huf"], { dimension: "currency", code: "HUF", factor: "1" }],
  [["zar"], { dimension: "currency", code: "ZAR", factor: "1" }],
  [["ils"], { dimension: "currency", code: "ILS", factor: "1" }],
  [["clp"], { dimension: "currency", code: "CLP", factor: "1" }],
  [["uah"], { dimension: "currency", code: "UAH", factor: "1" }],
  [["kzt"], { dimension: "currency", code: "KZT", factor: "1" }],
];

const POWER_OF_TEN_DIVISORS: Readonly<Record<string, number>> = { "0.1": 10, "0.01": 100, "0.001": 1000 };

const UNIT_BY_TOKEN: ReadonlyMap<string, UnitInfo> = new Map(
  UNIT_TABLE.flatMap(([tokens, decl]) => {
    const info: UnitInfo = {
      ...decl,
      factorDec: new Dec(decl.factor),
      divisor: POWER_OF_TEN_DIVISORS[decl.factor],
    };
    return tokens.map((token) => [token, info] as const);
  }),
);

/**
 * Looks a unit token up (case-insensitive, full-width folded).
 *
 * @example
 * ```ts
 * lookupUnit("ＫＧ")?.code // => "kg"
 * lookupUnit("克")?.factor  // => "0.001"
 * lookupUnit("parsec")      // => undefined
 * ```
 */
export function lookupUnit(token: string): UnitInfo | undefined {
  return UNIT_BY_TOKEN.get(token.normalize("NFKC").trim().toLowerCase());
}

/** The currency tokens of the table written in Chinese (港币, 美金, …), longest first. */
const CURRENCY_WORDS: readonly string[] = UNIT_TABLE.flatMap(([tokens, decl]) =>
  decl.dimension === "currency" ? tokens.filter((t) => /^[\u4e00-\u9fff]{2,}$/.test(t)) : [],
).sort((a, b) => b.length - a.length);

/**
 * A currency written after a header's name without brackets ("平台扣费USD", "Fee total USD",
 * "扣费美金"): the name and the currency's token, if the text ends so. A bare 元 is not one (单价元).
 *
 * @example
 * ```ts
 * currencySuffix("平台扣费 USD") // => { name: "平台扣费", token: "USD" }
 * currencySuffix("扣费总额美元") // => { name: "扣费总额", token: "美元" }
 * ```
 */
export function currencySuffix(text: string): { name: string; token: string } | undefined {
  // eslint-disable-next-line no-control-regex
  const code = /^(.*?[^\x00-\x7f])\s*([a-z]{3})$|^(.*?\S)\s+([a-z]{3})$/i.exec(text);
  const name = code?.[1] ?? code?.[3];
  const token = code?.[2] ?? code?.[4];
  if (name && token && lookupUnit(token)?.dimension === "currency") return { name, token };
  const word = CURRENCY_WORDS.find((w) => text.length > w.length && text.endsWith(w));
  return word ? { name: text.slice(0, -word.length).trimEnd(), token: word } : undefined;
}

/** Base unit of each dimension, for messages. */
export const BASE_UNIT: Readonly<Record<Dimension, string>> = {
  weight: "kg",
  length: "cm",
  distance: "km",
  percent: "%",
  currency: "CNY",
};
