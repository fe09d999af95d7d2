/**
 * AE Best mode as a value: which mode leaves the seller more for one SKU, or why neither can be
 * chosen. Computed here as a code; text is made only where a cell or a line is written
 * ({@link bestModeText}, {@link bestModeLabel}).
 * @packageDocumentation
 */
import type { CheckMode, RowResult } from "./evaluate";
import { STATUS_WORDS, type Bilingual, type Issue, type RowStatus } from "./issues";

/** The verdict: one mode, both the same, or neither. */
export type BestModeKind = "full" | "semi" | "tie" | "none";

/** Why a mode is out of the comparison: its row status, or an eligible row whose fee could not be computed. */
export type BestModeReason = Exclude<RowStatus, "ELIGIBLE" | "ELIGIBLE_WITH_WARNINGS"> | "FEE_NOT_COMPUTED";

/** The best mode of one SKU. */
export interface BestMode {
  readonly kind: BestModeKind;
  /** What was compared: profit (the row has a cost) or fee. */
  readonly basis: "profit" | "fee";
  /**
   * For "none": each mode that is out and why, full first (with the first missing input of a mode
   * that could not be computed). Empty otherwise.
   */
  readonly reasons: ReadonlyArray<{
    readonly mode: CheckMode;
    readonly reason: BestModeReason;
    readonly detail?: Bilingual;
  }>;
  /**
   * For "none": the mode that was computed and is eligible while the other could not be computed
   * (INCOMPLETE, or its fee not computed) — no recommendation is made from one side.
   */
  readonly onlyComputed?: CheckMode;
}

/** The keys of a run's best-mode counts: the kind, with a tie told apart by its basis. */
export type BestModeKey = "full" | "semi" | "tie-fee" | "tie-profit" | "none";

const ELIGIBLE = new Set<RowStatus>(["ELIGIBLE", "ELIGIBLE_WITH_WARNINGS"]);

/**
 * What {@link bestModeOf} reads of a row's result in one mode (a {@link RowResult} is one): its
 * status, its fee's amount and total, and its issues' severities, rule ids and messages (for the
 * reason a mode is out).
 */
export interface BestModeRow {
  readonly status: RowStatus;
  readonly fee?: Pick<NonNullable<RowResult["fee"]>, "amountCnyFen" | "totalFen"> | undefined;
  readonly issues: readonly Pick<Issue, "severity" | "ruleId" | "message">[];
}

/**
 * The issue a mode's reason names, of a row's issues: the first missing input, else the first
 * error, else the first fee rule's note (why a fee was not computed on an eligible row). Its rank
 * (0-2) lets a run that keeps only one issue per row keep the one this would pick.
 */
export function reasonRank(issue: Pick<Issue, "severity" | "ruleId">): number | undefined {
  return issue.severity === "missing" ? 0 : issue.severity === "error" ? 1 : isFeeNote(issue) ? 2 : undefined;
}

/** A fee rule's note (info) on a row: why its fee was not computed, such as a sheet without L/W/H. */
export function isFeeNote(issue: Pick<Issue, "severity" | "ruleId">): boolean {
  return issue.severity === "info" && issue.ruleId.startsWith("FEE-");
}
const MODES = ["full", "semi"] as const;

/**
 * Of the modes the SKU is eligible for, the one that leaves the seller more — by profit
 * (amount − fee − cost) when the row has a cost, else by fee.
 *
 * @example
 * ```ts
 * bestModeOf({ full: eligible(8.8), semi: eligible(10) }) // => { kind: "full", basis: "fee", reasons: [] }
 * bestModeOf({ full: notEligible, semi: incomplete })       // => { kind: "none", …, reasons: [{ mode: "full", reason: "NOT_ELIGIBLE" }, { mode: "semi", reason: "INCOMPLETE" }] }
 * ```
 */
