/**
 * The default rule pack: every rule id and figure of rules-spec.md, with its source
 * article and section, severity, the conflicts of §4 and the defaults chosen where the
 * sources are silent. This file is data; the checks that read it live in ../rules.
 * @packageDocumentation
 */
import type { Bilingual, Severity } from "../issues";
import type { CategoryFamily } from "../categories";
import {
  amount,
  amountTable,
  count,
  duration,
  listTable,
  rate,
  rateTable,
  texts,
  timeOfDay,
  version,
  type Fig,
} from "./figures";

/** A fulfilment mode. `self` is only a comparison baseline (no fee schedule in the sources). */
export type ModeId = "full" | "semi" | "self";

/** Where a rule sits: fees, settlement and deposits, seller profile, one catalog row, or across rows. */
export type RuleScope = "fee" | "settlement" | "seller" | "sku" | "sheet";

/** A source article: A = full-managed article (全托管), B = semi-managed article (半托管). */
export interface SourceRef {
  readonly article: "A" | "B";
  /** The section of the article, as titled there. */
  readonly section: string;
  /** The source's words (Chinese), short. */
  readonly quote: string;
}

/** A rule as declared in the pack. */
export interface RuleDecl<F extends Record<string, Fig<unknown>>> {
  readonly scope: RuleScope;
  readonly mode: ModeId;
  readonly severity: Severity;
  readonly sources: readonly SourceRef[];
  readonly title: Bilingual;
  readonly figures: F;
}

const A = (section: string, quote: string): SourceRef => ({ article: "A", section, quote });
const B = (section: string, quote: string): SourceRef => ({ article: "B", section, quote });
const A_FEES = "{速卖通全托管模式} 费用结构是怎样的？";
const A_ENTRY = "实操路径与关键门槛";
const A_DOCS = "{速卖通全托管模式} 怎么开通？需要哪些资料？";
const A_FAIL = "{速卖通全托管模式} 常见失败原因是什么？如何排查？";
const A_FIT = "{速卖通全托管模式} 适合哪些卖家？";
const A_ATTRS = "新手最容易忽略的点是什么？";
const A_COMPARE = "{速卖通全托管模式} 和半托管、自营出口相比优缺点是什么？";
const A_WHAT = "什么是速卖通全托管模式？";
const B_FEES = "{关键词} 费用怎么计算？";
const B_ENTRY = "适用场景与准入条件";
const B_FLOW = "操作流程与关键节点控制";
const B_FIT = "{关键词} 适合哪些卖家？";
const B_DOCS = "{关键词} 怎么开通？需要哪些资料？";
const B_FAIL = "{关键词} 常见失败原因是什么？";
const B_COMPARE = "{关键词} 和全托管、自营模式相比如何？";

const decl = <F extends Record<string, Fig<unknown>>>(d: RuleDecl<F>): RuleDecl<F> => d;

/** The four category families the sources name (used by both category rules). */
const NAMED_FAMILIES: readonly CategoryFamily[] = ["apparel", "home", "electronics", "sports-outdoor"];

