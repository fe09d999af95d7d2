/**
 * SKU-level rules (rules-spec §2 and §3, "SKU level"): each is a rule id, the fields it
 * needs (absent columns → not checked for the sheet) and a check over one {@link RowView}.
 * Figures come from the pack; nothing here is a hard-coded threshold.
 * @packageDocumentation
 */
import { FAMILY_LABELS } from "../categories";
import type { FieldName } from "../fields";
import { languageCode, languageLabel, marketCode } from "../markets";
import { toDec } from "../money";
import { compareVolumeCm3, volumeCm3 } from "../weights";
import { compareScaled, mulScaled, scaledOf, type Scaled } from "../exact";
import type { RuleId } from "../pack/default";
import type { Bilingual } from "../issues";
import type { RowView } from "../row";
import { compactKey } from "../text";
import { fmt, pct } from "./format";

/** A rule over one catalog row. */
export interface SkuRule {
  readonly id: RuleId;
  readonly mode: "semi" | "full";
  /** Fields the rule reads; if the sheet lacks any, the rule is not checked for the sheet. */
  readonly fields: readonly FieldName[];
  readonly check: (row: RowView) => void;
  /**
   * The condition of a rule that requires a document, mark or attribute of some rows only
   * (rules-spec §0: EPR number, SDS, RoHS, CE/FCC, UN38.3, size chart, the home attributes), read
   * from the row's own cells. When the sheet has the condition's columns but not the document's,
   * a row for which `holds` gives words (e.g. "contains a battery") cannot be said to be eligible:
   * the evaluator marks it INCOMPLETE, naming the absent column (an error rule only). Rules without
   * it are "not checked" for the sheet when a column is absent.
   */
  readonly when?: {
    readonly fields: readonly FieldName[];
    readonly holds: (row: RowView) => Bilingual | undefined;
  };
}

/** The row's category family, in words, when it is `family` (for {@link SkuRule.when}). */
function familyIs(family: "apparel" | "home" | "electronics"): NonNullable<SkuRule["when"]> {
  return {
    fields: ["category"],
    holds: (row) =>
      row.family() === family
        ? { en: `${FAMILY_LABELS[family].en} SKU`, zh: `${FAMILY_LABELS[family].zh}类目` }
        : undefined,
  };
}

/** price > regular × share, exactly (safe integers, else decimal.js). */
function isAboveShare(
  price: number,
  regular: number,
  share: number,
  shareScaled: Scaled | undefined,
): boolean {
  const p = scaledOf(price);
  const r = scaledOf(regular);
  const cap = shareScaled && r && mulScaled(r, shareScaled);
  const cmp = p && cap && compareScaled(p, cap);
  if (cmp !== undefined) return cmp > 0;
  return toDec(price).gt(toDec(regular).times(share));
}

function categoryRule(id: "SEMI-K-CATEGORY" | "FULL-K-CATEGORY", mode: "semi" | "full"): SkuRule {
  return {
    id,
    mode,
    fields: ["category"],
    check(row) {
      const category = row.text("category");
      if (!category.ok) return row.missing(id, "category", category);
      const families = row.compiled.pack.rules[id].figures.families as readonly string[];
      const family = row.family() ?? "other";
      if (families.includes(family)) return;
      const list =
        mode === "semi"
          ? { en: "semi-managed category list", zh: "半托管类目准入清单" }
          : { en: "full-managed first-level categories", zh: "全托管一级类目" };
      row.fail(
        id,
        "category",
        families.map((f) => FAMILY_LABELS[f as keyof typeof FAMILY_LABELS].en).join(" / "),
        `'${category.value}'`,
        {
          en: `category '${category.value}' is not confirmed in the ${list.en}; check it in Seller Center`,
          zh: `类目“${category.value}”未确认在${list.zh}内，请在卖家中心核实`,
        },
      );
    },
  };
}

