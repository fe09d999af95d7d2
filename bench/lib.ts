/** Shared pieces of the workbook benchmarks: the exceljs floor and per-task child processes. */
import { execFileSync } from "node:child_process";
import ExcelJS from "exceljs";

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
export function measure(script: string, task: string, input: string, output: string): Measured {
  const out = execFileSync(process.execPath, [script, "--task", task, "--in", input, "--out", output], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 1 << 20,
  });
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
