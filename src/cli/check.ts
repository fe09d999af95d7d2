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
import { CsvError, csvToWorkbook, delimiterName, isDelimitedText } from "../csv";
import {
  applyPackOverride,
  bestModeLabel,
  defaultRulePack,
  Engine,
  optionErrorsText,
  readFeeOptions,
  type BestModeKey,
  type FeeOptions,
  describeCard,
  describeProblems,
  type RateCard,
} from "../engine";
import { readRatesCsv, readRatesWorkbook } from "../pipeline/rates";
import type { Lang } from "../pipeline/outputs";
import { runCheck, type CheckSummary } from "../pipeline/run";
import { cannotCheckCounts, runReconcile, type ReconcileSummary } from "../pipeline/reconcile";
import { inspectSheet } from "../pipeline/inspect";
import { WorkbookError } from "../xlsx/zip";
import { XlsxPort } from "../xlsx/port";
import { nodeDeflate } from "./node-deflate";

const USAGE = `usage: npm run check -- <input.xlsx|.csv|.tsv> --mode semi|full|compare [--sheet NAME] [--out FILE]
       [--profile FILE.json] [--lang en|zh] [--options FILE.json] [--pack FILE.json]
       [--services label,photoqc] [--distance KM] [--carton N] [--rate 2.8%] [--orders N]
       [--fx RATE] [--currency CODE] [--packing CNY] [--vas CNY] [--quiet] [--no-layout]
       [--rates FILE.xlsx|FILE.csv] [--destination DE]
       npm run check -- <statement.xlsx> --reconcile [--mode semi|full] [--tolerance 0.01] [...]`;

const FEE_FLAGS = [
  "services",
  "distance",
  "carton",
  "rate",
  "orders",
  "fx",
  "currency",
  "packing",
  "vas",
  "fulfilment-rate",
  "destination",
];
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

/** A one-line failure: printed, exit 2. */
class Stop extends Error {}

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
    if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    }
    if (a === "--quiet") quiet = true;
    else if (a === "--reconcile") reconcile = true;
    // No column widths or frozen header row: the sheet outside its cells stays byte for byte.
    else if (a === "--no-layout") flags.set("no-layout", "");
    else if (a.startsWith("--")) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (!VALUE_FLAGS.has(name)) throw new Stop(`unknown option --${name}\n${USAGE}`);
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Stop(`--${name} needs a value`);
      flags.set(name, value);
    } else positional.push(a);
  }
  if (positional.length !== 1)
    throw new Stop(
      positional.length === 0
        ? `no input workbook given\n${USAGE}`
        : `one input workbook at a time (got ${positional.join(", ")})`,
    );
  return { input: positional[0] as string, flags, quiet, reconcile };
}

function readJson(path: string, what: string): unknown {
  if (!existsSync(path)) throw new Stop(`${what} file not found: ${path}`);
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Stop(`${what} file ${path} is not valid JSON: ${(e as Error).message}`);
  }
}

/** A rate card file (--rates): a .csv file, or an .xlsx workbook's AE Rates sheet (else its first sheet). */
async function readRatesFile(path: string): Promise<RateCard> {
  if (!existsSync(path)) throw new Stop(`rate card file not found: ${path}`);
  const name = basename(path);
  const ext = extname(path).toLowerCase();
  let result;
  if (ext === ".csv" || ext === ".txt" || ext === ".tsv")
    result = readRatesCsv(new Uint8Array(readFileSync(path)), name);
  else if (ext === ".xlsx" || ext === ".xlsm") {
    try {
      result = await readRatesWorkbook(await XlsxPort.open(new Uint8Array(readFileSync(path))), name);
    } catch (e) {
      if (e instanceof WorkbookError) throw new Stop(`rate card ${path}: ${e.message}`);
      throw e;
    }
  } else throw new Stop(`--rates takes an .xlsx or .csv file (got '${name}')`);
  if (!result.ok)
    throw new Stop(`rate card ${name} was not used: ${describeProblems(result.problems, "en")}`);
  return result.card;
}

function progressBar(done: number, total: number): void {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  process.stderr.write(
    `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${total === 0 ? 100 : Math.floor((done / total) * 100)}% ${done.toLocaleString("en")}/${total.toLocaleString("en")} rows`,
  );
}

