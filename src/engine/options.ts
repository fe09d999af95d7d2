/**
 * Run-wide fee options from text: the CLI's flags, an options JSON file, and the custom
 * functions' `options` argument ("label; photoqc; distance=250; carton=12; rate=2.8%; orders=6000;
 * fx=7.12; packing=1.5; vas=3"). Unknown keys and bad values are refused as coded errors naming them;
 * their words, in English and Chinese, come from {@link optionReason} alone.
 * @packageDocumentation
 */
import { currencyCode, numberFromText, parseBoolean, parsePercent } from "./cells";
import { CATEGORY_FAMILIES, FAMILY_LABELS, type CategoryFamily } from "./categories";
import type { FeeOptions, ServiceChoice } from "./fees";
import { ANY_DESTINATION, destinationCode } from "./ratecard";
import { compactKey } from "./text";

/** Every option key, with its meaning (documented in the README). */
export const OPTION_KEYS: Readonly<Record<string, { en: string; zh: string }>> = {
  label: { en: "labelling service chosen (2 CNY/order)", zh: "选择贴标服务（2元/单）" },
  photoqc: { en: "photo QC service chosen (5 CNY/order)", zh: "选择拍照质检（5元/单）" },
  services: {
    en: "services chosen: label, photoqc (comma-separated)",
    zh: "选择的增值服务：label、photoqc（逗号分隔）",
  },
  distance: { en: "ship-from distance to the warehouse, km", zh: "发货地到仓库距离（公里）" },
  carton: { en: "units per carton", zh: "单箱件数" },
  rate: { en: "negotiated semi-managed base rate (2.8% or 0.028)", zh: "半托管阶梯费率（2.8% 或 0.028）" },
  orders: { en: "monthly orders", zh: "月均单量" },
  fx: { en: "exchange rate, CNY per unit of the amount's currency", zh: "汇率（每单位外币兑人民币）" },
  currency: {
    en: "currency of amounts that do not name one (default CNY)",
    zh: "未注明币种的金额的币种（默认人民币）",
  },
  packing: { en: "packing fee per order, CNY (default 0)", zh: "每单打包费（元，默认0）" },
  vas: {
    en: "full-managed value-added amount per order, CNY (default 0)",
    zh: "全托管增值服务费（元/单，默认0）",
  },
  fulfilmentrate: {
    en: "full-managed fulfilment rate for categories without one",
    zh: "无费率类目的全托管履约费率",
  },
  destination: {
    en: "destination country for the rate card (DE, 德国, Germany); a 目的国/Destination column wins per row",
    zh: "运费表的目的国（DE、德国、Germany）；表中“目的国”列按行优先",
  },
};

/** The numeric options: the FeeOptions key each sets and its bounds. */
const NUMBER_OPTIONS: Readonly<
  Record<
    string,
    {
      readonly option:
        "distanceKm" | "unitsPerCarton" | "monthlyOrders" | "fxRate" | "packingFee" | "valueAdded";
      readonly min: number;
      readonly integer?: boolean;
      readonly positive?: boolean;
    }
  >
> = {
  distance: { option: "distanceKm", min: 0 },
  carton: { option: "unitsPerCarton", min: 1, integer: true },
  orders: { option: "monthlyOrders", min: 0, integer: true },
  fx: { option: "fxRate", min: 0, positive: true },
  packing: { option: "packingFee", min: 0 },
  vas: { option: "valueAdded", min: 0 },
};

/** Category family words of `fulfilmentrate.<family>` (English ids and the families' Chinese names). */
const FAMILY_WORDS: ReadonlyMap<string, CategoryFamily> = new Map(
  CATEGORY_FAMILIES.flatMap((f) => [f, FAMILY_LABELS[f].zh, f.split("-")[0] as string].map((w) => [w, f])),
);

/**
 * Why an option was refused: a code, rendered into words only by {@link optionReason} (issues are
 * values: hosts render the code, never parse the words back).
 */
export type OptionErrorCode =
  /** The key is not an option (`value`: the key). */
  | "UNKNOWN_OPTION"
  /** `fulfilmentrate.<category>` names no category family (`category`: the word). */
  | "UNKNOWN_CATEGORY"
  /** Not a number (`value`: the text). */
  | "NOT_A_NUMBER"
  /** Below the option's least value (`value`: the number read, `limit`: the least value). */
  | "TOO_SMALL"
  /** Not a whole number (`value`: the number read). */
  | "NOT_WHOLE"
  /** The exchange rate is 0 (it must be above 0). */
  | "NOT_ABOVE_ZERO"
  /** Not a rate between 0 and 100 % (`value`: the text; `category` set for a per-category rate). */
  | "NOT_A_RATE"
  /** A flag that is not yes/no. */
  | "NOT_YES_NO"
  /** A services text naming a service that does not exist. */
  | "UNKNOWN_SERVICE"
  /** Not a currency code. */
  | "NOT_A_CURRENCY"
  /** Not a country (the rate card's destination). */
  | "NOT_A_COUNTRY";

