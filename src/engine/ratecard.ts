/**
 * Rate cards: the semi-managed fulfilment fee as a table the seller owns (issue 16). A card is
 * rows of mode, destination, "up to" weight, first weight, first-weight fee, fee per kg after,
 * billing step and a per-parcel fee. For an order, the first row for its destination whose
 * "up to" is at least the chargeable weight gives the fee (else the first such `*` row):
 *
 *   fee = first-weight fee + ⌈(chargeable − first) ÷ step⌉ · step · fee per kg + per parcel
 *
 * The default card is one `*` row made from the pack's FEE-SEMI-FULFIL figures, so a run without
 * a card gives today's results. Figures are exact: scaled integers when they fit, decimal.js
 * otherwise (the two agree; the tests check it).
 * @packageDocumentation
 */
import { isBlankCell, parseDate, isoDate, splitQuantity, unwrapCell, numberFromText } from "./cells";
import { addScaled, divCeil, mulInt, mulScaled, pow10, roundUnits, type Scaled } from "./exact";
import type { Bilingual } from "./issues";
import { marketCode, marketLabel } from "./markets";
import { Dec, roundFen, toDec } from "./money";
import type { RulePack } from "./pack/default";
import { columnLetter, compactKey } from "./text";

/** The modes a card row is for. */
export type CardMode = "semi" | "full";

/** The destination of a row that applies to every destination. */
export const ANY_DESTINATION = "*";

/** Where a card came from, for the report. */
export type RateCardSource =
  | { readonly kind: "default" }
  | { readonly kind: "sheet"; readonly name: string }
  | { readonly kind: "file"; readonly name: string };

/** A row's figures as scaled integers (the exact fast path). */
export interface ScaledRateRow {
  readonly upToKg: Scaled | undefined;
  readonly firstWeightKg: Scaled;
  readonly firstWeightFee: Scaled;
  readonly stepKg: Scaled;
  /** The fee of one step: step × fee per kg. */
  readonly stepFee: Scaled;
  readonly perParcel: Scaled;
}

/** One row of a rate card. */
export interface RateRow {
  readonly mode: CardMode;
  /** An ISO 3166 alpha-2 code, or `*`. */
  readonly destination: string;
  /** The heaviest chargeable weight the row applies to; undefined = no limit. */
  readonly upToKg: Dec | undefined;
  readonly firstWeightKg: Dec;
  /** CNY for the first weight (charged in full even for a lighter parcel). */
  readonly firstWeightFee: Dec;
  /** CNY per kg above the first weight. */
  readonly feePerKg: Dec;
  /** The weight above the first is rounded up to this step. */
  readonly stepKg: Dec;
  /** CNY per parcel, added to every order the row applies to. */
  readonly perParcel: Dec;
  /** The same figures as scaled integers, or undefined when one does not fit. */
  readonly scaled: ScaledRateRow | undefined;
  /** The 1-based sheet or file row it came from (0 for the default card). */
  readonly sourceRow: number;
}

/** A rate card: where it came from, its date if given, and its rows in order. */
export interface RateCard {
  readonly source: RateCardSource;
  /** An ISO date (yyyy-mm-dd), when the card gives one. */
  readonly date: string | undefined;
  readonly rows: readonly RateRow[];
}

/** A problem with a card: the cell (e.g. "C5") when there is one, and why. */
export interface RateCardProblem {
  readonly cell: string | undefined;
  readonly message: Bilingual;
}

/** The result of reading a card: the card, or every problem (a card is never used half-read). */
export type RateCardResult =
  | { readonly ok: true; readonly card: RateCard }
  | { readonly ok: false; readonly problems: readonly RateCardProblem[] };

/** A decimal as a scaled integer when it has at most 9 decimals and fits. */
function scaledOfDec(d: Dec): Scaled | undefined {
  const scale = d.decimalPlaces();
  if (scale > 9) return undefined;
  const units = d.times(pow10(scale) as number).toNumber();
  return Number.isSafeInteger(units) ? { units, scale } : undefined;
}

