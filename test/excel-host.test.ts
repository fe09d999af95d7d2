/**
 * The Excel host's own logic that does not need Excel: the highlight rule's formula and which
 * output columns it reads.
 */
import { HIGHLIGHT_MARK, highlightFormula, issueColumnLetters } from "../src/taskpane/excel-host";
import type { CheckSummary } from "../src/pipeline/run";

test("one relative rule highlights a cell when an AE Issues cell of its row names it, as (F12)", () => {
  expect(highlightFormula(["W"], 3)).toBe(
    `=AND("${HIGHLIGHT_MARK}"<>"",OR(ISNUMBER(SEARCH("("&ADDRESS(ROW(),COLUMN(),4)&")",$W3))))`,
  );
  expect(highlightFormula(["X", "AB"], 2)).toContain(`$X2)),ISNUMBER(`);
  expect(highlightFormula(["X", "AB"], 2)).toContain(`$AB2))`);
});

test("the issues columns are found in either language and in compare mode", () => {
  const summary = (mode: CheckSummary["mode"], headers: string[]) =>
    ({
      mode,
      columns: headers.map((header, i) => ({ header, letter: String.fromCharCode(87 + i) })),
    }) as unknown as CheckSummary;
  expect(issueColumnLetters(summary("semi", ["AE Status", "AE Issues", "AE Fee (CNY)"]))).toEqual(["X"]);
  expect(issueColumnLetters(summary("full", ["AE 状态", "AE 问题"]))).toEqual(["X"]);
  const compare = issueColumnLetters(
    summary("compare", [
      "AE Status [full]",
      "AE Fee (CNY) [full]",
      "AE Issues [full]",
      "AE Status [semi]",
      "AE Fee (CNY) [semi]",
      "AE Issues [semi]",
      "AE Best mode",
    ]),
  );
  expect(compare).toHaveLength(2);
});
