/**
 * The check flow, written once over a {@link WorkbookPort}: find the data, map the headers,
 * evaluate every row (fees, SKU rules, sheet rules) and the seller profile, then write the
 * output columns and the report in one call. Progress is reported per chunk, and cancellation
 * is honoured between chunks — a cancelled run writes nothing.
 * @packageDocumentation
 */
import {
  amountToFen,
  columnLetter,
  parseMoney,
  flatText,
  formatIssueLine,
  skuKey,
  mapHeaders,
  readProfile,
  sheetLevelIssues,
  skuText,
  statusOf,
  statusOfSeverities,
  SEVERITY_BIT,
  type Bilingual,
  type CheckMode,
  type FeeOptions,
  type RulePack,
  type HeaderMapping,
  type Issue,
  type NotChecked,
  type RowResult,
  type RowStatus,
  type SellerResult,
  type SheetEvaluator,
  bestModeKey,
  bestModeOf,
  isFeeComponentId,
  bestModeText,
  reasonRank,
  type BestModeRow,
  type BestModeKey,
  type RateCard,
  applyRulesSheet,
  Engine,
  defaultRateCard,
  describeProblems,
} from "../engine";
import {
  ALL_OUTPUT_HEADERS,
  columnStyle,
  outputSpecs,
  valueWord,
  type Lang,
  type OutputSpec,
} from "./outputs";
import { buildReport } from "./report";
import { MergeFill, rowKind } from "./sheet-rows";
import { readRatesSheet } from "./rates";
import { DestinationsCollector } from "./destinations";
import {
  DISPUTES_SHEET,
  DESTINATIONS_SHEET,
  PROFILE_SHEET,
  RATES_SHEET,
  REPORT_SHEET,
  RULES_SHEET,
  STATE_SHEET,
  type OutputCell,
  type OutputColumn,
  type OwnSheet,
  type RunState,
  type WorkbookPort,
} from "./port";

/** Rows a run read but did not count: totals rows (合计 …, listed by sheet row) and blank rows. */
export interface SkippedRows {
  readonly totals: readonly number[];
  readonly blank: number;
}

/** Options of a check run. */
export interface CheckOptions {
  readonly mode: CheckMode | "compare";
  /** The sheet to check; by default the first sheet with a recognisable header row. */
  readonly sheet?: string;
  readonly lang?: Lang;
  /** Run-wide fee inputs (services, distance, carton, rate, monthly orders, exchange rate). */
  readonly fees?: FeeOptions;
  /** A seller profile given outside the workbook (wins over the AE Profile sheet). */
  readonly profile?: Readonly<Record<string, unknown>> | ReadonlyArray<readonly unknown[]>;
  /** The user's column mapping choices (header text or column letter → field, or null). */
  readonly mappingOverrides?: Readonly<Record<string, string | null>>;
  /** Rows per chunk (progress and cancellation granularity); default: the port's preference, else 2,000. */
  readonly chunkRows?: number;
  readonly onProgress?: (done: number, total: number) => void;
  readonly isCancelled?: () => boolean;
  /** "Now", for the report and the seller's age rules. */
  readonly now?: Date;
  /**
   * A rate card loaded by the host (a file); without it the workbook's `AE Rates` sheet is used,
   * else the pack's default card.
   */
  readonly rates?: RateCard;
  /**
   * Where the engine's rule-pack override came from ("file 'rules.json'"), when the host applied
   * one; then the workbook's `AE Rules` sheet is not read. Without it, an `AE Rules` sheet updates
   * the engine's pack for this run.
   */
  readonly packSource?: string;
  /**
   * Keep every row's results for {@link CheckSummary.perRow} (the pane's per-SKU view); default
   * true. A host that shows no per-row view (the CLI) passes false: each row's results are then
   * turned into its output cells as the rows are read, and let go — a sheet of a million rows
   * holds its output columns, not a million result objects.
   */
  readonly perRow?: boolean;
}

/** Why a run stopped without writing anything. */
export interface CheckFailure {
  readonly ok: false;
  readonly code:
    "unknown-sheet" | "no-header" | "column-conflict" | "cancelled" | "mapping" | "rate-card" | "rules";
  readonly message: Bilingual;
}

/** Per-mode results of a run. */
export interface ModeSummary {
  readonly mode: CheckMode;
  readonly counts: Readonly<Record<RowStatus, number>>;
  readonly seller: SellerResult;
  readonly notChecked: readonly NotChecked[];
  readonly feesComputed: number;
}

/** One rule's issues across the sheet. */
export interface RuleTally {
  readonly mode: CheckMode;
  readonly ruleId: string;
  readonly severity: Issue["severity"];
  readonly rows: number;
  readonly firstCells: readonly string[];
  readonly example: Bilingual;
}

/** What a finished run did. */
export interface CheckSummary {
  readonly ok: true;
  readonly sheet: string;
  readonly headerRow: number;
  readonly firstDataRow: number;
  readonly lastDataRow: number;
  readonly rowsChecked: number;
  /** Rows between the header and the last row that are not data. */
  readonly skipped: SkippedRows;
  /** The exchange rate used and where it came from (the option, or remembered from an earlier run). */
  readonly fx?: {
    readonly rate: number;
    readonly currency?: string;
    readonly source: "option" | "remembered";
  };
  readonly mode: CheckMode | "compare";
  readonly modes: readonly ModeSummary[];
  readonly tallies: readonly RuleTally[];
  readonly mapping: HeaderMapping;
  readonly columns: ReadonlyArray<{ readonly header: string; readonly letter: string }>;
  /** Compare mode: how many SKUs have each best mode (render with bestModeLabel). */
  readonly bestModes?: Readonly<Partial<Record<BestModeKey, number>>>;
  readonly profileSource: "option" | "sheet" | "none";
  readonly unknownProfileKeys: readonly string[];
  readonly startedAt: Date;
  /** The rate card the fulfilment fees came from. */
  readonly rateCard: RateCard;
  /** Where the rule pack's override came from, if any (the report lists what it changed). */
  readonly packSource: string | undefined;
  /** The rule pack the run used (the host's, updated by an AE Rules sheet or a loaded update). */
  readonly pack: RulePack;
  /**
   * Every row's results, for the pane's per-SKU view (the run's own arrays, not a copy); `results`
   * is empty when the run was asked not to keep them ({@link CheckOptions.perRow} false).
   */
  readonly perRow: PerRowResults;
}

