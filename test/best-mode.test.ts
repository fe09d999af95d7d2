/**
 * AE Best mode as a coded value (engine), and its text only where written.
 */
import { bestModeKey, bestModeLabel, bestModeOf, bestModeText, type RowResult } from "../src/engine";

const row = (amountCnyFen: number | undefined, totalFen = 0, status = "ELIGIBLE") =>
  ({
    status,
    issues: [],
    fee: amountCnyFen === undefined ? undefined : { amountCnyFen, totalFen },
    weights: undefined,
  }) as unknown as RowResult;

describe("bestModeOf", () => {
  test.each([
    ["full keeps more (fee)", row(10_000, 880), row(10_000, 1000), undefined, "full", "fee", "full"],
    ["semi keeps more (profit)", row(10_000, 880), row(11_000, 1000), 5000, "semi", "profit", "semi"],
    ["same fee", row(10_000, 1000), row(10_000, 1000), undefined, "tie", "fee", "tie-fee"],
    ["same profit", row(10_000, 1000), row(10_000, 1000), 5000, "tie", "profit", "tie-profit"],
    ["only semi eligible", row(10_000, 100, "NOT_ELIGIBLE"), row(10_000, 9000), 0, "semi", "profit", "semi"],
    [
      "only full eligible with warnings (semi computed, not eligible)",
      row(10_000, 880, "ELIGIBLE_WITH_WARNINGS"),
      row(10_000, 900, "NOT_ELIGIBLE"),
      undefined,
      "full",
      "fee",
      "full",
    ],
  ] as const)("%s", (_name, full, semi, cost, kind, basis, key) => {
    const best = bestModeOf({ full, semi }, cost);
    expect(best).toEqual({ kind, basis, reasons: [] });
    expect(bestModeKey(best)).toBe(key);
  });
  test("one mode eligible and the other not computed: no recommendation, it says which and why (issue 13)", () => {
    const semi = {
      ...row(undefined, 0, "INCOMPLETE"),
      issues: [
        {
          ruleId: "FEE-SEMI-CHARGEW",
          severity: "missing",
          field: "length",
          expected: "a number of cm",
          received: "'25*7'",
          message: { en: "length: '25*7' is not a number of cm", zh: "长：'25*7' 不是数字" },
        },
      ],
    } as unknown as Parameters<typeof bestModeOf>[0]["semi"];
    const best = bestModeOf({ full: row(10_000, 880, "ELIGIBLE"), semi });
    expect(best).toMatchObject({
      kind: "none",
      onlyComputed: "full",
      reasons: [{ mode: "semi", reason: "INCOMPLETE" }],
    });
    expect(bestModeText(best, "en")).toBe(
      "none: semi INCOMPLETE (length: '25*7' is not a number of cm); full alone is eligible",
    );
    expect(bestModeText(best, "zh")).toBe("无：半托管信息不全（长：'25*7' 不是数字）；仅全托管符合");
  });
  test("none: each mode's reason as a code (in Chinese, its status word)", () => {
    const best = bestModeOf({ full: row(10_000, 100, "NOT_ELIGIBLE"), semi: row(undefined) });
    expect(best).toEqual({
      kind: "none",
      basis: "fee",
      reasons: [
        { mode: "full", reason: "NOT_ELIGIBLE" },
        { mode: "semi", reason: "FEE_NOT_COMPUTED" },
      ],
    });
    expect(bestModeText(best, "en")).toBe("none: full NOT_ELIGIBLE, semi fee not computed");
    // Chinese has the status words (issue 13), not the codes.
    expect(bestModeText(best, "zh")).toBe("无：全托管不符合，半托管费用无法计算");
    expect(bestModeKey(best)).toBe("none");
  });
  test("both modes out: each names its first missing input; a fee not computed names the fee rule's note", () => {
    const blank = { en: "order amount is blank", zh: "订单金额为空" };
    const noDims = {
      en: "fee not computed: the sheet has no column for length, width and height",
      zh: "未计算费用：表中没有长、宽、高列",
    };
    const incomplete = {
      ...row(undefined, undefined, "INCOMPLETE"),
      issues: [{ ruleId: "FEE-FULL-COMMISSION", severity: "missing", message: blank }],
    } as unknown as Parameters<typeof bestModeOf>[0]["full"];
    const noFee = {
      ...row(undefined),
      issues: [
        { ruleId: "SEMI-K-EPR", severity: "warning", message: { en: "w", zh: "w" } },
        { ruleId: "FEE-SEMI-BASE", severity: "info", message: noDims },
      ],
    } as unknown as Parameters<typeof bestModeOf>[0]["semi"];
    const best = bestModeOf({ full: incomplete, semi: noFee });
    expect(bestModeText(best, "en")).toBe(
      "none: full INCOMPLETE (order amount is blank), semi fee not computed (the sheet has no column for length, width and height)",
    );
    expect(bestModeText(best, "zh")).toBe(
      "无：全托管信息不全（订单金额为空），半托管费用无法计算（表中没有长、宽、高列）",
    );
    // One side computed: the other's status, and its reason.
    const one = bestModeOf({ full: row(10_000, 880, "ELIGIBLE"), semi: noFee });
    expect(bestModeText(one, "en")).toBe(
      "none: semi fee not computed (the sheet has no column for length, width and height); full alone is eligible",
    );
  });
});

test("labels of the count keys, in both languages", () => {
  expect(
    (["full", "semi", "tie-fee", "tie-profit", "none"] as const).map((k) => [
      bestModeLabel(k, "en"),
      bestModeLabel(k, "zh"),
    ]),
  ).toEqual([
    ["full", "全托管"],
    ["semi", "半托管"],
    ["full = semi (same fee)", "全托管 = 半托管（费用相同）"],
    ["full = semi (same profit)", "全托管 = 半托管（利润相同）"],
    ["none", "无"],
  ]);
});
