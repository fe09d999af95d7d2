/**
 * The sheet layout the add-in gives its own columns in the .xlsx writer (issue 13): a width per
 * output column (a `<col>` element) and the header row frozen (a `<pane>` in the first
 * `<sheetView>`). Both live outside sheetData, where every other byte of the sheet is the user's:
 *
 * - a `<col>` is written only for an output column no `<col>` range of the sheet covers (a user's
 *   range is never split or changed), inside the sheet's `<cols>` in column order, or in a new
 *   `<cols>` just before `<sheetData>` (CT_Worksheet's sequence: sheetPr, dimension, sheetViews,
 *   sheetFormatPr, cols, sheetData);
 * - the pane goes into the first `<sheetView>` only when it has no pane (a user's freeze or split
 *   stays), as its first child with the bottom-left pane's `<selection>` (CT_SheetView's sequence:
 *   pane, selection ×4, pivotSelection, extLst — learn.microsoft.com/dotnet/api/
 *   documentformat.openxml.spreadsheet.sheetview). A frozen pane needs topLeftCell (Office's note
 *   on §18.3.1.66: learn.microsoft.com/openspecs/office_standards/ms-oi29500/
 *   ec581718-95fa-4938-8a74-6b840a7044ec), and ySplit is the number of frozen rows;
 * - what was added is recorded ({@link SheetLayout}, in the AE Meta state) so that a re-run
 *   removes exactly those elements before it writes its own, and never anything of the user's.
 *
 * The decisions are taken from a first look at the sheet's head (everything before sheetData,
 * {@link planLayout}); {@link LayoutWriter} applies them while the sheet is rewritten.
 * @packageDocumentation
 */
import type { OutputColumn } from "../pipeline/port";
import type { SheetEntry, XlsxPackage } from "./read";
import { scanPart } from "./read";
import { attrValue, localName, prefixOf, type XmlAttr } from "./sax";

/** What the add-in added to a sheet's layout: kept in the AE Meta state, removed by the next run. */
export interface SheetLayout {
  /** The `<col min max>` elements it wrote (1-based columns). */
  readonly cols: ReadonlyArray<readonly [number, number]>;
  /** The header row its frozen pane is at; 0 for no pane of the add-in's. */
  readonly pane: number;
  /** Whether it wrote the pane's `<selection pane="bottomLeft">`. */
  readonly selection?: boolean;
  /**
   * Elements it created to hold them: "cols" (a `<cols>`), "sheetViews" (a `<sheetViews>` with its
   * `<sheetView workbookViewId="0">`), "sheetView" (a self-closing first `<sheetView …/>` it opened).
   */
  readonly made?: readonly string[];
}

/** Reads a stored layout (undefined for an old state without one, or anything unreadable). */
export function layoutOf(value: unknown): SheetLayout | undefined {
  if (!value || typeof value !== "object") return undefined;
  const v = value as Partial<SheetLayout>;
  const cols = Array.isArray(v.cols)
    ? v.cols.filter(
        (c): c is [number, number] =>
          Array.isArray(c) && c.length === 2 && Number.isInteger(c[0]) && Number.isInteger(c[1]),
      )
    : [];
  return {
    cols,
    pane: Number.isInteger(v.pane) ? (v.pane as number) : 0,
    ...(v.selection === true ? { selection: true } : {}),
    ...(Array.isArray(v.made) ? { made: v.made.filter((m): m is string => typeof m === "string") } : {}),
  };
}

/** What the rewriter does to the sheet's head. */
export interface LayoutPlan {
  /** The layout to record in the state (undefined: none). */
  readonly record: SheetLayout | undefined;
  /** "min:max" of the add-in's earlier `<col>`s, removed. */
  readonly removeCols: ReadonlySet<string>;
  /** The `<col>`s to write (1-based column, width in characters), in column order. */
  readonly addCols: ReadonlyArray<{ readonly column: number; readonly width: number }>;
  /** The `<cols>` (by its position among the sheet's `<cols>`) that takes the columns after its last one. */
  readonly lastCols: number;
  /** `<cols>` elements (by position) left with no child: removed whole. */
  readonly dropCols: ReadonlySet<number>;
  /** No `<cols>` can take them: a new one before `<sheetData>`. */
  readonly newCols: boolean;
  /** The header row to freeze at (0: no pane is written). */
  readonly paneRow: number;
  /** The add-in's earlier pane (and its selection) in the first view: removed. */
  readonly removePane: boolean;
  readonly removeSelection: boolean;
  /** Write the bottom-left selection with the pane. */
  readonly addSelection: boolean;
  /** The sheet has no `<sheetViews>`: one is created. */
  readonly newViews: boolean;
}

