/**
 * The .xlsx implementation of the pipeline's {@link WorkbookPort}: reads a workbook's bytes,
 * and on write produces the bytes of an annotated copy (the input bytes are never modified).
 * @packageDocumentation
 */
import type { MergedRange, OwnSheet, RunState, TableInfo, WorkbookPort, WritePlan } from "../pipeline/port";
import { mergedRangesOf } from "./merges";
import { PROFILE_SHEET, STATE_SHEET } from "../pipeline/port";
import { XlsxPackage, type SheetCells } from "./read";
import { writeOutputs, type WriteOptions } from "./write";
import { attr, parseRef } from "./xml";

/** A workbook file seen through the pipeline port. */
export class XlsxPort implements WorkbookPort {
  private readonly cells = new Map<string, SheetCells>();
  /** The annotated copy, once {@link XlsxPort.write} ran. */
  output: Uint8Array | undefined;

  private constructor(
    private readonly bytes: Uint8Array,
    private readonly pkg: XlsxPackage,
    private readonly options: WriteOptions,
  ) {}

  /**
   * Opens a workbook; throws WorkbookOpenError with a plain reason for a file that is not a
   * readable .xlsx. `options.compressText` lets a host deflate the rewritten sheet faster.
   */
  static async open(bytes: Uint8Array, options: WriteOptions = {}): Promise<XlsxPort> {
    return new XlsxPort(bytes, await XlsxPackage.open(bytes), options);
  }

  async sheetNames(): Promise<readonly string[]> {
    return this.pkg.sheets.filter((s) => s.state === "visible").map((s) => s.name);
  }

  private async sheetCells(name: string): Promise<SheetCells> {
    let cells = this.cells.get(name);
    if (!cells) {
      const entry = this.pkg.sheet(name);
      if (!entry) throw new Error(`no sheet '${name}'`);
      cells = await this.pkg.readSheet(entry);
      this.cells.set(name, cells);
    }
    return cells;
  }

  async peek(sheet: string, maxRows: number): Promise<ReadonlyArray<readonly unknown[] | undefined>> {
    return (await this.sheetCells(sheet)).rows.slice(0, maxRows);
  }

  async extent(sheet: string): Promise<{ lastRow: number; lastColumn: number }> {
    const cells = await this.sheetCells(sheet);
    return { lastRow: cells.rows.length, lastColumn: cells.maxColumn };
  }

  async readRows(
    sheet: string,
    firstRow: number,
    count: number,
  ): Promise<ReadonlyArray<readonly unknown[] | undefined>> {
    return (await this.sheetCells(sheet)).rows.slice(firstRow - 1, firstRow - 1 + count);
  }

  async mergedRanges(sheet: string): Promise<readonly MergedRange[]> {
    return mergedRangesOf((await this.sheetCells(sheet)).xml);
  }

  async tables(sheet: string): Promise<readonly TableInfo[]> {
    const entry = this.pkg.sheet(sheet);
    if (!entry) return [];
    const relsPath = entry.path.replace(/([^/]+)$/, "_rels/$1.rels");
    const rels = await this.pkg.zip.file(relsPath)?.async("string");
    if (!rels) return [];
    const out: TableInfo[] = [];
    for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
      if (!(attr(m[0], "Type") ?? "").endsWith("/table")) continue;
      const target = attr(m[0], "Target") ?? "";
      const path = target.startsWith("/")
        ? target.slice(1)
        : new URL(target, `file:///${entry.path}`).pathname.slice(1);
      const xml = await this.pkg.zip.file(path)?.async("string");
      const tag = xml ? /<table\b[^>]*>/.exec(xml)?.[0] : undefined;
      const ref = tag ? attr(tag, "ref") : undefined;
      const [a, b] = (ref ?? "").split(":");
      const start = a ? parseRef(a) : undefined;
      const end = b ? parseRef(b) : undefined;
      const headerRows = tag ? Number(attr(tag, "headerRowCount") ?? 1) : 1;
      if (start && end && headerRows > 0) {
        out.push({
          name: (tag && attr(tag, "displayName")) ?? "",
          headerRow: start.row,
          firstColumn: start.column,
          lastColumn: end.column,
          lastRow: end.row,
        });
      }
    }
    return out;
  }

  async readProfile(): Promise<ReadonlyArray<readonly unknown[]> | undefined> {
    if (!this.pkg.sheet(PROFILE_SHEET)) return undefined;
    const cells = await this.sheetCells(PROFILE_SHEET);
    const rows = cells.rows
      .filter((r): r is unknown[] => r !== undefined && r[0] !== undefined)
      .map((r) => [r[0], r[1]]);
    // A heading row ("Key | Value", "项目 | 值") is not a profile entry.
    const first = String(rows[0]?.[0] ?? "").toLowerCase();
    return /^(key|项目|键|name|名称)\b|^(项目|键)/i.test(first) ? rows.slice(1) : rows;
  }

  async readState(): Promise<RunState | undefined> {
    const entry = this.pkg.sheet(STATE_SHEET);
    if (!entry) return undefined;
    const cells = await this.pkg.readSheet(entry, 1);
    const json = cells.rows[0]?.[0];
    if (typeof json !== "string") return undefined;
    try {
      const state = JSON.parse(json) as RunState;
      return state.version === 1 && Array.isArray(state.columns) ? state : undefined;
    } catch {
      return undefined;
    }
  }

  async write(plan: WritePlan): Promise<void> {
    // Write into a freshly opened copy so this port's view of the input stays as read.
    const pkg = await XlsxPackage.open(this.bytes, this.pkg);
    const entry = pkg.sheet(plan.sheet);
    if (!entry) throw new Error(`no sheet '${plan.sheet}'`);
    const xml = (await this.sheetCells(plan.sheet)).xml;
    // The parsed cells are not needed to write (the XML is): let them go before the write's large
    // allocations, so the collector does not trace them. A later read parses again.
    this.cells.clear();
    const state: OwnSheet = {
      name: STATE_SHEET,
      hidden: true,
      rows: [
        [JSON.stringify(plan.state)],
        ["AE Modes keeps here which columns it wrote, so a re-run replaces them. 请勿修改。"],
      ],
    };
    this.output = await writeOutputs(
      pkg,
      {
        entry,
        xml,
        headerRow: plan.headerRow,
        firstDataRow: plan.firstDataRow,
        columns: plan.columns,
        clear: plan.clear,
      },
      plan.lastDataRow,
      [plan.report, ...(plan.sheets ?? []), state],
      this.options,
    );
  }
}
