/**
 * Workbook-check benchmark: generates a 100,000-row catalog .xlsx, then times, each in its own
 * process (so peak RSS is per task):
 *   - floor A: exceljs streaming read + streaming write of the same workbook, no checking;
 *   - floor B: this project's own package round trip (open, read the sheet's cells, write), no checking;
 *   - check: `runCheck` in semi mode over the .xlsx port as the CLI runs it (no per-row results
 *     kept), writing the annotated copy.
 * Prints time, peak RSS and the ratio of the check to each floor.
 * With --million, it then checks a full-height sheet (1,048,574 SKU rows under a title and a header:
 * every row of the sheet) once, and checks its annotated copy again, with peak RSS for each.
 * Usage: npm run bench:check [-- --rows 100000] [-- --million]
 */
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Engine } from "../src/engine";
import { runCheck } from "../src/pipeline/run";
import {
  CATALOG_HEADERS as HEADERS,
  argValue,
  best,
  floorExcelJs,
  floorPort,
  generateCatalog as generate,
  measure,
  reportChild,
  openPort,
} from "./lib";

async function check(input: string, output: string): Promise<void> {
  const opened = openPort(input, output);
  const port = await opened.port;
  const result = await runCheck(port, new Engine(), { mode: "semi", lang: "en", perRow: false });
  if (!result.ok) throw new Error(result.message.en);
  opened.done();
  console.error(`rows checked ${result.rowsChecked}; ${JSON.stringify(result.modes[0]?.counts)}`);
}

async function child(task: string): Promise<void> {
  const input = argValue("in") as string;
  const output = argValue("out") as string;
  await reportChild(async () => {
    if (task === "floor-exceljs") await floorExcelJs(input, output);
    else if (task === "floor-package") await floorPort(input, output);
    else if (task === "check") await check(input, output);
  });
}

/** The full-height sheet: checked once, and its copy checked again. */
async function million(dir: string): Promise<void> {
  const rows = 1_048_574;
  const input = join(dir, "million.xlsx");
  const t0 = performance.now();
  await generate(input, rows);
  console.log(
    `full-height sheet: ${rows.toLocaleString("en")} SKU rows × ${HEADERS.length} columns (rows 1-1,048,576), input ${(statSync(input).size / 1e6).toFixed(1)} MB (generated in ${((performance.now() - t0) / 1000).toFixed(0)} s)`,
  );
  const first = measure(__filename, "check", input, join(dir, "million.checked.xlsx"));
  console.log(
    `  check: ${(first.ms / 1000).toFixed(1)} s, ${Math.round(rows / (first.ms / 1000)).toLocaleString("en")} rows/s, peak RSS ${first.rssMb.toFixed(0)} MB, copy ${(statSync(join(dir, "million.checked.xlsx")).size / 1e6).toFixed(1)} MB`,
  );
  const again = measure(
    __filename,
    "check",
    join(dir, "million.checked.xlsx"),
    join(dir, "million.again.xlsx"),
  );
  console.log(
    `  its copy checked again: ${(again.ms / 1000).toFixed(1)} s, peak RSS ${again.rssMb.toFixed(0)} MB`,
  );
}

async function parent(): Promise<void> {
  const rows = Number(argValue("rows") ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), "ae-bench-check-"));
  const input = join(dir, "catalog.xlsx");
  const t0 = performance.now();
  await generate(input, rows);
  console.log(
    `AE Modes workbook-check benchmark: ${rows.toLocaleString("en")} rows × ${HEADERS.length} columns, input ${(statSync(input).size / 1e6).toFixed(1)} MB (generated in ${((performance.now() - t0) / 1000).toFixed(1)} s), node ${process.version}`,
  );
  const results: Record<string, { ms: number; rssMb: number }> = {};
  // Alternate the tasks twice and keep the best time of each (this machine's speed drifts).
  for (let rep = 0; rep < 2; rep++) {
    for (const task of ["floor-exceljs", "floor-package", "check"]) {
      results[task] = best(results[task], measure(__filename, task, input, join(dir, `${task}.xlsx`)));
    }
  }
  const line = (name: string, r: { ms: number; rssMb: number }) =>
    `${name}: ${(r.ms / 1000).toFixed(2)} s, peak RSS ${r.rssMb.toFixed(0)} MB`;
  const check = results["check"] as { ms: number; rssMb: number };
  const a = results["floor-exceljs"] as { ms: number; rssMb: number };
  const b = results["floor-package"] as { ms: number; rssMb: number };
  console.log(line("floor A, exceljs streaming read + write", a));
  console.log(line("floor B, package round trip without checking", b));
  console.log(line("check (semi), annotated copy written", check));
  console.log(
    `ratio check / floor A: ${(check.ms / a.ms).toFixed(2)}; check / floor B: ${(check.ms / b.ms).toFixed(2)}; rows/s ${Math.round(rows / (check.ms / 1000)).toLocaleString("en")}`,
  );
  if (process.argv.includes("--million")) await million(dir);
  else console.log("(the full-height sheet, 1,048,574 rows: npm run bench:check -- --million)");
}

const task = argValue("task");
void (task ? child(task) : parent()).catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
