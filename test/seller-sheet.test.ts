import {
  epochDayOf,
  evaluateSeller,
  evaluateSheet,
  sheetLevelIssues,
  type SellerContext,
} from "../src/engine";
import { compiled, engine } from "./helpers";

const asOf = epochDayOf(2025, 6, 30)!;
const ctx: SellerContext = { asOf };
const seller = (mode: "semi" | "full", profile: Record<string, unknown>, context: SellerContext = ctx) =>
  evaluateSeller(compiled, profile, mode, context);
const sev = (
  mode: "semi" | "full",
  ruleId: string,
  profile: Record<string, unknown>,
  context: SellerContext = ctx,
) =>
  seller(mode, profile, context)
    .issues.filter((i) => i.ruleId === ruleId)
    .map((i) => i.severity);

describe("seller rules (semi-managed)", () => {
  test("SEMI-S-LICENSE-AGE: 180 days passes, 179 fails", () => {
    expect(
      sev("semi", "SEMI-S-LICENSE-AGE", { licenseDate: "2025-01-01" }, { asOf: epochDayOf(2025, 6, 30)! }),
    ).toEqual([]); // 180 days
    expect(
      sev(
        "semi",
        "SEMI-S-LICENSE-AGE",
        { 营业执照注册日期: "2025-01-01" },
        { asOf: epochDayOf(2025, 6, 29)! },
      ),
    ).toEqual(["error"]); // 179
  });
  test.each([
    ["SEMI-S-BRAND", { 品牌授权审核通过: "否" }, ["error"]],
    ["SEMI-S-BRAND", { brandAuthorisation: "yes" }, []],
    ["SEMI-S-SELLTHROUGH", { 动销率: "65%" }, []],
    ["SEMI-S-SELLTHROUGH", { 动销率: "64.9%" }, ["error"]],
    ["SEMI-S-DSR", { DSR: 4.78 }, []],
    ["SEMI-S-DSR", { DSR: 4.77 }, ["error"]],
    ["SEMI-S-LOGI-COMPLAINT", { 严重物流投诉: "无" }, []],
    ["SEMI-S-LOGI-COMPLAINT", { 严重物流投诉: "有" }, ["error"]],
    ["SEMI-S-SCOPE", { 经营范围: "技术开发；货物进出口；技术进出口" }, []],
    ["SEMI-S-SCOPE", { 经营范围: "日用品销售" }, ["error"]],
    ["SEMI-S-BANKFLOW", { 近3个月银行流水: "420000; 510,000; 300000" }, []],
    ["SEMI-S-BANKFLOW", { 近3个月银行流水: "499999, 300000, 100000" }, ["error"]],
    ["SEMI-S-BANKFLOW", { 近3个月银行流水: 500000 }, []],
    ["SEMI-S-DISPUTE", { 物流纠纷率: "0.8%" }, []],
    ["SEMI-S-DISPUTE", { 物流纠纷率: "0.81%" }, ["error"]],
    ["SEMI-S-ERP", { "ERP API版本": "V3.2", 库存同步响应时间: 3 }, []],
    ["SEMI-S-ERP", { "ERP API版本": "V3.1", 库存同步响应时间: 3.5 }, ["error", "error"]],
    ["SEMI-S-SYNC-CUTOFF", { 库存同步时间: "15:59" }, []],
    ["SEMI-S-SYNC-CUTOFF", { 库存同步时间: "16:00" }, ["warning"]],
    ["SEMI-S-DAILY-ORDERS", { 日均单量: 300 }, []],
    ["SEMI-S-DAILY-ORDERS", { 日均单量: 2001 }, ["info"]],
    ["SEMI-S-STORE-AGE", { 店铺入驻月数: 12, 物流DSR: 4.8, 近半年海关查验异常: "否" }, []],
    ["SEMI-S-STORE-AGE", { 店铺入驻月数: 11, 物流DSR: 4.79 }, ["info", "info"]],
    ["SEMI-S-KPI", { 入库及时率: "99.2%", 错发率: "0.35%", 单均打包耗时: 87 }, []],
    [
      "SEMI-S-KPI",
      { 入库及时率: "99.1%", 错发率: "0.36%", 单均打包耗时: 88 },
      ["warning", "warning", "warning"],
    ],
  ] as const)("%s %j → %j", (ruleId, profile, expected) => {
    expect(sev("semi", ruleId, profile as Record<string, unknown>)).toEqual(expected);
  });
  test("SEMI-S-KPI is measured only from day 30", () => {
    const p = { 半托管接入日期: "2025-06-10", 入库及时率: "90%" };
    expect(sev("semi", "SEMI-S-KPI", p)).toEqual([]);
    expect(sev("semi", "SEMI-S-KPI", { ...p, 半托管接入日期: "2025-05-01" })).toEqual(["warning"]);
  });
  test("SEMI-S-DOCS: each document not provided is a missing issue", () => {
    const issues = seller("semi", {
      营业执照扫描件: "是",
      法人身份证: "是",
      银行流水单: "",
      商品合规承诺书: "否",
    }).issues.filter((i) => i.ruleId === "SEMI-S-DOCS");
    expect(issues.map((i) => [i.field, i.severity])).toEqual([
      ["bankStatement", "missing"],
      ["complianceCommitment", "missing"],
    ]);
  });
  test("without a profile every seller rule is not checked", () => {
    const r = evaluateSeller(compiled, undefined, "semi", ctx);
    expect(r.issues).toEqual([]);
    expect(r.notChecked.map((n) => n.ruleId)).toContain("SEMI-S-LICENSE-AGE");
  });
  test("a blank profile value is missing, an unknown key is reported", () => {
    const r = seller("semi", { DSR: "", 吉祥物: "熊猫" });
    expect(r.issues.map((i) => [i.ruleId, i.severity])).toEqual([["SEMI-S-DSR", "missing"]]);
    expect(r.status).toBe("INCOMPLETE");
    expect(r.unknownKeys).toEqual(["吉祥物"]);
  });
});

