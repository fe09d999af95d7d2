/**
 * The seller profile: a key/value list kept once per workbook (sheet "AE Profile", or JSON).
 * Keys are matched in Chinese or English, ignoring case, width and spaces.
 * @packageDocumentation
 */
import { compactKey } from "./text";

/** A profile key: what it means, its labels and the names a seller may write it as. */
export interface ProfileKeyDef {
  readonly label: { readonly en: string; readonly zh: string };
  readonly synonyms: readonly string[];
  /** How the value is read. */
  readonly kind: "date" | "boolean" | "percent" | "number" | "text" | "list" | "time" | "version";
}

/** Every profile key, documented in the README. */
export const PROFILE_KEYS = {
  licenseDate: {
    kind: "date",
    label: { en: "business licence registration date", zh: "营业执照注册日期" },
    synonyms: [
      "营业执照注册日期",
      "执照注册日期",
      "注册日期",
      "Licence date",
      "License date",
      "Licence registration date",
    ],
  },
  brandAuthorisation: {
    kind: "boolean",
    label: { en: "brand authorisation review passed", zh: "品牌授权审核通过" },
    synonyms: ["品牌授权审核通过", "品牌授权", "Brand authorisation", "Brand authorization"],
  },
  sellThroughRate: {
    kind: "percent",
    label: { en: "SKU sell-through rate", zh: "SKU动销率" },
    synonyms: ["动销率", "SKU动销率", "Sell-through rate"],
  },
  dsr90: {
    kind: "number",
    label: { en: "90-day DSR", zh: "近90天DSR" },
    synonyms: ["近90天DSR", "90天DSR", "DSR", "90-day DSR"],
  },
  seriousLogisticsComplaint: {
    kind: "boolean",
    label: { en: "serious logistics complaint on record", zh: "严重物流投诉记录" },
    synonyms: ["严重物流投诉", "严重物流投诉记录", "Serious logistics complaint"],
  },
  businessScope: {
    kind: "text",
    label: { en: "business scope", zh: "经营范围" },
    synonyms: ["经营范围", "经营范围含货物进出口", "Business scope"],
  },
  bankFlowLast3Months: {
    kind: "list",
    label: { en: "bank flow of the last 3 months (CNY)", zh: "近3个月银行流水（元）" },
    synonyms: ["近3个月银行流水", "银行流水", "月流水", "Bank flow", "Monthly bank flow"],
  },
  licenceScan: {
    kind: "boolean",
    label: { en: "stamped licence scan", zh: "盖章营业执照扫描件" },
    synonyms: ["营业执照扫描件", "盖章营业执照扫描件", "Licence scan"],
  },
  legalPersonId: {
    kind: "boolean",
    label: { en: "legal-person ID (both sides)", zh: "法人身份证正反面" },
    synonyms: ["法人身份证", "法人身份证正反面", "Legal person ID", "Legal-person ID"],
  },
  bankStatement: {
    kind: "boolean",
    label: { en: "bank statement", zh: "银行流水单" },
    synonyms: ["银行流水单", "银行对账单", "Bank statement"],
  },
  complianceCommitment: {
    kind: "boolean",
    label: { en: "signed compliance commitment", zh: "商品合规承诺书" },
    synonyms: ["商品合规承诺书", "合规承诺书", "Compliance commitment"],
  },
  disputeRate30: {
    kind: "percent",
    label: { en: "30-day logistics dispute rate", zh: "近30天物流纠纷率" },
    synonyms: ["近30天物流纠纷率", "物流纠纷率", "Dispute rate", "Logistics dispute rate"],
  },
  erpApiVersion: {
    kind: "version",
    label: { en: "ERP AliExpress API version", zh: "ERP对接API版本" },
    synonyms: ["ERP API版本", "API版本", "ERP对接API版本", "ERP API version", "API version"],
  },
  syncResponseSeconds: {
    kind: "number",
    label: { en: "inventory sync response time (s)", zh: "库存同步响应时间（秒）" },
    synonyms: ["库存同步响应时间", "同步响应时间", "Sync response seconds", "Inventory sync response"],
  },
  syncTime: {
    kind: "time",
    label: { en: "daily inventory sync time", zh: "每日库存同步时间" },
    synonyms: ["库存同步时间", "每日库存同步时间", "Sync time", "Inventory sync time"],
  },
  dailyOrders: {
    kind: "number",
    label: { en: "orders per day", zh: "日均单量" },
    synonyms: ["日均单量", "Daily orders", "Orders per day"],
  },
  storeAgeMonths: {
    kind: "number",
    label: { en: "store age (months)", zh: "店铺入驻月数" },
    synonyms: ["店铺入驻月数", "入驻月数", "Store age months", "Store age"],
  },
  logisticsDsr: {
    kind: "number",
    label: { en: "logistics DSR", zh: "DSR物流服务分" },
    synonyms: ["DSR物流服务分", "物流DSR", "Logistics DSR"],
  },
  customsAnomaly6m: {
    kind: "boolean",
    label: { en: "customs inspection anomaly in 6 months", zh: "近半年海关查验异常" },
    synonyms: ["近半年海关查验异常", "海关查验异常", "Customs anomaly"],
  },
  semiStartDate: {
    kind: "date",
    label: { en: "semi-managed start date", zh: "半托管接入日期" },
    synonyms: ["半托管接入日期", "接入日期", "Semi-managed start date", "Semi start date"],
  },
  inboundOnTime: {
    kind: "percent",
    label: { en: "inbound on time rate", zh: "入库及时率" },
    synonyms: ["入库及时率", "Inbound on time"],
  },
  wrongShipmentRate: {
    kind: "percent",
    label: { en: "wrong shipment rate", zh: "错发率" },
    synonyms: ["错发率", "Wrong shipment rate"],
  },
  packingSeconds: {
    kind: "number",
    label: { en: "packing seconds per order", zh: "单均打包耗时（秒）" },
    synonyms: ["单均打包耗时", "打包耗时", "Packing seconds"],
  },
  seriousViolation12m: {
    kind: "boolean",
    label: { en: "serious violation in 12 months", zh: "近12个月严重违规" },
    synonyms: ["近12个月严重违规", "严重违规", "Serious violation"],
  },
  samplesCertified: {
    kind: "boolean",
    label: { en: "first 3 styles certified by a designated lab", zh: "首批3款样品已认证" },
    synonyms: ["首批3款样品认证", "样品认证", "样品已认证", "Samples certified"],
  },
  certificationLab: {
    kind: "text",
    label: { en: "certification lab", zh: "认证机构" },
    synonyms: ["认证机构", "检测机构", "Certification lab", "Lab"],
  },
  licence: {
    kind: "boolean",
    label: { en: "business licence", zh: "营业执照" },
    synonyms: ["营业执照", "Licence", "License", "Business licence"],
  },
  trademark: {
    kind: "boolean",
    label: { en: "trademark certificate or authorisation", zh: "商标注册证/授权书" },
    synonyms: ["商标注册证", "商标授权书", "商标注册证/授权书", "Trademark"],
  },
  bankStatements6m: {
    kind: "boolean",
    label: { en: "6 months of bank statements", zh: "近6个月银行流水" },
    synonyms: ["近6个月银行流水", "Bank statements 6 months", "6-month bank statements"],
  },
  capacityProof: {
    kind: "boolean",
    label: { en: "capacity proof", zh: "产能证明表" },
    synonyms: ["产能证明表", "产能证明", "Capacity proof"],
  },
  complianceScore: {
    kind: "number",
    label: { en: "compliance score", zh: "合规评分" },
    synonyms: ["合规评分", "健康度评分", "Compliance score", "Health score"],
  },
} as const satisfies Record<string, ProfileKeyDef>;

