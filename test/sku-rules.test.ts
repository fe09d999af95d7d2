import { run, severities, type Case } from "./helpers";

/** Runs a table of cases for one rule. */
function table(
  ruleId: string,
  mode: "semi" | "full",
  headers: readonly string[],
  cases: readonly Case[],
): void {
  describe(`${ruleId}`, () => {
    test.each(cases.map((c) => [...c]))("%s", (_label, row, expected) => {
      expect(severities(ruleId, mode, headers, row as unknown[])).toEqual(expected);
    });
  });
}

table(
  "SEMI-K-CATEGORY",
  "semi",
  ["SKU", "类目"],
  [
    ["home & garden is in the list", ["A", "家居园艺"], []],
    ["electronics accessories", ["A", "消费电子配件"], []],
    ["apparel accessories", ["A", "服饰配饰"], []],
    ["sports & outdoor", ["A", "运动户外"], []],
    ["unknown category → warning 'not confirmed'", ["A", "宠物用品"], ["warning"]],
    ["blank → missing", ["A", ""], ["missing"]],
  ],
);

table(
  "SEMI-K-WEIGHT",
  "semi",
  ["SKU", "重量"],
  [
    ["exactly 5 kg passes", ["A", 5], []],
    ["5.001 kg fails", ["A", 5.001], ["error"]],
    ["grams in the cell: 5000g passes", ["A", "5000g"], []],
    ["pounds: 11.1 lb (5.03 kg) fails", ["A", "11.1 lb"], ["error"]],
    ["blank → missing", ["A", null], ["missing"]],
    ["unreadable → missing", ["A", "heavy"], ["missing"]],
  ],
);

describe("SEMI-K-WEIGHT with a unit in the header", () => {
  test("重量(g): 5000 passes, 5001 fails", () => {
    expect(severities("SEMI-K-WEIGHT", "semi", ["SKU", "重量(g)"], ["A", 5000])).toEqual([]);
    expect(severities("SEMI-K-WEIGHT", "semi", ["SKU", "重量(g)"], ["A", 5001])).toEqual(["error"]);
  });
});

table(
  "SEMI-K-VOLUME",
  "semi",
  ["SKU", "长", "宽", "高"],
  [
    ["exactly 0.03 m³ passes (50×30×20)", ["A", 50, 30, 20], []],
    ["0.0300001 m³ fails", ["A", 50, 30, 20.0001], ["error"]],
    ["decimals exact: 31.25×32×30 = 0.03", ["A", 31.25, 32, 30], []],
    ["millimetres in cells", ["A", "500mm", "300mm", "200mm"], []],
    ["blank height → missing", ["A", 50, 30, ""], ["missing"]],
  ],
);

describe("SEMI-K-VOLUME via a dimensions column", () => {
  test("尺寸 30x20x10 passes, 60*50*20 fails", () => {
    expect(severities("SEMI-K-VOLUME", "semi", ["SKU", "尺寸(cm)"], ["A", "30x20x10"])).toEqual([]);
    expect(severities("SEMI-K-VOLUME", "semi", ["SKU", "尺寸(cm)"], ["A", "60*50*20"])).toEqual(["error"]);
  });
});

table(
  "SEMI-K-PRICE-CAP",
  "semi",
  ["SKU", "半托管价", "普通价"],
  [
    ["exactly 95 % passes", ["A", 95, 100], []],
    ["95.01 % warns", ["A", 95.01, 100], ["warning"]],
    ["exact decimals: 18.99 vs 19.99 (cap 18.9905)", ["A", 18.99, 19.99], []],
    ["blank regular price → missing", ["A", 90, ""], ["missing"]],
  ],
);

table(
  "SEMI-K-RETURN-RATE",
  "semi",
  ["SKU", "退货率"],
  [
    ["11.99 % passes", ["A", "11.99%"], []],
    ["exactly 12 % warns (must be below)", ["A", "12%"], ["warning"]],
    ["fraction 0.05 passes", ["A", 0.05], []],
    ["percent points 15 warns", ["A", 15], ["warning"]],
  ],
);

