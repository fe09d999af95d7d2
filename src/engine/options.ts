/**
 * Run-wide fee options from text: the CLI's flags, an options JSON file, and the custom
 * functions' `options` argument ("label; photoqc; distance=250; carton=12; rate=2.8%; orders=6000;
 * fx=7.12; packing=1.5; vas=3"). Unknown keys and bad values are refused with a message naming them.
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

/** The result of reading options. */
export type OptionsResult =
  | { readonly ok: true; readonly options: FeeOptions }
  | { readonly ok: false; readonly errors: readonly string[] };

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
 * readFeeOptions({ distanse: 250 }) // => { ok: false, errors: ["unknown option 'distanse' (known: label, photoqc, …)"] }
 * ```
 */
export function readFeeOptions(pairs: Readonly<Record<string, unknown>>): OptionsResult {
  const errors: string[] = [];
  const o: { -readonly [K in keyof FeeOptions]: FeeOptions[K] } = {};
  let label = false;
  let photoQc = false;
  let servicesGiven = false;
  const num = (key: string, v: unknown, min: number, integer = false): number | undefined => {
    const n = typeof v === "number" ? v : typeof v === "string" ? numberFromText(v) : undefined;
    if (n === undefined || !Number.isFinite(n)) errors.push(`${key}: '${String(v)}' is not a number`);
    else if (n < min) errors.push(`${key}: ${n} must be at least ${min}`);
    else if (integer && !Number.isInteger(n)) errors.push(`${key}: ${n} must be a whole number`);
    else return n;
    return undefined;
  };
  const flag = (key: string, v: unknown): boolean => {
    if (v === true || v === "" || v === undefined || v === null) return true;
    const b = parseBoolean(v);
    if (!b.ok) errors.push(`${key}: '${String(v)}' is not yes/no`);
    return b.ok ? b.value : false;
  };
  for (const [rawKey, value] of Object.entries(pairs)) {
    const key0 = rawKey.trim().toLowerCase();
    const perFamily = /^(fulfil{1,2}ment-?rate)[.:](.+)$/.exec(key0);
    if (perFamily) {
      const family = FAMILY_WORDS.get(perFamily[2] as string);
      const p = parsePercent(value, false);
      if (family === undefined)
        errors.push(
          `${rawKey}: unknown category '${perFamily[2]}' (known: ${[...FAMILY_WORDS.keys()].join(", ")})`,
        );
      else if (!p.ok || p.value < 0 || p.value > 1)
        errors.push(`${rawKey}: '${String(value)}' is not a rate (4% or 0.04)`);
      else o.fulfilmentRates = { ...o.fulfilmentRates, [family]: p.value };
      continue;
    }
    const key = ALIASES[key0] ?? key0;
    const numeric = NUMBER_OPTIONS[key];
    if (numeric) {
      const n = num(rawKey, value, numeric.min, numeric.integer);
      if (n !== undefined && numeric.positive && n <= 0)
        errors.push(`${rawKey}: the exchange rate must be above 0`);
      else if (n !== undefined) o[numeric.option] = n;
      continue;
    }
    switch (key) {
      case "label":
        label = flag(rawKey, value);
        servicesGiven = true;
        break;
      case "photoqc":
        photoQc = flag(rawKey, value);
        servicesGiven = true;
        break;
      case "services": {
        servicesGiven = true;
        const chosen = parseServices(String(value ?? ""));
        if (!chosen)
          errors.push(
            `services: unknown service in '${String(value)}' (known: label, photoqc, 贴标, 拍照质检)`,
          );
        else {
          label ||= chosen.label;
          photoQc ||= chosen.photoQc;
        }
        break;
      }
      case "rate":
      case "fulfilmentrate": {
        const p = parsePercent(value, false);
        if (!p.ok || p.value < 0 || p.value > 1)
          errors.push(`${rawKey}: '${String(value)}' is not a rate (2.8% or 0.028)`);
        else if (key === "rate") o.negotiatedRate = p.value;
        else o.fulfilmentRate = p.value;
        break;
      }
      case "currency": {
        const code = typeof value === "string" ? currencyCode(value) : undefined;
        if (code === undefined)
          errors.push(`${rawKey}: '${String(value)}' is not a currency code (CNY, USD, …)`);
        else o.currency = code;
        break;
      }
      case "destination": {
        const code = typeof value === "string" ? destinationCode(value) : undefined;
        if (code === undefined || code === ANY_DESTINATION)
          errors.push(
            `${rawKey}: '${String(value)}' is not a country (an ISO code such as DE, or a name such as 德国/Germany)`,
          );
        else o.destination = code;
        break;
      }
      default:
        errors.push(`unknown option '${rawKey}' (known: ${Object.keys(OPTION_KEYS).join(", ")})`);
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