/** Every rule of rules-spec §1–§3, keyed by its stable id. */
export const RULE_DECLS = {
  // §1.1 Semi-managed fee (B)
  "FEE-SEMI-BASE": decl({
    scope: "fee",
    mode: "semi",
    severity: "info",
    sources: [B(B_FEES, "基础服务费为订单实收金额的3.5%（固定）")],
    title: {
      en: "Base service fee: 3.5 % of the order's received amount",
      zh: "基础服务费：订单实收金额的3.5%",
    },
    figures: { rate: rate(0.035) },
  }),
  "FEE-SEMI-TIER": decl({
    scope: "fee",
    mode: "semi",
    severity: "error",
    sources: [B(B_FEES, "月均单量（≥5000单可申请阶梯报价，最低降至2.2%）")],
    title: {
      en: "Tiered rate: a negotiated rate only from 5,000 monthly orders, never below 2.2 %",
      zh: "阶梯报价：月均单量≥5000单可申请，最低2.2%",
    },
    figures: { minMonthlyOrders: count(5000, "orders/month"), minRate: rate(0.022) },
  }),
  "FEE-SEMI-FULFIL": decl({
    scope: "fee",
    mode: "semi",
    severity: "info",
    sources: [B(B_FEES, "浮动履约费按体积重计费（首重5元/kg，续重3元/kg）")],
    title: {
      en: "Floating fulfilment fee: first weight 5 CNY/kg, continued weight 3 CNY/kg",
      zh: "浮动履约费：首重5元/kg，续重3元/kg",
    },
    figures: {
      firstWeightKg: amount(
        1,
        "kg",
        "B is silent on the first-weight unit: 1 kg, charged in full even for a lighter parcel",
        { min: 0.001 },
      ),
      firstWeightFeePerKg: amount(5, "CNY/kg"),
      continuedFeePerKg: amount(3, "CNY/kg"),
      billingStepKg: amount(
        0.5,
        "kg",
        "B is silent on the billing step: 0.5 kg, the usual express convention below 21 kg",
        { min: 0.001 },
      ),
    },
  }),
  "FEE-SEMI-VOLW": decl({
    scope: "fee",
    mode: "semi",
    severity: "info",
    sources: [B(B_FEES, "体积重=长×宽×高÷6000")],
    title: { en: "Volumetric weight: L × W × H (cm) ÷ 6000 = kg", zh: "体积重：长×宽×高(cm)÷6000=kg" },
    figures: {
      divisor: amount(6000, "cm³/kg", "the divisor is a setting: other carriers use 5000 or 8000", {
        min: 1,
      }),
    },
  }),
  "FEE-SEMI-CHARGEW": decl({
    scope: "fee",
    mode: "semi",
    severity: "info",
    sources: [B(B_FEES, "取实际重与体积重较大值")],
    title: {
      en: "Chargeable weight: the larger of actual and volumetric weight",
      zh: "计费重：实际重与体积重取较大值",
    },
    figures: {},
  }),
  "FEE-SEMI-TRANSFER": decl({
    scope: "fee",
    mode: "semi",
    severity: "info",
    sources: [B(B_FEES, "发货地到指定仓距离（超200km加收0.8元/kg转运费）")],
    title: {
      en: "Transfer surcharge: ship-from over 200 km from the warehouse adds 0.8 CNY per billable kg",
      zh: "转运费：发货地距仓超200km，加收0.8元/计费kg",
    },
    figures: { thresholdKm: amount(200, "km"), feePerKg: amount(0.8, "CNY/kg") },
  }),
  "FEE-SEMI-PACK": decl({
    scope: "fee",
    mode: "semi",
    severity: "info",
    sources: [B(B_FEES, "单箱商品数（≥12件享打包费9折）")],
    title: {
      en: "Packing discount: 12 or more items per carton → packing fee × 0.9",
      zh: "打包费9折：单箱≥12件",
    },
    figures: {
      minUnitsPerCarton: count(12, "items/carton"),
      discount: rate(0.9),
      packingFeePerOrder: amount(
        0,
        "CNY/order",
        "B gives the discount but not the packing fee itself: 0 CNY per order until you set it",
      ),
    },
  }),
  "FEE-SEMI-LABEL": decl({
    scope: "fee",
    mode: "semi",
    severity: "info",
    sources: [B(B_FEES, "增值服务费如贴标（2元/单）")],
    title: { en: "Labelling: 2 CNY per order, when chosen", zh: "贴标：2元/单（勾选时）" },
    figures: { feePerOrder: amount(2, "CNY/order") },
  }),
  "FEE-SEMI-PHOTOQC": decl({
    scope: "fee",
    mode: "semi",
    severity: "info",
    sources: [B(B_FEES, "拍照质检（5元/单）需单独勾选")],
    title: { en: "Photo QC: 5 CNY per order, when chosen", zh: "拍照质检：5元/单（勾选时）" },
    figures: { feePerOrder: amount(5, "CNY/order") },
  }),
  // §1.2 Full-managed fee (A)
  "FEE-FULL-COMMISSION": decl({
    scope: "fee",
    mode: "full",
    severity: "info",
    sources: [A(A_FEES, "基础佣金统一为交易额的5%")],
    title: { en: "Base commission: 5 % of the transaction amount", zh: "基础佣金：交易额的5%" },
    figures: { rate: rate(0.05) },
  }),
  "FEE-FULL-FULFIL": decl({
    scope: "fee",
    mode: "full",
    severity: "missing",
    sources: [A(A_FEES, "履约服务费按品类浮动（服饰类3.8%，消费电子类5.2%，家居类4.5%）")],
    title: {
      en: "Fulfilment service fee by category: apparel 3.8 %, consumer electronics 5.2 %, home 4.5 %",
      zh: "履约服务费按品类：服饰3.8%，消费电子5.2%，家居4.5%",
    },
    figures: { rates: rateTable({ apparel: 0.038, electronics: 0.052, home: 0.045 }) },
  }),
  "FEE-FULL-VAS": decl({
    scope: "fee",
    mode: "full",
    severity: "info",
    sources: [A(A_FEES, "增值服务如站内广告投放、多语言详情页优化等按效果付费")],
    title: {
      en: "Value-added services (ads, multilingual pages): pay-by-performance, an amount you give",
      zh: "增值服务（广告、多语言详情页）：按效果付费，金额由您填写",
    },
    figures: { defaultAmount: amount(0, "CNY/order", "A gives no price: 0 CNY unless you enter the amount") },
  }),
  "FEE-FULL-NODEPOSIT": decl({
    scope: "fee",
    mode: "full",
    severity: "info",
    sources: [A(A_FEES, "无保证金、无年费、无隐藏扣点"), B(B_COMPARE, "全托管（5万元+21天）")],
    title: { en: "Full-managed deposit / annual fee: none", zh: "全托管保证金/年费：无" },
    figures: { deposit: amount(0, "CNY") },
  }),
  // §1.3 Settlement and money held
  "SETTLE-FULL": decl({
    scope: "settlement",
    mode: "full",
    severity: "info",
    sources: [A(A_COMPARE, "账期延长至T+15"), B(B_COMPARE, "全托管（5万元+21天）")],
    title: { en: "Full-managed settlement: T+15 days", zh: "全托管账期：T+15天" },
    figures: { days: count(15, "days") },
  }),
  "SETTLE-SEMI": decl({
    scope: "settlement",
    mode: "semi",
    severity: "info",
    sources: [B(B_COMPARE, "半托管保证金2万元+账期14天")],
    title: { en: "Semi-managed settlement: 14 days", zh: "半托管账期：14天" },
    figures: { days: count(14, "days") },
  }),
  "SETTLE-SELF": decl({
    scope: "settlement",
    mode: "self",
    severity: "info",
    sources: [A(A_COMPARE, "自营出口通常T+3~T+7")],
    title: { en: "Self-fulfilled settlement: T+3 to T+7 days", zh: "自营账期：T+3至T+7天" },
    figures: { minDays: count(3, "days"), maxDays: count(7, "days") },
  }),
  "DEPOSIT-SEMI": decl({
    scope: "settlement",
    mode: "semi",
    severity: "info",
    sources: [B(B_FLOW, "缴纳履约保证金（人民币2万元，可退还）")],
    title: { en: "Semi-managed deposit: 20,000 CNY, refundable", zh: "半托管保证金：2万元，可退还" },
    figures: { deposit: amount(20000, "CNY") },
  }),
  // §2 Semi-managed eligibility, seller level (B)
  "SEMI-S-LICENSE-AGE": decl({
    scope: "seller",
    mode: "semi",
    severity: "error",
    sources: [B(B_ENTRY, "要求企业营业执照注册时间≥180天")],
    title: { en: "Business licence registered at least 180 days", zh: "营业执照注册时间≥180天" },
    figures: { minAge: duration("P180D") },
  }),
  "SEMI-S-BRAND": decl({
    scope: "seller",
    mode: "semi",
    severity: "error",
    sources: [B(B_ENTRY, "该模式暂不支持品牌授权审核未通过的商家")],
    title: { en: "Brand authorisation review passed", zh: "品牌授权审核已通过" },
    figures: {},
  }),
  "SEMI-S-SELLTHROUGH": decl({
    scope: "seller",
    mode: "semi",
    severity: "error",
    sources: [B(B_ENTRY, "SKU动销率≥65%")],
    title: { en: "SKU sell-through rate at least 65 %", zh: "SKU动销率≥65%" },
    figures: { minRate: rate(0.65) },
  }),
  "SEMI-S-DSR": decl({
    scope: "seller",
    mode: "semi",
    severity: "error",
    sources: [B(B_ENTRY, "近90天DSR评分≥4.78")],
    title: { en: "90-day DSR at least 4.78", zh: "近90天DSR评分≥4.78" },
    figures: { minDsr: amount(4.78, "points") },
  }),
  "SEMI-S-LOGI-COMPLAINT": decl({
    scope: "seller",
    mode: "semi",
    severity: "error",
    sources: [B(B_ENTRY, "无严重物流投诉记录为硬性门槛")],
    title: { en: "No serious logistics complaint on record", zh: "无严重物流投诉记录" },
    figures: {},
  }),
  "SEMI-S-SCOPE": decl({
    scope: "seller",
    mode: "semi",
    severity: "error",
    sources: [B(B_DOCS, "经营范围须含“货物进出口”")],
    title: {
      en: "Business scope includes import/export of goods (货物进出口)",
      zh: "经营范围含“货物进出口”",
    },
    figures: {
      // A clause of the scope (between ；;。，, or line breaks) passes when it names both import/export
      // and goods: 货物进出口, 货物及技术进出口, 进出口货物, "import and export of goods". 技术进出口 alone
      // (technology) does not.
      importExport: texts(["进出口", "import and export", "import/export"]),
      goods: texts(["货物", "商品", "goods"]),
    },
  }),
  "SEMI-S-BANKFLOW": decl({
    scope: "seller",
    mode: "semi",
    severity: "error",
    sources: [B(B_DOCS, "近3个月任意一期银行流水（单月流水≥50万元人民币）")],
    title: {
      en: "One month of the last 3 with bank flow of at least 500,000 CNY",
      zh: "近3个月任一月银行流水≥50万元",
    },
    figures: { minMonthlyFlow: amount(500000, "CNY"), months: count(3, "months") },
  }),
  "SEMI-S-DOCS": decl({
    scope: "seller",
    mode: "semi",
    severity: "missing",
    sources: [
      B(
        B_DOCS,
        "加盖公章的营业执照扫描件；法人手持身份证正反面照片；近3个月任意一期银行流水；《商品合规承诺书》",
      ),
    ],
    title: {
      en: "Documents: stamped licence scan, legal-person ID both sides, bank statement, signed compliance commitment",
      zh: "资料：盖章营业执照扫描件、法人身份证正反面、银行流水、商品合规承诺书",
    },
    figures: { documents: texts(["licenceScan", "legalPersonId", "bankStatement", "complianceCommitment"]) },
  }),
  "SEMI-S-DISPUTE": decl({
    scope: "seller",
    mode: "semi",
    severity: "error",
    sources: [B(B_FAIL, "近30天物流纠纷率>0.8%")],
    title: { en: "30-day logistics dispute rate at most 0.8 %", zh: "近30天物流纠纷率≤0.8%" },
    figures: { maxRate: rate(0.008) },
  }),
  "SEMI-S-ERP": decl({
    scope: "seller",
    mode: "semi",
    severity: "error",
    sources: [B(B_FAIL, "ERP未对接速卖通API V3.2版本、或库存同步接口响应超时>3秒")],
    title: {
      en: "ERP on AliExpress API V3.2; inventory sync answers within 3 s",
      zh: "ERP对接API V3.2；库存同步响应≤3秒",
    },
    figures: { minApiVersion: version("3.2"), maxSyncSeconds: amount(3, "s") },
  }),
  "SEMI-S-SYNC-CUTOFF": decl({
    scope: "seller",
    mode: "semi",
    severity: "warning",
    sources: [B(B_FLOW, "每日16:00前完成库存同步，超时将导致当日订单自动转为自营履约")],
    title: {
      en: "Inventory synced daily before 16:00, else that day's orders fall back to self-fulfilment",
      zh: "每日16:00前同步库存，否则当日订单转自营履约",
    },
    figures: { cutoff: timeOfDay("16:00") },
  }),
  "SEMI-S-DAILY-ORDERS": decl({
    scope: "seller",
    mode: "semi",
    severity: "info",
    sources: [B(B_FIT, "日均单量300–2000单")],
    title: { en: "Best fit: 300–2,000 orders a day", zh: "最适合日均单量300–2000单" },
    figures: { minDaily: count(300, "orders/day"), maxDaily: count(2000, "orders/day") },
  }),
  "SEMI-S-STORE-AGE": decl({
    scope: "seller",
    mode: "semi",
    severity: "info",
    sources: [B(B_FIT, "已入驻速卖通满12个月、DSR物流服务分≥4.8、近半年无海关查验异常记录")],
    title: {
      en: "Best fit: store 12 months or older, logistics DSR at least 4.8, no customs anomaly in 6 months",
      zh: "最适合：入驻满12个月、物流DSR≥4.8、近半年无海关查验异常",
    },
    figures: { minStoreMonths: count(12, "months"), minLogisticsDsr: amount(4.8, "points") },
  }),
  "SEMI-S-KPI": decl({
    scope: "seller",
    mode: "semi",
    severity: "warning",
    sources: [
      B(B_FLOW, "接入后第30天起…入库及时率（目标值≥99.2%）、错发率（≤0.35%）、单均打包耗时（≤87秒）"),
    ],
    title: {
      en: "From day 30, weekly: inbound on time ≥ 99.2 %, wrong shipments ≤ 0.35 %, packing ≤ 87 s per order",
      zh: "接入第30天起每周：入库及时率≥99.2%、错发率≤0.35%、单均打包≤87秒",
    },
    figures: {
      fromDay: count(30, "days"),
      minInboundOnTime: rate(0.992),
      maxWrongShipment: rate(0.0035),
      maxPackingSeconds: amount(87, "s"),
    },
  }),
  // §2 Semi-managed eligibility, SKU level (B)
  "SEMI-K-CATEGORY": decl({
    scope: "sku",
    mode: "semi",
    severity: "warning",
    sources: [
      B(B_ENTRY, "当前开放类目共137个二级类目，集中于家居园艺、消费电子配件、服饰配饰、运动户外四大板块"),
    ],
    title: {
      en: "Category in the semi-managed list (137 second-level categories in home & garden, electronics accessories, apparel accessories, sports & outdoor)",
      zh: "类目在半托管准入清单内（137个二级类目：家居园艺、消费电子配件、服饰配饰、运动户外）",
    },
    figures: { families: texts(NAMED_FAMILIES) },
  }),
  "SEMI-K-WEIGHT": decl({
    scope: "sku",
    mode: "semi",
    severity: "error",
    sources: [B(B_FIT, "单件≤5kg")],
    title: { en: "One item weighs at most 5 kg", zh: "单件重量≤5kg" },
    figures: { maxKg: amount(5, "kg") },
  }),
  "SEMI-K-VOLUME": decl({
    scope: "sku",
    mode: "semi",
    severity: "error",
    sources: [B(B_FIT, "单件≤5kg/0.03m³")],
    title: {
      en: "One item at most 0.03 m³ (L × W × H in cm ÷ 1,000,000)",
      zh: "单件体积≤0.03m³（长×宽×高cm÷1000000）",
    },
    figures: { maxM3: amount(0.03, "m³") },
  }),
  "SEMI-K-PRICE-CAP": decl({
    scope: "sku",
    mode: "semi",
    severity: "warning",
    sources: [B(B_FLOW, "平台要求半托管价≤普通价的95%，否则触发系统预警")],
    title: { en: "Semi-managed price at most 95 % of the regular price", zh: "半托管价≤普通价的95%" },
    figures: { maxShareOfRegular: rate(0.95) },
  }),
  "SEMI-K-RETURN-RATE": decl({
    scope: "sku",
    mode: "semi",
    severity: "warning",
    sources: [B(B_FIT, "退货率低于行业均值（<12%）")],
    title: { en: "Return rate below 12 %", zh: "退货率<12%" },
    figures: { maxRateExclusive: rate(0.12) },
  }),
  "SEMI-K-EPR": decl({
    scope: "sku",
    mode: "semi",
    severity: "error",
    sources: [B(B_DOCS, "所有申报商品必须完成EPR注册（德国/法国站点强制）")],
    title: {
      en: "Germany or France as target market → EPR registration number present",
      zh: "目标市场含德国/法国 → 须有EPR注册号",
    },
    figures: { markets: texts(["DE", "FR"]) },
  }),
  "SEMI-K-APPAREL-SIZE": decl({
    scope: "sku",
    mode: "semi",
    severity: "error",
    sources: [B(B_FIT, "服装类卖家若尺码表未结构化上传（JSON格式）…系统将自动拒绝接入")],
    title: { en: "Apparel: size chart present as structured JSON", zh: "服饰：尺码表须为结构化JSON" },
    figures: {},
  }),
  "SEMI-K-APPAREL-ATTRS": decl({
    scope: "sku",
    mode: "semi",
    severity: "error",
    sources: [B(B_FIT, "SKU属性缺失率>5%，系统将自动拒绝接入")],
    title: { en: "Apparel: at most 5 % of attribute cells blank", zh: "服饰：SKU属性缺失率≤5%" },
    figures: {
      maxBlankShare: rate(0.05),
      // Columns that are not product attributes: run inputs, finance, other categories' documents,
      // and the logistics and price fields other rules read and report blank themselves (weight,
      // dimensions, prices, warehouse, markets: SKU属性 are what describes the product).
      excludedFields: texts([
        "amount",
        "currency",
        "regularPrice",
        "semiPrice",
        "weight",
        "length",
        "width",
        "height",
        "dimensions",
        "billableWeight",
        "returnRate",
        "warehouse",
        "targetMarkets",
        "monthlyCapacity",
        "manualLanguages",
        "chargedBase",
        "chargedCommission",
        "chargedFulfilment",
        "chargedTransfer",
        "chargedPacking",
        "chargedServices",
        "distanceKm",
        "unitsPerCarton",
        "services",
        "chargedFee",
        "orderId",
        "mode",
        "cost",
        "fxRate",
        "negotiatedRate",
        "monthlyOrders",
        "valueAdded",
        "packingFee",
        "inboundDate",
        "planDate",
        "sds",
        "rohs",
        "ceFcc",
        "un38_3",
        "epr",
        "en71_3",
        "formaldehyde",
        "hasBattery",
        "supplyPrice",
        "stock",
        "euResponsible",
        "affiliateCommission",
        "payout",
        "refundAmount",
        "destination",
      ]),
      // Seller columns that are not product attributes (matched inside the header text).
      excludedHeaders: texts([
        "备注",
        "说明",
        "remark",
        "note",
        "comment",
        "毛利",
        "利润",
        "profit",
        "margin",
        "链接",
        "link",
        "url",
        "图片",
        "image",
      ]),
    },
  }),
  "SEMI-K-DUP-LISTING": decl({
    scope: "sheet",
    mode: "semi",
    severity: "error",
    sources: [B(B_FAIL, "同一SKU重复上架超5次（系统判定为刷单风险）")],
    title: { en: "The same SKU listed more than 5 times", zh: "同一SKU重复上架超过5次" },
    figures: { maxListings: count(5, "listings") },
  }),
  "SEMI-K-WAREHOUSE": decl({
    scope: "sku",
    mode: "semi",
    severity: "error",
    sources: [B(B_FLOW, "绑定指定仓（目前仅支持菜鸟保税仓、义乌集货仓、东莞华南仓三类）")],
    title: {
      en: "Bound warehouse is Cainiao bonded, Yiwu consolidation or Dongguan South China",
      zh: "绑定仓为菜鸟保税仓、义乌集货仓或东莞华南仓",
    },
    figures: {
      warehouses: listTable({
        菜鸟保税仓: ["菜鸟保税仓", "Cainiao bonded", "Cainiao bonded warehouse", "菜鸟保税"],
        义乌集货仓: ["义乌集货仓", "Yiwu consolidation", "Yiwu consolidation warehouse", "义乌仓"],
        东莞华南仓: [
          "东莞华南仓",
          "Dongguan South China",
          "Dongguan South China warehouse",
          "东莞仓",
          "华南仓",
        ],
      }),
    },
  }),
  // §3 Full-managed eligibility, seller level (A)
  "FULL-S-LICENSE-AGE": decl({
    scope: "seller",
    mode: "full",
    severity: "error",
    sources: [A(A_ENTRY, "企业营业执照注册时间≥1年"), B(B_ENTRY, "较全托管（≥90天）更为严格")],
    title: { en: "Business licence registered at least 1 year", zh: "营业执照注册时间≥1年" },
    figures: { minAge: duration("P1Y") },
  }),
  "FULL-S-VIOLATION": decl({
    scope: "seller",
    mode: "full",
    severity: "error",
    sources: [A(A_ENTRY, "近12个月无严重违规")],
    title: { en: "No serious violation in the last 12 months", zh: "近12个月无严重违规" },
    figures: {},
  }),
  "FULL-S-SAMPLES": decl({
    scope: "seller",
    mode: "full",
    severity: "error",
    sources: [A(A_ENTRY, "须通过平台指定第三方检测机构（如SGS、Intertek）完成首批3款样品合规性认证")],
    title: {
      en: "First 3 styles certified by a designated lab (SGS, Intertek)",
      zh: "首批3款样品经指定机构（SGS、Intertek）认证",
    },
    figures: { styles: count(3, "styles"), labs: texts(["SGS", "Intertek"]) },
  }),
  "FULL-S-DOCS": decl({
    scope: "seller",
    mode: "full",
    severity: "missing",
    sources: [
      A(A_DOCS, "《企业资质包》（含营业执照、法人身份证、商标注册证/授权书、近6个月银行流水、产能证明表）"),
    ],
    title: {
      en: "Documents: licence, legal-person ID, trademark certificate or authorisation, 6 months of bank statements, capacity proof",
      zh: "资料：营业执照、法人身份证、商标注册证/授权书、近6个月银行流水、产能证明表",
    },
    figures: {
      documents: texts(["licence", "legalPersonId", "trademark", "bankStatements6m", "capacityProof"]),
    },
  }),
  "FULL-S-SKU-COUNT": decl({
    scope: "seller",
    mode: "full",
    severity: "info",
    sources: [A(A_FIT, "SKU精简（≤200个）")],
    title: { en: "Best fit: at most 200 SKUs", zh: "最适合SKU≤200个" },
    figures: { maxSkus: count(200, "SKUs") },
  }),
  "FULL-S-HEALTH": decl({
    scope: "seller",
    mode: "full",
    severity: "warning",
    sources: [A(A_FAIL, "合规评分（满分100，<85触发预警）")],
    title: { en: "Compliance score below 85 of 100 raises a warning", zh: "合规评分<85（满分100）触发预警" },
    figures: { minScore: amount(85, "points") },
  }),
  // §3 Full-managed eligibility, SKU level (A)
  "FULL-K-CATEGORY": decl({
    scope: "sku",
    mode: "full",
    severity: "warning",
    sources: [A(A_WHAT, "已覆盖服饰、家居、消费电子、运动户外等12个一级类目")],
    title: {
      en: "Category is one of the 12 first-level categories (apparel, home, consumer electronics, sports & outdoor, …)",
      zh: "类目属于12个一级类目（服饰、家居、消费电子、运动户外等）",
    },
    figures: { families: texts(NAMED_FAMILIES) },
  }),
  "FULL-K-CAPACITY": decl({
    scope: "sku",
    mode: "full",
    severity: "error",
    sources: [A(A_ENTRY, "单SKU月产能≥5,000件（家居类目）或≥2,000件（服饰类目）")],
    title: {
      en: "Monthly capacity per SKU at least 5,000 (home) or 2,000 (apparel)",
      zh: "单SKU月产能：家居≥5000件，服饰≥2000件",
    },
    figures: { minByFamily: amountTable({ home: 5000, apparel: 2000 }, "items/month") },
  }),
  "FULL-K-HOME-ATTRS": decl({
    scope: "sku",
    mode: "full",
    severity: "error",
    sources: [A(A_ATTRS, "家居类目必须填写“材质成分百分比”“是否含甲醛”“是否通过EN71-3检测”三项")],
    title: {
      en: "Home: material composition with percentages, formaldehyde yes/no and EN71-3 tested yes/no all filled",
      zh: "家居：材质成分百分比、是否含甲醛、是否通过EN71-3检测三项必填",
    },
    figures: {},
  }),
  "FULL-K-3C-DOCS": decl({
    scope: "sku",
    mode: "full",
    severity: "error",
    sources: [A(A_ATTRS, "3C类目须上传完整版《安全技术说明书》（SDS）及《RoHS符合性声明》")],
    title: {
      en: "Consumer electronics: full SDS and RoHS declaration provided",
      zh: "消费电子：须提供完整SDS及RoHS符合性声明",
    },
    figures: {},
  }),
  "FULL-K-MARKING": decl({
    scope: "sku",
    mode: "full",
    severity: "error",
    sources: [A(A_FAIL, "包装标签缺失CE/FCC标识")],
    title: {
      en: "Consumer electronics: CE/FCC marking on the package label",
      zh: "消费电子：包装标签须有CE/FCC标识",
    },
    figures: {},
  }),
  "FULL-K-MANUAL-LANG": decl({
    scope: "sku",
    mode: "full",
    severity: "error",
    sources: [A(A_FAIL, "说明书无目标国语言")],
    title: { en: "Manual in the language of every target market", zh: "说明书须含每个目标国的语言" },
    figures: {
      marketLanguages: listTable({
        US: ["en"],
        GB: ["en"],
        AU: ["en"],
        NZ: ["en"],
        IE: ["en"],
        CA: ["en", "fr"],
        DE: ["de"],
        AT: ["de"],
        CH: ["de", "fr", "it"],
        FR: ["fr"],
        BE: ["nl", "fr", "de"],
        ES: ["es"],
        MX: ["es"],
        CL: ["es"],
        CO: ["es"],
        AR: ["es"],
        IT: ["it"],
        KR: ["ko"],
        JP: ["ja"],
        BR: ["pt"],
        PT: ["pt"],
        PL: ["pl"],
        NL: ["nl"],
        SA: ["ar"],
        AE: ["ar"],
        RU: ["ru"],
        UA: ["uk"],
        TR: ["tr"],
        IL: ["he"],
        CZ: ["cs"],
        SE: ["sv"],
        DK: ["da"],
        FI: ["fi"],
        NO: ["no"],
        GR: ["el"],
        HU: ["hu"],
        RO: ["ro"],
        SK: ["sk"],
        VN: ["vi"],
        TH: ["th"],
        ID: ["id"],
        MY: ["ms"],
        PH: ["en"],
        SG: ["en"],
      }),
    },
  }),
  "FULL-K-BATTERY": decl({
    scope: "sku",
    mode: "full",
    severity: "error",
    sources: [A(A_FAIL, "电池未提供UN38.3报告")],
    title: { en: "Contains a battery → UN38.3 report", zh: "含电池 → 须提供UN38.3报告" },
    figures: {},
  }),
  "FULL-K-RESTOCK": decl({
    scope: "sku",
    mode: "full",
    severity: "error",
    sources: [A(A_FAIL, "未按平台《补货计划表》提前7天入仓")],
    title: {
      en: "Inbound at least 7 days before the replenishment-plan date",
      zh: "须在补货计划日期前至少7天入仓",
    },
    figures: { minLeadDays: count(7, "days") },
  }),
} as const;

