/**
 * The task pane inside Excel. It shares its runtime with the custom functions (one engine and
 * rule pack), and talks to the workbook through {@link ExcelHost}.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { ExcelHost } from "./excel-host";

Office.onReady(() => {
  const root = document.getElementById("root");
  if (root) createRoot(root).render(<App host={new ExcelHost()} />);
});