/**
 * The results of each data row: index i is sheet row `firstDataRow + i`; undefined where the row
 * is blank.
 */
export interface PerRowResults {
  readonly skus: ReadonlyArray<string | undefined>;
  /** The row's cost in fen, where the sheet has a readable CNY cost. */
  readonly costs: ReadonlyArray<number | undefined>;
  readonly results: Readonly<Partial<Record<CheckMode, ReadonlyArray<RowResult | undefined>>>>;
}

/** The row statuses, best first. */
export const STATUSES: readonly RowStatus[] = [
  "ELIGIBLE",
  "ELIGIBLE_WITH_WARNINGS",
  "NOT_ELIGIBLE",
  "INCOMPLETE",
];
const OWN_SHEETS = new Set([
  REPORT_SHEET,
  STATE_SHEET,
  PROFILE_SHEET,
  DISPUTES_SHEET,
  RATES_SHEET,
  RULES_SHEET,
  DESTINATIONS_SHEET,
]);
const HEADER_SCAN_ROWS = 30;
const MIN_HEADER_FIELDS = 3;
const MAX_ISSUES_TEXT = 32_000;

const fail = (code: CheckFailure["code"], en: string, zh: string): CheckFailure => ({
  ok: false,
  code,
  message: { en, zh },
});

/** What a run cancelled before its write returns. */
export const CANCELLED: CheckFailure = fail(
  "cancelled",
  "cancelled: nothing was written",
  "已取消：未写入任何内容",
);

/** How many fields a row maps to, as a header-row score. */
function headerScore(row: readonly unknown[] | undefined): number {
  if (!row) return 0;
  return mapHeaders(row).columns.length;
}

/** Finds the sheet and its header row. */
async function locate(
  port: WorkbookPort,
  sheetName: string | undefined,
): Promise<{ sheet: string; headerRow: number; header?: readonly unknown[] } | CheckFailure> {
  const names = await port.sheetNames();
  let candidates: string[];
  if (sheetName !== undefined) {
    const found =
      names.find((n) => n === sheetName) ?? names.find((n) => n.toLowerCase() === sheetName.toLowerCase());
    if (!found)
      return fail(
        "unknown-sheet",
        `no sheet named '${sheetName}' (sheets: ${names.join(", ")})`,
        `找不到工作表“${sheetName}”（现有：${names.join("、")}）`,
      );
    candidates = [found];
  } else candidates = names.filter((n) => !OWN_SHEETS.has(n));
  for (const sheet of candidates) {
    // A table's header row is taken only when it reads as a catalog header (a small table of
    // something else must not win over the header rows of this or a later sheet).
    const tables = await port.tables(sheet);
    for (const table of tables) {
      if (table.headerRow <= 0) continue;
      const header = (await port.peek(sheet, table.headerRow))[table.headerRow - 1] ?? [];
      if (headerScore(header) >= MIN_HEADER_FIELDS) return { sheet, headerRow: table.headerRow, header };
    }
    const rows = await port.peek(sheet, HEADER_SCAN_ROWS);
    let best = { row: 0, score: 0 };
    rows.forEach((row, i) => {
      const score = headerScore(row);
      if (score > best.score) best = { row: i + 1, score };
    });
    if (best.score >= MIN_HEADER_FIELDS)
      return { sheet, headerRow: best.row, header: rows[best.row - 1] ?? [] };
  }
  const where = sheetName ?? candidates.join(", ");
  return fail(
    "no-header",
    `no recognisable header row in ${where}: the first ${HEADER_SCAN_ROWS} rows need a row with at least ${MIN_HEADER_FIELDS} known column names (e.g. SKU, 类目, 售价, 重量, 长, 宽, 高)`,
    `在${where}中找不到表头行：前${HEADER_SCAN_ROWS}行中需有一行至少包含${MIN_HEADER_FIELDS}个可识别的列名（如 SKU、类目、售价、重量、长、宽、高）`,
  );
}

const fen = (n: number | undefined): OutputCell => (n === undefined ? null : n / 100);

/** A fee component's amount in fen, if the fee has that component. */
function componentFen(fee: RowResult["fee"], id: string): number | undefined {
  if (!fee) return undefined;
  for (const c of fee.components) if (c.id === id) return c.fen;
  return undefined;
}

/** The value of one output column for one row. */
function outputValue(
  spec: OutputSpec,
  result: RowResult | undefined,
  lang: Lang,
  costFen: number | undefined,
): OutputCell {
  if (!result) return null;
  const fee = result.fee;
  const profitFen = fee && costFen !== undefined ? fee.amountCnyFen - fee.totalFen - costFen : undefined;
  switch (spec.kind) {
    // Status, issues and best mode are written once the sheet-level rules are in (ModeRows).
    case "status":
    case "issues":
    case "bestMode":
      return null;
    case "volumetric":
      return result.weights?.display.volumetricKg ?? null;
    case "chargeable":
      return result.weights?.display.chargeableKg ?? null;
    case "billable":
      return result.weights?.display.billableKg ?? null;
    case "total":
      return fen(fee?.totalFen);
    case "net":
      return fen(fee?.netPayoutFen);
    case "services":
      return fee
        ? ((fee.components.find((c) => c.id === "label")?.fen ?? 0) +
            (fee.components.find((c) => c.id === "photoQc")?.fen ?? 0)) /
            100
        : null;
    case "profit":
      return fen(profitFen);
    case "margin":
      return profitFen !== undefined && fee && fee.amountCnyFen !== 0 ? profitFen / fee.amountCnyFen : null;
    default:
      // A fee component's column (base, fulfilment, …): any component of the tables.
      return isFeeComponentId(spec.kind) ? fen(componentFen(fee, spec.kind)) : null;
  }
}

