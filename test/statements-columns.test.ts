/**
 * A clerk's statements as a tester wrote them (the wrong verdicts found on /tmp/tester's files,
 * rebuilt here with exceljs): a semi-managed line's 平台佣金 is its base service fee; a charged column
 * the line's mode has no fee for is never dropped without a word; a matching total booked in other
 * parts reads as a match; a netted order's lines take the order's net verdict and are disputed
 * once. Run through the .xlsx port and the shared runReconcile (the CLI and the pane alike).
 */
import ExcelJS from "exceljs";
import { runReconcile, type ReconcileSummary } from "../src/pipeline/reconcile";
import { XlsxPort } from "../src/xlsx/port";
import { columnOf, engine, readBack } from "./xlsx-helpers";

async function statement(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("结算");
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function reconcile(rows: unknown[][], mode: "semi" | "full" = "semi", lang: "en" | "zh" = "en") {
  const port = await XlsxPort.open(await statement(rows));
  const result = await runReconcile(port, engine, { mode, lang, now: new Date("2026-12-01T00:00:00Z") });
  if (!result.ok) throw new Error(result.message.en);
  const output = port.output as Uint8Array;
  const sheet = (await readBack(output)).rows;
  const cell = (header: string) => (row: number) => sheet[row - 1]?.[columnOf(sheet, header)];
  return {
    result: result as ReconcileSummary,
    verdict: cell(lang === "en" ? "AE Reconciliation" : "AE 对账结果"),
    difference: cell(lang === "en" ? "AE Fee difference (CNY)" : "AE 费用差额(元)"),
    note: cell(lang === "en" ? "AE Reconciliation note" : "AE 对账说明"),
    disputes: (await readBack(output, "AE Disputes")).rows.slice(1),
  };
}

/** Every AE Disputes row's word is the direction of its difference. */
function expectSignsAgree(disputes: unknown[][]) {
  for (const r of disputes) {
    const diff = r[3] as number;
    expect(String(r[5])).toMatch(diff > 0 ? /^row \d+, OVERCHARGED/ : /^row \d+, UNDERCHARGED/);
  }
}

// Semi 家居: 100.00, 1.2 kg 30×20×10 → base 3.50 + fulfilment 6.50 = 10.00;
// 200.00, 0.8 kg → base 7.00 + fulfilment 5.00 = 12.00.
const SEMI_HEAD = (commission: string) => [
  "订单号",
  "模式",
  "类目",
  "订单金额",
  "重量(kg)",
  "长",
  "宽",
  "高",
  commission,
  "物流费",
  "放款金额",
];

describe("a semi-managed line's commission column is its base service fee", () => {
  test.each(["平台佣金", "佣金", "手续费", "基础服务费"])(
    "%s 3.50 with 物流费 6.50 is a MATCH; 7.00 with 5.50 is OVERCHARGED +0.50 everywhere",
    async (header) => {
      const { result, verdict, difference, note, disputes } = await reconcile([
        SEMI_HEAD(header),
        ["S-1", "半托管", "家居", 100, 1.2, 30, 20, 10, 3.5, 6.5, 90],
        ["S-2", "半托管", "家居", 200, 0.8, 10, 10, 10, 7, 5.5, 187.5],
        ["S-3", "半托管", "家居", 100, 1.2, 30, 20, 10, 3, 6.5, 90.5],
      ]);
      // Before: S-1 UNDERCHARGED −3.50 (平台佣金 dropped), S-2 UNDERCHARGED −6.50 with a +0.50 note.
      expect([verdict(2), difference(2), note(2)]).toEqual(["MATCH", 0, undefined]);
      expect([verdict(3), difference(3)]).toEqual(["OVERCHARGED", 0.5]);
      expect(note(3)).toBe("fulfilment fee +0.50 (charged 5.50, expected 5.00)");
      expect([verdict(4), difference(4)]).toEqual(["UNDERCHARGED", -0.5]);
      expect(note(4)).toMatch(/^base service fee.* -0\.50 \(charged 3\.00, expected 3\.50\)$/);
      expect(result.counts).toEqual({ MATCH: 1, OVERCHARGED: 1, UNDERCHARGED: 1, CANNOT_CHECK: 0 });
      expect([result.overchargedFen, result.underchargedFen]).toEqual([50, 50]);
      expect(disputes.map((r) => [r[0], r[3]])).toEqual([
        ["S-2", 0.5],
        ["S-3", -0.5],
      ]);
      expectSignsAgree(disputes);
      expect(result.disputed.map((l) => [l.verdict, l.differenceFen])).toEqual([
        ["OVERCHARGED", 50],
        ["UNDERCHARGED", -50],
      ]);
    },
  );

  test("a component differing against the line's total names the total in the note and in AE Disputes", async () => {
    // 平台扣费 9.50 in total, 物流费 7.00 of it: the line is −0.50, the fulfilment part +0.50.
    const { verdict, note, disputes } = await reconcile([
      ["订单号", "模式", "类目", "订单金额", "重量(kg)", "长", "宽", "高", "平台扣费", "物流费"],
      ["S-4", "半托管", "家居", 100, 1.2, 30, 20, 10, 9.5, 7],
    ]);
    expect(verdict(2)).toBe("UNDERCHARGED");
    expect(note(2)).toBe(
      "total -0.50 (charged 9.50, expected 10.00); fulfilment fee +0.50 (charged 7.00, expected 6.50)",
    );
    expect(disputes).toEqual([
      ["S-4", 7, 6.5, 0.5, "fulfilment fee", "row 2, OVERCHARGED (line total UNDERCHARGED -0.50)"],
      ["S-4", 9.5, 10, -0.5, "total", "row 2, UNDERCHARGED; the components differ by +0.50 of it"],
    ]);
  });
});

describe("a charged column that does not apply to the line's mode is never dropped silently", () => {
  // Full 服饰 100.00: commission 5.00 + fulfilment 3.80 = 8.80. Semi 家居 100.00, billable 1.5 kg: 3.50 + 6.50.
  const HEAD = ["订单号", "模式", "类目", "订单金额", "计费重量", "基础服务费", "物流费", "转运费"];
  test("基础服务费 on a full-managed line is its base commission; a charge in 转运费 makes it CANNOT_CHECK in words", async () => {
    const { result, verdict, note, disputes } = await reconcile([
      HEAD,
      ["F-1", "全托管", "服饰", 100, null, 5, 3.8, null],
      ["F-2", "全托管", "服饰", 100, null, 5, 3.8, 1],
      ["F-3", "全托管", "服饰", 100, null, 5, 3.8, 0],
      ["S-1", "半托管", "家居", 100, 1.5, 3.5, 6.5, null],
      ["F-4", "全托管", "服饰", 100, null, 4, 3.8, null],
    ]);
    // Before: F-1 UNDERCHARGED −5.00 with an empty note.
    expect([verdict(2), note(2)]).toEqual(["MATCH", undefined]);
    expect(verdict(3)).toBe("CANNOT_CHECK");
    expect(note(3)).toBe(
      "CHARGE_NOT_ASSIGNED: the column '转运费' charges 1.00, a fee the rules do not have for a full-managed line: the line is not reconciled rather than leave the charge out",
    );
    expect([verdict(4), verdict(5)]).toEqual(["MATCH", "MATCH"]);
    expect([verdict(6), note(6)]).toEqual([
      "UNDERCHARGED",
      "commission (base service fee column) -1.00 (charged 4.00, expected 5.00)",
    ]);
    expect(result.cannotCheckLines.map((l) => [l.row, l.outcome?.reason?.code])).toEqual([
      [3, "CHARGE_NOT_ASSIGNED"],
    ]);
    expect(disputes.map((r) => r[0])).toEqual(["F-4"]);
    const zh = await reconcile([HEAD, ["F-2", "全托管", "服饰", 100, null, 5, 3.8, 1]], "semi", "zh");
    expect(zh.note(2)).toBe(
      "CHARGE_NOT_ASSIGNED：“转运费”列扣费1.00，全托管规则中没有这项费用：为免漏算，该行不核对",
    );
  });

  test("two columns of the same fee on one line (基础服务费 and 平台佣金 on a semi line): CANNOT_CHECK, not counted twice", async () => {
    const { verdict, note, disputes } = await reconcile([
      ["订单号", "模式", "类目", "订单金额", "计费重量", "基础服务费", "平台佣金", "物流费"],
      ["S-1", "半托管", "家居", 100, 1.5, 3.5, 3.5, 6.5],
      ["S-2", "半托管", "家居", 100, 1.5, 3.5, null, 6.5],
    ]);
    expect(verdict(2)).toBe("CANNOT_CHECK");
    expect(note(2)).toBe(
      "CHARGE_NOT_ASSIGNED: the columns '基础服务费' and '平台佣金' both charge the same fee on a semi-managed line (3.50 in '平台佣金'): the line is not reconciled rather than count it twice or drop one",
    );
    expect(verdict(3)).toBe("MATCH");
    expect(disputes).toEqual([]);
  });
});

describe("a matching total booked in other parts reads as a match", () => {
  test("平台佣金 8.80 (commission and fulfilment together), 物流费 blank: MATCH, and the note says the total matches", async () => {
    const { verdict, difference, note } = await reconcile(
      [
        ["订单号", "模式", "类目", "订单金额", "平台佣金", "物流费"],
        ["F-1", "全托管", "服饰", 100, 8.8, null],
      ],
      "full",
    );
    expect([verdict(2), difference(2)]).toEqual(["MATCH", 0]);
    // Before: "commission +3.80 (charged 8.80, expected 5.00)" on a MATCH.
    expect(note(2)).toBe(
      "total matches (charged 8.80, expected 8.80); the statement books the parts differently from the rules (commission 8.80); expected: Base commission 5.00 + Fulfilment fee 3.80 = 8.80",
    );
    expect(note(2)).not.toMatch(/\+3\.80/);
  });
});

describe("a netted order's lines take the order's net verdict", () => {
  const HEAD = ["订单号", "模式", "类目", "订单金额", "重量(kg)", "长", "宽", "高", "平台佣金", "物流费"];
  test("a sale and its refund netting to 0.00 are both MATCH; a real net difference is disputed once", async () => {
    const { result, verdict, difference, note, disputes } = await reconcile([
      HEAD,
      // N-1: the sale 3.00 short on fulfilment, the refund gives back 3.00 less: net 0.00.
      ["N-1", "半托管", "家居", 100, 1.2, 30, 20, 10, 3.5, 3, 93.5],
      // N-2: the sale +0.50 on fulfilment, the refund reverses the rules' fee: net +0.50.
      ["N-2", "半托管", "家居", 100, 1.2, 30, 20, 10, 3.5, 7, 89.5],
      ["N-1", "半托管", "家居", -100, 1.2, 30, 20, 10, -3.5, -3, -93.5],
      ["N-2", "半托管", "家居", -100, 1.2, 30, 20, 10, -3.5, -6.5, -90],
    ]);
    // Before: N-1's lines UNDERCHARGED −3.50 and OVERCHARGED +3.50, both in AE Disputes.
    expect([verdict(2), verdict(4)]).toEqual(["MATCH", "MATCH"]);
    expect([difference(2), difference(4)]).toEqual([0, 0]);
    expect(note(2)).toBe(
      "order net of its refund (rows 2, 4): charged 0.00, expected 0.00, difference 0.00, MATCH (this line alone -3.50)",
    );
    expect(note(4)).toBe(
      "refund: fee reversed; order net of its refund (rows 2, 4): charged 0.00, expected 0.00, difference 0.00, MATCH (this line alone +3.50)",
    );
    expect([verdict(3), verdict(5)]).toEqual(["OVERCHARGED", "OVERCHARGED"]);
    expect([difference(3), difference(5)]).toEqual([0.5, 0.5]);
    expect(disputes).toEqual([
      ["N-2", 7, 6.5, 0.5, "fulfilment fee", "row 3, OVERCHARGED; order net of its refund (rows 3, 5)"],
    ]);
    expectSignsAgree(disputes);
    expect(result.counts).toEqual({ MATCH: 2, OVERCHARGED: 2, UNDERCHARGED: 0, CANNOT_CHECK: 0 });
    expect([result.overchargedFen, result.underchargedFen, result.nettedOrders]).toEqual([50, 0, 2]);
    // The pane's disputed list (its CSV) has the order once, as its net.
    expect(result.disputed.map((l) => [l.orderId, l.chargedFen, l.expectedFen, l.differenceFen])).toEqual([
      ["N-2", 50, 0, 50],
    ]);
    expect(result.largest.map((l) => l.row)).toEqual([3]);
  });

  test("an order whose sale cannot be checked: its refund line is not a verdict of its own", async () => {
    const { result, verdict, note, disputes } = await reconcile([
      HEAD,
      ["N-3", "半托管", "家居", 100, null, null, null, null, 3.5, 6.5, 90],
      ["N-3", "半托管", "家居", -100, 1.2, 30, 20, 10, -3.5, -3, -93.5],
    ]);
    expect([verdict(2), verdict(3)]).toEqual(["CANNOT_CHECK", "CANNOT_CHECK"]);
    expect(note(3)).toBe(
      "ORDER_NET_UNKNOWN: order and its refund (rows 2, 3): one of the lines cannot be checked, so the order's net is not known",
    );
    expect(result.cannotCheckLines.map((l) => l.outcome?.reason?.code)).toEqual([
      "FEE_NOT_COMPUTED",
      "ORDER_NET_UNKNOWN",
    ]);
    expect(disputes).toEqual([]);
  });
});
