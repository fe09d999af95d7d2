/**
 * Reconciliation of one statement line, as a value: the fee the rules expect against what the
 * platform charged, in total and by component, with a verdict and, when the line cannot be
 * checked, a reason code. Pure: the pipeline reads the cells and writes the results; text is
 * made only where a note is written ({@link reconcileNote}).
 * @packageDocumentation
 */
import type { CheckMode } from "./evaluate";
import type { FeeBreakdown, FeeComponentId } from "./fees";
import type { FieldName } from "./fields";
import type { Bilingual, Issue } from "./issues";
import { fenText } from "./money";

/** A line's verdict. */
export type Verdict = "MATCH" | "OVERCHARGED" | "UNDERCHARGED" | "CANNOT_CHECK";

/** Every verdict, in the order reports list them. */
export const VERDICTS: readonly Verdict[] = ["MATCH", "OVERCHARGED", "UNDERCHARGED", "CANNOT_CHECK"];

/**
 * Why a line cannot be checked. To add one: a code here, its text in REASON_TEXT, and the place
 * that returns it.
 */
export type ReasonCode =
  /** The line's mode cell is neither semi nor full (`detail`: the text). */
  | "MODE_UNKNOWN"
  /** A charge names a currency other than CNY (`detail`: its code). */
  | "CHARGE_NOT_CNY"
  /** No charged total and no charged component. */
  | "NO_CHARGE"
  /** The expected fee could not be computed (`issues`: why). */
  | "FEE_NOT_COMPUTED"
  /**
   * A charged column holds a charge the line's mode has no fee for, or a second column holds the
   * same fee (`detail`: its header, `other`: the column already counted, `mode`, `fen`): the line
   * is not reconciled rather than the charge dropped or counted twice.
   */
  | "CHARGE_NOT_ASSIGNED"
  /** A line of an order netted with its refund cannot be checked, so neither can the order (`detail`: its rows). */
  | "ORDER_NET_UNKNOWN";

/** A reason code with what its text names. */
export interface CannotCheckReason {
  readonly code: ReasonCode;
  readonly detail?: string;
  readonly issues?: readonly Issue[];
  /** CHARGE_NOT_ASSIGNED: the header of the column already counted for the same fee. */
  readonly other?: string;
  /** CHARGE_NOT_ASSIGNED: the line's mode. */
  readonly mode?: CheckMode;
  /** CHARGE_NOT_ASSIGNED: the charge, in fen. */
  readonly fen?: number;
  /** CHARGE_NOT_CNY: the charged column the currency is in. */
  readonly column?: Bilingual;
}

/** The charged total's column, as a CHARGE_NOT_CNY reason names it. */
const CHARGED_TOTAL_LABEL: Bilingual = { en: "platform charge", zh: "平台扣费" };

/** A charged-component column of a statement and the fee components it is compared with. */
export interface ChargedComponent {
  readonly field: FieldName;
  readonly components: readonly FeeComponentId[];
  readonly modes: readonly CheckMode[];
  readonly label: Bilingual;
}

/**
 * The charged-component columns a statement may have. Within a mode, the first column of a fee
 * component is the one counted: a later column of the same component (both 基础服务费 and 平台佣金 on
 * a semi-managed line) is not, and a charge in it makes the line CANNOT_CHECK (CHARGE_NOT_ASSIGNED),
 * as does a charge in a column the line's mode has no fee for.
 */
export const CHARGED_COMPONENTS: readonly ChargedComponent[] = [
  {
    field: "chargedBase",
    components: ["base"],
    modes: ["semi"],
    label: { en: "base service fee", zh: "基础服务费" },
  },
  // A settlement export has one platform-commission column for every order (seller-exports.md,
  // "Statements and fund exports": 订单金额, 平台佣金, 推广联盟佣金, 物流费 …; 手续费 (commission) per
  // sub-order). On a semi-managed line the platform's percentage charge is the base service fee,
  // 3.5 % of the received amount (rules-spec §1.1 FEE-SEMI-BASE): the commission column is it.
  {
    field: "chargedCommission",
    components: ["base"],
    modes: ["semi"],
    label: { en: "base service fee (commission column)", zh: "基础服务费（佣金列）" },
  },
  {
    field: "chargedCommission",
    components: ["commission"],
    modes: ["full"],
    label: { en: "commission", zh: "佣金" },
  },
  // Likewise a 基础服务费 column on a full-managed line is the platform's base percentage charge,
  // the base commission 基础佣金 (rules-spec §1.2 FEE-FULL-COMMISSION).
  {
    field: "chargedBase",
    components: ["commission"],
    modes: ["full"],
    label: { en: "commission (base service fee column)", zh: "佣金（基础服务费列）" },
  },
  {
    field: "chargedFulfilment",
    components: ["fulfilment"],
    modes: ["semi", "full"],
    label: { en: "fulfilment fee", zh: "履约费" },
  },
  {
    field: "chargedTransfer",
    components: ["transfer"],
    modes: ["semi"],
    label: { en: "transfer surcharge", zh: "转运费" },
  },
  {
    field: "chargedPacking",
    components: ["packing"],
    modes: ["semi"],
    label: { en: "packing fee", zh: "打包费" },
  },
  // On a statement the 打包费 / 增值服务费 columns are what was charged.
  {
    field: "packingFee",
    components: ["packing"],
    modes: ["semi"],
    label: { en: "packing fee", zh: "打包费" },
  },
  {
    field: "chargedServices",
    components: ["label", "photoQc"],
    modes: ["semi"],
    label: { en: "label / photo QC", zh: "贴标/质检费" },
  },
  {
    field: "valueAdded",
    components: ["label", "photoQc"],
    modes: ["semi"],
    label: { en: "value-added services", zh: "增值服务费" },
  },
  {
    field: "valueAdded",
    components: ["valueAdded"],
    modes: ["full"],
    label: { en: "value-added services", zh: "增值服务费" },
  },
];

