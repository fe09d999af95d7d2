/**
 * The output columns: a contract finance workbooks reference, so the headers are fixed, in
 * English or (with lang "zh") Chinese.
 * @packageDocumentation
 */
import { STATUS_WORDS, type CheckMode } from "../engine";
import type { CellFormat, ColumnStyle, Tone } from "./port";

/** The language of written headers and texts. */
export type Lang = "en" | "zh";

/** A kind of output column. */
export type OutputKind =
  | "status"
  | "issues"
  | "volumetric"
  | "chargeable"
  | "billable"
  | "total"
  | "net"
  | "base"
  | "fulfilment"
  | "transfer"
  | "packing"
  | "services"
  | "commission"
  | "valueAdded"
  | "bestMode"
  | "profit"
  | "margin";

const HEADERS: Readonly<Record<OutputKind, { en: string; zh: string; format: CellFormat }>> = {
  status: { en: "AE Status", zh: "AE 状态", format: "text" },
  issues: { en: "AE Issues", zh: "AE 问题", format: "text" },
  volumetric: { en: "AE Volumetric weight (kg)", zh: "AE 体积重(kg)", format: "weight" },
  chargeable: { en: "AE Chargeable weight (kg)", zh: "AE 计费重(kg)", format: "weight" },
  billable: { en: "AE Billable weight (kg)", zh: "AE 计费重进位后(kg)", format: "weight" },
  total: { en: "AE Fee total (CNY)", zh: "AE 费用合计(元)", format: "money" },
  net: { en: "AE Net payout (CNY)", zh: "AE 净收入(元)", format: "money" },
  base: { en: "AE Fee base (CNY)", zh: "AE 基础服务费(元)", format: "money" },
  fulfilment: { en: "AE Fee fulfilment (CNY)", zh: "AE 履约费(元)", format: "money" },
  transfer: { en: "AE Fee transfer (CNY)", zh: "AE 转运费(元)", format: "money" },
  packing: { en: "AE Fee packing (CNY)", zh: "AE 打包费(元)", format: "money" },
  services: { en: "AE Fee services (CNY)", zh: "AE 增值服务费(元)", format: "money" },
  commission: { en: "AE Fee commission (CNY)", zh: "AE 基础佣金(元)", format: "money" },
  valueAdded: { en: "AE Fee value-added (CNY)", zh: "AE 增值服务(按效果)(元)", format: "money" },
  bestMode: { en: "AE Best mode", zh: "AE 最优模式", format: "text" },
  profit: { en: "AE Profit (CNY)", zh: "AE 利润(元)", format: "money" },
  margin: { en: "AE Margin", zh: "AE 利润率", format: "percent" },
};

const MODE_SUFFIX: Readonly<Record<CheckMode, { en: string; zh: string }>> = {
  full: { en: " [full]", zh: " [全托管]" },
  semi: { en: " [semi]", zh: " [半托管]" },
};

/** One planned output column: what it holds, for which mode, and its header. */
export interface OutputSpec {
  readonly kind: OutputKind;
  /** The mode whose result it shows (undefined for AE Best mode). */
  readonly mode: CheckMode | undefined;
  readonly header: string;
  readonly format: CellFormat;
  /** The column's look: status words get fills, issue text wraps. */
  readonly look?: "status" | "issues";
}

/**
 * The columns a run in `mode` writes, in order. With `withProfit` (the sheet has a cost column),
 * AE Profit (CNY) and AE Margin follow the net payout.
 */
export function outputSpecs(mode: CheckMode | "compare", lang: Lang, withProfit = false): OutputSpec[] {
  const spec = (kind: OutputKind, m: CheckMode | undefined, suffix = ""): OutputSpec => ({
    kind,
    mode: m,
    header: HEADERS[kind][lang] + suffix,
    format: HEADERS[kind].format,
    ...(kind === "status" || kind === "issues" ? { look: kind } : {}),
  });
  const profit: OutputKind[] = withProfit ? ["profit", "margin"] : [];
  if (mode === "semi") {
    const kinds: OutputKind[] = [
      "status",
      "issues",
      "volumetric",
      "chargeable",
      "billable",
      "total",
      "net",
      ...profit,
      "base",
      "fulfilment",
      "transfer",
      "packing",
      "services",
    ];
    return kinds.map((k) => spec(k, "semi"));
  }
  if (mode === "full") {
    const kinds: OutputKind[] = [
      "status",
      "issues",
      "total",
      "net",
      ...profit,
      "commission",
      "fulfilment",
      "valueAdded",
    ];
    return kinds.map((k) => spec(k, "full"));
  }
  const both: OutputSpec[] = [];
  for (const m of ["full", "semi"] as const) {
    for (const k of ["status", "total", ...(withProfit ? (["profit"] as const) : []), "issues"] as const)
      both.push(spec(k, m, MODE_SUFFIX[m][lang]));
  }
  both.push(spec("bestMode", undefined));
  return both;
}

