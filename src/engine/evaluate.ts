/**
 * Evaluation: one catalog row (fees + SKU rules), the sheet-level rules across rows, and
 * the seller profile. This is the engine's main entry; every host calls it.
 * @packageDocumentation
 */
import { currencyCode, parseText } from "./cells";
import { compilePack, type CompiledPack } from "./compile";
import {
  fullManagedFee,
  resolveSemiRate,
  semiManagedFee,
  semiWeights,
  type FeeBreakdown,
  type FeeOptions,
  type FeeWeights,
  type Locate,
  type OrderInput,
  type ResolvedRate,
} from "./fees";
import { FIELDS, type FieldName } from "./fields";
import { makeIssue, statusOf, type Bilingual, type Issue, type RowStatus } from "./issues";
import { mapHeaders, type HeaderMapping, type MappingOptions } from "./mapping";
import { defaultRulePack, type RuleId, type RulePack } from "./pack/default";
import { readProfile, type SellerProfile } from "./profile";
import { RowView } from "./row";
import { SELLER_RULES, ProfileView, type SellerContext } from "./rules/seller";
import { SKU_RULES, type SkuRule } from "./rules/sku";
import { skuKey } from "./text";
import { parseServices } from "./options";
import { ANY_DESTINATION, defaultRateCard, destinationCode, type RateCard } from "./ratecard";
import { CardPricing, withoutBillable } from "./card-fee";

/** The modes a catalog can be checked against. */
export type CheckMode = "semi" | "full";

/** A rule that could not run on this sheet, and the fields it lacked. */
export interface NotChecked {
  readonly ruleId: RuleId;
  readonly missingFields: readonly string[];
  /**
   * The rule decides eligibility or a fee, so each row it concerns carries an `info` note naming
   * the absent column (the fee of every row of a priced sheet; a conditional error rule where the
   * row shows its condition). The row's status is not changed: rules-spec §0 says rows are not
   * marked INCOMPLETE for a column the seller does not keep. Absent: the sheet-level note only.
   */
  readonly rowsNoted?: true;
}

/** A conditional error rule whose condition the sheet shows but that lacks another column. */
interface Unverifiable {
  readonly rule: SkuRule & { readonly when: NonNullable<SkuRule["when"]> };
  readonly missing: readonly FieldName[];
  readonly columns: Bilingual;
}

/** The result for one catalog row. */
export interface RowResult {
  readonly status: RowStatus;
  readonly issues: readonly Issue[];
  readonly fee: FeeBreakdown | undefined;
  readonly weights: FeeWeights | undefined;
}

/** Options of a sheet evaluation. */
export interface SheetOptions extends MappingOptions {
  readonly mode: CheckMode;
  /** Run-wide fee inputs; a column of the same name overrides them per row. */
  readonly fees?: FeeOptions;
  /** A mapping already made (e.g. edited by the user); skips header matching. */
  readonly mapping?: HeaderMapping;
  /**
   * The sheet is a platform statement: its packing-fee and value-added columns are what was
   * charged, not fee inputs, so they do not override the run options.
   */
  readonly statement?: boolean;
  /** Compute fees only (no eligibility rules): reconciliation needs nothing else. */
  readonly feesOnly?: boolean;
  /** The rate card of the semi-managed fulfilment fee (default: the pack's one `*` row). */
  readonly rates?: RateCard;
}

const FEE_FIELDS: Readonly<Record<CheckMode, readonly FieldName[]>> = {
  semi: ["amount", "weight", "length", "width", "height"],
  full: ["amount", "category"],
};

/** Columns that override a run option for their row (rules-spec §0). */
const OPTION_FIELDS: readonly FieldName[] = [
  "services",
  "distanceKm",
  "unitsPerCarton",
  "negotiatedRate",
  "monthlyOrders",
  "fxRate",
  "packingFee",
  "valueAdded",
];

