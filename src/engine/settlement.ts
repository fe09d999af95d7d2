/**
 * Settlement dates and money held (rules-spec §1.3): SETTLE-FULL, SETTLE-SEMI,
 * SETTLE-SELF, DEPOSIT-SEMI and FEE-FULL-NODEPOSIT.
 * @packageDocumentation
 */
import type { EpochDay } from "./cells";
import type { ModeId, RulePack } from "./pack/default";

/** When an order's money is paid out: a single day, or a range for self-fulfilment (T+3 to T+7). */
export interface Settlement {
  readonly mode: ModeId;
  readonly earliest: EpochDay;
  readonly latest: EpochDay;
  readonly ruleId: "SETTLE-FULL" | "SETTLE-SEMI" | "SETTLE-SELF";
}

/**
 * The settlement day of an order placed on `orderDay` (calendar days).
 *
 * @example
 * ```ts
 * settlementOf(pack, "full", 19723)  // => { earliest: 19738, latest: 19738, ruleId: "SETTLE-FULL", … } (T+15)
 * settlementOf(pack, "self", 19723)  // => { earliest: 19726, latest: 19730, … } (T+3 … T+7)
 * ```
 */
export function settlementOf(pack: RulePack, mode: ModeId, orderDay: EpochDay): Settlement {
  if (mode === "self") {
    const f = pack.rules["SETTLE-SELF"].figures;
    return { mode, earliest: orderDay + f.minDays, latest: orderDay + f.maxDays, ruleId: "SETTLE-SELF" };
  }
  const ruleId = mode === "full" ? "SETTLE-FULL" : "SETTLE-SEMI";
  const days = pack.rules[ruleId].figures.days;
  return { mode, earliest: orderDay + days, latest: orderDay + days, ruleId };
}

/**
 * The deposit a mode holds, in CNY, and whether it is refundable.
 *
 * @example
 * ```ts
 * depositOf(pack, "semi") // => { amountCny: 20000, refundable: true, ruleId: "DEPOSIT-SEMI" }
 * depositOf(pack, "full") // => { amountCny: 0, refundable: false, ruleId: "FEE-FULL-NODEPOSIT" }
 * ```
 */
export function depositOf(
  pack: RulePack,
  mode: ModeId,
): { amountCny: number; refundable: boolean; ruleId: string } | undefined {
  if (mode === "semi")
    return {
      amountCny: pack.rules["DEPOSIT-SEMI"].figures.deposit,
      refundable: true,
      ruleId: "DEPOSIT-SEMI",
    };
  if (mode === "full") {
    const amountCny = pack.rules["FEE-FULL-NODEPOSIT"].figures.deposit;
    return { amountCny, refundable: amountCny > 0, ruleId: "FEE-FULL-NODEPOSIT" };
  }
  return undefined;
}
