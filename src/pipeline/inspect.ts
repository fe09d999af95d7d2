/**
 * What a run will see, found before it starts: the sheet and header row, how many rows are data
 * (totals and blank rows are not: the same count the run reports), and whether prices are in a
 * foreign currency with no exchange rate — so the pane can ask "Prices are in USD: enter the
 * exchange rate (CNY per USD)" next to the option and the CLI can name the flag, instead of a
 * sheet of INCOMPLETE rows.
 * @packageDocumentation
 */
import {
  amountMapping,
  currencyCode,
  parseMoney,
  type Bilingual,
  type CheckMode,
  type FieldName,
} from "../engine";
import { rowKind } from "./sheet-rows";
import {
  chunkRows,
  effectiveFees,
  openSheet,
  sheetReader,
  type CheckFailure,
  type CheckOptions,
} from "./run";
import type { WorkbookPort } from "./port";

/** A price column in a foreign currency (or a currency column naming one). */
export interface ForeignColumn {
  readonly letter: string;
  readonly header: string;
  readonly field: FieldName;
  /** Currency codes found: the header's unit, the cells' own ($12.50), or the currency column's values. */
  readonly currencies: readonly string[];
}

/** The result of {@link inspectSheet}. */
export interface SheetInspection {
  readonly ok: true;
  readonly sheet: string;
  readonly headerRow: number;
  /** Rows the run will count (neither totals nor blank). */
  readonly dataRows: number;
  readonly totalsRows: readonly number[];
  readonly blankRows: number;
  readonly currency: {
    /** Foreign currencies of the amounts the mode(s) use, e.g. ["USD"]. */
    readonly foreign: readonly string[];
    readonly columns: readonly ForeignColumn[];
    /** The rate that would be used: the option's, or the one remembered with the workbook. */
    readonly rate?: number;
    readonly rateSource?: "option" | "remembered" | "column";
    /** True when a foreign currency is there and no rate is: fees cannot be computed. */
    readonly needsRate: boolean;
    /** What to tell the user when `needsRate` (or when one rate cannot convert several currencies). */
    readonly message?: Bilingual;
    /** The columns, as "G 零售价(USD)", for the message's detail. */
    readonly where: string;
  };
}

/** The amount-like fields whose currency matters for the fee of a mode. */
const AMOUNT_FIELDS: readonly FieldName[] = ["amount"];
const CELL_SAMPLE = 5_000;

/**
 * Inspects the sheet a run would check: reads its rows once (merged ranges filled) and counts
 * data, totals and blank rows the way the run will, and looks for prices in a foreign currency.
 *
 * @example
 * ```ts
 * const i = await inspectSheet(port, { mode: "compare" });
 * if (i.ok && i.currency.needsRate) console.log(i.currency.message?.en);
 * // => "Prices are in USD: enter the exchange rate (CNY per USD)"
 * ```
 */
