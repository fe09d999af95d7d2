/**
 * The real-workbook corpus (../shared/corpus: 39 workbooks from other projects' test data, and
 * formats/ with .xls, .xlsb, .ods and encrypted files) through the CLI: every file and its
 * inject variant (a catalog header and 60 SKU rows put into its first sheet by
 * corpus/tools/inject.py) gives exit 0 with a copy that corpus/tools/check_output.py finds
 * sound and a re-run leaves as it is, or exit 2 with a one-line reason; never a crash.
 * Needs python3 for the corpus tools: without it the suite is skipped with a notice (and fails
 * under AE_E2E=require).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { main } from "../src/cli/check";
import type { SheetLayout } from "../src/xlsx/layout";
import { XlsxPort } from "../src/xlsx/port";
import { XlsxPackage } from "../src/xlsx/read";
import { ZipArchive } from "../src/xlsx/zip";

const CORPUS = resolve(__dirname, "../../shared/corpus");
const TOOLS = join(CORPUS, "tools");
const python = spawnSync("python3", ["--version"]).status === 0;
const present = existsSync(join(TOOLS, "check_output.py"));
const available = python && present;
if (!available) {
  const why = !present ? `the corpus is not at ${CORPUS}` : "python3 is missing (apt-get install python3)";
  if (process.env.AE_E2E === "require") throw new Error(`AE_E2E=require but ${why}`);
  console.log(`corpus test skipped: ${why}`);
}

/** Exit code of the original file, and of its variant ("-": inject.py skips the file). */
const EXPECTED: Record<string, [0 | 2, 0 | 2 | "-"]> = {
  "ClosedXML__ClosedXML.Tests__Resource__Examples__Misc__BasicTable.xlsx": [2, 0],
  "ClosedXML__ClosedXML.Tests__Resource__Other__GoogleSheets__file1.xlsx": [2, 0],
  "ClosedXML__ClosedXML.Tests__Resource__Other__InlineStrings__inputfile.xlsx": [2, 0],
  "ClosedXML__ClosedXML.Tests__Resource__TryToLoad__DrawingSizeInPx.xlsx": [0, 0],
  "ClosedXML__ClosedXML.Tests__Resource__TryToLoad__InvalidFirstPageNumber.xlsx": [2, 0],
  "ClosedXML__ClosedXML.Tests__Resource__TryToLoad__NoReferencesOnRowsOrCells.xlsx": [2, 0],
  "PhpSpreadsheet__tests__data__Reader__XLSX__Zip-Windows-Directory-Separator.xlsx": [2, "-"],
  "PhpSpreadsheet__tests__data__Reader__XLSX__colortabs.xlsx": [0, 0],
  "PhpSpreadsheet__tests__data__Reader__XLSX__issue.3654.xlsx": [2, 0],
  "PhpSpreadsheet__tests__data__Reader__XLSX__issue.4063.xlsx": [2, 0],
  "PhpSpreadsheet__tests__data__Reader__XLSX__namespaces.openpyxl35.xlsx": [2, 0],
  "PhpSpreadsheet__tests__data__Reader__XLSX__rootZipFiles.xlsx": [2, 0],
  "PhpSpreadsheet__tests__data__Reader__XLSX__without_cell_reference.xlsx": [2, 0],
  "XlsxWriter__xlsxwriter__test__comparison__xlsx_files__table03.xlsx": [2, 0],
  "calamine__tests__date_1904.xlsx": [2, 0],
  // Its workbook relationships part inflates to garbage (not well-formed): refused.
  "calamine__tests__issue252.xlsx": [2, "-"],
  "calamine__tests__issue_174.xlsx": [0, "-"],
  "calamine__tests__issue_419.xlsx": [2, 0],
  "calamine__tests__issue_553.xlsx": [2, 0],
  "calamine__tests__table_with_absolute_paths.xlsx": [2, 0],
  "calamine__tests__vba.xlsm": [2, 0],
  "excelize__test__Book1.xlsx": [2, 0],
  "excelize__test__CalcChain.xlsx": [2, 0],
  "exceljs__spec__integration__data__hidden-test__google-sheets.xlsx": [2, 0],
  "exceljs__spec__integration__data__hidden-test__libre-calc-as-excel-2007-365.xlsx": [2, 0],
  "poi__test-data__spreadsheet__56278.xlsx": [2, 0],
  "poi__test-data__spreadsheet__ConditionalFormattingSamples.xlsx": [2, 0],
  "poi__test-data__spreadsheet__ExcelPivotTableSample.xlsx": [2, 0],
  "poi__test-data__spreadsheet__SimpleStrict.xlsx": [2, 0],
  "poi__test-data__spreadsheet__dataValidationTableRange.xlsx": [2, 0],
  // Rows numbered from 0 (POI's security sample): refused.
  "poi__test-data__spreadsheet__poc-shared-strings.xlsx": [2, 2],
  // A DTD with an entity bomb in the shared strings: refused.
  "poi__test-data__spreadsheet__poc-xmlbomb.xlsx": [2, 2],
  "poi__test-data__spreadsheet__resize_compare.xlsx": [2, 0],
  "poi__test-data__spreadsheet__style-alternate-content.xlsx": [2, 0],
  "poi__test-data__spreadsheet__xxe_in_schema.xlsx": [2, 0],
  "test_files__pivot_table_named_range.xlsx": [2, 0],
  "test_files__wps__fn.xlsx": [2, 0],
  "test_files__wtf_path.xlsx": [2, 0],
  "test_files__xlsx-stream-d-date-cell.xlsx": [2, 0],
  "formats/biff-renamed.xlsx": [2, "-"],
  "formats/biff.xls": [2, "-"],
  "formats/binary.xlsb": [2, "-"],
  "formats/encrypted-password.xlsx": [2, "-"],
  "formats/libre.ods": [2, "-"],
  "formats/ods-renamed.xlsx": [2, "-"],
  "formats/xlsb-renamed.xlsx": [2, "-"],
};

