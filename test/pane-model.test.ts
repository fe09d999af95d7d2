/**
 * The pane's model (src/taskpane/model.ts) on real runs of the samples and on built rows: the
 * rules in words, the per-SKU rows and filters, "what to fix", the compare decision, option
 * errors in both languages, CANNOT_CHECK groups and the disputes CSV.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Engine, type Issue, type RowResult } from "../src/engine";
import type { CheckSummary } from "../src/pipeline/run";
import type { LineResult, ReconcileSummary } from "../src/pipeline/reconcile";
import { cannotCheckGroups, cannotCheckText, runReconcile } from "../src/pipeline/reconcile";
import { readBack } from "./xlsx-helpers";
import { runCheck } from "../src/pipeline/run";
import {
  disputesCsv,
  feeOptionsOf,
  filterRows,
  modeDecision,
  packInfo,
  ruleWords,
  skuRows,
  whatToFix,
  type SkuRow,
} from "../src/taskpane/model";
import { themeFor } from "../src/taskpane/App";
import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { XlsxPort } from "../src/xlsx/port";
import { reasonText, type CannotCheckReason } from "../src/engine/reconcile";

const engine = new Engine();
const sample = (name: string) => new Uint8Array(readFileSync(join(__dirname, "../assets/samples", name)));

async function check(mode: "semi" | "full" | "compare"): Promise<CheckSummary> {
  const port = await XlsxPort.open(sample("catalog-semi.xlsx"));
  const result = await runCheck(port, engine, { mode, lang: "en" });
  if (!result.ok) throw new Error(result.message.en);
  return result;
}

const issue = (ruleId: string, severity: Issue["severity"]): Issue => ({
  ruleId: ruleId as Issue["ruleId"],
  severity,
  expected: "",
  received: "",
  message: { en: `${ruleId} failed`, zh: `${ruleId} 未通过` },
});
const result = (issues: Issue[], feeFen?: number): RowResult =>
  ({
    status: issues.some((i) => i.severity === "error")
      ? "NOT_ELIGIBLE"
      : issues.some((i) => i.severity === "missing")
        ? "INCOMPLETE"
        : "ELIGIBLE",
    issues,
    fee: feeFen === undefined ? undefined : { totalFen: feeFen, amountCnyFen: 10_000, components: [] },
    weights: undefined,
  }) as unknown as RowResult;

/** A summary over built rows (only what the model reads). */
function built(
  modes: Partial<Record<"full" | "semi", Array<RowResult | undefined>>>,
  costs: Array<number | undefined> = [],
): CheckSummary {
  const list = Object.keys(modes) as Array<"full" | "semi">;
  const n = modes[list[0]!]!.length;
  return {
    firstDataRow: 2,
    modes: list.map((mode) => ({ mode })),
    perRow: { skus: Array.from({ length: n }, (_, i) => `S${i}`), costs, results: modes },
  } as unknown as CheckSummary;
}

test("a rule in words: its title from the pack in each language, and the pack's version and date", () => {
  expect(ruleWords(engine, "SEMI-K-WEIGHT", "en").title).toBe(engine.pack.rules["SEMI-K-WEIGHT"].title.en);
  expect(ruleWords(engine, "SEMI-K-WEIGHT", "zh").title).toBe(engine.pack.rules["SEMI-K-WEIGHT"].title.zh);
  expect(ruleWords(engine, "SEMI-K-WEIGHT", "zh").title).toMatch(/[\u4e00-\u9fff]/);
  expect(ruleWords(engine, "NOT-A-RULE", "en")).toEqual({ id: "NOT-A-RULE", title: "NOT-A-RULE" });
  expect(packInfo(engine.pack)).toEqual({
    version: `${engine.pack.id} ${engine.pack.version}`,
    asOf: engine.pack.effectiveDate,
  });
});

test("the per-SKU rows of a real run: one per non-blank row, with the fee the sheet gets", async () => {
  const summary = await check("semi");
  const rows = skuRows(summary);
  expect(rows).toHaveLength(summary.rowsChecked);
  const first = rows.find((r) => r.sku === "HG-1001")!;
  expect(first.modes.semi).toMatchObject({ status: "ELIGIBLE", feeFen: 640 });
  // Filters: by status, by rule, by SKU text; the counts agree with the run's.
  expect(filterRows(rows, { status: "NOT_ELIGIBLE", rule: "" })).toHaveLength(
    summary.modes[0]!.counts.NOT_ELIGIBLE,
  );
  const dup = summary.tallies.find((t) => t.ruleId === "SEMI-K-DUP-LISTING")!;
  expect(filterRows(rows, { status: "", rule: "SEMI-K-DUP-LISTING" })).toHaveLength(dup.rows);
  expect(filterRows(rows, { status: "", rule: "", text: "hg-1001" }).map((r) => r.sku)).toEqual(["HG-1001"]);
  expect(filterRows(rows, { status: "", rule: "", text: String(first.row) })[0]).toBe(first);
});

