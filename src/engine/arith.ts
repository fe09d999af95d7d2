/**
 * One small arithmetic interface over exact decimals, with two instances: exact scaled integers
 * ({@link exactArith}, fast, reports overflow as undefined) and decimal.js ({@link decimalArith},
 * the reference, never overflows). Each fee component and the semi-managed weights are written
 * once over it (fee-components.ts, fees.ts), as dinero.js writes each algorithm once over its
 * Calculator; the tests check that the two instances agree.
 * @packageDocumentation
 */
import {
  addScaled,
  compareScaled,
  divCeil,
  divRoundHalfUp,
  mulInt,
  mulScaled,
  pow10,
  roundUnits,
  scaledOf,
  unitsAt,
  type Scaled,
} from "./exact";
import { Dec, roundFen, toDec } from "./money";

/** Exact decimal arithmetic. Every operation returns undefined when its result does not fit (exact only). */
export interface Arith<T> {
  /** The exact decimal a number stands for (its shortest text). */
  of(x: number): T | undefined;
  mul(a: T, b: T): T | undefined;
  add(a: T, b: T): T | undefined;
  /** a − b. */
  sub(a: T, b: T): T | undefined;
  /** Negative, 0 or positive as a <, =, > b. */
  cmp(a: T, b: T): number | undefined;
  /** ⌈a ÷ b⌉ as an integer, for a ≥ 0 and b > 0. */
  ceilDiv(a: T, b: T): number | undefined;
  /** a ÷ b rounded half-up to `places` decimals, as a number (for output cells). */
  divRound(a: T, b: T, places: number): number | undefined;
  /** a rounded half-up to the fen, as integer fen. */
  fen(a: T): number | undefined;
  /** The value as a decimal.js decimal. */
  dec(a: T): Dec;
  /** The value as the nearest number (for output cells). */
  num(a: T): number;
}

/** Two scaled integers at one scale, or undefined when aligning them overflows. */
function aligned(a: Scaled, b: Scaled): [number, number] | undefined {
  const scale = Math.max(a.scale, b.scale);
  const ua = unitsAt(a, scale);
  const ub = unitsAt(b, scale);
  return ua === undefined || ub === undefined ? undefined : [ua, ub];
}

/** Exact scaled integers (exact.ts): value = units / 10^scale, every integer a safe integer. */
export const exactArith: Arith<Scaled> = {
  of: scaledOf,
  mul: mulScaled,
  add: addScaled,
  sub: (a, b) => addScaled(a, { units: -b.units, scale: b.scale }),
  cmp: compareScaled,
  ceilDiv(a, b) {
    const x = aligned(a, b);
    return x && x[1] > 0 && x[0] >= 0 ? divCeil(x[0], x[1]) : undefined;
  },
  divRound(a, b, places) {
    const x = aligned(a, b);
    const p = pow10(places);
    const n = x && p !== undefined ? mulInt(x[0], p) : undefined;
    return x && p !== undefined && n !== undefined && x[1] > 0 ? divRoundHalfUp(n, x[1]) / p : undefined;
  },
  fen: (a) => roundUnits(a, 2),
  dec: (a) => new Dec(a.units).div(pow10(a.scale) as number),
  num: (a) => a.units / (pow10(a.scale) as number),
};

/** decimal.js (40 significant digits, half-up): the reference; never undefined. */
export const decimalArith: Arith<Dec> = {
  of: (x) => toDec(x),
  mul: (a, b) => a.times(b),
  add: (a, b) => a.plus(b),
  sub: (a, b) => a.minus(b),
  cmp: (a, b) => a.cmp(b),
  ceilDiv: (a, b) => a.div(b).ceil().toNumber(),
  divRound: (a, b, places) => a.div(b).toDecimalPlaces(places, Dec.ROUND_HALF_UP).toNumber(),
  fen: (a) => roundFen(a).times(100).toNumber(),
  dec: (a) => a,
  num: (a) => a.toNumber(),
};
