/**
 * `npm run bench:pane`: the task pane's figures.
 *   1. The standalone page in headless Chromium on a 100,000-row × 20-column catalog: time from
 *      choosing the file to the Check button being ready (the floor: the page reads and parses every
 *      cell and maps the header), and from pressing Check to the results on screen (evaluate every
 *      row, write the annotated copy). Best of 2; ratio run / floor.
 *   2. The Office.js port as the pane drives it, over the fake Excel: syncs and the largest
 *      request for the same 100,000 rows.
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
import { hasChromium, launch } from "../test/browser";
import { CHROMIUM, skipLine } from "../test/programs";
import { FakeBook, FakeSheet, fakeRun } from "../test/fake-excel";
import { CATALOG_HEADERS, argValue, catalogRow, generateCatalog } from "./lib";

const root = join(__dirname, "..");
const dist = join(root, "dist");

async function pageTimes(file: string, rows: number): Promise<{ floorMs: number; runMs: number }> {
  const { server, url } = await serveStatic(dist);
  const browser = await launch();
  let floorMs = Infinity;
  let runMs = Infinity;
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
      floorMs = Math.min(floorMs, t1 - t0);
      runMs = Math.min(runMs, t2 - t1);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return { floorMs, runMs };
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
  if (!hasChromium()) {
    console.log(skipLine(CHROMIUM, "the standalone page benchmark"));
    return;
  }
  const file = join(mkdtempSync(join(tmpdir(), "ae-bench-pane-")), "catalog.xlsx");
  await generateCatalog(file, rows);
  const { floorMs, runMs } = await pageTimes(file, rows);
  console.log(
    `standalone page, ${rows.toLocaleString("en")} rows: open + read + map (floor) ${(floorMs / 1000).toFixed(2)} s; Check → results ${(runMs / 1000).toFixed(2)} s (${Math.round(rows / (runMs / 1000)).toLocaleString("en")} rows/s); ratio run / floor ${(runMs / floorMs).toFixed(2)}`,
  );
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
