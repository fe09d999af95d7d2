/**
 * A view of one catalog row through a header mapping: typed, cached reads of each field,
 * and the helpers rules use to raise issues that name the cell.
 * @packageDocumentation
 */
import {
  isBlankCell,
  isErrorCell,
  parseBattery,
  parseBoolean,
  parseDate,
  parseJson,
  parseList,
  parseMoney,
  parsePercent,
  parseNumber,
  parseQuantity,
  parseText,
  unwrapCell,
  type CellProblem,
  type EpochDay,
  type MoneyCell,
  type Parsed,
} from "./cells";
import type { CategoryFamily } from "./categories";
import type { CompiledPack } from "./compile";
import { FIELD_NAMES, FIELDS, type FieldName } from "./fields";
import { makeIssue, type Bilingual, type CellRef, type Issue, type Severity } from "./issues";
import type { HeaderMapping } from "./mapping";
import type { RuleId } from "./pack/default";
import { lookupUnit, type UnitInfo } from "./units";

const DEFAULT_UNITS: Readonly<Record<string, UnitInfo>> = {
  weight: lookupUnit("kg") as UnitInfo,
  length: lookupUnit("cm") as UnitInfo,
  distance: lookupUnit("km") as UnitInfo,
};

/** Placeholders that mean "nothing here" without being a no (the no-words are parseBoolean's). */
const PLACEHOLDERS = new Set(["n/a", "na", "-", "—", "/", "null", "暂无", "缺"]);

/** What a length cell may hold, for messages: a number, or the three dimensions in one cell. */
const LENGTH_EXPECTED = (unit: string) => ({
  en: `a number of ${unit}, or L×W×H in one cell such as 25*7*3, 26x27x7cm or 30×20×10`,
  zh: `以 ${unit} 为单位的长度数字，或在一个单元格中写长×宽×高，如 25*7*3、26x27x7cm、30×20×10`,
});

/**
 * Splits "30x20x10" / "30*20*10cm" / "30×20×10" into three numbers.
 *
 * @example
 * ```ts
 * splitDimensions("26x27x7cm") // => [26, 27, 7, "cm"]
 * splitDimensions("25*7")      // => undefined
 * ```
 */
