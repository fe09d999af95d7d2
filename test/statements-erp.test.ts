/**
 * A clerk's statement as a settlement export writes it (issue 13): 订单号, 类目, 订单金额, 平台佣金,
 * 推广联盟佣金, 物流费, 放款金额, a refund line sharing its order's id, a repeated sale line, a total-only
 * charge, lines that cannot be checked, a 合计 row. Built here with exceljs, run through the .xlsx port.
 */
import ExcelJS from "exceljs";
import { cannotCheckCounts, runReconcile, type ReconcileSummary } from "../src/pipeline/reconcile";
import { XlsxPort } from "../src/xlsx/port";
import { columnOf, engine, readBack } from "./xlsx-helpers";

async function statement(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("结算明细");
  ws.addRow(["速卖通全托管结算明细 2026-11"]);
  ws.mergeCells("A1:F1");
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function reconcile(bytes: Uint8Array, lang: "en" | "zh" = "en") {
  const port = await XlsxPort.open(bytes);
  const result = await runReconcile(port, engine, {
    mode: "full",
    lang,
    now: new Date("2026-12-01T00:00:00Z"),
  });
  if (!result.ok) throw new Error(result.message.en);
  return { result: result as ReconcileSummary, output: port.output as Uint8Array };
}

const HEAD = ["订单号", "类目", "订单金额", "平台佣金", "推广联盟佣金", "物流费", "放款金额"];
// Full-managed, 服饰 100.00: commission 5.00 + fulfilment 3.80 = 8.80.
const LINES = [
  HEAD,
  ["AE-1", "女装", 100, 5, 1, 3.8, 90.2],
  ["AE-2", "女装", 100, 5, 0, 4.3, 90.7],
  ["AE-3", "女装", 100, 5, 0, 3.8, 91.2],
  ["AE-3", "女装", 100, 5, 0, 3.8, 91.2],
  ["AE-2", "女装", -100, -5, 0, -3.8, -91.2],
  ["AE-4", "", 100, 5, 0, 3.8, 91.2],
  ["AE-5", "女装", 100, null, null, null, 100],
  ["AE-6", "", 50, 2.5, 0, 2, 45.5],
  [null, "合计", 550, 27.5, 1, 22.7, 599.7],
];

describe("statements from a settlement export", () => {
  test("a refund sharing its order's id is netted with the order, not a duplicate; true duplicates are flagged", async () => {
    const { result, output } = await reconcile(await statement(LINES));
    expect(result.lines).toBe(8);
    expect(result.totalsRows).toEqual([11]);
    expect(result.nettedOrders).toBe(1);
    expect(result.duplicateLines).toBe(2);
    const { rows } = await readBack(output);
    const note = (row: number) => rows[row - 1]?.[columnOf(rows, "AE Reconciliation note", 2)];
    const verdict = (row: number) => rows[row - 1]?.[columnOf(rows, "AE Reconciliation", 2)];
    // Row 4 (AE-2, fulfilment 4.30 instead of 3.80) and its refund on row 7: the order's net is
    // +0.50, the verdict of both its lines.
    expect([verdict(3), verdict(4), verdict(7)]).toEqual(["MATCH", "OVERCHARGED", "OVERCHARGED"]);
    expect(note(4)).toBe(
      "fulfilment fee +0.50 (charged 4.30, expected 3.80); order net of its refund (rows 4, 7): charged 0.50, expected 0.00, difference +0.50, OVERCHARGED",
    );
    expect(note(7)).toContain("refund: fee reversed; order net of its refund (rows 4, 7)");
    expect(note(7)).not.toContain("duplicate");
    expect([note(5), note(6)]).toEqual(["duplicate order id (rows 5, 6)", "duplicate order id (rows 5, 6)"]);
    // The 合计 row gets no AE cells.
    expect(verdict(11)).toBeUndefined();
  });

  test("CANNOT_CHECK lines carry a reason code and words; the report groups them by reason with counts", async () => {
    const { result, output } = await reconcile(await statement(LINES));
    expect(
      cannotCheckCounts(result.cannotCheckLines, "en").map((g) => [g.code, g.lines, g.firstRows]),
    ).toEqual([
      ["FEE_NOT_COMPUTED", 2, [8, 10]],
      ["NO_CHARGE", 1, [9]],
    ]);
    const { rows } = await readBack(output);
    const note = (row: number) => rows[row - 1]?.[columnOf(rows, "AE Reconciliation note", 2)];
    expect(note(8)).toBe("FEE_NOT_COMPUTED: category is blank");
    expect(note(9)).toBe("NO_CHARGE: no charged fee on the line (平台扣费 or its components)");
    const report = (await readBack(output, "AE Report")).rows;
    const at = report.findIndex((r) => r[0] === "Lines that cannot be checked, by reason");
    expect(report.slice(at + 1, at + 4)).toEqual([
      ["Reason code", "Lines", "Reason (example)", "First rows"],
      ["FEE_NOT_COMPUTED", 2, "category is blank", "8, 10"],
      ["NO_CHARGE", 1, "no charged fee on the line (平台扣费 or its components)", "9"],
    ]);
  });

  test("an overcharge on a total-only line names the expected breakdown; disputes go to 'AE Disputes'", async () => {
    const bytes = await statement([
      ["订单号", "类目", "订单金额", "平台扣费"],
      ["AE-9", "女装", 100, 9.3],
      ["AE-10", "女装", 100, 8.8],
      ["AE-11", "家居", 200, 17],
      ["=HYPERLINK(1)", "女装", 100, 8],
    ]);
    const { result, output } = await reconcile(bytes);
    expect(result.counts).toEqual({ MATCH: 1, OVERCHARGED: 1, UNDERCHARGED: 2, CANNOT_CHECK: 0 });
    const { rows } = await readBack(output);
    const note = (row: number) => rows[row - 1]?.[columnOf(rows, "AE Reconciliation note", 2)];
    expect(note(3)).toBe("expected: Base commission 5.00 + Fulfilment fee 3.80 = 8.80");
    const disputes = (await readBack(output, "AE Disputes")).rows;
    expect(disputes[0]).toEqual([
      "Order ID",
      "Charged (CNY)",
      "Expected (CNY)",
      "Difference (CNY)",
      "Component",
      "Note",
    ]);
    expect(disputes.slice(1)).toEqual([
      [
        "AE-9",
        9.3,
        8.8,
        0.5,
        "total",
        "row 3, OVERCHARGED; expected: Base commission 5.00 + Fulfilment fee 3.80 = 8.80",
      ],
      [
        "AE-11",
        17,
        19,
        -2,
        "total",
        "row 5, UNDERCHARGED; expected: Base commission 10.00 + Fulfilment fee 9.00 = 19.00",
      ],
      [
        "=HYPERLINK(1)",
        8,
        8.8,
        -0.8,
        "total",
        "row 6, UNDERCHARGED; expected: Base commission 5.00 + Fulfilment fee 3.80 = 8.80",
      ],
    ]);
    expect(result.disputes).toBe(3);
  });

  test("component disputes, one row per component; with --lang zh the verdicts are 一致 / 多扣 / 少扣 / 无法核对", async () => {
    const { output } = await reconcile(await statement(LINES), "zh");
    const { rows } = await readBack(output);
    const verdicts = rows.slice(2, 10).map((r) => r[columnOf(rows, "AE 对账结果", 2)]);
    expect(verdicts).toEqual(["一致", "多扣", "一致", "一致", "多扣", "无法核对", "无法核对", "无法核对"]);
    const disputes = (await readBack(output, "AE Disputes")).rows;
    expect(disputes).toEqual([
      ["订单号", "实扣(元)", "应扣(元)", "差额(元)", "费用项", "说明"],
      ["AE-2", 4.3, 3.8, 0.5, "履约费", "第4行，多扣；订单与退款合并（第4、7行）"],
    ]);
    const report = (await readBack(output, "AE Report")).rows;
    expect(report.find((r) => r[0] === "结果用词")?.[1]).toBe(
      "一致 = MATCH；多扣 = OVERCHARGED；少扣 = UNDERCHARGED；无法核对 = CANNOT_CHECK",
    );
  });
});
