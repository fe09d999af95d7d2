/**
 * An in-memory fake of the part of the Excel JavaScript API the Office.js port and the Excel host
 * use. It is meant to be as strict as Excel where Microsoft documents how Excel behaves, so that
 * code which passes here does not fail in Excel for a reason the fake hid. Each modelled behaviour
 * names the Microsoft Learn page it follows:
 *
 * - A loaded property cannot be read before `context.sync()`; writes take effect at the next sync.
 *   (learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-core-concepts — "load" and "sync")
 * - Excel on the web refuses a request or a response over 5 MB with
 *   `RequestPayloadSizeLimitExceeded` / `ResponsePayloadSizeLimitExceeded`.
 *   (learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization
 *   §Excel add-ins; error codes: learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling)
 * - Undo: with `mergeUndoGroup` (ExcelApi 1.20) every sync of one Excel.run is one undo record;
 *   without it every sync is one. An API from the "Unsupported APIs" table (Worksheet.delete
 *   everywhere; Worksheet.visibility, Worksheet.name, Worksheet.position on Windows and Mac) clears
 *   the user's undo stack, and inside a group fails with `UndoNotSupported`.
 *   (learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities;
 *   learn.microsoft.com/javascript/api/excel/excel.runoptions#excel-excel-runoptions-mergeundogroup-member)
 * - Cell-edit mode: a batch fails with `InvalidOperationInCellEditMode` unless it was run with
 *   `delayForCellEdit`, which waits until the user leaves the cell.
 *   (learn.microsoft.com/javascript/api/excel/excel.runoptions#excel-excel-runoptions-delayforcelledit-member)
 * - `suspendApiCalculationUntilNextSync`: "it is the developer's responsibility to re-calc the
 *   workbook": values written while suspended leave formulas stale until `application.calculate`.
 *   (learn.microsoft.com/javascript/api/excel/excel.application#excel-excel-application-suspendapicalculationuntilnextsync-member(1))
 * - Values written through `Range.values` are parsed as if typed: "0012345" → 12345, "95%" → 0.95,
 *   "2024-06-30" → a date serial, "=…" → a formula; a leading apostrophe or the text number format
 *   "@" keeps the text. (learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-set-get-values;
 *   learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-numberformat-member)
 * - Sheet names are case-insensitive: `getItem("ae report")` finds "AE Report", and adding a name
 *   that differs only in case fails with `ItemAlreadyExists`.
 *   (learn.microsoft.com/javascript/api/excel/excel.worksheetcollection#excel-excel-worksheetcollection-getitem-member(1);
 *   error code list as above)
 * - A protected workbook structure refuses adding, deleting and hiding sheets
 *   (learn.microsoft.com/javascript/api/excel/excel.workbookprotection); a protected sheet refuses
 *   writes to its cells (learn.microsoft.com/javascript/api/excel/excel.worksheetprotection).
 * - `TableColumnCollection.add` inserts cells in the table's rows only, shifting what is right of
 *   the table in those rows (and only those) one column right; deleting a table column shifts them
 *   back. (learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling,
 *   `OperationCellsExceedLimit`: "(number of table rows) x (16383 - (number of table columns))")
 * (office-addin-mock cannot model collections' `items/...` loads nor ranges created on demand.)
 */

import { XlsxPackage } from "../src/xlsx/read";

type Cell = string | number | boolean;

/** UTF-8 size of a request's JSON (in Node and, for the browser test's Office shim, in a page). */
const byteLength = (text: string): number =>
  typeof Buffer !== "undefined" ? Buffer.byteLength(text) : new TextEncoder().encode(text).length;

class NotLoaded extends Error {
  constructor(what: string) {
    super(`PropertyNotLoaded: ${what} was read before context.sync()`);
  }
}

/** An Office.js-style error: a code (what code should classify by) and a message (localized in Excel). */
export function officeError(code: string, message = code): Error & { code: string } {
  return Object.assign(new Error(message), { code, name: "RichApi.Error" });
}

const EPOCH = Date.UTC(1899, 11, 30);

/**
 * What Excel stores when a string is written through `Range.values` into a cell of this number
 * format: the string as typed into the cell.
 */
export function excelParse(text: string, format: string | undefined): Cell {
  if (text.startsWith("'")) return text.slice(1);
  if (format === "@") return text;
  if (text.startsWith("=")) return `FORMULA:${text}`;
  const t = text.trim();
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) return Number(t.replace(/,/g, ""));
  const pct = /^([+-]?\d+(\.\d+)?)\s*%$/.exec(t);
  if (pct) return Number(pct[1]) / 100;
  const date = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (date) return (Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])) - EPOCH) / 86_400_000;
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === "true";
  return text;
}

let nextId = 1;