/** The option columns only the semi-managed fee reads (label/photo QC, transfer, packing, tier). */
const SEMI_OPTION_FIELDS: ReadonlySet<FieldName> = new Set<FieldName>([
  "services",
  "distanceKm",
  "unitsPerCarton",
  "negotiatedRate",
  "monthlyOrders",
  "packingFee",
]);

/**
 * The engine: a compiled rule pack and the evaluators over it. Build one per pack and keep it
 * (the custom functions, the task pane and the CLI each hold one).
 *
 * @example
 * ```ts
 * const engine = new Engine();
 * const sheet = engine.prepareSheet(["SKU", "售价", "重量(g)", "长", "宽", "高"], { mode: "semi" });
 * sheet.evaluateRow(["A1", 100, 1200, 30, 20, 10], 2).fee?.total.toString() // => "10"
 * ```
 */
export class Engine {
  readonly compiled: CompiledPack;
  /** The pack's own rate card: one `*` row of its FEE-SEMI-FULFIL figures. */
  readonly defaultRates: RateCard;

  constructor(readonly pack: RulePack = defaultRulePack()) {
    this.compiled = compilePack(pack);
    this.defaultRates = defaultRateCard(pack);
  }

  /** Maps a header row and prepares the per-row evaluator for a mode. */
  prepareSheet(headers: readonly unknown[], options: SheetOptions): SheetEvaluator {
    return new SheetEvaluator(this, options.mapping ?? mapHeaders(headers, options), options);
  }

  /** Evaluates the seller profile for a mode (see {@link evaluateSeller}). */
  evaluateSeller(
    profile: SellerProfile | Readonly<Record<string, unknown>> | undefined,
    mode: CheckMode,
    context: SellerContext,
  ): SellerResult {
    return evaluateSeller(this.compiled, profile, mode, context);
  }
}

/** Evaluates rows of one sheet for one mode. Holds everything that does not change per row. */
export class SheetEvaluator {
  readonly notChecked: readonly NotChecked[];
  readonly mode: CheckMode;
  private readonly rules: readonly SkuRule[];
  private readonly view: RowView;
  private readonly feeMissing: readonly FieldName[];
  /** The `missing` issue every row gets when the sheet lacks a fee column (not for fees-only runs). */
  private readonly feeMissingIssue: Issue | undefined;
  private readonly unverifiable: readonly Unverifiable[];
  private readonly weightsReadable: boolean;
  private readonly optionColumns: readonly FieldName[];
  private readonly runRate: ResolvedRate;
  private readonly fees: FeeOptions;
  /** The rate card pricing the semi-managed fulfilment fee (undefined in full mode). */
  private readonly pricing: CardPricing | undefined;
  /** The sheet has a 目的国/Destination column (semi mode). */
  private readonly destinationColumn: boolean;
  /** The sheet has a negotiated-rate or monthly-orders column (then the rate is resolved per row). */
  private readonly rateColumns: boolean;
  /** Set by rowOptions when the row's destination cell is not a country (then no fee). */
  private unreadableDestination = false;
  /** Names the cell of a field on the current row, for fee issues. */
  private readonly locate: Locate = (field) => {
    const cell = this.view.cellOf(field);
    return cell ? { cell } : undefined;
  };

