/**
 * The merged ranges of a sheet (`<mergeCells><mergeCell ref="B3:B5"/>…`), for the pipeline to
 * apply a range's value to every cell of it.
 * @packageDocumentation
 */
import type { MergedRange } from "../pipeline/port";
import { readRef } from "./sheet";

/**
 * Reads the `<mergeCell>` elements of a sheet's XML.
 *
 * @example
 * ```ts
 * mergedRangesOf('<mergeCells count="1"><mergeCell ref="B3:C5"/></mergeCells>')
 * // => [{ firstRow: 3, lastRow: 5, firstColumn: 1, lastColumn: 2 }]
 * ```
 */
export function mergedRangesOf(xml: string, sheet = ""): MergedRange[] {
  const start = xml.lastIndexOf("<mergeCells");
  if (start < 0) return [];
  const end = xml.indexOf("</mergeCells>", start);
  const part = xml.slice(start, end < 0 ? undefined : end);
  const out: MergedRange[] = [];
  for (const m of part.matchAll(/<mergeCell\b[^>]*?\bref\s*=\s*["']([A-Z]+\d+)(?::([A-Z]+\d+))?["']/g)) {
    const range = mergedRangeOf(m[2] ? `${m[1]}:${m[2]}` : (m[1] as string), sheet);
    if (range) out.push(range);
  }
  return out;
}

/**
 * One merged range from its `ref` ("B3:C5", or "B3" alone), corners in either order; the port's
 * streamed reader and {@link mergedRangesOf} both read refs through it.
 *
 * @example
 * ```ts
 * mergedRangeOf("C5:B3", "Sheet1") // => { firstRow: 3, lastRow: 5, firstColumn: 1, lastColumn: 2 }
 * ```
 */
export function mergedRangeOf(ref: string, sheet: string): MergedRange | undefined {
  const [a, b] = ref.split(":");
  const from = a ? readRef(a, sheet) : undefined;
  const to = b ? readRef(b, sheet) : from;
  if (!from || !to) return undefined;
  return {
    firstRow: Math.min(from.row, to.row),
    lastRow: Math.max(from.row, to.row),
    firstColumn: Math.min(from.column, to.column),
    lastColumn: Math.max(from.column, to.column),
  };
}
