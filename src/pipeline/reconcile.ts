/**
 * Reconciliation of a platform statement: per line, the fee the rules expect against what the
 * platform charged, in total and by component, with a verdict (MATCH within the tolerance,
 * OVERCHARGED, UNDERCHARGED, or CANNOT_CHECK naming the missing input). Same port, same
 * nothing-lost rules as the catalog check.
 * @packageDocumentation
 */
import {
  CHARGED_COMPONENTS,
  VERDICTS,
  amountToFen,
  columnLetter,
  duplicateNote,
  fenText,
  reasonText,
  parseMode,
  parseMoney,
  reconcileLine,
  reconcileNote,
  type Charge,
  type ChargedComponent,
  type CheckMode,
  type FeeBreakdown,
  type ReasonCode,
  type RulePack,
  type Engine,
  type LineOutcome,
  type SheetEvaluator,
  type StatementLine,
  type UnusedColumn,
  type Verdict,
  type RateCard,
  describeCard,
} from "../engine";
import { RECONCILE_HEADERS, valueWord, type Lang } from "./outputs";
import { DISPUTES_SHEET, REPORT_SHEET, type OutputCell, type OwnSheet, type WorkbookPort } from "./port";
import { localTime, wordsLine } from "./report";
import { rowKind } from "./sheet-rows";
import { describeOverride } from "./report";
import { OrderIndex } from "./order-index";
import { fullRowsNote } from "./rates";
import {
  CANCELLED,
  chunkRows,
  openSheet,
  placeColumns,
  sheetReader,
  resolveEngine,
  resolveRateCard,
  writeRun,
  type CheckFailure,
  type CheckOptions,
} from "./run";

export type { Verdict };

/** Options of a reconciliation run. */
export interface ReconcileOptions extends Omit<CheckOptions, "mode" | "profile"> {
  /** The mode of lines without a mode column (or with it blank). */
  readonly mode: CheckMode;
  /** A difference within this many CNY is a MATCH (default 0.01). */
  readonly tolerance?: number;
}

/** One reconciled line. */
export interface LineResult {
  readonly row: number;
  readonly orderId: string | undefined;
  readonly mode: CheckMode | undefined;
  readonly verdict: Verdict;
  readonly expectedFen: number | undefined;
  readonly chargedFen: number | undefined;
  readonly differenceFen: number | undefined;
  readonly refund: boolean;
  /** The line's outcome as a value (reason code, component differences). */
  readonly outcome: LineOutcome | undefined;
  /** The rows that share this line's order id (this one included), when there are others. */
  readonly duplicateRows: readonly number[] | undefined;
  /** The note, rendered in the run's language. */
  readonly note: string;
}

/** What a reconciliation run found. */
export interface ReconcileSummary {
  readonly ok: true;
  readonly sheet: string;
  readonly headerRow: number;
  readonly lines: number;
  readonly counts: Readonly<Record<Verdict, number>>;
  readonly expectedFen: number;
  readonly chargedFen: number;
  /** Sum of positive differences (charged more than expected). */
  readonly overchargedFen: number;
  /** Sum of negative differences, as a positive number. */
  readonly underchargedFen: number;
  readonly refunds: number;
  /** Lines whose order id is on another sale line too (a refund sharing its order's id is not one). */
  readonly duplicateLines: number;
  /** Orders whose refund lines were netted with their sale line (one sale, one or more refunds). */
  readonly nettedOrders: number;
  /** Rows of the AE Disputes sheet (over- and undercharged lines, one per differing component). */
  readonly disputes: number;
  /** Totals rows (合计 …) between the header and the last line, not reconciled. */
  readonly totalsRows: readonly number[];
  /** The 20 largest differences. */
  readonly largest: readonly LineResult[];
  /** Every OVERCHARGED and UNDERCHARGED line, in sheet order (to send to the platform). */
  readonly disputed: readonly LineResult[];
  /**
   * Every CANNOT_CHECK line, in sheet order, its outcome saying why: the one record of them; the
   * report, the CLI and the pane group them by reason with {@link cannotCheckGroups}.
   */
  readonly cannotCheckLines: readonly LineResult[];
  readonly columns: ReadonlyArray<{ readonly header: string; readonly letter: string }>;
  readonly startedAt: Date;
  /** The rate card the expected fulfilment fees came from. */
  readonly rateCard: RateCard;
  /** Where the rule pack's override came from, if any. */
  readonly packSource: string | undefined;
  /** The rule pack the run used. */
  readonly pack: RulePack;
}

/** Why lines cannot be checked, as they are grouped: the engine's reason code ("OTHER" without one). */
export type CannotCheckCode = ReasonCode | "OTHER";

/** The CANNOT_CHECK lines of one reason. */
export interface CannotCheckGroup {
  readonly code: CannotCheckCode;
  /** In sheet order. */
  readonly lines: readonly LineResult[];
}