/** A rule id of rules-spec. */
export type RuleId = keyof typeof RULE_DECLS;

/** Every rule id. */
export const RULE_IDS = Object.keys(RULE_DECLS) as RuleId[];

/** A conflict between the sources (rules-spec §4). */
export interface ConflictDecl {
  readonly topic: Bilingual;
  /** The rule and figure the conflict decides, or none for an informational conflict. */
  readonly ruleId?: RuleId;
  readonly figure?: string;
  readonly values: { readonly A: unknown; readonly B: unknown };
  /** The two values as a person reads them, in both languages (the values are the rule's data). */
  readonly shown: { readonly A: Bilingual; readonly B: Bilingual };
  readonly defaultChoice: "A" | "B";
  readonly why: Bilingual;
}

/** The conflicts of rules-spec §4, keyed by a stable id. */
export const CONFLICT_DECLS = {
  "full-licence-age": {
    topic: { en: "full-managed licence age", zh: "全托管营业执照年限" },
    ruleId: "FULL-S-LICENSE-AGE",
    figure: "minAge",
    values: { A: "P1Y", B: "P90D" },
    shown: { A: { en: "at least 1 year", zh: "至少 1 年" }, B: { en: "at least 90 days", zh: "至少 90 天" } },
    defaultChoice: "A",
    why: {
      en: "A is the full-managed source, and the stricter rule is the safer flag",
      zh: "A为全托管原始来源，且更严格的规则更稳妥",
    },
  },
  "full-deposit": {
    topic: { en: "full-managed deposit", zh: "全托管保证金" },
    ruleId: "FEE-FULL-NODEPOSIT",
    figure: "deposit",
    values: { A: 0, B: 50000 },
    shown: { A: { en: "none", zh: "无" }, B: { en: "50,000 CNY", zh: "50,000 元" } },
    defaultChoice: "A",
    why: { en: "A is the full-managed source", zh: "A为全托管原始来源" },
  },
  "full-settlement": {
    topic: { en: "full-managed settlement", zh: "全托管账期" },
    ruleId: "SETTLE-FULL",
    figure: "days",
    values: { A: 15, B: 21 },
    shown: { A: { en: "T+15 days", zh: "T+15 天" }, B: { en: "21 days", zh: "21 天" } },
    defaultChoice: "A",
    why: { en: "A is the full-managed source", zh: "A为全托管原始来源" },
  },
  "fulfilment-time": {
    topic: { en: "fulfilment time full vs semi", zh: "全托管与半托管履约时效" },
    values: { A: "full 5.2 days (3.1 days faster than semi)", B: "semi 7.2 days, 1.8 days faster than full" },
    shown: {
      A: { en: "full 5.2 days (3.1 days faster than semi)", zh: "全托管 5.2 天（比半托管快 3.1 天）" },
      B: { en: "semi 7.2 days, 1.8 days faster than full", zh: "半托管 7.2 天，“比全托管快 1.8 天”" },
    },
    defaultChoice: "A",
    why: { en: "informational only: no rule depends on it", zh: "仅供参考，无规则依赖" },
  },
} as const satisfies Record<string, ConflictDecl>;