  constructor(
    readonly engine: Engine,
    readonly mapping: HeaderMapping,
    options: SheetOptions,
  ) {
    this.mode = options.mode;
    this.fees = options.fees ?? {};
    const compiled = engine.compiled;
    this.view = new RowView(amountMapping(mapping, this.mode), compiled);
    const notChecked: NotChecked[] = [];
    const lacking = (fields: readonly FieldName[]) => fields.filter((f) => !this.view.has(f));
    const rules: SkuRule[] = [];
    const unverifiable: Unverifiable[] = [];
    for (const rule of SKU_RULES) {
      if (rule.mode !== this.mode || options.feesOnly) continue;
      const missing = lacking(rule.fields);
      if (missing.length === 0) {
        rules.push(rule);
        continue;
      }
      // A rule that decides eligibility, whose condition the row shows, is not passed over in
      // silence: the row gets an info note (its status stays as rules-spec §0 says).
      const when = rule.when;
      if (when && compiled.pack.rules[rule.id].severity === "error" && lacking(when.fields).length === 0) {
        notChecked.push({ ruleId: rule.id, missingFields: missing, rowsNoted: true });
        unverifiable.push({ rule: { ...rule, when }, missing, columns: columnWords(missing) });
      } else notChecked.push({ ruleId: rule.id, missingFields: missing });
    }
    this.unverifiable = unverifiable;
    if (this.mode === "semi" && !this.view.has("sku"))
      notChecked.push({ ruleId: "SEMI-K-DUP-LISTING", missingFields: ["sku"] });
    this.rules = rules;
    // A statement may give the billable weight instead of weight and dimensions.
    const feeFields =
      this.mode === "semi" && this.view.has("billableWeight")
        ? (["amount"] as FieldName[])
        : FEE_FIELDS[this.mode];
    this.feeMissing = lacking(feeFields);
    if (this.feeMissing.length > 0) {
      const ruleId: RuleId = this.mode === "semi" ? "FEE-SEMI-BASE" : "FEE-FULL-COMMISSION";
      // rules-spec §0: a rule (here the fee) whose column the sheet lacks is "not checked" for the
      // sheet and rows are not marked INCOMPLETE; the fee cells stay blank, and every row of a sheet
      // that has prices carries an info note saying which column would let the fee be computed (a
      // sheet without a price column is checked for eligibility only; a reconciliation words its
      // own CANNOT_CHECK reason).
      if (options.feesOnly || !this.view.has("amount"))
        notChecked.push({ ruleId, missingFields: this.feeMissing });
      else {
        notChecked.push({ ruleId, missingFields: this.feeMissing, rowsNoted: true });
        const words = columnWords(this.feeMissing, this.mode);
        this.feeMissingIssue = makeIssue(
          ruleId,
          "info",
          this.feeMissing[0],
          `a column for ${words.en}`,
          "no column",
          {
            en: `fee not computed: the sheet has no column for ${words.en}`,
            zh: `未计算费用：表中没有${words.zh}列`,
          },
        );
      }
    }
    this.weightsReadable =
      this.mode === "semi" && lacking(["weight", "length", "width", "height"]).length === 0;
    this.notChecked = notChecked;
    this.optionColumns = OPTION_FIELDS.filter(
      (f) =>
        this.view.has(f) &&
        !(options.statement && (f === "packingFee" || f === "valueAdded")) &&
        // The semi-managed services, transfer, packing and tier columns say nothing of a full-managed fee.
        !(this.mode === "full" && SEMI_OPTION_FIELDS.has(f)),
    );
    // The rate card prices semi-managed fulfilment only; a 目的国 column overrides the run's destination.
    this.destinationColumn = this.mode === "semi" && this.view.has("destination");
    this.runRate = resolveSemiRate(compiled, this.fees.negotiatedRate, this.fees.monthlyOrders);
    this.rateColumns =
      this.optionColumns.includes("negotiatedRate") || this.optionColumns.includes("monthlyOrders");
    this.pricing =
      this.mode === "semi" ? new CardPricing(compiled, options.rates ?? engine.defaultRates) : undefined;
  }

  /** Rules that will run on each row. */
  get activeRules(): readonly RuleId[] {
    return this.rules.map((r) => r.id);
  }