/**
 * CANNOT_CHECK lines grouped by their reason code, the largest group first (then by code).
 *
 * @example
 * ```ts
 * cannotCheckGroups(summary.cannotCheckLines).map((g) => [g.code, g.lines.length])
 * // => [["FEE_NOT_COMPUTED", 2], ["NO_CHARGE", 1]]
 * ```
 */
export function cannotCheckGroups(lines: readonly LineResult[]): CannotCheckGroup[] {
  const groups = new Map<CannotCheckCode, LineResult[]>();
  for (const line of lines) {
    const code: CannotCheckCode = line.outcome?.reason?.code ?? "OTHER";
    const list = groups.get(code);
    if (list) list.push(line);
    else groups.set(code, [line]);
  }
  return [...groups]
    .map(([code, list]) => ({ code, lines: list }))
    .sort((a, b) => b.lines.length - a.lines.length || a.code.localeCompare(b.code));
}

/**
 * The grouped counts of the report and the CLI, from {@link cannotCheckGroups}: per reason code,
 * how many lines, the first line's reason in words, its first five rows.
 *
 * @example
 * ```ts
 * cannotCheckCounts(summary.cannotCheckLines, "en")[0]
 * // => { code: "FEE_NOT_COMPUTED", lines: 2, example: "category is blank", firstRows: [8, 10] }
 * ```
 */
export function cannotCheckCounts(
  lines: readonly LineResult[],
  lang: Lang,
): Array<{ code: CannotCheckCode; lines: number; example: string; firstRows: number[] }> {
  return cannotCheckGroups(lines).map((g) => ({
    code: g.code,
    lines: g.lines.length,
    example: cannotCheckText(g.lines[0] as LineResult, lang),
    firstRows: g.lines.slice(0, 5).map((l) => l.row),
  }));
}

/**
 * Why a CANNOT_CHECK line cannot be checked, in words (its reason code's text; its note without one).
 *
 * @example
 * ```ts
 * cannotCheckText(line, "en") // => "no charged fee on the line (平台扣费 or its components)"
 * ```
 */
export function cannotCheckText(line: LineResult, lang: Lang): string {
  const reason = line.outcome?.reason;
  return reason ? reasonText(reason, lang) : line.note;
}

/** Verdict codes of the per-line array: VERDICTS index + 1 (0 is "no line"). */
const VERDICT_CODE: Readonly<Record<Verdict, number>> = {
  MATCH: 1,
  OVERCHARGED: 2,
  UNDERCHARGED: 3,
  CANNOT_CHECK: 4,
};
const OVERCHARGED = VERDICT_CODE.OVERCHARGED;
const UNDERCHARGED = VERDICT_CODE.UNDERCHARGED;

/**
 * A charged-money cell: its integer fen when it is CNY, the code of its currency when it names
 * another one ("US$1.20" → "USD"), undefined when blank or unreadable. A plain number is in the
 * currency its column's header names ("佣金(USD)"), CNY when the header names none.
 */
function chargedMoney(cell: unknown, headerCurrency: string | undefined): Charge {
  const foreignHeader = headerCurrency !== undefined && headerCurrency !== "CNY" ? headerCurrency : undefined;
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return undefined;
    return foreignHeader ?? amountToFen(cell);
  }
  if (cell === null || cell === undefined) return undefined;
  const m = parseMoney(cell);
  if (!m.ok) return undefined;
  const currency = m.value.currency ?? foreignHeader;
  return currency !== undefined && currency !== "CNY" ? currency : amountToFen(m.value.amount);
}

/** The currency a column's header names ("平台佣金(USD)" → "USD"), if any. */
function headerCurrency(
  column: { unit?: { dimension: string; code: string } | undefined } | undefined,
): string | undefined {
  return column?.unit?.dimension === "currency" ? column.unit.code : undefined;
}

/** The key that makes two order ids the same order (width, case and spaces folded). */
function orderKey(id: string): string {
  // eslint-disable-next-line no-control-regex
  const ascii = /^[\x00-\x7f]*$/.test(id);
  return (ascii ? id : id.normalize("NFKC")).trim().toUpperCase();
}

function modeOf(cell: unknown): CheckMode | undefined {
  return typeof cell === "string" ? parseMode(cell) : undefined;
}

/**
 * Reconciles a statement sheet and writes the reconciliation columns and report.
 *
 * @example
 * ```ts
 * const r = await runReconcile(port, new Engine(), { mode: "semi", tolerance: 0.01 });
 * if (r.ok) console.log(r.counts, r.overchargedFen / 100);
 * ```
 */