/** A conflict id. */
export type ConflictId = keyof typeof CONFLICT_DECLS;

/** Default category keywords (rules-spec §5 families). Searched inside the category text; longest match wins. */
export const DEFAULT_CATEGORY_KEYWORDS: Readonly<
  Record<Exclude<CategoryFamily, "other">, readonly string[]>
> = {
  apparel: [
    "服饰",
    "服装",
    "服饰配饰",
    "女装",
    "男装",
    "童装",
    "内衣",
    "配饰",
    "鞋",
    "箱包",
    "帽",
    "袜",
    "apparel",
    "clothing",
    "clothes",
    "garment",
    "fashion",
    "dress",
    "t-shirt",
    "shirt",
    "women's clothing",
    "men's clothing",
    "accessories (apparel)",
    "shoes",
    "hats",
  ],
  home: [
    "家居",
    "家居园艺",
    "家具",
    "家纺",
    "家装",
    "厨房",
    "厨具",
    "餐具",
    "园艺",
    "收纳",
    "灯具",
    "照明",
    "卫浴",
    "home",
    "home & garden",
    "home and garden",
    "household",
    "furniture",
    "kitchen",
    "garden",
    "lighting",
    "bedding",
    "homeware",
  ],
  electronics: [
    "消费电子",
    "消费电子配件",
    "3c",
    "3c数码",
    "数码",
    "电子",
    "手机配件",
    "手机",
    "电脑",
    "耳机",
    "充电",
    "小家电",
    "consumer electronics",
    "electronics",
    "electronic",
    "phone accessories",
    "computer",
    "headphones",
    "earphones",
    "chargers",
    "gadgets",
  ],
  "sports-outdoor": [
    "运动户外",
    "运动",
    "户外",
    "健身",
    "骑行",
    "露营",
    "垂钓",
    "钓鱼",
    "sports",
    "sport",
    "outdoor",
    "outdoors",
    "sports & outdoor",
    "sports and outdoors",
    "fitness",
    "camping",
    "cycling",
    "fishing",
  ],
};