/**
 * The text of an AE Best mode cell: the coded {@link bestModeOf} rendered in `lang`.
 *
 * @example
 * ```ts
 * bestMode({ full: eligible(8.8), semi: eligible(10) }, "en") // => "full"
 * ```
 */
export function bestMode(
  results: Readonly<Record<CheckMode, RowResult>>,
  lang: Lang,
  costFen?: number,
): string {
  return bestModeText(bestModeOf(results, costFen), lang);
}

/** The sheet a run works on: where its data is, and which columns the add-in owns there. */
export interface OpenedSheet {
  readonly sheet: string;
  readonly headerRow: number;
  readonly header: readonly unknown[];
  readonly extent: {
    readonly lastRow: number;
    readonly lastColumn: number;
    readonly columnUsed?: (column: number) => boolean;
  };
  /** Output header → column index, for the columns an earlier run wrote. */
  readonly owned: ReadonlyMap<string, number>;
  readonly ownedIndices: ReadonlySet<number>;
  readonly mapping: HeaderMapping;
  /** What an earlier run on this workbook wrote (its exchange rate is reused), if anything. */
  readonly state?: RunState;
}

/**
 * Finds the data, recognises the add-in's own columns from an earlier run, refuses a user column
 * named like an output, and maps the headers. Shared by every run over a port.
 */
export async function openSheet(
  port: WorkbookPort,
  options: Pick<CheckOptions, "sheet" | "mappingOverrides">,
): Promise<OpenedSheet | CheckFailure> {
  const located = await locate(port, options.sheet);
  if ("ok" in located) return located;
  const { sheet, headerRow } = located;
  // The header cells were read while looking for them, unless a table said where they are.
  const header = located.header ?? (await port.peek(sheet, headerRow))[headerRow - 1] ?? [];
  const state = await port.readState();
  const owned = new Map<string, number>();
  // The earlier run's sheet: this one, or one renamed since (its name is gone from the workbook).
  const earlierSheet =
    state !== undefined && (state.sheet === sheet || !(await port.sheetNames()).includes(state.sheet));
  if (state && earlierSheet) {
    const taken = new Set<number>();
    // Where the earlier run put its columns, when they are still there…
    if (state.sheet === sheet && state.headerRow === headerRow)
      for (const column of state.columns)
        if (header[column.index] === column.header) {
          owned.set(column.header, column.index);
          taken.add(column.index);
        }
    // …else found by their headers: the seller inserted, deleted or moved columns (or renamed the
    // sheet) since, which the state's positions do not follow. A header found more than once is
    // not taken (a copy the seller made of it stays the seller's).
    for (const column of state.columns) {
      if (owned.has(column.header)) continue;
      const at: number[] = [];
      for (let i = 0; i < header.length; i++) if (!taken.has(i) && header[i] === column.header) at.push(i);
      if (at.length === 1) {
        owned.set(column.header, at[0] as number);
        taken.add(at[0] as number);
      }
    }
  }
  const ownedIndices = new Set(owned.values());
  const extent = await port.extent(sheet, ownedIndices);
  for (let i = 0; i < header.length; i++) {
    const text = typeof header[i] === "string" ? (header[i] as string).trim() : "";
    if (ALL_OUTPUT_HEADERS.has(text) && !ownedIndices.has(i)) {
      if (state && earlierSheet)
        return fail(
          "column-conflict",
          `column ${columnLetter(i)} of '${sheet}' is named '${text}' like a column of AE Modes' earlier check, but it is not one AE Modes can tell is its own (it is there more than once, or not in the earlier check's columns); delete or rename it and run again (nothing was changed)`,
          `工作表“${sheet}”的${columnLetter(i)}列名为“${text}”，与 AE Modes 上次检查的输出列同名，但无法确认是上次写入的（该列名出现不止一次，或不在上次的输出列中）；请删除或改名后重试（未做任何修改）`,
        );
      return fail(
        "column-conflict",
        `column ${columnLetter(i)} of '${sheet}' is your own column named '${text}', a name AE Modes writes; rename it and run again (nothing was changed)`,
        `工作表“${sheet}”的${columnLetter(i)}列是您自己的列，名为“${text}”，与 AE Modes 的输出列同名；请改名后重试（未做任何修改）`,
      );
    }
  }
  const mapping = mapHeaders(header, {
    ignore: (_h, index) => ownedIndices.has(index),
    ...(options.mappingOverrides ? { overrides: options.mappingOverrides } : {}),
  });
  if (mapping.problems.length > 0)
    return fail("mapping", mapping.problems.join("; "), mapping.problems.join("；"));
  return { sheet, headerRow, header, extent, owned, ownedIndices, mapping, ...(state ? { state } : {}) };
}

/**
 * Reads data rows in order, chunk by chunk, with merged ranges filled (a range's value applies to
 * every cell of it). Chunks must be asked for top to bottom.
 */