export async function runReconcile(
  port: WorkbookPort,
  hostEngine: Engine,
  options: ReconcileOptions,
): Promise<ReconcileSummary | CheckFailure> {
  const startedAt = options.now ?? new Date();
  const lang: Lang = options.lang ?? "en";
  const tol = Math.round((options.tolerance ?? 0.01) * 100);
  const opened = await openSheet(port, options);
  if ("ok" in opened) return opened;
  const { sheet, headerRow, header, extent, mapping } = opened;
  const resolved = await resolveEngine(port, hostEngine, options);
  if ("ok" in resolved) return resolved;
  const { engine, packSource } = resolved;
  const rateCard = await resolveRateCard(port, engine, options);
  if ("ok" in rateCard) return rateCard;
  const evaluators = new Map<CheckMode, SheetEvaluator>(
    (["semi", "full"] as const).map((m) => [
      m,
      engine.prepareSheet(header, {
        mode: m,
        mapping,
        rates: rateCard,
        statement: true,
        feesOnly: true,
        ...(options.fees ? { fees: options.fees } : {}),
      }),
    ]),
  );
  // The charged-component columns the sheet has, per mode (found once, not per line): per mode the
  // first column of each fee component is counted; the other charged columns are kept as unused,
  // so a charge in one is named on its line instead of dropped.
  type Columns = {
    components: ChargedComponent[];
    indices: number[];
    unused: UnusedColumn[];
    unusedIndices: number[];
  };
  const chargedColumns: Record<CheckMode, Columns> = {
    semi: { components: [], indices: [], unused: [], unusedIndices: [] },
    full: { components: [], indices: [], unused: [], unusedIndices: [] },
  };
  for (const m of ["semi", "full"] as const) {
    const at = chargedColumns[m];
    const used = new Set<string>();
    const seen = new Set<string>();
    for (const c of CHARGED_COMPONENTS) {
      const column = mapping.byField[c.field];
      if (!column || !c.modes.includes(m)) continue;
      const counted = at.components.findIndex((o) => o.components.some((x) => c.components.includes(x)));
      if (counted >= 0) {
        if (at.indices[counted] !== column.index && !seen.has(c.field)) {
          const other = mapping.byField[(at.components[counted] as ChargedComponent).field];
          at.unused.push({ header: column.header, ...(other ? { other: other.header } : {}) });
          at.unusedIndices.push(column.index);
        }
      } else {
        at.components.push(c);
        at.indices.push(column.index);
        used.add(c.field);
      }
      seen.add(c.field);
    }
    for (const c of CHARGED_COMPONENTS) {
      const column = mapping.byField[c.field];
      if (!column || seen.has(c.field)) continue;
      seen.add(c.field);
      at.unused.push({ header: column.header });
      at.unusedIndices.push(column.index);
    }
  }
  const firstDataRow = headerRow + 1;
  const lastDataRow = Math.max(extent.lastRow, headerRow);
  const total = lastDataRow - headerRow;
  const chunk = chunkRows(port, options, extent.lastColumn + 1);
  const amountColumn = mapping.byField.amount;
  const orderIdColumn = mapping.byField.orderId?.index;
  const modeColumn = mapping.byField.mode?.index;
  const chargedFeeColumn = mapping.byField.chargedFee?.index;
  const chargedFeeCurrency = headerCurrency(mapping.byField.chargedFee);
  // The currency each charged column's header names (by column index, for the columns above).
  const currencyAt = (index: number) => headerCurrency(mapping.columns.find((c) => c.index === index));
  const currenciesOf = (m: CheckMode) => ({
    used: chargedColumns[m].indices.map(currencyAt),
    unused: chargedColumns[m].unusedIndices.map(currencyAt),
  });
  const chargedCurrencies = { semi: currenciesOf("semi"), full: currenciesOf("full") };
  // Per line, in flat arrays rather than an object per line (a statement can have hundreds of
  // thousands): NaN is "none" in the money arrays, 0 is "no line" in the verdict array.
  const expectedOf = new Float64Array(total).fill(NaN);
  const chargedOf = new Float64Array(total).fill(NaN);
  const differenceOf = new Float64Array(total).fill(NaN);
  const verdictOf = new Uint8Array(total); // VERDICTS index + 1
  const refundOf = new Uint8Array(total);
  const modeCodeOf = new Uint8Array(total); // 1 semi, 2 full
  const orderIds: Array<string | undefined> = new Array<string | undefined>(total).fill(undefined);
  // Most lines have nothing to say: only the outcomes of those that do are kept, rendered when written.
  const notes = new Map<number, LineOutcome>();
  // Order ids and their first line; ids seen again → all their lines (only those get an array).
  const orderIndex = new OrderIndex(total);
  const duplicates = new Map<number, number[]>();
  // The few distinct texts of a mode column, read once each.
  const modes = new Map<string, CheckMode | undefined>();
  // The charged components of the line at hand (one buffer per mode, refilled per line).
  const chargedBuffer: Record<CheckMode, Charge[]> = {
    semi: new Array<Charge>(chargedColumns.semi.indices.length),
    full: new Array<Charge>(chargedColumns.full.indices.length),
  };
  const unusedBuffer: Record<CheckMode, Charge[]> = {
    semi: new Array<Charge>(chargedColumns.semi.unusedIndices.length),
    full: new Array<Charge>(chargedColumns.full.unusedIndices.length),
  };

  // Merged ranges apply to every cell of the range; totals and blank rows are not lines.
  const read = await sheetReader(port, opened);
  const totalsRows: number[] = [];
  // A total-only line charged differently from the rules: the expected breakdown, for the note.
  const breakdowns = new Map<number, FeeBreakdown>();
  for (let offset = 0; offset < total; offset += chunk) {
    if (options.isCancelled?.()) return CANCELLED;
    const count = Math.min(chunk, total - offset);
    const rows = await read(firstDataRow + offset, count);
    for (let i = 0; i < count; i++) {
      const cells = rows[i];
      // The add-in's own columns from an earlier run do not make a cleared line count.
      const kind = rowKind(cells, orderIdColumn, opened.ownedIndices);
      if (kind === "totals") totalsRows.push(firstDataRow + offset + i);
      if (kind !== "data" || !cells) continue;
      const at = offset + i;
      readLine(cells, firstDataRow + at, at);
      const orderId = orderIds[at];
      if (orderId !== undefined) {
        const first = orderIndex.firstOf(orderKey(orderId), at);
        if (first >= 0) {
          const list = duplicates.get(first);
          if (list) list.push(at);
          else duplicates.set(first, [first, at]);
        }
      }
    }
    options.onProgress?.(offset + count, total);
  }
  if (options.isCancelled?.()) return CANCELLED;

  /** Reads one line's cells, reconciles it (engine) and keeps the outcome in the per-line arrays at `at`. */
  function readLine(cells: readonly unknown[], row: number, at: number): void {
    if (orderIdColumn !== undefined) orderIds[at] = cellText(cells[orderIdColumn]);
    const modeText = modeColumn === undefined ? undefined : cellText(cells[modeColumn]);
    let mode: CheckMode | undefined = options.mode;
    if (modeText !== undefined) {
      if (modes.has(modeText)) mode = modes.get(modeText);
      else modes.set(modeText, (mode = modeOf(modeText)));
    }
    let line: StatementLine;
    let negative: number | undefined;
    if (mode === undefined) {
      line = { mode, modeText, chargedTotal: undefined, columns: [], charged: [], negativeAmount: false };
    } else {
      const { components, indices, unused, unusedIndices } = chargedColumns[mode];
      const charged = chargedBuffer[mode];
      const currencies = chargedCurrencies[mode];
      for (let k = 0; k < indices.length; k++)
        charged[k] = chargedMoney(cells[indices[k] as number], currencies.used[k]);
      const unusedCharged = unusedBuffer[mode];
      for (let k = 0; k < unusedIndices.length; k++)
        unusedCharged[k] = chargedMoney(cells[unusedIndices[k] as number], currencies.unused[k]);
      const amount = amountColumn ? parseMoney(cells[amountColumn.index]) : undefined;
      if (amount?.ok && amount.value.amount < 0) negative = amount.value.amount;
      line = {
        mode,
        modeText,
        chargedTotal:
          chargedFeeColumn === undefined
            ? undefined
            : chargedMoney(cells[chargedFeeColumn], chargedFeeCurrency),
        columns: components,
        charged,
        unused,
        unusedCharged,
        negativeAmount: negative !== undefined,
      };
    }
    let fee: FeeBreakdown | undefined;
    const outcome = reconcileLine(
      line,
      () => {
        // A refund's fee is the fee of the returned amount (made positive), reversed.
        let evalCells = cells;
        if (negative !== undefined && amountColumn) {
          const copy = [...cells];
          copy[amountColumn.index] = -negative;
          evalCells = copy;
        }
        const result = (evaluators.get(mode as CheckMode) as SheetEvaluator).evaluateRow(evalCells, row);
        fee = result.fee;
        return result;
      },
      tol,
    );
    const disputed = outcome.verdict === "OVERCHARGED" || outcome.verdict === "UNDERCHARGED";
    // A total-only line charged differently, or a matching total booked in other parts: the breakdown.
    if (
      fee &&
      ((disputed && !line.charged.some((c) => typeof c === "number")) ||
        (outcome.verdict === "MATCH" && outcome.differences.length > 0))
    )
      breakdowns.set(at, fee);
    if (mode !== undefined) modeCodeOf[at] = mode === "semi" ? 1 : 2;
    verdictOf[at] = VERDICT_CODE[outcome.verdict];
    if (outcome.refund) refundOf[at] = 1;
    if (outcome.chargedFen !== undefined) chargedOf[at] = outcome.chargedFen;
    if (outcome.expectedFen !== undefined) expectedOf[at] = outcome.expectedFen;
    if (outcome.differenceFen !== undefined) differenceOf[at] = outcome.differenceFen;
    if (outcome.reason || outcome.refund || outcome.differences.length > 0 || breakdowns.has(at))
      notes.set(at, outcome);
  }

  /** The note of line `i` in the run's language (rendered where it is written). */
  const noteOf = (i: number): string | undefined => {
    const outcome = notes.get(i);
    // A line that cannot be checked carries its reason as a code and words.
    // A netted order that matches: the line's own parts are not a difference (the order's net note says it all).
    const netMatch = nettedMatch.has(i);
    const own = netMatch
      ? outcome?.refund
        ? lang === "en"
          ? "refund: fee reversed"
          : "退款：费用冲回"
        : undefined
      : outcome
        ? outcome.reason
          ? `${outcome.reason.code}${lang === "en" ? ": " : "："}${reasonText(outcome.reason, lang)}`
          : reconcileNote(outcome, lang)
        : undefined;
    const fee = netMatch ? undefined : breakdowns.get(i);
    const rows = duplicateRowsOf.get(i);
    const parts = [
      own,
      fee ? breakdownText(fee, outcome?.refund === true, lang) : undefined,
      rows ? duplicateNote(rows, lang) : undefined,
      nettedNoteOf.get(i),
    ].filter((p): p is string => p !== undefined);
    return parts.length > 0 ? parts.join(lang === "en" ? "; " : "；") : undefined;
  };

  // Lines sharing an order id: a refund line is part of its order (netted, not a duplicate);
  // only sale lines repeating an id are true duplicates, flagged on each of them.
  let duplicateLines = 0;
  let nettedOrders = 0;
  const duplicateRowsOf = new Map<number, readonly number[]>();
  const nettedNoteOf = new Map<number, string>();
  // A netted order's sale line → the order's net; its other lines; its lines when the net matches.
  const nettedOrderOf = new Map<number, { charged: number; expected: number; rows: string }>();
  const nettedPart = new Set<number>();
  const nettedMatch = new Set<number>();
  for (const indices of duplicates.values()) {
    const sales = indices.filter((i) => refundOf[i] !== 1);
    const refundLines = indices.filter((i) => refundOf[i] === 1);
    if (sales.length >= 2) {
      const rows = sales.map((i) => firstDataRow + i);
      for (const i of sales) {
        duplicateLines++;
        duplicateRowsOf.set(i, rows);
      }
    }
    if (sales.length === 1 && refundLines.length > 0) {
      nettedOrders++;
      let charged = 0;
      let expected = 0;
      let known = true;
      for (const i of indices) {
        const c = chargedOf[i] as number;
        const e = expectedOf[i] as number;
        if (Number.isNaN(c) || Number.isNaN(e)) known = false;
        else {
          charged += c;
          expected += e;
        }
      }
      const rows = indices.map((i) => firstDataRow + i).join(lang === "en" ? ", " : "、");
      if (!known) {
        // The order's net is not known: none of its lines is a verdict of its own (a refund that
        // reverses its fee says nothing of a sale that cannot be checked).
        for (const i of indices) {
          if (verdictOf[i] === VERDICT_CODE.CANNOT_CHECK) {
            nettedNoteOf.set(
              i,
              lang === "en"
                ? `order and its refund (rows ${rows}): the order's net is not known`
                : `订单与退款（第${rows}行）：订单净额未知`,
            );
            continue;
          }
          const own = notes.get(i);
          notes.set(i, {
            verdict: "CANNOT_CHECK",
            expectedFen: undefined,
            chargedFen: own?.chargedFen ?? (chargedOf[i] as number),
            differenceFen: undefined,
            refund: refundOf[i] === 1,
            differences: [],
            reason: { code: "ORDER_NET_UNKNOWN", detail: rows },
          });
          verdictOf[i] = VERDICT_CODE.CANNOT_CHECK;
          expectedOf[i] = NaN;
          differenceOf[i] = NaN;
          breakdowns.delete(i);
        }
        continue;
      }
      // The order is the unit: every line of it gets the order's net difference and verdict; the
      // sale line carries it in the totals, the largest differences and AE Disputes (once per order).
      const net = charged - expected;
      const verdict: Verdict = Math.abs(net) <= tol ? "MATCH" : net > 0 ? "OVERCHARGED" : "UNDERCHARGED";
      const sale = sales[0] as number;
      nettedOrderOf.set(sale, { charged, expected, rows });
      for (const i of indices) {
        const own = differenceOf[i] as number;
        const alone =
          own === net
            ? ""
            : lang === "en"
              ? ` (this line alone ${signedFen(own)})`
              : `（本行单独${signedFen(own)}）`;
        nettedNoteOf.set(
          i,
          lang === "en"
            ? `order net of its refund (rows ${rows}): charged ${fenText(charged)}, expected ${fenText(expected)}, difference ${signedFen(net)}, ${verdict}${alone}`
            : `订单与退款合并（第${rows}行）：实扣${fenText(charged)}，应扣${fenText(expected)}，差额${signedFen(net)}，${valueWord(verdict, lang)}${alone}`,
        );
        differenceOf[i] = net;
        verdictOf[i] = VERDICT_CODE[verdict];
        if (verdict === "MATCH") nettedMatch.add(i);
        if (i !== sale) nettedPart.add(i);
      }
    }
  }

  let present = 0;
  let refunds = 0;
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  let expectedFen = 0;
  let chargedFen = 0;
  let overchargedFen = 0;
  let underchargedFen = 0;
  const differing: number[] = [];
  for (let i = 0; i < total; i++) {
    const v = verdictOf[i] as number;
    if (v === 0) continue;
    present++;
    if (refundOf[i]) refunds++;
    counts[VERDICTS[v - 1] as Verdict]++;
    const d = differenceOf[i] as number;
    if (Number.isNaN(d)) continue;
    expectedFen += expectedOf[i] as number;
    chargedFen += chargedOf[i] as number;
    if (nettedPart.has(i)) continue; // the order's net is counted once, on its sale line
    if (d !== 0) differing.push(i);
    if (v === OVERCHARGED) overchargedFen += d;
    if (v === UNDERCHARGED) underchargedFen -= d;
  }
  const lineAt = (i: number): LineResult => {
    const v = verdictOf[i] as number;
    const fen = (a: Float64Array) => (Number.isNaN(a[i]) ? undefined : (a[i] as number));
    // A netted order's sale line stands for the order: its charged and expected are the order's.
    const order = nettedOrderOf.get(i);
    return {
      row: firstDataRow + i,
      orderId: orderIds[i],
      mode: modeCodeOf[i] === 1 ? "semi" : modeCodeOf[i] === 2 ? "full" : undefined,
      verdict: VERDICTS[v - 1] as Verdict,
      expectedFen: order ? order.expected : fen(expectedOf),
      chargedFen: order ? order.charged : fen(chargedOf),
      differenceFen: fen(differenceOf),
      refund: refundOf[i] === 1,
      outcome: notes.get(i),
      duplicateRows: duplicateRowsOf.get(i),
      note: noteOf(i) ?? "",
    };
  };
  // Largest first; lines of equal size in sheet order.
  const largest = differing
    .sort((a, b) => Math.abs(differenceOf[b] as number) - Math.abs(differenceOf[a] as number) || a - b)
    .slice(0, 20)
    .map(lineAt);
  const disputed: LineResult[] = [];
  const cannotCheckLines: LineResult[] = [];
  for (let i = 0; i < total; i++) {
    const v = verdictOf[i] as number;
    if (v === OVERCHARGED || v === UNDERCHARGED) {
      if (!nettedPart.has(i)) disputed.push(lineAt(i));
    } else if (v === VERDICT_CODE.CANNOT_CHECK) cannotCheckLines.push(lineAt(i));
  }

  const specs = [
    RECONCILE_HEADERS.expected,
    RECONCILE_HEADERS.difference,
    RECONCILE_HEADERS.verdict,
    RECONCILE_HEADERS.note,
  ].map((h, k) => ({
    header: h[lang],
    format: h.format,
    ...(k === 2 ? { look: "status" as const } : k === 3 ? { look: "note" as const } : {}),
  }));
  const yuan = (a: Float64Array): OutputCell[] => {
    const values = new Array<OutputCell>(total);
    for (let i = 0; i < total; i++) {
      const fen = a[i] as number;
      values[i] = Number.isNaN(fen) ? null : fen / 100;
    }
    return values;
  };
  const { columns, clear } = placeColumns(opened, specs, (k) => {
    if (k === 0) return yuan(expectedOf);
    if (k === 1) return yuan(differenceOf);
    const values = new Array<OutputCell>(total);
    for (let i = 0; i < total; i++) {
      const v = verdictOf[i] as number;
      values[i] =
        v === 0 ? null : k === 2 ? valueWord(VERDICTS[v - 1] as Verdict, lang) : (noteOf(i) ?? null);
    }
    return values;
  });
  // The disputes to send to the platform: one row per differing component, else the total.
  const zh = lang === "zh";
  const disputeRows: OutputCell[][] = [
    zh
      ? ["订单号", "实扣(元)", "应扣(元)", "差额(元)", "费用项", "说明"]
      : ["Order ID", "Charged (CNY)", "Expected (CNY)", "Difference (CNY)", "Component", "Note"],
  ];
  const yuanOf = (fen: number) => fen / 100;
  for (let i = 0; i < total; i++) {
    const v = verdictOf[i] as number;
    if (v === 0) continue;
    const outcome = notes.get(i);
    const row = firstDataRow + i;
    if (v !== OVERCHARGED && v !== UNDERCHARGED) continue;
    if (nettedPart.has(i)) continue; // a netted order is disputed once, on its sale line
    const word = (fen: number) => valueWord(fen > 0 ? "OVERCHARGED" : "UNDERCHARGED", lang);
    const verdictWord = valueWord(VERDICTS[v - 1] as Verdict, lang);
    const lineDiff = differenceOf[i] as number;
    // Each row's word is the direction of its own difference; a row differing the other way than
    // the line names the line's total too.
    const where = (fen: number) => {
      const own = zh ? `第${row}行，${word(fen)}` : `row ${row}, ${word(fen)}`;
      if (Math.sign(fen) === Math.sign(lineDiff)) return own;
      return zh
        ? `${own}（该行总额${verdictWord}${signedFen(lineDiff)}）`
        : `${own} (line total ${verdictWord} ${signedFen(lineDiff)})`;
    };
    const id = orderIds[i] ?? "";
    const dispute = (
      chargedFen: number,
      expectedFen: number,
      differenceFen: number,
      label: string,
      note: string,
    ) => disputeRows.push([id, yuanOf(chargedFen), yuanOf(expectedFen), yuanOf(differenceFen), label, note]);
    const order = nettedOrderOf.get(i);
    let componentSum = 0;
    for (const d of outcome?.differences ?? []) componentSum += d.differenceFen;
    if (order) {
      const netted = zh
        ? `订单与退款合并（第${order.rows}行）`
        : `order net of its refund (rows ${order.rows})`;
      const sep = zh ? "；" : "; ";
      // The sale line's components make the order's whole net difference: they are the rows.
      if (outcome && outcome.differences.length > 0 && componentSum === lineDiff) {
        for (const d of outcome.differences)
          dispute(
            d.chargedFen,
            d.expectedFen,
            d.differenceFen,
            d.label[lang],
            `${where(d.differenceFen)}${sep}${netted}`,
          );
        continue;
      }
      dispute(
        order.charged,
        order.expected,
        lineDiff,
        zh ? "订单净额" : "order net",
        `${where(lineDiff)}${sep}${netted}`,
      );
      continue;
    }
    for (const d of outcome?.differences ?? [])
      dispute(d.chargedFen, d.expectedFen, d.differenceFen, d.label[lang], where(d.differenceFen));
    // The total, when no component says the whole difference.
    if (componentSum !== lineDiff) {
      const fee = breakdowns.get(i);
      const text =
        componentSum === 0
          ? where(lineDiff)
          : zh
            ? `${where(lineDiff)}；各项差额合计${signedFen(componentSum)}`
            : `${where(lineDiff)}; the components differ by ${signedFen(componentSum)} of it`;
      dispute(
        chargedOf[i] as number,
        expectedOf[i] as number,
        lineDiff,
        zh ? "总额" : "total",
        fee ? `${text}; ${breakdownText(fee, refundOf[i] === 1, lang)}` : text,
      );
    }
  }
  const summary: ReconcileSummary = {
    ok: true,
    sheet,
    headerRow,
    lines: present,
    counts,
    expectedFen,
    chargedFen,
    overchargedFen,
    underchargedFen,
    refunds,
    duplicateLines,
    nettedOrders,
    disputes: disputeRows.length - 1,
    totalsRows,
    largest,
    disputed,
    cannotCheckLines,
    columns: columns.map((c) => ({ header: c.header, letter: columnLetter(c.index) })),
    startedAt,
    rateCard,
    packSource,
    pack: engine.pack,
  };
  const report = reconcileReport(summary, engine, options, lang);
  // The per-line results are in the columns and the summary now: free them before the write.
  orderIds.length = 0;
  notes.clear();
  duplicates.clear();
  duplicateRowsOf.clear();
  breakdowns.clear();
  const disputes: OwnSheet = { name: DISPUTES_SHEET, rows: disputeRows, widths: [26, 14, 14, 16, 20, 70] };
  await writeRun(
    port,
    opened,
    { columns, clear },
    report,
    startedAt,
    opened.state?.fx,
    [disputes],
    "reconcile",
  );
  return summary;
}

