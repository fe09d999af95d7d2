/**
 * Seller-level rules (rules-spec §2 and §3, "Seller level"), read from the seller profile.
 * A key the profile does not have → the rule is not checked; a key that is blank or
 * unreadable → a `missing` issue.
 * @packageDocumentation
 */
import {
  isBlankCell,
  isoDate,
  numberFromText,
  parseBoolean,
  parseDate,
  parseNumber,
  parsePercent,
  parseText,
  parseTimeOfDay,
  unwrapCell,
  type CellProblem,
  type EpochDay,
  type Parsed,
} from "../cells";
import type { CompiledPack } from "../compile";
import { makeIssue, type Bilingual, type Issue, type Severity } from "../issues";
import { describeDuration, parseDuration } from "../pack/figures";
import type { RuleId } from "../pack/default";
import { PROFILE_KEYS, type ProfileKey, type SellerProfile } from "../profile";
import { describeValue, splitList } from "../text";
import { fmt, pct } from "./format";

/** What seller rules read besides the profile. */
export interface SellerContext {
  /** "Today" for age rules (epoch day). Hosts pass the current date; tests pass a fixed one. */
  readonly asOf: EpochDay;
  /** Distinct SKUs in the sheet, for FULL-S-SKU-COUNT (undefined when no SKU column). */
  readonly skuCount?: number;
}

/** Typed reads of the profile and issue helpers. */
export class ProfileView {
  readonly issues: Issue[] = [];
  constructor(
    readonly profile: SellerProfile,
    readonly compiled: CompiledPack,
    readonly context: SellerContext,
  ) {}

  has(key: ProfileKey): boolean {
    return Object.prototype.hasOwnProperty.call(this.profile.values, key);
  }
  raw(key: ProfileKey): unknown {
    return this.profile.values[key];
  }
  raise(
    ruleId: RuleId,
    severity: Severity,
    field: ProfileKey | "sku",
    expected: string,
    received: string,
    message: Bilingual,
  ): void {
    this.issues.push(makeIssue(ruleId, severity, field, expected, received, message));
  }
  fail(ruleId: RuleId, field: ProfileKey, expected: string, received: string, message: Bilingual): void {
    this.raise(ruleId, this.compiled.pack.rules[ruleId].severity, field, expected, received, message);
  }
  missing(ruleId: RuleId, key: ProfileKey, problem: CellProblem): void {
    const label = PROFILE_KEYS[key].label;
    this.raise(
      ruleId,
      "missing",
      key,
      problem.expected.en,
      problem.received,
      problem.blank
        ? { en: `seller profile: ${label.en} is blank`, zh: `卖家资料：${label.zh}为空` }
        : {
            en: `seller profile: ${label.en} ${problem.received} is not ${problem.expected.en}`,
            zh: `卖家资料：${label.zh} ${problem.received} 不是${problem.expected.zh}`,
          },
    );
  }
  /** Reads a key; on a problem raises `missing` and returns undefined. */
  read<T>(ruleId: RuleId, key: ProfileKey, parse: (v: unknown) => Parsed<T>): T | undefined {
    const parsed = parse(this.raw(key));
    if (!parsed.ok) {
      this.missing(ruleId, key, parsed);
      return undefined;
    }
    return parsed.value;
  }
}

/** A seller-level rule. */
export interface SellerRule {
  readonly id: RuleId;
  readonly mode: "semi" | "full";
  /** Keys needed; if the profile has none of them the rule is not checked (all of them for rules with several inputs). */
  readonly keys: readonly ProfileKey[];
  /** True when the rule can run with only some of its keys (each missing key is then reported). */
  readonly anyKey?: boolean;
  /** True when the rule reads the sheet instead of the profile. */
  readonly fromSheet?: boolean;
  readonly check: (p: ProfileView) => void;
}

const pctParse = (v: unknown) => parsePercent(v, false);

