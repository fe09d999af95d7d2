/**
 * Exact decimal arithmetic on safe integers, the fast path of the fee engine.
 *
 * A decimal is held as a safe integer and a power-of-ten scale (value = units / 10^scale), as
 * dinero.js holds money. Products, comparisons and half-up rounding are integer operations, so
 * they are exact; every operation checks that its integers stay within ±(2^53 − 1) and returns
 * undefined otherwise, and the caller then falls back to decimal.js. Results are therefore the
 * same as decimal.js' (the fee tests assert this over random inputs), only cheaper.
 * @packageDocumentation
 */

/** An exact decimal: `units / 10^scale`, with `units` a safe integer. */
export interface Scaled {
  readonly units: number;
  readonly scale: number;
}

const POW10: readonly number[] = Array.from({ length: 16 }, (_, i) => 10 ** i);

/** 10^n for 0 ≤ n ≤ 15 (exact), else undefined. */
export function pow10(n: number): number | undefined {
  return POW10[n];
}

/**
 * The exact decimal a number stands for (its shortest text, as decimal.js reads it), when it
 * has at most 9 decimals and fits a safe integer.
 *
 * @example
 * ```ts
 * scaledOf(19.99) // => { units: 1999, scale: 2 }
 * scaledOf(0.1 + 0.2) // => undefined (17 significant digits)
 * ```
 */
export function scaledOf(x: number): Scaled | undefined {
  if (Number.isInteger(x)) return Number.isSafeInteger(x) ? { units: x, scale: 0 } : undefined;
  if (!Number.isFinite(x)) return undefined;
  for (let scale = 1; scale <= 9; scale++) {
    const p = POW10[scale] as number;
    const units = Math.round(x * p);
    if (!Number.isSafeInteger(units)) return undefined;
    if (units / p === x) return { units, scale };
  }
  return undefined;
}

/** a × b, or undefined if the product is not a safe integer. */
export function mulInt(a: number, b: number): number | undefined {
  const p = a * b;
  return Number.isSafeInteger(p) ? p : undefined;
}

/** The units of `a` at a larger or equal scale. */
export function unitsAt(a: Scaled, scale: number): number | undefined {
  const p = POW10[scale - a.scale];
  return p === undefined ? undefined : mulInt(a.units, p);
}

/**
 * a × b exactly.
 *
 * @example
 * ```ts
 * mulScaled({ units: 1999, scale: 2 }, { units: 35, scale: 3 }) // => { units: 69965, scale: 5 }
 * ```
 */
export function mulScaled(a: Scaled, b: Scaled): Scaled | undefined {
  const units = mulInt(a.units, b.units);
  return units === undefined || a.scale + b.scale > 15 ? undefined : { units, scale: a.scale + b.scale };
}

/** a + b exactly. */
export function addScaled(a: Scaled, b: Scaled): Scaled | undefined {
  const scale = Math.max(a.scale, b.scale);
  const ua = unitsAt(a, scale);
  const ub = unitsAt(b, scale);
  if (ua === undefined || ub === undefined) return undefined;
  const units = ua + ub;
  return Number.isSafeInteger(units) ? { units, scale } : undefined;
}

/**
 * num / den rounded half-up (half away from zero, as decimal.js' ROUND_HALF_UP) to an integer.
 * `den` must be positive.
 *
 * @example
 * ```ts
 * divRoundHalfUp(69965, 1000) // => 70
 * divRoundHalfUp(-5, 10)      // => -1
 * ```
 */
export function divRoundHalfUp(num: number, den: number): number {
  const negative = num < 0;
  const [q, r] = floorDivMod(negative ? -num : num, den);
  const rounded = 2 * r >= den ? q + 1 : q;
  return negative ? -rounded : rounded;
}

/**
 * ⌊num / den⌋ and the remainder, exact for safe integers num ≥ 0, den > 0: the floating-point
 * quotient is corrected when it rounded across an integer.
 */
function floorDivMod(num: number, den: number): [number, number] {
  let q = Math.floor(num / den);
  let r = num - q * den;
  if (r < 0) {
    q -= 1;
    r += den;
  } else if (r >= den) {
    q += 1;
    r -= den;
  }
  return [q, r];
}

/**
 * ⌈num / den⌉ for num ≥ 0 and den > 0.
 *
 * @example
 * ```ts
 * divCeil(7, 2) // => 4
 * divCeil(6, 2) // => 3
 * ```
 */
export function divCeil(num: number, den: number): number {
  const [q, r] = floorDivMod(num, den);
  return r > 0 ? q + 1 : q;
}

/**
 * Rounds `a` half-up to `scale` decimals and returns the units at that scale (e.g. fen for scale 2).
 *
 * @example
 * ```ts
 * roundUnits({ units: 69965, scale: 5 }, 2) // => 70 (0.69965 → 0.70)
 * roundUnits({ units: 8, scale: 0 }, 2)     // => 800
 * ```
 */
export function roundUnits(a: Scaled, scale: number): number | undefined {
  if (a.scale <= scale) return unitsAt(a, scale);
  const d = POW10[a.scale - scale];
  return d === undefined ? undefined : divRoundHalfUp(a.units, d);
}

/**
 * Compares two exact decimals: negative when a < b, 0 when equal, positive when a > b;
 * undefined when aligning their scales would overflow.
 *
 * @example
 * ```ts
 * compareScaled({ units: 95, scale: 0 }, { units: 9500, scale: 2 }) // => 0
 * ```
 */
export function compareScaled(a: Scaled, b: Scaled): number | undefined {
  const scale = Math.max(a.scale, b.scale);
  const ua = unitsAt(a, scale);
  const ub = unitsAt(b, scale);
  return ua === undefined || ub === undefined ? undefined : ua - ub;
}

/**
 * x ÷ 10^k as the double nearest the exact decimal (so its shortest text is that decimal), or
 * undefined when x is not a short decimal. Used to turn "3.5%" into 0.035 without decimal.js.
 *
 * @example
 * ```ts
 * shiftDecimal(3.5, 2) // => 0.035
 * ```
 */
export function shiftDecimal(x: number, k: number): number | undefined {
  const s = scaledOf(x);
  const p = s && POW10[s.scale + k];
  return s && p !== undefined ? s.units / p : undefined;
}
