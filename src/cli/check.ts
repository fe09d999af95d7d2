/**
 * `npm run check -- <input.xlsx|.csv|.tsv> --mode semi|full|compare [--sheet NAME] [--out FILE]
 *   [--profile FILE] [--lang en|zh] [--options FILE] [--pack FILE] [fee flags]`
 *
 * Checks a catalog workbook and writes an annotated copy (never the input). A CSV/TSV file
 * (UTF-8 or GB18030/GBK, comma, tab or semicolon, all detected) is read as a one-sheet workbook
 * and its copy is an .xlsx. Exit 0 when the
 * check ran, whatever the rows' verdicts; 2 with a one-line reason when it could not run.
 */
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { checkedName, CsvError, csvToWorkbook, delimiterName, isDelimitedText } from "../csv";
import {
  applyPackOverride,
  bestModeLabel,
  defaultRulePack,
  Engine,
  optionErrorsText,
  readFeeOptions,
  OPTION_KEYS,
  SEVERITY_WORDS,
  type BestModeKey,
  type FeeOptions,
  describeCard,
  describeProblems,
  type RateCard,
} from "../engine";
import { readRatesCsv, readRatesWorkbook } from "../pipeline/rates";
import { valueWord, type Lang } from "../pipeline/outputs";
import { runCheck, type CheckSummary } from "../pipeline/run";
import { cannotCheckCounts, runReconcile, type ReconcileSummary } from "../pipeline/reconcile";
import { inspectSheet } from "../pipeline/inspect";
import { WorkbookError } from "../xlsx/zip";
import { XlsxPort } from "../xlsx/port";
import { FileSource, InputReadError } from "./file-source";
import { nodeDeflate } from "./node-deflate";

/** The fee flags and the value each takes (their words are the fee options' own, OPTION_KEYS). */
const FEE_VALUES: ReadonlyArray<readonly [flag: string, value: string]> = [
  ["destination", "DE"],
  ["services", "label,photoqc"],
  ["distance", "KM"],
  ["carton", "N"],
  ["rate", "2.8%"],
  ["orders", "N"],
  ["fulfilment-rate", "4.5%"],
  ["fx", "RATE"],
  ["currency", "CODE"],
  ["packing", "CNY"],
  ["vas", "CNY"],
];

/** One line of the usage: the flag with its value, and what it does in English · Chinese. */
const FLAG_HELP: ReadonlyArray<readonly [flag: string, value: string, en: string, zh: string]> = [
  ["mode", "semi|full|compare", "the mode(s) to check (default semi)", "检查的模式（默认 semi 半托管）"],
  [
    "sheet",
    "NAME",
    "the sheet to check (default: the first with a header row)",
    "要检查的工作表（默认第一个有表头的）",
  ],
  ["out", "FILE", "where to write the copy (default: see below)", "结果文件（默认见下）"],
  ["lang", "en|zh", "language of the output columns, report and console", "输出列、报告和控制台的语言"],
  ["profile", "FILE.json", "seller profile (key → value) for the seller rules", "卖家资料（键 → 值）"],
  ["options", "FILE.json", 'fee options as JSON, e.g. {"distance": 250}', "费用选项（JSON 文件）"],
  ["pack", "FILE.json", "rule pack override (figures of the rules)", "规则包覆盖（规则数值）"],
  ["rates", "FILE.xlsx|FILE.csv", "the seller's rate card (semi fulfilment fee)", "运费表（半托管履约费）"],
  ...FEE_VALUES.map(([flag, value]) => {
    const words = OPTION_KEYS[flag.replace("-", "")] as { en: string; zh: string };
    return [flag, value, words.en, words.zh] as const;
  }),
  [
    "reconcile",
    "",
    "reconcile a platform statement instead of checking a catalog",
    "核对平台结算单（而非检查商品表）",
  ],
  ["tolerance", "0.01", "reconciliation tolerance in CNY", "对账容差（元）"],
  ["quiet", "", "print nothing but errors", "只输出错误"],
  [
    "no-layout",
    "",
    "no column widths or frozen header row: the sheet outside its cells stays as it was",
    "不设列宽、不冻结表头：单元格以外的内容保持原样",
  ],
  ["help", "", "this text", "显示本说明"],
];

