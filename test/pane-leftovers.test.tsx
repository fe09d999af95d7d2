/**
 * @jest-environment jsdom
 *
 * The pane's run basis and reconciliation: the rule pack is named once, with the results, as the
 * pack the run used; the Reconcile tab reconciles with the loaded rate card exactly as the CLI's
 * --reconcile --rates does (same statement, same card, same expected fees).
 */
import * as React from "react";
import "@testing-library/jest-dom";
import { act, configure, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TextDecoder } from "node:util";
import { App } from "../src/taskpane/App";
import { FileHost, type KeyValueStore } from "../src/taskpane/file-host";
import { main } from "../src/cli/check";
import { Engine, defaultRulePack } from "../src/engine";
import { runReconcile } from "../src/pipeline/reconcile";
import { fullRowsNote, readRatesCsv } from "../src/pipeline/rates";
import { XlsxPort } from "../src/xlsx/port";
import { makeWorkbook, readBack } from "./xlsx-helpers";

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

async function openPane(name: string, bytes: Uint8Array, lang: "en" | "zh" = "en"): Promise<FileHost> {
  const host = new FileHost(lang, store());
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

const CARD =
  "目的国,重量上限(kg),首重(kg),首重费(元),续重单价(元/kg),续重步长(kg),单票固定费(元)\n*,,0.5,9,7,0.5,1\n";

/** The statement's expected fees (by sheet row) and rows written by a reconciliation. */
async function expectedFees(bytes: Uint8Array): Promise<Array<[number, unknown]>> {
  const { rows } = await readBack(bytes);
  const headerRow = rows.findIndex((r) => r.includes("AE Expected fee (CNY)"));
  const column = (rows[headerRow] as unknown[]).indexOf("AE Expected fee (CNY)");
  return rows
    .slice(headerRow + 1)
    .map((r, i): [number, unknown] => [headerRow + 2 + i, r[column]])
    .filter(([, v]) => v !== undefined && v !== null);
}

test("Reconcile uses the loaded rate card: the same expected fees as the CLI's --reconcile --rates on the same statement and card", async () => {
  const statement = new Uint8Array(readFileSync(join(__dirname, "../assets/samples", "statement.xlsx")));
  const dir = mkdtempSync(join(tmpdir(), "ae-pane-card-"));
  writeFileSync(join(dir, "statement.xlsx"), statement);
  writeFileSync(join(dir, "card.csv"), CARD);
  const cli = async (...extra: string[]) => {
    const out = join(dir, `out-${extra.length}.xlsx`);
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      expect(
        await main([join(dir, "statement.xlsx"), "--reconcile", "--out", out, "--quiet", ...extra]),
      ).toBe(0);
    } finally {
      log.mockRestore();
    }
    return expectedFees(new Uint8Array(readFileSync(out)));
  };
  const withCard = await cli("--rates", join(dir, "card.csv"));
  const withoutCard = await cli();
  // The card changes some semi-managed lines' expected fee (else the comparison proves nothing).
  expect(withCard).not.toEqual(withoutCard);
  expect(withCard.length).toBeGreaterThan(0);

  const host = await openPane("statement.xlsx", statement);
  // The card loaded on the Check tab (the choice is the pane's, not the tab's) …
  fireEvent.click(screen.getByRole("tab", { name: "Check catalog" }));
  await act(async () => {
    fireEvent.change(await screen.findByLabelText("Load rates…"), {
      target: { files: [new File([CARD], "card.csv")] },
    });
  });
  expect(await screen.findByText("Rate card: file 'card.csv', 1 row")).toBeInTheDocument();
  // … is the card the Reconcile tab shows and uses.
  fireEvent.click(screen.getByRole("tab", { name: "Reconcile" }));
  const run = await screen.findByRole("button", { name: "Reconcile" });
  expect(
    within(screen.getByTestId("rates-rules")).getByText("Rate card: file 'card.csv', 1 row"),
  ).toBeInTheDocument();
  await waitFor(() => expect(run).toBeEnabled());
  fireEvent.click(run);
  const results = await screen.findByTestId("reconcile-results", {}, { timeout: 15_000 });
  expect(within(results).getByTestId("rate-card")).toHaveTextContent("Rate card: file 'card.csv', 1 row");
  expect(await expectedFees(host.bytes() as Uint8Array)).toEqual(withCard);
}, 90_000);