/** One refused option, as a value. */
export interface OptionError {
  /** The key as given ("carton", "fulfilmentrate.toys", "distanse"). */
  readonly key: string;
  /** The option it sets, aliases resolved ("km" → "distance"); the key itself when unknown. */
  readonly option: string;
  readonly code: OptionErrorCode;
  /** The value as given, as text (for TOO_SMALL and NOT_WHOLE: the number read from it). */
  readonly value: string;
  /** TOO_SMALL: the least value allowed. */
  readonly limit?: number;
  /** `fulfilmentrate.<category>`: the category word given. */
  readonly category?: string;
}

/** The result of reading options. */
export type OptionsResult =
  | { readonly ok: true; readonly options: FeeOptions }
  | { readonly ok: false; readonly errors: readonly OptionError[] };

type Reason = (e: OptionError) => string;
/** The words of each code, in English and Chinese: the one place an option error becomes text. */
const OPTION_REASONS: Readonly<Record<OptionErrorCode, { readonly en: Reason; readonly zh: Reason }>> = {
  UNKNOWN_OPTION: {
    en: (e) => `unknown option '${e.key}' (known: ${Object.keys(OPTION_KEYS).join(", ")})`,
    zh: (e) => `未知选项“${e.key}”（可用：${Object.keys(OPTION_KEYS).join("、")}）`,
  },
  UNKNOWN_CATEGORY: {
    en: (e) => `unknown category '${e.category ?? ""}' (known: ${[...FAMILY_WORDS.keys()].join(", ")})`,
    zh: (e) => `未知类目“${e.category ?? ""}”（可用：${[...FAMILY_WORDS.keys()].join("、")}）`,
  },
  NOT_A_NUMBER: { en: (e) => `'${e.value}' is not a number`, zh: (e) => `“${e.value}”不是数字` },
  TOO_SMALL: {
    en: (e) => `${e.value} must be at least ${String(e.limit)}`,
    zh: (e) => `不能小于 ${String(e.limit)}`,
  },
  NOT_WHOLE: { en: (e) => `${e.value} must be a whole number`, zh: () => "必须是整数" },
  NOT_ABOVE_ZERO: { en: () => "the exchange rate must be above 0", zh: () => "汇率必须大于 0" },
  NOT_A_RATE: {
    en: (e) => `'${e.value}' is not a rate (${e.category === undefined ? "2.8% or 0.028" : "4% or 0.04"})`,
    zh: (e) => `“${e.value}”不是费率（如 ${e.category === undefined ? "2.8% 或 0.028" : "4% 或 0.04"}）`,
  },
  NOT_YES_NO: { en: (e) => `'${e.value}' is not yes/no`, zh: (e) => `“${e.value}”不是“是/否”` },
  UNKNOWN_SERVICE: {
    en: (e) => `unknown service in '${e.value}' (known: label, photoqc, 贴标, 拍照质检)`,
    zh: (e) => `“${e.value}”中有未知的服务（可选：贴标、拍照质检）`,
  },
  NOT_A_CURRENCY: {
    en: (e) => `'${e.value}' is not a currency code (CNY, USD, …)`,
    zh: (e) => `“${e.value}”不是币种代码（CNY、USD…）`,
  },
  NOT_A_COUNTRY: {
    en: (e) => `'${e.value}' is not a country (an ISO code such as DE, or a name such as 德国/Germany)`,
    zh: (e) => `“${e.value}”不是国家（请写 ISO 代码如 DE，或国名如 德国/Germany）`,
  },
};

/**
 * Why an option was refused, in words, without the key (a form puts it under the option's field).
 *
 * @example
 * ```ts
 * optionReason({ key: "carton", option: "carton", code: "TOO_SMALL", value: "-3", limit: 1 }, "zh") // => "不能小于 1"
 * ```
 */
export function optionReason(error: OptionError, lang: "en" | "zh"): string {
  return OPTION_REASONS[error.code][lang](error);
}