/** The usage text, in English and Chinese (every flag the parser accepts is listed). */
export function usage(): string {
  const width = Math.max(...FLAG_HELP.map(([f, v]) => f.length + v.length + 3));
  const lines = FLAG_HELP.map(([flag, value, en, zh]) => {
    const left = `--${flag}${value ? ` ${value}` : ""}`;
    return `  ${left.padEnd(width)}  ${en} · ${zh}${flag === "help" ? " (-h)" : ""}`;
  });
  return [
    "usage: npm run check -- <catalog.xlsx|.csv|.tsv> [--mode semi|full|compare] [options]",
    "       npm run check -- <statement.xlsx|.csv> --reconcile [--mode semi|full] [options]",
    "用法：检查商品表，或加 --reconcile 核对结算单。选项：",
    ...lines,
    "Output · 输出: catalog.xlsx → catalog.checked.xlsx; catalog.csv → catalog.csv.checked.xlsx;",
    "  --reconcile: statement.xlsx → statement.reconciled.xlsx. The input is never written; an earlier",
    "  copy written by the same kind of run is replaced, any other file there is left alone (use --out).",
    "  输入文件不会被改写；同类运行的旧结果会被替换，其他文件不会被覆盖（可用 --out 指定）。",
  ].join("\n");
}

const FEE_FLAGS = FEE_VALUES.map(([flag]) => flag);
const VALUE_FLAGS = new Set([
  "mode",
  "sheet",
  "out",
  "profile",
  "lang",
  "options",
  "pack",
  "tolerance",
  "rates",
  ...FEE_FLAGS,
]);
/** Flags without a value. */
const SWITCHES = new Set(["quiet", "reconcile", "no-layout"]);
/** Every flag the parser accepts (without the dashes), for the usage test. */
export const ACCEPTED_FLAGS: readonly string[] = [...VALUE_FLAGS, ...SWITCHES, "help"];

/** A one-line failure: printed (in Chinese with --lang zh where it has Chinese words), exit 2. */
class Stop extends Error {
  constructor(
    en: string,
    readonly zh?: string,
  ) {
    super(en);
  }
}

/**
 * A workbook the port refuses, in Chinese by the reason's code (the port's detail, in English, follows
 * in brackets: it names the part or the limit). The page words the same codes (taskpane/common.tsx).
 */
const WORKBOOK_ERROR_ZH: Record<WorkbookError["code"], string> = {
  encrypted: "文件设有密码，或是旧版 .xls 工作簿：请先去除密码并另存为 .xlsx",
  "not-xlsx": "不是 .xlsx 工作簿：请在 Excel 或 WPS 中另存为 .xlsx",
  format: "此格式不受支持（如 .ods、.xlsb）：请在 Excel 或 WPS 中另存为 .xlsx",
  corrupt: "工作簿已损坏或结构有误：请在 Excel 或 WPS 中打开并重新另存为 .xlsx",
  limit: "工作簿超出上限",
};

/** A file system error in words a seller can act on, with its code (EACCES…) in brackets. */
function fileErrorWords(e: unknown): { en: string; zh: string } {
  const code = (e as NodeJS.ErrnoException).code;
  const words: Record<string, [string, string]> = {
    EACCES: [
      "permission denied (the folder is read-only, or you may not write there)",
      "没有权限（文件夹只读，或无权在此写入）",
    ],
    EPERM: [
      "not permitted (the folder or file is protected or read-only)",
      "不允许操作（文件夹或文件受保护或只读）",
    ],
    EROFS: ["the disk is read-only", "磁盘为只读"],
    ENOSPC: ["the disk is full", "磁盘已满"],
    EDQUOT: ["the disk quota is used up", "磁盘配额已用完"],
    ENOENT: ["the folder does not exist", "文件夹不存在"],
    ENOTDIR: ["a part of the path is not a folder", "路径中有一段不是文件夹"],
    EISDIR: ["a folder has that name", "该名称是一个文件夹"],
    EBUSY: [
      "the file is in use (is it open in Excel or WPS?)",
      "文件正被占用（是否已在 Excel 或 WPS 中打开？）",
    ],
    ETXTBSY: ["the file is in use", "文件正被占用"],
    EMFILE: ["too many files are open", "打开的文件过多"],
    EIO: ["the disk could not be read or written (I/O error)", "磁盘读写出错（I/O 错误）"],
  };
  const w = code ? words[code] : undefined;
  if (w) return { en: `${w[0]} (${code})`, zh: `${w[1]}（${code}）` };
  const text = code ?? (e as Error).message;
  return { en: text, zh: text };
}

/** The language asked for on the command line, read before the flags are checked (for a Stop). */
function askedLang(argv: readonly string[]): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--lang=zh" || (a === "--lang" && argv[i + 1] === "zh")) return "zh";
  }
  return "en";
}
/** --help: the usage is printed, exit 0. */
class Help extends Error {}

