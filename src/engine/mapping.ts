/**
 * Header row → fields. Headers match the synonyms of rules-spec §5 in Chinese and
 * English, ignoring case, spaces and full/half width; a unit in the header ("重量(g)",
 * "Length (mm)", "售价(USD)") is honoured; the user can override any column.
 * @packageDocumentation
 */
import { FIELDS, FIELD_NAMES, isFieldName, type FieldKind, type FieldName } from "./fields";
import { columnLetter, compactKey } from "./text";
import { currencySuffix, lookupUnit, type Dimension, type UnitInfo } from "./units";
import { unwrapCell } from "./cells";

/** How sure the mapping is: an exact synonym, a synonym inside a longer header, or the user's choice. */
export type MappingConfidence = "exact" | "partial" | "user";

/** A column mapped to a field. */
export interface MappedColumn {
  /** 0-based column index in the header row. */
  readonly index: number;
  /** Column letter (A, B, …, AA) of the header row as given (offset by the host if the row does not start at A). */
  readonly letter: string;
  readonly header: string;
  readonly field: FieldName;
  /** The unit the header names, if any, and of a kind the field can use. */
  readonly unit: UnitInfo | undefined;
  readonly confidence: MappingConfidence;
}

/** A column no field claimed. */
export interface UnmappedColumn {
  readonly index: number;
  readonly letter: string;
  readonly header: string;
  /** Why: no synonym matched, or another column already holds the field. */
  readonly reason: "unknown" | "duplicate" | "ignored" | "user";
  /** For a duplicate: the field it also matched. */
  readonly field?: FieldName;
}

/** The header mapping of one sheet. */
export interface HeaderMapping {
  readonly columns: readonly MappedColumn[];
  readonly byField: Readonly<Partial<Record<FieldName, MappedColumn>>>;
  readonly unmapped: readonly UnmappedColumn[];
  /** Problems with the user's overrides (an unknown field name, a column that does not exist). */
  readonly problems: readonly string[];
  /** Number of columns in the header row. */
  readonly width: number;
}

/** Options of {@link mapHeaders}. */
export interface MappingOptions {
  /**
   * The user's choices: a header text or a column letter → a field name, or null to leave
   * that column unmapped. Applied before synonyms.
   */
  readonly overrides?: Readonly<Record<string, string | null>>;
  /** Columns the mapper must skip (e.g. the add-in's own output columns). */
  readonly ignore?: (header: string, index: number) => boolean;
  /** Column index of the header row's first cell on the sheet (0 = column A). */
  readonly firstColumn?: number;
}

const SYNONYM_INDEX: ReadonlyMap<string, FieldName> = (() => {
  const index = new Map<string, FieldName>();
  for (const field of FIELD_NAMES) {
    for (const synonym of FIELDS[field].synonyms) {
      const key = compactKey(synonym);
      if (!index.has(key)) index.set(key, field);
    }
  }
  return index;
})();

/** Synonyms long enough to be searched inside a longer header (single letters and single characters are not). */
const PARTIAL_SYNONYMS: ReadonlyArray<readonly [string, FieldName]> = [...SYNONYM_INDEX.entries()]
  .filter(([key]) => [...key].length >= 2 && !/^[a-z]{1,3}$/.test(key))
  .sort((a, b) => b[0].length - a[0].length);

const UNIT_DIMENSIONS: Readonly<Partial<Record<FieldKind, Dimension>>> = {
  weight: "weight",
  length: "length",
  dimensions: "length",
  distance: "distance",
  percent: "percent",
  money: "currency",
};