/** Builds a row, with its scaled figures when they fit. */
export function rateRow(fields: Omit<RateRow, "scaled">): RateRow {
  const first = scaledOfDec(fields.firstWeightKg);
  const fee = scaledOfDec(fields.firstWeightFee);
  const step = scaledOfDec(fields.stepKg);
  const perKg = scaledOfDec(fields.feePerKg);
  const parcel = scaledOfDec(fields.perParcel);
  const upTo = fields.upToKg === undefined ? undefined : scaledOfDec(fields.upToKg);
  const stepFee = step && perKg && mulScaled(step, perKg);
  const ok = first && fee && step && stepFee && parcel && (fields.upToKg === undefined || upTo);
  return {
    ...fields,
    scaled: ok
      ? {
          upToKg: upTo,
          firstWeightKg: first,
          firstWeightFee: fee,
          stepKg: step,
          stepFee,
          perParcel: parcel,
        }
      : undefined,
  };
}

/**
 * The default card: one `*` row of the pack's FEE-SEMI-FULFIL figures (first weight 1 kg at
 * 5 CNY/kg, 3 CNY per kg after, step 0.5 kg, no per-parcel fee) — today's fulfilment fee.
 *
 * @example
 * ```ts
 * const row = defaultRateCard(defaultRulePack()).rows[0]!;
 * [row.destination, row.firstWeightFee.toString(), row.stepKg.toString()] // => ["*", "5", "0.5"]
 * ```
 */
export function defaultRateCard(pack: RulePack): RateCard {
  const f = pack.rules["FEE-SEMI-FULFIL"].figures;
  const first = toDec(f.firstWeightKg);
  return {
    source: { kind: "default" },
    date: undefined,
    rows: [
      rateRow({
        mode: "semi",
        destination: ANY_DESTINATION,
        upToKg: undefined,
        firstWeightKg: first,
        firstWeightFee: first.times(toDec(f.firstWeightFeePerKg)),
        feePerKg: toDec(f.continuedFeePerKg),
        stepKg: toDec(f.billingStepKg),
        perParcel: new Dec(0),
        sourceRow: 0,
      }),
    ],
  };
}

const ANY_NAMES = new Set(
  ["*", "全部", "所有", "其他", "其它", "任意", "any", "all", "other", "others"].map(compactKey),
);

/**
 * A destination as an ISO code: codes, Chinese and English names ("德国", "Germany", "de"), or
 * `*` for any ("全部", "all" too). Undefined when unknown.
 *
 * @example
 * ```ts
 * destinationCode("德国")  // => "DE"
 * destinationCode(" uk ") // => "GB"
 * destinationCode("全部")  // => "*"
 * destinationCode("Mars") // => undefined
 * ```
 */
export function destinationCode(text: string): string | undefined {
  const key = compactKey(text);
  if (ANY_NAMES.has(key)) return ANY_DESTINATION;
  return marketCode(text);
}

/** A destination for messages: "DE (Germany)" / "DE（德国）", or "*". */
export function destinationLabel(code: string): Bilingual {
  if (code === ANY_DESTINATION) return { en: "* (any)", zh: "*（任意）" };
  const l = marketLabel(code);
  return { en: l.en === code ? code : `${code} (${l.en})`, zh: l.zh === code ? code : `${code}（${l.zh}）` };
}

// ---------------------------------------------------------------------------------------------
// The lookup and the fee

/** What a card row charges for one parcel. */
export interface CardCharge {
  readonly row: RateRow;
  /** Billing steps above the first weight. */
  readonly steps: number;
  /** first weight + steps × step. */
  readonly billableKg: Dec;
  /** The fee in fen, rounded half-up. */
  readonly fen: number;
}

/** A card charge computed on scaled integers (billable weight as a scaled integer too). */
export interface ExactCardCharge {
  readonly row: RateRow;
  readonly steps: number;
  readonly billable: Scaled;
  readonly fen: number;
}

/** The fee of `steps` steps on a row, in fen, with decimal.js. */
function feeFenDecimal(row: RateRow, steps: number): number {
  const fee = row.firstWeightFee.plus(row.stepKg.times(row.feePerKg).times(steps)).plus(row.perParcel);
  return roundFen(fee).times(100).toNumber();
}