  /**
   * Evaluates one row. `sheetRow` is the 1-based row number shown in Excel (for cell references);
   * `extra` are issues found across rows (sheet-level rules) for this row.
   */
  evaluateRow(cells: readonly unknown[], sheetRow: number, extra: readonly Issue[] = []): RowResult {
    const view = this.view;
    view.reset(cells, sheetRow);
    let fee: FeeBreakdown | undefined;
    let weights: FeeWeights | undefined;
    this.unreadableDestination = false;
    if (this.feeMissing.length === 0) {
      const options = this.optionColumns.length > 0 ? this.rowOptions(view) : this.fees;
      const order = this.readOrder(view);
      const locate = this.locate;
      const priced = this.pricing?.compiledFor(order, this.destinationOf(view)) ?? this.engine.compiled;
      if ("miss" in priced) {
        // The rate card has no row for this destination and weight: no fee, the weights without a billable weight.
        view.raise(
          "FEE-SEMI-FULFIL",
          "missing",
          "destination",
          priced.expected,
          priced.received,
          priced.message,
        );
        const w = semiWeights(this.engine.compiled, order);
        weights = w && withoutBillable(w);
      } else {
        const result =
          this.mode === "semi"
            ? semiManagedFee(
                priced,
                order,
                options,
                options === this.fees || !this.rateColumns
                  ? this.runRate
                  : resolveSemiRate(
                      this.engine.compiled,
                      options.negotiatedRate,
                      options.monthlyOrders,
                      locate,
                    ),
                locate,
              )
            : fullManagedFee(this.engine.compiled, order, options, locate);
        for (const issue of result.issues) view.add(issue);
        fee = this.unreadableDestination ? undefined : result.fee;
        weights = result.weights;
      }
    } else if (this.feeMissingIssue) view.add(this.feeMissingIssue);
    if (this.feeMissing.length > 0 && this.weightsReadable) {
      const order = this.readOrder(view);
      const priced = this.pricing?.compiledFor(order, this.destinationOf(view)) ?? this.engine.compiled;
      const w = semiWeights("miss" in priced ? this.engine.compiled : priced, order);
      weights = w && "miss" in priced ? withoutBillable(w) : w;
    }
    for (const rule of this.rules) rule.check(view);
    for (const u of this.unverifiable) {
      const reason = u.rule.when.holds(view);
      if (!reason) continue;
      // About the absent field; the cell is the one that makes the rule apply (e.g. 物流属性 内电).
      view.add(
        makeIssue(
          u.rule.id,
          "info",
          u.missing[0],
          `a column for ${u.columns.en}`,
          "no column",
          {
            en: `${reason.en}: the sheet has no column for ${u.columns.en}, so this rule is not checked`,
            zh: `${reason.zh}：表中没有${u.columns.zh}列，无法检查此项`,
          },
          view.cellOf(u.rule.when.fields[0] as FieldName),
        ),
      );
    }
    for (const issue of extra) view.add(issue);
    const issues = view.issues;
    return { status: statusOf(issues), issues, fee, weights };
  }

  private readOrder(view: RowView): OrderInput {
    const feeRule: RuleId = this.mode === "semi" ? "FEE-SEMI-BASE" : "FEE-FULL-COMMISSION";
    // One object shape for every row (the hot path).
    const order = {
      amount: undefined as number | undefined,
      currency: undefined as string | undefined,
      category: undefined as string | undefined,
      weightKg: undefined as number | undefined,
      lengthCm: undefined as number | undefined,
      widthCm: undefined as number | undefined,
      heightCm: undefined as number | undefined,
      billableKg: undefined as number | undefined,
    };
    const amount = view.money("amount");
    if (amount.ok) {
      order.amount = amount.value.amount;
      order.currency =
        amount.value.currency ??
        (view.has("currency") ? currencyOf(view, feeRule) : undefined) ??
        this.fees.currency;
    } else if (view.has("amount")) view.missing(feeRule, "amount", amount);
    if (this.mode === "full") {
      if (view.has("category")) {
        const category = view.text("category");
        if (category.ok) order.category = category.value;
        else view.missing("FEE-FULL-FULFIL", "category", category);
      }
      return order;
    }
    const billable = view.has("billableWeight") ? view.quantity("billableWeight") : undefined;
    if (billable?.ok) order.billableKg = billable.value;
    const report = !billable?.ok;
    order.weightKg = this.readQuantity(view, "weight", report);
    order.lengthCm = this.readQuantity(view, "length", report);
    order.widthCm = this.readQuantity(view, "width", report);
    order.heightCm = this.readQuantity(view, "height", report);
    if (
      billable &&
      !billable.ok &&
      (order.weightKg === undefined ||
        order.lengthCm === undefined ||
        order.widthCm === undefined ||
        order.heightCm === undefined)
    ) {
      view.missing("FEE-SEMI-CHARGEW", "billableWeight", billable);
    }
    return order;
  }

