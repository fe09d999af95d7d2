/**
 * Reading a sheet the way the seller wrote it: a merged range's value applies to every cell of the
 * range, and a totals row (合计, 总计, 小计, Total, Subtotal, Grand total with no key) or a fully
 * blank row is not data. Shared by the check, the reconciliation and the pre-run inspection, so
 * the count shown before a run is the count after.
 * @packageDocumentation
 */
import type { MergedRange } from "./port";

/** The words a totals row says (compared after folding width, case, spaces and a trailing colon). */
export const TOTAL_WORDS: readonly string[] = [
  "合计",
  "总计",
  "小计",
  "总合计",
  "合计金额",
  "total",
  "totals",
  "subtotal",
  "sub-total",
  "grand total",
];
const TOTAL_KEYS = new Set(TOTAL_WORDS.map((w) => w.replace(/\s+/g, "")));

/** A cheap pre-test: every total word has 计 or "tal" (in any width). */
const MAYBE_TOTAL = /[计]|t\s*a\s*l|ｔ\s*ａ\s*ｌ/i;

const isEmpty = (v: unknown): boolean =>
  v === undefined || v === null || (typeof v === "string" && v.trim() === "");

/** True when a cell's text is one of {@link TOTAL_WORDS} ("合计：", "Grand Total", "ＴＯＴＡＬ"). */
export function isTotalWord(v: unknown): boolean {
  if (typeof v !== "string" || v.length > 24 || !MAYBE_TOTAL.test(v)) return false;
  const key = v
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s:：]+/g, "");
  return TOTAL_KEYS.has(key);
}

/** How a row reads: data, blank (nothing outside the add-in's columns) or a totals row. */
export type RowKind = "data" | "blank" | "totals";

/**
 * Classifies a row. A totals row has its key cell (the SKU, or the order id of a statement) empty
 * and a cell that says 合计 / Total …, or says 合计 / Total in the key cell itself with no other text; without a key column, any such cell with no other text but
 * numbers makes the row a totals row.
 *
 * @example
 * ```ts
 * rowKind(["", "合计", null, 1234], 0, new Set()) // => "totals"
 * rowKind(["A-1", "合计", 3], 0, new Set())       // => "data" (it has a SKU)
 * rowKind(["合计", null, 82.8, 1600], 0, new Set()) // => "totals" (the word in the SKU column)
 * rowKind(["Total", "Total-look lamp", 25], 0, new Set()) // => "data" (a SKU with a title)
 * ```
 */
export function rowKind(
  cells: readonly unknown[] | undefined,
  keyIndex: number | undefined,
  ignore: ReadonlySet<number>,
): RowKind {
  if (!cells) return "blank";
  // The common row: its key is there, so it is data (a blank row has no key either).
  // A key cell that itself says 合计 / Total (ERP exports often put the word in the SKU column) is
  // looked at further: the row is a totals row when nothing else in it is text.
  if (
    keyIndex !== undefined &&
    !ignore.has(keyIndex) &&
    !isEmpty(cells[keyIndex]) &&
    !isTotalWord(cells[keyIndex])
  )
    return "data";
  let blank = true;
  let total = false;
  let otherText = false;
  for (let i = 0; i < cells.length; i++) {
    if (ignore.has(i)) continue;
    const v = cells[i];
    if (isEmpty(v)) continue;
    blank = false;
    if (isTotalWord(v)) total = true;
    else if (typeof v === "string" && i !== keyIndex) otherText = true;
  }
  if (blank) return "blank";
  if (!total) return "data";
  if (keyIndex !== undefined) return isEmpty(cells[keyIndex]) || !otherText ? "totals" : "data";
  return otherText ? "data" : "totals";
}

/**
 * Fills merged ranges while rows are read top to bottom in chunks: the top-left cell's value is
 * remembered when its row is read and written into every other cell of the range (a category merged
 * over a product's variant rows). The port's rows are not changed: a row that gains a value is
 * copied.
 */
export class MergeFill {
  private readonly byFirstRow: MergedRange[];
  private next = 0;
  private active: Array<{ range: MergedRange; value: unknown }> = [];

  constructor(ranges: readonly MergedRange[]) {
    this.byFirstRow = [...ranges]
      .filter((r) => r.lastRow > r.firstRow || r.lastColumn > r.firstColumn)
      .sort((a, b) => a.firstRow - b.firstRow);
  }

  /** True when there is nothing to fill. */
  get empty(): boolean {
    return this.byFirstRow.length === 0;
  }

  /**
   * The rows of a chunk with merged values filled in. `firstRow` is the 1-based sheet row of
   * `rows[0]`; chunks must come in order. A master cell above the first chunk read is looked up
   * with `above` (e.g. the header area, read once).
   */
  fill(
    rows: ReadonlyArray<readonly unknown[] | undefined>,
    firstRow: number,
    above?: (row: number, column: number) => unknown,
  ): Array<readonly unknown[] | undefined> {
    const out = rows.slice();
    if (this.empty) return out;
    const lastRow = firstRow + rows.length - 1;
    // Ranges starting above this chunk that the previous chunks did not see (the first chunk).
    while (
      this.next < this.byFirstRow.length &&
      (this.byFirstRow[this.next] as MergedRange).firstRow < firstRow
    ) {
      const range = this.byFirstRow[this.next++] as MergedRange;
      if (range.lastRow >= firstRow)
        this.active.push({ range, value: above?.(range.firstRow, range.firstColumn) });
    }
    for (let r = firstRow; r <= lastRow; r++) {
      while (
        this.next < this.byFirstRow.length &&
        (this.byFirstRow[this.next] as MergedRange).firstRow === r
      ) {
        const range = this.byFirstRow[this.next++] as MergedRange;
        this.active.push({ range, value: out[r - firstRow]?.[range.firstColumn] });
      }
      if (this.active.length === 0) continue;
      let row: unknown[] | undefined;
      for (const { range, value } of this.active) {
        if (r > range.lastRow || isEmpty(value)) continue;
        for (let c = range.firstColumn; c <= range.lastColumn; c++) {
          if (r === range.firstRow && c === range.firstColumn) continue;
          const current = (row ?? out[r - firstRow])?.[c];
          if (!isEmpty(current)) continue;
          row ??= [...(out[r - firstRow] ?? [])];
          row[c] = value;
        }
      }
      if (row) out[r - firstRow] = row;
      this.active = this.active.filter((a) => a.range.lastRow > r);
    }
    return out;
  }
}
