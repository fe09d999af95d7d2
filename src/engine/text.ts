/**
 * Text normalisation shared by header mapping, category families and cell parsing.
 * @packageDocumentation
 */

/**
 * Folds full-width characters to half-width (NFKC), lower-cases and trims.
 *
 * @example
 * ```ts
 * foldText("  ＳＫＵ编码 ") // => "sku编码"
 * ```
 */
export function foldText(text: string): string {
  // NFKC leaves ASCII as it is: skip it for the common case (SKU codes, English headers).
  // eslint-disable-next-line no-control-regex
  return (/^[\x00-\x7f]*$/.test(text) ? text : text.normalize("NFKC")).trim().toLowerCase();
}

/**
 * Folds a text (see {@link foldText}) and removes every space, underscore and
 * the common separators, so "Gross weight", "gross_weight" and "ＧＲＯＳＳ\u3000ＷＥＩＧＨＴ" compare equal.
 *
 * @example
 * ```ts
 * compactKey("Gross  Weight") // => "grossweight"
 * ```
 */
export function compactKey(text: string): string {
  let key = COMPACT_CACHE.get(text);
  if (key === undefined) {
    key = compactText(text);
    remember(COMPACT_CACHE, text, key);
  }
  return key;
}

/**
 * {@link compactKey} without its memo table: for texts that do not repeat (a catalog's SKUs,
 * which would only fill and empty the table).
 */
export function compactText(text: string): string {
  return foldText(text).replace(/[\s_\-–—.:：·•]+/g, "");
}
const COMPACT_CACHE = new Map<string, string>();

/**
 * The identity of a SKU code: the same code typed full-width (ＡＢ－１), in another case or with
 * spaces around it is the same SKU; dashes, dots and inner spaces are part of the code
 * (HOSE-1.5M is not HOSE-15M).
 *
 * @example
 * ```ts
 * skuKey(" ＨＯＳＥ－１.５Ｍ ") // => "hose-1.5m"
 * ```
 */
export function skuKey(text: string): string {
  return foldText(text);
}

/** Bounded memo tables: catalogs repeat the same texts (warehouses, markets, categories) on most rows. */
const MEMO_LIMIT = 20_000;

/**
 * Stores a value in a memo table, emptying the table when it is full (texts repeat in runs, so a
 * simple reset keeps the hit rate without bookkeeping).
 */
export function remember<K, V>(table: Map<K, V>, key: K, value: V): void {
  if (table.size >= MEMO_LIMIT) table.clear();
  table.set(key, value);
}

/**
 * Splits a list cell ("DE, FR；US/英国") into trimmed, non-empty items.
 *
 * @example
 * ```ts
 * splitList("DE, FR；US/英国 ") // => ["DE", "FR", "US", "英国"]
 * ```
 */
export function splitList(text: string): readonly string[] {
  let items = LIST_CACHE.get(text);
  if (items === undefined) {
    items = splitListUncached(text);
    remember(LIST_CACHE, text, items);
  }
  return items;
}
const LIST_CACHE = new Map<string, readonly string[]>();

function splitListUncached(text: string): readonly string[] {
  return text
    .normalize("NFKC")
    .split(/[,;/|、，；\n\r\t+&]+|\s+and\s+|\s*和\s*/i)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/**
 * The spreadsheet column letter of a 0-based column index.
 *
 * @example
 * ```ts
 * columnLetter(0)  // => "A"
 * columnLetter(27) // => "AB"
 * ```
 */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/**
 * Renders any cell value as a short text for messages ("received" parts of issues).
 *
 * @example
 * ```ts
 * describeValue("1,2kg") // => "'1,2kg'"
 * describeValue(null)    // => "blank"
 * ```
 */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined || (typeof value === "string" && value.trim() === ""))
    return "blank";
  if (typeof value === "string") return `'${value.length > 60 ? value.slice(0, 57) + "..." : value}'`;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? "an invalid date" : value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    const error = (value as { error?: unknown }).error;
    if (typeof error === "string") return `the error ${error}`;
    const text = (value as { text?: unknown }).text;
    if (typeof text === "string") return `'${text}'`;
    return "an object";
  }
  return typeof value;
}

/**
 * The same text as one flat string. A text built from template pieces is, in V8, a tree of
 * concatenations that keeps every piece (and a node per join) alive for as long as the text is
 * held; a run holds one such text per row until the copy is written. Joining two slices copies
 * the characters into one string (a one-element join or an empty part would hand back the tree).
 *
 * @example
 * ```ts
 * flatText(`${"SEMI-K-WEIGHT"} (error): ${"weight is blank"}`) // => "SEMI-K-WEIGHT (error): weight is blank"
 * ```
 */
export function flatText(text: string): string {
  return text.length < 2 ? text : [text.slice(0, 1), text.slice(1)].join("");
}
