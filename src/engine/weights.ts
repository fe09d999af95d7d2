/**
 * Weights for the semi-managed fulfilment fee (rules-spec §1.1): volumetric
 * (FEE-SEMI-VOLW), chargeable (FEE-SEMI-CHARGEW) and billable (FEE-SEMI-FULFIL defaults).
 * All exact decimals.
 * @packageDocumentation
 */
import { ceilToStep, maxDec, toDec, type Dec } from "./money";

/**
 * FEE-SEMI-VOLW: volumetric weight in kg = L × W × H (cm) ÷ divisor, unrounded.
 *
 * @example
 * ```ts
 * volumetricWeightKg(30, 20, 15, toDec(6000)).toString() // => "1.5"
 * ```
 */
export function volumetricWeightKg(lengthCm: number | Dec, widthCm: number | Dec, heightCm: number | Dec, divisor: Dec): Dec {
  return toDec(lengthCm).times(toDec(widthCm)).times(toDec(heightCm)).div(divisor);
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