/** Splits "重量(g)" / "Weight [kg]" / "重量/g" / "Return rate %" into the name and the unit token. */
function splitHeaderUnit(header: string): { name: string; unitToken: string | undefined } {
  const t = header.normalize("NFKC").trim();
  const paren = /^(.*?)\s*[([【]\s*([^)\]】]+?)\s*[)\]】]\s*$/.exec(t);
  if (paren && paren[1] !== undefined && paren[1] !== "") return { name: paren[1], unitToken: paren[2] };
  const slash = /^(.*?)\s*\/\s*([a-z%"]{1,6}|[克米磅元]|公斤|千克|厘米|毫米|公里)$/i.exec(t);
  if (slash && slash[1] !== undefined && slash[1] !== "") return { name: slash[1], unitToken: slash[2] };
  const pct = /^(.*?)\s*%$/.exec(t);
  if (pct && pct[1] !== undefined && pct[1] !== "") return { name: pct[1], unitToken: "%" };
  const currency = currencySuffix(t);
  if (currency) return { name: currency.name, unitToken: currency.token };
  return { name: t, unitToken: undefined };
}

/**
 * Reads a header cell as text ("" for a blank or non-text cell).
 *
 * @example
 * ```ts
 * headerText("  重量(g) ") // => "重量(g)"
 * ```
 */
export function headerText(cell: unknown): string {
  const v = unwrapCell(cell);
  if (typeof v === "string") return v.trim();
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return "";
}

/**
 * Matches one header against the synonyms. Returns the field, the unit the header
 * names (if it fits the field), and how sure the match is.
 *
 * @example
 * ```ts
 * matchHeader("重量(g)")      // => { field: "weight", unit: <g>, confidence: "exact" }
 * matchHeader("ＳＫＵ 编码")    // => { field: "sku", unit: undefined, confidence: "exact" }
 * matchHeader("单件包装后重量") // => { field: "weight", unit: undefined, confidence: "partial" }
 * matchHeader("备注")          // => undefined
 * ```
 */
export function matchHeader(
  header: string,
): { field: FieldName; unit: UnitInfo | undefined; confidence: "exact" | "partial" } | undefined {
  if (header === "") return undefined;
  const candidates: Array<{ name: string; unit: UnitInfo | undefined }> = [];
  const { name, unitToken } = splitHeaderUnit(header);
  const unit = unitToken === undefined ? undefined : lookupUnit(unitToken);
  if (unit) candidates.push({ name, unit });
  candidates.push({ name: header, unit: undefined });
  if (!unit && unitToken !== undefined) candidates.push({ name, unit: undefined });

  const fits = (field: FieldName, u: UnitInfo | undefined): UnitInfo | undefined =>
    u && UNIT_DIMENSIONS[FIELDS[field].kind] === u.dimension ? u : undefined;

  for (const candidate of candidates) {
    const field = SYNONYM_INDEX.get(compactKey(candidate.name));
    if (field) return { field, unit: fits(field, candidate.unit), confidence: "exact" };
  }
  for (const candidate of candidates) {
    const key = compactKey(candidate.name);
    if (key.startsWith("ae")) continue;
    for (const [synonym, field] of PARTIAL_SYNONYMS) {
      if (key.includes(synonym)) return { field, unit: fits(field, candidate.unit), confidence: "partial" };
    }
  }
  return undefined;
}

const RANK: Record<MappingConfidence, number> = { user: 3, exact: 2, partial: 1 };

/**
 * Maps a header row to fields.
 *
 * @example
 * ```ts
 * const m = mapHeaders(["SKU编码", "重量(g)", "备注"]);
 * m.byField.weight?.letter  // => "B"
 * m.byField.weight?.unit?.code // => "g"
 * m.unmapped[0]?.header     // => "备注"
 * ```
 */
export function mapHeaders(headers: readonly unknown[], options: MappingOptions = {}): HeaderMapping {
  const firstColumn = options.firstColumn ?? 0;
  const problems: string[] = [];
  const overrides = new Map<string, string | null>();
  for (const [key, value] of Object.entries(options.overrides ?? {})) {
    if (value !== null && !isFieldName(value)) {
      problems.push(`mapping for '${key}': unknown field '${value}' (known: ${FIELD_NAMES.join(", ")})`);
      continue;
    }
    overrides.set(compactKey(key), value);
  }
  const usedOverrides = new Set<string>();

  const chosen = new Map<FieldName, MappedColumn>();
  const unmapped: UnmappedColumn[] = [];
  const texts = headers.map(headerText);

  texts.forEach((header, index) => {
    const letter = columnLetter(firstColumn + index);
    if (header === "") return;
    if (options.ignore?.(header, index)) {
      unmapped.push({ index, letter, header, reason: "ignored" });
      return;
    }
    let candidate: MappedColumn | undefined;
    const overrideKey = [compactKey(header), compactKey(letter)].find((k) => overrides.has(k));
    if (overrideKey !== undefined) {
      usedOverrides.add(overrideKey);
      const field = overrides.get(overrideKey);
      if (field === null || field === undefined) {
        unmapped.push({ index, letter, header, reason: "user" });
        return;
      }
      const f = field as FieldName;
      const unitToken = splitHeaderUnit(header).unitToken;
      const unit = unitToken === undefined ? undefined : lookupUnit(unitToken);
      const fitting = unit && UNIT_DIMENSIONS[FIELDS[f].kind] === unit.dimension ? unit : undefined;
      candidate = { index, letter, header, field: f, unit: fitting, confidence: "user" };
    } else {
      const match = matchHeader(header);
      if (!match) {
        unmapped.push({ index, letter, header, reason: "unknown" });
        return;
      }
      candidate = { index, letter, header, ...match };
    }
    const previous = chosen.get(candidate.field);
    if (previous && RANK[previous.confidence] >= RANK[candidate.confidence]) {
      unmapped.push({ index, letter, header, reason: "duplicate", field: candidate.field });
      return;
    }
    if (previous) {
      unmapped.push({
        index: previous.index,
        letter: previous.letter,
        header: previous.header,
        reason: "duplicate",
        field: previous.field,
      });
    }
    chosen.set(candidate.field, candidate);
  });

  for (const key of overrides.keys()) {
    if (!usedOverrides.has(key)) problems.push(`mapping for '${key}': no such column in the header row`);
  }
  const columns = [...chosen.values()].sort((a, b) => a.index - b.index);
  const byField: Partial<Record<FieldName, MappedColumn>> = {};
  for (const column of columns) byField[column.field] = column;
  unmapped.sort((a, b) => a.index - b.index);
  return { columns, byField, unmapped, problems, width: headers.length };
}