function parseArgs(argv: readonly string[]): {
  input: string;
  flags: Map<string, string>;
  quiet: boolean;
  reconcile: boolean;
} {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  let quiet = false;
  let reconcile = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--help" || a === "-h") throw new Help();
    if (a === "--quiet") quiet = true;
    else if (a === "--reconcile") reconcile = true;
    // No column widths or frozen header row: the sheet outside its cells stays byte for byte.
    else if (a === "--no-layout") flags.set("no-layout", "");
    else if (a.startsWith("--")) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (!VALUE_FLAGS.has(name))
        throw new Stop(
          SWITCHES.has(name)
            ? `--${name} takes no value`
            : `unknown option --${name} (npm run check -- --help lists the options · 查看选项)`,
          SWITCHES.has(name)
            ? `--${name} 不带值`
            : `未知选项 --${name}（npm run check -- --help 列出全部选项）`,
        );
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Stop(`--${name} needs a value`, `--${name} 需要一个值`);
      flags.set(name, value);
    } else positional.push(a);
  }
  if (positional.length !== 1)
    throw new Stop(
      positional.length === 0
        ? `no input workbook given (npm run check -- --help lists the options · 查看选项)`
        : `one input workbook at a time (got ${positional.join(", ")})`,
      positional.length === 0
        ? `未给出要检查的工作簿（npm run check -- --help 列出全部选项）`
        : `一次只能检查一个工作簿（收到 ${positional.join("、")}）`,
    );
  return { input: positional[0] as string, flags, quiet, reconcile };
}

function readJson(path: string, what: string, whatZh: string): unknown {
  if (!existsSync(path)) throw new Stop(`${what} file not found: ${path}`, `找不到${whatZh}文件：${path}`);
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Stop(
      `${what} file ${path} is not valid JSON: ${(e as Error).message}`,
      `${whatZh}文件 ${path} 不是有效的 JSON：${(e as Error).message}`,
    );
  }
}

/** A rate card file (--rates): a .csv file, or an .xlsx workbook's AE Rates sheet (else its first sheet). */
async function readRatesFile(path: string): Promise<RateCard> {
  if (!existsSync(path)) throw new Stop(`rate card file not found: ${path}`, `找不到运费表文件：${path}`);
  const name = basename(path);
  const ext = extname(path).toLowerCase();
  let result;
  if (ext === ".csv" || ext === ".txt" || ext === ".tsv")
    result = readRatesCsv(new Uint8Array(readFileSync(path)), name);
  else if (ext === ".xlsx" || ext === ".xlsm") {
    try {
      result = await readRatesWorkbook(await XlsxPort.open(new Uint8Array(readFileSync(path))), name);
    } catch (e) {
      if (e instanceof WorkbookError)
        throw new Stop(`rate card ${path}: ${e.message}`, `运费表 ${path}：${e.zh ?? e.message}`);
      throw e;
    }
  } else
    throw new Stop(
      `--rates takes an .xlsx or .csv file (got '${name}')`,
      `--rates 需要 .xlsx 或 .csv 文件（收到“${name}”）`,
    );
  if (!result.ok)
    throw new Stop(
      `rate card ${name} was not used: ${describeProblems(result.problems, "en")}`,
      `运费表 ${name} 未使用：${describeProblems(result.problems, "zh")}`,
    );
  return result.card;
}

function progressBar(done: number, total: number): void {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  process.stderr.write(
    `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${total === 0 ? 100 : Math.floor((done / total) * 100)}% ${done.toLocaleString("en")}/${total.toLocaleString("en")} rows`,
  );
}

/** A mode's name as the console shows it: the codes in English, 全托管/半托管 in Chinese. */
function modeName(mode: "semi" | "full", lang: Lang): string {
  return lang === "zh" ? (mode === "full" ? "全托管" : "半托管") : mode;
}

/** Pads to a width counted in columns a terminal shows (a CJK character takes two). */
function pad(text: string, width: number): string {
  const shown = [...text].reduce((n, ch) => n + (/[\u1100-\uffdc]/u.test(ch) ? 2 : 1), 0);
  return text + " ".repeat(Math.max(0, width - shown));
}