/** Every SKU-level rule, semi-managed then full-managed. */
export const SKU_RULES: readonly SkuRule[] = [
  categoryRule("SEMI-K-CATEGORY", "semi"),
  {
    id: "SEMI-K-WEIGHT",
    mode: "semi",
    fields: ["weight"],
    check(row) {
      const weight = row.quantity("weight");
      if (!weight.ok) return row.missing("SEMI-K-WEIGHT", "weight", weight);
      const max = row.compiled.pack.rules["SEMI-K-WEIGHT"].figures.maxKg;
      if (weight.value > max) {
        row.fail("SEMI-K-WEIGHT", "weight", `≤ ${fmt(max)} kg`, `${fmt(weight.value)} kg`, {
          en: `one item weighs ${fmt(weight.value)} kg, over the ${fmt(max)} kg limit`,
          zh: `单件重量${fmt(weight.value)}kg，超过${fmt(max)}kg上限`,
        });
      }
    },
  },
  {
    id: "SEMI-K-VOLUME",
    mode: "semi",
    fields: ["length", "width", "height"],
    check(row) {
      const pl = row.quantity("length");
      const pw = row.quantity("width");
      const ph = row.quantity("height");
      if (!pl.ok) row.missing("SEMI-K-VOLUME", "length", pl);
      if (!pw.ok) row.missing("SEMI-K-VOLUME", "width", pw);
      if (!ph.ok) row.missing("SEMI-K-VOLUME", "height", ph);
      if (!pl.ok || !pw.ok || !ph.ok) return;
      const [l, w, h] = [pl.value, pw.value, ph.value];
      const maxM3 = row.compiled.pack.rules["SEMI-K-VOLUME"].figures.maxM3;
      const limit = row.compiled.limits.maxVolumeCm3;
      const above = limit
        ? compareVolumeCm3(l, w, h, limit) > 0
        : volumeCm3(l, w, h).div(1_000_000).gt(maxM3);
      if (above) {
        const m3 = volumeCm3(l, w, h).div(1_000_000);
        row.fail(
          "SEMI-K-VOLUME",
          "length",
          `≤ ${fmt(maxM3)} m³`,
          `${m3.toSignificantDigits(6).toString()} m³`,
          {
            en: `one item is ${m3.toSignificantDigits(6).toString()} m³ (${fmt(l)}×${fmt(w)}×${fmt(h)} cm), over ${fmt(maxM3)} m³`,
            zh: `单件体积${m3.toSignificantDigits(6).toString()}m³（${fmt(l)}×${fmt(w)}×${fmt(h)}cm），超过${fmt(maxM3)}m³`,
          },
        );
      }
    },
  },
  {
    id: "SEMI-K-PRICE-CAP",
    mode: "semi",
    fields: ["semiPrice", "regularPrice"],
    check(row) {
      const semi = row.money("semiPrice");
      const regular = row.money("regularPrice");
      if (!semi.ok) row.missing("SEMI-K-PRICE-CAP", "semiPrice", semi);
      if (!regular.ok) row.missing("SEMI-K-PRICE-CAP", "regularPrice", regular);
      if (!semi.ok || !regular.ok) return;
      const share = row.compiled.pack.rules["SEMI-K-PRICE-CAP"].figures.maxShareOfRegular;
      if (isAboveShare(semi.value.amount, regular.value.amount, share, row.compiled.limits.priceShare)) {
        const cap = toDec(regular.value.amount).times(share);
        row.fail(
          "SEMI-K-PRICE-CAP",
          "semiPrice",
          `≤ ${cap.toString()} (${pct(share)} of ${fmt(regular.value.amount)})`,
          fmt(semi.value.amount),
          {
            en: `semi-managed price ${fmt(semi.value.amount)} is above ${pct(share)} of the regular price ${fmt(regular.value.amount)} (cap ${cap.toString()}); the platform raises a warning`,
            zh: `半托管价${fmt(semi.value.amount)}高于普通价${fmt(regular.value.amount)}的${pct(share)}（上限${cap.toString()}），将触发系统预警`,
          },
        );
      }
    },
  },
  {
    id: "SEMI-K-RETURN-RATE",
    mode: "semi",
    fields: ["returnRate"],
    check(row) {
      const rate = row.percent("returnRate");
      if (!rate.ok) return row.missing("SEMI-K-RETURN-RATE", "returnRate", rate);
      const max = row.compiled.pack.rules["SEMI-K-RETURN-RATE"].figures.maxRateExclusive;
      // Both sides are doubles read the same way (12% → 0.12), so comparing them as numbers is exact here.
      if (!(rate.value < max)) {
        row.fail("SEMI-K-RETURN-RATE", "returnRate", `< ${pct(max)}`, pct(rate.value), {
          en: `return rate ${pct(rate.value)} is not below ${pct(max)}`,
          zh: `退货率${pct(rate.value)}未低于${pct(max)}`,
        });
      }
    },
  },
  {
    id: "SEMI-K-EPR",
    mode: "semi",
    fields: ["targetMarkets", "epr"],
    when: {
      fields: ["targetMarkets"],
      holds(row) {
        const markets = row.list("targetMarkets");
        if (!markets.ok) return undefined;
        const eprMarkets: readonly string[] = row.compiled.pack.rules["SEMI-K-EPR"].figures.markets;
        const hit = markets.value
          .map((m) => marketCode(m) ?? m.toUpperCase())
          .filter((c) => eprMarkets.includes(c));
        return hit.length > 0
          ? { en: `targets ${hit.join(", ")}`, zh: `目标市场含${hit.join("、")}` }
          : undefined;
      },
    },
    check(row) {
      const markets = row.list("targetMarkets");
      if (!markets.ok) return row.missing("SEMI-K-EPR", "targetMarkets", markets);
      const eprMarkets: readonly string[] = row.compiled.pack.rules["SEMI-K-EPR"].figures.markets;
      const hit = markets.value
        .map((m) => marketCode(m) ?? m.toUpperCase())
        .filter((c) => eprMarkets.includes(c));
      if (hit.length > 0 && !row.present("epr")) {
        row.fail("SEMI-K-EPR", "epr", "an EPR registration number", "blank", {
          en: `targets ${hit.join(", ")}: an EPR registration number is required`,
          zh: `目标市场含${hit.join("、")}：必须填写EPR注册号`,
        });
      }
    },
  },
  {
    id: "SEMI-K-APPAREL-SIZE",
    mode: "semi",
    fields: ["category", "sizeChart"],
    when: familyIs("apparel"),
    check(row) {
      if (row.family() !== "apparel") return;
      const chart = row.json("sizeChart");
      if (!chart.ok) {
        row.fail("SEMI-K-APPAREL-SIZE", "sizeChart", "a size chart as structured JSON", chart.received, {
          en: chart.blank
            ? "apparel needs a size chart as structured JSON; it is blank"
            : `apparel size chart ${chart.received} is not structured JSON`,
          zh: chart.blank
            ? "服饰类须上传结构化JSON尺码表，当前为空"
            : `服饰尺码表 ${chart.received} 不是结构化JSON`,
        });
      }
    },
  },
  {
    id: "SEMI-K-APPAREL-ATTRS",
    mode: "semi",
    fields: ["category"],
    check(row) {
      if (row.family() !== "apparel") return;
      const figures = row.compiled.pack.rules["SEMI-K-APPAREL-ATTRS"].figures;
      const columns = attributeColumns(row, figures.excludedFields, figures.excludedHeaders);
      if (columns.length === 0) return;
      // A width or height left blank because the length cell holds L×W×H is filled.
      const blank = columns.filter(
        (c) => isBlankAttr(row.rawCells[c.index]) && !row.filledByOneCell(c.index),
      );
      // blank / columns > max, exactly: compare blank·10^s with maxUnits·columns (max = maxUnits/10^s).
      const max = scaledOf(figures.maxBlankShare);
      const over = max
        ? blank.length * 10 ** max.scale > max.units * columns.length
        : toDec(blank.length).div(columns.length).gt(figures.maxBlankShare);
      if (over) {
        const share = toDec(blank.length).div(columns.length);
        const names =
          blank
            .slice(0, 5)
            .map((c) => c.header)
            .join(", ") + (blank.length > 5 ? ", …" : "");
        const shown = `${share.times(100).toDecimalPlaces(1).toString()}%`;
        // The issue points at the first blank attribute cell: the one the seller has to fill.
        const first = blank[0] as AttributeColumn;
        row.failAt(
          "SEMI-K-APPAREL-ATTRS",
          first.field ?? first.header,
          first.letter,
          `≤ ${pct(figures.maxBlankShare)} blank attributes`,
          `${blank.length} of ${columns.length} blank (${shown})`,
          {
            en: `${blank.length} of ${columns.length} attribute cells are blank (${shown} > ${pct(figures.maxBlankShare)}): ${names}`,
            zh: `${columns.length}个属性中${blank.length}个为空（缺失率${shown}>${pct(figures.maxBlankShare)}）：${names}`,
          },
        );
      }
    },
  },
  {
    id: "SEMI-K-WAREHOUSE",
    mode: "semi",
    fields: ["warehouse"],
    check(row) {
      const warehouse = row.text("warehouse");
      if (!warehouse.ok) return row.missing("SEMI-K-WAREHOUSE", "warehouse", warehouse);
      if (!row.compiled.warehouses.has(compactKey(warehouse.value))) {
        const names = Object.keys(row.compiled.pack.rules["SEMI-K-WAREHOUSE"].figures.warehouses);
        row.fail("SEMI-K-WAREHOUSE", "warehouse", names.join(" / "), `'${warehouse.value}'`, {
          en: `warehouse '${warehouse.value}' is not a semi-managed warehouse (${names.join(", ")})`,
          zh: `仓库“${warehouse.value}”不是半托管指定仓（${names.join("、")}）`,
        });
      }
    },
  },
  categoryRule("FULL-K-CATEGORY", "full"),
  {
    id: "FULL-K-CAPACITY",
    mode: "full",
    fields: ["category", "monthlyCapacity"],
    check(row) {
      const family = row.family();
      const minByFamily = row.compiled.pack.rules["FULL-K-CAPACITY"].figures.minByFamily;
      const min = family === undefined ? undefined : minByFamily[family];
      if (family === undefined || min === undefined) return;
      const capacity = row.number("monthlyCapacity");
      if (!capacity.ok) return row.missing("FULL-K-CAPACITY", "monthlyCapacity", capacity);
      if (capacity.value < min) {
        row.fail("FULL-K-CAPACITY", "monthlyCapacity", `≥ ${fmt(min)}`, fmt(capacity.value), {
          en: `monthly capacity ${fmt(capacity.value)} is below the ${fmt(min)} a ${FAMILY_LABELS[family].en} SKU needs`,
          zh: `月产能${fmt(capacity.value)}件，低于${FAMILY_LABELS[family].zh}类目要求的${fmt(min)}件`,
        });
      }
    },
  },
  {
    id: "FULL-K-HOME-ATTRS",
    mode: "full",
    fields: ["category", "materialComposition", "formaldehyde", "en71_3"],
    when: familyIs("home"),
    check(row) {
      if (row.family() !== "home") return;
      const material = row.text("materialComposition");
      if (!material.ok || !/\d+(?:\.\d+)?\s*%/.test(material.value)) {
        row.fail(
          "FULL-K-HOME-ATTRS",
          "materialComposition",
          "material composition with percentages (e.g. 棉 80%, 涤纶 20%)",
          material.ok ? `'${material.value}'` : material.received,
          {
            en: material.ok
              ? `material composition '${material.value}' gives no percentages`
              : "home: material composition with percentages is required",
            zh: material.ok ? `材质成分“${material.value}”未写百分比` : "家居类目必须填写材质成分百分比",
          },
        );
      }
      for (const field of ["formaldehyde", "en71_3"] as const) {
        const answer = row.bool(field);
        if (!answer.ok) {
          const label =
            field === "formaldehyde"
              ? { en: "formaldehyde yes/no", zh: "是否含甲醛" }
              : { en: "EN71-3 tested yes/no", zh: "是否通过EN71-3检测" };
          row.fail("FULL-K-HOME-ATTRS", field, "yes or no", answer.received, {
            en: `home: ${label.en} must be filled (found ${answer.received})`,
            zh: `家居类目必须填写“${label.zh}”（当前${answer.blank ? "为空" : answer.received}）`,
          });
        }
      }
    },
  },
  {
    id: "FULL-K-3C-DOCS",
    mode: "full",
    fields: ["category", "sds", "rohs"],
    when: familyIs("electronics"),
    check(row) {
      if (row.family() !== "electronics") return;
      if (!row.present("sds"))
        row.fail("FULL-K-3C-DOCS", "sds", "a full SDS", "none", {
          en: "consumer electronics: the full SDS (safety data sheet) is missing",
          zh: "消费电子：缺少完整版安全技术说明书（SDS）",
        });
      if (!row.present("rohs"))
        row.fail("FULL-K-3C-DOCS", "rohs", "a RoHS declaration", "none", {
          en: "consumer electronics: the RoHS declaration is missing",
          zh: "消费电子：缺少RoHS符合性声明",
        });
    },
  },
  {
    id: "FULL-K-MARKING",
    mode: "full",
    fields: ["category", "ceFcc"],
    when: familyIs("electronics"),
    check(row) {
      if (row.family() !== "electronics") return;
      if (!row.present("ceFcc"))
        row.fail("FULL-K-MARKING", "ceFcc", "CE/FCC marking on the package label", "none", {
          en: "consumer electronics: the package label has no CE/FCC marking",
          zh: "消费电子：包装标签缺少CE/FCC标识",
        });
    },
  },
  {
    id: "FULL-K-MANUAL-LANG",
    mode: "full",
    fields: ["targetMarkets", "manualLanguages"],
    check(row) {
      const markets = row.list("targetMarkets");
      if (!markets.ok) return row.missing("FULL-K-MANUAL-LANG", "targetMarkets", markets);
      const table = row.compiled.marketLanguages;
      const languages = row.list("manualLanguages");
      const have = new Set(languages.ok ? languages.value.map((l) => languageCode(l) ?? compactKey(l)) : []);
      const lacking: string[] = [];
      const lackingZh: string[] = [];
      for (const name of markets.value) {
        const code = marketCode(name);
        const needed = code === undefined ? undefined : table.get(code);
        if (code === undefined || needed === undefined) {
          row.raise(
            "FULL-K-MANUAL-LANG",
            "missing",
            "targetMarkets",
            "a known market (ISO code or name)",
            `'${name}'`,
            {
              en: `target market '${name}' is not known; add its language to the rule pack or use an ISO code`,
              zh: `无法识别目标市场“${name}”，请使用ISO国家代码`,
            },
          );
          continue;
        }
        if (!needed.some((l) => have.has(l))) {
          lacking.push(`${code} (${needed.map((l) => languageLabel(l).en).join(" or ")})`);
          lackingZh.push(`${code}（${needed.map((l) => languageLabel(l).zh).join("或")}）`);
        }
      }
      if (lacking.length > 0) {
        row.fail(
          "FULL-K-MANUAL-LANG",
          "manualLanguages",
          `a manual for ${lacking.join(", ")}`,
          languages.ok ? languages.value.join(", ") : "blank",
          {
            en: `the manual lacks the language of ${lacking.join(", ")}`,
            zh: `说明书缺少目标国语言：${lackingZh.join("、")}`,
          },
        );
      }
    },
  },
  {
    id: "FULL-K-BATTERY",
    mode: "full",
    fields: ["hasBattery", "un38_3"],
    when: {
      fields: ["hasBattery"],
      holds: (row) => {
        const battery = row.bool("hasBattery");
        return battery.ok && battery.value ? { en: "contains a battery", zh: "含电池" } : undefined;
      },
    },
    check(row) {
      const battery = row.bool("hasBattery");
      if (!battery.ok) return row.missing("FULL-K-BATTERY", "hasBattery", battery);
      if (battery.value && !row.present("un38_3")) {
        row.fail("FULL-K-BATTERY", "un38_3", "a UN38.3 report", "none", {
          en: "contains a battery but has no UN38.3 report",
          zh: "含电池但未提供UN38.3报告",
        });
      }
    },
  },
  {
    id: "FULL-K-RESTOCK",
    mode: "full",
    fields: ["inboundDate", "planDate"],
    check(row) {
      const inbound = row.date("inboundDate");
      const plan = row.date("planDate");
      if (!inbound.ok) row.missing("FULL-K-RESTOCK", "inboundDate", inbound);
      if (!plan.ok) row.missing("FULL-K-RESTOCK", "planDate", plan);
      if (!inbound.ok || !plan.ok) return;
      const lead = row.compiled.pack.rules["FULL-K-RESTOCK"].figures.minLeadDays;
      const days = plan.value - inbound.value;
      if (days < lead) {
        row.fail("FULL-K-RESTOCK", "inboundDate", `≥ ${lead} days before the plan date`, `${days} days`, {
          en: `inbound is ${days} day(s) before the replenishment-plan date; at least ${lead} are required`,
          zh: `入仓日期仅比补货计划日期早${days}天，须至少提前${lead}天`,
        });
      }
    },
  },
];