/** No change to the layout (the `--no-layout` run, or a plan without styled columns). */
export function keepLayout(record: SheetLayout | undefined): LayoutPlan {
  return {
    record,
    removeCols: new Set(),
    addCols: [],
    lastCols: -1,
    dropCols: new Set(),
    newCols: false,
    paneRow: 0,
    removePane: false,
    removeSelection: false,
    addSelection: false,
    newViews: false,
  };
}

/** What the head of the sheet holds. */
interface Head {
  views: "none" | "empty" | "open";
  firstView: { empty: boolean; pane?: readonly XmlAttr[]; bottomLeftSelection: boolean } | undefined;
  /** One entry per `<cols>`: whether it is self-closing, and its `<col>` ranges. */
  cols: Array<{ empty: boolean; ranges: Array<[number, number]> }>;
}

function readHead(pkg: XlsxPackage, entry: SheetEntry): Head {
  const head: Head = { views: "none", firstView: undefined, cols: [] };
  const part = pkg.entry(entry.path);
  if (!part) return head;
  let depth = 0;
  let done = false;
  let inViews = false;
  let inFirstView = false;
  let inCols = false;
  scanPart(
    pkg.zip,
    part,
    {
      start(name, attrs, empty) {
        if (done) return;
        const local = localName(name);
        if (depth === 1) {
          if (local === "sheetData") done = true;
          else if (local === "sheetViews") {
            head.views = empty ? "empty" : "open";
            inViews = !empty;
          } else if (local === "cols") {
            head.cols.push({ empty, ranges: [] });
            inCols = !empty;
          }
        } else if (depth === 2 && inViews && local === "sheetView" && !head.firstView) {
          head.firstView = { empty, bottomLeftSelection: false };
          inFirstView = !empty;
        } else if (depth === 3 && inFirstView && head.firstView) {
          if (local === "pane") head.firstView.pane = attrs;
          else if (local === "selection" && attrValue(attrs, "pane") === "bottomLeft")
            head.firstView.bottomLeftSelection = true;
        } else if (depth === 2 && inCols && local === "col") {
          const min = Number(attrValue(attrs, "min"));
          const max = Number(attrValue(attrs, "max"));
          if (Number.isInteger(min) && Number.isInteger(max))
            (head.cols[head.cols.length - 1] as Head["cols"][number]).ranges.push([min, max]);
        }
        if (!empty) depth++;
      },
      end(name, start, end) {
        if (start === end || done) return;
        depth--;
        if (depth === 1) inViews = inCols = false;
        if (depth === 2) inFirstView = false;
        void name;
      },
    },
    () => done,
  );
  return head;
}

/**
 * Decides the layout of a run: `columns` are the output columns (those with a style get a width),
 * `previous` what the earlier run on this sheet added, `enabled` false for a run that leaves the
 * layout alone (the earlier record is then kept, so a later run still knows what is the add-in's).
 */