describe("seller rules (full-managed)", () => {
  test("FULL-S-LICENSE-AGE: 1 calendar year (A), conflict with B's 90 days is named", () => {
    expect(sev("full", "FULL-S-LICENSE-AGE", { licenseDate: "2024-06-30" })).toEqual([]);
    const issues = seller("full", { licenseDate: "2024-07-01" }).issues;
    expect(issues.map((i) => i.ruleId)).toEqual(["FULL-S-LICENSE-AGE"]);
    expect(issues[0]!.message.en).toContain("B 90 days");
    expect(issues[0]!.message.zh).toMatch(/来源不一致：A .*1.*年，B .*90.*天；采用 A/);
  });
  test.each([
    ["FULL-S-VIOLATION", { 严重违规: "否" }, []],
    ["FULL-S-VIOLATION", { 严重违规: "是" }, ["error"]],
    ["FULL-S-SAMPLES", { 样品认证: "是", 认证机构: "SGS Shenzhen" }, []],
    ["FULL-S-SAMPLES", { 样品认证: "是", 认证机构: "某检测中心" }, ["error"]],
    ["FULL-S-SAMPLES", { 样品认证: "否" }, ["error"]],
    ["FULL-S-HEALTH", { 合规评分: 85 }, []],
    ["FULL-S-HEALTH", { 合规评分: 84 }, ["warning"]],
  ] as const)("%s %j → %j", (ruleId, profile, expected) => {
    expect(sev("full", ruleId, profile as Record<string, unknown>)).toEqual(expected);
  });
  test("FULL-S-DOCS lists the documents not provided", () => {
    const issues = seller("full", {
      营业执照: "是",
      法人身份证: "是",
      商标注册证: "是",
      近6个月银行流水: "是",
    }).issues;
    expect(issues.map((i) => [i.ruleId, i.field])).toEqual([["FULL-S-DOCS", "capacityProof"]]);
  });
  test("FULL-S-SKU-COUNT: 200 SKUs fine, 201 → info", () => {
    expect(sev("full", "FULL-S-SKU-COUNT", {}, { asOf, skuCount: 200 })).toEqual([]);
    expect(sev("full", "FULL-S-SKU-COUNT", {}, { asOf, skuCount: 201 })).toEqual(["info"]);
  });
});

describe("SEMI-K-DUP-LISTING (sheet level)", () => {
  const cell = (i: number) => ({ row: i + 2, column: "A" });
  test("5 listings pass, 6 flag every row involved", () => {
    expect(sheetLevelIssues(compiled, "semi", Array(5).fill("A-1"), cell).size).toBe(0);
    const six = sheetLevelIssues(compiled, "semi", [...Array(6).fill("A-1"), "B"], cell);
    expect([...six.keys()]).toEqual([0, 1, 2, 3, 4, 5]);
    expect(six.get(5)![0]).toMatchObject({
      ruleId: "SEMI-K-DUP-LISTING",
      severity: "error",
      cell: { row: 7, column: "A" },
    });
  });
  test("SKUs compare case-, space- and width-insensitively", () => {
    const skus = ["a-1", "A-1", " A-1 ", "Ａ-1", "A-1", "A－1"];
    expect(sheetLevelIssues(compiled, "semi", skus, cell).size).toBe(6);
  });
  test("dashes, dots and inner spaces are part of the code: HOSE-1.5M ×3 and HOSE-15M ×3 are two SKUs", () => {
    expect(
      sheetLevelIssues(compiled, "semi", [...Array(3).fill("HOSE-1.5M"), ...Array(3).fill("HOSE-15M")], cell)
        .size,
    ).toBe(0);
    expect(sheetLevelIssues(compiled, "semi", ["A 1", "A1", "A_1", "A-1", "A.1", "A:1"], cell).size).toBe(0);
    const six = sheetLevelIssues(
      compiled,
      "semi",
      [...Array(3).fill("HOSE-1.5M"), ...Array(3).fill("ｈｏｓｅ－１．５ｍ")],
      cell,
    );
    expect(six.size).toBe(6);
  });
  test("through evaluateSheet the rows become NOT_ELIGIBLE", () => {
    const rows = Array.from({ length: 6 }, () => ["DUP", "家居"]);
    const r = evaluateSheet(engine, ["SKU", "类目"], rows, { mode: "semi" });
    expect(r.rows.every((x) => x.status === "NOT_ELIGIBLE")).toBe(true);
  });
});
