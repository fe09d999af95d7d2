/**
 * The Excel host over the fake Excel: highlights by one conditional format that a re-run replaces
 * and Clear removes (a user's own formats stay), the chart on the report, Clear removing exactly
 * what the add-in wrote, settings and the profile sheet, and the undo-group fallback.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runCheck, type CheckSummary } from "../src/pipeline/run";
import { ExcelHost, HIGHLIGHT_MARK, highlightFormula, issueColumnLetters } from "../src/taskpane/excel-host";
import { fakeBookOf, fakeExcel, type FakeBook } from "./fake-excel";
import { engine } from "./xlsx-helpers";

const NOW = new Date("2025-06-30T00:00:00Z");
const SHEET = "商品清单";

function sampleBook(): Promise<FakeBook> {
  return fakeBookOf(new Uint8Array(readFileSync(join(__dirname, "../assets/samples/catalog-semi.xlsx"))));
}

async function check(host: ExcelHost, mode: "semi" | "compare" = "semi"): Promise<CheckSummary> {
  const summary = await runCheck(host.port(), engine, { mode, lang: "en", now: NOW });
  if (!summary.ok) throw new Error(summary.message.en);
  await host.afterCheck(summary, "en");
  return summary;
}

test("one relative rule highlights a cell when an AE Issues cell of its row names it, as (F12)", () => {
  expect(highlightFormula(["W"], 3)).toBe(
    `=AND("${HIGHLIGHT_MARK}"<>"",OR(ISNUMBER(SEARCH("("&ADDRESS(ROW(),COLUMN(),4)&")",$W3))))`,
  );
  expect(highlightFormula(["X", "AB"], 2)).toContain(`$X2)),ISNUMBER(`);
});

test("the issues columns are found in either language and in compare mode", () => {
  const summary = (mode: CheckSummary["mode"], headers: string[]) =>
    ({
      mode,
      columns: headers.map((header, i) => ({ header, letter: String.fromCharCode(87 + i) })),
    }) as unknown as CheckSummary;
  expect(issueColumnLetters(summary("semi", ["AE Status", "AE Issues", "AE Fee total (CNY)"]))).toEqual([
    "X",
  ]);
  expect(issueColumnLetters(summary("full", ["AE 状态", "AE 问题"]))).toEqual(["X"]);
  expect(
    issueColumnLetters(
      summary("compare", ["AE Status [full]", "AE Issues [full]", "AE Status [semi]", "AE Issues [semi]"]),
    ),
  ).toEqual(["X", "Z"]);
});

test("a check adds one highlight rule over the input block and a chart on the report; a re-run replaces the rule, a user's own stays", async () => {
  const book = await sampleBook();
  const sheet = book.sheet(SHEET)!;
  sheet.conditionalFormats.push({ r: 2, c: 3, nr: 10, nc: 1, formula: "=D3>100", fill: "#00FF00" });
  const host = new ExcelHost(fakeExcel(book), "en-US", true);
  const summary = await check(host);
  const ours = sheet.conditionalFormats.filter((f) => f.formula.includes(HIGHLIGHT_MARK));
  expect(ours).toHaveLength(1);
  // Rows 3..22, columns A..V (the input block, left of the first output column W).
  expect(ours[0]).toMatchObject({ r: summary.firstDataRow - 1, c: 0, nc: 22, fill: "#FDE7E9" });
  expect(ours[0]?.formula).toContain(`$X${summary.firstDataRow}`);
  expect(book.sheet("AE Report")?.charts).toHaveLength(1);
  expect(book.sheet("AE Report")?.charts[0]).toMatchObject({
    name: "AE issues per rule",
    title: "Rows with issues, per rule",
  });
  expect(book.sheet("AE Report")?.get(0, 10)).toBe("Rule");

  await check(host);
  expect(sheet.conditionalFormats.filter((f) => f.formula.includes(HIGHLIGHT_MARK))).toHaveLength(1);
  expect(sheet.conditionalFormats).toContainEqual(expect.objectContaining({ formula: "=D3>100" }));
  expect(host.undoable()).toBe(true);
});

test("Clear results removes the AE columns, the highlight rule, the report and the state sheet — and nothing of the user's", async () => {
  const book = await sampleBook();
  const sheet = book.sheet(SHEET)!;
  const before = JSON.stringify(sheet.grid);
  sheet.conditionalFormats.push({ r: 2, c: 3, nr: 10, nc: 1, formula: "=D3>100" });
  const host = new ExcelHost(fakeExcel(book), "en-US", true);
  const summary = await check(host);
  expect(await host.clear()).toEqual({ columns: summary.columns.length });
  const original = JSON.parse(before) as unknown[][];
  sheet.grid.forEach((row, r) =>
    row.forEach((v, c) => expect([r, c, v]).toEqual([r, c, original[r]?.[c] ?? ""])),
  );
  expect(book.sheet("AE Report")).toBeUndefined();
  expect(book.sheet("AE Meta")).toBeUndefined();
  expect(sheet.conditionalFormats).toEqual([expect.objectContaining({ formula: "=D3>100" })]);
  expect(await host.clear()).toEqual({ columns: 0 });
});

test("Clear leaves a column the user has since renamed", async () => {
  const book = await sampleBook();
  const sheet = book.sheet(SHEET)!;
  const host = new ExcelHost(fakeExcel(book), "en-US", true);
  await check(host);
  sheet.set(1, 22, "My status"); // the user took over column W
  const cleared = await host.clear();
  expect(sheet.get(1, 22)).toBe("My status");
  expect(sheet.get(2, 22)).not.toBe("");
  expect(cleared.columns).toBeGreaterThan(0);
});

test("settings and the seller profile are kept in the workbook", async () => {
  const book = await sampleBook();
  const host = new ExcelHost(fakeExcel(book), "zh-CN", true);
  expect(host.lang).toBe("zh");
  expect(await host.loadSettings()).toEqual({});
  await host.saveSettings({ mode: "full", mapping: { "重量(g)": null } });
  expect(await host.loadSettings()).toEqual({ mode: "full", mapping: { "重量(g)": null } });

  await host.saveProfile([
    ["近90天DSR", "4.9"],
    ["=cmd", "-1"],
  ]);
  const profile = book.sheet("AE Profile")!;
  expect(profile.get(0, 0)).toBe("项目 Key");
  expect(profile.get(2, 0)).toBe("=cmd"); // written as text (apostrophe prefix), never a formula
  const rows = await host.loadProfile();
  expect(rows).toContainEqual(["近90天DSR", "4.9"]);
});

test("where Excel refuses an undo group, the run is written anyway and the pane is told it cannot be undone", async () => {
  const book = await sampleBook();
  const excel = fakeExcel(book, { refuseUndoGroups: true });
  const host = new ExcelHost(excel, "en-US", true);
  const summary = await check(host);
  expect(summary.ok).toBe(true);
  expect(host.undoable()).toBe(false);
  expect(book.sheet(SHEET)!.get(1, 22)).toBe("AE Status");
  expect(excel.runs.some((o) => o?.mergeUndoGroup === true)).toBe(true);
});

test("an Excel without undo groups (before ExcelApi 1.20) is not asked for one, and the pane says so", async () => {
  const book = await sampleBook();
  const excel = fakeExcel(book);
  const host = new ExcelHost(excel, "en-US", false);
  await check(host);
  expect(excel.runs.some((o) => o?.mergeUndoGroup === true)).toBe(false);
  expect(host.undoable()).toBe(false);
});

test("Excel busy editing a cell reaches the pane as 'busy' (what to do), not a raw error", async () => {
  const book = await sampleBook();
  const excel = fakeExcel(book);
  const host = new ExcelHost(
    Object.assign({}, excel, {
      run: () =>
        Promise.reject(
          Object.assign(new Error("cell edit mode"), { code: "InvalidOperationInCellEditMode" }),
        ),
    }),
    "en-US",
    true,
  );
  await expect(host.port().sheetNames()).rejects.toMatchObject({ kind: "busy" });
});

test("a protected sheet reaches the pane as 'protected', with nothing written", async () => {
  const book = await sampleBook();
  book.sheet(SHEET)!.protected = true;
  const host = new ExcelHost(fakeExcel(book), "en-US", true);
  await expect(runCheck(host.port(), engine, { mode: "semi", lang: "en", now: NOW })).rejects.toMatchObject({
    kind: "protected",
  });
  expect(book.sheet("AE Report")).toBeUndefined();
});

test("choosing a SKU in the per-SKU view selects its whole sheet row in Excel", async () => {
  const book = await sampleBook();
  const host = new ExcelHost(fakeExcel(book), "en-US", true);
  expect(await host.selectRow(SHEET, 7)).toBe(true);
  // Row 7 (index 6), every column.
  expect(book.sheet(SHEET)!.selected).toBe("6,0,1,16384");
});