  private readQuantity(
    view: RowView,
    field: "weight" | "length" | "width" | "height",
    report: boolean,
  ): number | undefined {
    if (!view.has(field)) return undefined;
    const q = view.quantity(field);
    if (q.ok) return q.value;
    if (report) view.missing("FEE-SEMI-CHARGEW", field, q);
    return undefined;
  }

  /** The row's destination: its 目的国 cell, else the run's option. */
  private destinationOf(view: RowView): string | undefined {
    return this.destinationColumn
      ? (this.readDestination(view) ?? this.fees.destination)
      : this.fees.destination;
  }

  /**
   * The row's destination column as an ISO code; undefined when blank. A text that is not a
   * country is a `missing` issue and the row gets no fee.
   */
  private readDestination(view: RowView): string | undefined {
    const text = view.text("destination");
    const code = text.ok ? destinationCode(text.value) : undefined;
    if (code !== undefined && code !== ANY_DESTINATION) return code;
    if (text.ok) {
      this.unreadableDestination = true;
      view.raise(
        "FEE-SEMI-FULFIL",
        "missing",
        "destination",
        "a country (ISO code such as DE, or a name such as 德国/Germany)",
        `'${text.value}'`,
        {
          en: `destination '${text.value}' is not a known country; fee not computed`,
          zh: `无法识别目的国“${text.value}”，未计算费用`,
        },
      );
    }
    return undefined;
  }

  /**
   * The semi-managed fee of one row for a given destination (its destination column is not
   * read): for the per-destination view. Eligibility rules do not run.
   */
  feeFor(
    cells: readonly unknown[],
    sheetRow: number,
    destination: string,
  ): { readonly fee: FeeBreakdown | undefined; readonly issues: readonly Issue[] } {
    const view = this.view;
    view.reset(cells, sheetRow);
    if (this.mode !== "semi" || this.feeMissing.length > 0) return { fee: undefined, issues: [] };
    const options = {
      ...(this.optionColumns.length > 0 ? this.rowOptions(view) : this.fees),
      destination,
    };
    const order = this.readOrder(view);
    const priced = this.pricing?.compiledFor(order, destination) ?? this.engine.compiled;
    if ("miss" in priced) {
      view.raise(
        "FEE-SEMI-FULFIL",
        "missing",
        "destination",
        priced.expected,
        priced.received,
        priced.message,
      );
      return { fee: undefined, issues: view.issues };
    }
    const rate = !this.rateColumns
      ? this.runRate
      : resolveSemiRate(this.engine.compiled, options.negotiatedRate, options.monthlyOrders, this.locate);
    const result = semiManagedFee(priced, order, options, rate, this.locate);
    return { fee: result.fee, issues: [...view.issues, ...result.issues] };
  }