/** The values of a rule's figures. */
export type FigureValues<F> = { readonly [K in keyof F]: F[K] extends Fig<infer T> ? T : never };

/** A rule in a built pack: its declaration with plain figure values and the severity in force. */
export interface PackRule<F extends Record<string, Fig<unknown>> = Record<string, Fig<unknown>>> {
  readonly id: RuleId;
  readonly scope: RuleScope;
  readonly mode: ModeId;
  readonly severity: Severity;
  readonly sources: readonly SourceRef[];
  readonly title: Bilingual;
  readonly figures: FigureValues<F>;
  /** Notes on figures that are the pack's defaults where the sources are silent. */
  readonly defaults: Readonly<Record<string, string>>;
  /** The conflict that set one of this rule's figures, if any. */
  readonly conflict?: {
    readonly id: ConflictId;
    readonly choice: "A" | "B";
    readonly values: { readonly A: unknown; readonly B: unknown };
  };
}

/** The rule pack: data only (JSON-serialisable). */
export interface RulePack {
  readonly id: string;
  readonly version: string;
  readonly effectiveDate: string;
  readonly rules: { readonly [K in RuleId]: PackRule<(typeof RULE_DECLS)[K]["figures"]> };
  readonly conflicts: { readonly [K in ConflictId]: ConflictDecl & { readonly choice: "A" | "B" } };
  readonly categoryKeywords: Readonly<Record<Exclude<CategoryFamily, "other">, readonly string[]>>;
  /** A user's own category names → family, matched whole (before the keywords). */
  readonly categoryNames: Readonly<Record<string, CategoryFamily>>;
}