/**
 * A refused option in words, named by its key ("carton: 1.5 must be a whole number").
 *
 * @example
 * ```ts
 * optionErrorText({ key: "carton", option: "carton", code: "NOT_WHOLE", value: "1.5" }, "en") // => "carton: 1.5 must be a whole number"
 * optionErrorText({ key: "carton", option: "carton", code: "NOT_WHOLE", value: "1.5" }, "zh") // => "carton：必须是整数"
 * ```
 */
export function optionErrorText(error: OptionError, lang: "en" | "zh"): string {
  const reason = optionReason(error, lang);
  if (error.code === "UNKNOWN_OPTION") return reason;
  return lang === "en" ? `${error.key}: ${reason}` : `${error.key}：${reason}`;
}

/**
 * Every refused option in one line ("; " in English, "；" in Chinese).
 *
 * @example
 * ```ts
 * const r = readFeeOptions({ fx: 0 });
 * if (!r.ok) optionErrorsText(r.errors, "en") // => "fx: the exchange rate must be above 0"
 * ```
 */
export function optionErrorsText(errors: readonly OptionError[], lang: "en" | "zh"): string {
  return errors.map((e) => optionErrorText(e, lang)).join(lang === "en" ? "; " : "；");
}

const ALIASES: Readonly<Record<string, string>> = {
  "photo-qc": "photoqc",
  photo: "photoqc",
  labels: "label",
  labelling: "label",
  km: "distance",
  distancekm: "distance",
  unitspercarton: "carton",
  negotiatedrate: "rate",
  monthlyorders: "orders",
  fxrate: "fx",
  packingfee: "packing",
  valueadded: "vas",
  "fulfilment-rate": "fulfilmentrate",
  fulfillmentrate: "fulfilmentrate",
  dest: "destination",
  country: "destination",
};

/**
 * Reads options from key/value pairs (a value of `true` or "" for a bare flag such as "label").
 *
 * @example
 * ```ts
 * readFeeOptions({ label: true, distance: "250", rate: "2.8%" })
 * // => { ok: true, options: { services: { label: true, photoQc: false }, distanceKm: 250, negotiatedRate: 0.028 } }
 * readFeeOptions({ distanse: 250 }) // => { ok: false, errors: [{ key: "distanse", option: "distanse", code: "UNKNOWN_OPTION", value: "distanse" }] }
 * ```
 */
export function readFeeOptions(pairs: Readonly<Record<string, unknown>>): OptionsResult {
  const errors: OptionError[] = [];
  const o: { -readonly [K in keyof FeeOptions]: FeeOptions[K] } = {};
  let label = false;
  let photoQc = false;
  let servicesGiven = false;
  const refuse = (
    key: string,
    option: string,
    code: OptionErrorCode,
    value: unknown,
    more: { limit?: number; category?: string } = {},
  ) => void errors.push({ key, option, code, value: String(value), ...more });
  const num = (key: string, option: string, v: unknown, min: number, integer = false): number | undefined => {
    const n = typeof v === "number" ? v : typeof v === "string" ? numberFromText(v) : undefined;
    if (n === undefined || !Number.isFinite(n)) refuse(key, option, "NOT_A_NUMBER", v);
    else if (n < min) refuse(key, option, "TOO_SMALL", n, { limit: min });
    else if (integer && !Number.isInteger(n)) refuse(key, option, "NOT_WHOLE", n);
    else return n;
    return undefined;
  };
  const flag = (key: string, option: string, v: unknown): boolean => {
    if (v === true || v === "" || v === undefined || v === null) return true;
    const b = parseBoolean(v);
    if (!b.ok) refuse(key, option, "NOT_YES_NO", v);
    return b.ok ? b.value : false;
  };
  for (const [rawKey, value] of Object.entries(pairs)) {
    const key0 = rawKey.trim().toLowerCase();
    const perFamily = /^(fulfil{1,2}ment-?rate)[.:](.+)$/.exec(key0);
    if (perFamily) {
      const word = perFamily[2] as string;
      const family = FAMILY_WORDS.get(word);
      const p = parsePercent(value, false);
      if (family === undefined)
        refuse(rawKey, "fulfilmentrate", "UNKNOWN_CATEGORY", value, { category: word });
      else if (!p.ok || p.value < 0 || p.value > 1)
        refuse(rawKey, "fulfilmentrate", "NOT_A_RATE", value, { category: word });
      else o.fulfilmentRates = { ...o.fulfilmentRates, [family]: p.value };
      continue;
    }
    const key = ALIASES[key0] ?? key0;
    const numeric = NUMBER_OPTIONS[key];
    if (numeric) {
      const n = num(rawKey, key, value, numeric.min, numeric.integer);
      if (n !== undefined && numeric.positive && n <= 0) refuse(rawKey, key, "NOT_ABOVE_ZERO", n);
      else if (n !== undefined) o[numeric.option] = n;
      continue;
    }
    switch (key) {
      case "label":
        label = flag(rawKey, key, value);
        servicesGiven = true;
        break;
      case "photoqc":
        photoQc = flag(rawKey, key, value);
        servicesGiven = true;
        break;
      case "services": {
        servicesGiven = true;
        const chosen = parseServices(String(value ?? ""));
        if (!chosen) refuse(rawKey, key, "UNKNOWN_SERVICE", value);
        else {
          label ||= chosen.label;
          photoQc ||= chosen.photoQc;
        }
        break;
      }
      case "rate":
      case "fulfilmentrate": {
        const p = parsePercent(value, false);
        if (!p.ok || p.value < 0 || p.value > 1) refuse(rawKey, key, "NOT_A_RATE", value);
        else if (key === "rate") o.negotiatedRate = p.value;
        else o.fulfilmentRate = p.value;
        break;
      }
      case "currency": {
        const code = typeof value === "string" ? currencyCode(value) : undefined;
        if (code === undefined) refuse(rawKey, key, "NOT_A_CURRENCY", value);
        else o.currency = code;
        break;
      }
      case "destination": {
        const code = typeof value === "string" ? destinationCode(value) : undefined;
        if (code === undefined || code === ANY_DESTINATION) refuse(rawKey, key, "NOT_A_COUNTRY", value);
        else o.destination = code;
        break;
      }
      default:
        refuse(rawKey, rawKey, "UNKNOWN_OPTION", rawKey);
    }
  }
  if (servicesGiven) o.services = { label, photoQc };
  return errors.length > 0 ? { ok: false, errors } : { ok: true, options: o };
}

