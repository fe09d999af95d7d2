/**
 * @jest-environment jsdom
 *
 * The pane's run basis: the rule pack is named once, with the results, as the pack the run used.
 */
import * as React from "react";
import "@testing-library/jest-dom";
import { act, configure, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { TextDecoder } from "node:util";
import { App } from "../src/taskpane/App";
import { FileHost, type KeyValueStore } from "../src/taskpane/file-host";
import { defaultRulePack } from "../src/engine";
import { makeWorkbook } from "./xlsx-helpers";

configure({ asyncUtilTimeout: 10_000 });

function store(): KeyValueStore {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

beforeAll(() => {
  (globalThis as { TextDecoder?: unknown }).TextDecoder ??= TextDecoder;
  (globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
});

async function openPane(name: string, bytes: Uint8Array): Promise<FileHost> {
  const host = new FileHost("en", store());
  await host.open(name, bytes);
  await act(async () => {
    render(<App host={host} generation={1} />);
  });
  return host;
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

test("the rule pack is named once, with the results, and it is the pack the run used (an AE Rules sheet's version)", async () => {
  const base = defaultRulePack();
  await openPane(
    "catalog.xlsx",
    await makeWorkbook(
      [
        ["SKU", "售价", "重量(kg)", "长", "宽", "高"],
        ["A1", 100, 1.2, 10, 10, 10],
      ],
      {
        "AE Rules": [
          ["version", "", "2026.11-seller"],
          ["FEE-SEMI-BASE", "rate", "3%"],
        ],
      },
    ),
  );
  const check = await screen.findByRole("button", { name: "Check" });
  await waitFor(() => expect(check).toBeEnabled());
  // Before a run, the pane names no pack (the controls say what will be loaded).
  expect(occurrences(document.body.textContent ?? "", base.id)).toBe(0);
  fireEvent.click(check);
  const results = await screen.findByTestId("results", {}, { timeout: 15_000 });
  expect(within(results).getByTestId("rules-as-of")).toHaveTextContent(
    `Rules ${base.id} 2026.11-seller, as of ${base.effectiveDate}`,
  );
  expect(within(results).getByTestId("rule-update")).toHaveTextContent(
    `Rule update: sheet 'AE Rules': version ${base.version} → 2026.11-seller; FEE-SEMI-BASE.rate 0.035 → 0.03`,
  );
  expect(within(results).getByTestId("rate-card")).toHaveTextContent(
    "Rate card: default (rule pack FEE-SEMI-FULFIL), 1 row",
  );
  // Once on the whole pane.
  expect(occurrences(document.body.textContent ?? "", base.id)).toBe(1);
}, 60_000);