export class FakeSheet {
  grid: Cell[][] = [];
  formats: string[][] = [];
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  protected = false;
  readonly id = `{sheet-${nextId++}}`;
  /** Conditional formats: the range they cover, the custom rule's formula and fill. */
  conditionalFormats: Array<{
    r: number;
    c: number;
    nr: number;
    nc: number;
    formula: string;
    fill?: string;
    /** "Custom" (a formula rule) or "CellValue" (formula1 and an operator). */
    type?: "Custom" | "CellValue";
    operator?: string;
  }> = [];
  charts: Array<{ name: string; title: string; type: string }> = [];
  /** Bold cells ("r,c"), column widths in points, wrapped cells ("r,c"): the look a run gave its columns. */
  bold = new Set<string>();
  columnWidths = new Map<number, number>();
  wrapped = new Set<string>();
  /** Rows frozen at the top (Worksheet.freezePanes), 0 for none. */
  frozenRows = 0;
  /** Merged ranges (0-based), as Range.merge would leave them. */
  merges: Array<{ r: number; c: number; nr: number; nc: number }> = [];
  selected: string | undefined;
  tables: Array<{ name: string; top: number; left: number; width: number; rows: number }> = [];
  constructor(
    public name: string,
    rows: unknown[][] = [],
  ) {
    this.grid = rows.map((r) => r.map((v) => (v === null || v === undefined ? "" : (v as Cell))));
  }
  get(r: number, c: number): Cell {
    return this.grid[r]?.[c] ?? "";
  }
  set(r: number, c: number, v: Cell): void {
    while (this.grid.length <= r) this.grid.push([]);
    const row = this.grid[r] as Cell[];
    while (row.length <= c) row.push("");
    row[c] = v;
  }
  format(r: number, c: number): string | undefined {
    return this.formats[r]?.[c];
  }
  setFormat(r: number, c: number, f: string | undefined): void {
    while (this.formats.length <= r) this.formats.push([]);
    (this.formats[r] as string[])[c] = f as string;
  }
  used(): { rowIndex: number; rowCount: number; columnIndex: number; columnCount: number } | undefined {
    let maxR = -1;
    let maxC = -1;
    this.grid.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== "") {
          maxR = Math.max(maxR, r);
          maxC = Math.max(maxC, c);
        }
      }),
    );
    return maxR < 0 ? undefined : { rowIndex: 0, rowCount: maxR + 1, columnIndex: 0, columnCount: maxC + 1 };
  }
  /** Inserts (n > 0) or removes (n < 0) cells at column `at` in rows r0..r1, shifting the rest of those rows. */
  shiftRows(r0: number, r1: number, at: number, n: number): void {
    for (let r = r0; r <= r1; r++) {
      for (const table of [this.grid, this.formats] as unknown[][][]) {
        const row = table[r];
        if (!row || row.length <= at) continue;
        if (n > 0)
          row.splice(at, 0, ...Array.from({ length: n }, () => (table === this.grid ? "" : undefined)));
        else row.splice(at, -n);
      }
    }
  }
  clone(): FakeSheet {
    const copy = Object.assign(Object.create(FakeSheet.prototype) as FakeSheet, this);
    copy.grid = this.grid.map((r) => [...r]);
    copy.formats = this.formats.map((r) => (r ? [...r] : r));
    copy.conditionalFormats = this.conditionalFormats.map((f) => ({ ...f }));
    copy.merges = this.merges.map((m) => ({ ...m }));
    copy.bold = new Set(this.bold);
    copy.columnWidths = new Map(this.columnWidths);
    copy.wrapped = new Set(this.wrapped);
    copy.frozenRows = this.frozenRows;
    copy.charts = this.charts.map((c) => ({ ...c }));
    copy.tables = this.tables.map((t) => ({ ...t }));
    return copy;
  }
}

/**
 * The APIs of the undo-capabilities table's "Unsupported APIs" that the add-in could call, with
 * where they are unsupported (learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities).
 */
const UNDO_UNSUPPORTED: Readonly<Record<string, { web: boolean; desktop: boolean }>> = {
  "Worksheet.delete": { web: true, desktop: true },
  "Worksheet.copy": { web: true, desktop: true },
  "Worksheet.visibility": { web: false, desktop: true },
  "Worksheet.name": { web: false, desktop: true },
  "Worksheet.position": { web: false, desktop: true },
  "WorkbookProtection.protect": { web: true, desktop: true },
  "WorkbookProtection.unprotect": { web: true, desktop: true },
};

