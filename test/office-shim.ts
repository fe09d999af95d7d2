/**
 * Stands in for office.js when the e2e test loads the real task pane page (taskpane.html) in
 * Chromium: `Office` (onReady, display language from `?lang=`), `CustomFunctions` (a registry the
 * test calls) and `Excel` over the fake workbook (test/fake-excel.ts) holding the sample catalog.
 * Built for the browser by esbuild in test/e2e.test.ts; never shipped.
 */
import { fakeBookOf, fakeExcel, type FakeBook } from "./fake-excel";

declare global {
  interface Window {
    __book?: FakeBook;
    __functions: Record<string, (...args: unknown[]) => unknown>;
  }
}

const lang = new URLSearchParams(window.location.search).get("lang") === "zh" ? "zh-CN" : "en-US";
window.__functions = {};
class CustomFunctionError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message ?? code);
  }
}
Object.assign(window, {
  CustomFunctions: {
    associate: (id: string, fn: (...args: unknown[]) => unknown) => (window.__functions[id] = fn),
    Error: CustomFunctionError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
  },
});
const ready = fetch("samples/catalog-semi.xlsx")
  .then((r) => r.arrayBuffer())
  .then((b) => fakeBookOf(new Uint8Array(b)))
  .then((book) => {
    window.__book = book;
    Object.assign(window, { Excel: fakeExcel(book) });
  });
Object.assign(window, {
  Office: {
    context: { displayLanguage: lang },
    onReady: (callback?: (info: { host: string }) => void) =>
      ready.then(() => {
        callback?.({ host: "Excel" });
        return { host: "Excel" };
      }),
  },
});