function printSummary(summary: CheckSummary, out: string, lang: Lang, report: string): void {
  const zh = lang === "zh";
  console.log(
    zh
      ? `工作表“${summary.sheet}”，表头在第 ${summary.headerRow} 行，已检查 ${summary.rowsChecked} 行`
      : `Sheet '${summary.sheet}', header row ${summary.headerRow}, ${summary.rowsChecked} rows checked`,
  );
  // A rate the run did not get from --fx: say which one was used, so a stale rate is seen.
  if (summary.fx?.source === "remembered") {
    const per = summary.fx.currency ?? (zh ? "外币" : "unit of foreign currency");
    console.log(
      zh
        ? `  汇率：每 1 ${per} = ${summary.fx.rate} 元（沿用上次检查记在本工作簿中的汇率；用 --fx 可改）`
        : `  exchange rate: ${summary.fx.rate} CNY per ${per} (remembered from the last check of this workbook; --fx changes it)`,
    );
  }
  for (const m of summary.modes) {
    const c = m.counts;
    const counts = (["ELIGIBLE", "ELIGIBLE_WITH_WARNINGS", "NOT_ELIGIBLE", "INCOMPLETE"] as const)
      .map((k) => `${valueWord(k, lang)} ${c[k]}`)
      .join(" · ");
    console.log(
      `  ${pad(modeName(m.mode, lang), 6)} ${counts} · ${zh ? "已算费用" : "fees computed"} ${m.feesComputed}`,
    );
    const seller =
      summary.profileSource === "none"
        ? zh
          ? "未检查（无卖家资料）"
          : "not checked (no seller profile)"
        : valueWord(m.seller.status, lang);
    // The seller rules that raised something, each with its severity (a sheet-level one such as
    // the SKU count is raised without a profile too).
    const raised = [
      ...new Set(
        m.seller.issues.map((i) =>
          zh ? `${i.ruleId}（${SEVERITY_WORDS[i.severity].zh}）` : `${i.ruleId} (${i.severity})`,
        ),
      ),
    ];
    console.log(
      `         ${zh ? "卖家资质：" : "seller readiness: "}${seller}${raised.length ? (zh ? `；问题：${raised.join("、")}` : `; issues: ${raised.join(", ")}`) : ""}`,
    );
    // A rule with no column that decides eligibility or a fee: the rows it concerns carry a note.
    const marking = m.notChecked.filter((n) => n.rowsNoted);
    const notes = m.notChecked.filter((n) => !n.rowsNoted);
    if (marking.length)
      console.log(
        `         ${zh ? "未检查（无对应列，相关行附有提示）：" : "not checked (no column; the rows it concerns carry a note): "}${marking.map((n) => n.ruleId).join(", ")}`,
      );
    if (notes.length)
      console.log(
        `         ${zh ? "未检查（无对应列）：" : "not checked (no column): "}${notes.map((n) => n.ruleId).join(", ")}`,
      );
  }
  if (summary.bestModes)
    console.log(
      `  ${zh ? "最优模式：" : "best mode: "}${Object.entries(summary.bestModes)
        .map(([k, v]) => `${bestModeLabel(k as BestModeKey, zh ? "zh" : "en")} ${v}`)
        .join(" · ")}`,
    );
  const top = summary.tallies.slice(0, 8);
  if (top.length) {
    console.log(zh ? "主要问题：" : "Top issues:");
    for (const t of top)
      console.log(
        `  ${pad(modeName(t.mode, lang), 6)} ${t.ruleId.padEnd(22)} ${pad(SEVERITY_WORDS[t.severity][lang], 8)} ${String(t.rows).padStart(6)} ${zh ? "行" : "rows"}  ${t.example[lang]}`,
      );
  }
  // The rate card prices the semi-managed fulfilment fee only.
  if (summary.modes.some((m) => m.mode === "semi"))
    console.log(`${zh ? "运费表：" : "Rate card: "}${describeCard(summary.rateCard, lang)}`);
  console.log(
    `${zh ? "结果已写入：" : "Written: "}${out} (${summary.columns.map((c) => c.letter).join(",")} + '${report}')`,
  );
}

function printReconcile(r: ReconcileSummary, out: string, lang: Lang, report: string): void {
  const zh = lang === "zh";
  const cny = (fen: number) => (fen / 100).toFixed(2);
  console.log(
    zh ? `工作表“${r.sheet}”，已对账 ${r.lines} 行` : `Sheet '${r.sheet}', ${r.lines} lines reconciled`,
  );
  console.log(
    `  ${(["MATCH", "OVERCHARGED", "UNDERCHARGED", "CANNOT_CHECK"] as const).map((v) => `${valueWord(v, lang)} ${r.counts[v]}`).join(" · ")}`,
  );
  console.log(
    zh
      ? `  应扣 ${cny(r.expectedFen)} 元 · 实扣 ${cny(r.chargedFen)} 元 · 多扣 ${cny(r.overchargedFen)} 元 · 少扣 ${cny(r.underchargedFen)} 元 · 退款行 ${r.refunds} · 订单号重复 ${r.duplicateLines}`
      : `  expected ${cny(r.expectedFen)} · charged ${cny(r.chargedFen)} · overcharged ${cny(r.overchargedFen)} · undercharged ${cny(r.underchargedFen)} CNY · refunds ${r.refunds} · duplicate ids ${r.duplicateLines}`,
  );
  if (r.nettedOrders > 0)
    console.log(`  ${zh ? "与退款合并核对的订单" : "orders netted with their refund"} ${r.nettedOrders}`);
  for (const g of cannotCheckCounts(r.cannotCheckLines, lang))
    console.log(
      zh
        ? `  ${valueWord("CANNOT_CHECK", lang)} ${g.code} ${g.lines} 行（如第 ${g.firstRows.join("、")} 行）：${g.example}`
        : `  CANNOT_CHECK ${g.code} ${g.lines} ${g.lines === 1 ? "line" : "lines"} (rows ${g.firstRows.join(", ")}): ${g.example}`,
    );
  for (const l of r.largest.slice(0, 5))
    console.log(
      `  ${zh ? "第 " : "row "}${l.row}${zh ? " 行" : ""} ${l.orderId ?? ""} ${valueWord(l.verdict, lang)} ${((l.differenceFen ?? 0) / 100).toFixed(2)}${zh ? " 元" : ""} ${l.note}`,
    );
  console.log(
    `${zh ? "结果已写入：" : "Written: "}${out} (${r.columns.map((c) => c.letter).join(",")} + '${report}'${r.disputes > 0 ? ` + 'AE Disputes' ${r.disputes}` : ""})`,
  );
}

