/**
 * `npm run screenshots`: the standalone pane in headless Chromium at Excel's pane width, 320 × 800,
 * in English and in Chinese, after a check of the bundled sample (docs/pane-*.png), a compare of
 * both modes (docs/compare-*.png) and a reconciliation of the sample statement
 * (docs/reconcile-*.png), each with the results scrolled into view; the mapping editor
 * (docs/mapping-en.png) and the Excel task pane page over the test's stand-in for office.js
 * (docs/excel-pane-zh.png). Builds dist/ first. Chinese text needs a CJK font on the machine
 * (Debian: fonts-noto-cjk).
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { serveStatic } from "./serve";
import { hasChromium, launch, useOfficeShim } from "../test/browser";
import { CHROMIUM } from "../test/programs";

const VIEWPORT = { width: 320, height: 800 };

const WORDS = {
  en: {
    sample: "Try the sample catalog",
    statement: "Try the sample statement",
    check: "Check",
    compare: "Compare both",
    reconcile: "Reconcile",
  },
  zh: {
    sample: "试用示例商品表",
    statement: "试用示例对账单",
    check: "开始检查",
    compare: "两种模式对比",
    reconcile: "开始对账",
  },
} as const;

/** Scrolls the results' heading to the top and saves the 320 × 800 view. */
async function shot(page: Page, testId: string, path: string): Promise<void> {
  await page.getByTestId(testId).evaluate((el) => el.scrollIntoView({ block: "start" }));
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
  await page.screenshot({ path });
}

async function main(): Promise<void> {
  if (!hasChromium()) {
    // Said before the build, not as a stack trace after it.
    console.error(`npm run screenshots needs Chromium, which is not installed: ${CHROMIUM.install}`);
    process.exit(2);
  }
  const root = join(__dirname, "..");
  const docs = join(root, "docs");
  execFileSync(
    process.execPath,
    [join(root, "node_modules/webpack/bin/webpack.js"), "--mode", "production"],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
  const { server, url } = await serveStatic(join(root, "dist"));
  const browser = await launch();
  try {
    for (const lang of ["en", "zh"] as const) {
      const w = WORDS[lang];
      const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 2 });
      await page.goto(`${url}?lang=${lang}`);
      await page.getByRole("button", { name: w.sample }).click();
      await page.getByTestId("file-name").waitFor();
      const run = page.getByRole("button", { name: w.check, exact: true });
      await run.click();
      await page.getByTestId("results").waitFor();
      await shot(page, "results", join(docs, `pane-${lang}.png`));

      await page.getByRole("radio", { name: w.compare }).check();
      await run.click();
      await page.getByTestId("decision").waitFor();
      await shot(page, "decision", join(docs, `compare-${lang}.png`));

      await page.getByRole("button", { name: w.statement }).click();
      await page.getByTestId("file-name").filter({ hasText: "statement.xlsx" }).waitFor();
      // Opening a statement lands on Reconcile.
      await page.getByRole("button", { name: w.reconcile, exact: true }).click();
      await page.getByTestId("reconcile-results").waitFor();
      await shot(page, "reconcile-results", join(docs, `reconcile-${lang}.png`));
      await page.close();
    }
    // The mapping editor, expanded, before a run.
    const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 2 });
    await page.goto(`${url}?lang=en`);
    await page.getByRole("button", { name: "Try the sample catalog" }).click();
    await page.getByTestId("file-name").waitFor();
    await page.getByRole("button", { name: /Columns/ }).click();
    const weight = page.getByRole("combobox", { name: /^G · / });
    await weight.waitFor();
    await page.waitForTimeout(800); // the accordion's opening animation
    await weight.evaluate((el) => el.scrollIntoView({ block: "center" }));
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(docs, "mapping-en.png") });
    await page.close();
    // The task pane page as Excel loads it, over the test's stand-in for office.js (zh-CN).
    const excel = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 2 });
    await useOfficeShim(excel);
    await excel.goto(`${url}taskpane.html?lang=zh`);
    await excel.getByRole("button", { name: "开始检查", exact: true }).click();
    await excel.getByTestId("results").waitFor();
    await shot(excel, "results", join(docs, "excel-pane-zh.png"));
    await excel.close();
  } finally {
    await browser.close();
    server.close();
  }
  console.log(
    "docs/{pane,compare,reconcile}-{en,zh}.png, docs/mapping-en.png, docs/excel-pane-zh.png written (320 × 800)",
  );
}

void main();