const CARD_WITH_FULL =
  "模式,目的国,重量上限(kg),首重(kg),首重费(元),续重单价(元/kg),续重步长(kg),单票固定费(元)\nsemi,*,,0.5,9,7,0.5,1\nfull,DE,,1,8,4,0.5,0\nfull,*,,1,6,3,0.5,0\n";

test("a card's full-managed rows are not used, and the seller is told why in words: pane (on load and with the results) and report", async () => {
  const host = await openPane(
    "catalog.xlsx",
    await makeWorkbook([
      ["SKU", "售价", "类目", "重量(kg)", "长", "宽", "高"],
      ["A1", 100, "服饰", 1.2, 10, 10, 10],
    ]),
  );
  await act(async () => {
    fireEvent.change(screen.getByLabelText("Load rates…"), {
      target: { files: [new File([CARD_WITH_FULL], "card.csv")] },
    });
  });
  const why =
    "2 full-managed rows of the card are not used: the full-managed fulfilment fee is a percentage of the sale amount by category, not a price by weight, so they change no fee";
  expect(await within(screen.getByTestId("rates-rules")).findByText(why)).toBeInTheDocument();
  fireEvent.click(screen.getByRole("radio", { name: "Full-managed" }));
  const check = screen.getByRole("button", { name: "Check" });
  await waitFor(() => expect(check).toBeEnabled());
  fireEvent.click(check);
  const results = await screen.findByTestId("results", {}, { timeout: 15_000 });
  expect(within(results).getByTestId("card-full-rows")).toHaveTextContent(why);
  const { rows } = await readBack(host.bytes() as Uint8Array);
  // The fee is the category's: 5 % commission + 3.8 % apparel fulfilment of 100, not the card's 8 + 4/kg.
  expect(rows[1]?.[rows[0]!.indexOf("AE Fee total (CNY)")]).toBe(8.8);
  expect(rows[1]?.[rows[0]!.indexOf("AE Fee fulfilment (CNY)")]).toBe(3.8);
  const report = (await readBack(host.bytes() as Uint8Array, "AE Report")).rows;
  expect(report.find((r) => r[0] === "Rate card: full-managed rows")?.[1]).toBe(why);
}, 60_000);

const cardOf = (text: string) => {
  const r = readRatesCsv(text, "card.csv");
  if (!r.ok) throw new Error("card not read");
  return r.card;
};

test("the reconciliation report says it too, in Chinese words from the same place", async () => {
  const card = cardOf(CARD_WITH_FULL);
  const port = await XlsxPort.open(
    new Uint8Array(readFileSync(join(__dirname, "../assets/samples", "statement.xlsx"))),
  );
  expect((await runReconcile(port, new Engine(), { mode: "semi", lang: "zh", rates: card })).ok).toBe(true);
  const report = (await readBack(port.output as Uint8Array, "AE Report")).rows;
  const zh = fullRowsNote(card, "zh");
  expect(zh).toBe(
    "运费表中的 2 行全托管行未使用：全托管履约费按类目费率（交易额的百分比）计算，不按重量计价，这些行不影响任何费用",
  );
  expect(report.find((row) => row[0] === "运费表：全托管行")?.[1]).toBe(zh);
  // A card without full-managed rows says nothing of them.
  expect(fullRowsNote(cardOf(CARD), "en")).toBeUndefined();
});

test("in Chinese, every refused option is said in Chinese from its code, the messages joined by '；'", async () => {
  await openPane(
    "catalog.xlsx",
    await makeWorkbook([
      ["SKU", "售价", "重量(kg)", "长", "宽", "高"],
      ["A1", 100, 1.2, 10, 10, 10],
    ]),
    "zh",
  );
  fireEvent.click(await screen.findByRole("button", { name: /费用选项/ }));
  fireEvent.change(await screen.findByRole("textbox", { name: /^汇率/ }), { target: { value: "7,2" } });
  fireEvent.change(screen.getByRole("textbox", { name: /^目的国/ }), { target: { value: "Mars" } });
  expect(
    await screen.findByText(
      "汇率（每单位外币兑人民币）: “7,2”不是数字；目的国（运费表）: “Mars”不是国家（请写 ISO 代码如 DE，或国名如 德国/Germany）",
    ),
  ).toBeInTheDocument();
  expect(screen.getByRole("main").textContent).not.toMatch(/无法识别|is not|; /);
}, 30_000);