table(
  "SEMI-K-EPR",
  "semi",
  ["SKU", "目标市场", "EPR注册号"],
  [
    ["Germany without EPR fails", ["A", "德国", ""], ["error"]],
    ["France by code without EPR fails", ["A", "US, FR", null], ["error"]],
    ["Germany with EPR passes", ["A", "DE", "DE1234567890"], []],
    ["'无' is not a number", ["A", "Germany", "无"], ["error"]],
    ["US only needs none", ["A", "US", ""], []],
    ["blank markets → missing", ["A", "", ""], ["missing"]],
  ],
);

table(
  "SEMI-K-APPAREL-SIZE",
  "semi",
  ["SKU", "类目", "尺码表"],
  [
    ["apparel with JSON passes", ["A", "女装", '{"S":{"chest":88},"M":{"chest":92}}'], []],
    ["apparel with plain text fails", ["A", "女装", "S/M/L"], ["error"]],
    ["apparel with blank chart fails", ["A", "服饰配饰", ""], ["error"]],
    ["non-apparel is not concerned", ["A", "家居", ""], []],
  ],
);

describe("SEMI-K-APPAREL-ATTRS", () => {
  const headers = [
    "SKU",
    "类目",
    "颜色",
    "材质",
    "尺码",
    "款式",
    "领型",
    "袖长",
    "季节",
    "风格",
    "图案",
    "面料",
    "厚度",
    "版型",
    "适用人群",
    "产地",
    "品牌",
    "洗涤",
    "弹性",
    "口袋",
    "标题",
  ];
  const full = ["A", "女装", ...Array(headers.length - 2).fill("x")];
  test("1 blank of 21 (4.8 %) passes", () => {
    const row = [...full];
    row[3] = "";
    expect(severities("SEMI-K-APPAREL-ATTRS", "semi", headers, row)).toEqual([]);
  });
  test("2 blank of 21 (9.5 %) fails and names the columns", () => {
    const row = [...full];
    row[3] = "";
    row[5] = null;
    const issues = run("semi", headers, [row])[0]!.issues.filter((i) => i.ruleId === "SEMI-K-APPAREL-ATTRS");
    expect(issues.map((i) => i.severity)).toEqual(["error"]);
    expect(issues[0]!.message.en).toContain("材质");
    expect(issues[0]!.message.zh).toContain("款式");
  });
  test("exactly 5 % (1 of 20) passes: the rule is '> 5 %'", () => {
    const h = headers.slice(0, 20);
    const row = full.slice(0, 20);
    row[4] = "";
    expect(severities("SEMI-K-APPAREL-ATTRS", "semi", h, row)).toEqual([]);
  });
  test("non-apparel rows are not concerned", () => {
    const row = ["A", "家居", ...Array(headers.length - 2).fill("")];
    expect(severities("SEMI-K-APPAREL-ATTRS", "semi", headers, row)).toEqual([]);
  });
});

table(
  "SEMI-K-WAREHOUSE",
  "semi",
  ["SKU", "仓库"],
  [
    ["Cainiao bonded", ["A", "菜鸟保税仓"], []],
    ["Yiwu in English", ["A", "Yiwu consolidation"], []],
    ["Dongguan", ["A", "东莞华南仓"], []],
    ["another warehouse fails", ["A", "上海仓"], ["error"]],
    ["blank → missing", ["A", ""], ["missing"]],
  ],
);

table(
  "FULL-K-CATEGORY",
  "full",
  ["SKU", "类目"],
  [
    ["apparel", ["A", "Clothing"], []],
    ["home", ["A", "Home & Garden"], []],
    ["consumer electronics", ["A", "消费电子"], []],
    ["sports & outdoor", ["A", "Sports"], []],
    ["unknown → warning", ["A", "Pet supplies"], ["warning"]],
  ],
);

