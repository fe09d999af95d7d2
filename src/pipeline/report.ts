/**
 * The "AE Report" sheet: what ran, the seller-readiness verdict, counts per status, issues per
 * rule, rules not checked and the column mapping used — a page a person can act on.
 * @packageDocumentation
 */
import {
  bestModeLabel,
  FIELDS,
  formatIssue,
  isFieldName,
  type BestModeKey,
  type Engine,
  type FeeOptions,
  defaultRulePack,
  describeCard,
  figureChanges,
  packChanges,
  RULE_IDS,
  type RuleId,
  type RulePack,
} from "../engine";
import { SEVERITY_WORDS, type Severity } from "../engine/issues";
import { VALUE_WORDS_ZH, type Lang } from "./outputs";

/** Chinese words for the codes the report shows besides statuses (modes, verdicts, the mapping's match). */
const REPORT_WORDS_ZH: Readonly<Record<string, string>> = {
  full: "全托管",
  semi: "半托管",
  compare: "对比（全托管与半托管）",
  NOT_CHECKED: "未检查",
  exact: "完全匹配",
  partial: "部分匹配",
  user: "用户指定",
  unknown: "未识别",
  duplicate: "重复（已有列映射到此字段）",
};
import { REPORT_SHEET, type OutputCell, type OwnSheet } from "./port";
import type { CheckOptions, CheckSummary } from "./run";
import { fullRowsNote } from "./rates";

const T = {
  title: { en: "AE Modes report", zh: "AE Modes 检查报告" },
  runAt: { en: "Run at", zh: "运行时间" },
  mode: { en: "Mode", zh: "模式" },
  sheet: { en: "Sheet", zh: "工作表" },
  headerRow: { en: "Header row", zh: "表头行" },
  rows: { en: "Rows checked", zh: "检查行数" },
  pack: { en: "Rule pack", zh: "规则包" },
  rates: { en: "Rate card", zh: "运费表" },
  ratesFull: { en: "Rate card: full-managed rows", zh: "运费表：全托管行" },
  overrides: { en: "Rule updates", zh: "规则更新" },
  fees: { en: "Fee options", zh: "费用选项" },
  seller: { en: "Seller readiness", zh: "卖家资质" },
  noProfile: {
    en: "no seller profile (sheet 'AE Profile' or --profile): seller rules not checked",
    zh: "未提供卖家资料（“AE Profile”工作表或 --profile）：未检查卖家规则",
  },
  verdict: { en: "Verdict", zh: "结论" },
  counts: { en: "Rows per status", zh: "各状态行数" },
  byRule: { en: "Issues by rule", zh: "按规则汇总的问题" },
  ruleHead: {
    en: ["Mode", "Rule", "Severity", "Rows affected", "First cells", "Example", "Rule text"],
    zh: ["模式", "规则", "级别", "涉及行数", "前几个单元格", "示例", "规则说明"],
  },
  notChecked: { en: "Rules not checked (no column in the sheet)", zh: "未检查的规则（表中无对应列）" },
  notCheckedHead: {
    en: ["Mode", "Rule", "Missing columns", "Rule text", "Rows"],
    zh: ["模式", "规则", "缺少的列", "规则说明", "行"],
  },
  rowsNoted: {
    en: "the rows it concerns carry a note in AE Issues (status unchanged)",
    zh: "相关行在 AE 问题列中附有提示（状态不变）",
  },
  mapping: { en: "Column mapping", zh: "列映射" },
  mappingHead: {
    en: ["Column", "Header", "Field", "Unit", "Match"],
    zh: ["列", "表头", "字段", "单位", "匹配方式"],
  },
  unmapped: { en: "not used", zh: "未使用" },
  best: { en: "Best mode (rows)", zh: "最优模式（行数）" },
  sellerIssues: { en: "Seller issues", zh: "卖家问题" },
  sellerNotChecked: {
    en: "Seller rules not checked (not in the profile)",
    zh: "未检查的卖家规则（资料中无此项）",
  },
  unknownKeys: { en: "Profile keys not recognised", zh: "无法识别的资料项" },
  conflicts: { en: "Source conflicts in use (rules-spec §4)", zh: "采用的来源冲突取值（规则说明 §4）" },
  none: { en: "none", zh: "无" },
  output: { en: "Output columns", zh: "输出列" },
  skipped: { en: "Rows not counted", zh: "未计入的行" },
  words: { en: "Status words", zh: "状态用词" },
  fx: { en: "Exchange rate", zh: "汇率" },
} as const;

