/**
 * @jest-environment jsdom
 *
 * The standalone page opening a CSV file: "Open workbook…" takes a GBK or UTF-8 CSV, the check
 * runs over it as over a workbook, and the download is an .xlsx copy with the AE columns. A bad
 * CSV is refused in the page's language.
 */
import * as React from "react";
import "@testing-library/jest-dom";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from "node:util";
import { FileHost, type KeyValueStore } from "../src/taskpane/file-host";
import { Standalone } from "../src/taskpane/standalone";
import { columnOf, readBack } from "./xlsx-helpers";

const gbk = new Uint8Array(readFileSync(join(__dirname, "fixtures/csv/catalog-semi.gbk.csv")));

function store(): KeyValueStore {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

/** A File whose arrayBuffer() jsdom lacks. */
function file(bytes: Uint8Array, name: string): File {
  const f = new File([bytes as BlobPart], name);
  Object.defineProperty(f, "arrayBuffer", { value: async () => bytes.slice().buffer });
  return f;
}

beforeAll(() => {
  // Every browser has these; Jest's jsdom environment does not, so Node's stand in.
  Object.assign(globalThis, { TextDecoder: NodeTextDecoder, TextEncoder: NodeTextEncoder });
  (globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
});

test("the page opens the GBK CSV Chinese Excel writes, checks it, and offers an .xlsx copy", async () => {
  const host = new FileHost("en", store());
  render(<Standalone host={host} />);
  fireEvent.change(screen.getByTestId("file-input"), { target: { files: [file(gbk, "商品清单.csv")] } });
  expect(await screen.findByTestId("file-name")).toHaveTextContent("商品清单.csv");
  const check = await screen.findByRole("button", { name: "Check" });
  await waitFor(() => expect(check).toBeEnabled());
  fireEvent.click(check);
  await screen.findByTestId("results", {}, { timeout: 20_000 });
  await waitFor(() => expect(screen.getByTestId("download")).toBeEnabled());
  // The extension stays in the name (a 商品清单.xlsx beside it keeps its own copy).
  expect(host.downloadName()).toBe("商品清单.csv.checked.xlsx");
  const { rows, wb } = await readBack(host.bytes() as Uint8Array);
  expect(wb.worksheets.map((w) => w.name)).toEqual(["商品清单", "AE Report", "AE Meta"]);
  const status = columnOf(rows, "AE Status", 2);
  expect(status).toBeGreaterThan(0);
  expect(rows.find((r) => r?.[0] === "HG-1002")?.[status]).toBe("ELIGIBLE");
  expect(rows.find((r) => r?.[0] === "HG-1002")?.[3]).toBe(69);
}, 40_000);

test("a bad CSV is refused in the page's language and nothing is opened", async () => {
  const host = new FileHost("zh", store());
  render(<Standalone host={host} />);
  const bad = new TextEncoder().encode('SKU编码,备注\nA1,"没有结束\n');
  fireEvent.change(screen.getByTestId("file-input"), { target: { files: [file(bad, "坏.csv")] } });
  expect(await screen.findByText(/第 2 行：引号内的字段没有结束/)).toBeInTheDocument();
  expect(host.hasWorkbook()).toBe(false);
});
