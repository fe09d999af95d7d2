/**
 * The "AE Report" sheet: what ran, the seller-readiness verdict, counts per status, issues per
 * rule, rules not checked and the column mapping used — a page a person can act on.
 * @packageDocumentation
 */
import { FIELDS, formatIssue, isFieldName, type Engine } from "../engine";
import type { Lang } from "./outputs";
import { REPORT_SHEET, type OutputCell, type OwnSheet } from "./port";
import type { CheckOptions, CheckSummary } from "./run";

const T = {
  title: { en: "AE Modes report", zh: "AE Modes 检查报告" },
  runAt: { en: "Run at", zh: "运行时间" },
  mode: { en: "Mode", zh: "模式" },
  sheet: { en: "Sheet", zh: "工作表" },
  headerRow: { en: "Header row", zh: "表头行" },
  rows: { en: "Rows checked", zh: "检查行数" },
  pack: { en: "Rule pack", zh: "规则包" },
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
    en: ["Mode", "Rule", "Missing columns", "Rule text"],
    zh: ["模式", "规则", "缺少的列", "规则说明"],
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
} as const;

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
  const pack = engine.pack;
  const rules = pack.rules as unknown as Record<string, { title: { en: string; zh: string } }>;

  line(t("title"));
  line(t("runAt"), summary.startedAt.toISOString());
  line(t("mode"), summary.mode);
  line(t("sheet"), summary.sheet);
  line(t("headerRow"), summary.headerRow);
  line(t("rows"), summary.rowsChecked);
  line(t("pack"), `${pack.id} ${pack.version} (${pack.effectiveDate})`);
  line(t("fees"), JSON.stringify(options.fees ?? {}));
  line(t("output"), summary.columns.map((c) => `${c.letter} ${c.header}`).join("; "));
  line();

  line(t("counts"));
  line("", "ELIGIBLE", "ELIGIBLE_WITH_WARNINGS", "NOT_ELIGIBLE", "INCOMPLETE");
  for (const m of summary.modes)
    line(
      m.mode,
      m.counts.ELIGIBLE,
      m.counts.ELIGIBLE_WITH_WARNINGS,
      m.counts.NOT_ELIGIBLE,
      m.counts.INCOMPLETE,
    );
  if (summary.bestModes) {
    line(t("best"), ...Object.entries(summary.bestModes).map(([k, v]) => `${k}: ${v}`));
  }
  line();

  line(t("seller"));
  if (summary.profileSource === "none") line(t("noProfile"));
  for (const m of summary.modes) {
    line(`${t("verdict")} (${m.mode})`, summary.profileSource === "none" ? "NOT_CHECKED" : m.seller.status);
    for (const issue of m.seller.issues) line("", issue.severity, formatIssue(issue, lang));
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
      r.mode,
      r.ruleId,
      r.severity,
      r.rows,
      r.firstCells.join(", "),
      r.example[lang],
      rules[r.ruleId]?.title[lang] ?? "",
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
    line(n.mode, n.ruleId, fields, rules[n.ruleId]?.title[lang] ?? "");
  }
  line();

  line(t("conflicts"));
  for (const [id, c] of Object.entries(pack.conflicts)) {
    line(
      id,
      c.topic[lang],
      `A: ${String(c.values.A)}`,
      `B: ${String(c.values.B)}`,
      `→ ${c.choice}`,
      c.why[lang],
    );
  }
  line();

  line(t("mapping"));
  line(...(T.mappingHead[lang] as readonly string[]));
  for (const c of summary.mapping.columns)
    line(c.letter, c.header, `${c.field} (${FIELDS[c.field].label[lang]})`, c.unit?.code ?? "", c.confidence);
  for (const u of summary.mapping.unmapped)
    if (u.reason !== "ignored") line(u.letter, u.header, t("unmapped"), "", u.reason);

  return { name: REPORT_SHEET, rows, widths: [26, 24, 26, 14, 22, 60, 60] };
}