export function splitDimensions(text: string): [number, number, number, string | undefined] | undefined {
  const m = /^\s*([\d.]+)\s*[x×*✕]\s*([\d.]+)\s*[x×*✕]\s*([\d.]+)\s*([a-z"]+|[厘毫]?米)?\s*$/i.exec(
    text.normalize("NFKC"),
  );
  if (!m) return undefined;
  const [l, w, h] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return Number.isFinite(l) && Number.isFinite(w) && Number.isFinite(h) ? [l, w, h, m[4]] : undefined;
}

const FIELD_NUMBER: ReadonlyMap<FieldName, number> = new Map(FIELD_NAMES.map((name, i) => [name, i]));
const FIELD_COUNT = FIELD_NAMES.length;

/** One row seen through a mapping. Re-pointed at each row with {@link RowView.reset}; reads are cached per row. */
export class RowView {
  private cells: readonly unknown[] = [];
  private sheetRow = 0;
  /** Per-row cache of parsed fields, indexed by field number; an entry is valid when its generation is current. */
  private readonly cacheValues: Array<Parsed<unknown> | undefined> = new Array(FIELD_COUNT);
  private readonly cacheGeneration = new Uint32Array(FIELD_COUNT);
  private generation = 1;
  private familyCache: CategoryFamily | null | undefined;
  /** The length cell read as L×W×H on this row (null: it is not), undefined until asked. */
  private oneCellCache: [number, number, number, string | undefined] | null | undefined;
  private missingFields = new Set<string>();

  /** Issues raised on the current row. */
  issues: Issue[] = [];

  constructor(
    readonly mapping: HeaderMapping,
    readonly compiled: CompiledPack,
  ) {}

  /** Points the view at another row. `sheetRow` is the 1-based row number shown in Excel. */
  reset(cells: readonly unknown[], sheetRow: number): void {
    this.cells = cells;
    this.sheetRow = sheetRow;
    this.generation += 1;
    this.familyCache = undefined;
    this.oneCellCache = undefined;
    this.issues = [];
    if (this.missingFields.size > 0) this.missingFields = new Set();
  }

  /** The current sheet row (1-based). */
  get row(): number {
    return this.sheetRow;
  }

  /** The row's cells. */
  get rawCells(): readonly unknown[] {
    return this.cells;
  }

  /** True when the sheet has a column for the field (length/width/height also via a dimensions column). */
  has(field: FieldName): boolean {
    if (this.mapping.byField[field]) return true;
    return (
      (field === "length" || field === "width" || field === "height") &&
      this.mapping.byField.dimensions !== undefined
    );
  }

  /** The cell a field is read from on the current row. */
  cellOf(field: FieldName): CellRef | undefined {
    const column =
      this.mapping.byField[field] ??
      (field === "length" || field === "width" || field === "height"
        ? this.mapping.byField.dimensions
        : undefined);
    return column ? { row: this.sheetRow, column: column.letter } : undefined;
  }

  /** The raw cell value of a field (undefined when the sheet has no such column). */
  raw(field: FieldName): unknown {
    const column = this.mapping.byField[field];
    return column ? this.cells[column.index] : undefined;
  }

  /** The cached read of a field on this row, if any. */
  private hit<T>(field: FieldName): Parsed<T> | undefined {
    const i = FIELD_NUMBER.get(field) as number;
    return this.cacheGeneration[i] === this.generation ? (this.cacheValues[i] as Parsed<T>) : undefined;
  }

  private store<T>(field: FieldName, value: Parsed<T>): Parsed<T> {
    const i = FIELD_NUMBER.get(field) as number;
    this.cacheValues[i] = value;
    this.cacheGeneration[i] = this.generation;
    return value;
  }

  /** Reads a field with a plain parser, once per row (no closure per call: this is the hot path). */
  private parsed<T>(field: FieldName, parse: (value: unknown) => Parsed<T>): Parsed<T> {
    return this.hit<T>(field) ?? this.store(field, parse(this.raw(field)));
  }

  /** Reads a plain number. */
  number(field: FieldName): Parsed<number> {
    return this.parsed(field, parseNumber);
  }

  /** Reads a weight in kg, a length in cm or a distance in km, honouring header and cell units. */
  quantity(
    field: "weight" | "length" | "width" | "height" | "distanceKm" | "billableWeight",
  ): Parsed<number> {
    const cached = this.hit<number>(field);
    if (cached) return cached;
    const kind = FIELDS[field].kind as "weight" | "length" | "distance";
    const column = this.mapping.byField[field];
    if (!column && kind === "length")
      return this.store(field, this.fromDimensions(field as "length" | "width" | "height"));
    const unit = column?.unit ?? (DEFAULT_UNITS[kind] as UnitInfo);
    if (kind === "length" && column)
      return this.store(field, this.lengthCell(field as "length" | "width" | "height", unit));
    return this.store(field, parseQuantity(this.raw(field), kind, unit));
  }

  /**
   * The length cell as L×W×H when it holds all three ("25*7*3", "26x27x7cm", "30×20×10"), else
   * undefined. Sellers paste an ERP's 包装尺寸 into the length column and leave width and height blank.
   */
  oneCellDimensions(): readonly [number, number, number, string | undefined] | undefined {
    if (this.oneCellCache === undefined) {
      const raw = unwrapCell(this.raw("length"));
      this.oneCellCache = (typeof raw === "string" ? splitDimensions(raw) : undefined) ?? null;
    }
    return this.oneCellCache ?? undefined;
  }

  /** True when column `index` is the width or height column, blank, and filled by the one-cell length. */
  filledByOneCell(index: number): boolean {
    const w = this.mapping.byField.width;
    const h = this.mapping.byField.height;
    if (w?.index !== index && h?.index !== index) return false;
    return isBlankCell(unwrapCell(this.cells[index])) && this.oneCellDimensions() !== undefined;
  }

  private lengthCell(field: "length" | "width" | "height", unit: UnitInfo): Parsed<number> {
    const raw = this.raw(field);
    const parts = this.mapping.byField.length ? this.oneCellDimensions() : undefined;
    if (parts && (field === "length" || isBlankCell(unwrapCell(raw)))) {
      const partUnit =
        (parts[3] ? lookupUnit(parts[3]) : undefined) ?? this.mapping.byField.length?.unit ?? unit;
      return parseQuantity(parts[field === "length" ? 0 : field === "width" ? 1 : 2], "length", partUnit);
    }
    const q = parseQuantity(raw, "length", unit);
    return q.ok || q.blank
      ? q
      : { ok: false, blank: false, received: q.received, expected: LENGTH_EXPECTED(unit.code) };
  }

  private fromDimensions(field: "length" | "width" | "height"): Parsed<number> {
    const column = this.mapping.byField.dimensions;
    const raw = column ? unwrapCell(this.cells[column.index]) : undefined;
    const expected = {
      en: "L×W×H in one cell, such as 25*7*3, 26x27x7cm or 30×20×10 (cm)",
      zh: "在一个单元格中写长×宽×高，如 25*7*3、26x27x7cm、30×20×10（厘米）",
    };
    const text = typeof raw === "string" ? raw : undefined;
    const parts = text === undefined ? undefined : splitDimensions(text);
    if (!parts)
      return {
        ok: false,
        blank: isBlankCell(raw),
        received: text === undefined ? (isBlankCell(raw) ? "blank" : String(raw)) : `'${text}'`,
        expected,
      };
    const unit =
      (parts[3] ? lookupUnit(parts[3]) : undefined) ?? column?.unit ?? (DEFAULT_UNITS["length"] as UnitInfo);
    const index = field === "length" ? 0 : field === "width" ? 1 : 2;
    return parseQuantity(parts[index], "length", unit);
  }

  /** Reads a percentage as a fraction. */
  percent(field: FieldName): Parsed<number> {
    return (
      this.hit<number>(field) ??
      this.store(field, parsePercent(this.raw(field), this.mapping.byField[field]?.unit?.code === "%"))
    );
  }

  /** Reads yes/no. */
  bool(field: FieldName): Parsed<boolean> {
    return this.parsed(field, field === "hasBattery" ? parseBattery : parseBoolean);
  }

  /** Reads a date as an epoch day. */
  date(field: FieldName): Parsed<EpochDay> {
    return this.parsed(field, parseDate);
  }

  /** Reads a text. */
  text(field: FieldName): Parsed<string> {
    return this.parsed(field, parseText);
  }

  /** Reads a list. */
  list(field: FieldName): Parsed<readonly string[]> {
    return this.parsed(field, parseList);
  }

  /** Reads JSON. */
  json(field: FieldName): Parsed<unknown> {
    return this.parsed(field, parseJson);
  }

  /** Reads money: the amount and a currency if the cell names one (a column unit like "售价(USD)" counts). */
  money(field: FieldName): Parsed<MoneyCell> {
    const cached = this.hit<MoneyCell>(field);
    if (cached) return cached;
    const parsed = parseMoney(this.raw(field));
    const unit = this.mapping.byField[field]?.unit;
    if (parsed.ok && parsed.value.currency === undefined && unit?.dimension === "currency") {
      return this.store(field, { ok: true, value: { amount: parsed.value.amount, currency: unit.code } });
    }
    return this.store(field, parsed);
  }

  /** True when a document, mark or attribute cell says it is there (not blank, not "no"/"无"/"N/A"). */
  present(field: FieldName): boolean {
    const v = unwrapCell(this.raw(field));
    if (isBlankCell(v) || isErrorCell(v)) return false;
    const answer = parseBoolean(v);
    if (answer.ok) return answer.value;
    return !(typeof v === "string" && PLACEHOLDERS.has(v.normalize("NFKC").trim().toLowerCase()));
  }

  /** The category family of the row, or undefined when the category is blank or unmapped. */
  family(): CategoryFamily | undefined {
    if (this.familyCache === undefined) {
      const category = this.has("category") ? this.text("category") : undefined;
      this.familyCache = category?.ok ? this.compiled.categories.familyOf(category.value) : null;
    }
    return this.familyCache ?? undefined;
  }

  /**
   * Adds an issue found elsewhere (fees, sheet-level rules). A `missing` issue for a field that
   * already has one on this row is dropped: one blank cell is reported once.
   */
  add(issue: Issue): void {
    if (issue.severity === "missing" && issue.field !== undefined) {
      if (this.missingFields.has(issue.field)) return;
      this.missingFields.add(issue.field);
    }
    this.issues.push(issue);
  }

  /** Raises an issue on the current row. */
  raise(
    ruleId: RuleId,
    severity: Severity,
    field: FieldName,
    expected: string,
    received: string,
    message: Bilingual,
  ): void {
    const cell = this.cellOf(field);
    this.add(makeIssue(ruleId, severity, field, expected, received, message, cell));
  }

  /**
   * Raises the rule's own-severity issue at a given column of the current row (a column the
   * mapping may not name as a field, e.g. a seller's 颜色 column); `field` is its field or header.
   */
  failAt(
    ruleId: RuleId,
    field: FieldName | string,
    column: string,
    expected: string,
    received: string,
    message: Bilingual,
  ): void {
    const severity = this.compiled.pack.rules[ruleId].severity;
    this.add(makeIssue(ruleId, severity, field, expected, received, message, { row: this.sheetRow, column }));
  }

  /** Raises the rule's own-severity issue. */
  fail(ruleId: RuleId, field: FieldName, expected: string, received: string, message: Bilingual): void {
    this.raise(ruleId, this.compiled.pack.rules[ruleId].severity, field, expected, received, message);
  }

  /** Raises a `missing` issue for a blank or unreadable input. */
  missing(ruleId: RuleId, field: FieldName, problem: CellProblem): void {
    const label = FIELDS[field].label;
    const message: Bilingual = problem.blank
      ? { en: `${label.en} is blank`, zh: `${label.zh}为空` }
      : {
          en: `${label.en}: ${problem.received} is not ${problem.expected.en}`,
          zh: `${label.zh}：${problem.received} 不是${problem.expected.zh}`,
        };
    this.raise(ruleId, "missing", field, problem.expected.en, problem.received, message);
  }
}