  private rowOptions(view: RowView): FeeOptions {
    const o: { -readonly [K in keyof FeeOptions]: FeeOptions[K] } = { ...this.fees };
    // A fee option below zero (a packing fee of -1 元 would lower the fee): named, and not used.
    const negative = (ruleId: RuleId, field: FieldName, value: number) => {
      const label = FIELDS[field].label;
      view.raise(ruleId, "missing", field, "a number ≥ 0", String(value), {
        en: `${label.en}: ${value} is below zero`,
        zh: `${label.zh}：${value} 小于 0`,
      });
    };
    for (const field of this.optionColumns) {
      const raw = view.raw(field);
      if (raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === "")) continue;
      switch (field) {
        case "services": {
          const text = view.text("services");
          const services = text.ok ? parseServices(text.value) : undefined;
          if (services) o.services = services;
          else if (text.ok)
            view.raise(
              "FEE-SEMI-LABEL",
              "missing",
              "services",
              "贴标 / 拍照质检 (label / photo QC)",
              `'${text.value}'`,
              {
                en: `unknown service in '${text.value}' (known: 贴标/label, 拍照质检/photo QC)`,
                zh: `无法识别增值服务“${text.value}”（可填：贴标、拍照质检）`,
              },
            );
          break;
        }
        case "distanceKm": {
          const q = view.quantity("distanceKm");
          if (!q.ok) view.missing("FEE-SEMI-TRANSFER", field, q);
          else if (q.value < 0) negative("FEE-SEMI-TRANSFER", field, q.value);
          else o.distanceKm = q.value;
          break;
        }
        case "negotiatedRate": {
          const p = view.percent(field);
          if (!p.ok) view.missing("FEE-SEMI-TIER", field, p);
          else if (p.value < 0) negative("FEE-SEMI-TIER", field, p.value);
          else o.negotiatedRate = p.value;
          break;
        }
        case "unitsPerCarton":
        case "monthlyOrders": {
          const ruleId: RuleId = field === "unitsPerCarton" ? "FEE-SEMI-PACK" : "FEE-SEMI-TIER";
          const n = view.number(field);
          if (!n.ok) view.missing(ruleId, field, n);
          else if (n.value < 0) negative(ruleId, field, n.value);
          else o[field] = n.value;
          break;
        }
        case "fxRate": {
          // Read only where the amount is in another currency: an unreadable or non-positive rate
          // stands for the row (the run's rate is not used instead), and the fee says it needs one.
          const n = view.number(field);
          o.fxRate = n.ok ? n.value : Number.NaN;
          break;
        }
        case "packingFee":
        case "valueAdded": {
          const ruleId: RuleId = field === "packingFee" ? "FEE-SEMI-PACK" : "FEE-FULL-VAS";
          const m = view.money(field);
          if (!m.ok) view.missing(ruleId, field, m);
          else if (m.value.amount < 0) negative(ruleId, field, m.value.amount);
          else o[field] = m.value.amount;
          break;
        }
        default:
          break;
      }
    }
    return o;
  }
}

/**
 * The mapping a mode reads its order amount through: full-managed pays the supply price, so a
 * 供货价 / 货值 column is the full-managed order amount (rules-spec §5); otherwise the amount column.
 */
export function amountMapping(mapping: HeaderMapping, mode: CheckMode): HeaderMapping {
  const supply = mapping.byField.supplyPrice;
  if (mode !== "full" || !supply) return mapping;
  return { ...mapping, byField: { ...mapping.byField, amount: supply } };
}

/**
 * The columns a sheet lacks, in words a seller can act on: each field's name and two headers that
 * map to it; length, width and height together as dimensions (also one 包装尺寸 cell), and in semi
 * mode the 计费重量 column that replaces weight and dimensions.
 *
 * @example
 * ```ts
 * columnWords(["un38_3"]).en // => "UN38.3 report (UN38.3 / UN38.3报告)"
 * ```
 */
