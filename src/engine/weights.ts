/**
 * Weights for the semi-managed fulfilment fee (rules-spec §1.1): volumetric
 * (FEE-SEMI-VOLW), chargeable (FEE-SEMI-CHARGEW) and billable (FEE-SEMI-FULFIL defaults).
 * All exact decimals.
 * @packageDocumentation
 */
import { compareScaled, mulScaled, scaledOf, type Scaled } from "./exact";
import { ceilToStep, maxDec, toDec, type Dec } from "./money";

/**
 * FEE-SEMI-VOLW: volumetric weight in kg = L × W × H (cm) ÷ divisor, unrounded.
 *
 * @example
 * ```ts
 * volumetricWeightKg(30, 20, 15, toDec(6000)).toString() // => "1.5"
 * ```
 */
export function volumetricWeightKg(lengthCm: number, widthCm: number, heightCm: number, divisor: Dec): Dec {
  return volumeCm3(lengthCm, widthCm, heightCm).div(divisor);
}

/**
 * The exact volume L × W × H in cm³. Whole centimetres multiply exactly as numbers (below 2^53);
 * anything else goes through decimal.js.
 *
 * @example
 * ```ts
 * volumeCm3(31.25, 32, 30).toString() // => "30000"
 * ```
 */
export function volumeCm3(lengthCm: number, widthCm: number, heightCm: number): Dec {
  const product = lengthCm * widthCm * heightCm;
  if (
    Number.isInteger(lengthCm) &&
    Number.isInteger(widthCm) &&
    Number.isInteger(heightCm) &&
    Number.isSafeInteger(product)
  ) {
    return toDec(product);
  }
  return toDec(lengthCm).times(toDec(widthCm)).times(toDec(heightCm));
}

/**
 * FEE-SEMI-CHARGEW: chargeable weight = max(actual, volumetric).
 *
 * @example
 * ```ts
 * chargeableWeightKg(toDec(1.2), toDec(1.5)).toString() // => "1.5"
 * ```
 */
export function chargeableWeightKg(actualKg: Dec, volumetricKg: Dec): Dec {
  return maxDec(actualKg, volumetricKg);
}

/**
 * Billable weight (rules-spec §1.1 defaults): the first-weight unit is charged in full even
 * for a lighter parcel; above it, the weight is rounded up to the billing step.
 *
 * @example
 * ```ts
 * billableWeightKg(toDec(0.3), toDec(1), toDec(0.5)).toString()  // => "1"
 * billableWeightKg(toDec(1.2), toDec(1), toDec(0.5)).toString()  // => "1.5"
 * billableWeightKg(toDec(4.01), toDec(1), toDec(0.5)).toString() // => "4.5"
 * ```
 */
export function billableWeightKg(chargeableKg: Dec, firstWeightKg: Dec, stepKg: Dec): Dec {
  if (chargeableKg.lte(firstWeightKg)) return firstWeightKg;
  return firstWeightKg.plus(ceilToStep(chargeableKg.minus(firstWeightKg), stepKg));
}

/**
 * Compares L × W × H (cm³) with a limit exactly: negative when below, 0 when equal, positive
 * when above. Safe integers when they fit, decimal.js otherwise.
 *
 * @example
 * ```ts
 * compareVolumeCm3(50, 30, 20, { units: 30000, scale: 0 }) // => 0
 * ```
 */
export function compareVolumeCm3(
  lengthCm: number,
  widthCm: number,
  heightCm: number,
  limitCm3: Scaled,
): number {
  const L = scaledOf(lengthCm);
  const W = scaledOf(widthCm);
  const H = scaledOf(heightCm);
  const LW = L && W && mulScaled(L, W);
  const V = LW && H && mulScaled(LW, H);
  const fast = V && compareScaled(V, limitCm3);
  if (fast !== undefined) return fast;
  return volumeCm3(lengthCm, widthCm, heightCm).cmp(toDec(limitCm3.units).div(10 ** limitCm3.scale));
}
