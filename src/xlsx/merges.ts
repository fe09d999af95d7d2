/**
 * The merged ranges of a sheet (`<mergeCells><mergeCell ref="B3:B5"/>…`), for the pipeline to
 * apply a range's value to every cell of it.
 * @packageDocumentation
 */
import type { MergedRange } from "../pipeline/port";
import { parseRef } from "./xml";

/**
 * Reads the `<mergeCell>` elements of a sheet's XML.
 *
 * @example
 * ```ts
 * mergedRangesOf('<mergeCells count="1"><mergeCell ref="B3:C5"/></mergeCells>')
 * // => [{ firstRow: 3, lastRow: 5, firstColumn: 1, lastColumn: 2 }]
 * ```
 */
export function mergedRangesOf(xml: string): MergedRange[] {
  const start = xml.lastIndexOf("<mergeCells");
  if (start < 0) return [];
  const end = xml.indexOf("</mergeCells>", start);
  const part = xml.slice(start, end < 0 ? undefined : end);
  const out: MergedRange[] = [];
  for (const m of part.matchAll(/<mergeCell\b[^>]*?\bref\s*=\s*["']([A-Z]+\d+)(?::([A-Z]+\d+))?["']/g)) {
    const a = parseRef(m[1] as string);
    const b = m[2] ? parseRef(m[2]) : a;
    if (!a || !b) continue;
    out.push({
      firstRow: Math.min(a.row, b.row),
      lastRow: Math.max(a.row, b.row),
      firstColumn: Math.min(a.column, b.column),
      lastColumn: Math.max(a.column, b.column),
    });
  }
  return out;
}
