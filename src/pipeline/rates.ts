/**
 * Where a run's rate card comes from: the `AE Rates` sheet of the workbook, or a file the seller
 * loads (an .xlsx workbook — its `AE Rates` sheet, else its first sheet — or a .csv file).
 * Every host (CLI, pane, page) reads cards through these functions.
 * @packageDocumentation
 */
import { parseRateCard, type RateCardResult, type RateCardSource } from "../engine";
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
 * The card of a CSV file's text (UTF-8, with or without a BOM; comma, semicolon or tab separated;
 * quoted fields as RFC 4180).
 *
 * @example
 * ```ts
 * readRatesCsv("目的国,首重(kg),首重费(元),续重单价(元/kg),续重步长(kg)\nDE,0.5,12,20,0.1\n", "rates.csv").ok // => true
 * ```
 */
export function readRatesCsv(text: string, name: string): RateCardResult {
  const rows = parseCsv(text);
  if (rows.length > MAX_CARD_ROWS + 20) return tooLong(name);
  return parseRateCard(rows, { source: { kind: "file", name } });
}

/**
 * Splits CSV text into rows of fields. The separator is the first of comma, semicolon and tab
 * found outside quotes on the first line; numbers stay text (the card parser reads them).
 *
 * @example
 * ```ts
 * parseCsv('a,"b,c"\n1,"say ""hi"""') // => [["a", "b,c"], ["1", 'say "hi"']]
 * ```
 */
export function parseCsv(text: string): string[][] {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = t.slice(0, t.search(/\r?\n|$/));
  const sep = [",", ";", "\t"]
    .map((s) => ({ s, n: firstLine.replace(/"[^"]*"/g, "").split(s).length }))
    .sort((a, b) => b.n - a.n)[0]?.s as string;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < t.length; i++) {
    const c = t[i] as string;
    if (quoted) {
      if (c === '"') {
        if (t[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === sep) {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && t[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
