/**
 * Exact money and quantity arithmetic. Everything that is money or a weight that
 * is billed goes through decimal.js here; binary floating point is never used
 * for a result. Each rounding rule is a named function.
 * @packageDocumentation
 */
import Decimal from "decimal.js";
import { roundUnits, scaledOf } from "./exact";

/** A private decimal.js constructor: 40 significant digits, half-up. Other users of decimal.js are unaffected. */
export const Dec = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -30,
  toExpPos: 30,
});
/** An exact decimal value. */
export type Dec = InstanceType<typeof Dec>;

/** Zero, shared. */
export const ZERO: Dec = new Dec(0);

/**
 * Converts a finite JS number or a decimal text to an exact decimal. A number is
 * taken at its shortest round-trip representation (0.1 → 0.1, not 0.1000000000000000055…),
 * which is what a spreadsheet cell shows.
 *
 * @example
 * ```ts
 * toDec(19.99).toString()   // => "19.99"
 * toDec("1234.50").toString() // => "1234.5"
 * ```
 */
export function toDec(value: number | string | Dec): Dec {
  if (value instanceof Dec) return value;
  // Integers take decimal.js' fast path; other numbers go through their shortest text.
  return new Dec(value);
}

/**
 * Rounds to the fen (0.01 CNY), half-up (0.005 → 0.01, −0.005 → −0.01: away from zero, as
 * decimal.js' ROUND_HALF_UP). This is the only rounding applied to fee components.
 *
 * @example
 * ```ts
 * roundFen(toDec("0.69965")).toString() // => "0.7"
 * roundFen(toDec("0.125")).toString()   // => "0.13"
 * ```
 */
export function roundFen(value: Dec): Dec {
  // Already at most two decimals: nothing to round (and no allocation).
  return value.decimalPlaces() <= 2 ? value : value.toDecimalPlaces(2, Dec.ROUND_HALF_UP);
}

/**
 * Rounds up to the next multiple of `step` (e.g. a 0.5 kg billing step).
 *
 * @example
 * ```ts
 * ceilToStep(toDec("3.01"), toDec("0.5")).toString() // => "3.5"
 * ceilToStep(toDec("3"), toDec("0.5")).toString()    // => "3"
 * ```
 */
export function ceilToStep(value: Dec, step: Dec): Dec {
  return value.div(step).ceil().times(step);
}

/**
 * Rounds a weight to 3 decimals, half-up, for display in output cells.
 *
 * @example
 * ```ts
 * roundKg3(toDec("1.23456")).toNumber() // => 1.235
 * ```
 */
export function roundKg3(value: Dec): Dec {
  return value.decimalPlaces() <= 3 ? value : value.toDecimalPlaces(3, Dec.ROUND_HALF_UP);
}

/**
 * Sums decimals exactly.
 *
 * @example
 * ```ts
 * sumDec([toDec("0.1"), toDec("0.2")]).toString() // => "0.3"
 * ```
 */
export function sumDec(values: readonly Dec[]): Dec {
  let total = ZERO;
  for (const value of values) total = total.plus(value);
  return total;
}

/**
 * The larger of two decimals (the first when equal).
 *
 * @example
 * ```ts
 * maxDec(toDec(1), toDec(2)).toNumber() // => 2
 * ```
 */
export function maxDec(a: Dec, b: Dec): Dec {
  return b.gt(a) ? b : a;
}

/**
 * Formats a money amount with exactly two decimals ("6.50").
 *
 * @example
 * ```ts
 * formatFen(toDec("6.5")) // => "6.50"
 * ```
 */
export function formatFen(value: Dec): string {
  return value.toFixed(2);
}

/**
 * Integer fen as text with two decimals, exactly (no decimal arithmetic); `grouped` adds
 * thousands separators.
 *
 * @example
 * ```ts
 * fenText(-5)                 // => "-0.05"
 * fenText(123456789, true)    // => "1,234,567.89"
 * ```
 */
export function fenText(fen: number, grouped = false): string {
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const whole = grouped ? String(yuan).replace(/\B(?=(\d{3})+$)/g, ",") : String(yuan);
  return `${fen < 0 ? "-" : ""}${whole}.${String(abs % 100).padStart(2, "0")}`;
}

/**
 * A CNY amount as integer fen, rounded half-up: on safe integers when the amount has few
 * decimals, else through decimal.js.
 *
 * @example
 * ```ts
 * amountToFen(19.995) // => 2000
 * amountToFen(-3.5)   // => -350
 * ```
 */
export function amountToFen(amount: number): number {
  const s = scaledOf(amount);
  const fen = s && roundUnits(s, 2);
  return fen ?? roundFen(toDec(amount)).times(100).toNumber();
}