export function columnWords(fields: readonly FieldName[], mode?: CheckMode): Bilingual {
  const dims = ["length", "width", "height"] as const;
  const allDims = dims.every((d) => fields.includes(d));
  const en: string[] = [];
  const zh: string[] = [];
  for (const f of fields) {
    if (allDims && (dims as readonly string[]).includes(f)) {
      if (f !== "length") continue;
      en.push("length, width and height (长/宽/高, or one 包装尺寸 cell such as 25*7*3)");
      zh.push("长、宽、高（长/宽/高三列，或一列包装尺寸如 25*7*3）");
      continue;
    }
    const def = FIELDS[f];
    // Two headers that map to the field, other than the label itself.
    const headers = (label: string) =>
      def.synonyms.filter((h) => h.toLowerCase() !== label.toLowerCase()).slice(0, 2);
    const enHeaders = headers(def.label.en);
    const zhHeaders = headers(def.label.zh);
    en.push(enHeaders.length ? `${def.label.en} (${enHeaders.join(" / ")})` : def.label.en);
    zh.push(zhHeaders.length ? `${def.label.zh}（${zhHeaders.join(" / ")}）` : def.label.zh);
  }
  const semiWeights =
    mode === "semi" && fields.some((f) => f === "weight" || (dims as readonly string[]).includes(f));
  const joinEn = (parts: string[]) =>
    parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
  return {
    en: joinEn(en) + (semiWeights ? ", or a 计费重量 (billable weight) column" : ""),
    zh: zh.join("、") + (semiWeights ? "，或计费重量" : ""),
  };
}

function currencyOf(view: RowView, rule: RuleId): string | undefined {
  const text = view.text("currency");
  if (!text.ok) return undefined;
  const code = currencyCode(text.value);
  if (code === undefined) {
    view.raise(rule, "missing", "currency", "a currency code (CNY, USD, …)", `'${text.value}'`, {
      en: `currency '${text.value}' is not a currency code`,
      zh: `币种“${text.value}”无法识别`,
    });
  }
  return code ?? "?";
}

/**
 * Sheet-level rules across rows: SEMI-K-DUP-LISTING (the same SKU more than 5 times; each
 * row involved gets the issue). `skus[i]` is row i's SKU text (undefined when blank).
 *
 * @example
 * ```ts
 * const issues = sheetLevelIssues(engine.compiled, "semi", Array(6).fill("A1"), (i) => ({ row: i + 2, column: "A" }));
 * issues.get(0)?.[0]?.ruleId // => "SEMI-K-DUP-LISTING"
 * ```
 */
export function sheetLevelIssues(
  compiled: CompiledPack,
  mode: CheckMode,
  skus: readonly (string | undefined)[],
  cellOf: (index: number) => { row: number; column: string } | undefined,
): Map<number, Issue[]> {
  const out = new Map<number, Issue[]>();
  if (mode !== "semi") return out;
  const rule = compiled.pack.rules["SEMI-K-DUP-LISTING"];
  const max = rule.figures.maxListings;
  // Each SKU's first row; a list only for SKUs met again (a catalog's SKUs are mostly unique: a
  // full-height sheet would otherwise hold a million one-element lists).
  const firstRow = new Map<string, number>();
  const rowsBySku = new Map<string, number[]>();
  for (let i = 0; i < skus.length; i++) {
    const sku = skus[i];
    if (sku === undefined) continue;
    const key = skuKey(sku);
    if (key === "") continue;
    const first = firstRow.get(key);
    if (first === undefined) {
      firstRow.set(key, i);
      continue;
    }
    const list = rowsBySku.get(key);
    if (list) list.push(i);
    else rowsBySku.set(key, [first, i]);
  }
  firstRow.clear();
  for (const [, indices] of rowsBySku) {
    if (indices.length <= max) continue;
    const sku = skus[indices[0] as number] as string;
    const shown = indices.slice(0, 8).map((i) => cellOf(i)?.row ?? i + 1);
    const rowsText = shown.join(", ") + (indices.length > 8 ? ", …" : "");
    const rowsZh = shown.join("、") + (indices.length > 8 ? "……" : "");
    for (const i of indices) {
      const cell = cellOf(i);
      (out.get(i) ?? out.set(i, []).get(i))?.push(
        makeIssue(
          "SEMI-K-DUP-LISTING",
          rule.severity,
          "sku",
          `≤ ${max} listings`,
          `${indices.length} listings`,
          {
            en: `SKU '${sku}' is listed ${indices.length} times (rows ${rowsText}); more than ${max} is flagged as order brushing`,
            zh: `SKU“${sku}”重复上架${indices.length}次（第${rowsZh}行），超过${max}次将被判定为刷单风险`,
          },
          cell,
        ),
      );
    }
  }
  return out;
}