/**
 * Reads an options text: "label; photoqc; distance=250; carton=12; rate=2.8%".
 *
 * @example
 * ```ts
 * parseOptionsText("label; distance=250").ok // => true
 * ```
 */
export function parseOptionsText(text: string): OptionsResult {
  const pairs: Record<string, unknown> = {};
  for (const part of text
    .split(/[;；\n]+/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf("=");
    if (eq < 0) pairs[part] = true;
    else pairs[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return readFeeOptions(pairs);
}

const SERVICE_WORDS: ReadonlyMap<string, keyof ServiceChoice> = new Map([
  ["贴标", "label"],
  ["label", "label"],
  ["labels", "label"],
  ["labelling", "label"],
  ["labeling", "label"],
  ["拍照质检", "photoQc"],
  ["质检", "photoQc"],
  ["拍照", "photoQc"],
  ["photoqc", "photoQc"],
  ["photo", "photoQc"],
  ["qc", "photoQc"],
]);

/**
 * Reads a services text ("贴标, 拍照质检", "label; photo QC"). "无"/"none" means none.
 * Returns undefined for an unknown service name.
 *
 * @example
 * ```ts
 * parseServices("贴标、拍照质检") // => { label: true, photoQc: true }
 * parseServices("gift wrap")     // => undefined
 * ```
 */
export function parseServices(text: string): ServiceChoice | undefined {
  const choice = { label: false, photoQc: false };
  for (const item of text.split(/[,;/|、，；+&\s]+/).filter(Boolean)) {
    const key = compactKey(item);
    if (["无", "none", "no", "否", "-"].includes(key)) continue;
    const service = SERVICE_WORDS.get(key);
    if (!service) return undefined;
    choice[service] = true;
  }
  return choice;
}

const MODE_WORDS: ReadonlyMap<string, "semi" | "full"> = new Map([
  ["semi", "semi"],
  ["半托管", "semi"],
  ["semimanaged", "semi"],
  ["半", "semi"],
  ["full", "full"],
  ["全托管", "full"],
  ["fullmanaged", "full"],
  ["全", "full"],
  ["managedprogram", "full"],
]);

/**
 * Reads a fulfilment mode written in English or Chinese ("semi", "半托管", "Full-managed", "全托管").
 *
 * @example
 * ```ts
 * parseMode("半托管")       // => "semi"
 * parseMode("Full-managed") // => "full"
 * parseMode("自营")         // => undefined
 * ```
 */
export function parseMode(text: string): "semi" | "full" | undefined {
  return MODE_WORDS.get(compactKey(text));
}