/**
 * What `row` charges for a chargeable weight, with decimal.js (the reference).
 *
 * @example
 * ```ts
 * const row = defaultRateCard(defaultRulePack()).rows[0]!;
 * cardChargeDecimal(row, toDec("1.2")).fen              // => 650 (5 + 1 step × 0.5 × 3)
 * cardChargeDecimal(row, toDec("4.01")).billableKg.toString() // => "4.5"
 * ```
 */
export function cardChargeDecimal(row: RateRow, chargeableKg: Dec): CardCharge {
  const steps = chargeableKg.lte(row.firstWeightKg)
    ? 0
    : chargeableKg.minus(row.firstWeightKg).div(row.stepKg).ceil().toNumber();
  return {
    row,
    steps,
    billableKg: row.firstWeightKg.plus(row.stepKg.times(steps)),
    fen: feeFenDecimal(row, steps),
  };
}

/**
 * What `row` charges for a chargeable weight given as the fraction `n / d` (safe integers,
 * d > 0), on integers only; undefined when an integer would overflow (then use
 * {@link cardChargeDecimal}).
 */
export function cardChargeExact(row: RateRow, n: number, d: number): ExactCardCharge | undefined {
  const x = row.scaled;
  if (!x) return undefined;
  // steps = ⌈(n/d − f) / s⌉ = ⌈(n·10^fs − F·d)·10^ss / (d·10^fs·S)⌉
  const f = x.firstWeightKg;
  const st = x.stepKg;
  const nf = mulInt(n, pow10(f.scale) ?? NaN);
  const fd = mulInt(f.units, d);
  if (nf === undefined || fd === undefined) return undefined;
  let steps = 0;
  if (nf > fd) {
    const num = mulInt(nf - fd, pow10(st.scale) ?? NaN);
    const d1 = mulInt(d, pow10(f.scale) ?? NaN);
    const den = d1 === undefined ? undefined : mulInt(d1, st.units);
    if (num === undefined || den === undefined) return undefined;
    steps = divCeil(num, den);
  }
  const above = mulScaled({ units: steps, scale: 0 }, st);
  const billable = above && addScaled(f, above);
  const stepsFee = mulScaled({ units: steps, scale: 0 }, x.stepFee);
  const withFirst = stepsFee && addScaled(x.firstWeightFee, stepsFee);
  const fee = withFirst && addScaled(withFirst, x.perParcel);
  const fen = fee && roundUnits(fee, 2);
  if (!billable || fen === undefined) return undefined;
  return { row, steps, billable, fen };
}

/** Whether a chargeable weight n/d is within a row's "up to" (exactly); undefined on overflow. */
function withinExact(row: RateRow, n: number, d: number): boolean | undefined {
  const up = row.scaled?.upToKg;
  if (row.upToKg === undefined) return true;
  if (!up) return undefined;
  const lhs = mulInt(n, pow10(up.scale) ?? NaN);
  const rhs = mulInt(up.units, d);
  return lhs === undefined || rhs === undefined ? undefined : lhs <= rhs;
}

/** Why a card gave no rate for an order. */
export interface NoRate {
  readonly destination: string | undefined;
  /** The card has rows for this destination (or `*`), but none goes up to the weight. */
  readonly tooHeavy: boolean;
  /** The largest "up to" among the rows considered, for the message. */
  readonly maxKg: Dec | undefined;
}

/**
 * A card made ready for lookups in one mode: rows by destination, and the `*` rows. Build once
 * per run, look up per row.
 *
 * @example
 * ```ts
 * const t = new RateTable(card, "semi");
 * t.find("DE", toDec(1.2))            // the first DE row up to ≥ 1.2 kg, else the first such * row
 * ```
 */
export class RateTable {
  private readonly byDestination = new Map<string, readonly RateRow[]>();
  /** Destination → its rows followed by the `*` rows. */
  private readonly tried = new Map<string, readonly RateRow[]>();
  private readonly any: readonly RateRow[];
  /** True when every row is a `*` row (the destination never matters). */
  readonly anyOnly: boolean;
  /** The destinations with rows of their own. */
  readonly destinations: readonly string[];

