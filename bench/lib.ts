/** Shared pieces of the workbook benchmarks: the exceljs floor and per-task child processes. */
import { execFileSync } from "node:child_process";
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import ExcelJS from "exceljs";
import { nodeDeflate } from "../src/cli/node-deflate";
import { chunkRows } from "../src/pipeline/run";
import { XlsxPort } from "../src/xlsx/port";

/**
 * Opens a workbook for a benchmark as the CLI does: native deflate, and the copy written to
 * `output` piece by piece as it is made (never held); call `done` once the port wrote.
 */
export function openPort(input: string, output: string): { port: Promise<XlsxPort>; done: () => void } {
  const fd = openSync(output, "w");
  const sink = (bytes: Uint8Array) => {
    for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
  };
  return {
    port: XlsxPort.open(new Uint8Array(readFileSync(input)), { compressText: nodeDeflate, sink }),
    done: () => closeSync(fd),
  };
}

/** A benchmark task's figures. */
export interface Measured {
  readonly ms: number;
  readonly rssMb: number;
}

/** The value of a `--name value` argument. */
export function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Floor: exceljs streaming read + streaming write of the same workbook, no checking. */
export async function floorExcelJs(input: string, output: string): Promise<void> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: "cache",
    styles: "cache",
    worksheets: "emit",
  });
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: output,
    useSharedStrings: true,
    useStyles: true,
  });
  for await (const worksheet of reader) {
    const out = writer.addWorksheet((worksheet as unknown as { name: string }).name);
    for await (const row of worksheet) out.addRow((row.values as unknown[]).slice(1)).commit();
    out.commit();
  }
  await writer.commit();
}

/** Runs `task` of this benchmark script in a child process (so peak RSS is the task's own). */
export function measure(
  script: string,
  task: string,
  input: string,
  output: string,
  extra: readonly string[] = [],
): Measured {
  const out = execFileSync(
    process.execPath,
    [script, "--task", task, "--in", input, "--out", output, ...extra],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(out.trim().split("\n").pop() as string) as Measured;
}

/** Times a task in this (child) process and prints its figures as the last line. */
export async function reportChild(body: () => Promise<void>): Promise<void> {
  const t0 = performance.now();
  await body();
  console.log(JSON.stringify({ ms: performance.now() - t0, rssMb: process.resourceUsage().maxRSS / 1024 }));
}

/** Keeps the best time and the highest RSS of repeated runs. */
export function best(previous: Measured | undefined, next: Measured): Measured {
  return previous
    ? { ms: Math.min(previous.ms, next.ms), rssMb: Math.max(previous.rssMb, next.rssMb) }
    : next;
}

/** The benchmark catalog's 20 columns. */
export const CATALOG_HEADERS = [
  "SKU编码",
  "商品名称",
  "二级类目",
  "售价",
  "普通价",
  "半托管价",
  "重量(g)",
  "长(mm)",
  "宽(cm)",
  "高(cm)",
  "目标市场",
  "EPR注册号",
  "仓库",
  "退货率",
  "尺码表",
  "颜色",
  "材质",
  "发货地距离",
  "增值服务",
  "备注",
];

const CATS = ["家居园艺", "消费电子配件", "服饰配饰", "运动户外", "宠物用品"];
const SIZE_CHART = '{"S":{"胸围":88},"M":{"胸围":92}}';

/** Row `i` of the benchmark catalog (CATALOG_HEADERS' 20 columns). */
export function catalogRow(i: number): unknown[] {
  const price = 5 + ((i * 7919) % 49500) / 100;
  const cat = CATS[i % CATS.length] as string;
  return [
    `SKU-${i}`,
    `商品 ${i}`,
    cat,
    price,
    price,
    Math.round(price * 0.94 * 100) / 100,
    50 + ((i * 31) % 3000),
    100 + ((i * 13) % 300),
    5 + ((i * 7) % 25),
    2 + ((i * 3) % 20),
    i % 3 === 0 ? "US, DE" : "US",
    i % 3 === 0 ? "DE-EPR-1" : "",
    i % 50 === 0 ? "上海仓" : "义乌集货仓",
    `${(i % 140) / 10}%`,
    cat === "服饰配饰" ? SIZE_CHART : "",
    "黑色",
    "棉",
    i % 4 === 0 ? 250 : 120,
    i % 5 === 0 ? "贴标" : "",
    "",
  ];
}

/** Writes a catalog of `rows` rows × 20 columns (title row, header row 2) with exceljs streaming. */
export async function generateCatalog(path: string, rows: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useSharedStrings: true,
    useStyles: true,
  });
  const ws = wb.addWorksheet("商品清单");
  ws.addRow(["100,000 行基准测试清单"]).commit();
  ws.addRow(CATALOG_HEADERS).commit();
  for (let i = 0; i < rows; i++) ws.addRow(catalogRow(i)).commit();
  ws.commit();
  await wb.commit();
}

/**
 * Floor B of the workbook benchmarks: this project's .xlsx port read and written as a check or a
 * reconciliation uses it, with no evaluating: every row read in the pipeline's chunks, then a write
 * of no columns (the sheet is still rewritten and recompressed, and the port's small state added).
 */
export async function floorPort(input: string, output: string): Promise<void> {
  const opened = openPort(input, output);
  const port = await opened.port;
  const sheet = (await port.sheetNames())[0] as string;
  const { lastRow, lastColumn } = await port.extent(sheet);
  const chunk = chunkRows(port, {}, lastColumn + 1);
  let cells = 0;
  for (let row = 1; row <= lastRow; row += chunk)
    for (const r of await port.readRows(sheet, row, chunk)) cells += r?.length ?? 0;
  await port.write({
    sheet,
    headerRow: 1,
    firstDataRow: 2,
    lastDataRow: lastRow,
    columns: [],
    clear: [],
    report: { name: "AE Report", rows: [] },
    state: { version: 1, sheet, headerRow: 1, columns: [], writtenAt: new Date().toISOString() },
  });
  opened.done();
  console.error(`floor: ${cells} cells read`);
}