test("what to fix: a rule counts as unblocking a row only where it alone blocks it; warnings never block", () => {
  const summary = built({
    semi: [
      result([issue("A", "error")]),
      result([issue("A", "error"), issue("B", "error")]),
      result([issue("B", "missing")]),
      result([issue("B", "missing")]),
      result([issue("C", "warning")]),
      undefined,
    ],
  });
  const fixes = whatToFix(skuRows(summary));
  expect(fixes.map((f) => [f.ruleId, f.unblocks, f.blocks])).toEqual([
    ["B", 2, 3],
    ["A", 1, 2],
  ]);
});

test("the compare decision: best mode only over rows computed in both, the rest counted apart by reason", () => {
  const ok = (fee: number) => result([], fee);
  const bad = () => result([issue("X", "error")]);
  const summary = built(
    {
      full: [ok(300), ok(500), ok(400), ok(100), bad(), result([])],
      semi: [ok(400), ok(200), ok(400), bad(), ok(100), result([])],
    },
    [1000, undefined, undefined, undefined, undefined, undefined],
  );
  const d = modeDecision(skuRows(summary), true);
  expect(d.compared).toBe(3);
  expect(d.best).toEqual({ full: 1, semi: 1, same: 1 });
  expect(d.comparedFeeFen).toEqual({ full: 1200, semi: 1000 });
  expect(d.notCompared).toEqual({ onlyFull: 1, onlySemi: 1, neither: 0, noFee: 1 });
  expect(d.perMode.full).toMatchObject({ eligible: 5, feeFen: 1300, feeRows: 4 });
  // Profit where there is a cost: 10,000 − 300 − 1,000.
  expect(d.perMode.full).toMatchObject({ profitFen: 8700, profitRows: 1 });
});

test("the compare decision of the sample adds up to its rows", async () => {
  const summary = await check("compare");
  const d = modeDecision(skuRows(summary), summary.mapping.byField.cost !== undefined);
  const not = d.notCompared;
  expect(d.compared + not.onlyFull + not.onlySemi + not.neither + not.noFee).toBe(summary.rowsChecked);
  expect(d.best.full + d.best.semi + d.best.same).toBe(d.compared);
  const counts = (m: "full" | "semi") => summary.modes.find((x) => x.mode === m)!.counts;
  expect(d.perMode.full.eligible).toBe(counts("full").ELIGIBLE + counts("full").ELIGIBLE_WITH_WARNINGS);
});

test("fee option errors name the option by its label, in the pane's language", () => {
  const zh = feeOptionsOf({ fx: "7,2", carton: "-3", rate: "七成" }, "zh");
  expect(zh.ok).toBe(false);
  const messages = zh.ok ? [] : zh.errors.map((e) => e.message);
  expect(messages).toEqual([
    "汇率（每单位外币兑人民币）: “7,2”不是数字",
    "单箱件数: 不能小于 1",
    "半托管协议费率: “七成”不是费率（如 2.8% 或 0.028）",
  ]);
  for (const m of messages) expect(m).not.toMatch(/fx|carton|rate|is not|must/);
  const en = feeOptionsOf({ fx: "7,2" }, "en");
  expect(en.ok ? [] : en.errors).toEqual([
    { key: "fx", message: "Exchange rate (CNY per unit): '7,2' is not a number" },
  ]);
  expect(feeOptionsOf({ fx: "7.2", carton: " " }, "zh")).toEqual({ ok: true, options: { fxRate: 7.2 } });
});

test("every option the form shows is refused in Chinese words from the engine's code (no 无法识别, no English)", () => {
  const zh = feeOptionsOf(
    { destination: "Mars", currency: "zz", vas: "-1", fulfilmentrate: "x", services: "gift wrap" },
    "zh",
  );
  const messages = zh.ok ? [] : zh.errors.map((e) => `${e.key}=${e.message}`);
  expect(messages).toEqual([
    "destination=目的国（运费表）: “Mars”不是国家（请写 ISO 代码如 DE，或国名如 德国/Germany）",
    "currency=未注明币种的金额的币种: “zz”不是币种代码（CNY、USD…）",
    "vas=全托管增值服务费（元/单）: 不能小于 0",
    "fulfilmentrate=无费率类目的全托管履约费率: “x”不是费率（如 2.8% 或 0.028）",
    "services=增值服务: “gift wrap”中有未知的服务（可选：贴标、拍照质检）",
  ]);
  for (const m of messages) expect(m).not.toMatch(/无法识别|is not|must|unknown/);
  const en = feeOptionsOf({ destination: "Mars" }, "en");
  expect(en.ok ? [] : en.errors.map((e) => e.message)).toEqual([
    "Destination country (rate card): 'Mars' is not a country (an ISO code such as DE, or a name such as 德国/Germany)",
  ]);
});