export async function sheetReader(
  port: WorkbookPort,
  opened: Pick<OpenedSheet, "sheet" | "headerRow"> & { readonly ownedIndices?: ReadonlySet<number> },
): Promise<(firstRow: number, count: number) => Promise<ReadonlyArray<readonly unknown[] | undefined>>> {
  const ranges = (await port.mergedRanges?.(opened.sheet)) ?? [];
  const fill = new MergeFill(ranges);
  // The add-in's own columns from an earlier run are not read (no rule reads them), unless a
  // merged range reaches them.
  const owned = opened.ownedIndices;
  const skip =
    owned &&
    owned.size > 0 &&
    !ranges.some((r) => [...owned].some((c) => c >= r.firstColumn && c <= r.lastColumn))
      ? owned
      : undefined;
  if (fill.empty) return (first, count) => port.readRows(opened.sheet, first, count, skip);
  const firstData = opened.headerRow + 1;
  const above = ranges.some((r) => r.firstRow < firstData && r.lastRow >= firstData)
    ? await port.peek(opened.sheet, opened.headerRow)
    : [];
  return async (first, count) =>
    fill.fill(await port.readRows(opened.sheet, first, count, skip), first, (r, c) => above[r - 1]?.[c]);
}

/**
 * The run's fee options: the given ones, with the exchange rate remembered from an earlier run on
 * the workbook when none is given.
 */
export function effectiveFees(
  fees: FeeOptions | undefined,
  state: RunState | undefined,
): { fees: FeeOptions | undefined; fx?: CheckSummary["fx"] } {
  if (fees?.fxRate !== undefined)
    return {
      fees,
      fx: { rate: fees.fxRate, ...(fees.currency ? { currency: fees.currency } : {}), source: "option" },
    };
  const remembered = state?.fx;
  if (!remembered || !(remembered.rate > 0)) return { fees };
  return {
    fees: {
      ...fees,
      fxRate: remembered.rate,
      ...(fees?.currency === undefined && remembered.currency ? { currency: remembered.currency } : {}),
    },
    fx: {
      rate: remembered.rate,
      ...(remembered.currency ? { currency: remembered.currency } : {}),
      source: "remembered",
    },
  };
}

/**
 * Where the output columns go: one contiguous block — where an earlier run's block starts, when
 * the new block fits there without covering anything of the user's (so a re-run in the same mode
 * writes the same columns, and one in another mode or language replaces them without leaving
 * empty ones behind), else after the last column that holds anything of the user's (value,
 * formula, style — as far as the host tells).
 * Returns the columns in spec order and the earlier columns to clear.
 */
export function placeColumns(
  opened: OpenedSheet,
  specs: ReadonlyArray<{
    readonly header: string;
    readonly format: OutputColumn["format"];
    /** What the column holds, for its look (status words get fills, issue text wraps). */
    readonly look?: "status" | "issues" | "note";
  }>,
  valuesOf: (specIndex: number) => OutputCell[],
): { columns: OutputColumn[]; clear: number[] } {
  const owned = opened.ownedIndices;
  let lastUser = owned.has(opened.extent.lastColumn) ? -1 : opened.extent.lastColumn;
  for (let i = opened.header.length - 1; i > lastUser; i--) {
    const v = opened.header[i];
    if (!owned.has(i) && v !== undefined && v !== null && v !== "") {
      lastUser = i;
      break;
    }
  }
  // The earlier block's place, where the new block fits there without covering a column of the
  // user's (a re-run in the same mode writes the same columns); else after the user's last column.
  const userColumn = (c: number) => {
    if (owned.has(c)) return false;
    if (opened.extent.columnUsed) return opened.extent.columnUsed(c);
    const v = opened.header[c];
    return v !== undefined && v !== null && v !== "";
  };
  const firstOwned = owned.size === 0 ? -1 : Math.min(...owned);
  let fits = firstOwned >= 0;
  for (let c = firstOwned; fits && c < firstOwned + specs.length; c++) if (userColumn(c)) fits = false;
  const start = fits ? firstOwned : lastUser + 1;
  const used = new Set<number>();
  const columns = specs.map((spec, k) => {
    const index = start + k;
    used.add(index);
    return {
      index,
      header: spec.header,
      format: spec.format,
      values: valuesOf(k),
      style: columnStyle(spec.header, spec.format, spec.look),
    };
  });
  return { columns, clear: [...owned].filter((i) => !used.has(i)) };
}

/**
 * The rate card of a run: the host's (a loaded file), else the workbook's `AE Rates` sheet, else
 * the pack's default card. A card with a bad row stops the run (nothing is written).
 */
export async function resolveRateCard(
  port: WorkbookPort,
  engine: Engine,
  options: Pick<CheckOptions, "rates">,
): Promise<RateCard | CheckFailure> {
  if (options.rates) return options.rates;
  const sheet = await readRatesSheet(port);
  if (!sheet) return defaultRateCard(engine.pack);
  if (sheet.ok) return sheet.card;
  return fail(
    "rate-card",
    `the rate card in sheet '${RATES_SHEET}' was not used: ${describeProblems(sheet.problems, "en")} (nothing was changed)`,
    `未使用“${RATES_SHEET}”工作表中的运费表：${describeProblems(sheet.problems, "zh")}（未做任何修改）`,
  );
}

/**
 * The engine of a run: the host's, updated by the workbook's `AE Rules` sheet unless the host
 * applied an override itself. A sheet with any bad row stops the run (nothing is written).
 */
export async function resolveEngine(
  port: WorkbookPort,
  engine: Engine,
  options: Pick<CheckOptions, "packSource">,
): Promise<{ engine: Engine; packSource: string | undefined } | CheckFailure> {
  if (options.packSource !== undefined) return { engine, packSource: options.packSource };
  const names = await port.sheetNames();
  const sheet = names.find((n) => n.trim().toLowerCase() === RULES_SHEET.toLowerCase());
  if (sheet === undefined) return { engine, packSource: undefined };
  const extent = await port.extent(sheet);
  const applied = applyRulesSheet(engine.pack, await port.peek(sheet, Math.max(1, extent.lastRow)));
  if (!applied.ok)
    return fail(
      "rules",
      `the rule updates in sheet '${sheet}' were not used: ${applied.errors.join("; ")} (nothing was changed)`,
      `未使用“${sheet}”工作表中的规则更新：${applied.errors.join("；")}（未做任何修改）`,
    );
  return { engine: new Engine(applied.pack), packSource: `sheet '${sheet}'` };
}

