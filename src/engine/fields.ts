/**
 * The input fields of rules-spec §5: what each means, how its cells are read, its
 * default unit, its labels in English and Chinese, and the header synonyms that map
 * a seller's column to it.
 * @packageDocumentation
 */

/** How a field's cells are read. */
export type FieldKind =
  | "text"
  | "number"
  | "money"
  | "weight"
  | "length"
  | "distance"
  | "percent"
  | "boolean"
  | "date"
  | "list"
  | "json"
  | "document"
  | "dimensions";

/** One input field. */
export interface FieldDef {
  readonly kind: FieldKind;
  readonly label: { readonly en: string; readonly zh: string };
  /** Header texts that map to this field (compared after folding case, width and spaces). */
  readonly synonyms: readonly string[];
  /** Unit assumed when neither the header nor the cell names one. */
  readonly defaultUnit?: string;
}

/** Every field the engine knows, in rules-spec §5 order (plus run-option columns of §0). */
export const FIELDS = {
  sku: {
    kind: "text",
    label: { en: "SKU", zh: "SKU" },
    synonyms: [
      "SKU",
      "SKU编码",
      "商品编码",
      "货号",
      "SKU ID",
      "SKU号",
      "商家编码",
      "Seller SKU",
      "Sku商家编码",
      "货品编码",
      "seller_sku",
      "sku_code",
    ],
  },
  title: {
    kind: "text",
    label: { en: "product name", zh: "商品名称" },
    synonyms: ["商品名称", "标题", "商品标题", "品名", "Product name", "Title", "Name"],
  },
  category: {
    kind: "text",
    label: { en: "category", zh: "类目" },
    synonyms: [
      "类目",
      "一级类目",
      "二级类目",
      "商品类目",
      "品类",
      "Category",
      "Product category",
      "分类",
      "类目路径",
    ],
  },
  amount: {
    kind: "money",
    label: { en: "order amount", zh: "订单金额" },
    synonyms: [
      "订单金额",
      "实收金额",
      "订单实收金额",
      "交易额",
      "交易金额",
      "售价",
      "销售价",
      "Order amount",
      "Amount",
      "Price",
      "Sale price",
      "Transaction amount",
      "零售价",
      "SKU裸价",
    ],
  },
  currency: {
    kind: "text",
    label: { en: "currency", zh: "币种" },
    synonyms: ["币种", "货币", "Currency", "回款币种"],
  },
  regularPrice: {
    kind: "money",
    label: { en: "regular price", zh: "普通价" },
    synonyms: ["普通价", "日常价", "原价", "Regular price", "List price"],
  },
  semiPrice: {
    kind: "money",
    label: { en: "semi-managed price", zh: "半托管价" },
    synonyms: ["半托管价", "半托管价格", "Semi-managed price", "Semi price"],
  },
  weight: {
    kind: "weight",
    label: { en: "weight", zh: "重量" },
    synonyms: [
      "重量",
      "毛重",
      "单件重量",
      "实重",
      "商品重量",
      "包裹重量",
      "Weight",
      "Gross weight",
      "Actual weight",
      "Unit weight",
      "包装重量",
      "包装后重量",
      "package_weight",
    ],
    defaultUnit: "kg",
  },
  length: {
    kind: "length",
    label: { en: "length", zh: "长" },
    synonyms: ["长", "长度", "包装长", "Length", "L"],
    defaultUnit: "cm",
  },
  width: {
    kind: "length",
    label: { en: "width", zh: "宽" },
    synonyms: ["宽", "宽度", "包装宽", "Width", "W"],
    defaultUnit: "cm",
  },
  height: {
    kind: "length",
    label: { en: "height", zh: "高" },
    synonyms: ["高", "高度", "包装高", "Height", "H"],
    defaultUnit: "cm",
  },
  dimensions: {
    kind: "dimensions",
    label: { en: "dimensions (L×W×H)", zh: "尺寸（长×宽×高）" },
    synonyms: [
      "尺寸",
      "包装尺寸",
      "长宽高",
      "长*宽*高",
      "长×宽×高",
      "Dimensions",
      "Package size",
      "Package dimensions",
      "L*W*H",
      "LxWxH",
    ],
    defaultUnit: "cm",
  },
  monthlyCapacity: {
    kind: "number",
    label: { en: "monthly capacity", zh: "月产能" },
    synonyms: ["月产能", "单SKU月产能", "产能", "Monthly capacity", "Capacity"],
  },
  materialComposition: {
    kind: "text",
    label: { en: "material composition", zh: "材质成分" },
    synonyms: ["材质成分", "材质成分百分比", "材质", "Material composition", "Material"],
  },
  formaldehyde: {
    kind: "boolean",
    label: { en: "formaldehyde", zh: "是否含甲醛" },
    synonyms: ["是否含甲醛", "含甲醛", "甲醛", "Formaldehyde", "Contains formaldehyde"],
  },
  en71_3: {
    kind: "boolean",
    label: { en: "EN71-3 tested", zh: "是否通过EN71-3检测" },
    synonyms: ["EN71-3", "是否通过EN71-3检测", "EN71-3检测", "EN71-3 tested"],
  },
  sds: {
    kind: "document",
    label: { en: "SDS", zh: "安全技术说明书(SDS)" },
    synonyms: ["SDS", "安全技术说明书", "Safety data sheet"],
  },
  rohs: {
    kind: "document",
    label: { en: "RoHS declaration", zh: "RoHS符合性声明" },
    synonyms: ["RoHS", "RoHS符合性声明", "RoHS declaration"],
  },
  ceFcc: {
    kind: "document",
    label: { en: "CE/FCC marking", zh: "CE/FCC标识" },
    synonyms: ["CE/FCC", "CE/FCC标识", "CE FCC", "CE/FCC marking", "CE标识"],
  },
  manualLanguages: {
    kind: "list",
    label: { en: "manual languages", zh: "说明书语言" },
    synonyms: ["说明书语言", "Manual languages", "Manual language"],
  },
  targetMarkets: {
    kind: "list",
    label: { en: "target markets", zh: "目标市场" },
    synonyms: [
      "目标市场",
      "目标国家",
      "站点",
      "销售国家",
      "Target markets",
      "Target market",
      "Markets",
      "Countries",
      "已勾选参与的国家",
      "参与国家",
    ],
  },
  destination: {
    kind: "text",
    label: { en: "destination", zh: "目的国" },
    synonyms: [
      "目的国",
      "目的地",
      "目的国家",
      "收货国家",
      "Destination",
      "Destination country",
      "Ship-to country",
    ],
  },
  hasBattery: {
    kind: "boolean",
    label: { en: "contains a battery", zh: "含电池" },
    synonyms: [
      "含电池",
      "是否带电",
      "是否含电池",
      "带电",
      "Battery",
      "Has battery",
      "Contains battery",
      "物流属性",
      "特殊商品类型",
      "Logistics attribute",
    ],
  },
  un38_3: {
    kind: "document",
    label: { en: "UN38.3 report", zh: "UN38.3报告" },
    synonyms: ["UN38.3", "UN38.3报告", "UN38.3 report"],
  },
  epr: {
    kind: "document",
    label: { en: "EPR registration number", zh: "EPR注册号" },
    synonyms: ["EPR", "EPR注册号", "EPR号", "EPR number", "EPR registration number"],
  },
  sizeChart: {
    kind: "json",
    label: { en: "size chart", zh: "尺码表" },
    synonyms: ["尺码表", "尺码表JSON", "Size chart"],
  },
  returnRate: {
    kind: "percent",
    label: { en: "return rate", zh: "退货率" },
    synonyms: ["退货率", "Return rate"],
  },
  warehouse: {
    kind: "text",
    label: { en: "warehouse", zh: "仓库" },
    synonyms: [
      "仓库",
      "入仓仓库",
      "绑定仓库",
      "指定仓",
      "Warehouse",
      "Bound warehouse",
      "仓名称",
      "发货仓库",
    ],
  },
  distanceKm: {
    kind: "distance",
    label: { en: "distance to warehouse", zh: "发货地距离" },
    synonyms: ["发货地距离", "距仓距离", "发货距离", "Distance", "Distance to warehouse"],
    defaultUnit: "km",
  },
  unitsPerCarton: {
    kind: "number",
    label: { en: "units per carton", zh: "单箱件数" },
    synonyms: ["单箱件数", "每箱件数", "装箱数", "Units per carton"],
  },
  services: {
    kind: "list",
    label: { en: "services", zh: "增值服务" },
    synonyms: ["增值服务", "服务", "Services", "Value-added services"],
  },
  inboundDate: {
    kind: "date",
    label: { en: "inbound date", zh: "入仓日期" },
    synonyms: ["入仓日期", "入库日期", "Inbound date"],
  },
  planDate: {
    kind: "date",
    label: { en: "replenishment-plan date", zh: "补货计划日期" },
    synonyms: [
      "补货计划日期",
      "补货日期",
      "计划日期",
      "Plan date",
      "Replenishment date",
      "Replenishment plan date",
    ],
  },
  chargedFee: {
    kind: "money",
    label: { en: "charged fee", zh: "平台扣费" },
    synonyms: ["平台扣费", "实扣费用", "扣费", "Charged fee", "Platform fee charged"],
  },
  orderId: {
    kind: "text",
    label: { en: "order ID", zh: "订单号" },
    synonyms: ["订单号", "订单编号", "Order ID", "Order number", "Order no", "子订单ID", "子订单号"],
  },
  mode: {
    kind: "text",
    label: { en: "mode", zh: "模式" },
    synonyms: ["模式", "托管模式", "Mode", "Fulfilment mode"],
  },
  cost: {
    kind: "money",
    label: { en: "cost", zh: "成本" },
    synonyms: [
      "成本",
      "采购成本",
      "进价",
      "Cost",
      "Unit cost",
      "采购价",
      "采购单价",
      "含税采购单价",
      "Purchase price",
    ],
  },
  fxRate: {
    kind: "number",
    label: { en: "exchange rate", zh: "汇率" },
    synonyms: ["汇率", "Exchange rate", "FX rate", "FX"],
  },
  negotiatedRate: {
    kind: "percent",
    label: { en: "negotiated rate", zh: "阶梯费率" },
    synonyms: ["阶梯费率", "协议费率", "阶梯报价", "Negotiated rate", "Tier rate"],
  },
  monthlyOrders: {
    kind: "number",
    label: { en: "monthly orders", zh: "月均单量" },
    synonyms: ["月均单量", "月单量", "Monthly orders"],
  },
  valueAdded: {
    kind: "money",
    label: { en: "value-added services amount", zh: "增值服务费" },
    synonyms: ["增值服务费", "Value-added amount", "VAS amount"],
  },
  packingFee: {
    kind: "money",
    label: { en: "packing fee", zh: "打包费" },
    synonyms: ["打包费", "Packing fee"],
  },
  // Reconciliation statements: what the platform charged, by component (rules-spec §5 chargedFee).
  billableWeight: {
    kind: "weight",
    label: { en: "billable weight", zh: "计费重量" },
    synonyms: ["计费重量", "结算重量", "Billable weight"],
    defaultUnit: "kg",
  },
  chargedBase: {
    kind: "money",
    label: { en: "charged base service fee", zh: "实扣基础服务费" },
    synonyms: ["基础服务费", "实扣基础服务费", "Base service fee", "Base fee"],
  },
  chargedCommission: {
    kind: "money",
    label: { en: "charged commission", zh: "实扣佣金" },
    synonyms: ["基础佣金", "佣金", "实扣佣金", "Commission", "平台佣金", "手续费"],
  },
  chargedFulfilment: {
    kind: "money",
    label: { en: "charged fulfilment fee", zh: "实扣履约费" },
    synonyms: [
      "履约费",
      "履约服务费",
      "浮动履约费",
      "实扣履约费",
      "Fulfilment fee",
      "Fulfillment fee",
      "物流费",
    ],
  },
  chargedTransfer: {
    kind: "money",
    label: { en: "charged transfer surcharge", zh: "实扣转运费" },
    synonyms: ["转运费", "实扣转运费", "Transfer fee", "Transfer surcharge"],
  },
  chargedPacking: {
    kind: "money",
    label: { en: "charged packing fee", zh: "实扣打包费" },
    synonyms: ["实扣打包费", "Packing charged", "Charged packing fee"],
  },
  chargedServices: {
    kind: "money",
    label: { en: "charged services (label, photo QC)", zh: "实扣贴标/质检费" },
    synonyms: ["贴标质检费", "实扣增值服务费", "Services fee", "Charged services"],
  },
  supplyPrice: {
    kind: "money",
    label: { en: "supply price (full-managed order amount)", zh: "供货价" },
    synonyms: ["供货价", "货值", "含邮供货价", "Supply price", "Goods value"],
  },
  euResponsible: {
    kind: "text",
    label: { en: "EU responsible person", zh: "欧盟责任人" },
    synonyms: ["欧盟责任人", "msr_eu_id", "EU responsible person"],
  },
  stock: {
    kind: "number",
    label: { en: "stock", zh: "库存" },
    synonyms: ["库存", "JIT库存", "Stock", "Inventory"],
  },
  affiliateCommission: {
    kind: "money",
    label: { en: "affiliate commission (not a mode fee)", zh: "推广联盟佣金" },
    synonyms: ["推广联盟佣金", "联盟佣金", "Affiliate commission"],
  },
  payout: {
    kind: "money",
    label: { en: "payout", zh: "放款金额" },
    synonyms: ["放款金额", "实际放款出账金额", "Payout", "Payout amount"],
  },
  refundAmount: {
    kind: "money",
    label: { en: "refund amount", zh: "退款金额" },
    synonyms: ["退款金额", "实际退款出账金额", "Refund amount"],
  },
} as const satisfies Record<string, FieldDef>;

/** The name of an input field. */
export type FieldName = keyof typeof FIELDS;

/** Every field name. */
export const FIELD_NAMES = Object.keys(FIELDS) as FieldName[];

/** True when `name` is a field the engine knows. */
export function isFieldName(name: string): name is FieldName {
  return Object.prototype.hasOwnProperty.call(FIELDS, name);
}