/**
 * Problems check_output.py reports that come from the checker's own simplifications, not from
 * the copy (each explained): anything else fails.
 */
const CHECKER_LIMITS: Record<string, (problem: string, input: string, output: string) => boolean> = {
  // The styles part is stylesheet.xml at the package root (found through the relationships);
  // the checker expects style edits only in a part named …styles.xml.
  "PhpSpreadsheet__tests__data__Reader__XLSX__rootZipFiles.xlsx": (p) =>
    /^parts changed that should be kept: \['stylesheet\.xml'\]$/.test(p),
  // cellXfs holds mc:AlternateContent blocks (one xf each, as Excel counts them); the checker
  // counts only direct xf children. The copy's count must be the input's count plus exactly the
  // xf elements the add-in appended, and every style index below that count.
  "poi__test-data__spreadsheet__style-alternate-content.xlsx": (p, input, output) => {
    const xfs = (file: string) => {
      const zip = new ZipArchive(new Uint8Array(readFileSync(file)));
      const xml = Buffer.from(zip.read(zip.entries.find((e) => e.name === "xl/styles.xml")!)).toString();
      const cellXfs = /<(\w+:)?cellXfs count="(\d+)">(.*?)<\/\1cellXfs>/s.exec(xml)!;
      const direct = (cellXfs[3] as string).replace(/<mc:AlternateContent\b.*?<\/mc:AlternateContent>/gs, "");
      return { count: Number(cellXfs[2]), direct: (direct.match(/<(\w+:)?xf\b/g) ?? []).length };
    };
    const before = xfs(input);
    const after = xfs(output);
    const count = before.count + (after.direct - before.direct);
    if (p === `cellXfs count=${count} but ${after.direct} xf`) return after.count === count;
    const style = new RegExp(`^cell \\(\\d+, \\d+\\) style (\\d+) >= xf count ${after.direct}$`).exec(p);
    return style !== null && Number(style[1]) < count;
  },
};

/** Prices in dollars need a rate (the CLI asks for one): every run gets one. */
const FX = ["--fx", "7.2"];

