/**
 * Every text of the pane, in English and Chinese. The language follows Office's display language
 * (zh-* → Chinese) in Excel, and the browser's language on the standalone page.
 * @packageDocumentation
 */
import { fenText } from "../engine/money";
import type { Lang } from "../pipeline/outputs";

export type { Lang };

const S = {
  appTitle: { en: "AE Modes", zh: "AE Modes 速卖通托管助手" },
  subtitle: {
    en: "AliExpress semi-/full-managed fees and eligibility",
    zh: "速卖通半托管/全托管费用与准入检查",
  },
  tabCheck: { en: "Check catalog", zh: "检查商品" },
  tabReconcile: { en: "Reconcile", zh: "对账" },
  tabProfile: { en: "Seller profile", zh: "店铺资料" },
  language: { en: "中文", zh: "English" },
  // Standalone page
  openFile: { en: "Open workbook…", zh: "打开工作簿…" },
  trySample: { en: "Try the sample catalog", zh: "试用示例商品表" },
  trySampleStatement: { en: "Try the sample statement", zh: "试用示例对账单" },
  noFile: {
    en: "Open an .xlsx workbook or a CSV file from your computer. It is read here, in this page: nothing is uploaded.",
    zh: "从电脑打开一个 .xlsx 工作簿或 CSV 文件。文件只在本页面内读取，不会上传到任何地方。",
  },
  opened: { en: "Open:", zh: "当前文件：" },
  download: { en: "Download the annotated copy", zh: "下载带结果的副本" },
  downloadHint: {
    en: "Your file is not changed: the results are in a copy.",
    zh: "原文件不会被修改，结果写入副本。",
  },
  // Check tab
  sheet: { en: "Sheet", zh: "工作表" },
  sheetAuto: { en: "(first sheet with a header row)", zh: "（第一个有表头的工作表）" },
  mode: { en: "Mode", zh: "模式" },
  modeSemi: { en: "Semi-managed", zh: "半托管" },
  modeFull: { en: "Full-managed", zh: "全托管" },
  modeCompare: { en: "Compare both", zh: "两种模式对比" },
  feeOptions: { en: "Fee options (whole run)", zh: "费用选项（整批适用）" },
  services: { en: "Services", zh: "增值服务" },
  serviceLabel: { en: "Labelling (2 CNY/order)", zh: "贴标（2元/单）" },
  servicePhoto: { en: "Photo QC (5 CNY/order)", zh: "拍照质检（5元/单）" },
  columns: { en: "Columns", zh: "列映射" },
  detect: { en: "Detect columns", zh: "识别列" },
  colColumn: { en: "Column", zh: "列" },
  colHeader: { en: "Header", zh: "表头" },
  colField: { en: "Field", zh: "字段" },
  colUnit: { en: "Unit", zh: "单位" },
  colMatch: { en: "Match", zh: "匹配" },
  notUsed: { en: "(not used)", zh: "（不使用）" },
  unitDefault: { en: "(default)", zh: "（默认）" },
  matchExact: { en: "exact", zh: "完全匹配" },
  matchPartial: { en: "partial", zh: "部分匹配" },
  matchUser: { en: "your choice", zh: "手动指定" },
  matchNone: { en: "—", zh: "—" },
  headerAt: {
    en: "Header row {row} of '{sheet}', {rows} data rows",
    zh: "“{sheet}”第{row}行为表头，{rows}行数据",
  },
  missingFields: {
    en: "Not in the sheet, so these rules will not be checked (where a fee or a document a row needs is not checked, the row says so in AE Issues):",
    zh: "表中缺少以下列，相关规则将不会检查（费用或某行所需证书因此未检查时，该行的 AE 问题列会注明）：",
  },
  allMapped: { en: "Every rule of this mode has its columns.", zh: "此模式的所有规则所需列均已具备。" },
  resetMapping: { en: "Reset to detected", zh: "恢复自动识别" },
  run: { en: "Check", zh: "开始检查" },
  runReconcile: { en: "Reconcile", zh: "开始对账" },
  cancel: { en: "Cancel", zh: "取消" },
  progress: { en: "{done} / {total} rows", zh: "{done} / {total} 行" },
  writing: { en: "Writing results…", zh: "正在写入结果…" },
  reading: { en: "Reading the sheet…", zh: "正在读取工作表…" },
  cancelled: { en: "Cancelled: nothing was written.", zh: "已取消：未写入任何内容。" },
  clear: { en: "Clear results", zh: "清除结果" },
  cleared: {
    en: "Removed {columns} AE columns, the highlights and the report. Your cells are as they were.",
    zh: "已删除 {columns} 个 AE 列、高亮和报告。您的单元格保持原样。",
  },
  nothingToClear: {
    en: "Nothing to clear: AE Modes has not written here.",
    zh: "无需清除：AE Modes 尚未写入内容。",
  },
  undoable: { en: "Undo (Ctrl+Z) reverts this run.", zh: "可按 Ctrl+Z 撤销本次运行。" },
  notUndoable: {
    en: "This Excel cannot undo an add-in's run in one step: use “Clear results” instead.",
    zh: "此版本 Excel 无法一步撤销加载项的写入：请使用“清除结果”。",
  },
  // Results
  results: { en: "Results", zh: "结果" },
  doneIn: { en: "{rows} rows in {seconds} s", zh: "{rows} 行，用时 {seconds} 秒" },
  wroteColumns: {
    en: "Wrote columns {columns} and the sheet 'AE Report'.",
    zh: "已写入 {columns} 列和“AE Report”工作表。",
  },
  ELIGIBLE: { en: "Eligible", zh: "符合" },
  ELIGIBLE_WITH_WARNINGS: { en: "Eligible, warnings", zh: "符合（有提醒）" },
  NOT_ELIGIBLE: { en: "Not eligible", zh: "不符合" },
  INCOMPLETE: { en: "Incomplete", zh: "信息不全" },
  seller: { en: "Seller readiness", zh: "卖家资质" },
  sellerNoProfile: {
    en: "No seller profile: fill in the Seller profile tab to check the seller rules.",
    zh: "未填写店铺资料：请在“店铺资料”页填写后检查卖家规则。",
  },
  issuesByRule: { en: "Issues by rule", zh: "按规则汇总的问题" },
  noIssues: { en: "No issues.", zh: "没有问题。" },
  colRule: { en: "Rule", zh: "规则" },
  colSeverity: { en: "Severity", zh: "级别" },
  colRows: { en: "Rows", zh: "行数" },
  colCells: { en: "First cells", zh: "前几个单元格" },
  colExample: { en: "Example", zh: "示例" },
  error: { en: "error", zh: "错误" },
  missing: { en: "missing", zh: "缺失" },
  warning: { en: "warning", zh: "提醒" },
  info: { en: "info", zh: "信息" },
  selectHint: {
    en: "Click a rule or a cell to select it in the sheet.",
    zh: "点击规则或单元格可在表中选中。",
  },
  bestMode: { en: "Best mode", zh: "最优模式" },
  chartTitle: { en: "Rows with issues, per rule", zh: "各规则问题行数" },
  // Reconcile tab
  defaultMode: { en: "Mode of lines without a mode column", zh: "无模式列时的默认模式" },
  tolerance: { en: "Tolerance (CNY)", zh: "容差（元）" },
  MATCH: { en: "Match", zh: "一致" },
  OVERCHARGED: { en: "Overcharged", zh: "多扣" },
  UNDERCHARGED: { en: "Undercharged", zh: "少扣" },
  CANNOT_CHECK: { en: "Cannot check", zh: "无法核对" },
  expectedTotal: { en: "Expected", zh: "应扣" },
  chargedTotal: { en: "Charged", zh: "实扣" },
  overTotal: { en: "Overcharged by", zh: "多扣合计" },
  underTotal: { en: "Undercharged by", zh: "少扣合计" },
  refunds: { en: "Refund lines", zh: "退款行" },
  duplicates: { en: "Duplicate order lines", zh: "重复订单行" },
  largest: { en: "Largest differences", zh: "差额最大的行" },
  colRow: { en: "Row", zh: "行" },
  colOrder: { en: "Order", zh: "订单" },
  colDiff: { en: "Difference", zh: "差额" },
  colNote: { en: "Note", zh: "说明" },
  // Profile tab
  profileIntro: {
    en: "Your store's facts, for the seller rules. Saved in the sheet 'AE Profile' of this workbook.",
    zh: "店铺信息，用于检查卖家准入规则。保存在本工作簿的“AE Profile”工作表中。",
  },
  profileIntroFile: {
    en: "Your store's facts, for the seller rules. Kept in this browser only and used for each run.",
    zh: "店铺信息，用于检查卖家准入规则。仅保存在本浏览器中，每次检查时使用。",
  },
  saveProfile: { en: "Save profile", zh: "保存资料" },
  profileSaved: { en: "Saved.", zh: "已保存。" },
  // Results in words, per SKU, decision
  rulesAsOf: { en: "Rules {version}, as of {date}", zh: "规则包 {version}，规则截至 {date}" },
  ruleUpdate: { en: "Rule update", zh: "规则更新" },
  rateCard: { en: "Rate card", zh: "运费表" },
  ruleId: { en: "Rule id", zh: "规则编号" },
  resultsAnnounce: {
    en: "Check finished: {rows} rows. {counts}",
    zh: "检查完成：{rows} 行。{counts}",
  },
  reconcileAnnounce: {
    en: "Reconciliation finished: {lines} lines. {counts}",
    zh: "对账完成：{lines} 行。{counts}",
  },
  decision: { en: "Which mode, for this catalog", zh: "本商品表适合哪种模式" },
  eligibleOf: { en: "{n} of {rows} SKUs eligible", zh: "{rows} 个 SKU 中 {n} 个符合" },
  totalFees: { en: "Fees {fee} ({n} rows with a fee)", zh: "费用合计 {fee}（{n} 行可计算费用）" },
  totalProfit: { en: "Profit {profit} ({n} rows with a cost)", zh: "利润合计 {profit}（{n} 行有成本）" },
  bestOver: {
    en: "Best mode over the {n} SKUs computed in both modes:",
    zh: "两种模式均可计算的 {n} 个 SKU 中的最优模式：",
  },
  bestOverOne: {
    en: "Best mode over the 1 SKU computed in both modes:",
    zh: "两种模式均可计算的 1 个 SKU 中的最优模式：",
  },
  bestSame: { en: "same in both", zh: "两者相同" },
  comparedFees: {
    en: "Their fees: full {full} · semi {semi}",
    zh: "这些 SKU 的费用：全托管 {full} · 半托管 {semi}",
  },
  notCompared: { en: "Not compared ({n} SKUs):", zh: "未比较（{n} 个 SKU）：" },
  onlyFull: { en: "eligible only in full-managed", zh: "仅符合全托管" },
  onlySemi: { en: "eligible only in semi-managed", zh: "仅符合半托管" },
  neither: { en: "eligible in neither mode", zh: "两种模式均不符合" },
  noFee: { en: "eligible in both, but a fee could not be computed", zh: "两种模式均符合，但费用无法计算" },
  whatToFix: { en: "What to fix first", zh: "优先修复" },
  whatToFixHint: {
    en: "Each fix, by how many SKUs it alone makes eligible.",
    zh: "按单独修复后可变为符合的 SKU 数排序。",
  },
  unblocks: { en: "unblocks {n} SKUs", zh: "可解除 {n} 个 SKU" },
  unblocksOne: { en: "unblocks 1 SKU", zh: "可解除 1 个 SKU" },
  blocks: { en: "blocks {n}", zh: "影响 {n} 个" },
  showRows: { en: "Show these SKUs", zh: "查看这些 SKU" },
  nothingToFix: { en: "Nothing blocks a SKU.", zh: "没有阻碍准入的问题。" },
  perSku: { en: "Per SKU", zh: "逐个 SKU" },
  filterStatus: { en: "Status", zh: "状态" },
  filterRule: { en: "Rule", zh: "规则" },
  filterSku: { en: "Find a SKU or row", zh: "查找 SKU 或行号" },
  anyStatus: { en: "Any status", zh: "全部状态" },
  anyRule: { en: "Any rule", zh: "全部规则" },
  showing: { en: "{shown} of {rows} SKUs", zh: "共 {rows} 个 SKU，显示 {shown} 个" },
  rowN: { en: "row {row}", zh: "第 {row} 行" },
  noSku: { en: "(no SKU)", zh: "（无 SKU）" },
  fee: { en: "Fee", zh: "费用" },
  profit: { en: "Profit", zh: "利润" },
  margin: { en: "margin", zh: "利润率" },
  noFeeShort: { en: "no fee", zh: "无法计费" },
  rowSelectHint: {
    en: "Select a SKU to select its row in the sheet.",
    zh: "点击 SKU 即可在表中选中该行。",
  },
  rowShowHint: {
    en: "Select a SKU to see its input cells and every issue.",
    zh: "点击 SKU 可查看其输入单元格和全部问题。",
  },
  rowCells: { en: "Input cells of row {row}", zh: "第 {row} 行的输入单元格" },
  closeDetail: { en: "Close", zh: "关闭" },
  allIssues: { en: "Issues", zh: "问题" },
  blank: { en: "(blank)", zh: "（空）" },
  // Reconcile: own fields, groups, disputes
  reconcileFx: { en: "Exchange rate (CNY per unit)", zh: "汇率（每单位外币兑人民币）" },
  reconcileFulfilment: {
    en: "Full-managed fulfilment rate for categories without one",
    zh: "无费率类目的全托管履约费率",
  },
  toleranceError: {
    en: "Tolerance: enter an amount of 0 or more, e.g. 0.01",
    zh: "容差：请输入不小于 0 的金额，例如 0.01",
  },
  MODE_UNKNOWN: {
    en: "The line's mode is neither semi- nor full-managed",
    zh: "该行的模式既不是半托管也不是全托管",
  },
  CHARGE_NOT_CNY: { en: "The charge is not in CNY", zh: "实扣费用不是人民币" },
  NO_CHARGE: { en: "No charged fee on the line", zh: "该行没有平台扣费" },
  FEE_NOT_COMPUTED: { en: "The expected fee cannot be computed", zh: "无法计算应扣费用" },
  CHARGE_NOT_ASSIGNED: {
    en: "A charged column has no fee of the line's mode",
    zh: "扣费列在该模式下没有对应费用",
  },
  ORDER_NET_UNKNOWN: {
    en: "A line of the order cannot be checked",
    zh: "该订单有一行无法核对",
  },
  OTHER: { en: "Other", zh: "其他" },
  cannotGroups: { en: "Lines that cannot be checked, by reason", zh: "无法核对的行（按原因）" },
  nLines: { en: "{n} lines", zh: "{n} 行" },
  nLinesOne: { en: "1 line", zh: "1 行" },
  moreRows: { en: "… and {n} more", zh: "……另有 {n} 行" },
  disputed: { en: "Disputed lines", zh: "有争议的行" },
  downloadDisputes: {
    en: "Download the {n} disputed lines (.csv)",
    zh: "下载 {n} 条争议明细（.csv）",
  },
  downloadDisputesOne: {
    en: "Download the disputed line (.csv)",
    zh: "下载 1 条争议明细（.csv）",
  },
  disputesSheet: {
    en: "Written to the sheet 'AE Disputes' ({n} rows, one per differing charge), ready to send to the platform.",
    zh: "已写入“AE Disputes”工作表（{n} 行，每项差异一行），可直接提交平台。",
  },
  noDisputes: { en: "No line is over- or undercharged.", zh: "没有多扣或少扣的行。" },
  // Profile form
  yes: { en: "Yes", zh: "是" },
  no: { en: "No", zh: "否" },
  notSet: { en: "Not set", zh: "未填写" },
  badPercent: {
    en: "Enter a percentage such as 65% or 0.65",
    zh: "请输入百分比，例如 65% 或 0.65",
  },
  badNumber: { en: "Enter a number, e.g. 4.7", zh: "请输入数字，例如 4.7" },
  badList: {
    en: "Enter numbers separated by commas, e.g. 120000, 98000",
    zh: "请输入以逗号分隔的数字，例如 120000, 98000",
  },
  badTime: { en: "Enter a duration such as 48h or 2d", zh: "请输入时长，例如 48h 或 2d" },
  badVersion: { en: "Enter a version such as v2", zh: "请输入版本，例如 v2" },
  badDate: { en: "Enter a date", zh: "请输入日期" },
  profileInvalid: {
    en: "Correct the fields marked in red, then save.",
    zh: "请先改正标红的字段再保存。",
  },
  hintPercent: { en: "percentage", zh: "百分比" },
  hintNumber: { en: "number", zh: "数字" },
  hintList: { en: "numbers, comma-separated", zh: "以逗号分隔的数字" },
  hintTime: { en: "duration, e.g. hours", zh: "时长，如小时数" },
  hintVersion: { en: "version", zh: "版本" },
  // Errors
  errTitle: { en: "Nothing was changed", zh: "未做任何修改" },
  errProtected: {
    en: "The sheet is protected. Unprotect it (Review › Unprotect Sheet) and run again.",
    zh: "工作表受保护。请取消保护（审阅 › 撤消工作表保护）后重试。",
  },
  errBusy: {
    en: "Excel is busy (a cell is being edited or a dialog is open). Finish that and run again.",
    zh: "Excel 正忙（正在编辑单元格或有对话框打开）。请完成后重试。",
  },
  errWrite: {
    en: "Excel stopped the run while writing ({reason}). The AE columns written so far were removed; your cells were not changed.",
    zh: "写入时 Excel 中止了运行（{reason}）。已写入的 AE 列已删除；您的单元格未被修改。",
  },
  errUnknown: { en: "Something went wrong: {reason}", zh: "出错了：{reason}" },
  errFile: { en: "This file cannot be read: {reason}", zh: "无法读取此文件：{reason}" },
  errFileNotXlsx: {
    en: "This file cannot be read: it is not an .xlsx workbook. Save it from Excel or WPS as .xlsx and open it again.",
    zh: "无法读取此文件：它不是 .xlsx 工作簿。请在 Excel 或 WPS 中另存为 .xlsx 后重新打开。",
  },
  errFileEncrypted: {
    en: "This file cannot be read: it is password-protected, or an old .xls workbook. Save it without a password as .xlsx first.",
    zh: "无法读取此文件：文件设有密码，或是旧版 .xls 工作簿。请先去除密码并另存为 .xlsx。",
  },
  errFileCorrupt: {
    en: "This file cannot be read: the workbook is damaged. Open it in Excel or WPS, save it again as .xlsx, and retry.",
    zh: "无法读取此文件：工作簿已损坏。请在 Excel 或 WPS 中打开并重新另存为 .xlsx 后重试。",
  },
  errSample: {
    en: "The sample could not be loaded from this page's server.",
    zh: "无法从本页面的服务器载入示例文件。",
  },
  errOptions: { en: "Check the fee options:", zh: "请检查费用选项：" },
} as const;

