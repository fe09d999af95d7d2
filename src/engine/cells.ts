/**
 * Cells → typed values. Every parser takes whatever a host hands over (a number,
 * a text, a boolean, a Date, an exceljs rich-text/formula/error object, null) and
 * returns either a value or a {@link CellProblem}; nothing here throws.
 * @packageDocumentation
 */
import { toDec } from "./money";
import { shiftDecimal } from "./exact";
import { describeValue, remember, splitList } from "./text";
import { lookupUnit, type Dimension, type UnitInfo } from "./units";

/** Why a cell could not be read: blank, or unreadable with a bilingual reason. */
export interface CellProblem {
  readonly ok: false;
  /** True when the cell is empty (null, undefined, "" or only spaces). */
  readonly blank: boolean;
  /** The cell as found, for the "received". */
  readonly received: string;
  /** What was expected, in English and Chinese. */
  readonly expected: { readonly en: string; readonly zh: string };
}

/** A readable cell. */
export interface CellValueOk<T> {
  readonly ok: true;
  readonly value: T;
}

/** The result of reading one cell. */
export type Parsed<T> = CellValueOk<T> | CellProblem;

const ok = <T>(value: T): CellValueOk<T> => ({ ok: true, value });

const EXPECT = {
  number: { en: "a number", zh: "数字" },
  percent: { en: "a percentage (3.5% or 0.035)", zh: "百分比（3.5% 或 0.035）" },
  boolean: { en: "yes or no (是/否, Y/N, true/false)", zh: "是或否（是/否、Y/N、true/false）" },
  date: { en: "a date (2024-06-30 or an Excel date)", zh: "日期（2024-06-30 或 Excel 日期）" },
  time: { en: "a time of day (15:30)", zh: "时间（15:30）" },
  text: { en: "a value", zh: "一个值" },
  json: { en: "structured JSON", zh: "结构化 JSON" },
} as const;

function quantityExpected(dimension: Dimension, unit: string): { en: string; zh: string } {
  const zhName: Record<Dimension, string> = {
    weight: "重量",
    length: "长度",
    distance: "距离",
    percent: "百分比",
    currency: "金额",
  };
  return { en: `a number of ${unit}`, zh: `以 ${unit} 为单位的${zhName[dimension]}数字` };
}

const BLANK_TEXT = /^\s*$/;

/**
 * Unwraps host-specific cell objects: an exceljs formula (`{formula, result}`), rich text,
 * hyperlink (`{text}`) or shared string become their plain value; an error object
 * (`{error: "#N/A"}`) and Excel error texts stay recognisable as errors.
 *
 * @example
 * ```ts
 * unwrapCell({ formula: "A1*2", result: 4 }) // => 4
 * unwrapCell({ richText: [{ text: "1" }, { text: "2" }] }) // => "12"
 * ```
 */
export function unwrapCell(value: unknown): unknown {
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  const record = value as Record<string, unknown>;
  if ("result" in record) return unwrapCell(record["result"]);
  if ("formula" in record || "sharedFormula" in record) return null;
  if (Array.isArray(record["richText"])) {
    return (record["richText"] as unknown[]).map((part) => (part as { text?: unknown }).text ?? "").join("");
  }
  if (typeof record["text"] === "string") return record["text"];
  return value;
}

/** True for a cell holding an Excel error (#N/A, #VALUE!, …) as an object or as the error text Office.js gives. */
export function isErrorCell(value: unknown): boolean {
  if (typeof value === "string")
    return /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|GETTING_DATA|BUSY!|FIELD!|BLOCKED!|CONNECT!|UNKNOWN!)$/.test(
      value,
    );
  return (
    typeof value === "object" && value !== null && typeof (value as { error?: unknown }).error === "string"
  );
}

/**
 * True when a cell is empty: null, undefined, "" or only white space (full-width spaces too).
 *
 * @example
 * ```ts
 * isBlankCell("\u3000") // => true (a full-width space)
 * isBlankCell(0)    // => false
 * ```
 */
export function isBlankCell(value: unknown): boolean {
  const v = unwrapCell(value);
  return v === null || v === undefined || (typeof v === "string" && BLANK_TEXT.test(v));
}

/** A problem whose "received" text is only rendered when someone reads it (most are never shown). */
class Problem implements CellProblem {
  readonly ok = false as const;
  readonly blank: boolean;
  constructor(
    private readonly value: unknown,
    readonly expected: { readonly en: string; readonly zh: string },
  ) {
    this.blank = isBlankCell(value);
  }
  get received(): string {
    return describeValue(this.value);
  }
}