export async function inspectSheet(
  port: WorkbookPort,
  options: Pick<CheckOptions, "sheet" | "mappingOverrides" | "fees" | "chunkRows"> & {
    readonly mode?: CheckMode | "compare";
    /**
     * Only the currency is wanted (the CLI's question before a run): reading stops once the cell
     * sample is taken, so `dataRows`, `totalsRows` and `blankRows` count only the rows read — the
     * currency is the same as a full read's, and a sheet of a million rows is not read once more.
     */
    readonly currencyOnly?: boolean;
  },
): Promise<SheetInspection | CheckFailure> {
  const opened = await openSheet(port, options);
  if ("ok" in opened) return opened;
  const { sheet, headerRow, extent, mapping, ownedIndices } = opened;
  const modes: CheckMode[] =
    options.mode === undefined || options.mode === "compare" ? ["full", "semi"] : [options.mode];
  // The columns whose money the fees read, per mode (full-managed reads a supply-price column).
  const priceColumns = new Map<number, { field: FieldName; letter: string; header: string; unit?: string }>();
  for (const mode of modes) {
    const m = amountMapping(mapping, mode);
    for (const field of AMOUNT_FIELDS) {
      const c = m.byField[field];
      if (c)
        priceColumns.set(c.index, {
          field: c.field,
          letter: c.letter,
          header: c.header,
          ...(c.unit?.dimension === "currency" ? { unit: c.unit.code } : {}),
        });
    }
  }
  const currencyColumn = mapping.byField.currency;
  const found = new Map<number, Set<string>>();
  const note = (index: number, code: string | undefined) => {
    if (code === undefined || code === "CNY") return;
    (found.get(index) ?? found.set(index, new Set()).get(index))?.add(code);
  };
  for (const [index, c] of priceColumns) note(index, c.unit);
  const defaultCurrency = options.fees?.currency;

  const firstDataRow = headerRow + 1;
  const total = Math.max(extent.lastRow, headerRow) - headerRow;
  const chunk = chunkRows(port, options, extent.lastColumn + 1);
  const read = await sheetReader(port, opened);
  const keyIndex = mapping.byField.sku?.index ?? mapping.byField.orderId?.index;
  const totalsRows: number[] = [];
  let blankRows = 0;
  let dataRows = 0;
  for (let offset = 0; offset < total; offset += chunk) {
    // Cells past the sample are only counted (not looked at for currency).
    if (options.currencyOnly && dataRows >= CELL_SAMPLE) break;
    const count = Math.min(chunk, total - offset);
    const rows = await read(firstDataRow + offset, count);
    for (let i = 0; i < count; i++) {
      const cells = rows[i];
      const kind = rowKind(cells, keyIndex, ownedIndices);
      if (kind === "totals") totalsRows.push(firstDataRow + offset + i);
      else if (kind === "blank") blankRows++;
      if (kind !== "data" || !cells) continue;
      dataRows++;
      if (dataRows > CELL_SAMPLE) continue;
      for (const [index, c] of priceColumns) {
        if (c.unit !== undefined) continue;
        const money = parseMoney(cells[index]);
        if (money.ok) note(index, money.value.currency);
      }
      if (currencyColumn) {
        const v = cells[currencyColumn.index];
        if (typeof v === "string" && v.trim() !== "") note(currencyColumn.index, currencyCode(v));
      }
    }
  }
  if (defaultCurrency !== undefined && defaultCurrency !== "CNY" && found.size === 0) {
    for (const [index] of priceColumns) note(index, defaultCurrency);
  }

  const columns: ForeignColumn[] = [...found.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([index, codes]) => {
      const c = priceColumns.get(index) ?? {
        field: "currency" as FieldName,
        letter: currencyColumn?.letter ?? "",
        header: currencyColumn?.header ?? "",
      };
      return { letter: c.letter, header: c.header, field: c.field, currencies: [...codes].sort() };
    });
  const foreign = [...new Set(columns.flatMap((c) => c.currencies))].sort();
  const { fees, fx } = effectiveFees(options.fees, opened.state);
  const rateColumn = mapping.byField.fxRate !== undefined;
  const rate = fees?.fxRate;
  const needsRate = foreign.length > 0 && rate === undefined && !rateColumn;
  const where = columns.map((c) => `${c.letter} ${c.header}`).join(", ");
  const codes = foreign.join("/");
  const message: Bilingual | undefined = needsRate
    ? {
        en: `Prices are in ${codes}: enter the exchange rate (CNY per ${codes})`,
        zh: `价格为 ${codes}：请填写汇率（每 1 ${codes} 兑人民币）`,
      }
    : foreign.length > 1 && !rateColumn
      ? {
          en: `Prices are in ${foreign.join(" and ")} (${where}): one exchange rate cannot convert both; add an 汇率 / exchange-rate column`,
          zh: `价格含多种币种 ${foreign.join("、")}（${where}）：一个汇率无法同时换算，请增加“汇率”列`,
        }
      : undefined;
  return {
    ok: true,
    sheet,
    headerRow,
    dataRows,
    totalsRows,
    blankRows,
    currency: {
      foreign,
      columns,
      ...(rate !== undefined
        ? { rate, rateSource: fx?.source ?? "option" }
        : rateColumn
          ? { rateSource: "column" as const }
          : {}),
      needsRate,
      ...(message ? { message } : {}),
      where,
    },
  };
}