const signedFen = (n: number) => `${n > 0 ? "+" : ""}${fenText(n)}`;

/**
 * The expected breakdown of a line charged as a total only, so the clerk can see which part
 * differs: "expected: base service fee 3.50 + fulfilment fee 5.00 = 8.50".
 */
export function breakdownText(fee: FeeBreakdown, refund: boolean, lang: Lang): string {
  const sign = refund ? -1 : 1;
  const parts = fee.components
    .filter((c) => c.fen !== 0)
    .map((c) => `${c.label[lang]} ${fenText(sign * c.fen)}`);
  const sum = fenText(sign * fee.totalFen);
  return lang === "en"
    ? `expected: ${parts.join(" + ") || "0.00"} = ${sum}`
    : `应扣明细：${parts.join(" + ") || "0.00"} = ${sum}`;
}

function cellText(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  const t = String(
    typeof v === "object" && v !== null && "result" in v ? (v as { result: unknown }).result : v,
  ).trim();
  return t === "" ? undefined : t;
}

function reconcileReport(
  s: ReconcileSummary,
  engine: Engine,
  options: ReconcileOptions,
  lang: Lang,
): OwnSheet {
  const zh = lang === "zh";
  const rows: OutputCell[][] = [];
  const line = (...cells: OutputCell[]) => rows.push(cells);
  const money = (f: number) => f / 100;
  // Chinese reports word the modes; English keeps the codes.
  const modeWord = (m: string) => (zh ? (m === "full" ? "全托管" : m === "semi" ? "半托管" : m) : m);
  line(zh ? "AE Modes 对账报告" : "AE Modes reconciliation report");
  line(zh ? "运行时间" : "Run at", localTime(s.startedAt));
  line(zh ? "工作表" : "Sheet", s.sheet);
  line(zh ? "表头行" : "Header row", s.headerRow);
  line(zh ? "默认模式" : "Default mode", modeWord(options.mode));
  line(zh ? "容差(元)" : "Tolerance (CNY)", options.tolerance ?? 0.01);
  line(
    zh ? "规则包" : "Rule pack",
    `${engine.pack.id} ${engine.pack.version} (${engine.pack.effectiveDate})`,
  );
  line(zh ? "规则更新" : "Rule updates", describeOverride(s.packSource, engine.pack, lang));
  line(zh ? "运费表" : "Rate card", describeCard(s.rateCard, lang));
  const fullRows = fullRowsNote(s.rateCard, lang);
  if (fullRows) line(zh ? "运费表：全托管行" : "Rate card: full-managed rows", fullRows);
  line();
  line(zh ? "各结果行数" : "Lines per verdict", ...VERDICTS);
  line("", ...VERDICTS.map((v) => s.counts[v]));
  line(zh ? "行数" : "Lines", s.lines);
  line(zh ? "应扣合计(元)" : "Expected total (CNY)", money(s.expectedFen));
  line(zh ? "实扣合计(元)" : "Charged total (CNY)", money(s.chargedFen));
  line(zh ? "多扣合计(元)" : "Overcharged (CNY)", money(s.overchargedFen));
  line(zh ? "少扣合计(元)" : "Undercharged (CNY)", money(s.underchargedFen));
  line(zh ? "退款行" : "Refund lines", s.refunds);
  line(zh ? "订单号重复的行" : "Lines with a duplicate order id", s.duplicateLines);
  line(zh ? "与退款合并核对的订单" : "Orders netted with their refund", s.nettedOrders);
  if (s.totalsRows.length > 0)
    line(zh ? "未计入的合计行" : "Totals rows not reconciled", s.totalsRows.join(", "));
  line(zh ? "结果用词" : "Verdict words", wordsLine(VERDICTS, lang));
  line(
    zh ? "争议明细" : "Disputes",
    zh
      ? `${s.disputes} 行，见“${DISPUTES_SHEET}”工作表`
      : `${s.disputes} rows in the sheet '${DISPUTES_SHEET}'`,
  );
  line();
  line(zh ? "无法核对的行（按原因）" : "Lines that cannot be checked, by reason");
  line(
    ...(zh
      ? ["原因代码", "行数", "说明（示例）", "前几行"]
      : ["Reason code", "Lines", "Reason (example)", "First rows"]),
  );
  const groups = cannotCheckCounts(s.cannotCheckLines, lang);
  if (groups.length === 0) line(zh ? "无" : "none");
  for (const g of groups) line(g.code, g.lines, g.example, g.firstRows.join(", "));
  line();
  line(zh ? "差额最大的20行" : "The 20 largest differences");
  line(
    ...(zh
      ? ["行", "订单号", "模式", "应扣(元)", "实扣(元)", "差额(元)", "结果", "说明"]
      : [
          "Row",
          "Order ID",
          "Mode",
          "Expected (CNY)",
          "Charged (CNY)",
          "Difference (CNY)",
          "Verdict",
          "Note",
        ]),
  );
  for (const l of s.largest)
    line(
      l.row,
      l.orderId ?? "",
      modeWord(l.mode ?? ""),
      money(l.expectedFen ?? 0),
      money(l.chargedFen ?? 0),
      money(l.differenceFen ?? 0),
      valueWord(l.verdict, lang),
      l.note,
    );
  return { name: REPORT_SHEET, rows, widths: [26, 22, 10, 16, 16, 16, 16, 60] };
}
