/**
 * Where a run's rate card comes from: the `AE Rates` sheet of the workbook, or a file the seller
 * loads (an .xlsx workbook — its `AE Rates` sheet, else its first sheet — or a .csv file, read by
 * src/csv).
 * Every host (CLI, pane, page) reads cards through these functions.
 * @packageDocumentation
 */
import { parseRateCard, type RateCard, type RateCardResult, type RateCardSource } from "../engine";
import { CsvError, decodeText, parseDelimited } from "../csv";
import { RATES_SHEET, type WorkbookPort } from "./port";

/** The most rows a card may have (a card is a price list, not a catalog). */
export const MAX_CARD_ROWS = 5000;

/** Reads the rows of one sheet of a port, up to {@link MAX_CARD_ROWS}; undefined when too long. */
async function sheetRows(
  port: WorkbookPort,
  sheet: string,
): Promise<ReadonlyArray<readonly unknown[] | undefined> | undefined> {
  const extent = await port.extent(sheet);
  if (extent.lastRow > MAX_CARD_ROWS + 20) return undefined;
  return port.peek(sheet, Math.max(1, extent.lastRow));
}

const tooLong = (where: string): RateCardResult => ({
  ok: false,
  problems: [
    {
      cell: undefined,
      message: {
        en: `${where} has more than ${MAX_CARD_ROWS} rows: a rate card is one row per destination and weight band`,
        zh: `${where}超过${MAX_CARD_ROWS}行：运费表应为每个目的国、每个重量段一行`,
      },
    },
  ],
});

/**
 * The card of the workbook's `AE Rates` sheet, or undefined when the workbook has none.
 *
 * @example
 * ```ts
 * const card = await readRatesSheet(port); // undefined → the pack's default card
 * if (card && !card.ok) console.log(describeProblems(card.problems, "en"));
 * ```
 */
export async function readRatesSheet(port: WorkbookPort): Promise<RateCardResult | undefined> {
  const names = await port.sheetNames();
  const sheet = names.find((n) => n.trim().toLowerCase() === RATES_SHEET.toLowerCase());
  if (sheet === undefined) return undefined;
  const rows = await sheetRows(port, sheet);
  if (!rows) return tooLong(`sheet '${sheet}'`);
  return parseRateCard(rows, { source: { kind: "sheet", name: sheet } });
}

/**
 * The card of a workbook file: its `AE Rates` sheet, else its first sheet.
 *
 * @param name - the file's name, for the report.
 */
export async function readRatesWorkbook(port: WorkbookPort, name: string): Promise<RateCardResult> {
  const names = await port.sheetNames();
  const sheet = names.find((n) => n.trim().toLowerCase() === RATES_SHEET.toLowerCase()) ?? names[0];
  const source: RateCardSource = { kind: "file", name };
  if (sheet === undefined)
    return {
      ok: false,
      problems: [{ cell: undefined, message: { en: `${name} has no sheet`, zh: `${name}没有工作表` } }],
    };
  const rows = await sheetRows(port, sheet);
  if (!rows) return tooLong(name);
  return parseRateCard(rows, { source });
}

/**
 * The card of a CSV or TSV file's bytes, read by src/csv: UTF-8 (with or without a BOM), UTF-16
 * with a BOM or GB18030 (Chinese Excel's "CSV (逗号分隔)"); comma, tab or semicolon separated.
 *
 * @example
 * ```ts
 * readRatesCsv(new TextEncoder().encode("目的国,首重(kg),首重费(元),续重单价(元/kg),续重步长(kg)\nDE,0.5,12,20,0.1\n"), "rates.csv").ok // => true
 * ```
 */
export function readRatesCsv(bytes: Uint8Array | string, name: string): RateCardResult {
  let rows: string[][];
  try {
    const text = typeof bytes === "string" ? bytes : decodeText(bytes).text;
    rows = parseDelimited(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).rows;
  } catch (e) {
    if (e instanceof CsvError)
      return {
        ok: false,
        problems: [{ cell: undefined, message: { en: `${name}: ${e.message}`, zh: `${name}：${e.zh}` } }],
      };
    throw e;
  }
  if (rows.length > MAX_CARD_ROWS + 20) return tooLong(name);
  return parseRateCard(rows, { source: { kind: "file", name } });
}

/**
 * What the seller is told about a card's full-managed rows: they are read and checked, but no fee
 * uses them — the full-managed fulfilment fee is a percentage of the sale by category
 * (rules-spec §1.2, FEE-FULL-FULFIL), not a price by weight. Undefined when the card has none.
 *
 * @example
 * ```ts
 * fullRowsNote(card, "en") // => "1 full-managed row of the card is not used: the full-managed fulfilment fee is a percentage of the sale amount by category, not a price by weight, so it changes no fee"
 * ```
 */
export function fullRowsNote(card: RateCard, lang: "en" | "zh"): string | undefined {
  const n = card.rows.filter((r) => r.mode === "full").length;
  if (n === 0) return undefined;
  return lang === "en"
    ? `${n} full-managed ${n === 1 ? "row of the card is" : "rows of the card are"} not used: the full-managed fulfilment fee is a percentage of the sale amount by category, not a price by weight, so ${n === 1 ? "it changes" : "they change"} no fee`
    : `运费表中的 ${n} 行全托管行未使用：全托管履约费按类目费率（交易额的百分比）计算，不按重量计价，这些行不影响任何费用`;
}