/** Builds the pack's rules from the declarations and the conflict choices. */
function buildRules(choices: Readonly<Record<ConflictId, "A" | "B">>): RulePack["rules"] {
  const rules: Record<string, PackRule> = {};
  for (const id of RULE_IDS) {
    const d = RULE_DECLS[id] as RuleDecl<Record<string, Fig<unknown>>>;
    const figures: Record<string, unknown> = {};
    const defaults: Record<string, string> = {};
    for (const [name, fig] of Object.entries(d.figures)) {
      figures[name] = fig.value;
      if (fig.defaultNote !== undefined) defaults[name] = fig.defaultNote;
    }
    let conflict: PackRule["conflict"];
    for (const [cid, c] of Object.entries(CONFLICT_DECLS) as Array<[ConflictId, ConflictDecl]>) {
      if (c.ruleId !== id || c.figure === undefined) continue;
      const choice = choices[cid];
      figures[c.figure] = c.values[choice];
      conflict = { id: cid, choice, values: c.values };
    }
    rules[id] = {
      id,
      scope: d.scope,
      mode: d.mode,
      severity: d.severity,
      sources: d.sources,
      title: d.title,
      figures,
      defaults,
      ...(conflict ? { conflict } : {}),
    };
  }
  return rules as unknown as RulePack["rules"];
}

/** The id, version and effective date of the default pack. */
export const DEFAULT_PACK_META = {
  id: "ae-modes-default",
  version: "2024.07-1",
  effectiveDate: "2024-07-01",
} as const;

/**
 * The default rule pack of rules-spec.md.
 *
 * @example
 * ```ts
 * defaultRulePack().rules["FEE-SEMI-BASE"].figures.rate // => 0.035
 * defaultRulePack().rules["SETTLE-FULL"].figures.days   // => 15 (conflict "full-settlement", choice A)
 * ```
 */
export function defaultRulePack(): RulePack {
  const choices = Object.fromEntries(
    Object.entries(CONFLICT_DECLS).map(([id, c]) => [id, c.defaultChoice]),
  ) as Record<ConflictId, "A" | "B">;
  return {
    ...DEFAULT_PACK_META,
    rules: buildRules(choices),
    conflicts: Object.fromEntries(
      Object.entries(CONFLICT_DECLS).map(([id, c]) => [id, { ...c, choice: c.defaultChoice }]),
    ) as unknown as RulePack["conflicts"],
    categoryKeywords: DEFAULT_CATEGORY_KEYWORDS,
    categoryNames: {},
  };
}
