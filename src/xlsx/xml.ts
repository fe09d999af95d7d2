/**
 * Small OOXML helpers: escaping, attribute reading, cell references. Enough for the parts of
 * SpreadsheetML this project reads and writes, nothing more.
 * @packageDocumentation
 */

const ENTITY: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/**
 * Decodes XML entities and OOXML's _xHHHH_ escapes.
 *
 * @example
 * ```ts
 * unescapeXml("a &amp; b_x000D_") // => "a & b\r"
 * ```
 */
export function unescapeXml(text: string): string {
  if (text.indexOf("&") < 0 && text.indexOf("_x") < 0) return text;
  return text
    .replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, e: string) => {
      if (e[0] === "#")
        return String.fromCodePoint(
          e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10),
        );
      return ENTITY[e.toLowerCase()] ?? _;
    })
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

// eslint-disable-next-line no-control-regex -- what escapeXml changes
const ESCAPED = /_x[0-9A-Fa-f]{4}_|[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

/** Whether {@link escapeXml} changes `text` (most texts it is given need nothing). */
export function needsEscape(text: string): boolean {
  return ESCAPED.test(text);
}

/**
 * Escapes text for an XML element or attribute; control characters XML cannot hold become _xHHHH_.
 *
 * @example
 * ```ts
 * escapeXml('<a & "b">') // => "&lt;a &amp; &quot;b&quot;&gt;"
 * ```
 */
export function escapeXml(text: string): string {
  return text
    .replace(/_x([0-9A-Fa-f]{4})_/g, "_x005F_x$1_")
    .replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"))
    .replace(
      // eslint-disable-next-line no-control-regex -- exactly the characters XML cannot hold
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g,
      (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()}_`,
    );
}

/** Reads one attribute of an XML start tag. */
export function attr(tag: string, name: string): string | undefined {
  let re = ATTR_RE.get(name);
  if (!re) ATTR_RE.set(name, (re = new RegExp(`\\s${name}="([^"]*)"`)));
  const m = re.exec(tag);
  return m ? unescapeXml(m[1] as string) : undefined;
}
const ATTR_RE = new Map<string, RegExp>();

/**
 * 0-based column index of a column's letters ("A" → 0, "AA" → 26).
 *
 * @example
 * ```ts
 * columnIndex("AB") // => 27
 * ```
 */
export function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n - 1;
}

/** Splits "AB12" into its 0-based column and 1-based row. */
export function parseRef(ref: string): { column: number; row: number } | undefined {
  const m = /^([A-Z]{1,3})(\d+)$/.exec(ref);
  return m ? { column: columnIndex(m[1] as string), row: Number(m[2]) } : undefined;
}