function problem(value: unknown, expected: { en: string; zh: string }): CellProblem {
  return new Problem(value, expected);
}

const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const THOUSANDS = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/**
 * Reads a text as a plain number: full-width digits fold to ASCII, thousands separators
 * (1,234,567.5) are accepted only in groups of three, spaces are ignored. Returns
 * undefined when the text is not a number ("1,2" is not).
 *
 * @example
 * ```ts
 * numberFromText("１２３４．５０") // => 1234.5
 * numberFromText("1,234.50")       // => 1234.5
 * numberFromText("1,2")            // => undefined
 * ```
 */
export function numberFromText(text: string): number | undefined {
  // Most cells are plain ASCII numbers: no folding needed.
  if (PLAIN_NUMBER.test(text)) {
    const n = Number(text);
    return Number.isFinite(n) ? n : undefined;
  }
  let t = text.normalize("NFKC").replace(/[\s\u00a0]+/g, "");
  if (t.includes(",")) {
    if (!THOUSANDS.test(t)) return undefined;
    t = t.replace(/,/g, "");
  }
  if (!PLAIN_NUMBER.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Reads a plain number.
 *
 * @example
 * ```ts
 * parseNumber(" 1,234.5 ") // => { ok: true, value: 1234.5 }
 * parseNumber("abc").ok    // => false
 * ```
 */
export function parseNumber(value: unknown): Parsed<number> {
  if (typeof value === "number") return Number.isFinite(value) ? ok(value) : problem(value, EXPECT.number);
  const v = unwrapCell(value);
  if (typeof v === "number") return Number.isFinite(v) ? ok(v) : problem(value, EXPECT.number);
  if (typeof v === "string") {
    const n = numberFromText(v);
    if (n !== undefined) return ok(n);
  }
  return problem(value, EXPECT.number);
}

const QUANTITY = /^([+-]?[\d.,]+(?:e[+-]?\d+)?)\s*([^\d\s][^\d]*)?$/i;

/**
 * Splits "1.2 kg" / "500克" / "12in" into the number and the unit written in the cell.
 *
 * @example
 * ```ts
 * splitQuantity("500克") // => { amount: 500, unit: "克" }
 * ```
 */
export function splitQuantity(text: string): { amount: number; unit: string | undefined } | undefined {
  const m = QUANTITY.exec(text.normalize("NFKC").trim());
  if (!m || m[1] === undefined) return undefined;
  const amount = numberFromText(m[1]);
  if (amount === undefined) return undefined;
  const unit = m[2]?.trim();
  return { amount, unit: unit === undefined || unit === "" ? undefined : unit };
}

/** Converts `amount` in `unit` to the base unit exactly (decimal), as a number. */
function toBase(amount: number, unit: UnitInfo): number {
  if (unit.factor === "1") return amount;
  // A whole number divided by a power of ten is correctly rounded to the double nearest the exact
  // decimal, whose shortest text is that decimal: exact without decimal.js (500 g → 0.5 kg).
  if (unit.divisor !== undefined && Number.isInteger(amount) && Math.abs(amount) < 2 ** 53)
    return amount / unit.divisor;
  return toDec(amount).times(unit.factorDec).toNumber();
}

/**
 * Reads a quantity of a dimension (weight → kg, length → cm, distance → km). A unit in
 * the cell wins over the column's unit; a bare number is in the column's unit.
 *
 * @example
 * ```ts
 * parseQuantity("500g", "weight", lookupUnit("kg")!) // => { ok: true, value: 0.5 }
 * parseQuantity(300, "length", lookupUnit("mm")!)   // => { ok: true, value: 30 }
 * parseQuantity("1,2kg", "weight", lookupUnit("kg")!).ok // => false
 * ```
 */
export function parseQuantity(value: unknown, dimension: Dimension, columnUnit: UnitInfo): Parsed<number> {
  if (typeof value === "number" && Number.isFinite(value)) return ok(toBase(value, columnUnit));
  const v = unwrapCell(value);
  if (typeof v === "number" && Number.isFinite(v)) return ok(toBase(v, columnUnit));
  if (typeof v === "string") {
    const q = splitQuantity(v);
    if (q) {
      if (q.unit === undefined) return ok(toBase(q.amount, columnUnit));
      const unit = lookupUnit(q.unit);
      if (unit && unit.dimension === dimension) return ok(toBase(q.amount, unit));
    }
  }
  return problem(value, quantityExpected(dimension, columnUnit.code));
}

/**
 * Reads a percentage as a fraction. "3.5%" → 0.035; a number in a column whose header says
 * "%" is in percent points; otherwise a number ≤ 1 is a fraction (0.035) and a number
 * above 1 is taken as percent points (12 → 0.12), since a rate above 100 % is not meant.
 *
 * @example
 * ```ts
 * parsePercent("3.5%", false) // => { ok: true, value: 0.035 }
 * parsePercent(0.12, false)   // => { ok: true, value: 0.12 }
 * parsePercent(12, false)     // => { ok: true, value: 0.12 }
 * parsePercent(12, true)      // => { ok: true, value: 0.12 }
 * ```
 */
export function parsePercent(value: unknown, columnInPercent: boolean): Parsed<number> {
  const v = unwrapCell(value);
  let n: number | undefined;
  let points = columnInPercent;
  if (typeof v === "number" && Number.isFinite(v)) n = v;
  else if (typeof v === "string") {
    const t = v.normalize("NFKC").trim();
    if (t.endsWith("%")) {
      n = numberFromText(t.slice(0, -1));
      points = true;
    } else n = numberFromText(t);
  }
  if (n === undefined) return problem(value, EXPECT.percent);
  if (!points && Math.abs(n) > 1) points = true;
  return ok(points ? (shiftDecimal(n, 2) ?? toDec(n).div(100).toNumber()) : n);
}

const TRUE_WORDS = new Set([
  "yes",
  "y",
  "true",
  "t",
  "1",
  "是",
  "有",
  "含",
  "带",
  "带电",
  "含电池",
  "通过",
  "已通过",
  "已检测",
  "合格",
  "pass",
  "passed",
  "ok",
  "✓",
  "✔",
  "√",
  "☑",
  "x",
  "已提供",
  "提供",
  "provided",
  "present",
  "on file",
]);
const FALSE_WORDS = new Set([
  "no",
  "n",
  "false",
  "f",
  "0",
  "否",
  "无",
  "没有",
  "不含",
  "不带",
  "不带电",
  "未通过",
  "未检测",
  "不合格",
  "fail",
  "failed",
  "none",
  "✗",
  "✘",
  "×",
  "☐",
  "未提供",
  "not provided",
  "absent",
]);

/**
 * Reads yes/no in Chinese or English.
 *
 * @example
 * ```ts
 * parseBoolean("是") // => { ok: true, value: true }
 * parseBoolean("N")  // => { ok: true, value: false }
 * parseBoolean("maybe").ok // => false
 * ```
 */
export function parseBoolean(value: unknown): Parsed<boolean> {
  const v = unwrapCell(value);
  if (typeof v === "boolean") return ok(v);
  if (typeof v === "number") {
    if (v === 1) return ok(true);
    if (v === 0) return ok(false);
  }
  if (typeof v === "string") {
    const t = v.normalize("NFKC").trim().toLowerCase();
    if (TRUE_WORDS.has(t)) return ok(true);
    if (FALSE_WORDS.has(t)) return ok(false);
  }
  return problem(value, EXPECT.boolean);
}

/** Logistics-attribute words (物流属性) that mean the item contains a battery. */
const BATTERY_WORDS = new Set([
  "内电",
  "纯电",
  "外电",
  "带电",
  "含电",
  "电池",
  "battery",
  "built-in battery",
]);
/** Logistics-attribute words that answer "no battery". */
const NO_BATTERY_WORDS = new Set([
  "普货",
  "弱磁",
  "强磁",
  "特货",
  "特敏",
  "敏感货",
  "液体",
  "粉末",
  "膏体",
  "general",
  "general cargo",
]);

/**
 * "Contains a battery": yes/no as {@link parseBoolean} reads it, or an ERP's logistics attribute
 * (物流属性 / 特殊商品类型): 内电, 纯电, 外电 mean a battery; 普货, 弱磁, 强磁, 特货 … mean none. A
 * list ("内电,弱磁") contains a battery when one of its words does.
 *
 * @example
 * ```ts
 * parseBattery("纯电")      // => { ok: true, value: true }
 * parseBattery("普货")      // => { ok: true, value: false }
 * parseBattery("内电/弱磁") // => { ok: true, value: true }
 * ```
 */
export function parseBattery(value: unknown): Parsed<boolean> {
  const plain = parseBoolean(value);
  if (plain.ok) return plain;
  const v = unwrapCell(value);
  if (typeof v === "string") {
    const words = v
      .normalize("NFKC")
      .toLowerCase()
      .split(/[,;/、，；|+\s]+/)
      .filter((w) => w !== "");
    if (words.length > 0 && words.every((w) => BATTERY_WORDS.has(w) || NO_BATTERY_WORDS.has(w)))
      return ok(words.some((w) => BATTERY_WORDS.has(w)));
  }
  return problem(value, {
    en: "yes/no, or a logistics attribute (内电, 纯电, 外电 = battery; 普货, 弱磁 … = none)",
    zh: "是/否，或物流属性（内电、纯电、外电 = 含电池；普货、弱磁等 = 不含）",
  });
}

/** Days between 1899-12-30 (Excel's day 0 in the 1900 system) and 1970-01-01. */
export const EXCEL_EPOCH_OFFSET_DAYS = 25569;

/**
 * A calendar date as a count of days since 1970-01-01 (UTC). All date rules compare these.
 */
export type EpochDay = number;

/**
 * The epoch day of a calendar date, or undefined if the date does not exist (2023-02-30).
 *
 * @example
 * ```ts
 * epochDayOf(1970, 1, 2) // => 1
 * epochDayOf(2023, 2, 30) // => undefined
 * ```
 */
export function epochDayOf(year: number, month: number, day: number): EpochDay | undefined {
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return undefined;
  return Math.round(ms / 86_400_000);
}

/**
 * The ISO text (YYYY-MM-DD) of an epoch day.
 *
 * @example
 * ```ts
 * isoDate(19723) // => "2024-01-01"
 * ```
 */
export function isoDate(day: EpochDay): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Converts an epoch day to an Excel serial date (1900 date system).
 *
 * @example
 * ```ts
 * excelSerialOf(19723) // => 45292
 * ```
 */
export function excelSerialOf(day: EpochDay): number {
  return day + EXCEL_EPOCH_OFFSET_DAYS;
}

const ISO_DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[T\s].*)?$/;

/**
 * Reads a date: an Excel serial (1900 system), a Date object (taken at its UTC calendar day,
 * as exceljs gives them), or ISO-like text (2024-06-30, 2024/6/30, 2024年6月30日).
 * Day-first or month-first texts (30/06/2024) are ambiguous and refused.
 *
 * @example
 * ```ts
 * parseDate(45292)        // => { ok: true, value: 19723 }
 * parseDate("2024年1月1日") // => { ok: true, value: 19723 }
 * parseDate("01/02/2024").ok // => false
 * ```
 */
export function parseDate(value: unknown): Parsed<EpochDay> {
  const v = unwrapCell(value);
  if (typeof v === "number" && Number.isFinite(v) && v >= 1 && v < 2_958_466) {
    return ok(Math.floor(v) - EXCEL_EPOCH_OFFSET_DAYS);
  }
  if (v instanceof Date && !Number.isNaN(v.getTime())) return ok(Math.floor(v.getTime() / 86_400_000));
  if (typeof v === "string") {
    const t = v.normalize("NFKC").trim();
    const m = ISO_DATE.exec(t);
    if (m) {
      const day = epochDayOf(Number(m[1]), Number(m[2]), Number(m[3]));
      if (day !== undefined) return ok(day);
    } else {
      const n = numberFromText(t);
      if (n !== undefined && n >= 1 && n < 2_958_466) return ok(Math.floor(n) - EXCEL_EPOCH_OFFSET_DAYS);
    }
  }
  return problem(value, EXPECT.date);
}

/**
 * Reads a time of day as minutes after midnight: "15:30", "15:30:00", or an Excel time
 * fraction (0.5 = 12:00).
 *
 * @example
 * ```ts
 * parseTimeOfDay("15:30") // => { ok: true, value: 930 }
 * parseTimeOfDay(0.5)     // => { ok: true, value: 720 }
 * ```
 */
export function parseTimeOfDay(value: unknown): Parsed<number> {
  const v = unwrapCell(value);
  if (typeof v === "number" && v >= 0 && v < 1) return ok(Math.round(v * 1440));
  if (v instanceof Date && !Number.isNaN(v.getTime())) return ok(v.getUTCHours() * 60 + v.getUTCMinutes());
  if (typeof v === "string") {
    const m = /^(\d{1,2})\s*[:：点]\s*(\d{2})?(?:\s*[:：]\s*\d{2})?\s*分?$/.exec(v.normalize("NFKC").trim());
    if (m) {
      const h = Number(m[1]);
      const min = Number(m[2] ?? 0);
      if (h < 24 && min < 60) return ok(h * 60 + min);
    }
  }
  return problem(value, EXPECT.time);
}

/**
 * Reads a text; numbers and booleans become their text. Blank and error cells are problems.
 *
 * @example
 * ```ts
 * parseText("  A-100 ") // => { ok: true, value: "A-100" }
 * parseText(12345)      // => { ok: true, value: "12345" }
 * ```
 */
export function parseText(value: unknown): Parsed<string> {
  const v = unwrapCell(value);
  if (typeof v === "string") {
    const t = v.trim();
    if (t !== "" && !isErrorCell(t)) return ok(t);
  } else if (typeof v === "number" && Number.isFinite(v)) return ok(String(v));
  else if (typeof v === "boolean") return ok(v ? "TRUE" : "FALSE");
  else if (v instanceof Date && !Number.isNaN(v.getTime())) return ok(v.toISOString().slice(0, 10));
  return problem(value, EXPECT.text);
}

/**
 * Reads a list cell ("DE, FR；英国") as its items.
 *
 * @example
 * ```ts
 * parseList("DE, FR；英国") // => { ok: true, value: ["DE", "FR", "英国"] }
 * ```
 */
export function parseList(value: unknown): Parsed<readonly string[]> {
  const text = parseText(value);
  if (!text.ok) return text;
  const items = splitList(text.value);
  return items.length > 0 ? ok(items) : problem(value, EXPECT.text);
}

/**
 * Reads structured JSON (an object or an array with at least one entry).
 *
 * @example
 * ```ts
 * parseJson('{"S":{"chest":88}}').ok // => true
 * parseJson("S/M/L").ok               // => false
 * ```
 */
export function parseJson(value: unknown): Parsed<unknown> {
  const text = parseText(value);
  if (!text.ok) return problem(value, EXPECT.json);
  let parsed = JSON_CACHE.get(text.value);
  if (parsed === undefined) {
    parsed = null;
    try {
      const json: unknown = JSON.parse(text.value);
      if (json !== null && typeof json === "object" && Object.keys(json).length > 0) parsed = json;
    } catch {
      // not JSON: reported below
    }
    remember(JSON_CACHE, text.value, parsed);
  }
  return parsed === null ? problem(value, EXPECT.json) : ok(parsed);
}

/** Parsed JSON texts (null: not structured JSON), shared across rows: treat the values as read-only. */
const JSON_CACHE = new Map<string, unknown>();

/** A money cell: the amount and the currency written in the cell, if any ("$12.50", "12.5元"). */
export interface MoneyCell {
  readonly amount: number;
  readonly currency: string | undefined;
}

/**
 * Reads a money cell: a number, or a text with a currency sign or code before or after
 * ("$12.50", "US $12.50", "¥1,234", "12.50 USD", "12.5元").
 *
 * @example
 * ```ts
 * parseMoney("US $12.50") // => { ok: true, value: { amount: 12.5, currency: "USD" } }
 * parseMoney(99)          // => { ok: true, value: { amount: 99, currency: undefined } }
 * ```
 */
export function parseMoney(value: unknown): Parsed<MoneyCell> {
  if (typeof value === "number" && Number.isFinite(value)) return ok({ amount: value, currency: undefined });
  const v = unwrapCell(value);
  if (typeof v === "number" && Number.isFinite(v)) return ok({ amount: v, currency: undefined });
  if (typeof v === "string") {
    const t = v.normalize("NFKC").trim();
    const plain = numberFromText(t);
    if (plain !== undefined) return ok({ amount: plain, currency: undefined });
    const m = /^([^\d+\-.]*?)\s*([+-]?[\d.,]+)\s*([^\d]*)$/.exec(t);
    if (m) {
      const amount = numberFromText(m[2] ?? "");
      const sign = (m[1] || m[3] || "").replace(/\s+/g, "");
      const unit = lookupUnit(sign);
      if (amount !== undefined && unit && unit.dimension === "currency")
        return ok({ amount, currency: unit.code });
    }
  }
  return problem(value, { en: "an amount of money", zh: "金额" });
}

/**
 * Normalises a currency cell or option ("人民币", "rmb", "US$", "usd") to an ISO code.
 * Unknown three-letter codes are kept upper-cased; anything else is undefined.
 *
 * @example
 * ```ts
 * currencyCode("人民币") // => "CNY"
 * currencyCode("jpy")   // => "JPY"
 * ```
 */
export function currencyCode(text: string): string | undefined {
  if (CURRENCY_CACHE.has(text)) return CURRENCY_CACHE.get(text);
  const unit = lookupUnit(text);
  const t = text.normalize("NFKC").trim();
  const code =
    unit && unit.dimension === "currency" ? unit.code : /^[a-z]{3}$/i.test(t) ? t.toUpperCase() : undefined;
  remember(CURRENCY_CACHE, text, code);
  return code;
}
const CURRENCY_CACHE = new Map<string, string | undefined>();
