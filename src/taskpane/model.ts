/**
 * What the pane shows, computed from a run's summary without React: the rules in words, the
 * per-SKU rows and their filters, the "what to fix" list, the compare-mode decision, the fee
 * option errors in the pane's language, and the reconciliation's disputes as CSV.
 * Pure functions, so they are tested directly and timed by `npm run bench:pane`.
 * @packageDocumentation
 */
import {
  bestModeOf,
  OPTION_KEYS,
  optionReason,
  readFeeOptions,
  type Bilingual,
  type CheckMode,
  type Engine,
  type FeeOptions,
  type Issue,
  type RowResult,
  type RowStatus,
  type RulePack,
} from "../engine";
import type { CheckSummary } from "../pipeline/run";
import type { LineResult } from "../pipeline/reconcile";
import type { Lang } from "./strings";

/** A rule as the pane shows it: its title in the pane's language, the id as a detail. */
export interface RuleWords {
  readonly id: string;
  readonly title: string;
}

/** The rule's title from the pack, in `lang`; the id itself when the pack does not know it. */
export function ruleWords(engine: Engine, ruleId: string, lang: Lang): RuleWords {
  const rule = (engine.pack.rules as Readonly<Record<string, { title: Bilingual } | undefined>>)[ruleId];
  return { id: ruleId, title: rule ? rule.title[lang] : ruleId };
}

/** "ae-modes-default 2024.07-1" and the date the rules are as of, of the pack a run used. */
export function packInfo(pack: RulePack): { readonly version: string; readonly asOf: string } {
  return { version: `${pack.id} ${pack.version}`, asOf: pack.effectiveDate };
}

// ---------------------------------------------------------------------------------------------
// Fee options

/** The option keys the form shows as fields, and their short labels. */
export const OPTION_LABELS: Readonly<Record<string, Bilingual>> = {
  distance: { en: "Distance to the warehouse (km)", zh: "发货地到仓库距离（公里）" },
  carton: { en: "Units per carton", zh: "单箱件数" },
  rate: { en: "Negotiated semi-managed base rate", zh: "半托管协议费率" },
  orders: { en: "Monthly orders", zh: "月均单量" },
  fx: { en: "Exchange rate (CNY per unit)", zh: "汇率（每单位外币兑人民币）" },
  currency: { en: "Currency of amounts without one", zh: "未注明币种的金额的币种" },
  packing: { en: "Packing fee per order (CNY)", zh: "每单打包费（元）" },
  vas: { en: "Full-managed value-added fee per order (CNY)", zh: "全托管增值服务费（元/单）" },
  fulfilmentrate: {
    en: "Full-managed fulfilment rate for categories without one",
    zh: "无费率类目的全托管履约费率",
  },
  destination: { en: "Destination country (rate card)", zh: "目的国（运费表）" },
  services: { en: "Services", zh: "增值服务" },
  label: { en: "Labelling", zh: "贴标" },
  photoqc: { en: "Photo QC", zh: "拍照质检" },
};

/** What an option's value should look like, for its hint (never a value that could pass for one). */
export const OPTION_HINTS: Readonly<Record<string, Bilingual>> = {
  distance: { en: "e.g. 250", zh: "例如 250" },
  carton: { en: "whole number, e.g. 12", zh: "整数，例如 12" },
  rate: { en: "e.g. 2.8% or 0.028", zh: "例如 2.8% 或 0.028" },
  orders: { en: "whole number", zh: "整数" },
  fx: { en: "e.g. 7.12", zh: "例如 7.12" },
  currency: { en: "e.g. USD (default CNY)", zh: "例如 USD（默认人民币）" },
  packing: { en: "default 0", zh: "默认 0" },
  vas: { en: "default 0", zh: "默认 0" },
  fulfilmentrate: { en: "e.g. 8%", zh: "例如 8%" },
  destination: {
    en: "e.g. DE or Germany; a Destination column wins per row",
    zh: "例如 DE 或 德国；表中“目的国”列按行优先",
  },
};

/** An option's label in the pane's language. */
export function optionLabel(key: string, lang: Lang): string {
  return OPTION_LABELS[key]?.[lang] ?? OPTION_KEYS[key]?.[lang] ?? key;
}

/** How the pane joins several messages in one line: "; " in English, "；" in Chinese. */
export function listSeparator(lang: Lang): string {
  return lang === "zh" ? "；" : "; ";
}

/** One refused option: its key and the message naming it by its label. */
export interface OptionError {
  readonly key: string;
  readonly message: string;
}

/**
 * The fee options from the form's texts, or each refused option named by its label with the
 * engine's reason for its code in the pane's language.
 */