  constructor(
    readonly card: RateCard,
    readonly mode: CardMode,
  ) {
    const by = new Map<string, RateRow[]>();
    const any: RateRow[] = [];
    for (const row of card.rows) {
      if (row.mode !== mode) continue;
      if (row.destination === ANY_DESTINATION) any.push(row);
      else (by.get(row.destination) ?? by.set(row.destination, []).get(row.destination))?.push(row);
    }
    for (const [k, v] of by) {
      this.byDestination.set(k, v);
      this.tried.set(k, [...v, ...any]);
    }
    this.any = any;
    this.anyOnly = by.size === 0;
    this.destinations = [...by.keys()];
  }

  /** True when the card has a row for this destination or a `*` row. */
  covers(destination: string | undefined): boolean {
    return this.any.length > 0 || (destination !== undefined && this.byDestination.has(destination));
  }

  /** The candidate rows for a destination, in the order they are tried: its own, then the `*` rows. */
  private candidates(destination: string | undefined): readonly RateRow[] {
    return (destination === undefined ? undefined : this.tried.get(destination)) ?? this.any;
  }

  /**
   * The row for a destination and chargeable weight (decimal.js), or why there is none.
   *
   * @example
   * ```ts
   * new RateTable(defaultRateCard(defaultRulePack()), "semi").find("DE", toDec(3))
   * // => the default * row
   * ```
   */
  find(destination: string | undefined, chargeableKg: Dec): RateRow | NoRate {
    for (const row of this.candidates(destination))
      if (row.upToKg === undefined || chargeableKg.lte(row.upToKg)) return row;
    return this.noRate(destination);
  }

  /** The same lookup for a chargeable weight n/d on integers; undefined on overflow. */
  findExact(destination: string | undefined, n: number, d: number): RateRow | NoRate | undefined {
    // The common card: a single * row without a limit.
    if (this.anyOnly && this.any.length === 1 && (this.any[0] as RateRow).upToKg === undefined)
      return this.any[0] as RateRow;
    for (const row of this.candidates(destination)) {
      const within = withinExact(row, n, d);
      if (within === undefined) return undefined;
      if (within) return row;
    }
    return this.noRate(destination);
  }

  private noRate(destination: string | undefined): NoRate {
    let maxKg: Dec | undefined;
    let any = false;
    for (const row of this.candidates(destination)) {
      any = true;
      if (row.upToKg && (!maxKg || row.upToKg.gt(maxKg))) maxKg = row.upToKg;
    }
    return { destination, tooHeavy: any, maxKg };
  }
}

/** True when a lookup found a row. */
export function isRateRow(x: RateRow | NoRate): x is RateRow {
  return "sourceRow" in x;
}

