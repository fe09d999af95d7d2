/**
 * @jest-environment jsdom
 *
 * The pane (React + Fluent UI) over the standalone page's host, with real workbooks: mapping
 * edits, a run with progress and results, cancel, clear, reconcile, the profile form, errors, and
 * both languages. The same components run in Excel over the Office.js host.
 */
import * as React from "react";
import "@testing-library/jest-dom";
import { act, configure, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { App } from "../src/taskpane/App";
import { FileHost, type KeyValueStore } from "../src/taskpane/file-host";
import { Standalone } from "../src/taskpane/standalone";
import { langOf, t } from "../src/taskpane/strings";
import { engine } from "../src/functions/core";
import { columnOf, makeWorkbook, readBack } from "./xlsx-helpers";

const sample = (name: string) => new Uint8Array(readFileSync(join(__dirname, "../assets/samples", name)));

function store(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

async function openPane(
  bytes: Uint8Array | undefined,
  lang: "en" | "zh" = "en",
  name = "catalog.xlsx",
): Promise<{ host: FileHost; kv: ReturnType<typeof store> }> {
  const kv = store();
  const host = new FileHost(lang, kv);
  if (bytes) await host.open(name, bytes);
  await act(async () => {
    render(<App host={host} generation={1} />);
  });
  return { host, kv };
}

/** Waits until the mapping preview has read the sheet (the Check button is enabled). */
async function ready(label = "Check"): Promise<HTMLElement> {
  const button = await screen.findByRole("button", { name: label });
  await waitFor(() => expect(button).toBeEnabled());
  return button;
}

// findBy / waitFor wait up to 10 s, not 1 s: a loaded 2-core machine renders Fluent slowly.
configure({ asyncUtilTimeout: 10_000 });

beforeAll(() => {
  // Fluent's Table and tabs ask for these; jsdom has none.
  (globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
});

test("the language follows Office's display language, every visible string in Chinese", async () => {
  expect(langOf("zh-CN")).toBe("zh");
  expect(langOf("en-US")).toBe("en");
  await openPane(sample("catalog-semi.xlsx"), "zh");
  for (const key of ["tabCheck", "tabReconcile", "tabProfile"] as const)
    expect(screen.getByRole("tab", { name: t("zh", key) })).toBeInTheDocument();
  await ready(t("zh", "run"));
  expect(screen.getByText(t("zh", "modeSemi"))).toBeInTheDocument();
  expect(screen.queryByText("Semi-managed")).toBeNull();
  // The switch at the top turns the pane English.
  fireEvent.click(screen.getByRole("button", { name: "English" }));
  expect(screen.getByRole("tab", { name: "Check catalog" })).toBeInTheDocument();
});

test("a run shows progress, then counts per status and issues by rule, and writes the annotated copy", async () => {
  const { host } = await openPane(sample("catalog-semi.xlsx"));
  fireEvent.click(await ready());
  // The sheet picker offers the user's sheets, not the add-in's own AE Profile.
  const picker = screen.getByRole("combobox", { name: "Sheet" });
  expect([...picker.querySelectorAll("option")].map((o) => o.textContent)).toEqual([
    "(first sheet with a header row)",
    "商品清单",
    "说明",
  ]);
  const results = await screen.findByTestId("results", {}, { timeout: 15_000 });
  const counts = within(results).getByTestId("counts-semi");
  // The sample's known verdicts (the pipeline test checks them row by row).
  expect(within(counts).getByText("Eligible: 6")).toBeInTheDocument();
  expect(within(counts).getByText("Not eligible: 12")).toBeInTheDocument();
  expect(within(counts).getByText("Incomplete: 2")).toBeInTheDocument();
  // Rules in words, with the id as a detail (not a hover title).
  const byRule = within(results).getByTestId("issues-by-rule");
  expect(within(byRule).getAllByText("Rule id: SEMI-K-DUP-LISTING").length).toBeGreaterThan(0);
  expect(byRule.textContent).toContain(engine.pack.rules["SEMI-K-DUP-LISTING"].title.en);
  expect(byRule.querySelector("[title]")).toBeNull();
  // The pack's version and date are with the results.
  expect(within(results).getByTestId("rules-as-of")).toHaveTextContent(
    `Rules ${engine.pack.id} ${engine.pack.version}, as of ${engine.pack.effectiveDate}`,
  );
  // The per-SKU view shows the fee of a SKU on screen.
  const list = within(results).getByTestId("sku-list");
  const first = within(list).getByText("HG-1001").closest("button") as HTMLElement;
  expect(first).toHaveTextContent("Eligible");
  expect(first).toHaveTextContent("Fee ¥6.40");
  // Focus moved to the results, and the live region says what happened.
  expect(document.activeElement).toBe(within(results).getByRole("heading", { name: "Results" }));
  expect(screen.getByRole("status")).toHaveTextContent("Check finished: 21 rows. Eligible 6,");
  expect(host.changed).toBe(true);
  const { rows } = await readBack(host.bytes() as Uint8Array, "商品清单");
  expect(columnOf(rows, "AE Status", 2)).toBe(22);
  expect(rows[1]?.slice(0, 3)).toEqual(["SKU编码", "商品名称", "二级类目"]);
}, 30_000);

test("editing the mapping: a column set to 'not used' names the rules that will not be checked, and the run follows it", async () => {
  const { host, kv } = await openPane(sample("catalog-semi.xlsx"));
  await ready();
  expect(screen.getByText("Every rule of this mode has its columns.")).toBeInTheDocument();
  fireEvent.click(screen.getByRole("button", { name: /Columns/ }));
  // The field's accessible name is its visible label: the column and its header.
  const weight = await screen.findByRole("combobox", { name: /^G · / });
  expect(weight).toHaveValue("weight");
  fireEvent.change(weight, { target: { value: "" } });
  const missing = await screen.findByTestId("missing-fields");
  expect(within(missing).getByText("weight")).toBeInTheDocument();
  expect(missing.textContent).toMatch(/SEMI-K-WEIGHT/);
  expect(missing.textContent).toContain(engine.pack.rules["SEMI-K-WEIGHT"].title.en);
  // The choice is remembered for this workbook.
  await waitFor(() => expect(kv.map.get("ae-modes.settings.catalog.xlsx")).toMatch(/"重量\(g\)":null/));
  fireEvent.click(await ready());
  await screen.findByTestId("results", {}, { timeout: 15_000 });
  expect(screen.getByTestId("issues-by-rule").textContent).not.toMatch(/SEMI-K-WEIGHT\b/);
  // And back: "Reset to detected" drops the override.
  fireEvent.click(screen.getByRole("button", { name: "Reset to detected" }));
  await waitFor(() => expect(screen.getByRole("combobox", { name: /^G · / })).toHaveValue("weight"), {
    timeout: 10_000,
  });
  expect(host.changed).toBe(true);
}, 30_000);

test("Cancel during a run stops it between chunks and nothing is written", async () => {
  const header = ["SKU", "售价", "重量(kg)", "长(cm)", "宽(cm)", "高(cm)", "类目"];
  const rows: unknown[][] = [header];
  for (let i = 0; i < 12_000; i++) rows.push([`S${i}`, 100, 1.2, 30, 20, 10, "家居"]);
  const { host } = await openPane(await makeWorkbook(rows));
  fireEvent.click(await ready());
  const cancel = await screen.findByRole("button", { name: "Cancel" });
  await screen.findByText(/\/ 12,000 rows/);
  fireEvent.click(cancel);
  await screen.findByText("Cancelled: nothing was written.", {}, { timeout: 15_000 });
  expect(screen.queryByTestId("results")).toBeNull();
  expect(host.changed).toBe(false);
}, 60_000);

test("Clear results removes what the run wrote and only that", async () => {
  const bytes = sample("catalog-semi.xlsx");
  const { host } = await openPane(bytes);
  fireEvent.click(await ready());
  await screen.findByTestId("results", {}, { timeout: 15_000 });
  fireEvent.click(screen.getByRole("button", { name: "Clear results" }));
  await screen.findByText(/Removed 14 AE columns/);
  expect(host.bytes()).toBe(bytes);
  expect(screen.queryByTestId("results")).toBeNull();
}, 30_000);

test("errors in plain words, nothing written: a user column named like an output, and a file that is not a workbook", async () => {
  const { host } = await openPane(
    await makeWorkbook([
      ["SKU", "售价", "重量(kg)", "长", "宽", "高", "AE Status"],
      ["A1", 100, 1, 30, 20, 10, "mine"],
    ]),
  );
  expect(await screen.findByText(/is your own column named 'AE Status'/)).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Check" })).toBeDisabled();
  expect(host.changed).toBe(false);
  await expect(host.open("notes.xlsx", new Uint8Array(Buffer.from("not a zip")))).rejects.toMatchObject({
    kind: "file",
  });
});

test("the standalone page: a file that is not a workbook is refused in plain words, and a workbook opens", async () => {
  const host = new FileHost("en", store());
  render(<Standalone host={host} />);
  expect(screen.getByText(/nothing is uploaded/)).toBeInTheDocument();
  expect(screen.getByTestId("download")).toBeDisabled();
  const input = screen.getByTestId("file-input");
  const notes = new File(["just some notes"], "notes.xlsx");
  Object.defineProperty(notes, "arrayBuffer", { value: async () => Buffer.from("just some notes") });
  fireEvent.change(input, { target: { files: [notes] } });
  expect(await screen.findByText(/This file cannot be read/)).toBeInTheDocument();
  expect(host.hasWorkbook()).toBe(false);
  const bytes = sample("catalog-semi.xlsx");
  const file = new File([bytes], "catalog-semi.xlsx");
  Object.defineProperty(file, "arrayBuffer", { value: async () => bytes.buffer });
  fireEvent.change(input, { target: { files: [file] } });
  expect(await screen.findByTestId("file-name")).toHaveTextContent("catalog-semi.xlsx");
  fireEvent.click(await ready());
  await screen.findByTestId("results", {}, { timeout: 15_000 });
  await waitFor(() => expect(screen.getByTestId("download")).toBeEnabled());
  expect(host.downloadName()).toBe("catalog-semi.checked.xlsx");
  // Another workbook: the results of the previous one go away.
  const other = sample("catalog-full.xlsx");
  const second = new File([other], "catalog-full.xlsx");
  Object.defineProperty(second, "arrayBuffer", { value: async () => other.buffer });
  fireEvent.change(input, { target: { files: [second] } });
  await waitFor(() => expect(screen.getByTestId("file-name")).toHaveTextContent("catalog-full.xlsx"));
  expect(screen.queryByTestId("results")).toBeNull();
  expect(screen.getByTestId("download")).toBeDisabled();
}, 30_000);

test("bad fee options are named before the run and block it", async () => {
  await openPane(sample("catalog-semi.xlsx"));
  await ready();
  fireEvent.click(screen.getByRole("button", { name: /Fee options/ }));
  fireEvent.change(await screen.findByRole("textbox", { name: /^Units per carton/ }), {
    target: { value: "-3" },
  });
  expect(await screen.findByText("Check the fee options:")).toBeInTheDocument();
  expect(screen.getAllByText("Units per carton: -3 must be at least 1").length).toBeGreaterThan(0);
  expect(screen.getByRole("button", { name: "Check" })).toBeDisabled();
});

test("in Chinese, a bad option is named by its label and the reason is Chinese", async () => {
  await openPane(sample("catalog-semi.xlsx"), "zh");
  await ready(t("zh", "run"));
  fireEvent.click(screen.getByRole("button", { name: /费用选项/ }));
  fireEvent.change(await screen.findByRole("textbox", { name: /^汇率/ }), { target: { value: "7,2" } });
  const messages = await screen.findAllByText("汇率（每单位外币兑人民币）: “7,2”不是数字");
  expect(messages.length).toBeGreaterThan(0);
  expect(document.body.textContent).not.toMatch(/\bfx\b|is not a number/);
});

test("the Reconcile tab: verdict counts, totals and the largest differences of the sample statement", async () => {
  await openPane(sample("statement.xlsx"), "en", "statement.xlsx");
  fireEvent.click(screen.getByRole("tab", { name: "Reconcile" }));
  const run = await screen.findByRole("button", { name: "Reconcile" });
  await waitFor(() => expect(run).toBeEnabled());
  fireEvent.click(run);
  const results = await screen.findByTestId("reconcile-results", {}, { timeout: 15_000 });
  // The sample's known verdicts (reconcile.test.ts checks them line by line).
  expect(within(results).getByText("Match: 7")).toBeInTheDocument();
  expect(within(results).getByText("Overcharged: 2")).toBeInTheDocument();
  expect(within(results).getByText("Undercharged: 1")).toBeInTheDocument();
  expect(within(results).getByText("Cannot check: 4")).toBeInTheDocument();
  expect(within(results).getByRole("list", { name: "Largest differences" })).toBeInTheDocument();
}, 30_000);

test("the seller profile form saves its values, and the next run checks the seller rules with them", async () => {
  const { kv } = await openPane(sample("catalog-full.xlsx"));
  fireEvent.click(screen.getByRole("tab", { name: "Seller profile" }));
  const dsr = await screen.findByRole("textbox", { name: /^90-day DSR/ });
  fireEvent.change(dsr, { target: { value: "4.9" } });
  fireEvent.click(screen.getByRole("button", { name: "Save profile" }));
  await screen.findByText("Saved.");
  const saved = JSON.parse(kv.map.get("ae-modes.profile") ?? "[]") as Array<[string, string]>;
  expect(saved).toContainEqual(["近90天DSR", "4.9"]);
  await act(async () => {
    fireEvent.click(screen.getByRole("tab", { name: "Check catalog" }));
  });
  fireEvent.click(await ready());
  const results = await screen.findByTestId("results", {}, { timeout: 15_000 });
  expect(within(results).queryByText(/No seller profile/)).toBeNull();
}, 30_000);

test("the profile form: typed controls, a percentage checked as it is typed (七成 refused), no value-like placeholder", async () => {
  const { kv } = await openPane(sample("catalog-full.xlsx"), "zh");
  fireEvent.click(screen.getByRole("tab", { name: t("zh", "tabProfile") }));
  const rate = await screen.findByRole("textbox", { name: /^错发率/ });
  expect(rate).not.toHaveAttribute("placeholder");
  fireEvent.change(rate, { target: { value: "七成" } });
  expect(await screen.findByText(t("zh", "badPercent"))).toBeInTheDocument();
  fireEvent.click(screen.getByRole("button", { name: t("zh", "saveProfile") }));
  expect(await screen.findByText(t("zh", "profileInvalid"))).toBeInTheDocument();
  expect(kv.map.get("ae-modes.profile")).toBeUndefined();
  fireEvent.change(rate, { target: { value: "65%" } });
  await waitFor(() => expect(screen.queryByText(t("zh", "badPercent"))).toBeNull());
  // Yes/no facts are a choice of 是 / 否 / 未填写, and a date is a date field.
  const yes = screen.getAllByRole("radio", { name: "是" });
  expect(yes.length).toBeGreaterThan(3);
  fireEvent.click(yes[0] as HTMLElement);
  const dates = document.querySelectorAll('input[type="date"]');
  expect(dates.length).toBeGreaterThan(0);
  fireEvent.click(screen.getByRole("button", { name: t("zh", "saveProfile") }));
  await screen.findByText(t("zh", "profileSaved"));
  const saved = JSON.parse(kv.map.get("ae-modes.profile") ?? "[]") as Array<[string, string]>;
  expect(saved.some(([, v]) => v === "是")).toBe(true);
  expect(saved.some(([, v]) => v === "65%")).toBe(true);
}, 30_000);

test("opening a statement lands on Reconcile, which has its own rates, lists the lines it cannot check by reason, and offers the disputes", async () => {
  const { host } = await openPane(sample("statement.xlsx"), "en", "statement.xlsx");
  const run = await screen.findByRole("button", { name: "Reconcile" });
  expect(screen.getByRole("tab", { name: "Reconcile" })).toHaveAttribute("aria-selected", "true");
  // Its own exchange rate and fulfilment rate: a bad one blocks the run, named by its label.
  const fx = screen.getByRole("textbox", { name: /^Exchange rate/ });
  fireEvent.change(fx, { target: { value: "abc" } });
  expect(
    (await screen.findAllByText("Exchange rate (CNY per unit): 'abc' is not a number")).length,
  ).toBeGreaterThan(0);
  await waitFor(() => expect(run).toBeDisabled());
  fireEvent.change(fx, { target: { value: "" } });
  await waitFor(() => expect(run).toBeEnabled());
  fireEvent.click(run);
  const results = await screen.findByTestId("reconcile-results", {}, { timeout: 15_000 });
  const cannot = within(results).getByTestId("cannot-check");
  const groups = within(cannot).getAllByRole("listitem");
  expect(groups.length).toBeGreaterThan(0);
  // Every CANNOT_CHECK line is listed once, under its reason.
  const listed = groups.reduce((n, g) => n + Number(/— (\d+) lines?/.exec(g.textContent ?? "")?.[1] ?? 0), 0);
  expect(listed).toBe(4);
  expect(within(results).getByRole("button", { name: "Download the 3 disputed lines (.csv)" })).toBeEnabled();
  expect(host.changed).toBe(true);
}, 30_000);