/** Largest input read (zip offsets and the CSV reader's text stay within what this program handles). */
const MAX_INPUT_BYTES = 2 * 1024 * 1024 * 1024 - 1;

/**
 * The input, opened for reading by offset: only a regular file is opened (a FIFO would block and
 * /dev/zero never ends); anything else is a one-line reason. The workbook is read through the
 * handle as the run goes (never held whole); close it when done.
 */
function openInput(path: string, shown: string): FileSource {
  let stat;
  try {
    stat = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR")
      throw new Stop(`input workbook not found: ${shown}`, `找不到输入的工作簿：${shown}`);
    const why = fileErrorWords(e);
    throw new Stop(`cannot read ${shown}: ${why.en}`, `无法读取 ${shown}：${why.zh}`);
  }
  if (stat.isDirectory())
    throw new Stop(`${shown} is a folder, not a workbook file`, `${shown} 是文件夹，不是工作簿文件`);
  if (!stat.isFile())
    throw new Stop(
      `${shown} is not a regular file (a device, pipe or socket); give a saved .xlsx file`,
      `${shown} 不是普通文件（设备、管道或套接字）；请给出已保存的 .xlsx 文件`,
    );
  if (stat.size > MAX_INPUT_BYTES)
    throw new Stop(
      `${shown} is ${(stat.size / 1e9).toFixed(1)} GB, larger than this program reads (2 GB)`,
      `${shown} 大小为 ${(stat.size / 1e9).toFixed(1)} GB，超过本程序可读取的上限（2 GB）`,
    );
  try {
    return new FileSource(path);
  } catch (e) {
    const why = fileErrorWords(e);
    throw new Stop(`cannot read ${shown}: ${why.en}`, `无法读取 ${shown}：${why.zh}`);
  }
}

/** Whether the input is a macro-enabled workbook (false for a CSV or a file the port cannot open). */
async function macroEnabledInput(file: FileSource, name: string): Promise<boolean> {
  if (!/\.xls[xm]$/i.test(name)) return false;
  try {
    return (await XlsxPort.open(file)).macroEnabled;
  } catch {
    return false;
  }
}

/**
 * The copy's temporary file next to the target, written piece by piece as the copy is made
 * (a large copy is never held in memory); renamed over the target only once it is whole.
 */
class CopyFile {
  private fd: number | undefined;
  /** The first write error (later pieces are dropped; the file is discarded). */
  error: Error | undefined;
  constructor(readonly path: string) {}

  /** Appends a piece (opens the file on the first one); never throws. */
  readonly write = (bytes: Uint8Array): void => {
    if (this.error) return;
    try {
      this.fd ??= openSync(this.path, "w");
      for (let at = 0; at < bytes.length;) at += writeSync(this.fd, bytes, at, bytes.length - at);
    } catch (e) {
      this.error = e as Error;
    }
  };

  /** Closes the file and moves it over `target`; throws the write error if there was one. */
  commit(target: string): void {
    if (this.error) throw this.error;
    this.fd ??= openSync(this.path, "w");
    const fd = this.fd;
    this.fd = undefined;
    closeSync(fd);
    renameSync(this.path, target);
  }

  /** Closes and removes the file (a failed or stopped run leaves nothing). */
  discard(): void {
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        // Already closed.
      }
      this.fd = undefined;
    }
    try {
      unlinkSync(this.path);
    } catch {
      // Nothing was written.
    }
  }
}