const STATUS_CODE: Readonly<Record<RowStatus, number>> = {
  ELIGIBLE: 1,
  ELIGIBLE_WITH_WARNINGS: 2,
  NOT_ELIGIBLE: 3,
  INCOMPLETE: 4,
};
const NO_ISSUES: readonly Issue[] = [];

/** `text` as the string kept for it in `seen` (up to 10,000 distinct texts; past that, `text` flattened). */
function shareText(seen: Map<string, string>, text: string): string {
  const kept = seen.get(text);
  if (kept !== undefined) return kept;
  const flat = flatText(text);
  if (seen.size < 10_000) seen.set(flat, flat);
  return flat;
}

/** One line of the rule tally while it is counted: `row` is the last row counted, `first` where it was first seen. */
interface TallyEntry {
  readonly ruleId: string;
  readonly severity: Issue["severity"];
  rows: number;
  row: number;
  readonly cells: string[];
  readonly example: Bilingual;
  /** Row index and position in the row's issue list where the entry was first seen (its order in the tally). */
  readonly first: readonly [number, number];
}

/**
 * What a run keeps of each row's results in one mode once its output cells are made: the status
 * (a code; 0 for a row not evaluated), the severities of its issues, the text of its AE Issues cell,
 * the order amount and fee total (for the best mode) and, in compare mode, the first missing and
 * first error issue (the best mode's reason). The rule tally is counted as the rows come; the
 * issues themselves are not kept, so a full-height sheet holds one text per row with issues
 * rather than its issue objects in both languages.
 */
class ModeRows {
  readonly status: Uint8Array;
  private readonly mask: Uint8Array;
  /** The AE Issues text of each row with issues, in the run's language, not yet cut to the cell limit. */
  private readonly texts: Array<string | undefined>;
  private readonly amountFen: Float64Array;
  /** NaN where no fee was computed. */
  private readonly totalFen: Float64Array;
  /** Compare mode: each row's issue the best mode's reason names, and its rank (3: none yet). */
  private readonly reasons: Array<BestModeRow["issues"][number] | undefined> | undefined;
  private readonly reasonRanks: Uint8Array;
  private readonly messages = new Map<string, BestModeRow["issues"][number]>();
  /** Rows whose sheet-level issues follow their own: where in the text they start (the separator). */
  private readonly acrossAt = new Map<number, number>();
  private readonly byRule = new Map<string, Map<Issue["severity"], TallyEntry>>();
  private readonly entries: TallyEntry[] = [];
  feesComputed = 0;
  constructor(
    total: number,
    private readonly lang: Lang,
    keepBlocking: boolean,
  ) {
    this.status = new Uint8Array(total);
    this.mask = new Uint8Array(total);
    this.texts = new Array<string | undefined>(total);
    this.amountFen = new Float64Array(total);
    this.totalFen = new Float64Array(total).fill(NaN);
    this.reasons = keepBlocking ? new Array<BestModeRow["issues"][number] | undefined>(total) : undefined;
    this.reasonRanks = new Uint8Array(keepBlocking ? total : 0).fill(3);
  }
  add(i: number, r: RowResult): void {
    this.status[i] = STATUS_CODE[r.status];
    if (r.issues.length > 0) this.addIssues(i, r.issues, 0);
    if (r.fee) {
      this.feesComputed++;
      this.amountFen[i] = r.fee.amountCnyFen;
      this.totalFen[i] = r.fee.totalFen;
    }
  }
  /**
   * Adds a sheet-level rule's issues to row `i` (after its own, as they are listed). Called in
   * ascending row order after every row was added; sheet-level rules are never raised by a row.
   */
  addAcross(i: number, extra: readonly Issue[]): void {
    if (!this.status[i] || extra.length === 0) return;
    // Positions past any row's own issues: the tally lists them after the row's own, as the cell does.
    const own = this.texts[i];
    this.addIssues(i, extra, 1 << 16);
    if (own !== undefined) this.acrossAt.set(i, own.length);
    this.status[i] = STATUS_CODE[statusOfSeverities(this.mask[i] as number)];
  }
  private addIssues(i: number, issues: readonly Issue[], from: number): void {
    let mask = this.mask[i] as number;
    for (let k = 0; k < issues.length; k++) {
      const issue = issues[k] as Issue;
      mask |= SEVERITY_BIT[issue.severity];
      this.count(i, issue, from + k);
    }
    this.mask[i] = mask;
    const text = issues
      .map((issue) => formatIssueLine(issue, this.lang))
      .join(this.lang === "zh" ? "；" : "; ");
    const own = this.texts[i];
    this.texts[i] = flatText(own === undefined ? text : own + (this.lang === "zh" ? "；" : "; ") + text);
    if (this.reasons) {
      // The best mode's reason names one issue (reasonRank): the best-ranked one is kept, with one
      // object per distinct text rather than the row's issue.
      for (const issue of issues) {
        const rank = reasonRank(issue);
        if (rank === undefined || rank >= (this.reasonRanks[i] as number)) continue;
        this.reasonRanks[i] = rank;
        this.reasons[i] = this.shared(issue);
      }
    }
  }
  private shared(issue: Issue): BestModeRow["issues"][number] {
    const { severity, ruleId, message } = issue;
    const key = `${severity}\u0000${ruleId}\u0000${message.en}\u0000${message.zh}`;
    let kept = this.messages.get(key);
    if (!kept)
      this.messages.set(
        key,
        (kept = { severity, ruleId, message: { en: flatText(message.en), zh: flatText(message.zh) } }),
      );
    return kept;
  }
  private count(i: number, issue: Issue, position: number): void {
    let bySeverity = this.byRule.get(issue.ruleId);
    if (!bySeverity) this.byRule.set(issue.ruleId, (bySeverity = new Map()));
    let t = bySeverity.get(issue.severity);
    if (!t) {
      t = {
        ruleId: issue.ruleId,
        severity: issue.severity,
        rows: 0,
        row: -1,
        cells: [],
        example: issue.message,
        first: [i, position],
      };
      bySeverity.set(issue.severity, t);
      this.entries.push(t);
    }
    if (t.row !== i) {
      t.rows += 1;
      t.row = i;
    }
    if (t.cells.length < 5 && issue.cell) t.cells.push(`${issue.cell.column}${issue.cell.row}`);
  }
  /** The AE Issues cell of row `i` (cut to the cell limit), null for a row without issues. */
  issuesCell(i: number): string | null {
    const text = this.texts[i];
    if (text === undefined) return null;
    if (text.length <= MAX_ISSUES_TEXT) return text;
    // Too long for the cell: the row's own issues are cut, not the sheet-level ones after them
    // (a duplicate listing is what makes the row NOT_ELIGIBLE; it must stay in sight).
    const at = this.acrossAt.get(i);
    const across = at === undefined ? "" : text.slice(at);
    if (across.length > 0 && across.length < MAX_ISSUES_TEXT / 2)
      return `${text.slice(0, MAX_ISSUES_TEXT - across.length)}…${across}`;
    return `${text.slice(0, MAX_ISSUES_TEXT)}…`;
  }
  /** The rule tally in the order the rules were first met (row by row, each row's issues in order). */
  tally(): TallyEntry[] {
    return [...this.entries].sort((a, b) => a.first[0] - b.first[0] || a.first[1] - b.first[1]);
  }
  /** Lets the issue texts go once they are in the output columns. */
  release(): void {
    this.texts.length = 0;
    if (this.reasons) this.reasons.length = 0;
    this.messages.clear();
    this.acrossAt.clear();
  }
  /** What {@link bestModeOf} reads of a row's result: its status, the issue its reason names, and its fee figures. */
  forBestMode(i: number): BestModeRow {
    const total = this.totalFen[i] as number;
    const reason = this.reasons?.[i];
    return {
      status: STATUSES[(this.status[i] as number) - 1] as RowStatus,
      issues: reason ? [reason] : NO_ISSUES,
      fee: Number.isNaN(total) ? undefined : { amountCnyFen: this.amountFen[i] as number, totalFen: total },
    };
  }
}