/** The verdict on the seller profile ("seller readiness"), separate from the rows' statuses. */
export interface SellerResult {
  readonly status: RowStatus;
  readonly issues: readonly Issue[];
  readonly notChecked: readonly NotChecked[];
  /** Profile keys not recognised (reported so nothing is silently ignored). */
  readonly unknownKeys: readonly string[];
}

/**
 * Evaluates the seller-level rules of a mode against a profile. Without a profile, every
 * profile rule is reported as not checked.
 *
 * @example
 * ```ts
 * evaluateSeller(compiled, { "营业执照注册日期": "2025-01-01" }, "semi", { asOf: epochDayOf(2025, 6, 29)! }).issues[0]?.ruleId
 * // => "SEMI-S-LICENSE-AGE" (179 days < 180)
 * ```
 */
export function evaluateSeller(
  compiled: CompiledPack,
  profile: SellerProfile | Readonly<Record<string, unknown>> | undefined,
  mode: CheckMode,
  context: SellerContext,
): SellerResult {
  const read: SellerProfile | undefined =
    profile === undefined
      ? undefined
      : "values" in profile && "unknownKeys" in profile
        ? (profile as SellerProfile)
        : readProfile(profile as Record<string, unknown>);
  const view = new ProfileView(read ?? { values: {}, unknownKeys: [] }, compiled, context);
  const notChecked: NotChecked[] = [];
  for (const rule of SELLER_RULES) {
    if (rule.mode !== mode) continue;
    if (rule.fromSheet) {
      if (context.skuCount === undefined) notChecked.push({ ruleId: rule.id, missingFields: ["sku"] });
      else rule.check(view);
      continue;
    }
    const present = rule.keys.filter((k) => view.has(k));
    const enough = rule.anyKey ? present.length > 0 : present.length === rule.keys.length;
    if (!read || !enough) {
      notChecked.push({ ruleId: rule.id, missingFields: rule.keys.filter((k) => !view.has(k)) });
      continue;
    }
    rule.check(view);
  }
  return {
    status: statusOf(view.issues),
    issues: view.issues,
    notChecked,
    unknownKeys: read?.unknownKeys ?? [],
  };
}

/** Everything one in-memory evaluation produced. */
export interface SheetResult {
  readonly mapping: HeaderMapping;
  readonly rows: readonly RowResult[];
  readonly notChecked: readonly NotChecked[];
}

/**
 * Evaluates a whole in-memory sheet (header + rows): fees, SKU rules and sheet-level rules.
 * `firstDataRow` is the sheet row number of `rows[0]` (default 2: the header on row 1).
 *
 * @example
 * ```ts
 * const r = evaluateSheet(engine, ["SKU", "重量(kg)"], [["A", 6]], { mode: "semi" });
 * r.rows[0]?.status // => "NOT_ELIGIBLE" (SEMI-K-WEIGHT)
 * ```
 */
export function evaluateSheet(
  engine: Engine,
  headers: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  options: SheetOptions & { firstDataRow?: number },
): SheetResult {
  const sheet = engine.prepareSheet(headers, options);
  const first = options.firstDataRow ?? 2;
  const skuColumn = sheet.mapping.byField.sku;
  const skus = skuColumn ? rows.map((r) => skuText(r[skuColumn.index])) : [];
  const across = sheetLevelIssues(engine.compiled, options.mode, skus, (i) =>
    skuColumn ? { row: first + i, column: skuColumn.letter } : undefined,
  );
  return {
    mapping: sheet.mapping,
    rows: rows.map((cells, i) => sheet.evaluateRow(cells, first + i, across.get(i))),
    notChecked: sheet.notChecked,
  };
}

/** The SKU of a cell as text, or undefined when blank. */
export function skuText(cell: unknown): string | undefined {
  const parsed = parseText(cell);
  return parsed.ok ? parsed.value : undefined;
}
