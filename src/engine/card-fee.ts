/**
 * The rate card in the semi-managed fee: for each order, the card row of its destination and
 * chargeable weight becomes the fulfilment figures (first weight, first-weight fee + per-parcel
 * fee, fee per kg, step) of a compiled pack the fee is computed with. Every other figure is the
 * pack's. The default card's row is the pack's own figures, so the pack itself is used unchanged.
 * @packageDocumentation
 */
import type { CompiledPack } from "./compile";
import { addScaled, type Scaled } from "./exact";
import { chargeableOf, type FeeWeights, type OrderInput } from "./fees";
import type { Bilingual } from "./issues";
import { roundKg3, type Dec } from "./money";
import { isRateRow, noRateMessage, RateTable, type NoRate, type RateCard, type RateRow } from "./ratecard";

/** A compiled pack whose fulfilment figures are a card row's. */
function withRow(base: CompiledPack, row: RateRow): CompiledPack {
  // The per-parcel fee is charged with the first weight: one sum, rounded once, as the card's formula.
  const fulfil = {
    firstWeightKg: row.firstWeightKg,
    firstWeightFee: row.firstWeightFee.plus(row.perParcel),
    continuedFeePerKg: row.feePerKg,
    billingStepKg: row.stepKg,
    stepFee: row.stepKg.times(row.feePerKg),
  };
  const fees = { ...base.fees, ...fulfil };
  const x = row.scaled;
  const fee = x && addScaled(x.firstWeightFee, x.perParcel);
  const perKg = x && scaledOfDec(row.feePerKg);
  const scaled =
    base.scaled && x && fee && perKg
      ? {
          ...base.scaled,
          firstWeightKg: x.firstWeightKg,
          firstWeightFee: fee,
          continuedFeePerKg: perKg,
          billingStepKg: x.stepKg,
          stepFee: x.stepFee,
        }
      : undefined;
  return { ...base, fees, scaled, semi: { ...base.semi, ...fulfil } };
}

/** A decimal as a scaled integer when it has at most 9 decimals and fits. */
function scaledOfDec(d: Dec): Scaled | undefined {
  const scale = d.decimalPlaces();
  if (scale > 9) return undefined;
  const units = d.times(10 ** scale).toNumber();
  return Number.isSafeInteger(units) ? { units, scale } : undefined;
}

/** True when a row charges exactly what the pack's FEE-SEMI-FULFIL figures charge, at any weight. */
function isPackRow(base: CompiledPack, row: RateRow): boolean {
  const f = base.fees;
  return (
    row.upToKg === undefined &&
    row.perParcel.isZero() &&
    row.firstWeightKg.eq(f.firstWeightKg) &&
    row.firstWeightFee.eq(f.firstWeightFee) &&
    row.feePerKg.eq(f.continuedFeePerKg) &&
    row.stepKg.eq(f.billingStepKg)
  );
}

/** An order the card has no row for: the reason, as a `missing` issue's parts. */
export interface CardMiss {
  readonly miss: NoRate;
  readonly expected: string;
  readonly received: string;
  readonly message: Bilingual;
}

/**
 * A rate card ready to price semi-managed orders. Build one per run (sheet) and keep it.
 *
 * @example
 * ```ts
 * const pricing = new CardPricing(compiled, card);
 * const c = pricing.compiledFor(order, "DE");
 * const fee = "miss" in c ? undefined : semiManagedFee(c, order, options, rate);
 * ```
 */
export class CardPricing {
  readonly table: RateTable;
  /** The pack every order uses when the card is one `*` row without a limit. */
  private readonly fixed: CompiledPack | undefined;
  private readonly variants = new Map<RateRow, CompiledPack>();

  constructor(
    readonly base: CompiledPack,
    readonly card: RateCard,
  ) {
    this.table = new RateTable(card, "semi");
    const rows = card.rows.filter((r) => r.mode === "semi");
    const only = rows.length === 1 ? rows[0] : undefined;
    if (only && only.destination === "*" && only.upToKg === undefined)
      this.fixed = isPackRow(base, only) ? base : withRow(base, only);
  }

  /** True when the destination never changes the fee (one `*` row without a limit). */
  get destinationFree(): boolean {
    return this.fixed !== undefined;
  }

  private variant(row: RateRow): CompiledPack {
    let v = this.variants.get(row);
    if (!v) {
      v = isPackRow(this.base, row) ? this.base : withRow(this.base, row);
      this.variants.set(row, v);
    }
    return v;
  }

  /**
   * The compiled pack to compute this order's semi-managed fee with, or why the card has no
   * rate for it. An order whose weights are incomplete gets the base pack (its fee is not
   * computed anyway; the missing inputs are reported).
   */
  compiledFor(order: OrderInput, destination: string | undefined): CompiledPack | CardMiss {
    if (this.fixed) return this.fixed;
    const ch = chargeableOf(this.base, order);
    if (!ch) return this.base;
    const found =
      (ch.exact && this.table.findExact(destination, ch.exact.n, ch.exact.d)) ??
      this.table.find(destination, ch.kg());
    if (isRateRow(found)) return this.variant(found);
    const kg = roundKg3(ch.kg()).toString();
    return {
      miss: found,
      expected:
        destination === undefined
          ? "a destination, or a * row in the rate card"
          : `a rate-card row for ${destination} up to ≥ ${kg} kg`,
      received: destination === undefined ? "no destination" : `${destination}, ${kg} kg`,
      message: noRateMessage(found, kg),
    };
  }
}

/** The weights of an order the card has no row for: volumetric and chargeable, no billable weight. */
export function withoutBillable(w: FeeWeights): FeeWeights {
  return {
    volumetricKg: w.volumetricKg,
    chargeableKg: w.chargeableKg,
    billableKg: w.chargeableKg,
    display: {
      volumetricKg: w.display.volumetricKg,
      chargeableKg: w.display.chargeableKg,
      billableKg: undefined,
    },
  };
}