/** Adds a duration ("P180D", "P1Y") to an epoch day (calendar months and years; 29 Feb + 1 year → 1 Mar). */
export function addDuration(day: EpochDay, duration: string): EpochDay {
  const d = parseDuration(duration);
  if (!d) return day;
  if (d.unit === "D") return day + d.amount;
  const date = new Date(day * 86_400_000);
  const months = d.unit === "Y" ? d.amount * 12 : d.amount;
  date.setUTCMonth(date.getUTCMonth() + months);
  return Math.floor(date.getTime() / 86_400_000);
}

function licenceAge(id: "SEMI-S-LICENSE-AGE" | "FULL-S-LICENSE-AGE", mode: "semi" | "full"): SellerRule {
  return {
    id,
    mode,
    keys: ["licenseDate"],
    check(p) {
      const registered = p.read(id, "licenseDate", parseDate);
      if (registered === undefined) return;
      const rule = p.compiled.pack.rules[id];
      const minAge = rule.figures.minAge;
      const due = addDuration(registered, minAge);
      if (p.context.asOf < due) {
        const age = describeDuration(minAge);
        const days = p.context.asOf - registered;
        const a = rule.conflict ? describeDuration(String(rule.conflict.values.A)) : undefined;
        const b = rule.conflict ? describeDuration(String(rule.conflict.values.B)) : undefined;
        const note =
          rule.conflict && a && b
            ? ` (sources differ: A ${a.en}, B ${b.en}; using ${rule.conflict.choice})`
            : "";
        const noteZh =
          rule.conflict && a && b ? `（来源不一致：A ${a.zh}，B ${b.zh}；采用 ${rule.conflict.choice}）` : "";
        p.fail(
          id,
          "licenseDate",
          `registered ≥ ${age.en} before ${isoDate(p.context.asOf)}`,
          `${isoDate(registered)} (${days} days)`,
          {
            en: `business licence registered ${isoDate(registered)}, ${days} days ago; at least ${age.en} required${note}. Eligible from ${isoDate(due)}`,
            zh: `营业执照注册于${isoDate(registered)}，仅${days}天；须满${age.zh}${noteZh}，${isoDate(due)}起符合`,
          },
        );
      }
    },
  };
}

function yesNoRule(
  id: RuleId,
  mode: "semi" | "full",
  key: ProfileKey,
  wanted: boolean,
  message: Bilingual,
): SellerRule {
  return {
    id,
    mode,
    keys: [key],
    check(p) {
      const value = p.read(id, key, parseBoolean);
      if (value !== undefined && value !== wanted)
        p.fail(id, key, wanted ? "yes" : "no", value ? "yes" : "no", message);
    },
  };
}

function minNumber(
  id: RuleId,
  mode: "semi" | "full",
  key: ProfileKey,
  min: (p: ProfileView) => number,
  isRate: boolean,
  message: (v: string, m: string) => Bilingual,
): SellerRule {
  return {
    id,
    mode,
    keys: [key],
    check(p) {
      const value = p.read(id, key, isRate ? pctParse : parseNumber);
      if (value === undefined) return;
      const m = min(p);
      if (value < m) {
        const [vs, ms] = isRate ? [pct(value), pct(m)] : [fmt(value), fmt(m)];
        p.fail(id, key, `≥ ${ms}`, vs, message(vs, ms));
      }
    },
  };
}

function documents(id: "SEMI-S-DOCS" | "FULL-S-DOCS", mode: "semi" | "full"): SellerRule {
  const keys = (
    mode === "semi"
      ? ["licenceScan", "legalPersonId", "bankStatement", "complianceCommitment"]
      : ["licence", "legalPersonId", "trademark", "bankStatements6m", "capacityProof"]
  ) as ProfileKey[];
  return {
    id,
    mode,
    keys,
    anyKey: true,
    check(p) {
      const wanted = p.compiled.pack.rules[id].figures.documents as readonly string[];
      for (const key of wanted as ProfileKey[]) {
        const label = PROFILE_KEYS[key]?.label ?? { en: key, zh: key };
        const v = parseBoolean(p.raw(key));
        const present = p.has(key) && (v.ok ? v.value : !isBlankCell(p.raw(key)));
        if (!present) {
          p.raise(
            id,
            p.compiled.pack.rules[id].severity,
            key,
            "provided",
            p.has(key) ? describeValue(p.raw(key)) : "not in the profile",
            {
              en: `document not provided: ${label.en}`,
              zh: `资料未提供：${label.zh}`,
            },
          );
        }
      }
    },
  };
}

