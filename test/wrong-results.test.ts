/**
 * Three results that were wrong (issue 11), each worked out by hand from rules-spec:
 * the fulfilment-rate option only fills in a missing category rate; SEMI-S-SCOPE needs goods
 * import/export; every issue line shows its severity next to the rule id.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  evaluateSeller,
  fullManagedFee,
  optionErrorText,
  parseOptionsText,
  readFeeOptions,
  epochDayOf,
} from "../src/engine";
import { main } from "../src/cli/check";
import type * as AEModule from "../src/functions/functions";
import { issueLines } from "../src/functions/core";
import { runReconcile } from "../src/pipeline/reconcile";
import { XlsxPort } from "../src/xlsx/port";
import { feeOptionsOf } from "../src/taskpane/model";
import { compiled } from "./helpers";
import { check, columnOf, engine, makeWorkbook, readBack } from "./xlsx-helpers";

class CfError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}
(globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = {
  Error: CfError,
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AE = require("../src/functions/functions") as typeof AEModule;
const NULL = null as unknown as undefined;

describe("fulfilmentrate fills in a missing category rate, never replaces a known one", () => {
  test("AE.FEE: apparel keeps 3.8 % (8.80), sports & outdoor takes the option (9.00)", () => {
    expect(AE.fee("full", 100, "服饰", NULL, NULL, NULL, NULL, [["fulfilmentrate=4%"]])).toBe(8.8);
    expect(AE.fee("full", 100, "消费电子", NULL, NULL, NULL, NULL, [["fulfilmentrate=4%"]])).toBe(10.2);
    expect(AE.fee("full", 100, "运动户外", NULL, NULL, NULL, NULL, [["fulfilmentrate=4%"]])).toBe(9);
  });
  test("fulfilmentrate.<category> changes that category's rate only", () => {
    expect(AE.fee("full", 100, "服饰", NULL, NULL, NULL, NULL, [["fulfilmentrate.apparel=4%"]])).toBe(9);
    expect(AE.fee("full", 100, "家居", NULL, NULL, NULL, NULL, [["fulfilmentrate.apparel=4%"]])).toBe(9.5);
    expect(AE.fee("full", 100, "运动户外", NULL, NULL, NULL, NULL, [["fulfilmentrate.sports=6%"]])).toBe(11);
    expect(AE.fee("full", 100, "运动户外", NULL, NULL, NULL, NULL, [["fulfilmentrate.运动户外=6%"]])).toBe(
      11,
    );
    const both = parseOptionsText("fulfilmentrate=4%; fulfilmentrate.home=5%");
    expect(both.ok && both.options).toEqual({ fulfilmentRate: 0.04, fulfilmentRates: { home: 0.05 } });
    const fee = (category: string) =>
      both.ok ? fullManagedFee(compiled, { amount: 100, category }, both.options).fee?.totalFen : undefined;
    expect([fee("家居"), fee("女装"), fee("运动户外"), fee("宠物用品")]).toEqual([1000, 880, 900, 900]);
  });
  test("a bad per-category key or rate is refused with its name", () => {
    const r = readFeeOptions({ "fulfilmentrate.toys": "4%", "fulfilmentrate.home": "150%" });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => optionErrorText(e, "en"))).toEqual([
      expect.stringContaining("fulfilmentrate.toys: unknown category 'toys'"),
      "fulfilmentrate.home: '150%' is not a rate (4% or 0.04)",
    ]);
  });
  test("the pane's field gives the same options", () => {
    const r = feeOptionsOf({ fulfilmentrate: "4%" }, "en");
    expect(r.ok && fullManagedFee(compiled, { amount: 100, category: "女装" }, r.options).fee?.totalFen).toBe(
      880,
    );
  });
  test("--fulfilment-rate in the CLI: the apparel row keeps 3.80 fulfilment", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ae-fr-"));
    const input = join(dir, "c.xlsx");
    writeFileSync(
      input,
      await makeWorkbook([
        ["SKU", "类目", "售价", "重量(kg)", "长", "宽", "高"],
        ["A-1", "女装", 100, 0.5, 10, 10, 10],
        ["A-2", "运动户外", 100, 0.5, 10, 10, 10],
      ]),
    );
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      expect(
        await main([input, "--mode", "full", "--fulfilment-rate", "4%", "--out", join(dir, "o.xlsx")]),
      ).toBe(0);
    } finally {
      log.mockRestore();
    }
    const { rows } = await readBack(new Uint8Array(readFileSync(join(dir, "o.xlsx"))));
    const col = columnOf(rows, "AE Fee fulfilment (CNY)");
    expect(col).toBeGreaterThan(0);
    expect([rows[1]?.[col], rows[2]?.[col]]).toEqual([3.8, 4]);
  });
  test("reconciliation with the option: a correctly charged apparel line is a MATCH", async () => {
    const bytes = await makeWorkbook([
      ["订单号", "模式", "订单金额", "类目", "基础佣金", "履约费", "扣费合计"],
      ["X-1", "全托管", 100, "女装", 5, 3.8, 8.8],
      ["X-2", "全托管", 100, "运动户外", 5, 4, 9],
    ]);
    const port = await XlsxPort.open(bytes);
    const r = await runReconcile(port, engine, {
      mode: "full",
      lang: "en",
      fees: { fulfilmentRate: 0.04 },
      now: new Date("2025-07-31T00:00:00Z"),
    });
    if (!r.ok) throw new Error(r.message.en);
    expect(r.counts).toMatchObject({ MATCH: 2, OVERCHARGED: 0, UNDERCHARGED: 0 });
  });
});

describe("SEMI-S-SCOPE needs import/export of goods (货物进出口)", () => {
  const asOf = epochDayOf(2025, 6, 30)!;
  const scope = (text: string) =>
    evaluateSeller(compiled, { businessScope: text }, "semi", { asOf })
      .issues.filter((i) => i.ruleId === "SEMI-S-SCOPE")
      .map((i) => i.severity);
  test.each([
    ["日用百货销售；技术进出口", ["error"]],
    ["技术进出口", ["error"]],
    ["销售货物；技术进出口", ["error"]],
    ["technology import and export", ["error"]],
    ["货物及技术进出口", []],
    ["货物进出口", []],
    ["进出口货物", []],
    ["日用百货销售；货物进出口；技术进出口", []],
    ["import and export of goods", []],
    ["Sale of daily goods; Import and Export of Goods and Technology", []],
  ])("%s", (text, expected) => {
    expect(scope(text)).toEqual(expected);
  });
});

describe("every issue line shows its severity next to the rule id", () => {
  const headers = [["SKU", "类目", "售价", "重量(g)", "长", "宽", "高", "仓库", "目标市场", "EPR注册号"]];
  const row = [["A", "家居", 50, 800, 30, 20, 10, "上海仓", "US", ""]];
  test("AE.ISSUES in English and Chinese", () => {
    expect(issueLines("en", "semi", headers, row, NULL)).toEqual([
      [
        "SEMI-K-WAREHOUSE (error): warehouse '上海仓' is not a semi-managed warehouse (菜鸟保税仓, 义乌集货仓, 东莞华南仓)",
      ],
    ]);
    const zh = issueLines("zh", "semi", headers, row, NULL);
    expect(zh).toHaveLength(1);
    expect(zh[0]?.[0]).toMatch(/^SEMI-K-WAREHOUSE（错误）：/);
  });
  test("AE.ISSUES seller lines", () => {
    const lines = issueLines("en", "semi", headers, row, [["DSR", 4.5]]).flat();
    expect(lines).toContainEqual(expect.stringMatching(/^seller SEMI-S-DSR \(error\): /));
  });
  test("the AE Issues cell, in the run's language", async () => {
    const bytes = await makeWorkbook([
      ["SKU", "类目", "售价", "重量(g)", "长", "宽", "高", "仓库", "目标市场"],
      ["A", "家居", 50, 800, 30, 20, 10, "上海仓", "US"],
    ]);
    for (const [lang, expected] of [
      ["en", /^SEMI-K-WAREHOUSE \(error\): warehouse '上海仓' .* \(H2\)$/],
      ["zh", /^SEMI-K-WAREHOUSE（错误）：.*（H2）$/],
    ] as const) {
      const { output } = await check(bytes, { mode: "semi", lang });
      const { rows } = await readBack(output as Uint8Array);
      const col = columnOf(rows, lang === "en" ? "AE Issues" : "AE 问题");
      expect(col).toBeGreaterThan(0);
      expect(String(rows[1]?.[col])).toMatch(expected);
    }
  });
});
