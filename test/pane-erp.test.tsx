/**
 * @jest-environment jsdom
 *
 * The pane over an ERP-style export (issue 13): the rows shown before the run are the rows the run
 * counts (totals and blank rows left out), and prices in USD ask for the exchange rate next to the
 * option before the run.
 */
import * as React from "react";
import "@testing-library/jest-dom";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import ExcelJS from "exceljs";
import { App } from "../src/taskpane/App";
import { FileHost, type KeyValueStore } from "../src/taskpane/file-host";

function store(): KeyValueStore {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

beforeAll(() => {
  (globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
});

async function erpBook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("商品列表");
  ws.addRow(["店小秘 商品导出"]);
  ws.mergeCells("A1:F1");
  ws.addRow([
    "Sku商家编码",
    "商品名称",
    "二级类目",
    "零售价(USD)",
    "包装重量(g)",
    "长(cm)",
    "宽(cm)",
    "高(cm)",
  ]);
  ws.addRow(["A-1", "收纳盒", "家居园艺", 12.5, 200, "25*7*3", null, null]);
  ws.addRow(["A-2", null, null, 12.5, 200, "25*7*3", null, null]);
  ws.mergeCells("B3:B4");
  ws.mergeCells("C3:C4");
  ws.addRow([]);
  ws.addRow([null, "合计", null, 25]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

test("the pane counts 2 rows before the run, asks for the rate of USD prices, and the run counts the same", async () => {
  const host = new FileHost("en", store());
  await host.open("erp.xlsx", await erpBook());
  await act(async () => {
    render(<App host={host} generation={1} />);
  });
  const warning = await screen.findByText(/Prices are in USD: enter the exchange rate \(CNY per USD\)/);
  expect(warning.textContent).toContain("D 零售价(USD)");
  fireEvent.click(screen.getByRole("button", { name: /Columns/ }));
  expect(await screen.findByText(/, 2 data rows/)).toBeInTheDocument();
  fireEvent.click(screen.getByRole("button", { name: /Fee options/ }));
  fireEvent.change(screen.getByRole("textbox", { name: /^Exchange rate/ }), { target: { value: "7.1" } });
  await waitFor(() => expect(screen.queryByText(/Prices are in USD/)).toBeNull());
  const check = screen.getByRole("button", { name: "Check" });
  await waitFor(() => expect(check).toBeEnabled());
  fireEvent.click(check);
  const results = await screen.findByTestId("results", {}, { timeout: 15_000 });
  expect(results.textContent).toMatch(/(^|\D)2 rows in/);
  expect(results.textContent).toMatch(/Incomplete: 0/);
}, 30_000);