/** Refuses an output path that cannot be written, before any work. */
function checkOutput(out: string): void {
  let stat;
  try {
    stat = statSync(out);
  } catch {
    stat = undefined;
  }
  if (stat?.isDirectory())
    throw new Stop(
      `the output ${out} is a folder: give a file name with --out`,
      `输出 ${out} 是文件夹：请用 --out 给出文件名`,
    );
  if (stat && !stat.isFile())
    throw new Stop(`the output ${out} is not a regular file`, `输出 ${out} 不是普通文件`);
  let dir;
  try {
    dir = statSync(dirname(out));
  } catch {
    throw new Stop(`the output folder ${dirname(out)} does not exist`, `输出文件夹 ${dirname(out)} 不存在`);
  }
  if (!dir.isDirectory())
    throw new Stop(
      `the output folder ${dirname(out)} is not a folder`,
      `输出位置 ${dirname(out)} 不是文件夹`,
    );
}

/**
 * The default output of an input: `catalog.xlsx` → `catalog.checked.xlsx`; any other input keeps
 * its extension in the name (`catalog.csv` → `catalog.csv.checked.xlsx`), so two inputs of one
 * folder never share a copy, and a macro-enabled `catalog.xlsm` → `catalog.checked.xlsm` (its copy
 * keeps the macros, which Excel opens only as .xlsm); a reconciliation
 * writes `*.reconciled.xlsx`, so it and a check of the same file never overwrite each other
 * (the page names its downloads the same way: {@link checkedName}).
 *
 * @example
 * ```ts
 * defaultOutput("/d/catalog.csv", "check")        // => "/d/catalog.csv.checked.xlsx"
 * defaultOutput("/d/结算单.xlsx", "reconcile")     // => "/d/结算单.reconciled.xlsx"
 * ```
 */
export function defaultOutput(inputPath: string, purpose: "check" | "reconcile"): string {
  return join(dirname(inputPath), checkedName(basename(inputPath), purpose));
}

/**
 * Who wrote the file at `out`: undefined when there is none; else the kind of run whose AE Meta
 * it holds (a copy from before the state named its kind: a reconciliation if it has the
 * reconciliation's columns), or "other" for a file this program did not write.
 */
