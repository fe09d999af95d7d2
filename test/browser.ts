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

/** Where taskpane.html loads office.js from (Microsoft's CDN, as Microsoft requires). */
export const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/**
 * Serves test/office-shim.ts (built for the browser) in place of office.js from Microsoft's CDN
 * on this page, so the real task pane page loads over the fake Excel holding the sample, and no
 * request leaves the machine.
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
  await page.route(OFFICE_JS_CDN, (route) =>
    route.fulfill({ status: 200, contentType: "text/javascript", body: shim }),
  );
}

/** Answers the CDN's office.js with a failure, as a machine without Microsoft's CDN would see it. */
export async function withoutOfficeJs(page: Page): Promise<void> {
  await page.route(OFFICE_JS_CDN, (route) => route.abort("internetdisconnected"));
}
