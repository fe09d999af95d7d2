/**
 * The task pane inside Excel. It shares its runtime with the custom functions (one engine and
 * rule pack), and talks to the workbook through {@link ExcelHost}. Opened anywhere else (a plain
 * browser, where office.js reports no host or did not load), the page says to open it in Excel.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { App, themeFor } from "./App";
import { ExcelHost } from "./excel-host";

function outsideExcel(): void {
  document.getElementById("outside")?.removeAttribute("hidden");
}

if (typeof Office === "undefined" || typeof Office.onReady !== "function") outsideExcel();
else
  void Office.onReady((info) => {
    const root = document.getElementById("root");
    if (String(info?.host ?? "") !== "Excel" || typeof Excel === "undefined" || !root) return outsideExcel();
    createRoot(root).render(<App host={new ExcelHost()} theme={themeFor(officeTheme())} />);
  });

function officeTheme(): Office.OfficeTheme | undefined {
  try {
    return Office.context?.officeTheme;
  } catch {
    return undefined;
  }
}
