/**
 * @jest-environment jsdom
 *
 * The pane's "Load rates…" and "Load rule update…": checked with the engine's
 * messages, used by the run, and remembered in the host's settings (the browser's here).
 */
import * as React from "react";
import "@testing-library/jest-dom";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { App } from "../src/taskpane/App";
import { FileHost, type KeyValueStore } from "../src/taskpane/file-host";
import { TextDecoder } from "node:util";
import { columnOf, makeWorkbook, readBack } from "./xlsx-helpers";

function store(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

beforeAll(() => {
  // Browsers have TextDecoder (src/csv decodes the card file with it); jsdom does not.
  (globalThis as { TextDecoder?: unknown }).TextDecoder ??= TextDecoder;
  (globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
});

const upload = (label: string, name: string, text: string) =>
  act(async () => {
    fireEvent.change(screen.getByLabelText(label), { target: { files: [new File([text], name)] } });
  });

test("load a rate card and a rule update; the run uses both and the choice is remembered", async () => {
  const kv = store();
  const host = new FileHost("en", kv);
  await host.open(
    "catalog.xlsx",
    await makeWorkbook([
      ["SKU", "售价", "重量(kg)", "长", "宽", "高", "目的国"],
      ["A1", 100, 1.23, 10, 10, 10, "DE"],
    ]),
  );
  await act(async () => {
    render(<App host={host} generation={1} />);
  });

  // A bad card: every problem shown, nothing remembered.
  await upload(
    "Load rates…",
    "bad.csv",
    "目的国,首重(kg),首重费(元),续重单价(元/kg),续重步长(kg)\nAtlantis,1,5,3,0.5\n",
  );
  expect(
    await screen.findByText(/A2: destination 'Atlantis' is not a known country/, {}, { timeout: 10_000 }),
  ).toBeInTheDocument();
  await upload(
    "Load rates…",
    "rates.csv",
    "目的国,重量上限(kg),首重(kg),首重费(元),续重单价(元/kg),续重步长(kg),单票固定费(元)\nDE,2,0.5,12,20,0.1,1\n*,,1,5,3,0.5,0\n",
  );
  expect(
    await screen.findByText("Rate card: file 'rates.csv', 2 rows", {}, { timeout: 10_000 }),
  ).toBeInTheDocument();
  await upload(
    "Load rule update…",
    "bad.json",
    JSON.stringify({ rules: { "FEE-SEMI-BAS": { rate: "3%" } } }),
  );
  expect(
    await screen.findByText(
      /rules\.FEE-SEMI-BAS: unknown rule id \(did you mean 'FEE-SEMI-BASE'\?\)/,
      {},
      { timeout: 10_000 },
    ),
  ).toBeInTheDocument();
  await upload(
    "Load rule update…",
    "rules.json",
    JSON.stringify({ rules: { "FEE-SEMI-BASE": { rate: "3%" } } }),
  );
  expect(
    await screen.findByText(
      /Rule update: rules\.json \(1 changes: FEE-SEMI-BASE\.rate 0\.035 → 0\.03\)/,
      {},
      { timeout: 10_000 },
    ),
  ).toBeInTheDocument();
  // Remembered with the page's settings.
  expect([...kv.map.values()].some((v) => v.includes("rates.csv") && v.includes("rules.json"))).toBe(true);

  const check = await screen.findByRole("button", { name: "Check" });
  await waitFor(() => expect(check).toBeEnabled());
  fireEvent.click(check);
  const results = await screen.findByTestId("results", {}, { timeout: 15_000 });
  // What the run used, with its results.
  expect(within(results).getByTestId("rule-update")).toHaveTextContent(
    "Rule update: file 'rules.json': FEE-SEMI-BASE.rate 0.035 → 0.03",
  );
  expect(within(results).getByTestId("rate-card")).toHaveTextContent("Rate card: file 'rates.csv', 2 rows");
  const rows = (
    await readBack(host.bytes() as Uint8Array, "Sheet1").catch(() => readBack(host.bytes() as Uint8Array))
  ).rows;
  // DE 0.5–2 kg: 12 + 8 × 0.1 × 20 + 1 = 29; base 3 % of 100 = 3.00
  expect(rows[1]?.[columnOf(rows, "AE Fee fulfilment (CNY)")]).toBe(29);
  expect(rows[1]?.[columnOf(rows, "AE Fee base (CNY)")]).toBe(3);
  const report = (await readBack(host.bytes() as Uint8Array, "AE Report")).rows;
  expect(report.find((r) => r[0] === "Rule updates")?.[1]).toBe(
    "file 'rules.json': FEE-SEMI-BASE.rate 0.035 → 0.03",
  );
  expect(report.find((r) => r[0] === "Rate card")?.[1]).toBe("file 'rates.csv', 2 rows");
}, 60_000);