export function bestModeOf(results: Readonly<Record<CheckMode, BestModeRow>>, costFen?: number): BestMode {
  const basis = costFen === undefined ? "fee" : "profit";
  const eligible = MODES.filter((m) => ELIGIBLE.has(results[m].status) && results[m].fee !== undefined);
  if (eligible.length === 2) {
    // What the seller keeps: the amount in CNY less the fee (and the cost, the same in both modes).
    const keeps = (m: CheckMode) => {
      const fee = results[m].fee;
      return fee ? fee.amountCnyFen - fee.totalFen - (costFen ?? 0) : 0;
    };
    const f = keeps("full");
    const s = keeps("semi");
    return { kind: f === s ? "tie" : f > s ? "full" : "semi", basis, reasons: [] };
  }
  const reasonOf = (mode: CheckMode) => {
    const r = results[mode];
    const reason: BestModeReason = ELIGIBLE.has(r.status) ? "FEE_NOT_COMPUTED" : (r.status as BestModeReason);
    // What could not be computed, in the seller's words: the first missing input (else an error,
    // else, for a fee not computed on an eligible row, the fee rule's note saying why).
    let missing: BestModeRow["issues"][number] | undefined;
    if (reason === "INCOMPLETE" || reason === "FEE_NOT_COMPUTED") {
      let best = 3;
      for (const issue of r.issues) {
        const rank = reasonRank(issue);
        if (rank !== undefined && rank < best && (rank < 2 || reason === "FEE_NOT_COMPUTED")) {
          best = rank;
          missing = issue;
        }
      }
    }
    return { mode, reason, ...(missing ? { detail: missing.message } : {}) };
  };
  if (eligible.length === 1) {
    const chosen = eligible[0] as CheckMode;
    const other: CheckMode = chosen === "full" ? "semi" : "full";
    // The other mode was computed and is not eligible: the eligible one is the recommendation.
    if (results[other].status === "NOT_ELIGIBLE") return { kind: chosen, basis, reasons: [] };
    // The other could not be computed: say which and why instead of recommending one side.
    return { kind: "none", basis, reasons: [reasonOf(other)], onlyComputed: chosen };
  }
  return { kind: "none", basis, reasons: MODES.map(reasonOf) };
}

/** The count key of a best mode. */
export function bestModeKey(best: BestMode): BestModeKey {
  return best.kind === "tie" ? (best.basis === "fee" ? "tie-fee" : "tie-profit") : best.kind;
}

const MODE_NAME: Readonly<Record<CheckMode, Bilingual>> = {
  full: { en: "full", zh: "全托管" },
  semi: { en: "semi", zh: "半托管" },
};

const KEY_LABEL: Readonly<Record<BestModeKey, Bilingual>> = {
  full: MODE_NAME.full,
  semi: MODE_NAME.semi,
  "tie-fee": { en: "full = semi (same fee)", zh: "全托管 = 半托管（费用相同）" },
  "tie-profit": { en: "full = semi (same profit)", zh: "全托管 = 半托管（利润相同）" },
  none: { en: "none", zh: "无" },
};

/**
 * The label of a count key, as a run's summary shows it.
 *
 * @example
 * ```ts
 * bestModeLabel("tie-fee", "zh") // => "全托管 = 半托管（费用相同）"
 * ```
 */
export function bestModeLabel(key: BestModeKey, lang: "en" | "zh"): string {
  return KEY_LABEL[key][lang];
}

/**
 * The text of an AE Best mode cell.
 *
 * @example
 * ```ts
 * bestModeText({ kind: "none", basis: "fee", reasons: [{ mode: "full", reason: "NOT_ELIGIBLE" }, { mode: "semi", reason: "FEE_NOT_COMPUTED" }] }, "en")
 * // => "none: full NOT_ELIGIBLE, semi fee not computed"
 * bestModeText({ kind: "none", basis: "fee", reasons: [{ mode: "full", reason: "INCOMPLETE" }, { mode: "semi", reason: "NOT_ELIGIBLE" }] }, "zh")
 * // => "无：全托管信息不全，半托管不符合"
 * ```
 */
export function bestModeText(best: BestMode, lang: "en" | "zh"): string {
  if (best.kind !== "none") return bestModeLabel(bestModeKey(best), lang);
  // Each mode that is out: its status (or "fee not computed") and the first thing to fix.
  const why = best.reasons.map(({ mode, reason, detail }) => {
    // "fee not computed (the sheet has no column for …)", not "fee not computed (fee not computed: …)".
    const text = detail?.[lang].replace(/^(fee not computed: |未计算费用：)/, "");
    const said = text ? (lang === "en" ? ` (${text})` : `（${text}）`) : "";
    return lang === "en"
      ? `${MODE_NAME[mode].en} ${reason === "FEE_NOT_COMPUTED" ? "fee not computed" : reason}${said}`
      : `${MODE_NAME[mode].zh}${reason === "FEE_NOT_COMPUTED" ? "费用无法计算" : STATUS_WORDS[reason].zh}${said}`;
  });
  if (best.onlyComputed) {
    const only = MODE_NAME[best.onlyComputed][lang];
    return lang === "en"
      ? `none: ${why.join(", ")}; ${only} alone is eligible`
      : `无：${why.join("，")}；仅${only}符合`;
  }
  return lang === "en" ? `none: ${why.join(", ")}` : `无：${why.join("，")}`;
}
