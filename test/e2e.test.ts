/**
 * End to end in real headless Chromium: the built standalone page opens the bundled sample
 * workbook, runs the check, shows the summary, and the downloaded copy has the expected columns
 * and values. The page makes no request outside its own origin.
 *
 * Needs Debian's chromium (`.ci/run` installs it). Without it the test is skipped with a printed
 * line saying what to install, unless AE_E2E=require (CI), where a missing browser fails the run.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { serveStatic } from "../scripts/serve";
import { OFFICE_JS_CDN, launch, useOfficeShim, withoutOfficeJs } from "./browser";
import { CHROMIUM, need } from "./programs";
import { columnOf, readBack } from "./xlsx-helpers";

const root = join(__dirname, "..");
const maybe = need(CHROMIUM, "the end-to-end test of the standalone page") ? describe : describe.skip;

maybe("the standalone page in headless Chromium", () => {
  let server: Server;
  let url: string;
  let browser: Browser;
  beforeAll(async () => {
    const out = mkdtempSync(join(tmpdir(), "ae-e2e-"));
    execFileSync(
      process.execPath,
      [join(root, "node_modules/webpack/bin/webpack.js"), "--mode", "production", "--output-path", out],
      { cwd: root, stdio: "pipe", timeout: 240_000 },
    );
    ({ server, url } = await serveStatic(out));
    browser = await launch();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  test("opens the sample, runs, shows the summary, and the download has the AE columns and values", async () => {
    const page = await browser.newPage({ acceptDownloads: true });
    const foreign: string[] = [];
    const errors: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(url) && !r.url().startsWith("blob:") && !r.url().startsWith("data:"))
        foreign.push(r.url());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${url}?lang=en`);
    await page.getByRole("button", { name: "Try the sample catalog" }).click();
    await page.getByTestId("file-name").filter({ hasText: "catalog-semi.xlsx" }).waitFor();
    const check = page.getByRole("button", { name: "Check", exact: true });
    await check.waitFor();
    await check.click();
    const results = page.getByTestId("results");
    await results.waitFor({ timeout: 30_000 });
    const counts = await page.getByTestId("counts-semi").innerText();
    expect(counts).toContain("Eligible: 6");
    expect(counts).toContain("Not eligible: 12");
    expect(counts).toContain("Incomplete: 2");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download the annotated copy" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("catalog-semi.checked.xlsx");
    const saved = join(mkdtempSync(join(tmpdir(), "ae-dl-")), "out.xlsx");
    await download.saveAs(saved);
    const { rows } = await readBack(new Uint8Array(readFileSync(saved)), "商品清单");
    const at = (sku: string, header: string) => rows.find((r) => r[0] === sku)?.[columnOf(rows, header, 2)];
    expect(columnOf(rows, "AE Status", 2)).toBe(22);
    expect(at("HG-1001", "AE Status")).toBe("ELIGIBLE");
    expect(at("HG-1001", "AE Fee total (CNY)")).toBe(6.4);
    expect(at("HG-1001", "AE Net payout (CNY)")).toBe(33.5);
    expect(rows[1]?.slice(0, 3)).toEqual(["SKU编码", "商品名称", "二级类目"]);

    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  }, 120_000);

  test("the Excel task pane page, over a stand-in for office.js: the functions answer, a check writes, highlights, charts, and Clear removes it", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const officeJs: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("office")) officeJs.push(r.url());
    });
    await useOfficeShim(page);
    await page.goto(`${url}taskpane.html?lang=zh`);
    // The page asked Microsoft's CDN for office.js, and the test answered it with the stand-in.
    expect(officeJs).toEqual([OFFICE_JS_CDN]);
    // The custom functions bundle registered every function, and they compute in the page.
    expect(await page.evaluate(() => Object.keys(window.__functions).length)).toBe(15);
    expect(await page.evaluate(() => window.__functions.FEE!("semi", 100, "", 1.2, 30, 20, 10))).toBe(10);
    // The pane follows Office's display language (zh-CN here).
    const run = page.getByRole("button", { name: "开始检查", exact: true });
    await run.click();
    await page.getByTestId("results").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("counts-semi").innerText()).toContain("符合: 6");
    const after = await page.evaluate(() => {
      const book = window.__book!;
      const sheet = book.sheet("商品清单")!;
      return {
        header: sheet.grid[1]?.[22],
        // The highlight rule (custom); the status fills are cell-value formats of their own.
        highlights: sheet.conditionalFormats.filter((f) => f.type !== "CellValue").length,
        charts: book.sheet("AE Report")?.charts.length,
        state: book.settings.has("AEModes.runState"),
      };
    });
    expect(after).toEqual({ header: "AE 状态", highlights: 1, charts: 1, state: true });
    await page.getByRole("button", { name: "清除结果" }).click();
    await page.getByText(/已删除 \d+ 个 AE 列/).waitFor();
    const cleared = await page.evaluate(() => {
      const book = window.__book!;
      const sheet = book.sheet("商品清单")!;
      return {
        header: sheet.grid[1]?.[22] ?? "",
        highlights: sheet.conditionalFormats.length,
        report: book.sheet("AE Report") !== undefined,
      };
    });
    expect(cleared).toEqual({ header: "", highlights: 0, report: false });
    expect(errors).toEqual([]);
  }, 120_000);

  test("taskpane.html in a plain browser (office.js from the CDN unavailable) says to open it in Excel", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await withoutOfficeJs(page);
    await page.goto(`${url}taskpane.html`);
    const note = page.getByTestId("outside-excel");
    await note.waitFor({ state: "visible", timeout: 30_000 });
    expect(await note.innerText()).toContain("AE Modes runs inside Excel");
    expect(await note.innerText()).toContain("AE 托管模式需在 Excel 中运行");
    expect(errors).toEqual([]);
    // The help page the manifest's SupportUrl names is served with the add-in, in both languages.
    await page.goto(`${url}help.html`);
    expect(await page.locator("#en h1").innerText()).toBe("AE Modes — Help");
    expect(await page.locator("#zh h1").innerText()).toBe("AE 托管模式 — 帮助");
  }, 60_000);
});