/**
 * A charge read from a cell: integer fen when it is CNY, the code of its currency when it names
 * another one, undefined when blank or unreadable.
 */
export type Charge = number | string | undefined;

/** One statement line, read from its cells. */
export interface StatementLine {
  /** The line's mode (its mode cell, else the run's default); undefined when the cell names none. */
  readonly mode: CheckMode | undefined;
  /** The mode cell's text, for the reason when it names no mode. */
  readonly modeText?: string | undefined;
  /** The charged total (平台扣费). */
  readonly chargedTotal: Charge;
  /** The charged-component columns present for this mode, and what each cell holds (same order). */
  readonly columns: readonly ChargedComponent[];
  readonly charged: readonly Charge[];
  /**
   * The charged columns not counted for this mode (no fee of the mode, or a second column of a fee
   * already counted), and what each cell holds (same order): a charge in one makes the line
   * CANNOT_CHECK, never silently dropped.
   */
  readonly unused?: readonly UnusedColumn[];
  readonly unusedCharged?: readonly Charge[];
  /** The order amount is negative (a refund line). */
  readonly negativeAmount: boolean;
}

/** A charged column not counted for a mode: its header, and the column counted instead, if any. */
export interface UnusedColumn {
  readonly header: string;
  readonly other?: string;
}

/** The expected fee of a line: a breakdown, or the issues saying why there is none. */
export interface ExpectedFee {
  readonly fee: FeeBreakdown | undefined;
  readonly issues: readonly Issue[];
}

/** One charged component that differs from what the rules expect by more than the tolerance. */
export interface ComponentDifference {
  readonly field: FieldName;
  readonly label: Bilingual;
  readonly chargedFen: number;
  readonly expectedFen: number;
  /** charged − expected. */
  readonly differenceFen: number;
}

/** What one line came to. */
export interface LineOutcome {
  readonly verdict: Verdict;
  readonly expectedFen: number | undefined;
  readonly chargedFen: number | undefined;
  /** charged − expected. */
  readonly differenceFen: number | undefined;
  /** A refund line: negative charge or amount, the fee reversed. */
  readonly refund: boolean;
  readonly differences: readonly ComponentDifference[];
  /** Why the line cannot be checked (CANNOT_CHECK only). */
  readonly reason?: CannotCheckReason;
}

const NONE: readonly ComponentDifference[] = Object.freeze([]);

function cannot(reason: CannotCheckReason, chargedFen?: number, refund = false): LineOutcome {
  return {
    verdict: "CANNOT_CHECK",
    expectedFen: undefined,
    chargedFen,
    differenceFen: undefined,
    refund,
    differences: NONE,
    reason,
  };
}

/**
 * Reconciles one line. The charged fee is the total, else the sum of the components given; a
 * refund line (negative charge or amount) expects the fee of the returned amount, reversed. A
 * difference within `toleranceFen` is a MATCH; each component given is compared too.
 *
 * @param expected - the fee the rules give for the line (with a negative amount made positive);
 *   called only when the line has a mode and a CNY charge.
 * @example
 * ```ts
 * const line = { mode: "full", chargedTotal: 900, columns: [], charged: [], negativeAmount: false };
 * reconcileLine(line, () => fullManagedFee(compiled, { amount: 100, category: "女装" }, {}), 1)
 * // => { verdict: "OVERCHARGED", expectedFen: 880, chargedFen: 900, differenceFen: 20, refund: false, differences: [] }
 * ```
 */
