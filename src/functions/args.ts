/**
 * The custom functions' argument layer: what Excel passes, as plain values core.ts reads.
 *
 * - With `allowErrorForDataTypeAny` (set in functions.json at build) an error cell in a range no
 *   longer stops Excel from calling the function: it arrives as an error value, and the function
 *   answers with a message naming the cell (learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors
 *   §Errors as custom function inputs).
 * - With `allowCustomDataForDataTypeAny` a linked data type or formatted number arrives as an
 *   `Excel.CellValue` object; its `basicValue` is what the cell shows
 *   (learn.microsoft.com/office/dev/add-ins/excel/custom-functions-data-types-concepts).
 * - `options` is a matrix parameter, so Excel passes one text cell as [[text]] and a key/value
 *   range as its rows (a scalar parameter given a range is called once per cell instead:
 *   learn.microsoft.com/office/dev/add-ins/excel/custom-functions-parameter-options).
 * @packageDocumentation
 */
import { columnLetter } from "../engine";
import { FunctionError } from "./core";

/** An error cell's text (#N/A, #VALUE!, …) if the value is one, as Excel passes it. */
export function errorOf(v: unknown): string | undefined {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return undefined;
  const o = v as {
    type?: unknown;
    basicType?: unknown;
    basicValue?: unknown;
    code?: unknown;
    errorCode?: unknown;
  };
  if (o.type === "Error" || o.basicType === "Error")
    return typeof o.basicValue === "string" ? o.basicValue : "#VALUE!";
  if (typeof o.code === "string" && o.code.startsWith("#")) return o.code;
  if (typeof o.errorCode === "string") return o.errorCode;
  return undefined;
}

/** The basic value of a cell: a CellValue object's `basicValue`, anything else as it is. */
export function basic(v: unknown): unknown {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
  const o = v as { basicValue?: unknown };
  return "basicValue" in o ? o.basicValue : v;
}

/** "D" → 3. */
function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

/** Where a cell of a range argument is, as the user reads it: "Sheet1!D7", or "row 2, column 3". */
export function cellName(address: string | undefined, row: number, column: number): string {
  const m = address ? /^(.*!)?\$?([A-Z]{1,3})\$?(\d+)(?::\$?[A-Z]{1,3}\$?\d+)?$/.exec(address) : null;
  if (m) return `${m[1] ?? ""}${columnLetter(columnIndex(m[2] as string) + column)}${Number(m[3]) + row}`;
  return `row ${row + 1}, column ${column + 1}`;
}

const ZH: Readonly<Record<string, string>> = {
  mode: "模式",
  amount: "金额",
  amounts: "金额",
  category: "类目",
  categories: "类目",
  weight: "重量",
  weights: "重量",
  length: "长",
  lengths: "长",
  width: "宽",
  widths: "宽",
  height: "高",
  heights: "高",
  options: "选项",
  headers: "表头",
  values: "数值",
  profile: "卖家资料",
  asOf: "基准日期",
};

/** The function error for an error cell in an argument. */
export function errorCellError(name: string, error: string, where?: string): FunctionError {
  const at = where ? ` (${where})` : "";
  const zhAt = where ? `（${where.replace(/^row (\d+), column (\d+)$/, "第$1行第$2列")}）` : "";
  return new FunctionError("invalid", {
    en: `${name}: the cell${at} holds ${error}; fix or clear it`,
    zh: `${ZH[name] ?? name}：单元格${zhAt}是错误值 ${error}，请修正或清空`,
  });
}

/** A scalar argument's basic value; an error cell is answered with a message naming the argument. */
export function scalar(name: string, v: unknown): unknown {
  const error = errorOf(v);
  if (error) throw errorCellError(name, error);
  if (Array.isArray(v))
    return v.map((row: unknown) => (Array.isArray(row) ? row.map((c) => scalar(name, c)) : row));
  return basic(v);
}

/**
 * A range argument's basic values. An error cell is answered with a message naming it, by its
 * address when Excel gave the parameter's address.
 */
export function matrix(name: string, v: unknown, address?: string): unknown {
  if (!Array.isArray(v)) return scalar(name, v);
  return (v as unknown[]).map((row, r) =>
    Array.isArray(row)
      ? row.map((cell, c) => {
          const error = errorOf(cell);
          if (error) throw errorCellError(name, error, cellName(address, r, c));
          return basic(cell);
        })
      : basic(row),
  );
}

/**
 * The options argument as core.ts reads it: one cell → its text; one column of cells → their
 * texts joined ("label" over "distance=250" is "label; distance=250"); two or more columns → the
 * key/value rows.
 */
export function options(v: unknown, address?: string): unknown {
  const m = matrix("options", v, address);
  if (!Array.isArray(m)) return m;
  const rows = (m as unknown[][]).filter((r) => Array.isArray(r));
  if (rows.length === 0) return null;
  if (rows.every((r) => r.length === 1)) {
    const texts = rows
      .map((r) => r[0])
      .filter((x) => x !== null && x !== undefined && String(x).trim() !== "");
    return texts.length === 0 ? null : texts.map(String).join("; ");
  }
  return rows;
}