/** The `missing` message of an order the card has no rate for. */
export function noRateMessage(no: NoRate, chargeableKg: string): Bilingual {
  if (no.destination === undefined)
    return {
      en: "no destination given and the rate card has no * row: give a destination (--destination, or a 目的国/Destination column); fee not computed",
      zh: "未提供目的国，且运费表没有“*”行：请提供目的国（--destination 或“目的国”列），未计算费用",
    };
  const d = destinationLabel(no.destination);
  if (no.tooHeavy)
    return {
      en: `the rate card has no row for ${d.en} up to ${chargeableKg} kg${no.maxKg ? ` (its rows go up to ${no.maxKg.toString()} kg)` : ""}; fee not computed`,
      zh: `运费表中没有${d.zh}重量上限≥${chargeableKg}kg的行${no.maxKg ? `（最高${no.maxKg.toString()}kg）` : ""}，未计算费用`,
    };
  return {
    en: `the rate card has no row for destination ${d.en} and no * row; fee not computed`,
    zh: `运费表中没有目的国${d.zh}的行，也没有“*”行，未计算费用`,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading a card from a sheet or a CSV file

type Column = "mode" | "destination" | "upTo" | "firstWeight" | "firstFee" | "perKg" | "step" | "perParcel";

/** The card's columns: header names (Chinese and English), unit words allowed in the header, and whether required. */
const COLUMNS: Readonly<
  Record<Column, { names: readonly string[]; units: readonly string[]; required: boolean; label: Bilingual }>
> = {
  mode: {
    names: ["模式", "托管模式", "Mode"],
    units: [],
    required: false,
    label: { en: "mode", zh: "模式" },
  },
  destination: {
    names: ["目的国", "目的地", "目的国家", "国家", "Destination", "Country", "Destination country"],
    units: [],
    required: true,
    label: { en: "destination", zh: "目的国" },
  },
  upTo: {
    names: ["重量上限", "上限", "最大重量", "Up to", "Up to weight", "Max weight", "Weight up to"],
    units: ["kg"],
    required: false,
    label: { en: "up to (kg)", zh: "重量上限(kg)" },
  },
  firstWeight: {
    names: ["首重", "首重重量", "First weight"],
    units: ["kg"],
    required: true,
    label: { en: "first weight (kg)", zh: "首重(kg)" },
  },
  firstFee: {
    names: ["首重费", "首重费用", "首重价格", "First-weight fee", "First weight fee"],
    units: ["cny"],
    required: true,
    label: { en: "first-weight fee (CNY)", zh: "首重费(元)" },
  },
  perKg: {
    names: [
      "续重单价",
      "续重费",
      "续重价格",
      "Fee per kg after",
      "Fee per kg",
      "Per kg",
      "Continued fee per kg",
    ],
    units: ["cny/kg", "cny"],
    required: true,
    label: { en: "fee per kg after (CNY/kg)", zh: "续重单价(元/kg)" },
  },
  step: {
    names: ["续重步长", "步长", "计费步长", "Step", "Step kg", "Billing step"],
    units: ["kg"],
    required: true,
    label: { en: "step (kg)", zh: "续重步长(kg)" },
  },
  perParcel: {
    names: ["单票固定费", "单票费", "每票固定费", "Per parcel", "Per-parcel fee", "Fee per parcel"],
    units: ["cny"],
    required: false,
    label: { en: "per parcel (CNY)", zh: "单票固定费(元)" },
  },
};

const COLUMN_BY_NAME: ReadonlyMap<string, Column> = new Map(
  (Object.entries(COLUMNS) as [Column, (typeof COLUMNS)[Column]][]).flatMap(([c, d]) =>
    d.names.map((n) => [compactKey(n), c] as const),
  ),
);

/** Unit words as written in headers or cells → the unit they mean. */
const UNIT_WORDS: ReadonlyMap<string, string> = new Map([
  ["kg", "kg"],
  ["公斤", "kg"],
  ["千克", "kg"],
  ["元", "cny"],
  ["cny", "cny"],
  ["rmb", "cny"],
  ["¥", "cny"],
  ["元/kg", "cny/kg"],
  ["cny/kg", "cny/kg"],
  ["rmb/kg", "cny/kg"],
  ["元/公斤", "cny/kg"],
  ["元/千克", "cny/kg"],
]);

const DATE_LABELS = new Set(
  [
    "日期",
    "生效日期",
    "更新日期",
    "报价日期",
    "Date",
    "As of",
    "Effective date",
    "Valid from",
    "Updated",
  ].map(compactKey),
);

const NO_LIMIT = new Set(
  ["—", "-", "–", "∞", "不限", "无上限", "无", "none", "no limit", "unlimited"].map((t) =>
    t.normalize("NFKC").trim().toLowerCase(),
  ),
);

/** The header's name and the unit in its brackets: "首重(kg)" → ["首重", "kg"]. */
function splitHeader(text: string): { name: string; unit: string | undefined } {
  const t = text.normalize("NFKC").trim();
  const m = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(t);
  return m
    ? { name: m[1] as string, unit: (m[2] as string).trim().toLowerCase() }
    : { name: t, unit: undefined };
}

/** The column a header cell names, and a problem when its unit is not the one the card uses. */
function headerColumn(cell: unknown): { column: Column; badUnit: string | undefined } | undefined {
  const v = unwrapCell(cell);
  if (typeof v !== "string") return undefined;
  const { name, unit } = splitHeader(v);
  const column = COLUMN_BY_NAME.get(compactKey(name));
  if (!column) return undefined;
  if (unit === undefined || unit === "") return { column, badUnit: undefined };
  const meant = UNIT_WORDS.get(unit.replace(/\s+/g, ""));
  return { column, badUnit: meant !== undefined && COLUMNS[column].units.includes(meant) ? undefined : unit };
}

const HEADER_SCAN_ROWS = 10;

/** Options of {@link parseRateCard}. */
export interface ParseCardOptions {
  readonly source: RateCardSource;
  /** The sheet or file row number of `rows[0]` (default 1). */
  readonly firstRow?: number;
}

/**
 * Reads a rate card from rows of cells (a sheet's used range, or a CSV file's lines): a header
 * row in Chinese or English within the first 10 rows, an optional date line above it
 * (`日期 | 2026-11-01`), then one card row per line. Every bad cell is reported with its cell and
 * the reason; then no card is returned at all.
 *
 * @example
 * ```ts
 * parseRateCard([
 *   ["模式", "目的国", "重量上限(kg)", "首重(kg)", "首重费(元)", "续重单价(元/kg)", "续重步长(kg)", "单票固定费(元)"],
 *   ["semi", "*", "", 1, 5, 3, 0.5, 0],
 * ], { source: { kind: "sheet", name: "AE Rates" } }).ok // => true
 * ```
 */
export function parseRateCard(
  rows: ReadonlyArray<readonly unknown[] | undefined>,
  options: ParseCardOptions,
): RateCardResult {
  const first = options.firstRow ?? 1;
  const problems: RateCardProblem[] = [];
  const at = (i: number, col: number) => `${columnLetter(col)}${first + i}`;
  // The header: the first row naming at least three card columns.
  let headerIndex = -1;
  for (let i = 0; i < Math.min(rows.length, HEADER_SCAN_ROWS); i++) {
    const found = (rows[i] ?? []).filter((c) => headerColumn(c) !== undefined).length;
    if (found >= 3) {
      headerIndex = i;
      break;
    }
  }
  if (headerIndex < 0) {
    return {
      ok: false,
      problems: [
        {
          cell: undefined,
          message: {
            en: `no header row in the first ${HEADER_SCAN_ROWS} rows: expected 模式/Mode, 目的国/Destination, 重量上限(kg)/Up to (kg), 首重(kg)/First weight (kg), 首重费(元)/First-weight fee (CNY), 续重单价(元/kg)/Fee per kg after (CNY), 续重步长(kg)/Step (kg), 单票固定费(元)/Per parcel (CNY)`,
            zh: `前${HEADER_SCAN_ROWS}行中找不到表头：应有 模式、目的国、重量上限(kg)、首重(kg)、首重费(元)、续重单价(元/kg)、续重步长(kg)、单票固定费(元)`,
          },
        },
      ],
    };
  }
  // A date line above the header.
  let date: string | undefined;
  for (let i = 0; i < headerIndex; i++) {
    const row = rows[i] ?? [];
    const label = unwrapCell(row[0]);
    if (typeof label !== "string" || !DATE_LABELS.has(compactKey(label.replace(/[:：]\s*$/, "")))) continue;
    const d = parseDate(row[1]);
    if (d.ok) date = isoDate(d.value);
    else
      problems.push({
        cell: at(i, 1),
        message: {
          en: `the date '${d.received}' is not a date (2026-11-01)`,
          zh: `日期“${d.received}”无法识别（如 2026-11-01）`,
        },
      });
  }
  const header = rows[headerIndex] ?? [];
  const index = new Map<Column, number>();
  header.forEach((cell, col) => {
    const h = headerColumn(cell);
    if (!h) return;
    if (index.has(h.column)) {
      problems.push({
        cell: at(headerIndex, col),
        message: {
          en: `a second '${COLUMNS[h.column].label.en}' column (the first is ${columnLetter(index.get(h.column) as number)})`,
          zh: `重复的“${COLUMNS[h.column].label.zh}”列（第一列为${columnLetter(index.get(h.column) as number)}）`,
        },
      });
      return;
    }
    index.set(h.column, col);
    if (h.badUnit !== undefined)
      problems.push({
        cell: at(headerIndex, col),
        message: {
          en: `the card's ${COLUMNS[h.column].label.en} column is in ${COLUMNS[h.column].units[0]?.toUpperCase()}, not '${h.badUnit}'`,
          zh: `运费表的“${COLUMNS[h.column].label.zh}”列单位须为${COLUMNS[h.column].label.zh.replace(/^[^(]*/, "")}，不能是“${h.badUnit}”`,
        },
      });
  });
  for (const [column, def] of Object.entries(COLUMNS) as [Column, (typeof COLUMNS)[Column]][])
    if (def.required && !index.has(column))
      problems.push({
        cell: undefined,
        message: {
          en: `the header row (row ${first + headerIndex}) has no '${def.label.en}' column (${def.names[0]} / ${def.names.find((n) => /^[A-Z]/.test(n))})`,
          zh: `表头（第${first + headerIndex}行）缺少“${def.label.zh}”列`,
        },
      });
  if (problems.some((p) => p.cell === undefined)) return { ok: false, problems };

  const card: RateRow[] = [];
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const cells = rows[i];
    if (!cells || [...index.values()].every((c) => isBlankCell(cells[c]))) continue;
    const before = problems.length;
    const cellOf = (c: Column) => {
      const col = index.get(c);
      return col === undefined ? undefined : cells[col];
    };
    const where = (c: Column) => at(i, index.get(c) as number);
    const bad = (c: Column, en: string, zh: string) => problems.push({ cell: where(c), message: { en, zh } });

    let mode: CardMode = "semi";
    const modeCell = cellOf("mode");
    if (!isBlankCell(modeCell)) {
      const m = compactKey(String(unwrapCell(modeCell)));
      if (["semi", "semimanaged", "半托管", "b"].includes(m)) mode = "semi";
      else if (["full", "fullmanaged", "全托管", "a"].includes(m)) mode = "full";
      else
        bad(
          "mode",
          `mode '${String(unwrapCell(modeCell))}' is not semi or full (半托管/全托管)`,
          `模式“${String(unwrapCell(modeCell))}”应为 semi/半托管 或 full/全托管`,
        );
    }
    let destination = "";
    const destCell = cellOf("destination");
    if (isBlankCell(destCell))
      bad(
        "destination",
        "the destination is blank: write an ISO code (DE), a country name (德国, Germany) or * for any",
        "目的国为空：请填写国家代码（DE）、国家名称（德国、Germany）或“*”（任意）",
      );
    else {
      const text = String(unwrapCell(destCell));
      const code = destinationCode(text);
      if (code === undefined)
        bad(
          "destination",
          `destination '${text}' is not a known country (write an ISO code such as DE, a name such as 德国/Germany, or *)`,
          `无法识别目的国“${text}”（请填写国家代码如 DE、国家名称如 德国/Germany，或“*”）`,
        );
      else destination = code;
    }
    const figure = (c: Column, opts: { blank?: Dec | "none"; positive: boolean }): Dec | undefined | null => {
      const raw = cellOf(c);
      const label = COLUMNS[c].label;
      if (
        isBlankCell(raw) ||
        (opts.blank === "none" &&
          typeof unwrapCell(raw) === "string" &&
          NO_LIMIT.has(String(unwrapCell(raw)).normalize("NFKC").trim().toLowerCase()))
      ) {
        if (opts.blank === "none") return undefined;
        if (opts.blank) return opts.blank;
        bad(c, `${label.en} is blank`, `${label.zh}为空`);
        return null;
      }
      const v = unwrapCell(raw);
      let n: number | undefined;
      if (typeof v === "number" && Number.isFinite(v)) n = v;
      else if (typeof v === "string") {
        n = numberFromText(v);
        if (n === undefined) {
          const q = splitQuantity(v);
          const unit =
            q?.unit === undefined ? undefined : UNIT_WORDS.get(q.unit.toLowerCase().replace(/\s+/g, ""));
          if (q && unit !== undefined && COLUMNS[c].units.includes(unit)) n = q.amount;
        }
      }
      if (n === undefined) {
        bad(c, `${label.en} '${String(v)}' is not a number`, `${label.zh}“${String(v)}”不是数字`);
        return null;
      }
      if (opts.positive ? !(n > 0) : !(n >= 0)) {
        bad(
          c,
          `${label.en} ${n} must be ${opts.positive ? "above 0" : "0 or more"}`,
          `${label.zh}${n}必须${opts.positive ? "大于0" : "不小于0"}`,
        );
        return null;
      }
      return toDec(n);
    };
    const upTo = index.has("upTo") ? figure("upTo", { blank: "none", positive: true }) : undefined;
    const firstWeight = figure("firstWeight", { positive: true });
    const firstFee = figure("firstFee", { positive: false });
    const perKg = figure("perKg", { positive: false });
    const step = figure("step", { positive: true });
    const perParcel = index.has("perParcel")
      ? figure("perParcel", { blank: new Dec(0), positive: false })
      : new Dec(0);
    if (
      problems.length > before ||
      upTo === null ||
      !firstWeight ||
      !firstFee ||
      !perKg ||
      !step ||
      !perParcel
    )
      continue;
    card.push(
      rateRow({
        mode,
        destination,
        upToKg: upTo,
        firstWeightKg: firstWeight,
        firstWeightFee: firstFee,
        feePerKg: perKg,
        stepKg: step,
        perParcel,
        sourceRow: first + i,
      }),
    );
  }
  // A row that can never apply: an earlier row of the same mode and destination already covers its weights.
  const seen = new Map<string, RateRow[]>();
  for (const row of card) {
    const key = `${row.mode}|${row.destination}`;
    const earlier = seen.get(key) ?? [];
    const cover = earlier.find(
      (e) => e.upToKg === undefined || (row.upToKg !== undefined && e.upToKg.gte(row.upToKg)),
    );
    if (cover) {
      const d = destinationLabel(row.destination);
      const upto =
        cover.upToKg === undefined
          ? { en: "any weight", zh: "任意重量" }
          : { en: `up to ${cover.upToKg.toString()} kg`, zh: `${cover.upToKg.toString()}kg以内` };
      problems.push({
        cell: index.has("upTo")
          ? `${columnLetter(index.get("upTo") as number)}${row.sourceRow}`
          : `${columnLetter(index.get("destination") as number)}${row.sourceRow}`,
        message: {
          en: `row ${row.sourceRow} can never apply: row ${cover.sourceRow} (${row.mode}, ${d.en}) already covers ${upto.en}; order a destination's rows by rising 'up to'`,
          zh: `第${row.sourceRow}行永远不会被使用：第${cover.sourceRow}行（${row.mode}，${d.zh}）已覆盖${upto.zh}；同一目的国的行请按重量上限从小到大排列`,
        },
      });
    }
    earlier.push(row);
    seen.set(key, earlier);
  }
  if (problems.length === 0 && card.length === 0)
    problems.push({
      cell: undefined,
      message: { en: "the rate card has no rows below its header", zh: "运费表表头下没有数据行" },
    });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, card: { source: options.source, date, rows: card } };
}

