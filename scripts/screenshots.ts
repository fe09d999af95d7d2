/**
 * `npm run screenshots`: the standalone pane in headless Chromium, in English and in Chinese,
 * after a check of the bundled sample, saved to docs/pane-en.png and docs/pane-zh.png (and the
 * reconciliation to docs/reconcile-*.png). Builds dist/ first. Chinese text needs a CJK font on
 * the machine (Debian: fonts-noto-cjk).
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { serveStatic } from "./serve";
import { hasChromium, launch, useOfficeShim } from "../test/browser";
import { CHROMIUM } from "../test/programs";

async function main(): Promise<void> {
  if (!hasChromium()) {
    // Said before the build, not as a stack trace after it.
    console.error(`npm run screenshots needs Chromium, which is not installed: ${CHROMIUM.install}`);
    process.exit(2);
  }
  const root = join(__dirname, "..");
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
      const page = await browser.newPage({ viewport: { width: 420, height: 900 }, deviceScaleFactor: 1 });
      await page.goto(`${url}?lang=${lang}`);
      const sample = lang === "en" ? "Try the sample catalog" : "试用示例商品表";
      await page.getByRole("button", { name: sample }).click();
      await page.getByTestId("file-name").waitFor();
      const run = lang === "en" ? "Check" : "开始检查";
      await page.getByRole("button", { name: run, exact: true }).click();
      await page.getByTestId("results").waitFor();
      await page.mouse.move(0, 0);
      await page.screenshot({ path: join(root, "docs", `pane-${lang}.png`), fullPage: true });

      await page
        .getByRole("button", { name: lang === "en" ? "Try the sample statement" : "试用示例对账单" })
        .click();
      await page.getByTestId("file-name").filter({ hasText: "statement.xlsx" }).waitFor();
      await page.getByRole("tab", { name: lang === "en" ? "Reconcile" : "对账" }).click();
      const reconcile = lang === "en" ? "Reconcile" : "开始对账";
      await page.getByRole("button", { name: reconcile, exact: true }).click();
      await page.getByTestId("reconcile-results").waitFor();
      await page.mouse.move(0, 0);
      await page.screenshot({ path: join(root, "docs", `reconcile-${lang}.png`), fullPage: true });
      await page.close();
    }
    // The mapping editor, expanded, before a run.
    const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
    await page.goto(`${url}?lang=en`);
    await page.getByRole("button", { name: "Try the sample catalog" }).click();
    await page.getByTestId("file-name").waitFor();
    await page.getByRole("button", { name: /Columns/ }).click();
    await page.getByRole("combobox", { name: "Field G" }).waitFor();
    await page.waitForTimeout(800); // the accordion's opening animation
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(root, "docs", "mapping-en.png"), fullPage: true });
    await page.close();
    // The task pane page as Excel loads it, over the test's stand-in for office.js (zh-CN).
    const excel = await browser.newPage({ viewport: { width: 360, height: 900 } });
    await useOfficeShim(excel);
    await excel.goto(`${url}taskpane.html?lang=zh`);
    await excel.getByRole("button", { name: "开始检查", exact: true }).click();
    await excel.getByTestId("results").waitFor();
    await excel.mouse.move(0, 0);
    await excel.screenshot({ path: join(root, "docs", "excel-pane-zh.png"), fullPage: true });
    await excel.close();
  } finally {
    await browser.close();
    server.close();
  }
  console.log(
    "docs/pane-en.png, docs/pane-zh.png, docs/reconcile-en.png, docs/reconcile-zh.png, docs/mapping-en.png, docs/excel-pane-zh.png written",
  );
}

void main();
