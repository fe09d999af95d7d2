/**
 * One statement line reconciled by the engine, without a workbook: tables of lines worked out
 * by hand (rules-spec §1), their verdicts, expected fees, component differences and reason codes.
 */
import {
  CHARGED_COMPONENTS,
  duplicateNote,
  fullManagedFee,
  reasonText,
  reconcileLine,
  reconcileNote,
  resolveSemiRate,
  semiManagedFee,
  type Charge,
  type CheckMode,
  type ExpectedFee,
  type FieldName,
  type StatementLine,
} from "../src/engine";
import { compiled } from "./helpers";

const column = (field: FieldName, mode: CheckMode) =>
  CHARGED_COMPONENTS.find((c) => c.field === field && c.modes.includes(mode))!;

/** A line: mode, charged total (fen or currency), charged components by field. */
function line(
  mode: CheckMode | undefined,
  chargedTotal: Charge,
  components: Partial<Record<FieldName, Charge>> = {},
  negativeAmount = false,
): StatementLine {
  const entries = Object.entries(components) as Array<[FieldName, Charge]>;
  return {
    mode,
    modeText: mode ?? "自营",
    chargedTotal,
    columns: entries.map(([f]) => column(f, mode ?? "semi")),
    charged: entries.map(([, v]) => v),
    negativeAmount,
  };
}

// semi 100 CNY, 1.2 kg 30×20×10: base 3.50 + fulfilment 6.50 = 10.00
const semi100 = (): ExpectedFee =>
  semiManagedFee(
    compiled,
    { amount: 100, weightKg: 1.2, lengthCm: 30, widthCm: 20, heightCm: 10 },
    {},
    resolveSemiRate(compiled, undefined, undefined),
  );
// full 100 CNY apparel: commission 5.00 + fulfilment 3.80 = 8.80
const full100 = (): ExpectedFee => fullManagedFee(compiled, { amount: 100, category: "女装" }, {});
const noFee = (): ExpectedFee => fullManagedFee(compiled, { amount: 100, category: "运动户外" }, {});

describe("reconcileLine: verdicts and amounts", () => {
  test.each([
    ["semi, charged 10.00", line("semi", 1000), semi100, "MATCH", 1000, 0],
    ["semi, charged 10.01 (within 0.01)", line("semi", 1001), semi100, "MATCH", 1000, 1],
    ["semi, charged 10.02", line("semi", 1002), semi100, "OVERCHARGED", 1000, 2],
    ["semi, charged 9.00", line("semi", 900), semi100, "UNDERCHARGED", 1000, -100],
    ["full, charged 8.80", line("full", 880), full100, "MATCH", 880, 0],
    [
      "full, components only: 5.00 + 4.00",
      line("full", undefined, { chargedCommission: 500, chargedFulfilment: 400 }),
      full100,
      "OVERCHARGED",
      880,
      20,
    ],
    ["semi refund, charged −10.00", line("semi", -1000, {}, true), semi100, "MATCH", -1000, 0],
    ["semi refund by amount, charged 0", line("semi", 0, {}, true), semi100, "OVERCHARGED", -1000, 1000],
  ] as const)("%s", (_name, l, fee, verdict, expectedFen, differenceFen) => {
    const o = reconcileLine(l, fee, 1);
    expect([o.verdict, o.expectedFen, o.differenceFen]).toEqual([verdict, expectedFen, differenceFen]);
    expect(o.reason).toBeUndefined();
  });
  test("a refund: the flag and its note", () => {
    const o = reconcileLine(line("semi", -1000), semi100, 1);
    expect(o.refund).toBe(true);
    expect(reconcileNote(o, "en")).toBe("refund: fee reversed");
    expect(reconcileNote(o, "zh")).toBe("退款：费用冲回");
  });
});

