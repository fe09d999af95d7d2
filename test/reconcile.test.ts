import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { fullManagedFee, resolveSemiRate, semiManagedFee } from "../src/engine";
import { runReconcile, type ReconcileSummary } from "../src/pipeline/reconcile";
import { XlsxPort } from "../src/xlsx/port";
import { columnOf, engine, makeWorkbook, readBack } from "./xlsx-helpers";

const STATEMENT = new Uint8Array(readFileSync(join(__dirname, "../assets/samples/statement.xlsx")));

async function reconcile(bytes: Uint8Array, tolerance = 0.01) {
  const port = await XlsxPort.open(bytes);
  const result = await runReconcile(port, engine, {
    mode: "semi",
    lang: "en",
    tolerance,
    now: new Date("2025-07-31T00:00:00Z"),
  });
  if (!result.ok) throw new Error(result.message.en);
  return { result, output: port.output as Uint8Array };
}

describe("the sample statement", () => {
  let summary: ReconcileSummary;
  let rows: unknown[][];
  beforeAll(async () => {
    const r = await reconcile(STATEMENT);
    summary = r.result;
    rows = (await readBack(r.output)).rows;
  });
  const line = (row: number, header: string) => rows[row - 1]?.[columnOf(rows, header, 2)];
  test.each([
    [3, "AE-1001", "MATCH", 10, 0, undefined],
    [4, "AE-1002", "OVERCHARGED", 10, 0.5, "fulfilment fee +0.50 (charged 7.00, expected 6.50)"],
    [5, "AE-1003", "UNDERCHARGED", 12, -1, "expected: Base service fee 7.00 + Fulfilment fee 5.00 = 12.00"],
    [6, "AE-1004", "MATCH", -10, 0, "refund: fee reversed"],
    [7, "AE-1005", "MATCH", 6.75, 0, "duplicate order id (rows 7, 8)"],
    [8, "AE-1005", "MATCH", 6.75, 0, "duplicate order id (rows 7, 8)"],
    [9, "AE-1007", "CANNOT_CHECK", undefined, undefined, "FEE_NOT_COMPUTED: weight is blank"],
    [
      10,
      "AE-1008",
      "CANNOT_CHECK",
      undefined,
      undefined,
      "FEE_NOT_COMPUTED: the amount is in USD: give an exchange rate (CNY per USD); fee not computed",
    ],
    [11, "AE-1009", "MATCH", 8.8, 0, undefined],
    [12, "AE-1010", "MATCH", 10.2, 0.01, undefined],
    [13, "AE-1011", "OVERCHARGED", 19, 0.5, "fulfilment fee +0.50 (charged 9.50, expected 9.00)"],
    [
      14,
      "AE-1012",
      "CANNOT_CHECK",
      undefined,
      undefined,
      "FEE_NOT_COMPUTED: no full-managed fulfilment rate for category '运动户外' (sports & outdoor); give a rate to compute the fee",
    ],
    [
      15,
      "AE-1013",
      "CANNOT_CHECK",
      undefined,
      undefined,
      "MODE_UNKNOWN: mode '自营' is neither semi nor full",
    ],
    [16, "AE-1014", "MATCH", 6.25, 0, undefined],
  ])("row %i (%s): %s", (row, orderId, verdict, expected, difference, note) => {
    expect(rows[row - 1]?.[0]).toBe(orderId);
    expect(line(row, "AE Reconciliation")).toBe(verdict);
    expect(line(row, "AE Expected fee (CNY)")).toBe(expected);
    expect(line(row, "AE Fee difference (CNY)")).toBe(difference);
    expect(line(row, "AE Reconciliation note")).toBe(note);
  });
  test("totals and counts", () => {
    expect(summary.counts).toEqual({ MATCH: 7, OVERCHARGED: 2, UNDERCHARGED: 1, CANNOT_CHECK: 4 });
    expect([
      summary.expectedFen,
      summary.chargedFen,
      summary.overchargedFen,
      summary.underchargedFen,
    ]).toEqual([7975, 7976, 100, 100]);
    expect([summary.refunds, summary.duplicateLines]).toEqual([1, 2]);
    expect(summary.largest.map((l) => l.row)).toEqual([5, 4, 13, 12]);
  });
  test("the report lists totals and the largest differences", async () => {
    const { output } = await reconcile(STATEMENT);
    const text = (await readBack(output, "AE Report")).rows
      .map((r) => r.map((v) => (v === undefined ? "" : String(v))).join(" | "))
      .join("\n");
    expect(text).toContain("Overcharged (CNY) | 1");
    expect(text).toContain("Undercharged (CNY) | 1");
    expect(text).toMatch(/5 \| AE-1003 \| semi \| 12 \| 11 \| -1 \| UNDERCHARGED/);
  });
  test("a re-run replaces its own columns", async () => {
    const first = (await reconcile(STATEMENT)).output;
    const second = (await reconcile(first)).output;
    expect((await readBack(second)).rows).toEqual((await readBack(first)).rows);
  });
  test("a line whose inputs were cleared after a run is skipped on the next, though its old AE cells remain", async () => {
    const first = (await reconcile(STATEMENT)).output;
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(first) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const verdictColumn = columnOf(rows, "AE Reconciliation", 2) + 1;
    // Row 3 (AE-1001, MATCH): the user clears every input cell, left of the AE columns.
    for (let c = 1; c < verdictColumn - 2; c++) ws.getRow(3).getCell(c).value = null;
    const { result, output } = await reconcile(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(result.lines).toBe(summary.lines - 1);
    expect(result.counts.MATCH).toBe(summary.counts.MATCH - 1);
    const back = (await readBack(output)).rows;
    expect(back[2]?.[verdictColumn - 1]).toBeUndefined();
    expect(back[3]?.[verdictColumn - 1]).toBe("OVERCHARGED");
  });
  test("the tolerance is an option", async () => {
    const { result } = await reconcile(STATEMENT, 0);
    expect(result.counts.OVERCHARGED).toBe(3); // AE-1010's 0.01 no longer matches
  });
});

describe("charges in another currency", () => {
  test("a charged fee or component that names a non-CNY currency is CANNOT_CHECK, naming it; ¥ and plain numbers are CNY", async () => {
    const bytes = await makeWorkbook([
      ["订单号", "模式", "订单金额", "类目", "重量(kg)", "长", "宽", "高", "履约费", "平台扣费"],
      ["A-1", "半托管", 100, "家居", 0.5, 10, 10, 10, 5, "US$8.50"],
      ["A-2", "半托管", 100, "家居", 0.5, 10, 10, 10, "$5.00", 8.5],
      ["A-3", "半托管", 100, "家居", 0.5, 10, 10, 10, "¥5.00", "¥8.50"],
    ]);
    const { result, output } = await reconcile(bytes);
    const rows = (await readBack(output)).rows;
    const note = (r: number) => rows[r]?.[columnOf(rows, "AE Reconciliation note")];
    const verdict = (r: number) => rows[r]?.[columnOf(rows, "AE Reconciliation")];
    expect([verdict(1), verdict(2), verdict(3)]).toEqual(["CANNOT_CHECK", "CANNOT_CHECK", "MATCH"]);
    expect(note(1)).toBe(
      "CHARGE_NOT_CNY: the charged fee (platform charge) is in USD: charges are reconciled in CNY (convert it to CNY)",
    );
    expect(note(2)).toBe(
      "CHARGE_NOT_CNY: the charged fee (fulfilment fee) is in USD: charges are reconciled in CNY (convert it to CNY)",
    );
    expect(result.counts.CANNOT_CHECK).toBe(2);
  });
  test("plain numbers under a header that names a currency are in it: 佣金(USD) is not CNY, 平台扣费(元) is", async () => {
    const bytes = await makeWorkbook([
      ["订单号", "模式", "订单金额", "类目", "重量(kg)", "长", "宽", "高", "履约费(美元)", "平台扣费(元)"],
      ["B-1", "半托管", 100, "家居", 0.5, 10, 10, 10, 5, 8.5],
      ["B-2", "半托管", 100, "家居", 0.5, 10, 10, 10, "¥5.00", 8.5],
      ["B-3", "半托管", 100, "家居", 0.5, 10, 10, 10, null, 8.5],
    ]);
    const { result, output } = await reconcile(bytes);
    const rows = (await readBack(output)).rows;
    const note = (r: number) => rows[r]?.[columnOf(rows, "AE Reconciliation note")];
    const verdict = (r: number) => rows[r]?.[columnOf(rows, "AE Reconciliation")];
    // B-1: 5 under 履约费(美元) is USD 5, not ¥5 (it would have matched ¥8.50 as CNY); B-2's cell names
    // ¥ itself; B-3 has no component, and its total is CNY by its header.
    expect([verdict(1), verdict(2), verdict(3)]).toEqual(["CANNOT_CHECK", "MATCH", "MATCH"]);
    expect(note(1)).toBe(
      "CHARGE_NOT_CNY: the charged fee (fulfilment fee) is in USD: charges are reconciled in CNY (convert it to CNY)",
    );
    expect(result.counts.CANNOT_CHECK).toBe(1);
    const usdTotal = await makeWorkbook([
      ["订单号", "模式", "订单金额", "类目", "重量(kg)", "长", "宽", "高", "平台扣费 (USD)"],
      ["C-1", "半托管", 100, "家居", 0.5, 10, 10, 10, 8.5],
    ]);
    const r2 = await reconcile(usdTotal);
    expect(r2.result.counts.CANNOT_CHECK).toBe(1);
    // The other ways an export writes a currency in a header, and other currencies (retest13).
    for (const [header, code] of [
      ["平台扣费(美金)", "USD"],
      ["平台扣费USD", "USD"],
      ["平台扣费 USD", "USD"],
      ["扣费总额美元", "USD"],
      ["平台扣费(HKD)", "HKD"],
      ["平台扣费（港币）", "HKD"],
      ["平台扣费 JPY", "JPY"],
    ]) {
      const one = await makeWorkbook([
        ["订单号", "模式", "订单金额", "类目", "重量(kg)", "长", "宽", "高", header],
        ["D-1", "半托管", 100, "家居", 0.5, 10, 10, 10, 8.5],
      ]);
      const r = await reconcile(one);
      const back = (await readBack(r.output)).rows;
      expect([header, back[1]?.[columnOf(back, "AE Reconciliation note")]]).toEqual([
        header,
        `CHARGE_NOT_CNY: the charged fee (platform charge) is in ${code}: charges are reconciled in CNY (convert it to CNY)`,
      ]);
    }
  });
});

describe("properties (fast-check)", () => {
  const HEADER = [
    "订单号",
    "模式",
    "订单金额",
    "类目",
    "重量(kg)",
    "长",
    "宽",
    "高",
    "基础服务费",
    "佣金",
    "履约费",
    "平台扣费",
  ];
  const lineArb = fc.record({
    mode: fc.constantFrom("semi", "full") as fc.Arbitrary<"semi" | "full">,
    amount: fc.integer({ min: 1, max: 500_000 }).map((f) => f / 100),
    category: fc.constantFrom("女装", "家居", "消费电子"),
    weight: fc.integer({ min: 10, max: 20_000 }).map((g) => g / 1000),
    l: fc.integer({ min: 1, max: 80 }),
    w: fc.integer({ min: 1, max: 60 }),
    h: fc.integer({ min: 1, max: 50 }),
  });
  type Line = {
    mode: "semi" | "full";
    amount: number;
    category: string;
    weight: number;
    l: number;
    w: number;
    h: number;
  };
  /** A statement line charged exactly what the engine expects, by component. */
  function chargedRow(i: number, x: Line): unknown[] {
    const fee =
      x.mode === "semi"
        ? semiManagedFee(
            engine.compiled,
            { amount: x.amount, weightKg: x.weight, lengthCm: x.l, widthCm: x.w, heightCm: x.h },
            {},
            resolveSemiRate(engine.compiled, undefined, undefined),
          ).fee!
        : fullManagedFee(engine.compiled, { amount: x.amount, category: x.category }, {}).fee!;
    const part = (id: string) => (fee.components.find((c) => c.id === id)?.fen ?? 0) / 100;
    return [
      `P-${i}`,
      x.mode === "semi" ? "半托管" : "全托管",
      x.amount,
      x.category,
      x.weight,
      x.l,
      x.w,
      x.h,
      x.mode === "semi" ? part("base") : null,
      x.mode === "full" ? part("commission") : null,
      part("fulfilment"),
      fee.totalFen / 100,
    ];
  }
  test("lines charged what the engine computes all MATCH; shifting one component by 0.02 flips exactly that line", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(lineArb, { minLength: 1, maxLength: 25 }),
        fc.nat(),
        fc.boolean(),
        async (lines, pick, onFulfilment) => {
          const rows = lines.map((x, i) => chargedRow(i, x));
          const clean = await reconcile(await makeWorkbook([HEADER, ...rows]));
          expect(clean.result.counts).toEqual({
            MATCH: lines.length,
            OVERCHARGED: 0,
            UNDERCHARGED: 0,
            CANNOT_CHECK: 0,
          });
          const k = pick % rows.length;
          const shifted = rows.map((r) => [...r]);
          const row = shifted[k] as unknown[];
          const column = onFulfilment ? 10 : row[8] !== null ? 8 : 9;
          row[column] = Math.round(((row[column] as number) + 0.02) * 100) / 100;
          row[11] = Math.round(((row[11] as number) + 0.02) * 100) / 100;
          const r = await reconcile(await makeWorkbook([HEADER, ...shifted]));
          expect(r.result.counts).toEqual({
            MATCH: lines.length - 1,
            OVERCHARGED: 1,
            UNDERCHARGED: 0,
            CANNOT_CHECK: 0,
          });
          const back = (await readBack(r.output)).rows;
          expect(back.findIndex((x) => x[columnOf(back, "AE Reconciliation")] === "OVERCHARGED")).toBe(k + 1);
          expect(String(back[k + 1]?.[columnOf(back, "AE Reconciliation note")])).toMatch(/\+0\.02/);
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);
});