export function planLayout(
  pkg: XlsxPackage,
  entry: SheetEntry,
  columns: readonly OutputColumn[],
  headerRow: number,
  previous: SheetLayout | undefined,
  enabled: boolean,
): LayoutPlan {
  const styled = columns.filter((c) => c.style).sort((a, b) => a.index - b.index);
  if (!enabled || styled.length === 0) return keepLayout(previous);
  const head = readHead(pkg, entry);
  const ours = new Set((previous?.cols ?? []).map(([a, b]) => `${a}:${b}`));
  const removeCols = new Set<string>();
  const kept: Array<{ ordinal: number; min: number; max: number }> = [];
  head.cols.forEach((c, ordinal) => {
    for (const [min, max] of c.ranges) {
      const key = `${min}:${max}`;
      if (ours.has(key) && !removeCols.has(key)) removeCols.add(key);
      else kept.push({ ordinal, min, max });
    }
  });
  const addCols = styled
    .map((c) => ({ column: c.index + 1, width: (c.style as { width: number }).width }))
    .filter(({ column }) => !kept.some((k) => k.min <= column && column <= k.max));
  // Where the columns go: before the first kept <col> after them, else at the end of the last <cols>.
  let lastCols = -1;
  head.cols.forEach((c, i) => {
    if (!c.empty) lastCols = i;
  });
  const tail = addCols.filter(({ column }) => !kept.some((k) => k.min > column)).length;
  const newCols = lastCols < 0 && addCols.length > 0;
  const dropCols = new Set<number>();
  head.cols.forEach((c, i) => {
    const left = kept.filter((k) => k.ordinal === i).length;
    if (!c.empty && left === 0 && !(i === lastCols && tail > 0)) dropCols.add(i);
  });
  if (dropCols.has(lastCols) && tail > 0) throw new Error("internal: the last <cols> is dropped");

  // The frozen header row.
  const view = head.firstView;
  const pane = view?.pane;
  const paneIsOurs =
    pane !== undefined &&
    previous !== undefined &&
    previous.pane > 0 &&
    attrValue(pane, "state") === "frozen" &&
    Number(attrValue(pane, "ySplit")) === previous.pane &&
    !Number(attrValue(pane, "xSplit") ?? 0);
  const canFreeze = head.views === "none" || (view !== undefined && (pane === undefined || paneIsOurs));
  const removeSelection = paneIsOurs && previous?.selection === true;
  const addSelection = canFreeze && (!view?.bottomLeftSelection || removeSelection);

  const made = new Set(previous?.made ?? []);
  if (newCols) made.add("cols");
  else if (head.cols.length === dropCols.size && !newCols) made.delete("cols");
  if (head.views === "none") made.add("sheetViews");
  if (canFreeze && view?.empty) made.add("sheetView");
  const record: SheetLayout = {
    cols: addCols.map(({ column }) => [column, column] as const),
    pane: canFreeze ? headerRow : 0,
    ...(addSelection ? { selection: true } : {}),
    ...(made.size > 0 ? { made: [...made].sort() } : {}),
  };
  return {
    record,
    removeCols,
    addCols,
    lastCols,
    dropCols,
    newCols,
    paneRow: canFreeze ? headerRow : 0,
    removePane: paneIsOurs,
    removeSelection,
    addSelection,
    newViews: head.views === "none" && canFreeze,
  };
}

/** How the layout writer changes the rewritten sheet's bytes. */
export interface LayoutSink {
  /** Copies the input up to `pos`. */
  emitTo(pos: number): void;
  /** Writes new text. */
  insert(text: string): void;
  /** Drops the input up to `pos` (after an emitTo to the start of what is dropped). */
  skipTo(pos: number): void;
  /** The input bytes [from, to) as they are. */
  copy(from: number, to: number): void;
}

/** Applies a {@link LayoutPlan} to the events of the sheet's head, as the rewriter reads them. */
export class LayoutWriter {
  private readonly queue: Array<{ column: number; width: number }>;
  private colsOrdinal = -1;
  private inCols = false;
  private inViews = false;
  private viewSeen = false;
  /** The first view's start tag ended here; its pane is still to be written (before its first child). */
  private paneAt = -1;
  /** Depth of an element being dropped, until its end tag (-1: none). */
  private skipDepth = -1;
  private viewsDone = false;

  constructor(private readonly plan: LayoutPlan) {
    this.queue = [...plan.addCols];
  }

  /** True while bytes must not be copied (an element being dropped). */
  get holding(): boolean {
    return this.skipDepth >= 0;
  }

  private paneXml(p: string): string {
    const r = this.plan.paneRow;
    const pane = `<${p}pane ySplit="${r}" topLeftCell="A${r + 1}" activePane="bottomLeft" state="frozen"/>`;
    return this.plan.addSelection
      ? `${pane}<${p}selection pane="bottomLeft" activeCell="A${r + 1}" sqref="A${r + 1}"/>`
      : pane;
  }

  private colXml(p: string, upTo: number): string {
    let xml = "";
    while (this.queue.length > 0 && (this.queue[0] as { column: number }).column < upTo) {
      const { column, width } = this.queue.shift() as { column: number; width: number };
      xml += `<${p}col min="${column}" max="${column}" width="${width}" customWidth="1"/>`;
    }
    return xml;
  }