export function reconcileLine(
  line: StatementLine,
  expected: () => ExpectedFee,
  toleranceFen: number,
): LineOutcome {
  if (line.mode === undefined) return cannot({ code: "MODE_UNKNOWN", detail: line.modeText ?? "" });
  let componentSum = 0;
  let anyComponent = false;
  // A charge in another currency is not compared (the platform's charges are CNY): named instead.
  let foreign: string | undefined;
  let foreignColumn: Bilingual | undefined;
  for (let k = 0; k < line.charged.length; k++) {
    const money = line.charged[k];
    if (typeof money === "string") {
      if (foreign === undefined) {
        foreign = money;
        foreignColumn = line.columns[k]?.label;
      }
    } else if (money !== undefined) {
      componentSum += money;
      anyComponent = true;
    }
  }
  const total = line.chargedTotal;
  if (typeof total === "string" && foreign === undefined) {
    foreign = total;
    foreignColumn = CHARGED_TOTAL_LABEL;
  }
  if (foreign !== undefined)
    return cannot({
      code: "CHARGE_NOT_CNY",
      detail: foreign,
      ...(foreignColumn ? { column: foreignColumn } : {}),
    });
  const unused = line.unused ?? [];
  for (let k = 0; k < unused.length; k++) {
    const money = line.unusedCharged?.[k];
    if (typeof money === "string") {
      const header = (unused[k] as UnusedColumn).header;
      return cannot({ code: "CHARGE_NOT_CNY", detail: money, column: { en: header, zh: header } });
    }
    if (money === undefined || money === 0) continue;
    const u = unused[k] as UnusedColumn;
    return cannot({
      code: "CHARGE_NOT_ASSIGNED",
      detail: u.header,
      ...(u.other !== undefined ? { other: u.other } : {}),
      mode: line.mode,
      fen: money,
    });
  }
  const chargedFen = typeof total === "number" ? total : anyComponent ? componentSum : undefined;
  if (chargedFen === undefined) return cannot({ code: "NO_CHARGE" });
  const refund = chargedFen < 0 || line.negativeAmount;
  const result = expected();
  const fee = result.fee;
  if (!fee) return cannot({ code: "FEE_NOT_COMPUTED", issues: result.issues }, chargedFen, refund);
  const sign = refund ? -1 : 1;
  const expectedFen = sign * fee.totalFen;
  const differenceFen = chargedFen - expectedFen;
  let differences: ComponentDifference[] | undefined;
  for (let k = 0; k < line.charged.length; k++) {
    const fen = line.charged[k];
    if (typeof fen !== "number") continue;
    const c = line.columns[k] as ChargedComponent;
    let part = 0;
    for (const x of fee.components) if (c.components.includes(x.id)) part += x.fen;
    const d = fen - sign * part;
    if (Math.abs(d) <= toleranceFen) continue;
    (differences ??= []).push({
      field: c.field,
      label: c.label,
      chargedFen: fen,
      expectedFen: sign * part,
      differenceFen: d,
    });
  }
  return {
    verdict:
      Math.abs(differenceFen) <= toleranceFen ? "MATCH" : differenceFen > 0 ? "OVERCHARGED" : "UNDERCHARGED",
    expectedFen,
    chargedFen,
    differenceFen,
    refund,
    differences: differences ?? NONE,
  };
}

const REASON_TEXT: Readonly<Record<ReasonCode, (r: CannotCheckReason, lang: "en" | "zh") => string>> = {
  MODE_UNKNOWN: (r, lang) =>
    lang === "en" ? `mode '${r.detail}' is neither semi nor full` : `模式“${r.detail}”不是半托管或全托管`,
  CHARGE_NOT_CNY: (r, lang) =>
    lang === "en"
      ? `the charged fee${r.column ? ` (${r.column.en})` : ""} is in ${r.detail}: charges are reconciled in CNY (convert it to CNY)`
      : `实扣费用${r.column ? `（${r.column.zh}）` : ""}为${r.detail}：对账按人民币核对（请换算为人民币）`,
  NO_CHARGE: (_r, lang) =>
    lang === "en"
      ? "no charged fee on the line (平台扣费 or its components)"
      : "该行没有平台扣费（或各项费用）",
  CHARGE_NOT_ASSIGNED: (r, lang) => {
    const fen = fenText(r.fen ?? 0);
    const mode =
      lang === "en"
        ? r.mode === "full"
          ? "full-managed"
          : "semi-managed"
        : r.mode === "full"
          ? "全托管"
          : "半托管";
    if (r.other !== undefined)
      return lang === "en"
        ? `the columns '${r.other}' and '${r.detail}' both charge the same fee on a ${mode} line (${fen} in '${r.detail}'): the line is not reconciled rather than count it twice or drop one`
        : `“${r.other}”和“${r.detail}”两列在${mode}行上是同一项费用（“${r.detail}”为${fen}）：为免重复计算或漏算，该行不核对`;
    return lang === "en"
      ? `the column '${r.detail}' charges ${fen}, a fee the rules do not have for a ${mode} line: the line is not reconciled rather than leave the charge out`
      : `“${r.detail}”列扣费${fen}，${mode}规则中没有这项费用：为免漏算，该行不核对`;
  },
  ORDER_NET_UNKNOWN: (r, lang) =>
    lang === "en"
      ? `order and its refund (rows ${r.detail}): one of the lines cannot be checked, so the order's net is not known`
      : `订单与退款（第${r.detail}行）：其中一行无法核对，订单净额未知`,
  FEE_NOT_COMPUTED: (r, lang) =>
    (r.issues ?? []).map((i) => i.message[lang]).join(lang === "en" ? "; " : "；") ||
    (lang === "en"
      ? "the fee cannot be computed: the statement lacks a column it needs (the amount; for semi-managed the weight with length, width and height, or the billable weight 计费重量; for full-managed the category)"
      : "无法计算费用：对账单缺少所需的列（金额；半托管需重量及长宽高，或计费重量；全托管需类目）"),
};