/** A profile key. */
export type ProfileKey = keyof typeof PROFILE_KEYS;

const INDEX: ReadonlyMap<string, ProfileKey> = (() => {
  const map = new Map<string, ProfileKey>();
  for (const [key, def] of Object.entries(PROFILE_KEYS) as Array<[ProfileKey, ProfileKeyDef]>) {
    map.set(compactKey(key), key);
    for (const s of def.synonyms) if (!map.has(compactKey(s))) map.set(compactKey(s), key);
  }
  return map;
})();

/** A seller profile after key matching: canonical key → raw value, plus keys not recognised. */
export interface SellerProfile {
  readonly values: Readonly<Partial<Record<ProfileKey, unknown>>>;
  readonly unknownKeys: readonly string[];
}

/**
 * Reads a profile from key/value pairs (two-column rows or an object). Keys match in
 * Chinese or English; unknown keys are kept aside and reported, not dropped silently.
 *
 * @example
 * ```ts
 * readProfile([["营业执照注册日期", "2023-01-05"], ["DSR", 4.8]]).values // => { licenseDate: "2023-01-05", dsr90: 4.8 }
 * ```
 */
export function readProfile(
  pairs: Readonly<Record<string, unknown>> | ReadonlyArray<readonly unknown[]>,
): SellerProfile {
  const entries: Array<readonly [unknown, unknown]> = Array.isArray(pairs)
    ? (pairs as ReadonlyArray<readonly unknown[]>).map((p) => [p[0], p[1]] as const)
    : Object.entries(pairs as Record<string, unknown>);
  const values: Partial<Record<ProfileKey, unknown>> = {};
  const unknownKeys: string[] = [];
  for (const [rawKey, value] of entries) {
    if (typeof rawKey !== "string" || rawKey.trim() === "") continue;
    const key = INDEX.get(compactKey(rawKey.replace(/[(（][^)）]*[)）]\s*$/, "")));
    if (key) values[key] = value;
    else unknownKeys.push(rawKey);
  }
  return { values, unknownKeys };
}