/**
 * Columns counted as product attributes for SEMI-K-APPAREL-ATTRS: every headed input column except
 * the excluded fields (run inputs, finance, other categories' documents) and seller columns whose
 * header names a note, a computed figure or a link (the pack's excludedHeaders).
 */
function attributeColumns(
  row: RowView,
  excludedFields: readonly string[],
  excludedHeaders: readonly string[],
): readonly AttributeColumn[] {
  // Keyed by the mapping and the pack's two lists (the same arrays for a whole run).
  let cached = ATTR_CACHE.get(row.mapping);
  if (!cached || cached.fields !== excludedFields || cached.headers !== excludedHeaders) {
    const words = excludedHeaders.map((w) => compactKey(w));
    const isNote = (header: string) => words.some((w) => compactKey(header).includes(w));
    const columns: AttributeColumn[] = [
      ...row.mapping.columns
        .filter((c) => !excludedFields.includes(c.field))
        .map((c) => ({ index: c.index, letter: c.letter, header: c.header, field: c.field })),
      ...row.mapping.unmapped
        .filter((c) => c.reason !== "ignored")
        .map((c) => ({ index: c.index, letter: c.letter, header: c.header, field: undefined })),
    ]
      .filter((c) => !isNote(c.header))
      .sort((a, b) => a.index - b.index);
    cached = { fields: excludedFields, headers: excludedHeaders, columns };
    ATTR_CACHE.set(row.mapping, cached);
  }
  return cached.columns;
}
/** A column counted by SEMI-K-APPAREL-ATTRS: its place, header and field (undefined: a seller's own column). */
interface AttributeColumn {
  readonly index: number;
  readonly letter: string;
  readonly header: string;
  readonly field: FieldName | undefined;
}
const ATTR_CACHE = new WeakMap<
  object,
  { fields: readonly string[]; headers: readonly string[]; columns: readonly AttributeColumn[] }
>();

function isBlankAttr(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") return value.trim() === "";
  return false;
}