/**
 * Runs a check over a workbook port. Returns what it did, or why it stopped (nothing written).
 *
 * @example
 * ```ts
 * const result = await runCheck(port, new Engine(), { mode: "semi", lang: "en" });
 * if (result.ok) console.log(result.modes[0].counts);
 * ```
 */
export async function runCheck(
  port: WorkbookPort,
  hostEngine: Engine,
  options: CheckOptions,
): Promise<CheckSummary | CheckFailure> {
  const startedAt = options.now ?? new Date();
  const lang = options.lang ?? "en";
  const opened = await openSheet(port, options);
  if ("ok" in opened) return opened;
  const resolved = await resolveEngine(port, hostEngine, options);
  if ("ok" in resolved) return resolved;
  const { engine, packSource } = resolved;
  const { sheet, headerRow, header, extent, ownedIndices, mapping } = opened;
  const rateCard = await resolveRateCard(port, engine, options);
  if ("ok" in rateCard) return rateCard;
  const { fees, fx } = effectiveFees(options.fees, opened.state);
  const modes: CheckMode[] = options.mode === "compare" ? ["full", "semi"] : [options.mode];
  const evaluators = new Map<CheckMode, SheetEvaluator>(
    modes.map((m) => [
      m,
      engine.prepareSheet(header, { mode: m, mapping, rates: rateCard, ...(fees ? { fees } : {}) }),
    ]),
  );
  const read = await sheetReader(port, opened);

  const firstDataRow = headerRow + 1;
  const lastDataRow = Math.max(extent.lastRow, headerRow);
  const total = lastDataRow - headerRow;
  const chunk = chunkRows(port, options, extent.lastColumn + 1);
  const keepRows = options.perRow !== false;
  const results = new Map<CheckMode, Array<RowResult | undefined>>(
    keepRows ? modes.map((m) => [m, new Array<RowResult | undefined>(total)]) : [],
  );
  // What the rest of the run needs of each row, kept compactly (the results themselves are let
  // go unless kept for perRow): its status, its issues (rows with none hold nothing) and the
  // order amount and fee total for the best mode.
  const rowsOf = new Map<CheckMode, ModeRows>(
    modes.map((m) => [m, new ModeRows(total, lang, options.mode === "compare")]),
  );
  const skus: Array<string | undefined> = new Array(total);
  const skuColumn = mapping.byField.sku;
  // With a cost column, profit and margin are written too (a blank or unreadable cost leaves them blank).
  const costColumn = mapping.byField.cost;
  const costs: Array<number | undefined> = new Array(total);
  const totalsRows: number[] = [];
  let blankRows = 0;
  // The output columns, filled as the rows are evaluated (status and issues once the sheet-level
  // rules are in). Empty cells are holes, so a column of numbers is stored as numbers.
  const specs = outputSpecs(options.mode, lang, costColumn !== undefined);
  const values: OutputCell[][] = specs.map(() => new Array<OutputCell>(total));
  const rowSpecs = new Map<CheckMode, number[]>(
    modes.map((m) => [
      m,
      specs.flatMap((spec, k) =>
        spec.mode === m && spec.kind !== "status" && spec.kind !== "issues" ? [k] : [],
      ),
    ]),
  );
  // With a seller's rate card and a target-markets column: the AE Destinations sheet.
  const semiEvaluator = evaluators.get("semi");
  const marketsColumn = mapping.byField.targetMarkets;
  const destinations =
    semiEvaluator && marketsColumn && rateCard.source.kind !== "default"
      ? new DestinationsCollector(semiEvaluator, marketsColumn.index, lang)
      : undefined;
  for (let offset = 0; offset < total; offset += chunk) {
    if (options.isCancelled?.()) return CANCELLED;
    const count = Math.min(chunk, total - offset);
    const rows = await read(firstDataRow + offset, count);
    for (let i = 0; i < count; i++) {
      const cells = rows[i];
      const kind = rowKind(cells, skuColumn?.index, ownedIndices);
      if (kind !== "data" || !cells) {
        if (kind === "totals") totalsRows.push(firstDataRow + offset + i);
        else blankRows++;
        continue;
      }
      const index = offset + i;
      if (skuColumn) skus[index] = skuText(cells[skuColumn.index]);
      if (costColumn) costs[index] = costFen(cells[costColumn.index]);
      for (const mode of modes) {
        const r = (evaluators.get(mode) as SheetEvaluator).evaluateRow(cells, firstDataRow + index);
        if (keepRows) (results.get(mode) as Array<RowResult | undefined>)[index] = r;
        (rowsOf.get(mode) as ModeRows).add(index, r);
        for (const k of rowSpecs.get(mode) as number[]) {
          const v = outputValue(specs[k] as OutputSpec, r, lang, costs[index]);
          if (v !== null) (values[k] as OutputCell[])[index] = v;
        }
      }
      destinations?.add(cells, firstDataRow + index, costs[index], skuColumn?.index);
    }
    options.onProgress?.(offset + count, total);
  }
  if (options.isCancelled?.()) return CANCELLED;

  // Sheet-level rules across rows: merge into the rows involved.
  for (const mode of modes) {
    const across = sheetLevelIssues(engine.compiled, mode, skus, (i) =>
      skuColumn ? { row: firstDataRow + i, column: skuColumn.letter } : undefined,
    );
    const list = results.get(mode);
    const compact = rowsOf.get(mode) as ModeRows;
    // In row order, so the tally's first cells and order are those of the rows.
    for (const i of [...across.keys()].sort((a, b) => a - b)) {
      const extra = across.get(i) as Issue[];
      if (!compact.status[i]) continue;
      compact.addAcross(i, extra);
      const r = list?.[i];
      if (list && r) {
        const issues = [...r.issues, ...extra];
        list[i] = { ...r, issues, status: statusOf(issues) };
      }
    }
  }
  // The status and issues columns, now that every row's issues are known.
  specs.forEach((spec, k) => {
    if (spec.kind !== "status" && spec.kind !== "issues") return;
    const compact = rowsOf.get(spec.mode as CheckMode) as ModeRows;
    const column = values[k] as OutputCell[];
    for (let i = 0; i < total; i++) {
      const code = compact.status[i] as number;
      if (code === 0) continue;
      const v =
        spec.kind === "status" ? valueWord(STATUSES[code - 1] as RowStatus, lang) : compact.issuesCell(i);
      if (v !== null) column[i] = v;
    }
  });

  // Seller profile: an option wins over the AE Profile sheet.
  const profileRows = options.profile ?? (await port.readProfile());
  const profileSource: CheckSummary["profileSource"] = options.profile
    ? "option"
    : profileRows
      ? "sheet"
      : "none";
  const profile = profileRows ? readProfile(profileRows as Parameters<typeof readProfile>[0]) : undefined;
  let distinctSkus: number | undefined;
  if (skuColumn) {
    const seen = new Set<string>();
    for (let i = 0; i < skus.length; i++) {
      const s = skus[i];
      // The same SKU as the duplicate-listing rule sees it (width and surrounding spaces folded).
      if (s !== undefined) {
        const key = skuKey(s);
        if (key !== "") seen.add(key);
      }
    }
    distinctSkus = seen.size;
  }
  const asOf = Math.floor(startedAt.getTime() / 86_400_000);

  // Compare mode: each SKU's best mode as a value, counted here and rendered where written.
  let bestModes: Partial<Record<BestModeKey, number>> | undefined;
  if (options.mode === "compare") {
    bestModes = {};
    const full = rowsOf.get("full") as ModeRows;
    const semi = rowsOf.get("semi") as ModeRows;
    const k = specs.findIndex((s) => s.kind === "bestMode");
    // Most rows share a handful of verdicts: one string each rather than one per row.
    const bestTexts = new Map<string, string>();
    for (let i = 0; i < total; i++) {
      if (!full.status[i] || !semi.status[i]) continue;
      const b = bestModeOf({ full: full.forBestMode(i), semi: semi.forBestMode(i) }, costs[i]);
      const key = bestModeKey(b);
      bestModes[key] = (bestModes[key] ?? 0) + 1;
      if (k >= 0) (values[k] as OutputCell[])[i] = shareText(bestTexts, bestModeText(b, lang));
    }
  }
  const { columns, clear } = placeColumns(opened, specs, (k) => values[k] as OutputCell[]);

  const modeSummaries: ModeSummary[] = modes.map((mode) => {
    const compact = rowsOf.get(mode) as ModeRows;
    const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<RowStatus, number>;
    for (let i = 0; i < total; i++) {
      const code = compact.status[i] as number;
      if (code) counts[STATUSES[code - 1] as RowStatus] += 1;
    }
    return {
      mode,
      counts,
      seller: engine.evaluateSeller(profile, mode, {
        asOf,
        ...(distinctSkus !== undefined ? { skuCount: distinctSkus } : {}),
      }),
      notChecked: (evaluators.get(mode) as SheetEvaluator).notChecked,
      feesComputed: compact.feesComputed,
    };
  });
  const tallies = tally(modes, rowsOf);
  // The rows' issue texts are in the columns now: not held while the copy is written.
  for (const compact of rowsOf.values()) compact.release();
  const rowsChecked = modeSummaries[0]
    ? STATUSES.reduce((n, s) => n + (modeSummaries[0] as ModeSummary).counts[s], 0)
    : 0;

  const summary: CheckSummary = {
    ok: true,
    sheet,
    headerRow,
    firstDataRow,
    lastDataRow,
    rowsChecked,
    skipped: { totals: totalsRows, blank: blankRows },
    ...(fx ? { fx } : {}),
    mode: options.mode,
    modes: modeSummaries,
    tallies,
    mapping,
    columns: columns.map((c) => ({ header: c.header, letter: columnLetter(c.index) })),
    ...(bestModes ? { bestModes } : {}),
    profileSource,
    unknownProfileKeys: profile?.unknownKeys ?? [],
    startedAt,
    rateCard,
    packSource,
    pack: engine.pack,
    perRow: { skus, costs, results: keepRows ? Object.fromEntries(results) : {} },
  };
  const destinationsSheet = destinations?.sheet();
  // A sheet from an earlier run that this run has nothing for says so, rather than showing old figures.
  const stale =
    !destinationsSheet && (await port.sheetNames()).includes(DESTINATIONS_SHEET)
      ? staleDestinations(lang)
      : undefined;
  await writeRun(
    port,
    opened,
    { columns, clear },
    buildReport(summary, engine, { ...options, ...(fees ? { fees } : {}) }, lang),
    startedAt,
    fx ? { rate: fx.rate, ...(fx.currency ? { currency: fx.currency } : {}) } : opened.state?.fx,
    ((sheet) => (sheet ? [sheet] : undefined))(destinationsSheet ?? stale),
  );
  return summary;
}