/**
 * The words written into the status and verdict columns with lang "zh" (English keeps the codes).
 * The custom functions always return the codes, so formulas do not change with the reader's language.
 */
export const VALUE_WORDS_ZH: Readonly<Record<string, string>> = {
  ELIGIBLE: STATUS_WORDS.ELIGIBLE.zh,
  ELIGIBLE_WITH_WARNINGS: STATUS_WORDS.ELIGIBLE_WITH_WARNINGS.zh,
  NOT_ELIGIBLE: STATUS_WORDS.NOT_ELIGIBLE.zh,
  INCOMPLETE: STATUS_WORDS.INCOMPLETE.zh,
  MATCH: "一致",
  OVERCHARGED: "多扣",
  UNDERCHARGED: "少扣",
  CANNOT_CHECK: "无法核对",
};

/**
 * A status or verdict code as written in `lang`.
 *
 * @example
 * ```ts
 * valueWord("NOT_ELIGIBLE", "zh") // => "不符合"
 * valueWord("NOT_ELIGIBLE", "en") // => "NOT_ELIGIBLE"
 * ```
 */
export function valueWord(code: string, lang: Lang): string {
  return lang === "zh" ? (VALUE_WORDS_ZH[code] ?? code) : code;
}

const TONE_OF_CODE: Readonly<Record<string, Tone>> = {
  ELIGIBLE: "green",
  ELIGIBLE_WITH_WARNINGS: "amber",
  NOT_ELIGIBLE: "red",
  INCOMPLETE: "grey",
  MATCH: "green",
  UNDERCHARGED: "amber",
  OVERCHARGED: "red",
  CANNOT_CHECK: "grey",
};

/**
 * The colour (RGB hex) of each fill, the same in both hosts: Excel's Good / Neutral / Bad cell
 * styles and a light grey. The .xlsx writer puts them in the file's own style sheet (as ARGB), the
 * Office.js port in cell-value conditional formats (as #RRGGBB).
 */
export const TONE_RGB: Readonly<Record<Tone, string>> = {
  green: "C6EFCE",
  amber: "FFEB9C",
  red: "FFC7CE",
  grey: "D9D9D9",
};

/** Status and verdict values (codes and Chinese words) → their fill. */
export const VALUE_TONES: Readonly<Record<string, Tone>> = Object.fromEntries(
  Object.entries(TONE_OF_CODE).flatMap(([code, tone]) => [
    [code, tone],
    [VALUE_WORDS_ZH[code] as string, tone],
  ]),
);

/** Display width of a text in characters: a CJK or full-width character counts two. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
      ch,
    )
      ? 2
      : 1;
  return w;
}

/**
 * How an output column looks: wide enough for its header (and a readable width for issue text,
 * which wraps), with a fill per status or verdict value.
 *
 * @example
 * ```ts
 * columnStyle("AE Status", "text", "status") // => { width: 24, tones: { ELIGIBLE: "green", … } }
 * ```
 */
export function columnStyle(
  header: string,
  format: CellFormat,
  kind?: "status" | "issues" | "note",
): ColumnStyle {
  const fit = Math.min(60, textWidth(header) + 2);
  if (kind === "issues" || kind === "note")
    return { width: Math.max(fit, kind === "issues" ? 60 : 48), wrap: true };
  if (kind === "status") return { width: Math.max(fit, 24), tones: VALUE_TONES };
  return { width: Math.max(fit, format === "text" ? 14 : 12) };
}

/** The reconciliation columns. */
export const RECONCILE_HEADERS = {
  expected: { en: "AE Expected fee (CNY)", zh: "AE 应扣费用(元)", format: "money" },
  difference: { en: "AE Fee difference (CNY)", zh: "AE 费用差额(元)", format: "money" },
  verdict: { en: "AE Reconciliation", zh: "AE 对账结果", format: "text" },
  note: { en: "AE Reconciliation note", zh: "AE 对账说明", format: "text" },
} as const satisfies Record<string, { en: string; zh: string; format: CellFormat }>;

/** Every header any run may write, in both languages: the names a user column must not carry. */
export const ALL_OUTPUT_HEADERS: ReadonlySet<string> = new Set([
  ...Object.values(RECONCILE_HEADERS).flatMap((h) => [h.en, h.zh]),
  ...(["semi", "full", "compare"] as const).flatMap((m) =>
    (["en", "zh"] as const).flatMap((l) => outputSpecs(m, l, true).map((s) => s.header)),
  ),
]);