describe("reconcileLine: component differences", () => {
  test("fulfilment charged 7.00 where 6.50 is expected: one difference, the total still compared", () => {
    const o = reconcileLine(line("semi", 1050, { chargedBase: 350, chargedFulfilment: 700 }), semi100, 1);
    expect(o.verdict).toBe("OVERCHARGED");
    expect(o.differences).toEqual([
      expect.objectContaining({
        field: "chargedFulfilment",
        chargedFen: 700,
        expectedFen: 650,
        differenceFen: 50,
      }),
    ]);
    expect(reconcileNote(o, "en")).toBe("fulfilment fee +0.50 (charged 7.00, expected 6.50)");
    expect(reconcileNote(o, "zh")).toBe("履约费+0.50（实扣7.00，应扣6.50）");
  });
  test("components within the tolerance and a blank one are not differences", () => {
    const o = reconcileLine(
      line("semi", undefined, { chargedBase: 351, chargedFulfilment: 650, chargedPacking: undefined }),
      semi100,
      1,
    );
    expect([o.verdict, o.chargedFen, o.differences]).toEqual(["MATCH", 1001, []]);
    expect(reconcileNote(o, "en")).toBeUndefined();
  });
  test("a refund's components are reversed too", () => {
    const o = reconcileLine(line("semi", -950, { chargedFulfilment: -600 }), semi100, 1);
    expect(o.differences).toEqual([expect.objectContaining({ expectedFen: -650, differenceFen: 50 })]);
    expect([o.verdict, o.differenceFen]).toEqual(["OVERCHARGED", 50]);
    expect(reconcileNote(o, "en")).toBe(
      "refund: fee reversed; fulfilment fee +0.50 (charged -6.00, expected -6.50)",
    );
  });
  test("a total that matches with a part booked differently reads as a match, not a difference", () => {
    // Total −10.00 as expected; the fulfilment column says −6.00 of it (the rules: −6.50).
    const o = reconcileLine(line("semi", -1000, { chargedFulfilment: -600 }), semi100, 1);
    expect(o.verdict).toBe("MATCH");
    expect(reconcileNote(o, "en")).toBe(
      "refund: fee reversed; total matches (charged -10.00, expected -10.00); the statement books the parts differently from the rules (fulfilment fee -6.00)",
    );
    expect(reconcileNote(o, "zh")).toBe(
      "退款：费用冲回；总额一致（实扣-10.00，应扣-10.00）；对账单的分项与规则不同（履约费 -6.00）",
    );
  });
  test("components that do not make the whole difference: the note leads with the total, in the verdict's direction", () => {
    // Charged 9.50 in total, the fulfilment column 7.00 (+0.50): the total is −0.50, UNDERCHARGED.
    const o = reconcileLine(line("semi", 950, { chargedFulfilment: 700 }), semi100, 1);
    expect([o.verdict, o.differenceFen]).toEqual(["UNDERCHARGED", -50]);
    expect(reconcileNote(o, "en")).toBe(
      "total -0.50 (charged 9.50, expected 10.00); fulfilment fee +0.50 (charged 7.00, expected 6.50)",
    );
  });
});

describe("reconcileLine: CANNOT_CHECK and its reason code", () => {
  const never = (): ExpectedFee => {
    throw new Error("the fee is not needed");
  };
  test.each([
    [
      "no mode",
      line(undefined, 1000),
      never,
      "MODE_UNKNOWN",
      undefined,
      "mode '自营' is neither semi nor full",
    ],
    [
      "a charge in USD",
      line("semi", 1000, { chargedBase: "USD" }),
      never,
      "CHARGE_NOT_CNY",
      undefined,
      "the charged fee (base service fee) is in USD: charges are reconciled in CNY (convert it to CNY)",
    ],
    [
      "nothing charged",
      line("semi", undefined, { chargedBase: undefined }),
      never,
      "NO_CHARGE",
      undefined,
      "no charged fee on the line (平台扣费 or its components)",
    ],
    [
      "no rate for the category",
      line("full", 900),
      noFee,
      "FEE_NOT_COMPUTED",
      900,
      "no full-managed fulfilment rate for category '运动户外' (sports & outdoor); give a rate to compute the fee",
    ],
    [
      "no fee and no issue",
      line("full", 900),
      () => ({ fee: undefined, issues: [] }),
      "FEE_NOT_COMPUTED",
      900,
      "the fee cannot be computed: the statement lacks a column it needs (the amount; for semi-managed the weight with length, width and height, or the billable weight 计费重量; for full-managed the category)",
    ],
  ] as const)("%s", (_name, l, fee, code, chargedFen, note) => {
    const o = reconcileLine(l, fee, 1);
    expect([o.verdict, o.reason?.code, o.chargedFen, o.expectedFen]).toEqual([
      "CANNOT_CHECK",
      code,
      chargedFen,
      undefined,
    ]);
    expect(reconcileNote(o, "en")).toBe(note);
    expect(reasonText(o.reason!, "zh")).not.toBe(note);
  });
  test("Chinese reason texts", () => {
    expect(reasonText({ code: "MODE_UNKNOWN", detail: "自营" }, "zh")).toBe("模式“自营”不是半托管或全托管");
    expect(reasonText({ code: "NO_CHARGE" }, "zh")).toBe("该行没有平台扣费（或各项费用）");
  });
  test("a refund whose fee cannot be computed keeps its refund flag and charge", () => {
    const o = reconcileLine(line("full", -900), noFee, 1);
    expect([o.verdict, o.refund, o.chargedFen]).toEqual(["CANNOT_CHECK", true, -900]);
  });
});

test("duplicateNote", () => {
  expect(duplicateNote([7, 8], "en")).toBe("duplicate order id (rows 7, 8)");
  expect(duplicateNote([7, 8], "zh")).toBe("订单号重复（第7、8行）");
});

test("CHARGE_NOT_CNY names the charged column, in both languages", () => {
  const r = {
    code: "CHARGE_NOT_CNY",
    detail: "USD",
    column: { en: "fulfilment fee", zh: "履约费" },
  } as const;
  expect(reasonText(r, "en")).toBe(
    "the charged fee (fulfilment fee) is in USD: charges are reconciled in CNY (convert it to CNY)",
  );
  expect(reasonText(r, "zh")).toBe("实扣费用（履约费）为USD：对账按人民币核对（请换算为人民币）");
});