/**
 * A time as the machine's local time with its UTC offset: "2026-12-01 18:05:09 +08:00".
 *
 * @example
 * ```ts
 * localTime(new Date("2026-12-01T10:05:09Z")) // => "2026-12-01 18:05:09 +08:00" on a machine in China
 * ```
 */
export function localTime(date: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  const offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())} ${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())} ${sign}${p(Math.floor(abs / 60))}:${p(abs % 60)}`;
}

const pctText = (f: number) => `${Number((f * 100).toFixed(4))}%`;

/**
 * The run's fee options as labelled values, one per option set ("none" when all are defaults).
 *
 * @example
 * ```ts
 * feeOptionLines({ distanceKm: 250, fxRate: 7.1, currency: "USD" }, "en")
 * // => [["distance to the warehouse", "250 km"], ["exchange rate", "7.1 CNY per USD"]]
 * ```
 */
export function feeOptionLines(fees: FeeOptions | undefined, lang: Lang): Array<[string, string]> {
  const zh = lang === "zh";
  const out: Array<[string, string]> = [];
  const f = fees ?? {};
  if (f.services) {
    const chosen = [
      ...(f.services.label ? [zh ? "贴标" : "labelling"] : []),
      ...(f.services.photoQc ? [zh ? "拍照质检" : "photo QC"] : []),
    ];
    out.push([
      zh ? "增值服务" : "services",
      chosen.length ? chosen.join(zh ? "、" : ", ") : zh ? "无" : "none",
    ]);
  }
  if (f.distanceKm !== undefined)
    out.push([zh ? "发货地到仓库距离" : "distance to the warehouse", `${f.distanceKm} km`]);
  if (f.unitsPerCarton !== undefined)
    out.push([zh ? "单箱件数" : "units per carton", String(f.unitsPerCarton)]);
  if (f.negotiatedRate !== undefined)
    out.push([zh ? "半托管阶梯费率" : "negotiated base rate", pctText(f.negotiatedRate)]);
  if (f.monthlyOrders !== undefined) out.push([zh ? "月均单量" : "monthly orders", String(f.monthlyOrders)]);
  if (f.currency !== undefined)
    out.push([zh ? "未注明币种的金额" : "currency of amounts without one", f.currency]);
  if (f.fxRate !== undefined)
    out.push([
      zh ? "汇率" : "exchange rate",
      zh
        ? `每 1 ${f.currency && f.currency !== "CNY" ? f.currency : "外币"} = ${f.fxRate} 元`
        : `${f.fxRate} CNY per ${f.currency && f.currency !== "CNY" ? f.currency : "unit of the amount's currency"}`,
    ]);
  if (f.packingFee !== undefined)
    out.push([zh ? "每单打包费" : "packing fee per order", `${f.packingFee} CNY`]);
  if (f.valueAdded !== undefined)
    out.push([zh ? "全托管增值服务费" : "full-managed value-added amount", `${f.valueAdded} CNY`]);
  if (f.fulfilmentRate !== undefined)
    out.push([zh ? "全托管履约费率" : "full-managed fulfilment rate", pctText(f.fulfilmentRate)]);
  if (f.destination !== undefined)
    out.push([zh ? "目的国（运费表）" : "destination (rate card)", f.destination]);
  return out;
}

/** The report line saying which words the status or verdict column holds. */
export function wordsLine(codes: readonly string[], lang: Lang): string {
  return lang === "zh"
    ? codes.map((c) => `${VALUE_WORDS_ZH[c] ?? c} = ${c}`).join("；")
    : `${codes.join(", ")} (codes; with --lang zh: ${codes.map((c) => VALUE_WORDS_ZH[c] ?? c).join(", ")})`;
}

/**
 * What the run's pack overrides, for the report: "none (the default pack)", or where the
 * override came from and every change ("file 'rules.json': FEE-SEMI-BASE.rate 0.035 → 0.03").
 */
export function describeOverride(source: string | undefined, pack: RulePack, lang: Lang): string {
  const changes = packChanges(defaultRulePack(), pack, lang);
  // "sheet 'AE Rules'" (how a run names its source) in the report's language.
  const sheet = source === undefined ? undefined : /^sheet '(.*)'$/.exec(source)?.[1];
  if (sheet !== undefined && lang === "zh") source = `工作表“${sheet}”`;
  if (changes.length === 0)
    return source === undefined
      ? lang === "en"
        ? "none (the default pack)"
        : "无（默认规则包）"
      : lang === "en"
        ? `${source}: no change from the default pack`
        : `${source}：与默认规则包相同`;
  const from = source ?? (lang === "en" ? "the engine's pack" : "引擎的规则包");
  return lang === "en" ? `${from}: ${changes.join("; ")}` : `${from}：${changes.join("；")}`;
}

/** Builds the report sheet's rows. */
export function buildReport(
  summary: CheckSummary,
  engine: Engine,
  options: CheckOptions,
  lang: Lang,
): OwnSheet {
  const rows: OutputCell[][] = [];
  const t = (k: keyof typeof T) => (T[k] as { en: unknown; zh: unknown })[lang] as string;
  const line = (...cells: OutputCell[]) => rows.push(cells);
  // Chinese reports word the codes a person reads (modes, severities, verdicts, mapping); English
  // keeps the codes, as the status cells do.
  const zh = lang === "zh";
  const modeWord = (mode: string) => (zh ? (REPORT_WORDS_ZH[mode] ?? mode) : mode);
  const severityWord = (s: Severity) => (zh ? SEVERITY_WORDS[s].zh : s);
  const codeWord = (code: string) => (zh ? (VALUE_WORDS_ZH[code] ?? REPORT_WORDS_ZH[code] ?? code) : code);
  const pack = engine.pack;
  const rules = pack.rules as unknown as Record<string, { title: { en: string; zh: string } }>;
  // A rule's title is the default pack's words: with figures changed (AE Rules), it says so.
  const base = defaultRulePack();
  const titleOf = (id: string): string => {
    const title = rules[id]?.title[lang] ?? "";
    const changed = (RULE_IDS as readonly string[]).includes(id)
      ? figureChanges(base, pack, id as RuleId).map((c) => `${c.name} ${c.now}`)
      : [];
    if (changed.length === 0) return title;
    return lang === "en"
      ? `${title} (default figures; now ${changed.join(", ")})`
      : `${title}（默认值；现为 ${changed.join("，")}）`;
  };

  line(t("title"));
  line(t("runAt"), localTime(summary.startedAt));
  line(t("mode"), modeWord(summary.mode));
  line(t("sheet"), summary.sheet);
  line(t("headerRow"), summary.headerRow);
  line(t("rows"), summary.rowsChecked);
  if (summary.skipped.totals.length > 0 || summary.skipped.blank > 0) {
    const totals = summary.skipped.totals;
    const shown = totals.slice(0, 10).join(", ") + (totals.length > 10 ? ", …" : "");
    line(
      t("skipped"),
      lang === "zh"
        ? `合计行 ${totals.length}${totals.length ? `（第 ${shown} 行）` : ""}，空行 ${summary.skipped.blank}`
        : `${totals.length} totals row${totals.length === 1 ? "" : "s"}${totals.length ? ` (row ${shown})` : ""}, ${summary.skipped.blank} blank`,
    );
  }
  line(t("pack"), `${pack.id} ${pack.version} (${pack.effectiveDate})`);
  const fees = feeOptionLines(options.fees, lang);
  if (fees.length === 0) line(t("fees"), lang === "zh" ? "无（默认值）" : "none (defaults)");
  fees.forEach(([label, value], i) => line(i === 0 ? t("fees") : "", label, value));
  if (summary.fx?.source === "remembered")
    line(
      t("fx"),
      lang === "zh"
        ? `${summary.fx.rate}（沿用上次运行保存的汇率）`
        : `${summary.fx.rate} (remembered from the last run)`,
    );
  line(t("words"), wordsLine(["ELIGIBLE", "ELIGIBLE_WITH_WARNINGS", "NOT_ELIGIBLE", "INCOMPLETE"], lang));
  line(t("overrides"), describeOverride(summary.packSource, pack, lang));
  line(t("rates"), describeCard(summary.rateCard, lang));
  const fullRows = fullRowsNote(summary.rateCard, lang);
  if (fullRows) line(t("ratesFull"), fullRows);
  line(t("output"), summary.columns.map((c) => `${c.letter} ${c.header}`).join("; "));
  line();

  line(t("counts"));
  line(
    "",
    ...(["ELIGIBLE", "ELIGIBLE_WITH_WARNINGS", "NOT_ELIGIBLE", "INCOMPLETE"] as const).map((c) =>
      lang === "zh" ? (VALUE_WORDS_ZH[c] as string) : c,
    ),
  );
  for (const m of summary.modes)
    line(
      modeWord(m.mode),
      m.counts.ELIGIBLE,
      m.counts.ELIGIBLE_WITH_WARNINGS,
      m.counts.NOT_ELIGIBLE,
      m.counts.INCOMPLETE,
    );
  if (summary.bestModes) {
    line(
      t("best"),
      ...Object.entries(summary.bestModes).map(([k, v]) => `${bestModeLabel(k as BestModeKey, lang)}: ${v}`),
    );
  }
  line();

  line(t("seller"));
  if (summary.profileSource === "none") line(t("noProfile"));
  for (const m of summary.modes) {
    line(
      zh ? `${t("verdict")}（${modeWord(m.mode)}）` : `${t("verdict")} (${m.mode})`,
      codeWord(summary.profileSource === "none" ? "NOT_CHECKED" : m.seller.status),
    );
    for (const issue of m.seller.issues) line("", severityWord(issue.severity), formatIssue(issue, lang));
    if (summary.profileSource !== "none" && m.seller.notChecked.length > 0) {
      line("", t("sellerNotChecked"), m.seller.notChecked.map((n) => n.ruleId).join(", "));
    }
  }
  if (summary.unknownProfileKeys.length > 0) line(t("unknownKeys"), summary.unknownProfileKeys.join(", "));
  line();

  line(t("byRule"));
  line(...(T.ruleHead[lang] as readonly string[]));
  if (summary.tallies.length === 0) line(t("none"));
  for (const r of summary.tallies)
    line(
      modeWord(r.mode),
      r.ruleId,
      severityWord(r.severity),
      r.rows,
      r.firstCells.join(", "),
      r.example[lang],
      titleOf(r.ruleId),
    );
  line();

  line(t("notChecked"));
  line(...(T.notCheckedHead[lang] as readonly string[]));
  const notChecked = summary.modes.flatMap((m) => m.notChecked.map((n) => ({ mode: m.mode, ...n })));
  if (notChecked.length === 0) line(t("none"));
  for (const n of notChecked) {
    const fields = n.missingFields
      .map((f) => (isFieldName(f) ? `${f} (${FIELDS[f].label[lang]})` : f))
      .join(", ");
    line(modeWord(n.mode), n.ruleId, fields, titleOf(n.ruleId), ...(n.rowsNoted ? [t("rowsNoted")] : []));
  }
  line();

  line(t("conflicts"));
  for (const [id, c] of Object.entries(pack.conflicts)) {
    line(id, c.topic[lang], `A: ${c.shown.A[lang]}`, `B: ${c.shown.B[lang]}`, `→ ${c.choice}`, c.why[lang]);
  }
  line();

  line(t("mapping"));
  line(...(T.mappingHead[lang] as readonly string[]));
  for (const c of summary.mapping.columns)
    line(
      c.letter,
      c.header,
      `${c.field} (${FIELDS[c.field].label[lang]})`,
      c.unit?.code ?? "",
      codeWord(c.confidence),
    );
  for (const u of summary.mapping.unmapped)
    if (u.reason !== "ignored") line(u.letter, u.header, t("unmapped"), "", codeWord(u.reason));

  return { name: REPORT_SHEET, rows, widths: [26, 24, 26, 14, 22, 60, 60] };
}