async function outputOwner(
  out: string,
): Promise<{ purpose: "check" | "reconcile" | "other"; what: { en: string; zh: string } } | undefined> {
  if (!existsSync(out)) return undefined;
  const other = {
    purpose: "other" as const,
    what: { en: "not a copy written by ae-check", zh: "不是本程序写的结果" },
  };
  let state;
  let file: FileSource | undefined;
  try {
    // Only its state sheet is read (through a handle: an earlier copy can be hundreds of MB).
    file = new FileSource(out);
    state = await (await XlsxPort.open(file)).readState();
  } catch {
    return other;
  } finally {
    file?.close();
  }
  if (!state) return other;
  const purpose =
    state.purpose ??
    (state.columns.some((c) => c.header === "AE Reconciliation" || c.header === "AE 对账结果")
      ? "reconcile"
      : "check");
  const at = state.writtenAt;
  return {
    purpose,
    what:
      purpose === "check"
        ? { en: `the copy a check wrote at ${at}`, zh: `${at} 检查时写的结果` }
        : { en: `the copy a reconciliation wrote at ${at}`, zh: `${at} 对账时写的结果` },
  };
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let shown = "input";
  let copyFile: CopyFile | undefined;
  let inputFile: FileSource | undefined;
  try {
    const { input, flags, quiet, reconcile } = parseArgs(argv);
    shown = input;
    const mode = flags.get("mode") ?? "semi";
    if (!["semi", "full", "compare"].includes(mode))
      throw new Stop(
        `--mode must be semi, full or compare (got '${mode}')`,
        `--mode 只能是 semi（半托管）、full（全托管）或 compare（对比）（收到“${mode}”）`,
      );
    if (reconcile && mode === "compare")
      throw new Stop(
        "--reconcile takes --mode semi or full (the mode of lines without a mode column)",
        "--reconcile 需要 --mode semi 或 full（没有模式列的账单行按此模式核对）",
      );
    const tolerance = flags.has("tolerance") ? Number(flags.get("tolerance")) : 0.01;
    if (!(tolerance >= 0))
      throw new Stop(
        `--tolerance must be a number of CNY ≥ 0 (got '${flags.get("tolerance")}')`,
        `--tolerance 必须是不小于 0 的人民币金额（收到“${flags.get("tolerance")}”）`,
      );
    const lang = (flags.get("lang") ?? "en") as Lang;
    if (lang !== "en" && lang !== "zh")
      throw new Stop(
        `--lang must be en or zh (got '${String(lang)}')`,
        `--lang 只能是 en 或 zh（收到“${String(lang)}”）`,
      );
    const inputPath = resolve(input);
    inputFile = openInput(inputPath, input);
    const purpose = reconcile ? "reconcile" : "check";
    // A macro-enabled workbook's copy is an .xlsm whatever the input's name says (Excel opens it only so).
    const defaultOut = defaultOutput(inputPath, purpose);
    const out = resolve(
      flags.get("out") ??
        ((await macroEnabledInput(inputFile, input)) ? defaultOut.replace(/\.xlsx$/i, ".xlsm") : defaultOut),
    );
    if (out === inputPath)
      throw new Stop(
        "refusing to write over the input workbook: choose another --out",
        "不会覆盖输入的工作簿：请用 --out 指定另一个文件",
      );
    checkOutput(out);
    if (flags.has("out") && !/\.(xlsx|xlsm)$/i.test(out))
      throw new Stop(
        `--out must name an .xlsx file (got '${flags.get("out")}'): the copy is an .xlsx workbook, and a file of another kind there would be replaced by it`,
        `--out 须为 .xlsx 文件名（收到“${flags.get("out")}”）：输出的副本是 .xlsx 工作簿，其他类型的同名文件会被它替换`,
      );
    // What is at the output path now: nothing, an earlier copy of the same kind of run, or another file.
    const earlier = await outputOwner(out);
    if (earlier && earlier.purpose !== purpose && !flags.has("out"))
      throw new Stop(
        lang === "zh"
          ? `${out} 已存在，且不是本程序${purpose === "check" ? "检查" : "对账"}时写的（${earlier.what.zh}）：未覆盖。请移走它或用 --out 指定输出文件`
          : `${out} exists and was not written by a ${purpose === "check" ? "check" : "reconciliation"} (${earlier.what.en}): not replaced. Move it or give --out`,
      );

    // Fee options: the --options file, then flags on top.
    const pairs: Record<string, unknown> = {};
    if (flags.has("options")) {
      const json = readJson(flags.get("options") as string, "options", "选项");
      if (typeof json !== "object" || json === null || Array.isArray(json))
        throw new Stop(
          'the options file must hold a JSON object such as {"distance": 250, "services": "label"}',
          '选项文件必须是一个 JSON 对象，例如 {"distance": 250, "services": "label"}',
        );
      Object.assign(pairs, json);
    }
    for (const f of FEE_FLAGS) if (flags.has(f)) pairs[f.replace("-", "")] = flags.get(f);
    const read = readFeeOptions(pairs);
    if (!read.ok)
      throw new Stop(
        `bad fee option: ${optionErrorsText(read.errors, "en")}`,
        `费用选项有误：${optionErrorsText(read.errors, "zh")}`,
      );
    const fees: FeeOptions = read.options;

    let pack = defaultRulePack();
    if (flags.has("pack")) {
      const applied = applyPackOverride(pack, readJson(flags.get("pack") as string, "rule pack", "规则更新"));
      if (!applied.ok)
        throw new Stop(
          `rule pack override rejected: ${applied.errors.join("; ")}`,
          `规则更新未采用：${applied.errors.join("；")}`,
        );
      pack = applied.pack;
    }
    const profile = flags.has("profile")
      ? readJson(flags.get("profile") as string, "profile", "卖家资料")
      : undefined;
    if (
      profile !== undefined &&
      (typeof profile !== "object" || profile === null || Array.isArray(profile))
    ) {
      throw new Stop(
        "the profile file must hold a JSON object of key → value",
        "卖家资料文件必须是一个 JSON 对象（键 → 值）",
      );
    }

    const rates = flags.has("rates") ? await readRatesFile(flags.get("rates") as string) : undefined;

    let bytes: Uint8Array | FileSource = inputFile;
    let csvLine: string | undefined;
    if (isDelimitedText(inputPath, inputFile.read(0, 8))) {
      // CSV/TSV: its rows as a one-sheet workbook; the copy is an .xlsx.
      try {
        const csv = csvToWorkbook(inputPath, inputFile.read(0, inputFile.size));
        bytes = csv.bytes;
        const d = delimiterName(csv.delimiter);
        csvLine =
          lang === "zh"
            ? `已读取 ${input}：${csv.encoding} 编码，${d.zh}分隔，${csv.rows} 行（工作表“${csv.sheet}”）`
            : `Read ${input}: ${csv.encoding} text, ${d.en}-separated, ${csv.rows} rows (sheet '${csv.sheet}')`;
      } catch (e) {
        if (e instanceof CsvError) throw new Stop(`${input}: ${e.message}`, `${input}：${e.zh}`);
        throw e;
      }
    }
    // Written next to the target and renamed, so a failure never leaves half a file.
    copyFile = new CopyFile(`${out}.tmp-${process.pid}`);
    const port = await XlsxPort.open(bytes, {
      compressText: nodeDeflate,
      sink: copyFile.write,
      ...(flags.has("no-layout") ? { layout: false } : {}),
    });
    // Excel opens a macro-enabled package only as .xlsm and a plain one only as .xlsx.
    const macros = port.macroEnabled;
    if (macros !== /\.xlsm$/i.test(out))
      throw new Stop(
        macros
          ? `${input} is a macro-enabled workbook: its copy keeps the macros, and Excel opens it only as .xlsm; give --out with a name ending in .xlsm`
          : `${input} holds no macros: Excel opens its copy only as .xlsx; give --out with a name ending in .xlsx`,
        macros
          ? `${input} 是启用宏的工作簿：副本保留宏，Excel 只能以 .xlsm 打开它；请用 --out 指定以 .xlsm 结尾的文件名`
          : `${input} 不含宏：Excel 只能以 .xlsx 打开它的副本；请用 --out 指定以 .xlsx 结尾的文件名`,
      );
    const showProgress = !quiet && process.stderr.isTTY === true;
    const common = {
      lang,
      fees,
      ...(flags.has("pack") ? { packSource: `file '${basename(flags.get("pack") as string)}'` } : {}),
      ...(rates ? { rates } : {}),
      ...(flags.has("sheet") ? { sheet: flags.get("sheet") as string } : {}),
      ...(showProgress ? { onProgress: progressBar } : {}),
    };
    if (!reconcile) {
      // Prices in a foreign currency with no rate: say so and name the flag, before any row is checked.
      const inspected = await inspectSheet(port, {
        ...common,
        mode: mode as "semi" | "full" | "compare",
        currencyOnly: true,
      });
      if (inspected.ok && inspected.currency.needsRate) {
        const codes = inspected.currency.foreign.join("/");
        const where = inspected.currency.columns.map((c) => `${c.letter} '${c.header}'`).join(", ");
        throw new Stop(
          lang === "zh"
            ? `${input}：价格为 ${codes}（${where}）且未给出汇率：请加上 --fx <每 1 ${codes} 兑人民币> 后重试（汇率会记在输出的副本中：再次检查该副本时可省略）`
            : `${input}: prices are in ${codes} (${where}) and no exchange rate was given: run again with --fx <CNY per ${codes}> (the rate is remembered in the checked copy: a later check of that copy needs no --fx)`,
        );
      }
    }
    const result = reconcile
      ? await runReconcile(port, new Engine(pack), { ...common, mode: mode as "semi" | "full", tolerance })
      : await runCheck(port, new Engine(pack), {
          ...common,
          mode: mode as "semi" | "full" | "compare",
          perRow: false,
          ...(profile ? { profile: profile as Record<string, unknown> } : {}),
        });
    if (showProgress) process.stderr.write("\n");
    if (!result.ok) throw new Stop(`${input}: ${result.message.en}`, `${input}：${result.message.zh}`);
    if (!port.outputParts) throw new Error("the check ran but produced no output");
    try {
      // The copy's pieces were written as they were made (a large copy is never held in memory).
      copyFile.commit(out);
      copyFile = undefined;
    } catch (e) {
      const why = fileErrorWords(e);
      throw new Stop(`cannot write ${out}: ${why.en}`, `无法写入 ${out}：${why.zh}`);
    }
    const report = port.reportSheetName ?? "AE Report";
    // Say when a file was replaced, even with --quiet (on stderr then): never silently.
    if (earlier) {
      const line =
        lang === "zh" ? `已替换 ${out}（${earlier.what.zh}）` : `Replaced ${out} (${earlier.what.en})`;
      if (quiet) console.error(`ae-check: ${line}`);
      else console.log(line);
    }
    if (!quiet) {
      if (csvLine) console.log(csvLine);
      if ("counts" in result) printReconcile(result, out, lang, report);
      else printSummary(result, out, lang, report);
    }
    return 0;
  } catch (e) {
    if (e instanceof Help) {
      console.log(usage());
      return 0;
    }
    if (e instanceof Stop) {
      console.error(`ae-check: ${(askedLang(argv) === "zh" && e.zh) || e.message}`);
      return 2;
    }
    if (e instanceof InputReadError) {
      const why = fileErrorWords({ code: e.code, message: e.code });
      console.error(
        askedLang(argv) === "zh"
          ? `ae-check: 无法读取 ${shown}：${why.zh}`
          : `ae-check: cannot read ${shown}: ${why.en}`,
      );
      return 2;
    }
    if (e instanceof WorkbookError) {
      console.error(
        askedLang(argv) === "zh"
          ? `ae-check: ${shown}：${e.zh === undefined ? `${WORKBOOK_ERROR_ZH[e.code]}（${e.message}）` : e.code === "limit" ? `${WORKBOOK_ERROR_ZH.limit}：${e.zh}` : e.zh}`
          : `ae-check: ${shown}: ${e.message}`,
      );
      return 2;
    }
    console.error(`ae-check: unexpected error: ${(e as Error).stack ?? String(e)}`);
    return 1;
  } finally {
    // A run that stopped (or failed) after the copy was begun leaves no temporary file.
    copyFile?.discard();
    inputFile?.close();
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
