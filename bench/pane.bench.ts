/**
 * `npm run bench:pane`: the task pane's figures.
 *   1. The standalone page in headless Chromium on a 100,000-row × 20-column catalog: time from
 *      choosing the file to the Check button being ready (the floor: the page reads and parses every
 *      cell and maps the header), and from pressing Check to the results on screen (evaluate every
 *      row, write the annotated copy). Best of 2; ratio run / floor.
 *   2. The Office.js port as the pane drives it, over the fake Excel: syncs and the largest
 *      request for the same 100,000 rows.
 *   2b. The per-SKU view's model in-process over a compare run of the same rows: building the rows,
 *      filtering by status, rule and SKU text, "what to fix" and the mode decision.
 *   1b. In the page, after Check: choosing a status filter, then a rule filter, until the view shows
 *      the filtered count; scrolling the virtualised view to its last row.
 *   3. Bundle sizes, gzip: the Excel pane's first load (functions.js + taskpane.js) and the page.
 * Usage: npm run bench:pane [-- --rows 100000] [-- --no-build]
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { Engine } from "../src/engine";
import { ExcelPort } from "../src/excel/port";
import { runCheck } from "../src/pipeline/run";
import { serveStatic } from "../scripts/serve";
import { filterRows, modeDecision, skuRows, whatToFix } from "../src/taskpane/model";
import type { Page } from "playwright-core";
import { hasChromium, launch } from "../test/browser";
import { CHROMIUM, skipLine } from "../test/programs";
import { FakeBook, FakeSheet, fakeRun } from "../test/fake-excel";
import { CATALOG_HEADERS, argValue, catalogRow, generateCatalog } from "./lib";

const root = join(__dirname, "..");
const dist = join(root, "dist");

interface PageTimes {
  floorMs: number;
  runMs: number;
  /** Choosing a status filter → the per-SKU view showing the filtered rows. */
  filterStatusMs: number;
  /** Choosing a rule filter as well. */
  filterRuleMs: number;
  /** Scrolling the per-SKU view to its last row → that row on screen. */
  scrollMs: number;
  shown: string;
}

/** Waits until the per-SKU view shows the rows of `filter` ("status|rule|text"), and returns its count text. */
async function filtered(page: Page, filter: string): Promise<string> {
  await page.waitForFunction(
    (f) => document.querySelector('[data-testid="sku-count"]')?.getAttribute("data-filter") === f,
    filter,
    { timeout: 120_000, polling: "raf" },
  );
  return (await page.getByTestId("sku-count").textContent()) ?? "";
}

