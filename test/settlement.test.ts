import {
  applyPackOverride,
  defaultRulePack,
  depositOf,
  Engine,
  epochDayOf,
  evaluateSeller,
  settlementOf,
} from "../src/engine";

const pack = defaultRulePack();

describe("settlement and deposits (rules-spec §1.3)", () => {
  const day = epochDayOf(2024, 6, 1)!;
  test("SETTLE-FULL T+15, SETTLE-SEMI 14 days, SETTLE-SELF T+3 to T+7", () => {
    expect(settlementOf(pack, "full", day)).toMatchObject({
      earliest: day + 15,
      latest: day + 15,
      ruleId: "SETTLE-FULL",
    });
    expect(settlementOf(pack, "semi", day)).toMatchObject({
      earliest: day + 14,
      latest: day + 14,
      ruleId: "SETTLE-SEMI",
    });
    expect(settlementOf(pack, "self", day)).toMatchObject({
      earliest: day + 3,
      latest: day + 7,
      ruleId: "SETTLE-SELF",
    });
  });
  test("DEPOSIT-SEMI 20,000 refundable; FEE-FULL-NODEPOSIT none", () => {
    expect(depositOf(pack, "semi")).toEqual({ amountCny: 20000, refundable: true, ruleId: "DEPOSIT-SEMI" });
    expect(depositOf(pack, "full")).toEqual({
      amountCny: 0,
      refundable: false,
      ruleId: "FEE-FULL-NODEPOSIT",
    });
  });
  test("switching the conflicts to B: 21 days, 50,000 deposit, 90-day licence", () => {
    const r = applyPackOverride(pack, {
      conflicts: { "full-settlement": "B", "full-deposit": "B", "full-licence-age": "B" },
    });
    if (!r.ok) throw new Error(r.errors.join("; "));
    expect(settlementOf(r.pack, "full", day).earliest).toBe(day + 21);
    expect(depositOf(r.pack, "full")?.amountCny).toBe(50000);
    const e = new Engine(r.pack);
    const asOf = epochDayOf(2025, 6, 30)!;
    expect(evaluateSeller(e.compiled, { licenseDate: "2025-04-01" }, "full", { asOf }).issues).toEqual([]); // 90 days
    expect(
      evaluateSeller(new Engine().compiled, { licenseDate: "2025-04-01" }, "full", { asOf }).issues,
    ).toHaveLength(1);
  });
});