const signed = (n: number) => `${n > 0 ? "+" : ""}${fenText(n)}`;

/**
 * The text of a reason code.
 *
 * @example
 * ```ts
 * reasonText({ code: "CHARGE_NOT_CNY", detail: "USD" }, "en")
 * // => "the charged fee is in USD: charges are reconciled in CNY (convert it to CNY)"
 * ```
 */
export function reasonText(reason: CannotCheckReason, lang: "en" | "zh"): string {
  return REASON_TEXT[reason.code](reason, lang);
}

/**
 * The note of a line (the AE Reconciliation note cell): the reason it cannot be checked, or
 * "refund" and each differing component; undefined when there is nothing to say.
 *
 * @example
 * ```ts
 * reconcileNote({ verdict: "OVERCHARGED", …, refund: false, differences: [{ label: { en: "fulfilment fee", zh: "履约费" }, chargedFen: 700, expectedFen: 650, differenceFen: 50, … }] }, "en")
 * // => "fulfilment fee +0.50 (charged 7.00, expected 6.50)"
 * ```
 */
export function reconcileNote(outcome: LineOutcome, lang: "en" | "zh"): string | undefined {
  if (outcome.reason) return reasonText(outcome.reason, lang);
  const parts: string[] = [];
  if (outcome.refund) parts.push(lang === "en" ? "refund: fee reversed" : "退款：费用冲回");
  const charged = fenText(outcome.chargedFen ?? 0);
  const expected = fenText(outcome.expectedFen ?? 0);
  if (outcome.verdict === "MATCH" && outcome.differences.length > 0) {
    // The total is right: the parts are booked differently (fulfilment under commission …), not a difference.
    const booked = outcome.differences
      .map((d) => `${d.label[lang]} ${fenText(d.chargedFen)}`)
      .join(lang === "en" ? ", " : "，");
    parts.push(
      lang === "en"
        ? `total matches (charged ${charged}, expected ${expected}); the statement books the parts differently from the rules (${booked})`
        : `总额一致（实扣${charged}，应扣${expected}）；对账单的分项与规则不同（${booked}）`,
    );
    return parts.join(lang === "en" ? "; " : "；");
  }
  let sum = 0;
  for (const d of outcome.differences) sum += d.differenceFen;
  // The components do not make the whole difference (a part with no column): the total's first.
  if (outcome.differences.length > 0 && outcome.differenceFen !== undefined && sum !== outcome.differenceFen)
    parts.push(
      lang === "en"
        ? `total ${signed(outcome.differenceFen)} (charged ${charged}, expected ${expected})`
        : `总额${signed(outcome.differenceFen)}（实扣${charged}，应扣${expected}）`,
    );
  for (const d of outcome.differences) {
    parts.push(
      lang === "en"
        ? `${d.label.en} ${signed(d.differenceFen)} (charged ${fenText(d.chargedFen)}, expected ${fenText(d.expectedFen)})`
        : `${d.label.zh}${signed(d.differenceFen)}（实扣${fenText(d.chargedFen)}，应扣${fenText(d.expectedFen)}）`,
    );
  }
  return parts.length > 0 ? parts.join(lang === "en" ? "; " : "；") : undefined;
}

/**
 * The note of a line whose order id appears on other lines too.
 *
 * @example
 * ```ts
 * duplicateNote([7, 8], "en") // => "duplicate order id (rows 7, 8)"
 * ```
 */
export function duplicateNote(rows: readonly number[], lang: "en" | "zh"): string {
  const text = rows.join(lang === "en" ? ", " : "、");
  return lang === "en" ? `duplicate order id (rows ${text})` : `订单号重复（第${text}行）`;
}