async function cli(args: string[]): Promise<{ code: number; errors: string[] }> {
  const errors: string[] = [];
  const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
  const err = jest
    .spyOn(console, "error")
    .mockImplementation((...a: unknown[]) => void errors.push(a.join(" ")));
  try {
    return { code: await main(args), errors };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

function checkOutput(input: string, output: string): string[] {
  const out = execFileSync("python3", [join(TOOLS, "check_output.py"), input, output], { encoding: "utf8" });
  return (JSON.parse(out) as { problems: string[] }).problems;
}

/** The checked sheet's part in a copy, inflated (to compare a re-run with the first run). */
function sheetBytes(copy: string): Map<string, string> {
  const zip = new ZipArchive(new Uint8Array(readFileSync(copy)));
  const parts = new Map<string, string>();
  for (const e of zip.entries)
    if (/worksheets\/[^/]+\.xml$/i.test(e.name) || /sharedstrings\.xml$/i.test(e.name))
      // The report and state sheets hold the time of the run.
      parts.set(
        e.name,
        Buffer.from(zip.read(e))
          .toString("latin1")
          .replace(/\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?( ?[+-]\d\d:\d\d|Z)?/g, "(time)"),
      );
  return parts;
}

/** The sheet's bytes outside sheetData, as check_output.py compares them (dimension masked). */
function outsideSheetData(xml: string): string {
  const empty = /<(\w+:)?sheetData\s*\/>/;
  const s = empty.test(xml)
    ? xml.replace(empty, "<SD/>")
    : xml.replace(/<(\w+:)?sheetData\b.*<\/(\w+:)?sheetData>/s, "<SD/>");
  return s.replace(/<(\w+:)?dimension\b[^>]*\/>/g, "<DIM/>");
}

/** Removes exactly one occurrence of `pattern`; fails the test when there is none. */
function removeOnce(text: string, pattern: RegExp, what: string, by = ""): string {
  const all = [...text.matchAll(new RegExp(pattern.source, "g"))];
  expect({ what, found: all.length }).toEqual({ what, found: 1 });
  return text.replace(pattern, by);
}

/**
 * The test's own check of the layout (issue 13): the checked sheet of the copy, outside
 * sheetData, with exactly the add-in's recorded <col>s, pane and selection, and the elements it
 * created for them, taken out, is byte for byte the input's (dimension masked, as the checker
 * masks it). Only when this holds may the checker's "outside sheetData changed" be tolerated.
 */
async function layoutIsOnlyTheAddins(input: string, output: string): Promise<boolean> {
  const bytes = new Uint8Array(readFileSync(output));
  const state = (await (await XlsxPort.open(bytes)).readState()) as
    { sheet: string; headerRow: number; layout?: SheetLayout; columns: Array<{ index: number }> } | undefined;
  expect(state).toBeDefined();
  const sheetOf = (b: Uint8Array) => {
    const pkg = XlsxPackage.open(b);
    const entry = pkg.entry(pkg.sheet(state!.sheet)!.path)!;
    return Buffer.from(pkg.zip.read(entry)).toString("latin1");
  };
  let out = outsideSheetData(sheetOf(bytes));
  const before = outsideSheetData(sheetOf(new Uint8Array(readFileSync(input))));
  const layout = state!.layout;
  expect(layout).toBeDefined();
  const owned = new Set(state!.columns.map((c) => c.index + 1));
  for (const [min, max] of layout!.cols) {
    // One column each, and only the add-in's own columns.
    expect({ min, max, owned: owned.has(min) }).toEqual({ min, max: min, owned: true });
    out = removeOnce(
      out,
      new RegExp(`<(\\w+:)?col min="${min}" max="${max}" width="[\\d.]+" customWidth="1"/>`),
      `col ${min}`,
    );
  }
  if (layout!.pane > 0) {
    const r = layout!.pane;
    expect(r).toBe(state!.headerRow);
    out = removeOnce(
      out,
      new RegExp(
        `<(\\w+:)?pane ySplit="${r}" topLeftCell="A${r + 1}" activePane="bottomLeft" state="frozen"/>`,
      ),
      "pane",
    );
    if (layout!.selection)
      out = removeOnce(
        out,
        new RegExp(`<(\\w+:)?selection pane="bottomLeft" activeCell="A${r + 1}" sqref="A${r + 1}"/>`),
        "selection",
      );
  }
  const made = layout!.made ?? [];
  if (made.includes("cols")) out = removeOnce(out, /<(\w+:)?cols><\/\1cols>/, "cols");
  if (made.includes("sheetViews"))
    out = removeOnce(
      out,
      /<(\w+:)?sheetViews><\1sheetView workbookViewId="0"><\/\1sheetView><\/\1sheetViews>/,
      "sheetViews",
    );
  if (made.includes("sheetView"))
    out = removeOnce(out, /<(\w+:)?sheetView\b([^>]*)><\/\1sheetView>/, "sheetView", "<$1sheetView$2/>");
  expect(out).toBe(before);
  return out === before;
}

/** check_output.py's problems that the layout of the add-in's columns explains. */
const LAYOUT_PROBLEM = "sheet XML outside sheetData changed (beyond dimension)";

/**
 * One run: exit 0 with a sound copy that a re-run leaves unchanged, or exit 2 with one line.
 * A default run may change the sheet outside sheetData only by the add-in's layout (checked byte
 * for byte above); a `--no-layout` run not at all.
 */
async function runOne(
  input: string,
  expected: 0 | 2,
  dir: string,
  label: string,
  layout = true,
): Promise<void> {
  // A macro-enabled workbook's copy keeps its macros: Excel opens it only as .xlsm (the CLI refuses .xlsx).
  let ext = ".xlsx";
  try {
    if ((await XlsxPort.open(new Uint8Array(readFileSync(input)))).macroEnabled) ext = ".xlsm";
  } catch {
    // Not a workbook the port opens: the CLI says why (exit 2).
  }
  const out = join(dir, `${label}${layout ? "" : ".nolayout"}.out${ext}`);
  const flags = layout ? [] : ["--no-layout"];
  const { code, errors } = await cli([input, "--out", out, "--quiet", ...FX, ...flags]);
  expect({ label, code }).toEqual({ label, code: expected });
  if (code === 2) {
    expect(errors).toHaveLength(1);
    expect(errors[0]).not.toContain("\n");
    expect(errors[0]).toMatch(/^ae-check: /);
    expect(existsSync(out)).toBe(false);
    return;
  }
  const limit = CHECKER_LIMITS[basename(input).replace(/\.var\.xlsx$/, "")];
  let problems = checkOutput(input, out).filter((p) => !limit?.(p, input, out));
  if (layout && (await layoutIsOnlyTheAddins(input, out)))
    problems = problems.filter((p) => p !== LAYOUT_PROBLEM);
  expect({ label, layout, problems }).toEqual({ label, layout, problems: [] });
  if (!layout) return;
  // Idempotent: a re-run on the copy writes the same sheets and shared strings.
  const again = join(dir, `${label}.again${ext}`);
  expect((await cli([out, "--out", again, "--quiet", ...FX])).code).toBe(0);
  const first = sheetBytes(out);
  const second = sheetBytes(again);
  const metaOf = (parts: Map<string, string>) => [...parts.keys()].sort();
  expect(metaOf(second)).toEqual(metaOf(first));
  for (const [name, xml] of first) {
    expect({ label, name, same: second.get(name) === xml }).toEqual({ label, name, same: true });
  }
}

const files = available
  ? [
      ...readdirSync(CORPUS).filter((f) => /\.xls[xm]$/.test(f)),
      ...readdirSync(join(CORPUS, "formats")).map((f) => `formats/${f}`),
    ].sort()
  : [];

(available ? describe : describe.skip)("the real-workbook corpus", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "ae-corpus-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("every file of the corpus is in the expected table", () => {
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(files.length).toBeGreaterThanOrEqual(39 + 7);
  });

  test.each(files)(
    "%s and its variant",
    async (file) => {
      const [original, variant] = EXPECTED[file] as [0 | 2, 0 | 2 | "-"];
      const input = join(CORPUS, file);
      const label = basename(file);
      await runOne(input, original, dir, label);
      if (original === 0) await runOne(input, original, dir, label, false);
      const varPath = join(dir, `${label}.var.xlsx`);
      const inject = spawnSync("python3", [join(TOOLS, "inject.py"), input, varPath], { encoding: "utf8" });
      // inject.py skips a file it cannot edit (and fails on one whose zip it cannot read).
      const injected = inject.status === 0 ? inject.stdout : "skip (inject.py could not read it)";
      if (variant === "-") {
        expect(injected).toMatch(/^skip/);
        return;
      }
      expect(injected).toMatch(/^ok/);
      await runOne(varPath, variant, dir, `${label}.var`);
      // Every copy of the corpus also without the layout: nothing outside sheetData changes.
      if (variant === 0) await runOne(varPath, variant, dir, `${label}.var`, false);
    },
    120_000,
  );
});