export function feeOptionsOf(
  texts: Readonly<Record<string, string>>,
  lang: Lang,
): { ok: true; options: FeeOptions } | { ok: false; errors: readonly OptionError[] } {
  const pairs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(texts)) if (value.trim() !== "") pairs[key] = value.trim();
  const all = readFeeOptions(pairs);
  if (all.ok) return all;
  return {
    ok: false,
    errors: all.errors.map((e) => ({
      key: e.key,
      message: `${optionLabel(e.option, lang)}: ${optionReason(e, lang)}`,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Per-SKU rows

/** One mode's result of a row, as the per-SKU view shows it. */
export interface ModeCell {
  readonly status: RowStatus;
  readonly feeFen: number | undefined;
  readonly profitFen: number | undefined;
  /** Profit / amount, where both are known. */
  readonly margin: number | undefined;
  readonly issues: readonly Issue[];
  /** The engine's result, for the best mode. */
  readonly result: RowResult;
}

/** One data row of the per-SKU view. */
export interface SkuRow {
  /** Index into the run's per-row arrays. */
  readonly index: number;
  /** The sheet row. */
  readonly row: number;
  readonly sku: string | undefined;
  /** The row's cost in fen, where the sheet has a readable CNY cost. */
  readonly costFen: number | undefined;
  readonly modes: Readonly<Partial<Record<CheckMode, ModeCell>>>;
}

function modeCell(result: RowResult, costFen: number | undefined): ModeCell {
  const fee = result.fee;
  const profitFen = fee && costFen !== undefined ? fee.amountCnyFen - fee.totalFen - costFen : undefined;
  return {
    status: result.status,
    feeFen: fee?.totalFen,
    profitFen,
    margin:
      profitFen !== undefined && fee && fee.amountCnyFen !== 0 ? profitFen / fee.amountCnyFen : undefined,
    issues: result.issues,
    result,
  };
}

/** The modes of a run, in the order the view shows them. */
export function modesOf(summary: Pick<CheckSummary, "modes">): CheckMode[] {
  return summary.modes.map((m) => m.mode);
}

/** Every non-blank row of the run, in sheet order. */
export function skuRows(summary: Pick<CheckSummary, "perRow" | "firstDataRow" | "modes">): SkuRow[] {
  const { skus, costs, results } = summary.perRow;
  const modes = modesOf(summary);
  const first = results[modes[0] as CheckMode] ?? [];
  const rows: SkuRow[] = [];
  for (let i = 0; i < first.length; i++) {
    if (!first[i]) continue;
    const cells: Partial<Record<CheckMode, ModeCell>> = {};
    for (const m of modes) {
      const r = results[m]?.[i];
      if (r) cells[m] = modeCell(r, costs[i]);
    }
    rows.push({ index: i, row: summary.firstDataRow + i, sku: skus[i], costFen: costs[i], modes: cells });
  }
  return rows;
}

/** A filter of the per-SKU view: a status (in any shown mode) and a rule ("" = any). */
export interface RowFilter {
  readonly status: RowStatus | "";
  readonly rule: string;
  /** Text in the SKU. */
  readonly text?: string;
}

/** The rows that pass a filter. */
export function filterRows(rows: readonly SkuRow[], filter: RowFilter): SkuRow[] {
  const text = filter.text?.trim().toLowerCase() ?? "";
  if (!filter.status && !filter.rule && !text) return rows as SkuRow[];
  return rows.filter((r) => {
    if (text && !(r.sku ?? "").toLowerCase().includes(text) && String(r.row) !== text) return false;
    let status = !filter.status;
    let rule = !filter.rule;
    for (const m in r.modes) {
      const cell = r.modes[m as CheckMode] as ModeCell;
      if (!status && cell.status === filter.status) status = true;
      if (!rule && cell.issues.some((i) => i.ruleId === filter.rule)) rule = true;
    }
    return status && rule;
  });
}

const BLOCKING = new Set<Issue["severity"]>(["error", "missing"]);

/** One fix of the "what to fix" list. */
export interface Fix {
  readonly mode: CheckMode;
  readonly ruleId: string;
  /** Rows that become eligible in this mode when only this rule is fixed. */
  readonly unblocks: number;
  /** Rows this rule blocks at all (with other rules or not). */
  readonly blocks: number;
  /** One message of the rule, as an example. */
  readonly example: Bilingual;
}

/**
 * The blocking rules (errors and missing inputs), most rows unblocked first: a row counts for a
 * rule when that rule is the only one keeping it from being eligible in the mode.
 */
export function whatToFix(rows: readonly SkuRow[]): Fix[] {
  const fixes = new Map<
    string,
    { mode: CheckMode; ruleId: string; unblocks: number; blocks: number; example: Bilingual }
  >();
  for (const r of rows) {
    for (const m in r.modes) {
      const cell = r.modes[m as CheckMode] as ModeCell;
      if (cell.status !== "NOT_ELIGIBLE" && cell.status !== "INCOMPLETE") continue;
      const blocking = new Set<string>();
      let example: Bilingual | undefined;
      for (const issue of cell.issues)
        if (BLOCKING.has(issue.severity)) {
          blocking.add(issue.ruleId);
          example ??= issue.message;
        }
      for (const ruleId of blocking) {
        const key = `${m}|${ruleId}`;
        let fix = fixes.get(key);
        if (!fix) {
          const message = cell.issues.find((i) => i.ruleId === ruleId)?.message ?? (example as Bilingual);
          fixes.set(key, (fix = { mode: m as CheckMode, ruleId, unblocks: 0, blocks: 0, example: message }));
        }
        fix.blocks++;
        if (blocking.size === 1) fix.unblocks++;
      }
    }
  }
  return [...fixes.values()].sort(
    (a, b) => b.unblocks - a.unblocks || b.blocks - a.blocks || a.ruleId.localeCompare(b.ruleId),
  );
}

// ---------------------------------------------------------------------------------------------
// Compare mode: the decision at a glance

const ELIGIBLE = new Set<RowStatus>(["ELIGIBLE", "ELIGIBLE_WITH_WARNINGS"]);

/** Why a row of a compare run has no best mode. */
export type NoBestReason = "onlyFull" | "onlySemi" | "neither" | "noFee";

/** The catalog-wide decision of a compare run. */
export interface ModeDecision {
  readonly rows: number;
  readonly perMode: Readonly<
    Record<
      CheckMode,
      { eligible: number; feeFen: number; feeRows: number; profitFen: number; profitRows: number }
    >
  >;
  /** Over the rows where both modes were computed (eligible in both, with a fee). */
  readonly compared: number;
  readonly best: Readonly<Record<CheckMode | "same", number>>;
  /** Fees of the compared rows in each mode, and profit where the row has a cost. */
  readonly comparedFeeFen: Readonly<Record<CheckMode, number>>;
  /** The rows not compared, by reason. */
  readonly notCompared: Readonly<Record<NoBestReason, number>>;
  readonly withCost: boolean;
}

/** The compare decision over the per-SKU rows (both modes shown). */
export function modeDecision(rows: readonly SkuRow[], withCost: boolean): ModeDecision {
  const perMode = {
    full: { eligible: 0, feeFen: 0, feeRows: 0, profitFen: 0, profitRows: 0 },
    semi: { eligible: 0, feeFen: 0, feeRows: 0, profitFen: 0, profitRows: 0 },
  };
  const counts = { full: 0, semi: 0, same: 0 };
  const comparedFeeFen = { full: 0, semi: 0 };
  const notCompared = { onlyFull: 0, onlySemi: 0, neither: 0, noFee: 0 };
  let compared = 0;
  for (const r of rows) {
    const ok = { full: false, semi: false };
    for (const m of ["full", "semi"] as const) {
      const cell = r.modes[m];
      if (!cell) continue;
      const p = perMode[m];
      if (ELIGIBLE.has(cell.status)) p.eligible++;
      if (cell.feeFen !== undefined) {
        p.feeFen += cell.feeFen;
        p.feeRows++;
      }
      if (cell.profitFen !== undefined) {
        p.profitFen += cell.profitFen;
        p.profitRows++;
      }
      ok[m] = ELIGIBLE.has(cell.status) && cell.feeFen !== undefined;
    }
    if (ok.full && ok.semi) {
      compared++;
      const f = r.modes.full as ModeCell;
      const s = r.modes.semi as ModeCell;
      comparedFeeFen.full += f.feeFen as number;
      comparedFeeFen.semi += s.feeFen as number;
      // The engine's best mode (the one the AE Best mode column shows).
      const best = bestModeOf({ full: f.result, semi: s.result }, r.costFen);
      if (best.kind === "tie") counts.same++;
      else if (best.kind !== "none") counts[best.kind]++;
    } else {
      const eligible = {
        full: r.modes.full ? ELIGIBLE.has(r.modes.full.status) : false,
        semi: r.modes.semi ? ELIGIBLE.has(r.modes.semi.status) : false,
      };
      if (eligible.full && eligible.semi) notCompared.noFee++;
      else if (eligible.full) notCompared.onlyFull++;
      else if (eligible.semi) notCompared.onlySemi++;
      else notCompared.neither++;
    }
  }
  return { rows: rows.length, perMode, compared, best: counts, comparedFeeFen, notCompared, withCost };
}

// ---------------------------------------------------------------------------------------------
// Reconciliation

/** A cell of a CSV file: quoted, and text a spreadsheet would read as a formula kept as text. */
function csvCell(value: string | number | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "number") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) || text !== value ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The disputed lines as CSV (UTF-8 with a BOM, so Excel reads the Chinese), ready to send. */
export function disputesCsv(lines: readonly LineResult[], lang: Lang): string {
  const header =
    lang === "zh"
      ? ["行", "订单号", "模式", "实扣(元)", "应扣(元)", "差额(元)", "结果", "说明"]
      : ["Row", "Order ID", "Mode", "Charged (CNY)", "Expected (CNY)", "Difference (CNY)", "Verdict", "Note"];
  const yuan = (fen: number | undefined) => (fen === undefined ? undefined : fen / 100);
  const out = [header.map(csvCell).join(",")];
  for (const l of lines)
    out.push(
      [
        l.row,
        l.orderId,
        l.mode,
        yuan(l.chargedFen),
        yuan(l.expectedFen),
        yuan(l.differenceFen),
        l.verdict,
        l.note,
      ]
        .map(csvCell)
        .join(","),
    );
  return `\uFEFF${out.join("\r\n")}\r\n`;
}