async function pageTimes(file: string, rows: number): Promise<PageTimes> {
  const { server, url } = await serveStatic(dist);
  const browser = await launch();
  let floorMs = Infinity;
  let runMs = Infinity;
  let filterStatusMs = Infinity;
  let filterRuleMs = Infinity;
  let scrollMs = Infinity;
  let shown = "";
  try {
    for (let rep = 0; rep < 2; rep++) {
      const page = await browser.newPage();
      await page.goto(`${url}?lang=en`);
      const t0 = performance.now();
      await page.getByTestId("file-input").setInputFiles(file);
      await page.waitForFunction(
        () => [...document.querySelectorAll("button")].some((b) => b.textContent === "Check" && !b.disabled),
        undefined,
        { timeout: 600_000, polling: 20 },
      );
      const t1 = performance.now();
      await page.getByRole("button", { name: "Check", exact: true }).click();
      await page.locator('[data-testid="results"], [role="alert"]').first().waitFor({ timeout: 600_000 });
      const alert = page.getByRole("alert");
      if ((await alert.count()) > 0) throw new Error(`the page reported: ${await alert.first().innerText()}`);
      const t2 = performance.now();
      const text = await page.getByTestId("results").innerText();
      if (!text.includes(rows.toLocaleString("en-US")))
        throw new Error(`unexpected results: ${text.slice(0, 200)}`);
      // The per-SKU view: filter by status, then by rule as well, then scroll to the end.
      const view = page.getByTestId("sku-view");
      const t3 = performance.now();
      await view.getByRole("combobox").nth(0).selectOption("NOT_ELIGIBLE");
      await filtered(page, "NOT_ELIGIBLE||");
      const t4 = performance.now();
      const rule = await view
        .getByRole("combobox")
        .nth(1)
        .evaluate((s) => (s as HTMLSelectElement).options[1]?.value ?? "");
      await view.getByRole("combobox").nth(1).selectOption(rule);
      shown = `${await filtered(page, `NOT_ELIGIBLE|${rule}|`)} (not eligible, rule ${rule})`;
      const t5 = performance.now();
      await view.getByRole("combobox").nth(0).selectOption("");
      await view.getByRole("combobox").nth(1).selectOption("");
      await filtered(page, "||");
      const t6 = performance.now();
      await page.getByTestId("sku-list").evaluate((el) => (el.scrollTop = el.scrollHeight));
      await page.waitForFunction(
        (n) => document.querySelector(`[data-testid="sku-list"] [aria-posinset="${n}"]`) !== null,
        rows,
        { timeout: 60_000, polling: "raf" },
      );
      const t7 = performance.now();
      floorMs = Math.min(floorMs, t1 - t0);
      runMs = Math.min(runMs, t2 - t1);
      filterStatusMs = Math.min(filterStatusMs, t4 - t3);
      filterRuleMs = Math.min(filterRuleMs, t5 - t4);
      scrollMs = Math.min(scrollMs, t7 - t6);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return { floorMs, runMs, filterStatusMs, filterRuleMs, scrollMs, shown };
}

/** The per-SKU view's model in-process: rows from a run's summary, and filters over them. */
async function modelTimes(rows: number): Promise<string> {
  const grid: unknown[][] = [CATALOG_HEADERS];
  for (let i = 0; i < rows; i++) grid.push(catalogRow(i));
  const port = new ExcelPort(fakeRun(new FakeBook([new FakeSheet("Catalog", grid)])).run);
  const summary = await runCheck(port, new Engine(), { mode: "compare", lang: "en" });
  if (!summary.ok) throw new Error(summary.message.en);
  const best = (f: () => void) => {
    let ms = Infinity;
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      f();
      ms = Math.min(ms, performance.now() - t0);
    }
    return ms.toFixed(0);
  };
  let list = skuRows(summary);
  const build = best(() => (list = skuRows(summary)));
  const rule = summary.tallies[0]?.ruleId ?? "";
  const status = best(() => filterRows(list, { status: "NOT_ELIGIBLE", rule: "" }));
  const both = best(() => filterRows(list, { status: "NOT_ELIGIBLE", rule }));
  const text = best(() => filterRows(list, { status: "", rule: "", text: "SKU-9" }));
  const fixes = best(() => whatToFix(list));
  const decision = best(() => modeDecision(list, true));
  return `per-SKU model, compare run of ${rows.toLocaleString("en")} rows (in-process, best of 3): rows ${build} ms; filter by status ${status} ms, status + rule ${both} ms, SKU text ${text} ms; what-to-fix ${fixes} ms; mode decision ${decision} ms`;
}

async function portSyncs(rows: number): Promise<string> {
  // The same rows as the catalog the page benchmark opens.
  const grid: unknown[][] = [CATALOG_HEADERS];
  for (let i = 0; i < rows; i++) grid.push(catalogRow(i));
  const book = new FakeBook([new FakeSheet("Catalog", grid)]);
  const port = new ExcelPort(fakeRun(book).run);
  // No chunk option, as the pane runs it: the port reads as many rows as a request allows.
  const chunkRows = port.rowsPerRead(CATALOG_HEADERS.length);
  const t0 = performance.now();
  const result = await runCheck(port, new Engine(), { mode: "semi", lang: "en" });
  if (!result.ok) throw new Error(result.message.en);
  const chunks = Math.ceil(rows / chunkRows);
  return `Office.js port (fake Excel), ${rows.toLocaleString("en")} rows × ${CATALOG_HEADERS.length} columns: ${port.stats.syncs} syncs (bound 2 + 2 × ${chunks} chunks = ${2 + 2 * chunks}), largest request ${(port.stats.largestRequestBytes / 1e6).toFixed(2)} MB, ${port.stats.largestRequestCells.toLocaleString("en")} cells; ${((performance.now() - t0) / 1000).toFixed(2)} s in-process`;
}

function gz(file: string): number {
  return gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
}

async function main(): Promise<void> {
  const rows = Number(argValue("rows") ?? 100_000);
  if (!process.argv.includes("--no-build") || !existsSync(join(dist, "index.html")))
    execFileSync(
      process.execPath,
      [join(root, "node_modules/webpack/bin/webpack.js"), "--mode", "production"],
      {
        cwd: root,
        stdio: "ignore",
      },
    );
  const first = gz("functions.js") + gz("taskpane.js");
  console.log(
    `bundles, gzip -9: Excel pane first load (functions.js ${gz("functions.js").toLocaleString("en")} + taskpane.js ${gz("taskpane.js").toLocaleString("en")}) = ${first.toLocaleString("en")} bytes (${(first / 1024).toFixed(1)} KiB, target ≤ 300 KB); standalone page standalone.js ${gz("standalone.js").toLocaleString("en")} bytes`,
  );
  console.log(await portSyncs(rows));
  console.log(await modelTimes(rows));
  if (!hasChromium()) {
    console.log(skipLine(CHROMIUM, "the standalone page benchmark"));
    return;
  }
  const file = join(mkdtempSync(join(tmpdir(), "ae-bench-pane-")), "catalog.xlsx");
  await generateCatalog(file, rows);
  const p = await pageTimes(file, rows);
  console.log(
    `standalone page, ${rows.toLocaleString("en")} rows: open + read + map (floor) ${(p.floorMs / 1000).toFixed(2)} s; Check → results with the per-SKU view rendered ${(p.runMs / 1000).toFixed(2)} s (${Math.round(rows / (p.runMs / 1000)).toLocaleString("en")} rows/s); ratio run / floor ${(p.runMs / p.floorMs).toFixed(2)}`,
  );
  console.log(
    `per-SKU view in the page, ${rows.toLocaleString("en")} rows: status filter → shown ${p.filterStatusMs.toFixed(0)} ms; + rule filter ${p.filterRuleMs.toFixed(0)} ms (${p.shown}); scroll to the last row → on screen ${p.scrollMs.toFixed(0)} ms`,
  );
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