function printSummary(summary: CheckSummary, out: string, lang: Lang, report: string): void {
  const zh = lang === "zh";
  console.log(
    `${zh ? "工作表" : "Sheet"} '${summary.sheet}', ${zh ? "表头在第" : "header row"} ${summary.headerRow}${zh ? "行" : ""}, ${summary.rowsChecked} ${zh ? "行已检查" : "rows checked"}`,
  );
  for (const m of summary.modes) {
    const c = m.counts;
    console.log(
      `  ${m.mode.padEnd(5)} ELIGIBLE ${c.ELIGIBLE} · ELIGIBLE_WITH_WARNINGS ${c.ELIGIBLE_WITH_WARNINGS} · NOT_ELIGIBLE ${c.NOT_ELIGIBLE} · INCOMPLETE ${c.INCOMPLETE} · ${zh ? "已算费用" : "fees computed"} ${m.feesComputed}`,
    );
    const seller =
      summary.profileSource === "none"
        ? zh
          ? "未检查（无卖家资料）"
          : "not checked (no seller profile)"
        : m.seller.status;
    console.log(
      `        ${zh ? "卖家资质" : "seller readiness"}: ${seller}${m.seller.issues.length ? ` (${[...new Set(m.seller.issues.map((i) => i.ruleId))].join(", ")})` : ""}`,
    );
    if (m.notChecked.length)
      console.log(
        `        ${zh ? "未检查（无对应列）" : "not checked (no column)"}: ${m.notChecked.map((n) => n.ruleId).join(", ")}`,
      );
  }
  if (summary.bestModes)
    console.log(
      `  ${zh ? "最优模式" : "best mode"}: ${Object.entries(summary.bestModes)
        .map(([k, v]) => `${bestModeLabel(k as BestModeKey, zh ? "zh" : "en")} ${v}`)
        .join(" · ")}`,
    );
  const top = summary.tallies.slice(0, 8);
  if (top.length) {
    console.log(zh ? "主要问题：" : "Top issues:");
    for (const t of top)
      console.log(
        `  ${t.mode.padEnd(5)} ${t.ruleId.padEnd(22)} ${t.severity.padEnd(8)} ${String(t.rows).padStart(6)} ${zh ? "行" : "rows"}  ${t.example[lang]}`,
      );
  }
  console.log(`${zh ? "运费表" : "Rate card"}: ${describeCard(summary.rateCard, lang)}`);
  console.log(
    `${zh ? "结果已写入" : "Written"}: ${out} (${summary.columns.map((c) => c.letter).join(",")} + '${report}')`,
  );
}

function printReconcile(r: ReconcileSummary, out: string, lang: Lang, report: string): void {
  const zh = lang === "zh";
  const cny = (fen: number) => (fen / 100).toFixed(2);
  console.log(`${zh ? "工作表" : "Sheet"} '${r.sheet}', ${r.lines} ${zh ? "行已对账" : "lines reconciled"}`);
  console.log(
    `  ${(["MATCH", "OVERCHARGED", "UNDERCHARGED", "CANNOT_CHECK"] as const).map((v) => `${v} ${r.counts[v]}`).join(" · ")}`,
  );
  console.log(
    `  ${zh ? "应扣" : "expected"} ${cny(r.expectedFen)} · ${zh ? "实扣" : "charged"} ${cny(r.chargedFen)} · ${zh ? "多扣" : "overcharged"} ${cny(r.overchargedFen)} · ${zh ? "少扣" : "undercharged"} ${cny(r.underchargedFen)} CNY · ${zh ? "退款行" : "refunds"} ${r.refunds} · ${zh ? "订单号重复" : "duplicate ids"} ${r.duplicateLines}`,
  );
  if (r.nettedOrders > 0)
    console.log(`  ${zh ? "与退款合并核对的订单" : "orders netted with their refund"} ${r.nettedOrders}`);
  for (const g of cannotCheckCounts(r.cannotCheckLines, lang))
    console.log(
      `  CANNOT_CHECK ${g.code} ${g.lines} ${zh ? "行" : g.lines === 1 ? "line" : "lines"} (${zh ? "如第" : "rows "}${g.firstRows.join(", ")}${zh ? "行" : ""}): ${g.example}`,
    );
  for (const l of r.largest.slice(0, 5))
    console.log(
      `  ${zh ? "第" : "row "}${l.row}${zh ? "行" : ""} ${l.orderId ?? ""} ${l.verdict} ${((l.differenceFen ?? 0) / 100).toFixed(2)} ${l.note}`,
    );
  console.log(
    `${zh ? "结果已写入" : "Written"}: ${out} (${r.columns.map((c) => c.letter).join(",")} + '${report}'${r.disputes > 0 ? ` + 'AE Disputes' ${r.disputes}` : ""})`,
  );
}