/**
 * One line naming what is wrong with a card, for the CLI and the pane ("C5: …; D7: …"), with at
 * most `max` problems listed.
 */
export function describeProblems(problems: readonly RateCardProblem[], lang: "en" | "zh", max = 12): string {
  const shown = problems
    .slice(0, max)
    .map((p) => (p.cell ? `${p.cell}: ${p.message[lang]}` : p.message[lang]));
  const more = problems.length - shown.length;
  const tail = more > 0 ? (lang === "en" ? `; … and ${more} more` : `；……另有${more}处`) : "";
  return shown.join(lang === "en" ? "; " : "；") + tail;
}

/**
 * The card in use, for reports: "default (rule pack FEE-SEMI-FULFIL), 1 row" or
 * "sheet 'AE Rates', 6 rows, dated 2026-11-01".
 *
 * @example
 * ```ts
 * describeCard(defaultRateCard(defaultRulePack()), "en") // => "default (rule pack FEE-SEMI-FULFIL), 1 row"
 * ```
 */
export function describeCard(card: RateCard, lang: "en" | "zh"): string {
  const n = card.rows.length;
  const s = card.source;
  if (lang === "en") {
    const where =
      s.kind === "default"
        ? "default (rule pack FEE-SEMI-FULFIL)"
        : s.kind === "sheet"
          ? `sheet '${s.name}'`
          : `file '${s.name}'`;
    return `${where}, ${n} row${n === 1 ? "" : "s"}${card.date ? `, dated ${card.date}` : ""}`;
  }
  const where =
    s.kind === "default"
      ? "默认（规则包 FEE-SEMI-FULFIL）"
      : s.kind === "sheet"
        ? `工作表“${s.name}”`
        : `文件“${s.name}”`;
  return `${where}，${n}行${card.date ? `，日期${card.date}` : ""}`;
}
