/**
 * A small in-memory fake of the part of the Excel JavaScript API the Office.js port uses, with
 * the semantics that matter: a loaded property cannot be read before `context.sync()` (it
 * throws, as Office.js does), writes take effect at the next sync, and syncs are counted.
 * (office-addin-mock cannot model collections' `items/...` loads nor ranges created on demand.)
 */

type Cell = string | number | boolean;

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
      Buffer.byteLength(JSON.stringify(v)),
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
      Buffer.byteLength(JSON.stringify(f)),
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
      for (let i = 0; i < this.nr; i++) for (let j = 0; j < this.nc; j++) s.set(this.r + i, this.c + j, "");
      return b;
    }, 10);
  }
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
  getRange(address: string): FakeRange {
    if (address !== "A1") throw new Error("the fake knows A1 only");
    return new FakeRange(this.ctx, () => this.model, 0, 0, 1, 1);
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
      columns: { add(index?: number, values?: unknown, name?: string): void };
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
          columns: {
            // A new table column at the right end, with its header (values are written later).
            add: (_index?: number, _values?: unknown, name?: string) =>
              ctx.queue((b) => {
                model.set(t.top, t.left + t.width, name ?? `Column${t.width + 1}`);
                t.width += 1;
                return b;
              }, 20),
          },
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