/** Largest input read (a workbook's zip must fit in memory). */
const MAX_INPUT_BYTES = 2 * 1024 * 1024 * 1024 - 1;

/**
 * The input's bytes: only a regular file is opened (a FIFO would block and /dev/zero never ends);
 * anything else is a one-line reason.
 */
function readInput(path: string, shown: string): Uint8Array {
  let stat;
  try {
    stat = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new Stop(`input workbook not found: ${shown}`);
    throw new Stop(`cannot read ${shown}: ${code ?? (e as Error).message}`);
  }
  if (stat.isDirectory()) throw new Stop(`${shown} is a folder, not a workbook file`);
  if (!stat.isFile())
    throw new Stop(`${shown} is not a regular file (a device, pipe or socket); give a saved .xlsx file`);
  if (stat.size > MAX_INPUT_BYTES)
    throw new Stop(`${shown} is ${(stat.size / 1e9).toFixed(1)} GB, larger than this program reads (2 GB)`);
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new Stop(`cannot read ${shown}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Writes a file from its pieces, in order. */
function writeParts(path: string, parts: readonly Uint8Array[]): void {
  const fd = openSync(path, "w");
  try {
    for (const part of parts)
      for (let at = 0; at < part.length;) at += writeSync(fd, part, at, part.length - at);
  } finally {
    closeSync(fd);
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
  if (stat?.isDirectory()) throw new Stop(`the output ${out} is a folder: give a file name with --out`);
  if (stat && !stat.isFile()) throw new Stop(`the output ${out} is not a regular file`);
  let dir;
  try {
    dir = statSync(dirname(out));
  } catch {
    throw new Stop(`the output folder ${dirname(out)} does not exist`);
  }
  if (!dir.isDirectory()) throw new Stop(`the output folder ${dirname(out)} is not a folder`);
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let shown = "input";
  try {
    const { input, flags, quiet, reconcile } = parseArgs(argv);
    shown = input;
    const mode = flags.get("mode") ?? "semi";
    if (!["semi", "full", "compare"].includes(mode))
      throw new Stop(`--mode must be semi, full or compare (got '${mode}')`);
    if (reconcile && mode === "compare")
      throw new Stop("--reconcile takes --mode semi or full (the mode of lines without a mode column)");
    const tolerance = flags.has("tolerance") ? Number(flags.get("tolerance")) : 0.01;
    if (!(tolerance >= 0))
      throw new Stop(`--tolerance must be a number of CNY ≥ 0 (got '${flags.get("tolerance")}')`);
    const lang = (flags.get("lang") ?? "en") as Lang;
    if (lang !== "en" && lang !== "zh") throw new Stop(`--lang must be en or zh (got '${String(lang)}')`);
    const inputPath = resolve(input);
    const inputBytes = readInput(inputPath, input);
    const out = resolve(
      flags.get("out") ?? join(dirname(inputPath), `${basename(inputPath, extname(inputPath))}.checked.xlsx`),
    );
    if (out === inputPath) throw new Stop("refusing to write over the input workbook: choose another --out");
    checkOutput(out);

    // Fee options: the --options file, then flags on top.
    const pairs: Record<string, unknown> = {};
    if (flags.has("options")) {
      const json = readJson(flags.get("options") as string, "options");
      if (typeof json !== "object" || json === null || Array.isArray(json))
        throw new Stop(
          'the options file must hold a JSON object such as {"distance": 250, "services": "label"}',
        );
      Object.assign(pairs, json);
    }
    for (const f of FEE_FLAGS) if (flags.has(f)) pairs[f.replace("-", "")] = flags.get(f);
    const read = readFeeOptions(pairs);
    if (!read.ok) throw new Stop(`bad fee option: ${optionErrorsText(read.errors, "en")}`);
    const fees: FeeOptions = read.options;

    let pack = defaultRulePack();
    if (flags.has("pack")) {
      const applied = applyPackOverride(pack, readJson(flags.get("pack") as string, "rule pack"));
      if (!applied.ok) throw new Stop(`rule pack override rejected: ${applied.errors.join("; ")}`);
      pack = applied.pack;
    }
    const profile = flags.has("profile") ? readJson(flags.get("profile") as string, "profile") : undefined;
    if (
      profile !== undefined &&
      (typeof profile !== "object" || profile === null || Array.isArray(profile))
    ) {
      throw new Stop("the profile file must hold a JSON object of key → value");
    }

    const rates = flags.has("rates") ? await readRatesFile(flags.get("rates") as string) : undefined;

    let bytes: Uint8Array = inputBytes;
    let csvLine: string | undefined;
    if (isDelimitedText(inputPath, bytes)) {
      // CSV/TSV: its rows as a one-sheet workbook; the copy is an .xlsx.
      try {
        const csv = csvToWorkbook(inputPath, bytes);
        bytes = csv.bytes;
        const d = delimiterName(csv.delimiter);
        csvLine =
          lang === "zh"
            ? `已读取 ${input}：${csv.encoding} 编码，${d.zh}分隔，${csv.rows} 行（工作表“${csv.sheet}”）`
            : `Read ${input}: ${csv.encoding} text, ${d.en}-separated, ${csv.rows} rows (sheet '${csv.sheet}')`;
      } catch (e) {
        if (e instanceof CsvError) throw new Stop(`${input}: ${lang === "zh" ? e.zh : e.message}`);
        throw e;
      }
    }
    const port = await XlsxPort.open(bytes, {
      compressText: nodeDeflate,
      ...(flags.has("no-layout") ? { layout: false } : {}),
    });
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
      const inspected = await inspectSheet(port, { ...common, mode: mode as "semi" | "full" | "compare" });
      if (inspected.ok && inspected.currency.needsRate) {
        const codes = inspected.currency.foreign.join("/");
        const where = inspected.currency.columns.map((c) => `${c.letter} '${c.header}'`).join(", ");
        throw new Stop(
          lang === "zh"
            ? `${input}：价格为 ${codes}（${where}）且未给出汇率：请加上 --fx <每 1 ${codes} 兑人民币> 后重试（汇率会随工作簿保存，下次可省略）`
            : `${input}: prices are in ${codes} (${where}) and no exchange rate was given: run again with --fx <CNY per ${codes}> (the rate is remembered with the output workbook)`,
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
    if (!result.ok) throw new Stop(`${input}: ${result.message[lang]}`);
    if (!port.outputParts) throw new Error("the check ran but produced no output");
    // Write next to the target and rename, so a failure never leaves half a file.
    const tmp = `${out}.tmp-${process.pid}`;
    try {
      // The copy's pieces one after the other (a large copy is never joined in memory).
      writeParts(tmp, port.outputParts ?? []);
      renameSync(tmp, out);
    } catch (e) {
      try {
        unlinkSync(tmp);
      } catch {
        // Nothing was written.
      }
      throw new Stop(`cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const report = port.reportSheetName ?? "AE Report";
    if (!quiet) {
      if (csvLine) console.log(csvLine);
      if ("counts" in result) printReconcile(result, out, lang, report);
      else printSummary(result, out, lang, report);
    }
    return 0;
  } catch (e) {
    if (e instanceof Stop) {
      console.error(`ae-check: ${e.message}`);
      return 2;
    }
    if (e instanceof WorkbookError) {
      console.error(`ae-check: ${shown}: ${e.message}`);
      return 2;
    }
    console.error(`ae-check: unexpected error: ${(e as Error).stack ?? String(e)}`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