export class FakeBook {
  sheets: FakeSheet[] = [];
  syncs = 0;
  /** Excel.run calls, and how many of them were given mergeUndoGroup. */
  runs = 0;
  settings = new Map<string, string>();
  /** Makes the sync with this number (1-based, counted over the book) fail, as Excel can. */
  failAtSync: number | undefined;
  /** Where Excel runs: the web has the 5 MB payload limit; Windows and Mac more undo gaps. */
  platform: "web" | "desktop";
  /** Review › Protect Workbook (structure). */
  structureProtected = false;
  /** The user is typing in a cell. */
  cellEditMode = false;
  private editEnded: Array<() => void> = [];
  /** Undo records the user can step back through; cleared by an API Excel cannot undo. */
  undoRecords = 0;
  undoCleared = false;
  /** Unsupported APIs that ran, in order. */
  undoBreakers: string[] = [];
  /** Keep a copy of the book per undo record, so a test can press Ctrl+Z (slow on big books). */
  keepUndo = false;
  private undoSnapshots: Array<{ sheets: FakeSheet[]; settings: Map<string, string> }> = [];
  /** Values were written while calculation was suspended and nothing recalculated since. */
  staleFormulas = false;
  readonly payloadLimitBytes = 5 * 1024 * 1024;
  constructor(sheets: FakeSheet[], options: { platform?: "web" | "desktop" } = {}) {
    this.sheets = sheets;
    this.platform = options.platform ?? "web";
  }
  /** A sheet by name, case-insensitively as Excel matches them. */
  sheet(name: string): FakeSheet | undefined {
    const key = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === key);
  }
  /** The user leaves the cell being edited: delayed batches run. */
  exitCellEdit(): void {
    this.cellEditMode = false;
    const waiting = this.editEnded;
    this.editEnded = [];
    for (const w of waiting) w();
  }
  whenEditEnds(): Promise<void> {
    return this.cellEditMode ? new Promise((resolve) => this.editEnded.push(resolve)) : Promise.resolve();
  }
  undoUnsupported(api: string): boolean {
    const where = UNDO_UNSUPPORTED[api];
    return where !== undefined && (this.platform === "web" ? where.web : where.desktop);
  }
  /** Starts an undo record (a snapshot of the book before it, when kept). */
  beginUndoRecord(): void {
    this.undoRecords++;
    if (this.keepUndo)
      this.undoSnapshots.push({
        sheets: this.sheets.map((s) => s.clone()),
        settings: new Map(this.settings),
      });
  }
  clearUndo(api: string): void {
    this.undoBreakers.push(api);
    this.undoCleared = true;
    this.undoRecords = 0;
    this.undoSnapshots = [];
  }
  /** Ctrl+Z: undoes the last undo record (needs keepUndo). */
  undo(): boolean {
    const last = this.undoSnapshots.pop();
    if (!last) return false;
    this.undoRecords--;
    this.sheets = last.sheets;
    this.settings = last.settings;
    return true;
  }
}