/**
 * Hands a run's outputs to the port in one write, with the state that lets the next run find and
 * replace these columns.
 */
export async function writeRun(
  port: WorkbookPort,
  opened: OpenedSheet,
  placed: { readonly columns: readonly OutputColumn[]; readonly clear: readonly number[] },
  report: OwnSheet,
  startedAt: Date,
  fx?: RunState["fx"],
  sheets?: readonly OwnSheet[],
  purpose: RunState["purpose"] = "check",
): Promise<void> {
  const state: RunState = {
    version: 1,
    purpose,
    sheet: opened.sheet,
    headerRow: opened.headerRow,
    columns: placed.columns.map((c) => ({ header: c.header, index: c.index })),
    writtenAt: startedAt.toISOString(),
    ...(fx ? { fx } : {}),
  };
  await port.write({
    sheet: opened.sheet,
    headerRow: opened.headerRow,
    firstDataRow: opened.headerRow + 1,
    lastDataRow: Math.max(opened.extent.lastRow, opened.headerRow),
    columns: placed.columns,
    clear: placed.clear,
    report,
    ...(sheets && sheets.length > 0 ? { sheets } : {}),
    state,
  });
}

/** The AE Destinations sheet of a run that had no per-destination view to write. */
function staleDestinations(lang: Lang): OwnSheet {
  return {
    name: DESTINATIONS_SHEET,
    rows: [
      [
        lang === "en"
          ? "Not computed by the last run: it needs a rate card (AE Rates sheet or a loaded file) and a 目标市场/Target markets column."
          : "上次运行未计算：需要运费表（“AE Rates”工作表或载入的文件）和“目标市场”列。",
      ],
    ],
  };
}

