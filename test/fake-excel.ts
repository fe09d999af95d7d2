/**
 * A small in-memory fake of the part of the Excel JavaScript API the Office.js port uses, with
 * the semantics that matter: a loaded property cannot be read before `context.sync()` (it
 * throws, as Office.js does), writes take effect at the next sync, and syncs are counted.
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

export class FakeSheet {
  grid: Cell[][] = [];
  formats: string[][] = [];
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  protected = false;
  /** Conditional formats: the range they cover, the custom rule's formula and fill. */
  conditionalFormats: Array<{
    r: number;
    c: number;
    nr: number;
    nc: number;
    formula: string;
    fill?: string;
  }> = [];
  charts: Array<{ name: string; title: string; type: string }> = [];
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
}

export class FakeBook {
  sheets: FakeSheet[] = [];
  syncs = 0;
  settings = new Map<string, string>();
  /** Makes the sync with this number (1-based, counted over the book) fail, as Excel can. */
  failAtSync: number | undefined;
  constructor(sheets: FakeSheet[]) {
    this.sheets = sheets;
  }
  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }
}

/** A proxy object: reading a loaded property before sync throws. */
class Loadable {
  protected loaded = new Set<string>();
  protected pending = new Set<string>();
  constructor(protected ctx: FakeContext) {}
  load(props: string): this {
    for (const p of props.split(",")) this.pending.add(p.trim().replace(/^items\//, ""));
    this.ctx.loadables.add(this);
    return this;
  }
  settle(): void {
    for (const p of this.pending) this.loaded.add(p);
    this.pending.clear();
  }
  protected need(p: string): void {
    if (!this.loaded.has(p)) throw new NotLoaded(p);
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
  get isNullObject(): boolean {
    this.need("isNullObject");
    return this.sheet === undefined;
  }
  get values(): Cell[][] {
    this.need("values");
    const s = this.sheet as FakeSheet;
    return Array.from({ length: this.nr }, (_, i) =>
      Array.from({ length: this.nc }, (_, j) => s.get(this.r + i, this.c + j)),
    );
  }
  set values(v: Cell[][]) {
    if (v.length !== this.nr || v.some((row) => row.length !== this.nc))
      throw new Error("InvalidArgument: values dimensions do not match the range");
    this.ctx.queue(
      (bytes) => {
        const s = this.sheet as FakeSheet;
        v.forEach((row, i) =>
          row.forEach((x, j) => {
            // Office.js turns "=…" text into a formula; the fake records it as such.
            s.set(
              this.r + i,
              this.c + j,
              typeof x === "string" && x.startsWith("=")
                ? `FORMULA:${x}`
                : typeof x === "string" && x.startsWith("'")
                  ? x.slice(1)
                  : x,
            );
          }),
        );
        return bytes;
      },
      byteLength(JSON.stringify(v)),
    );
  }
  set numberFormat(f: string[][]) {
    if (f.length !== this.nr)
      throw new Error("InvalidArgument: numberFormat dimensions do not match the range");
    this.ctx.queue(
      (bytes) => {
        const s = this.sheet as FakeSheet;
        f.forEach((row, i) =>
          row.forEach((x, j) => {
            while (s.formats.length <= this.r + i) s.formats.push([]);
            (s.formats[this.r + i] as string[])[this.c + j] = x;
          }),
        );
        return bytes;
      },
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
  clear(): void {
    this.ctx.queue((b) => {
      const s = this.sheet as FakeSheet;
      const rows = Math.min(this.nr, Math.max(0, s.grid.length - this.r));
      for (let i = 0; i < rows; i++) {
        const width = Math.min(this.nc, Math.max(0, (s.grid[this.r + i]?.length ?? 0) - this.c));
        for (let j = 0; j < width; j++) s.set(this.r + i, this.c + j, "");
      }
      return b;
    }, 10);
  }
  select(): void {
    this.ctx.queue((b) => {
      (this.sheet as FakeSheet).selected = `${this.r},${this.c},${this.nr},${this.nc}`;
      return b;
    }, 10);
  }
  readonly format = { autofitColumns: (): void => undefined };
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
          type: "Custom",
          custom: {
            rule: new (class extends Loadable {
              get formula() {
                this.need("formula");
                return cf.formula;
              }
            })(ctx),
          },
          delete: () =>
            ctx.queue((b) => {
              sheet.conditionalFormats = sheet.conditionalFormats.filter((x) => x !== cf);
              return b;
            }, 10),
        }));
      }
      add(type: string) {
        if (type !== "Custom") throw new Error("the fake knows custom conditional formats only");
        const cf: FakeSheet["conditionalFormats"][number] = { ...area, formula: "" };
        ctx.queue((b) => {
          sheetOf().conditionalFormats.push(cf);
          return b;
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

/** "A1", "F12", "A:B" → 0-based row, column and size. */
function parseAddress(address: string): { r: number; c: number; nr: number; nc: number } {
  const col = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const whole = /^([A-Z]+):([A-Z]+)$/.exec(address);
  if (whole) return { r: 0, c: col(whole[1]!), nr: 1_048_576, nc: col(whole[2]!) - col(whole[1]!) + 1 };
  const cell = /^([A-Z]+)(\d+)$/.exec(address);
  if (cell) return { r: Number(cell[2]) - 1, c: col(cell[1]!), nr: 1, nc: 1 };
  throw new Error(`the fake cannot read the address ${address}`);
}

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
    return this.sheetName;
  }
  get visibility(): string {
    this.need("visibility");
    return (this.model as FakeSheet).visibility;
  }
  set visibility(v: string) {
    this.ctx.queue((b) => {
      (this.model as FakeSheet).visibility = v as FakeSheet["visibility"];
      return b;
    }, 20);
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
    const model = this.model as FakeSheet;
    const ctx = this.ctx;
    return {
      add: (type: string) => {
        const chart = { name: "", title: "", type };
        ctx.queue((b) => {
          model.charts.push(chart);
          return b;
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
      },
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
      columns: Loadable & {
        items: Array<{ name: string }>;
        add(index?: number, values?: unknown, name?: string): void;
        getItem(name: string): { delete(): void };
      };
    }>;
  } {
    const model = this.model as FakeSheet;
    const ctx = this.ctx;
    const coll = new (class extends Loadable {
      get items() {
        this.need("name");
        return model.tables.map((t) => ({
          name: t.name,
          getHeaderRowRange: () => new FakeRange(ctx, () => model, t.top, t.left, 1, t.width),
          getRange: () => new FakeRange(ctx, () => model, t.top, t.left, t.rows + 1, t.width),
          columns: Object.assign(
            new (class extends Loadable {
              get items() {
                this.need("name");
                return Array.from({ length: t.width }, (_, k) => ({
                  name: String(model.get(t.top, t.left + k)),
                }));
              }
            })(ctx),
            {
              // A new table column at the right end, with its header (values are written later).
              add: (_index?: number, _values?: unknown, name?: string) =>
                ctx.queue((b) => {
                  model.set(t.top, t.left + t.width, name ?? `Column${t.width + 1}`);
                  t.width += 1;
                  return b;
                }, 20),
              // Deleting a table column (the fake supports the table's last columns) empties its cells.
              getItem: (name: string) => ({
                delete: () =>
                  ctx.queue((b) => {
                    for (let k = 0; k < t.width; k++) {
                      if (model.get(t.top, t.left + k) !== name) continue;
                      for (let r = t.top; r <= t.top + t.rows; r++) model.set(r, t.left + k, "");
                      if (k === t.width - 1) t.width -= 1;
                    }
                    return b;
                  }, 10),
              }),
            },
          ),
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
    this.ctx.queue((b) => {
      this.book.sheets = this.book.sheets.filter((s) => s.name !== this.sheetName);
      return b;
    }, 10);
  }
}

/** The fake request context. */
export class FakeContext {
  loadables = new Set<Loadable>();
  private writes: Array<() => void> = [];
  requestBytes = 0;
  largestRequestBytes = 0;
  readonly application = { suspendApiCalculationUntilNextSync: () => undefined };
  readonly workbook: {
    settings: {
      add(key: string, value: string): void;
      getItemOrNullObject(key: string): Loadable & { readonly isNullObject: boolean; readonly value: string };
    };
    worksheets: Loadable & {
      items: FakeWorksheet[];
      getItem(n: string): FakeWorksheet;
      getItemOrNullObject(n: string): FakeWorksheet;
      add(n: string): FakeWorksheet;
    };
  };
  constructor(public book: FakeBook) {
    // The worksheets collection below is a nested class whose own `this` is the collection.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const ctx = this;
    this.workbook = {
      settings: {
        add: (key: string, value: string) =>
          ctx.queue((b) => {
            book.settings.set(key, value);
            return b;
          }, 20),
        getItemOrNullObject: (key: string) =>
          new (class extends Loadable {
            get isNullObject() {
              this.need("value");
              return !book.settings.has(key);
            }
            get value() {
              this.need("value");
              return book.settings.get(key) as string;
            }
          })(ctx),
      },
      worksheets: new (class extends Loadable {
        get items() {
          this.need("name");
          return book.sheets.map((s) => {
            const w = new FakeWorksheet(ctx, book, s.name);
            w.load("name,visibility").settle();
            return w;
          });
        }
        getItem(n: string) {
          if (!book.sheet(n)) throw new Error(`ItemNotFound: ${n}`);
          return new FakeWorksheet(ctx, book, n);
        }
        getItemOrNullObject(n: string) {
          return new FakeWorksheet(ctx, book, n);
        }
        add(n: string) {
          ctx.queue((b) => {
            book.sheets.push(new FakeSheet(n));
            return b;
          }, 20);
          // Writes to the new sheet are queued after its creation, so they land on it.
          return new FakeWorksheet(ctx, book, n);
        }
      })(ctx),
    };
  }
  queue(apply: (bytes: number) => number, bytes: number): void {
    this.requestBytes += bytes;
    this.writes.push(() => void apply(bytes));
  }
  async sync(): Promise<void> {
    this.book.syncs++;
    if (this.book.failAtSync === this.book.syncs) {
      this.writes = [];
      throw Object.assign(new Error("GeneralException: the request failed"), { code: "GeneralException" });
    }
    this.largestRequestBytes = Math.max(this.largestRequestBytes, this.requestBytes);
    this.requestBytes = 0;
    for (const w of this.writes) w();
    this.writes = [];
    for (const l of this.loadables) l.settle();
    this.loadables.clear();
  }
}

/** Excel.run over a fake book. */
export function fakeRun(book: FakeBook): {
  run: <T>(
    batch: (context: Excel.RequestContext) => Promise<T>,
    options?: { readonly mergeUndoGroup?: boolean },
  ) => Promise<T>;
  contexts: FakeContext[];
  options: Array<{ readonly mergeUndoGroup?: boolean } | undefined>;
} {
  const contexts: FakeContext[] = [];
  const options: Array<{ readonly mergeUndoGroup?: boolean } | undefined> = [];
  return {
    contexts,
    options,
    run: async (batch, runOptions) => {
      options.push(runOptions);
      const ctx = new FakeContext(book);
      contexts.push(ctx);
      return batch(ctx as unknown as Excel.RequestContext);
    },
  };
}

/** The `Excel` namespace over a fake book, for the Excel host: `run` (with or without options) and the enums it uses. */
export function fakeExcel(
  book: FakeBook,
  options: { undoGroups?: boolean } = {},
): typeof Excel & { runs: Array<{ mergeUndoGroup?: boolean } | undefined> } {
  const runs: Array<{ mergeUndoGroup?: boolean } | undefined> = [];
  const run = async (a: unknown, b?: unknown) => {
    const opts = typeof a === "function" ? undefined : (a as { mergeUndoGroup?: boolean });
    const batch = (typeof a === "function" ? a : b) as (c: Excel.RequestContext) => Promise<unknown>;
    runs.push(opts);
    if (opts?.mergeUndoGroup && options.undoGroups === false)
      throw Object.assign(new Error("UndoNotSupported"), { code: "UndoNotSupported" });
    return batch(new FakeContext(book) as unknown as Excel.RequestContext);
  };
  return {
    run,
    runs,
    ConditionalFormatType: { custom: "Custom" },
    ChartType: { barClustered: "BarClustered" },
    ChartSeriesBy: { columns: "Columns" },
  } as unknown as typeof Excel & { runs: Array<{ mergeUndoGroup?: boolean } | undefined> };
}

/** A workbook file's sheets as fake Excel sheets (cell values as Excel would hold them). */
export async function fakeBookOf(bytes: Uint8Array): Promise<FakeBook> {
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
  return new FakeBook(sheets);
}
