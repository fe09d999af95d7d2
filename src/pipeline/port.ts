/**
 * The port every host implements for the pipeline: an .xlsx file (src/xlsx) today, the live
 * Excel workbook (Office.js) next. The flow in run.ts is written once against this interface.
 * @packageDocumentation
 */

/** A value the pipeline writes into a cell. */
export type OutputCell = string | number | null;

/** How a number is shown: money 0.00, weight 0.000, percent 0.00%. */
export type CellFormat = "text" | "money" | "weight" | "percent" | "number";

/** The fill of a status or verdict cell: green (eligible, match), amber, red, grey (incomplete, cannot check). */
export type Tone = "green" | "amber" | "red" | "grey";

/** One output column of the checked sheet. */
export interface OutputColumn {
  /** 0-based column index on the sheet. */
  readonly index: number;
  readonly header: string;
  readonly format: CellFormat;
  /** One value per data row, from the first data row down. */
  readonly values: readonly OutputCell[];
  /**
   * How the column should look, for a host that can style it (header bold and the header row
   * frozen come with every plan): its width in characters (fits the header), whether its text
   * wraps (issues, notes), and a fill per cell value (status and verdict words).
   */
  readonly style?: ColumnStyle;
}

/** The look of one output column. */
export interface ColumnStyle {
  readonly width: number;
  readonly wrap?: boolean;
  /** Cell value → fill (both the codes and the Chinese words). */
  readonly tones?: Readonly<Record<string, Tone>>;
}

/** A sheet the add-in owns entirely (the report). */
export interface OwnSheet {
  readonly name: string;
  readonly rows: ReadonlyArray<readonly OutputCell[]>;
  readonly hidden?: boolean;
  readonly widths?: readonly number[];
}

/** What an earlier run wrote, so a re-run replaces exactly that. */
export interface RunState {
  readonly version: 1;
  /** What the run was: a catalog check or a statement's reconciliation (absent before issue 13's trial). */
  readonly purpose?: "check" | "reconcile";
  readonly sheet: string;
  readonly headerRow: number;
  /** The output columns written: header text and 0-based column index. */
  readonly columns: ReadonlyArray<{ readonly header: string; readonly index: number }>;
  readonly writtenAt: string;
  /** The exchange rate of the run (CNY per unit of `currency`), remembered for the next run. */
  readonly fx?: { readonly rate: number; readonly currency?: string };
}

/** Everything a run writes, handed to the port in one call (so a cancelled run writes nothing). */
export interface WritePlan {
  readonly sheet: string;
  readonly headerRow: number;
  readonly firstDataRow: number;
  readonly lastDataRow: number;
  readonly columns: readonly OutputColumn[];
  /** Columns of an earlier run this run does not write again: cleared. */
  readonly clear: readonly number[];
  readonly report: OwnSheet;
  /** Further sheets the add-in owns (the reconciliation's AE Disputes), each replaced whole. */
  readonly sheets?: readonly OwnSheet[];
  readonly state: RunState;
}

/** A table (Excel ListObject) on a sheet. */
export interface TableInfo {
  readonly name: string;
  /** 1-based row of the table's header. */
  readonly headerRow: number;
  readonly firstColumn: number;
  readonly lastColumn: number;
  readonly lastRow: number;
}

/** A merged range of cells: 1-based rows, 0-based columns, inclusive. */
export interface MergedRange {
  readonly firstRow: number;
  readonly lastRow: number;
  readonly firstColumn: number;
  readonly lastColumn: number;
}

/** A workbook as the pipeline sees it. Rows are 1-based sheet rows; cells are 0-based from column A. */
export interface WorkbookPort {
  /** Sheets a user can see, in workbook order. */
  sheetNames(): Promise<readonly string[]>;
  /** The cells of rows 1..maxRows (undefined for a row with no cells). */
  peek(sheet: string, maxRows: number): Promise<ReadonlyArray<readonly unknown[] | undefined>>;
  /**
   * The last row and column (0-based) holding a cell. A host that can tells the last column
   * outside `ignore` (the add-in's own columns from an earlier run).
   */
  extent(
    sheet: string,
    ignore?: ReadonlySet<number>,
  ): Promise<{
    readonly lastRow: number;
    readonly lastColumn: number;
    /** Whether a column holds anything (value, formula, user style), where the host knows. */
    readonly columnUsed?: (column: number) => boolean;
  }>;
  /**
   * The cells of `count` rows from `firstRow`. `skip`: columns whose values the caller does not
   * use (the add-in's own from an earlier run); a host may leave them out of the rows.
   */
  readRows(
    sheet: string,
    firstRow: number,
    count: number,
    skip?: ReadonlySet<number>,
  ): Promise<ReadonlyArray<readonly unknown[] | undefined>>;
  /**
   * The sheet's merged ranges, if the host knows them. The pipeline applies a range's value (its
   * top-left cell) to every cell of the range; the port returns the cells as stored.
   */
  mergedRanges?(sheet: string): Promise<readonly MergedRange[]>;
  /** Tables on the sheet, if the host knows them. */
  tables(sheet: string): Promise<readonly TableInfo[]>;
  /** The rows of the "AE Profile" sheet (key in A, value in B), or undefined when there is none. */
  readProfile(): Promise<ReadonlyArray<readonly unknown[]> | undefined>;
  /** What the add-in wrote last time, if anything. */
  readState(): Promise<RunState | undefined>;
  /** Writes everything at once. */
  write(plan: WritePlan): Promise<void>;
  /**
   * Rows per read for a sheet this wide, if the host has a preference (Excel: as many as one
   * request allows). Runs use it when their options give no chunk size.
   */
  rowsPerRead?(width: number): number;
}

/** The sheet names the add-in owns. */
export const REPORT_SHEET = "AE Report";
export const STATE_SHEET = "AE Meta";
export const PROFILE_SHEET = "AE Profile";
/** The reconciliation's disputed lines, ready to send to the platform. */
export const DISPUTES_SHEET = "AE Disputes";
/** The seller's rate card (read, never written). */
export const RATES_SHEET = "AE Rates";
/** The seller's rule updates, `rule id · figure · value` rows (read, never written). */
export const RULES_SHEET = "AE Rules";
/** Per SKU × destination fees (written when a rate card is loaded and rows list target markets). */
export const DESTINATIONS_SHEET = "AE Destinations";