/** Compares dotted versions: negative when a < b. */
function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Every seller-level rule. */
export const SELLER_RULES: readonly SellerRule[] = [
  licenceAge("SEMI-S-LICENSE-AGE", "semi"),
  yesNoRule("SEMI-S-BRAND", "semi", "brandAuthorisation", true, {
    en: "brand authorisation review has not passed",
    zh: "品牌授权审核未通过",
  }),
  minNumber(
    "SEMI-S-SELLTHROUGH",
    "semi",
    "sellThroughRate",
    (p) => p.compiled.pack.rules["SEMI-S-SELLTHROUGH"].figures.minRate,
    true,
    (v, m) => ({ en: `SKU sell-through rate ${v} is below ${m}`, zh: `SKU动销率${v}低于${m}` }),
  ),
  minNumber(
    "SEMI-S-DSR",
    "semi",
    "dsr90",
    (p) => p.compiled.pack.rules["SEMI-S-DSR"].figures.minDsr,
    false,
    (v, m) => ({ en: `90-day DSR ${v} is below ${m}`, zh: `近90天DSR ${v}低于${m}` }),
  ),
  yesNoRule("SEMI-S-LOGI-COMPLAINT", "semi", "seriousLogisticsComplaint", false, {
    en: "a serious logistics complaint is on record",
    zh: "有严重物流投诉记录",
  }),
  {
    id: "SEMI-S-SCOPE",
    mode: "semi",
    keys: ["businessScope"],
    check(p) {
      const raw = unwrapCell(p.raw("businessScope"));
      const yesNo = parseBoolean(raw);
      const text = parseText(raw);
      if (!text.ok) return p.missing("SEMI-S-SCOPE", "businessScope", text);
      const { importExport, goods } = p.compiled.pack.rules["SEMI-S-SCOPE"].figures;
      const has = (clause: string, words: readonly string[]): boolean =>
        words.some((w) => clause.includes(w.toLowerCase()));
      const ok = yesNo.ok
        ? yesNo.value
        : text.value
            .toLowerCase()
            .split(/[;；。，,\n]+/)
            .some((clause) => has(clause, importExport) && has(clause, goods));
      if (!ok) {
        p.fail("SEMI-S-SCOPE", "businessScope", "includes 货物进出口", `'${text.value.slice(0, 40)}'`, {
          en: "business scope does not include import/export of goods (货物进出口)",
          zh: "经营范围未包含“货物进出口”",
        });
      }
    },
  },
  {
    id: "SEMI-S-BANKFLOW",
    mode: "semi",
    keys: ["bankFlowLast3Months"],
    check(p) {
      const raw = unwrapCell(p.raw("bankFlowLast3Months"));
      const figures = p.compiled.pack.rules["SEMI-S-BANKFLOW"].figures;
      const months =
        typeof raw === "number"
          ? [raw]
          : typeof raw === "string"
            ? splitList(raw.replace(/(\d),(\d{3})/g, "$1$2")).map((s) =>
                numberFromText(s.replace(/[元¥￥]/g, "")),
              )
            : [];
      if (months.length === 0 || months.some((m) => m === undefined)) {
        return p.missing("SEMI-S-BANKFLOW", "bankFlowLast3Months", {
          ok: false,
          blank: isBlankCell(raw),
          received: describeValue(raw),
          expected: {
            en: "monthly amounts in CNY (e.g. 520000; 310000; 480000)",
            zh: "各月流水金额（元），如 520000；310000；480000",
          },
        });
      }
      const best = Math.max(...(months as number[]).slice(-figures.months));
      if (best < figures.minMonthlyFlow) {
        p.fail(
          "SEMI-S-BANKFLOW",
          "bankFlowLast3Months",
          `one month ≥ ${fmt(figures.minMonthlyFlow)} CNY`,
          `best month ${fmt(best)} CNY`,
          {
            en: `no month of the last ${figures.months} reaches ${fmt(figures.minMonthlyFlow)} CNY bank flow (best ${fmt(best)})`,
            zh: `近${figures.months}个月无任一月银行流水达到${fmt(figures.minMonthlyFlow)}元（最高${fmt(best)}元）`,
          },
        );
      }
    },
  },
  documents("SEMI-S-DOCS", "semi"),
  {
    id: "SEMI-S-DISPUTE",
    mode: "semi",
    keys: ["disputeRate30"],
    check(p) {
      const rate = p.read("SEMI-S-DISPUTE", "disputeRate30", pctParse);
      const max = p.compiled.pack.rules["SEMI-S-DISPUTE"].figures.maxRate;
      if (rate !== undefined && rate > max) {
        p.fail("SEMI-S-DISPUTE", "disputeRate30", `≤ ${pct(max)}`, pct(rate), {
          en: `30-day logistics dispute rate ${pct(rate)} is over ${pct(max)}`,
          zh: `近30天物流纠纷率${pct(rate)}超过${pct(max)}`,
        });
      }
    },
  },
  {
    id: "SEMI-S-ERP",
    mode: "semi",
    keys: ["erpApiVersion", "syncResponseSeconds"],
    anyKey: true,
    check(p) {
      const f = p.compiled.pack.rules["SEMI-S-ERP"].figures;
      if (p.has("erpApiVersion")) {
        const text = p.read("SEMI-S-ERP", "erpApiVersion", parseText);
        if (text !== undefined) {
          const version = /(\d+(?:\.\d+)*)/.exec(text)?.[1];
          if (version === undefined || compareVersions(version, f.minApiVersion) < 0) {
            p.fail("SEMI-S-ERP", "erpApiVersion", `API V${f.minApiVersion} or later`, `'${text}'`, {
              en: `ERP is on API '${text}', not V${f.minApiVersion}`,
              zh: `ERP对接的API为“${text}”，未达到V${f.minApiVersion}`,
            });
          }
        }
      }
      if (p.has("syncResponseSeconds")) {
        const seconds = p.read("SEMI-S-ERP", "syncResponseSeconds", parseNumber);
        if (seconds !== undefined && seconds > f.maxSyncSeconds) {
          p.fail("SEMI-S-ERP", "syncResponseSeconds", `≤ ${fmt(f.maxSyncSeconds)} s`, `${fmt(seconds)} s`, {
            en: `inventory sync answers in ${fmt(seconds)} s, over ${fmt(f.maxSyncSeconds)} s`,
            zh: `库存同步响应${fmt(seconds)}秒，超过${fmt(f.maxSyncSeconds)}秒`,
          });
        }
      }
    },
  },
  {
    id: "SEMI-S-SYNC-CUTOFF",
    mode: "semi",
    keys: ["syncTime"],
    check(p) {
      const minutes = p.read("SEMI-S-SYNC-CUTOFF", "syncTime", parseTimeOfDay);
      const cutoff = p.compiled.pack.rules["SEMI-S-SYNC-CUTOFF"].figures.cutoff;
      const [h, m] = cutoff.split(":").map(Number) as [number, number];
      if (minutes !== undefined && minutes >= h * 60 + m) {
        const shown = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
        p.fail("SEMI-S-SYNC-CUTOFF", "syncTime", `before ${cutoff}`, shown, {
          en: `inventory syncs at ${shown}, not before ${cutoff}: that day's orders fall back to self-fulfilment`,
          zh: `库存同步时间${shown}，未在${cutoff}前，当日订单将转为自营履约`,
        });
      }
    },
  },
  {
    id: "SEMI-S-DAILY-ORDERS",
    mode: "semi",
    keys: ["dailyOrders"],
    check(p) {
      const orders = p.read("SEMI-S-DAILY-ORDERS", "dailyOrders", parseNumber);
      const f = p.compiled.pack.rules["SEMI-S-DAILY-ORDERS"].figures;
      if (orders !== undefined && (orders < f.minDaily || orders > f.maxDaily)) {
        p.fail("SEMI-S-DAILY-ORDERS", "dailyOrders", `${f.minDaily}–${f.maxDaily}`, fmt(orders), {
          en: `${fmt(orders)} orders a day is outside the best fit of ${f.minDaily}–${f.maxDaily}`,
          zh: `日均${fmt(orders)}单，不在最适合的${f.minDaily}–${f.maxDaily}单范围内`,
        });
      }
    },
  },
  {
    id: "SEMI-S-STORE-AGE",
    mode: "semi",
    keys: ["storeAgeMonths", "logisticsDsr", "customsAnomaly6m"],
    anyKey: true,
    check(p) {
      const f = p.compiled.pack.rules["SEMI-S-STORE-AGE"].figures;
      if (p.has("storeAgeMonths")) {
        const months = p.read("SEMI-S-STORE-AGE", "storeAgeMonths", parseNumber);
        if (months !== undefined && months < f.minStoreMonths)
          p.fail("SEMI-S-STORE-AGE", "storeAgeMonths", `≥ ${f.minStoreMonths} months`, fmt(months), {
            en: `store is ${fmt(months)} months old; best fit is ${f.minStoreMonths} or more`,
            zh: `店铺入驻${fmt(months)}个月，最适合满${f.minStoreMonths}个月`,
          });
      }
      if (p.has("logisticsDsr")) {
        const dsr = p.read("SEMI-S-STORE-AGE", "logisticsDsr", parseNumber);
        if (dsr !== undefined && dsr < f.minLogisticsDsr)
          p.fail("SEMI-S-STORE-AGE", "logisticsDsr", `≥ ${fmt(f.minLogisticsDsr)}`, fmt(dsr), {
            en: `logistics DSR ${fmt(dsr)} is below the best-fit ${fmt(f.minLogisticsDsr)}`,
            zh: `物流DSR ${fmt(dsr)}低于最适合的${fmt(f.minLogisticsDsr)}`,
          });
      }
      if (p.has("customsAnomaly6m")) {
        const anomaly = p.read("SEMI-S-STORE-AGE", "customsAnomaly6m", parseBoolean);
        if (anomaly)
          p.fail("SEMI-S-STORE-AGE", "customsAnomaly6m", "no", "yes", {
            en: "a customs inspection anomaly in the last 6 months",
            zh: "近半年有海关查验异常记录",
          });
      }
    },
  },
  {
    id: "SEMI-S-KPI",
    mode: "semi",
    keys: ["inboundOnTime", "wrongShipmentRate", "packingSeconds"],
    anyKey: true,
    check(p) {
      const f = p.compiled.pack.rules["SEMI-S-KPI"].figures;
      if (p.has("semiStartDate")) {
        const start = p.read("SEMI-S-KPI", "semiStartDate", parseDate);
        if (start === undefined || p.context.asOf - start < f.fromDay) return;
      }
      if (p.has("inboundOnTime")) {
        const v = p.read("SEMI-S-KPI", "inboundOnTime", pctParse);
        if (v !== undefined && v < f.minInboundOnTime)
          p.fail("SEMI-S-KPI", "inboundOnTime", `≥ ${pct(f.minInboundOnTime)}`, pct(v), {
            en: `inbound on time ${pct(v)} is below ${pct(f.minInboundOnTime)}`,
            zh: `入库及时率${pct(v)}低于${pct(f.minInboundOnTime)}`,
          });
      }
      if (p.has("wrongShipmentRate")) {
        const v = p.read("SEMI-S-KPI", "wrongShipmentRate", pctParse);
        if (v !== undefined && v > f.maxWrongShipment)
          p.fail("SEMI-S-KPI", "wrongShipmentRate", `≤ ${pct(f.maxWrongShipment)}`, pct(v), {
            en: `wrong shipments ${pct(v)} is over ${pct(f.maxWrongShipment)}`,
            zh: `错发率${pct(v)}超过${pct(f.maxWrongShipment)}`,
          });
      }
      if (p.has("packingSeconds")) {
        const v = p.read("SEMI-S-KPI", "packingSeconds", parseNumber);
        if (v !== undefined && v > f.maxPackingSeconds)
          p.fail("SEMI-S-KPI", "packingSeconds", `≤ ${fmt(f.maxPackingSeconds)} s`, `${fmt(v)} s`, {
            en: `packing takes ${fmt(v)} s per order, over ${fmt(f.maxPackingSeconds)} s`,
            zh: `单均打包${fmt(v)}秒，超过${fmt(f.maxPackingSeconds)}秒`,
          });
      }
    },
  },
  licenceAge("FULL-S-LICENSE-AGE", "full"),
  yesNoRule("FULL-S-VIOLATION", "full", "seriousViolation12m", false, {
    en: "a serious violation in the last 12 months",
    zh: "近12个月有严重违规",
  }),
  {
    id: "FULL-S-SAMPLES",
    mode: "full",
    keys: ["samplesCertified"],
    check(p) {
      const f = p.compiled.pack.rules["FULL-S-SAMPLES"].figures;
      const certified = p.read("FULL-S-SAMPLES", "samplesCertified", parseBoolean);
      if (certified === false) {
        p.fail(
          "FULL-S-SAMPLES",
          "samplesCertified",
          `first ${f.styles} styles certified (${f.labs.join(", ")})`,
          "no",
          {
            en: `the first ${f.styles} styles are not certified by a designated lab (${f.labs.join(", ")})`,
            zh: `首批${f.styles}款样品未经指定机构（${f.labs.join("、")}）认证`,
          },
        );
      } else if (certified && p.has("certificationLab")) {
        const lab = parseText(p.raw("certificationLab"));
        if (lab.ok && !f.labs.some((l) => lab.value.toLowerCase().includes(l.toLowerCase()))) {
          p.fail("FULL-S-SAMPLES", "certificationLab", f.labs.join(" / "), `'${lab.value}'`, {
            en: `lab '${lab.value}' is not a designated lab (${f.labs.join(", ")})`,
            zh: `检测机构“${lab.value}”不是指定机构（${f.labs.join("、")}）`,
          });
        }
      }
    },
  },
  documents("FULL-S-DOCS", "full"),
  {
    id: "FULL-S-SKU-COUNT",
    mode: "full",
    keys: [],
    fromSheet: true,
    check(p) {
      const count = p.context.skuCount;
      const max = p.compiled.pack.rules["FULL-S-SKU-COUNT"].figures.maxSkus;
      if (count !== undefined && count > max) {
        p.raise(
          "FULL-S-SKU-COUNT",
          p.compiled.pack.rules["FULL-S-SKU-COUNT"].severity,
          "sku",
          `≤ ${max} SKUs`,
          `${count} SKUs`,
          {
            en: `the sheet has ${count} distinct SKUs; full-managed fits best at ${max} or fewer`,
            zh: `表中有${count}个不同SKU，全托管最适合≤${max}个`,
          },
        );
      }
    },
  },
  minNumber(
    "FULL-S-HEALTH",
    "full",
    "complianceScore",
    (p) => p.compiled.pack.rules["FULL-S-HEALTH"].figures.minScore,
    false,
    (v, m) => ({
      en: `compliance score ${v} is below ${m}: the platform raises a warning`,
      zh: `合规评分${v}低于${m}，触发预警`,
    }),
  ),
];