test("the reconciliation of the sample: every CANNOT_CHECK line in one group by its reason, the disputes as CSV", async () => {
  const port = await XlsxPort.open(sample("statement.xlsx"));
  const summary = (await runReconcile(port, engine, { mode: "semi", lang: "zh" })) as ReconcileSummary;
  expect(summary.ok).toBe(true);
  expect(summary.cannotCheckLines).toHaveLength(summary.counts.CANNOT_CHECK);
  expect(summary.disputed).toHaveLength(summary.counts.OVERCHARGED + summary.counts.UNDERCHARGED);
  // One record of the lines; the report's grouped counts and the pane's groups are both views of it.
  expect("cannotCheck" in summary).toBe(false);
  const groups = cannotCheckGroups(summary.cannotCheckLines);
  expect(groups.reduce((n, g) => n + g.lines.length, 0)).toBe(summary.counts.CANNOT_CHECK);
  const report = (await readBack(port.output as Uint8Array, "AE Report")).rows;
  const at = report.findIndex((r) => r[0] === "无法核对的行（按原因）");
  expect(report.slice(at + 2, at + 2 + groups.length)).toEqual(
    groups.map((g) => [
      g.code,
      g.lines.length,
      cannotCheckText(g.lines[0]!, "zh"),
      g.lines
        .slice(0, 5)
        .map((l) => l.row)
        .join(", "),
    ]),
  );
  const csv = disputesCsv(summary.disputed, "zh");
  expect(csv.startsWith("\uFEFF行,订单号,")).toBe(true);
  expect(csv.trim().split("\r\n")).toHaveLength(summary.disputed.length + 1);
});

test("lines group by the engine's reason code, each with its reason in the pane's language; CSV text that looks like a formula stays text", () => {
  const line = (
    row: number,
    reason: CannotCheckReason | undefined,
    verdict: LineResult["verdict"] = "CANNOT_CHECK",
  ): LineResult => ({
    row,
    orderId: `=HYPERLINK("x")`,
    mode: "semi",
    verdict,
    expectedFen: 100,
    chargedFen: 150,
    differenceFen: 50,
    refund: false,
    outcome: reason ? ({ verdict, reason } as LineResult["outcome"]) : undefined,
    duplicateRows: undefined,
    note: "-1.00, charged",
  });
  const groups = cannotCheckGroups([
    line(2, { code: "CHARGE_NOT_CNY", detail: "USD" }),
    line(3, { code: "NO_CHARGE" }),
    line(4, { code: "CHARGE_NOT_CNY", detail: "EUR" }),
    line(6, undefined),
  ]);
  expect(groups.map((g) => [g.code, g.lines.map((l) => l.row)])).toEqual([
    ["CHARGE_NOT_CNY", [2, 4]],
    ["NO_CHARGE", [3]],
    ["OTHER", [6]],
  ]);
  const text = cannotCheckText(groups[0]!.lines[0]!, "zh");
  expect(text).toBe(reasonText({ code: "CHARGE_NOT_CNY", detail: "USD" }, "zh"));
  expect(text).toMatch(/[\u4e00-\u9fff]/);
  expect(cannotCheckText(groups[2]!.lines[0]!, "zh")).toBe("-1.00, charged");
  const csv = disputesCsv([line(5, undefined, "OVERCHARGED")], "en");
  expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  expect(csv).toContain(`"'-1.00, charged"`);
  expect(csv).toContain(",1.5,1,0.5,OVERCHARGED,");
});

test("the pane follows Office's theme: dark on a dark Office theme, light otherwise and on the page", () => {
  expect(themeFor(undefined)).toBe(webLightTheme);
  expect(themeFor({ bodyBackgroundColor: "#FFFFFF" })).toBe(webLightTheme);
  const dark = themeFor({ bodyBackgroundColor: "#262626", bodyForegroundColor: "#FFFFFF" });
  expect(dark.colorNeutralBackground1).toBe("#262626");
  expect(dark.colorBrandBackground).toBe(webDarkTheme.colorBrandBackground);
});

test("filters combine: status and rule together, over many rows", () => {
  const n = 30_000;
  const semi: RowResult[] = [];
  for (let i = 0; i < n; i++)
    semi.push(result(i % 3 === 0 ? [issue("A", "error")] : i % 3 === 1 ? [issue("B", "missing")] : [], 500));
  const rows: SkuRow[] = skuRows(built({ semi }));
  expect(filterRows(rows, { status: "NOT_ELIGIBLE", rule: "A" })).toHaveLength(n / 3);
  expect(filterRows(rows, { status: "INCOMPLETE", rule: "A" })).toHaveLength(0);
  expect(filterRows(rows, { status: "ELIGIBLE", rule: "" })).toHaveLength(n / 3);
  // No filter: the same array, not a copy.
  expect(filterRows(rows, { status: "", rule: "" })).toBe(rows);
});
