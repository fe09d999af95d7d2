/**
 * Headless Chromium for the end-to-end test, the screenshots and the pane benchmark: Debian's
 * /usr/bin/chromium driven by playwright-core (no browser download), with the flags that keep it
 * off the network.
 */
import { buildSync } from "esbuild";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { CHROMIUM, find } from "./programs";

export function hasChromium(): boolean {
  return find(CHROMIUM) !== undefined;
}

export function launch(): Promise<Browser> {
  const executablePath = find(CHROMIUM);
  if (!executablePath) throw new Error(`Chromium is not installed: ${CHROMIUM.install}`);
  return chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Serves test/office-shim.ts (built for the browser) in place of office.js on this page, so the
 * real task pane page loads over the fake Excel holding the sample.
 */
export async function useOfficeShim(page: Page): Promise<void> {
  const shim = buildSync({
    entryPoints: [join(__dirname, "office-shim.ts")],
    bundle: true,
    write: false,
    platform: "browser",
    format: "iife",
    logLevel: "silent",
  }).outputFiles[0]!.text;
  await page.route("**/office-js/office.js", (route) =>
    route.fulfill({ status: 200, contentType: "text/javascript", body: shim }),
  );
}