export type StringKey = keyof typeof S;

/** A text in a language, with {name} placeholders filled. */
export function t(lang: Lang, key: StringKey, values?: Readonly<Record<string, string | number>>): string {
  let text: string = S[key][lang];
  if (values) for (const [k, v] of Object.entries(values)) text = text.split(`{${k}}`).join(String(v));
  return text;
}

/** A text with a count: the "…One" variant of the key for 1, where there is one. */
export function tn(
  lang: Lang,
  key: StringKey,
  n: number,
  values?: Readonly<Record<string, string | number>>,
): string {
  const one = `${key}One`;
  if (n === 1 && one in S) return t(lang, one as StringKey, values);
  return t(lang, key, { ...values, n: count(n) });
}

/** The pane's language for an Office or browser language tag ("zh-CN", "en-US", …). */
export function langOf(tag: string | undefined): Lang {
  return tag && /^zh\b/i.test(tag) ? "zh" : "en";
}

/** Thousands separators, same in both languages. */
export function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** Fen as "1,234.56". */
export function yuan(fen: number): string {
  return fenText(fen, true);
}

/** An amount in fen as the pane shows money: ¥28.84, and a loss as -¥28.84 (not ¥-28.84). */
export function moneyText(fen: number): string {
  return fen < 0 ? `-¥${yuan(-fen)}` : `¥${yuan(fen)}`;
}
