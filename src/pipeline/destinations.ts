/**
 * The `AE Destinations` sheet: for rows whose target markets (目标市场 `DE, FR, PL`) list
 * destinations, one line per SKU × destination with the logistics (fulfilment) fee from the rate
 * card, the fee total, net payout, profit and margin (where there is a cost), and the cheapest and
 * dearest destination of the SKU — the seller's "which countries should this SKU join" view.
 * @packageDocumentation
 */
import { destinationCode, parseList, skuText, type SheetEvaluator } from "../engine";
import type { Lang } from "./outputs";
import { DESTINATIONS_SHEET, type OutputCell, type OwnSheet } from "./port";

/** The most lines the sheet holds (a catalog of 100,000 SKUs × 5 markets would be 500,000). */
export const MAX_DESTINATION_LINES = 100_000;

const HEAD = {
  en: [
    "SKU",
    "Row",
    "Destination",
    "Logistics fee (CNY)",
    "Fee total (CNY)",
    "Net payout (CNY)",
    "Profit (CNY)",
    "Margin",
    "Cheapest destination",
    "Dearest destination",
    "Note",
  ],
  zh: [
    "SKU",
    "行",
    "目的国",
    "物流费(元)",
    "费用合计(元)",
    "净收入(元)",
    "利润(元)",
    "利润率",
    "最便宜的目的国",
    "最贵的目的国",
    "说明",
  ],
} as const;

/** One SKU × destination. */
interface Line {
  sku: string;
  row: number;
  destination: string;
  logisticsFen: number | undefined;
  totalFen: number | undefined;
  netFen: number | undefined;
  profitFen: number | undefined;
  margin: number | undefined;
  note: string;
}

/** Collects the lines as rows are read, then builds the sheet. */
export class DestinationsCollector {
  private readonly lines: Line[] = [];
  private truncated = false;
  /** Rows that listed at least one target market. */
  rows = 0;

  constructor(
    private readonly evaluator: SheetEvaluator,
    private readonly marketsColumn: number,
    private readonly lang: Lang,
  ) {}

  /** Adds the lines of one data row (call with the row's cells as read). */
  add(
    cells: readonly unknown[],
    sheetRow: number,
    costFen: number | undefined,
    skuColumn: number | undefined,
  ): void {
    const markets = parseList(cells[this.marketsColumn]);
    if (!markets.ok) return;
    this.rows++;
    const sku = (skuColumn === undefined ? undefined : skuText(cells[skuColumn])) ?? "";
    const seen = new Set<string>();
    for (const name of markets.value) {
      if (this.lines.length >= MAX_DESTINATION_LINES) {
        this.truncated = true;
        return;
      }
      const code = destinationCode(name);
      if (code === undefined || code === "*") {
        this.lines.push(
          blank(sku, sheetRow, name, this.lang === "en" ? "not a known country" : "无法识别的国家"),
        );
        continue;
      }
      if (seen.has(code)) continue;
      seen.add(code);
      const r = this.evaluator.feeFor(cells, sheetRow, code);
      const fee = r.fee;
      if (!fee) {
        const why = r.issues.find((i) => i.severity === "missing" || i.severity === "error");
        this.lines.push(blank(sku, sheetRow, code, why ? why.message[this.lang] : ""));
        continue;
      }
      const profitFen = costFen === undefined ? undefined : fee.netPayoutFen - costFen;
      this.lines.push({
        sku,
        row: sheetRow,
        destination: code,
        logisticsFen: fee.components.find((c) => c.id === "fulfilment")?.fen,
        totalFen: fee.totalFen,
        netFen: fee.netPayoutFen,
        profitFen,
        margin: profitFen !== undefined && fee.amountCnyFen !== 0 ? profitFen / fee.amountCnyFen : undefined,
        note: "",
      });
    }
  }

  /** The sheet, or undefined when no row listed a target market. */
  sheet(): OwnSheet | undefined {
    if (this.rows === 0) return undefined;
    const rows: OutputCell[][] = [[...HEAD[this.lang]]];
    const fen = (n: number | undefined): OutputCell => (n === undefined ? null : n / 100);
    // Cheapest and dearest per data row (a SKU's lines are consecutive), by fee total.
    let start = 0;
    while (start < this.lines.length) {
      let end = start;
      while (end < this.lines.length && (this.lines[end] as Line).row === (this.lines[start] as Line).row)
        end++;
      const group = this.lines.slice(start, end);
      const priced = group.filter((l) => l.totalFen !== undefined);
      const min = Math.min(...priced.map((l) => l.totalFen as number));
      const max = Math.max(...priced.map((l) => l.totalFen as number));
      const cheapest = priced
        .filter((l) => l.totalFen === min)
        .map((l) => l.destination)
        .join(", ");
      const dearest = priced
        .filter((l) => l.totalFen === max)
        .map((l) => l.destination)
        .join(", ");
      for (const l of group)
        rows.push([
          l.sku,
          l.row,
          l.destination,
          fen(l.logisticsFen),
          fen(l.totalFen),
          fen(l.netFen),
          fen(l.profitFen),
          l.margin ?? null,
          priced.length > 0 ? cheapest : null,
          priced.length > 0 ? dearest : null,
          l.note === "" ? null : l.note,
        ]);
      start = end;
    }
    if (this.truncated)
      rows.push([
        this.lang === "en"
          ? `… only the first ${MAX_DESTINATION_LINES.toLocaleString("en")} lines are listed`
          : `……仅列出前${MAX_DESTINATION_LINES}行`,
      ]);
    return { name: DESTINATIONS_SHEET, rows, widths: [16, 8, 12, 16, 14, 14, 12, 10, 18, 18, 60] };
  }
}

function blank(sku: string, row: number, destination: string, note: string): Line {
  return {
    sku,
    row,
    destination,
    logisticsFen: undefined,
    totalFen: undefined,
    netFen: undefined,
    profitFen: undefined,
    margin: undefined,
    note,
  };
}
