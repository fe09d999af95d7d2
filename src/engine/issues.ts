/**
 * Issues are values: every problem the engine finds — a rule that fails, an input that
 * is blank or unreadable, a fee it cannot compute — is an {@link Issue}, never an exception.
 * @packageDocumentation
 */
import type { FieldName } from "./fields";
import type { RuleId } from "./pack/default";

/** How serious an issue is (rules-spec: severities). */
export type Severity = "error" | "warning" | "info" | "missing";

/** A text in English and Chinese. */
export interface Bilingual {
  readonly en: string;
  readonly zh: string;
}

/** Where an issue points: a sheet row (1-based, as Excel shows it) and a column letter. */
export interface CellRef {
  readonly row: number;
  readonly column: string;
}

/** One finding. */
export interface Issue {
  /** The rule id of rules-spec (e.g. "SEMI-K-WEIGHT"). */
  readonly ruleId: RuleId;
  readonly severity: Severity;
  /** The input field the issue is about, if any. */
  readonly field?: FieldName | string;
  /** The cell, when the input came from a sheet. */
  readonly cell?: CellRef;
  /** What the rule expected, e.g. "≤ 5 kg". */
  readonly expected: string;
  /** What was found, e.g. "5.2 kg" or "blank". */
  readonly received: string;
  readonly message: Bilingual;
}

/**
 * Makes an issue: the one constructor every rule, fee and check uses.
 *
 * @example
 * ```ts
 * makeIssue("SEMI-K-WEIGHT", "error", "weight", "≤ 5 kg", "5.2 kg", { en: "…", zh: "…" }, { row: 7, column: "D" })
 * // => { ruleId: "SEMI-K-WEIGHT", severity: "error", field: "weight", expected: "≤ 5 kg", received: "5.2 kg", message: {…}, cell: { row: 7, column: "D" } }
 * ```
 */
export function makeIssue(
  ruleId: RuleId,
  severity: Severity,
  field: FieldName | string | undefined,
  expected: string,
  received: string,
  message: Bilingual,
  cell?: CellRef,
): Issue {
  if (field === undefined)
    return cell
      ? { ruleId, severity, expected, received, message, cell }
      : { ruleId, severity, expected, received, message };
  return cell
    ? { ruleId, severity, field, expected, received, message, cell }
    : { ruleId, severity, field, expected, received, message };
}

/** Row status (rules-spec: row status). */
export type RowStatus = "ELIGIBLE" | "ELIGIBLE_WITH_WARNINGS" | "NOT_ELIGIBLE" | "INCOMPLETE";

/**
 * The status of a set of issues: NOT_ELIGIBLE if any error; else INCOMPLETE if any
 * missing; else ELIGIBLE_WITH_WARNINGS if any warning; else ELIGIBLE. Info never changes it.
 *
 * @example
 * ```ts
 * statusOf([])                                  // => "ELIGIBLE"
 * statusOf([{ severity: "missing" }, { severity: "warning" }] as Issue[]) // => "INCOMPLETE"
 * ```
 */
export function statusOf(issues: readonly Pick<Issue, "severity">[]): RowStatus {
  let mask = 0;
  for (const issue of issues) mask |= SEVERITY_BIT[issue.severity];
  return statusOfSeverities(mask);
}

/** Each severity's bit in a mask of the severities a row's issues have ({@link statusOfSeverities}). */
export const SEVERITY_BIT: Readonly<Record<Severity, number>> = { error: 1, missing: 2, warning: 4, info: 8 };

/**
 * The status of a row whose issues have the severities in `mask` ({@link SEVERITY_BIT}): the rule
 * of {@link statusOf}, for a run that keeps the mask rather than the issues.
 *
 * @example
 * ```ts
 * statusOfSeverities(SEVERITY_BIT.missing | SEVERITY_BIT.warning) // => "INCOMPLETE"
 * ```
 */
export function statusOfSeverities(mask: number): RowStatus {
  if (mask & SEVERITY_BIT.error) return "NOT_ELIGIBLE";
  if (mask & SEVERITY_BIT.missing) return "INCOMPLETE";
  if (mask & SEVERITY_BIT.warning) return "ELIGIBLE_WITH_WARNINGS";
  return "ELIGIBLE";
}

/**
 * Formats an issue as "RULE-ID: message" in one language, with its cell.
 *
 * @example
 * ```ts
 * formatIssue({ ruleId: "SEMI-K-WEIGHT", severity: "error", expected: "≤ 5 kg", received: "5.2 kg",
 *   cell: { row: 7, column: "D" }, message: { en: "one item weighs 5.2 kg, over 5 kg", zh: "单件重量5.2kg，超过5kg" } }, "en")
 * // => "SEMI-K-WEIGHT: one item weighs 5.2 kg, over 5 kg (D7)"
 * ```
 */
export function formatIssue(issue: Issue, lang: "en" | "zh"): string {
  const where = issue.cell ? ` (${issue.cell.column}${issue.cell.row})` : "";
  return `${issue.ruleId}: ${issue.message[lang]}${where}`;
}

/**
 * A row status as a person reads it: English keeps the codes, Chinese has the words of issue 13
 * (the custom functions return the codes in every language).
 *
 * @example
 * ```ts
 * STATUS_WORDS.INCOMPLETE.zh // => "信息不全"
 * ```
 */
export const STATUS_WORDS: Readonly<Record<RowStatus, Bilingual>> = {
  ELIGIBLE: { en: "ELIGIBLE", zh: "符合" },
  ELIGIBLE_WITH_WARNINGS: { en: "ELIGIBLE_WITH_WARNINGS", zh: "符合（有提醒）" },
  NOT_ELIGIBLE: { en: "NOT_ELIGIBLE", zh: "不符合" },
  INCOMPLETE: { en: "INCOMPLETE", zh: "信息不全" },
};

/** The severity words an issue line shows next to its rule id. */
export const SEVERITY_WORDS: Readonly<Record<Severity, Bilingual>> = {
  error: { en: "error", zh: "错误" },
  warning: { en: "warning", zh: "警告" },
  info: { en: "info", zh: "提示" },
  missing: { en: "missing", zh: "缺失" },
};

/**
 * Formats an issue as it is read on its row (the `AE Issues` cell, `AE.ISSUES` lines): the rule id
 * with its severity word in the run's language, the message and (unless `withCell` is false) the cell.
 *
 * @example
 * ```ts
 * const issue = { ruleId: "SEMI-K-WAREHOUSE", severity: "error", expected: "", received: "",
 *   cell: { row: 7, column: "Z" }, message: { en: "warehouse '上海仓' is not a semi-managed warehouse", zh: "仓库“上海仓”不是半托管仓" } };
 * formatIssueLine(issue, "en") // => "SEMI-K-WAREHOUSE (error): warehouse '上海仓' is not a semi-managed warehouse (Z7)"
 * formatIssueLine(issue, "zh") // => "SEMI-K-WAREHOUSE（错误）：仓库“上海仓”不是半托管仓（Z7）"
 * ```
 */
export function formatIssueLine(issue: Issue, lang: "en" | "zh", withCell = true): string {
  const ref = issue.cell && withCell ? `${issue.cell.column}${issue.cell.row}` : "";
  const word = SEVERITY_WORDS[issue.severity][lang];
  // Chinese text takes full-width brackets (as its other punctuation does).
  return lang === "en"
    ? `${issue.ruleId} (${word}): ${issue.message.en}${ref ? ` (${ref})` : ""}`
    : `${issue.ruleId}（${word}）：${issue.message.zh}${ref ? `（${ref}）` : ""}`;
}