/** Rows per chunk: the option, else the port's preference for this width, else 2,000. */
export function chunkRows(
  port: WorkbookPort,
  options: Pick<CheckOptions, "chunkRows">,
  width: number,
): number {
  return Math.max(1, options.chunkRows ?? port.rowsPerRead?.(width) ?? 2000);
}

/** A cost cell in integer fen (CNY), or undefined when blank, unreadable or in another currency. */
function costFen(cell: unknown): number | undefined {
  const money = parseMoney(cell);
  if (!money.ok || (money.value.currency !== undefined && money.value.currency !== "CNY")) return undefined;
  return amountToFen(money.value.amount);
}

/** A row with no value outside the `ignore`d columns (the add-in's own, from an earlier run). */
export function isBlankRow(cells: readonly unknown[], ignore: ReadonlySet<number>): boolean {
  for (let i = 0; i < cells.length; i++) {
    if (ignore.has(i)) continue;
    const v = cells[i];
    if (v !== undefined && v !== null && !(typeof v === "string" && v.trim() === "")) return false;
  }
  return true;
}

function tally(modes: readonly CheckMode[], rowsOf: ReadonlyMap<CheckMode, ModeRows>): RuleTally[] {
  const out: RuleTally[] = [];
  for (const mode of modes) {
    const list = (rowsOf.get(mode) as ModeRows).tally();
    const order: Record<Issue["severity"], number> = { error: 0, missing: 1, warning: 2, info: 3 };
    for (const t of list) {
      out.push({
        mode,
        ruleId: t.ruleId,
        severity: t.severity,
        rows: t.rows,
        firstCells: t.cells,
        example: t.example,
      });
    }
    out.sort((a, b) =>
      a.mode === b.mode
        ? order[a.severity] - order[b.severity] || b.rows - a.rows
        : a.mode.localeCompare(b.mode),
    );
  }
  return out;
}
