/**
 * What the pane needs from where it runs: the live workbook in Excel (excel-host.ts) or a file
 * opened in the standalone page (file-host.ts). The pane itself only talks to this interface and
 * to the pipeline, so both hosts run the same checks with the same nothing-lost rules.
 * @packageDocumentation
 */
import type { CheckMode } from "../engine";
import type { CheckSummary } from "../pipeline/run";
import type { ReconcileSummary } from "../pipeline/reconcile";
import type { WorkbookPort } from "../pipeline/port";
import type { Lang } from "./strings";

/** What the pane remembers per workbook. */
export interface PaneSettings {
  readonly mode?: CheckMode | "compare";
  readonly sheet?: string;
  /** Fee option key (see OPTION_KEYS) → the text the user typed. */
  readonly options?: Readonly<Record<string, string>>;
  /** Header text → field name, or null for "not used". */
  readonly mapping?: Readonly<Record<string, string | null>>;
  readonly reconcileMode?: CheckMode;
  readonly tolerance?: string;
  /** A rule update (rule-pack override JSON) the seller loaded, with its file name. */
  readonly rules?: { readonly name: string; readonly json: unknown };
  /** A rate card the seller loaded (checked, kept as header + rows), with its file name. */
  readonly rates?: { readonly name: string; readonly rows: ReadonlyArray<readonly unknown[]> };
  /** The Reconcile tab's own exchange rate and fulfilment rate (texts as typed). */
  readonly reconcileFx?: string;
  readonly reconcileFulfilmentRate?: string;
}

/** What clearing removed. */
export interface ClearResult {
  readonly columns: number;
}

/** A host of the pane. */
export interface PaneHost {
  readonly kind: "excel" | "file";
  /** The display language Office (or the browser) asks for. */
  readonly lang: Lang;
  /** Whether a workbook is open (always in Excel; after a file is chosen on the page). */
  hasWorkbook(): boolean;
  /** A fresh port over the workbook for one run. */
  port(): WorkbookPort;
  loadSettings(): Promise<PaneSettings>;
  saveSettings(settings: PaneSettings): Promise<void>;
  /** The seller profile as key/value rows (from the AE Profile sheet, or the browser). */
  loadProfile(): Promise<ReadonlyArray<readonly [string, unknown]>>;
  saveProfile(rows: ReadonlyArray<readonly [string, string]>): Promise<void>;
  /** The profile a run passes as an option (the file host), or undefined to let the run read the sheet. */
  profileOption(): Promise<Readonly<Record<string, unknown>> | undefined>;
  /** After a check wrote its columns: highlights, and the chart (titled in the run's language). */
  afterCheck(summary: CheckSummary, lang: Lang): Promise<void>;
  afterReconcile(summary: ReconcileSummary): Promise<void>;
  /** Removes everything the add-in wrote, and only that. */
  clear(): Promise<ClearResult>;
  /** Selects cells ("F12" or "F2,F5") on a sheet, if the host shows a sheet. */
  select(sheet: string, addresses: readonly string[]): Promise<void>;
  /**
   * Selects a whole sheet row (1-based) and shows it, if the host shows a sheet. Returns whether
   * it did (false on the page, where the pane shows the row's input cells instead).
   */
  selectRow(sheet: string, row: number): Promise<boolean>;
  /** Whether the last write can be undone in one step (Excel's undo group), if known. */
  undoable(): boolean | undefined;
}

/** An error a host raises with a message meant for the user. */
export class HostError extends Error {
  constructor(
    readonly kind: "protected" | "busy" | "write" | "file" | "unknown",
    readonly reason: string,
    /** For a file that cannot be opened: why ("not-xlsx", "encrypted", "corrupt"). */
    readonly code?: string,
  ) {
    super(reason);
  }
}