/** A proxy object: reading a loaded property before sync throws. */
class Loadable {
  protected loaded = new Set<string>();
  protected pending = new Set<string>();
  constructor(protected ctx: FakeContext) {}
  load(props?: string | string[]): this {
    const list = props === undefined ? ["*"] : Array.isArray(props) ? props : props.split(",");
    for (const p of list) this.pending.add(p.trim().replace(/^items\//, ""));
    this.ctx.loadables.add(this);
    return this;
  }
  /** The response bytes of what is being loaded (values of ranges). */
  responseBytes(): number {
    return 0;
  }
  settle(): void {
    for (const p of this.pending) this.loaded.add(p);
    this.pending.clear();
  }
  protected need(p: string): void {
    if (!this.loaded.has(p) && !this.loaded.has("*")) throw new NotLoaded(p);
  }
  isPending(p: string): boolean {
    return this.pending.has(p);
  }
}

class FakeRange extends Loadable {
  /** The sheet is looked up when used, so a range on a sheet added in the same request works. */
  constructor(
    ctx: FakeContext,
    private sheetOf: () => FakeSheet | undefined,
    private r: number,
    private c: number,
    private nr: number,
    private nc: number,
  ) {
    super(ctx);
  }
  private get sheet(): FakeSheet | undefined {
    return this.sheetOf();
  }
  private snapshot: Cell[][] | undefined;
  override settle(): void {
    if (this.pending.has("values")) this.snapshot = this.read();
    super.settle();
  }
  private read(): Cell[][] {
    const s = this.sheet as FakeSheet;
    return Array.from({ length: this.nr }, (_, i) =>
      Array.from({ length: this.nc }, (_, j) => s.get(this.r + i, this.c + j)),
    );
  }
  override responseBytes(): number {
    return this.pending.has("values") ? byteLength(JSON.stringify(this.read())) : 0;
  }
  get isNullObject(): boolean {
    this.need("isNullObject");
    return this.sheet === undefined;
  }
  get values(): Cell[][] {
    this.need("values");
    return this.snapshot ?? this.read();
  }
  /** A write to this range's cells: refused on a protected sheet. */
  private write(apply: (s: FakeSheet) => void, bytes: number): void {
    this.ctx.queue(
      () => {
        const s = this.sheet as FakeSheet;
        if (s.protected)
          throw officeError("AccessDenied", "The cell or chart you're trying to change is protected.");
        apply(s);
      },
      bytes,
      { values: true },
    );
  }
  set values(v: Cell[][]) {
    if (v.length !== this.nr || v.some((row) => row.length !== this.nc))
      throw officeError("InvalidArgument", "values dimensions do not match the range");
    this.write(
      (s) =>
        v.forEach((row, i) =>
          row.forEach((x, j) => {
            const r = this.r + i;
            const c = this.c + j;
            s.set(r, c, typeof x === "string" ? excelParse(x, s.format(r, c)) : x);
          }),
        ),
      byteLength(JSON.stringify(v)),
    );
  }
  set numberFormat(f: string[][]) {
    if (f.length !== this.nr || f.some((row) => row.length !== this.nc))
      throw officeError("InvalidArgument", "numberFormat dimensions do not match the range");
    this.write(
      (s) => f.forEach((row, i) => row.forEach((x, j) => s.setFormat(this.r + i, this.c + j, x))),
      byteLength(JSON.stringify(f)),
    );
  }
  get rowIndex(): number {
    this.need("rowIndex");
    return this.r;
  }
  get rowCount(): number {
    this.need("rowCount");
    return this.nr;
  }
  get columnIndex(): number {
    this.need("columnIndex");
    return this.c;
  }
  get columnCount(): number {
    this.need("columnCount");
    return this.nc;
  }
  clear(what: "All" | "Contents" | "Formats" = "All"): void {
    this.write((s) => {
      const rows = Math.min(this.nr, Math.max(0, Math.max(s.grid.length, s.formats.length) - this.r));
      for (let i = 0; i < rows; i++) {
        const r = this.r + i;
        const width = Math.min(
          this.nc,
          Math.max(0, Math.max(s.grid[r]?.length ?? 0, s.formats[r]?.length ?? 0) - this.c),
        );
        for (let j = 0; j < width; j++) {
          if (what !== "Formats") s.set(r, this.c + j, "");
          if (what !== "Contents" && s.format(r, this.c + j) !== undefined)
            s.setFormat(r, this.c + j, undefined);
        }
      }
    }, 10);
  }
  select(): void {
    this.ctx.queue(() => {
      (this.sheet as FakeSheet).selected = `${this.r},${this.c},${this.nr},${this.nc}`;
    }, 10);
  }
  get format() {
    const write = (apply: (s: FakeSheet) => void) => this.write(apply, 20);
    const area = { r: this.r, c: this.c, nr: this.nr, nc: this.nc };
    const each = (s: Set<string>) => {
      for (let i = 0; i < area.nr; i++)
        for (let j = 0; j < area.nc; j++) s.add(`${area.r + i},${area.c + j}`);
    };
    return {
      autofitColumns: (): void => undefined,
      font: {
        set bold(on: boolean) {
          write((s) => (on ? each(s.bold) : undefined));
        },
      },
      set columnWidth(points: number) {
        write((s) => {
          for (let j = 0; j < area.nc; j++) s.columnWidths.set(area.c + j, points);
        });
      },
      set wrapText(on: boolean) {
        write((s) => (on ? each(s.wrapped) : undefined));
      },
    };
  }
  /** The merged areas intersecting this range (ExcelApi 1.13); a null object when there are none. */
  getMergedAreasOrNullObject() {
    const sheetOf = () => this.sheet;
    const area = { r: this.r, c: this.c, nr: this.nr, nc: this.nc };
    const inside = () =>
      (sheetOf()?.merges ?? []).filter(
        (m) => m.r < area.r + area.nr && area.r < m.r + m.nr && m.c < area.c + area.nc && area.c < m.c + m.nc,
      );
    const ctx = this.ctx;
    return new (class extends Loadable {
      get isNullObject(): boolean {
        this.need("isNullObject");
        return inside().length === 0;
      }
      readonly areas = new (class extends Loadable {
        get items() {
          for (const p of ["rowIndex", "columnIndex", "rowCount", "columnCount"]) this.need(p);
          return inside().map((m) => ({
            rowIndex: m.r,
            columnIndex: m.c,
            rowCount: m.nr,
            columnCount: m.nc,
          }));
        }
      })(ctx);
    })(ctx);
  }
  /** The conditional formats intersecting this range, as Office.js gives them. */
  get conditionalFormats() {
    const ctx = this.ctx;
    const sheetOf = () => this.sheet as FakeSheet;
    const area = { r: this.r, c: this.c, nr: this.nr, nc: this.nc };
    return new (class extends Loadable {
      get items() {
        this.need("type");
        const sheet = sheetOf();
        return sheet.conditionalFormats.map((cf) => ({
          type: cf.type ?? "Custom",
          custom: {
            rule: new (class extends Loadable {
              get formula() {
                this.need("formula");
                return cf.formula;
              }
            })(ctx),
          },
          delete: () =>
            ctx.queue(() => {
              sheet.conditionalFormats = sheet.conditionalFormats.filter((x) => x !== cf);
            }, 10),
        }));
      }
      /** Removes the conditional formats intersecting the range (ExcelApi 1.6). */
      clearAll() {
        ctx.queue(() => {
          const s = sheetOf();
          s.conditionalFormats = s.conditionalFormats.filter(
            (f) =>
              !(
                f.r < area.r + area.nr &&
                area.r < f.r + f.nr &&
                f.c < area.c + area.nc &&
                area.c < f.c + f.nc
              ),
          );
        }, 10);
      }
      add(type: string) {
        if (type === "CellValue") {
          const cf: FakeSheet["conditionalFormats"][number] = { ...area, formula: "", type: "CellValue" };
          ctx.queue(() => {
            sheetOf().conditionalFormats.push(cf);
          }, 20);
          return {
            cellValue: {
              set rule(r: { formula1: string; operator: string }) {
                cf.formula = r.formula1;
                cf.operator = r.operator;
              },
              format: {
                fill: {
                  set color(c: string) {
                    cf.fill = c;
                  },
                },
              },
            },
          };
        }
        if (type !== "Custom")
          throw new Error("the fake knows custom and cell-value conditional formats only");
        const cf: FakeSheet["conditionalFormats"][number] = { ...area, formula: "" };
        ctx.queue(() => {
          sheetOf().conditionalFormats.push(cf);
        }, 20);
        return {
          custom: {
            rule: {
              set formula(f: string) {
                cf.formula = f;
              },
            },
            format: {
              fill: {
                set color(c: string) {
                  cf.fill = c;
                },
              },
            },
          },
        };
      }
    })(ctx);
  }
}

/** "A1", "F12", "A:B", "A1:C3" → 0-based row, column and size. */
function parseAddress(address: string): { r: number; c: number; nr: number; nc: number } {
  const col = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const bare = address.replace(/^.*!/, "").replace(/\$/g, "");
  const whole = /^([A-Z]+):([A-Z]+)$/.exec(bare);
  if (whole) return { r: 0, c: col(whole[1]!), nr: 1_048_576, nc: col(whole[2]!) - col(whole[1]!) + 1 };
  const rows = /^(\d+):(\d+)$/.exec(bare);
  if (rows) return { r: Number(rows[1]) - 1, c: 0, nr: Number(rows[2]) - Number(rows[1]) + 1, nc: 16_384 };
  const cell = /^([A-Z]+)(\d+)$/.exec(bare);
  if (cell) return { r: Number(cell[2]) - 1, c: col(cell[1]!), nr: 1, nc: 1 };
  const box = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(bare);
  if (box) {
    const r = Number(box[2]) - 1;
    const c = col(box[1]!);
    return { r, c, nr: Number(box[4]) - r, nc: col(box[3]!) - c + 1 };
  }
  throw new Error(`the fake cannot read the address ${address}`);
}

type FakeTable = FakeSheet["tables"][number];

class FakeWorksheet extends Loadable {
  constructor(
    ctx: FakeContext,
    public book: FakeBook,
    private sheetName: string,
  ) {
    super(ctx);
  }
  private get model(): FakeSheet | undefined {
    return this.book.sheet(this.sheetName);
  }
  get isNullObject(): boolean {
    this.need("isNullObject");
    return this.model === undefined;
  }
  get name(): string {
    this.need("name");
    return (this.model as FakeSheet).name;
  }
  get id(): string {
    this.need("id");
    return (this.model as FakeSheet).id;
  }
  get visibility(): string {
    this.need("visibility");
    return (this.model as FakeSheet).visibility;
  }
  set visibility(v: string) {
    this.ctx.queue(
      () => {
        if (this.book.structureProtected)
          throw officeError("InvalidOperation", "The workbook structure is protected.");
        (this.model as FakeSheet).visibility = v as FakeSheet["visibility"];
      },
      20,
      { api: "Worksheet.visibility" },
    );
  }
  getRangeByIndexes(r: number, c: number, nr: number, nc: number): FakeRange {
    return new FakeRange(this.ctx, () => this.model, r, c, nr, nc);
  }
  getRange(address?: string): FakeRange {
    if (address === undefined) return new FakeRange(this.ctx, () => this.model, 0, 0, 1_048_576, 16_384);
    const a = parseAddress(address);
    return new FakeRange(this.ctx, () => this.model, a.r, a.c, a.nr, a.nc);
  }
  getRanges(addresses: string): FakeRange {
    return this.getRange(addresses.split(",")[0]);
  }
  activate(): void {}
  get charts() {
    const model = () => this.model as FakeSheet;
    const ctx = this.ctx;
    return new (class extends Loadable {
      get items() {
        this.need("name");
        return model().charts.map((chart) => ({
          name: chart.name,
          delete: () =>
            ctx.queue(() => {
              model().charts = model().charts.filter((c) => c !== chart);
            }, 10),
        }));
      }
      add(type: string) {
        const chart = { name: "", title: "", type };
        ctx.queue(() => {
          model().charts.push(chart);
        }, 20);
        return {
          set name(n: string) {
            chart.name = n;
          },
          title: {
            set text(t: string) {
              chart.title = t;
            },
          },
          legend: { visible: true },
          setPosition: () => undefined,
        };
      }
    })(ctx);
  }
  /** Worksheet.freezePanes: the frozen top rows (ExcelApi 1.7). */
  get freezePanes() {
    const ctx = this.ctx;
    const model = () => this.model as FakeSheet;
    return {
      freezeRows: (count: number) =>
        ctx.queue(() => {
          model().frozenRows = count;
        }, 10),
      getLocationOrNullObject: () =>
        new (class extends Loadable {
          get isNullObject(): boolean {
            this.need("isNullObject");
            return model().frozenRows === 0;
          }
        })(ctx),
    };
  }
  getUsedRangeOrNullObject(): FakeRange {
    const used = this.model?.used();
    return used
      ? new FakeRange(
          this.ctx,
          () => this.model,
          used.rowIndex,
          used.columnIndex,
          used.rowCount,
          used.columnCount,
        )
      : new FakeRange(this.ctx, () => undefined, 0, 0, 0, 0);
  }
  get tables(): Loadable & {
    items: Array<{
      name: string;
      getHeaderRowRange(): FakeRange;
      getRange(): FakeRange;
      resize(address: string): void;
      columns: Loadable & {
        items: Array<{ name: string }>;
        add(index?: number, values?: unknown, name?: string): void;
        getItem(name: string): { delete(): void };
      };
    }>;
  } {
    const model = this.model as FakeSheet;
    const ctx = this.ctx;
    const columnsOf = (t: FakeTable) =>
      Object.assign(
        new (class extends Loadable {
          get items() {
            this.need("name");
            return Array.from({ length: t.width }, (_, k) => ({
              name: String(model.get(t.top, t.left + k)),
            }));
          }
        })(ctx),
        {
          // A new table column at the right end: cells are inserted in the table's rows only, and
          // what was right of the table in those rows moves one column right.
          add: (_index?: number, _values?: unknown, name?: string) =>
            ctx.queue(() => {
              model.shiftRows(t.top, t.top + t.rows, t.left + t.width, 1);
              model.set(t.top, t.left + t.width, name ?? `Column${t.width + 1}`);
              t.width += 1;
            }, 20),
          // Deleting a table column removes its cells from the table's rows: the rest shift left.
          getItem: (name: string) => ({
            delete: () =>
              ctx.queue(() => {
                for (let k = 0; k < t.width; k++) {
                  if (model.get(t.top, t.left + k) !== name) continue;
                  model.shiftRows(t.top, t.top + t.rows, t.left + k, -1);
                  t.width -= 1;
                  return;
                }
                throw officeError("ItemNotFound", `no table column ${name}`);
              }, 10),
          }),
        },
      );
    const coll = new (class extends Loadable {
      get items() {
        this.need("name");
        return model.tables.map((t) => ({
          name: t.name,
          getHeaderRowRange: () => new FakeRange(ctx, () => model, t.top, t.left, 1, t.width),
          getRange: () => new FakeRange(ctx, () => model, t.top, t.left, t.rows + 1, t.width),
          // Table.resize (ExcelApi 1.13): same header row and top-left cell; no cell moves.
          resize: (address: string) =>
            ctx.queue(() => {
              const a = parseAddress(address);
              if (a.r !== t.top || a.c !== t.left) throw officeError("InvalidArgument", "resize");
              t.width = a.nc;
              t.rows = a.nr - 1;
            }, 10),
          columns: columnsOf(t),
        }));
      }
    })(ctx);
    return coll;
  }
  private protectionProxy: (Loadable & { readonly protected: boolean }) | undefined;
  get protection(): Loadable & { readonly protected: boolean } {
    const model = this.model as FakeSheet;
    return (this.protectionProxy ??= new (class extends Loadable {
      get protected(): boolean {
        this.need("protected");
        return model.protected;
      }
    })(this.ctx));
  }
  delete(): void {
    this.ctx.queue(
      () => {
        if (this.book.structureProtected)
          throw officeError("InvalidOperation", "The workbook structure is protected.");
        const model = this.model;
        this.book.sheets = this.book.sheets.filter((s) => s !== model);
      },
      10,
      { api: "Worksheet.delete" },
    );
  }
}

interface QueuedWrite {
  apply: () => void;
  /** The API, when it is one Excel cannot undo somewhere. */
  api?: string;
  /** A change of cell values (for the recalculation model). */
  values?: boolean;
}

/** The fake request context. */
export class FakeContext {
  loadables = new Set<Loadable>();
  private writes: QueuedWrite[] = [];
  requestBytes = 0;
  largestRequestBytes = 0;
  private suspended = false;
  private recorded = false;
  readonly application: {
    suspendApiCalculationUntilNextSync(): void;
    calculate(type: string): void;
  };
  readonly workbook: {
    protection: Loadable & { readonly protected: boolean };
    settings: {
      add(key: string, value: string): void;
      getItemOrNullObject(key: string): Loadable & {
        readonly isNullObject: boolean;
        readonly value: string;
        delete(): void;
      };
    };
    worksheets: Loadable & {
      items: FakeWorksheet[];
      getItem(n: string): FakeWorksheet;
      getItemOrNullObject(n: string): FakeWorksheet;
      add(n: string): FakeWorksheet;
    };
  };
  constructor(
    public book: FakeBook,
    readonly options: { readonly mergeUndoGroup?: boolean; readonly delayForCellEdit?: boolean } = {},
  ) {
    // The collections below are nested classes whose own `this` is the collection.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const ctx = this;
    this.application = {
      suspendApiCalculationUntilNextSync: () => {
        ctx.suspended = true;
      },
      calculate: () =>
        ctx.queue(() => {
          book.staleFormulas = false;
        }, 10),
    };
    this.workbook = {
      protection: new (class extends Loadable {
        get protected() {
          this.need("protected");
          return book.structureProtected;
        }
      })(ctx),
      settings: {
        add: (key: string, value: string) =>
          ctx.queue(
            () => {
              book.settings.set(key, value);
            },
            20 + byteLength(value),
          ),
        getItemOrNullObject: (key: string) =>
          new (class extends Loadable {
            get isNullObject() {
              this.need("isNullObject");
              return !book.settings.has(key);
            }
            get value() {
              this.need("value");
              return book.settings.get(key) as string;
            }
            delete() {
              ctx.queue(() => {
                book.settings.delete(key);
              }, 10);
            }
          })(ctx),
      },
      worksheets: new (class extends Loadable {
        get items() {
          this.need("name");
          return book.sheets.map((s) => {
            const w = new FakeWorksheet(ctx, book, s.name);
            w.load("name,visibility,id").settle();
            return w;
          });
        }
        getItem(n: string) {
          if (!book.sheet(n)) throw officeError("ItemNotFound", `ItemNotFound: ${n}`);
          return new FakeWorksheet(ctx, book, n);
        }
        getItemOrNullObject(n: string) {
          return new FakeWorksheet(ctx, book, n);
        }
        add(n: string) {
          ctx.queue(() => {
            if (book.structureProtected)
              throw officeError("InvalidOperation", "The workbook structure is protected.");
            if (book.sheet(n)) throw officeError("ItemAlreadyExists", `A sheet named ${n} already exists.`);
            book.sheets.push(new FakeSheet(n));
          }, 20);
          // Writes to the new sheet are queued after its creation, so they land on it.
          return new FakeWorksheet(ctx, book, n);
        }
      })(ctx),
    };
  }
  queue(apply: () => void, bytes: number, flags: Omit<QueuedWrite, "apply"> = {}): void {
    this.requestBytes += bytes;
    this.writes.push({ apply, ...flags });
  }
  async sync(): Promise<void> {
    const book = this.book;
    book.syncs++;
    const writes = this.writes;
    const requestBytes = this.requestBytes;
    const suspended = this.suspended;
    this.writes = [];
    this.requestBytes = 0;
    this.suspended = false;
    const fail = (error: Error) => {
      for (const l of this.loadables) l.settle();
      this.loadables.clear();
      throw error;
    };
    if (book.cellEditMode) {
      if (!this.options.delayForCellEdit)
        fail(
          officeError(
            "InvalidOperationInCellEditMode",
            "The operation isn't available while Excel is in Edit cell mode.",
          ),
        );
      await book.whenEditEnds();
    }
    if (book.failAtSync === book.syncs) fail(officeError("GeneralException", "the request failed"));
    if (book.platform === "web" && requestBytes > book.payloadLimitBytes)
      fail(
        officeError("RequestPayloadSizeLimitExceeded", "The request payload size has exceeded the limit."),
      );
    let response = 0;
    for (const l of this.loadables) response += l.responseBytes();
    if (book.platform === "web" && response > book.payloadLimitBytes)
      fail(
        officeError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit."),
      );
    this.largestRequestBytes = Math.max(this.largestRequestBytes, requestBytes);
    if (writes.length > 0) {
      // One undo record per sync, or one for the whole Excel.run when grouped.
      if (!this.options.mergeUndoGroup || !this.recorded) book.beginUndoRecord();
      this.recorded = true;
    }
    for (const w of writes) {
      if (w.api && book.undoUnsupported(w.api)) {
        book.clearUndo(w.api);
        if (this.options.mergeUndoGroup)
          fail(
            officeError(
              "UndoNotSupported",
              "The JavaScript API request failed due to lack of support for the undo operation.",
            ),
          );
      }
      try {
        w.apply();
      } catch (error) {
        fail(error as Error);
      }
      if (w.values && suspended) book.staleFormulas = true;
    }
    for (const l of this.loadables) l.settle();
    this.loadables.clear();
  }
}

/** Excel.run over a fake book (the port's injected form: batch first, options second). */
export function fakeRun(book: FakeBook): {
  run: <T>(
    batch: (context: Excel.RequestContext) => Promise<T>,
    options?: { readonly mergeUndoGroup?: boolean; readonly delayForCellEdit?: boolean },
  ) => Promise<T>;
  contexts: FakeContext[];
  options: Array<{ readonly mergeUndoGroup?: boolean; readonly delayForCellEdit?: boolean } | undefined>;
} {
  const contexts: FakeContext[] = [];
  const options: Array<
    { readonly mergeUndoGroup?: boolean; readonly delayForCellEdit?: boolean } | undefined
  > = [];
  return {
    contexts,
    options,
    run: async (batch, runOptions) => {
      options.push(runOptions);
      book.runs++;
      const ctx = new FakeContext(book, runOptions ?? {});
      contexts.push(ctx);
      return batch(ctx as unknown as Excel.RequestContext);
    },
  };
}

/**
 * The `Excel` namespace over a fake book, for the Excel host: `run` (with or without options, as
 * Office.js takes them) and the enums it uses. `apiVersion` is the newest ExcelApi minor version
 * this Excel supports (1.20 brought mergeUndoGroup: learn.microsoft.com/javascript/api/requirement-sets/excel/excel-api-1-20-requirement-set);
 * an older Excel ignores the option.
 */
export function fakeExcel(
  book: FakeBook,
  options: {
    apiVersion?: number;
    /** Stands for an Excel that refuses a group for a reason the undo table does not list. */
    refuseUndoGroups?: boolean;
  } = {},
): typeof Excel & { runs: Array<{ mergeUndoGroup?: boolean; delayForCellEdit?: boolean } | undefined> } {
  const runs: Array<{ mergeUndoGroup?: boolean; delayForCellEdit?: boolean } | undefined> = [];
  const version = options.apiVersion ?? 20;
  const run = async (a: unknown, b?: unknown) => {
    const opts = typeof a === "function" ? undefined : (a as { mergeUndoGroup?: boolean });
    const batch = (typeof a === "function" ? a : b) as (c: Excel.RequestContext) => Promise<unknown>;
    runs.push(opts);
    book.runs++;
    if (opts?.mergeUndoGroup && options.refuseUndoGroups)
      throw officeError(
        "UndoNotSupported",
        "The JavaScript API request failed due to lack of support for the undo operation.",
      );
    const effective = { ...opts, mergeUndoGroup: version >= 20 && opts?.mergeUndoGroup === true };
    return batch(new FakeContext(book, effective) as unknown as Excel.RequestContext);
  };
  return {
    run,
    runs,
    ConditionalFormatType: { custom: "Custom" },
    ChartType: { barClustered: "BarClustered" },
    ChartSeriesBy: { columns: "Columns" },
    CalculationType: { recalculate: "Recalculate", full: "Full" },
  } as unknown as typeof Excel & {
    runs: Array<{ mergeUndoGroup?: boolean; delayForCellEdit?: boolean } | undefined>;
  };
}

/** `Office.context.requirements.isSetSupported` for an Excel of this ExcelApi version. */
export function requirementsOf(apiVersion: number): {
  isSetSupported(name: string, version?: string): boolean;
} {
  return {
    isSetSupported: (name, v) => name === "ExcelApi" && Number((v ?? "1.1").split(".")[1]) <= apiVersion,
  };
}

/** A workbook file's sheets as fake Excel sheets (cell values as Excel would hold them). */
export async function fakeBookOf(
  bytes: Uint8Array,
  options: { platform?: "web" | "desktop" } = {},
): Promise<FakeBook> {
  const pkg = await XlsxPackage.open(bytes);
  const sheets: FakeSheet[] = [];
  for (const entry of pkg.sheets) {
    const cells = await pkg.readSheet(entry);
    const width = cells.maxColumn + 1;
    sheets.push(
      new FakeSheet(
        entry.name,
        cells.rows.map((r) => Array.from({ length: width }, (_, c) => (r?.[c] as unknown) ?? "")),
      ),
    );
  }
  return new FakeBook(sheets, options);
}
