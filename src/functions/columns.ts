/**
 * Whole columns in one call: AE.FEES answers one fee per row of amounts, and AE.ELIGIBLE /
 * AE.ISSUES one answer per row of values. One formula over 100,000 rows is one call, where one
 * formula per row is 100,000 (the pattern behind #BUSY! at 40k formulas, office-js #901). A row
 * that cannot be answered gets its own error in its cell; the other rows still compute.
 * @packageDocumentation
 */
import { parseDate } from "../engine";
import {
  computeFee,
  evaluateOne,
  FunctionError,
  isOmitted,
  linesOf,
  readOptions,
  ReadOptions,
  type Lang,
} from "./core";
import { basic, cellName, errorCellError, errorOf, matrix, options as optionsArg, scalar } from "./args";

/** A cell's answer: its value, or the error Excel shows in that cell. */
export type CellAnswer<T> = T | FunctionError;

/** The cells of a one-column (or one-row) range argument as a list, or a single value for all rows. */
function column(
  name: string,
  v: unknown,
  rows: number | undefined,
): { at(i: number): unknown; rows: number | undefined; cell(i: number): [number, number] } {
  if (!Array.isArray(v)) return { at: () => v, rows: undefined, cell: () => [0, 0] };
  const m = v as unknown[][];
  const flat: unknown[] =
    m.length === 1
      ? (m[0] as unknown[])
      : m.every((r) => Array.isArray(r) && r.length === 1)
        ? m.map((r) => r[0])
        : [];
  if (flat.length === 0 && m.length > 0)
    throw new FunctionError("invalid", {
      en: `${name}: expects one column (or one row) of cells`,
      zh: `${name}：应为单列（或单行）区域`,
    });
  if (flat.length === 1) return { at: () => flat[0], rows: undefined, cell: () => [0, 0] };
  if (rows !== undefined && flat.length !== rows)
    throw new FunctionError("invalid", {
      en: `${name}: ${flat.length} cells for ${rows} amounts; give ranges of the same size`,
      zh: `${name}：有${flat.length}个单元格，金额有${rows}个，请使用相同大小的区域`,
    });
  const across = m.length === 1;
  return { at: (i) => flat[i], rows: flat.length, cell: (i) => (across ? [0, i] : [i, 0]) };
}

/** The range addresses Excel passed (requiresParameterAddresses), if any. */
export type Addresses = ReadonlyArray<string | undefined> | undefined;

/**
 * AE.FEES: the fee of every row of `amounts` (a column or a row), in CNY. Categories, weights and
 * dimensions are ranges of the same size or one value for every row; options apply to all rows.
 * A blank amount gives a blank cell.
 */
export function fees(
  mode: unknown,
  amounts: unknown,
  categories: unknown,
  weights: unknown,
  lengths: unknown,
  widths: unknown,
  heights: unknown,
  opts: unknown,
  addresses?: Addresses,
): Array<[CellAnswer<number | string>]> {
  const m = scalar("mode", mode);
  const amount = column("amounts", amounts, undefined);
  const n = amount.rows ?? 1;
  const args = [
    amount,
    column("categories", categories, n),
    column("weights", weights, n),
    column("lengths", lengths, n),
    column("widths", widths, n),
    column("heights", heights, n),
  ];
  const names = ["amounts", "categories", "weights", "lengths", "widths", "heights"];
  // Read once for the whole column; options that cannot be read are left as they are, so each
  // row reports them in its usual order (mode, then amount, then options).
  let options: unknown = optionsArg(opts, addresses?.[7]);
  try {
    options = new ReadOptions(readOptions(options));
  } catch (e) {
    if (!(e instanceof FunctionError)) throw e;
  }
  const out: Array<[CellAnswer<number | string>]> = [];
  for (let i = 0; i < n; i++) {
    const cells = args.map((a) => a.at(i));
    const bad = cells.findIndex((c) => errorOf(c) !== undefined);
    if (bad >= 0) {
      const arg = args[bad] as (typeof args)[number];
      const [r, c] = arg.cell(i);
      const where =
        arg.rows !== undefined || Array.isArray([amounts, categories, weights, lengths, widths, heights][bad])
          ? cellName(addresses?.[bad + 1], r, c)
          : undefined;
      out.push([errorCellError(names[bad] as string, errorOf(cells[bad]) as string, where)]);
      continue;
    }
    const [a, c, w, l, wd, h] = cells.map(basic);
    if (isOmitted(a)) {
      out.push([""]);
      continue;
    }
    try {
      out.push([computeFee(m, a, c, w, l, wd, h, options).totalFen / 100]);
    } catch (e) {
      if (!(e instanceof FunctionError)) throw e;
      out.push([e]);
    }
  }
  return out;
}

/** An as-of date argument as an epoch day (default: today, when Excel recalculates). */
export function asOfDay(v: unknown): number | undefined {
  const value = basic(v);
  if (isOmitted(value)) return undefined;
  const day = parseDate(value);
  if (!day.ok)
    throw new FunctionError("invalid", {
      en: `asOf: '${String(value)}' is not a date`,
      zh: `基准日期：“${String(value)}”不是日期`,
    });
  return day.value;
}

/**
 * Evaluates every row of `values` against one header row: [status, issues] per row, or the
 * row's error. One row of values (or one column, with a column of headers) is one row.
 */
export function evaluateRows(
  mode: unknown,
  headers: unknown,
  values: unknown,
  profile: unknown,
  asOf: unknown,
  addresses?: Addresses,
): Array<CellAnswer<ReturnType<typeof evaluateOne>>> {
  const m = scalar("mode", mode);
  const h = matrix("headers", headers, addresses?.[1]);
  const p = isOmitted(profile) ? null : matrix("profile", profile, addresses?.[3]);
  const day = asOfDay(asOf);
  const rows = Array.isArray(values) ? (values as unknown[][]) : [[values]];
  const headerRow = Array.isArray(h) && (h as unknown[][]).length === 1 ? (h as unknown[][])[0] : undefined;
  // Many rows of values under one header row: one answer per row.
  const many =
    headerRow !== undefined &&
    rows.length > 1 &&
    rows.every((r) => Array.isArray(r) && r.length === headerRow.length);
  const list = many ? rows.map((r) => [r]) : [rows];
  return list.map((row, i) => {
    const bad = (row as unknown[][])
      .flatMap((r, ri) => r.map((c, ci) => [ri, ci, errorOf(c)] as const))
      .find((x) => x[2]);
    if (bad)
      return errorCellError("values", bad[2] as string, cellName(addresses?.[2], many ? i : bad[0], bad[1]));
    try {
      return evaluateOne(
        m,
        h,
        (row as unknown[][]).map((r) => r.map(basic)),
        p,
        day,
      );
    } catch (e) {
      if (!(e instanceof FunctionError)) throw e;
      return e;
    }
  });
}

/** The issues of one evaluated row as lines, as AE.ISSUES words them for one row. */
export function issueLinesOf(lang: Lang, r: ReturnType<typeof evaluateOne>): string[] {
  return linesOf(lang, r);
}