  private drop(sink: LayoutSink, empty: boolean, depth: number, start: number, end: number): void {
    sink.emitTo(start);
    if (empty) sink.skipTo(end);
    else this.skipDepth = depth;
  }

  /** A start tag of the sheet's head (`depth` 1 for the worksheet's children). */
  start(
    sink: LayoutSink,
    name: string,
    attrs: readonly XmlAttr[],
    empty: boolean,
    start: number,
    end: number,
    depth: number,
  ): void {
    if (this.skipDepth >= 0) return;
    const local = localName(name);
    const p = prefixOf(name);
    const plan = this.plan;
    if (depth === 1) {
      if (!this.viewsDone && plan.newViews && !["sheetPr", "dimension", "sheetViews"].includes(local)) {
        this.viewsDone = true;
        sink.emitTo(start);
        sink.insert(
          `<${p}sheetViews><${p}sheetView workbookViewId="0">${this.paneXml(p)}</${p}sheetView></${p}sheetViews>`,
        );
      }
      if (local === "sheetViews") this.inViews = !empty;
      else if (local === "cols") {
        this.colsOrdinal++;
        if (plan.dropCols.has(this.colsOrdinal)) this.drop(sink, empty, depth, start, end);
        else this.inCols = !empty;
      } else if (local === "sheetData" && plan.newCols && this.queue.length > 0) {
        sink.emitTo(start);
        sink.insert(`<${p}cols>${this.colXml(p, Infinity)}</${p}cols>`);
      }
      return;
    }
    if (this.inCols && depth === 2 && local === "col") {
      const min = attrValue(attrs, "min");
      const max = attrValue(attrs, "max");
      if (plan.removeCols.has(`${min}:${max}`)) {
        this.drop(sink, empty, depth, start, end);
        return;
      }
      const before = this.colXml(p, Number(min));
      if (before) {
        sink.emitTo(start);
        sink.insert(before);
      }
      return;
    }
    if (!this.inViews) return;
    if (depth === 2 && local === "sheetView" && !this.viewSeen) {
      this.viewSeen = true;
      if (plan.paneRow <= 0) return;
      if (empty) {
        // <sheetView …/> → <sheetView …><pane/><selection/></sheetView>
        sink.emitTo(start);
        sink.copy(start, end - 2);
        sink.insert(`>${this.paneXml(p)}</${p}sheetView>`);
        sink.skipTo(end);
      } else this.paneAt = end;
      return;
    }
    if (depth === 3 && this.paneAt >= 0) {
      const ours =
        (local === "pane" && plan.removePane) ||
        (local === "selection" && plan.removeSelection && attrValue(attrs, "pane") === "bottomLeft");
      if (this.paneAt !== Infinity) {
        // The view's first child: the pane goes before it.
        sink.emitTo(this.paneAt);
        sink.insert(this.paneXml(p));
        this.paneAt = Infinity;
      }
      if (ours) this.drop(sink, empty, depth, start, end);
    }
  }

  /** An end tag of the sheet's head (`depth` after the element closed: 1 for a worksheet child). */
  end(sink: LayoutSink, name: string, start: number, end: number, depth: number): void {
    if (this.skipDepth >= 0) {
      if (depth === this.skipDepth) {
        this.skipDepth = -1;
        sink.skipTo(end);
      }
      return;
    }
    if (start === end) return;
    const p = prefixOf(name);
    if (depth === 2 && this.inViews && this.paneAt >= 0 && this.paneAt !== Infinity) {
      // A first view with no child: the pane goes in.
      sink.emitTo(start);
      sink.insert(this.paneXml(p));
      this.paneAt = -1;
    } else if (depth === 2 && this.paneAt === Infinity) this.paneAt = -1;
    else if (depth === 1 && this.inViews) this.inViews = false;
    else if (depth === 1 && this.inCols) {
      this.inCols = false;
      if (this.colsOrdinal === this.plan.lastCols) {
        const rest = this.colXml(p, Infinity);
        if (rest) {
          sink.emitTo(start);
          sink.insert(rest);
        }
      }
    }
  }
}
