/**
 * The pane's host on the standalone page: a workbook opened from disk and read in the page with
 * the .xlsx port. A run writes an annotated copy (the file on disk is never touched), which the
 * next run and the download start from. Nothing leaves the page: no upload, no request but the
 * page's own files.
 * @packageDocumentation
 */
import { checkedName, CsvError, csvToWorkbook, isDelimitedText } from "../csv";
import type { WorkbookPort, WritePlan } from "../pipeline/port";
import { XlsxPort } from "../xlsx/port";
import { WorkbookOpenError } from "../xlsx/read";
import { HostError, type ClearResult, type PaneHost, type PaneSettings } from "./host";
import { langOf, type Lang } from "./strings";

/** Key/value storage (the browser's localStorage, or a map in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function memoryStore(): KeyValueStore {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

const PROFILE_KEY = "ae-modes.profile";

/** The standalone page's host. */
export class FileHost implements PaneHost {
  readonly kind = "file" as const;
  readonly lang: Lang;
  /** The file's name as opened. */
  name: string | undefined;
  private original: Uint8Array | undefined;
  private current: Uint8Array | undefined;
  private opened: Promise<XlsxPort> | undefined;
  /** Whether the current bytes carry a run of this page (so there is a copy to download). */
  changed = false;

  constructor(
    lang?: string,
    private readonly store: KeyValueStore = memoryStore(),
  ) {
    this.lang = langOf(lang);
  }

  /**
   * Opens a workbook's bytes — an .xlsx, or a CSV/TSV file read as a one-sheet workbook (its
   * encoding and delimiter detected) — and throws a HostError("file") with the reason when it
   * cannot be read.
   */
  async open(name: string, input: Uint8Array): Promise<void> {
    let port: XlsxPort;
    let bytes = input;
    try {
      if (isDelimitedText(name, input)) bytes = csvToWorkbook(name, input).bytes;
      port = await XlsxPort.open(bytes);
    } catch (error) {
      // A CSV's reason comes in both languages; a workbook's as a code the pane words itself.
      if (error instanceof CsvError)
        throw new HostError("file", this.lang === "zh" ? error.zh : error.message, "csv");
      const code = error instanceof WorkbookOpenError ? error.code : undefined;
      // A limit says in both languages which one it is and what to do.
      if (error instanceof WorkbookOpenError && error.zh !== undefined)
        throw new HostError("file", this.lang === "zh" ? error.zh : error.message, "worded");
      throw new HostError("file", error instanceof Error ? error.message : String(error), code);
    }
    this.name = name;
    this.original = bytes;
    this.current = bytes;
    this.opened = Promise.resolve(port);
    this.changed = false;
  }

  hasWorkbook(): boolean {
    return this.current !== undefined;
  }

  /** The workbook as it is now: the annotated copy after a run. */
  bytes(): Uint8Array | undefined {
    return this.current;
  }

  /** The download name of the annotated copy. */
  downloadName(): string {
    return checkedName(this.name ?? "workbook.xlsx");
  }

  private ready(): Promise<XlsxPort> {
    if (!this.current) return Promise.reject(new HostError("file", "no workbook is open"));
    if (!this.opened) this.opened = XlsxPort.open(this.current);
    return this.opened;
  }

  port(): WorkbookPort {
    const ready = () => this.ready();
    return {
      sheetNames: async () => (await ready()).sheetNames(),
      peek: async (sheet, maxRows) => (await ready()).peek(sheet, maxRows),
      extent: async (sheet, ignore) => (await ready()).extent(sheet, ignore),
      readRows: async (sheet, first, count) => (await ready()).readRows(sheet, first, count),
      tables: async (sheet) => (await ready()).tables(sheet),
      mergedRanges: async (sheet) => (await ready()).mergedRanges(sheet),
      readProfile: async () => (await ready()).readProfile(),
      readState: async () => (await ready()).readState(),
      write: async (plan: WritePlan) => {
        const port = await ready();
        await port.write(plan);
        if (!port.output) throw new HostError("write", "the annotated copy was not produced");
        this.current = port.output;
        this.opened = undefined;
        this.changed = true;
      },
    };
  }

  private settingsKey(): string {
    return `ae-modes.settings.${this.name ?? ""}`;
  }

  async loadSettings(): Promise<PaneSettings> {
    try {
      const text = this.store.getItem(this.settingsKey());
      return text ? (JSON.parse(text) as PaneSettings) : {};
    } catch {
      return {};
    }
  }

  async saveSettings(settings: PaneSettings): Promise<void> {
    this.store.setItem(this.settingsKey(), JSON.stringify(settings));
  }

  async loadProfile(): Promise<ReadonlyArray<readonly [string, unknown]>> {
    try {
      const text = this.store.getItem(PROFILE_KEY);
      if (text) return JSON.parse(text) as Array<[string, unknown]>;
    } catch {
      // A damaged entry is ignored; the workbook's own AE Profile sheet is read below.
    }
    if (!this.current) return [];
    const rows = (await (await this.ready()).readProfile()) ?? [];
    return rows.map((r) => [String(r[0] ?? ""), r[1]] as const);
  }

  async saveProfile(rows: ReadonlyArray<readonly [string, string]>): Promise<void> {
    this.store.setItem(PROFILE_KEY, JSON.stringify(rows));
  }

  async profileOption(): Promise<Readonly<Record<string, unknown>> | undefined> {
    const text = this.store.getItem(PROFILE_KEY);
    if (!text) return undefined;
    try {
      return Object.fromEntries(JSON.parse(text) as Array<[string, unknown]>);
    } catch {
      return undefined;
    }
  }

  async afterCheck(): Promise<void> {
    // Highlights and charts are Excel's; the copy has the columns and the report.
  }

  async afterReconcile(): Promise<void> {}

  /** Back to the workbook as it was opened: every column and sheet this page wrote is gone. */
  async clear(): Promise<ClearResult> {
    if (!this.changed || !this.original) return { columns: 0 };
    const state = await (await this.ready()).readState();
    this.current = this.original;
    this.opened = undefined;
    this.changed = false;
    return { columns: state?.columns.length ?? 0 };
  }

  async select(): Promise<void> {
    // No sheet to select in on this page: the cell addresses are shown in the results.
  }

  async selectRow(): Promise<boolean> {
    return false;
  }

  undoable(): boolean | undefined {
    return undefined;
  }
}