table(
  "FULL-K-CAPACITY",
  "full",
  ["SKU", "类目", "月产能"],
  [
    ["home 5,000 passes", ["A", "家居", 5000], []],
    ["home 4,999 fails", ["A", "家居", "4,999"], ["error"]],
    ["apparel 2,000 passes", ["A", "女装", 2000], []],
    ["apparel 1,999 fails", ["A", "女装", 1999], ["error"]],
    ["electronics has no capacity rule", ["A", "消费电子", 10], []],
    ["home blank → missing", ["A", "家居", ""], ["missing"]],
  ],
);

table(
  "FULL-K-HOME-ATTRS",
  "full",
  ["SKU", "类目", "材质成分", "是否含甲醛", "EN71-3"],
  [
    ["all filled passes", ["A", "家居", "棉 80%, 涤纶 20%", "否", "是"], []],
    ["composition without percentages fails", ["A", "家居", "棉, 涤纶", "否", "是"], ["error"]],
    [
      "formaldehyde blank fails (a blank attribute is the failure)",
      ["A", "家居", "棉 100%", "", "Y"],
      ["error"],
    ],
    ["all three blank → three errors", ["A", "家居", "", "", ""], ["error", "error", "error"]],
    ["apparel is not concerned", ["A", "女装", "", "", ""], []],
  ],
);

table(
  "FULL-K-3C-DOCS",
  "full",
  ["SKU", "类目", "SDS", "RoHS"],
  [
    ["both provided", ["A", "消费电子", "SDS-2024.pdf", "是"], []],
    ["SDS missing", ["A", "3C数码", "", "是"], ["error"]],
    ["both 'no'", ["A", "手机配件", "否", "N"], ["error", "error"]],
    ["home not concerned", ["A", "家居", "", ""], []],
  ],
);

table(
  "FULL-K-MARKING",
  "full",
  ["SKU", "类目", "CE/FCC标识"],
  [
    ["marked", ["A", "消费电子", "CE, FCC"], []],
    ["no marking", ["A", "消费电子", ""], ["error"]],
  ],
);

table(
  "FULL-K-MANUAL-LANG",
  "full",
  ["SKU", "目标市场", "说明书语言"],
  [
    ["US + DE with English and German", ["A", "US, DE", "EN, DE"], []],
    ["names in Chinese", ["A", "美国、德国", "英语、德语"], []],
    ["France without French fails", ["A", "US, FR", "English"], ["error"]],
    ["blank manual languages fail", ["A", "JP", ""], ["error"]],
    ["Canada accepts English or French", ["A", "CA", "French"], []],
    ["unknown market → missing", ["A", "Atlantis", "EN"], ["missing"]],
  ],
);

table(
  "FULL-K-BATTERY",
  "full",
  ["SKU", "含电池", "UN38.3"],
  [
    ["battery with report", ["A", "是", "UN38.3-2024-001"], []],
    ["battery without report", ["A", "Y", ""], ["error"]],
    ["no battery", ["A", "否", ""], []],
    ["battery blank → missing", ["A", "", ""], ["missing"]],
  ],
);

table(
  "FULL-K-RESTOCK",
  "full",
  ["SKU", "入仓日期", "补货计划日期"],
  [
    ["7 days before passes", ["A", "2024-06-01", "2024-06-08"], []],
    ["6 days before fails", ["A", "2024-06-02", "2024-06-08"], ["error"]],
    ["Excel serials", ["A", 45444, 45460], []],
    ["Chinese date text", ["A", "2024年6月1日", "2024/6/5"], ["error"]],
    ["unreadable date → missing", ["A", "next week", "2024-06-08"], ["missing"]],
  ],
);

describe("not checked when the column is absent (rules-spec §0)", () => {
  test("a sheet without a weight column: SEMI-K-WEIGHT not checked, rows not INCOMPLETE for it", () => {
    const rows = run("semi", ["SKU", "类目"], [["A", "家居"]]);
    expect(rows[0]!.status).toBe("ELIGIBLE");
  });
});
