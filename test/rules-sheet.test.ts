import {
  applyPackOverride,
  applyRulesSheet,
  defaultRulePack,
  packChanges,
  rulesSheetDocument,
} from "../src/engine";

const base = defaultRulePack();

describe("the AE Rules sheet (rule id · figure · value)", () => {
  test("rows become the override document a JSON file gives", () => {
    const doc = rulesSheetDocument(
      [
        ["规则编号", "参数", "取值"],
        ["version", "", "2026.11"],
        ["生效日期", "2026-11-01"],
        ["FEE-SEMI-BASE", "rate", "3%"],
        ["fee-semi-fulfil", "continuedFeePerKg", "3.2"],
        ["SEMI-K-WEIGHT", "severity", "警告"],
        ["FEE-FULL-FULFIL", "rates.sports-outdoor", "4%"],
        ["SEMI-S-SYNC-CUTOFF", "cutoff", 0.6666666666666666],
        ["conflict", "full-licence-age", "b"],
        [],
      ],
      base,
    );
    expect(doc.override).toEqual({
      version: "2026.11",
      effectiveDate: "2026-11-01",
      rules: {
        "FEE-SEMI-BASE": { rate: "3%" },
        "FEE-SEMI-FULFIL": { continuedFeePerKg: 3.2 },
        "SEMI-K-WEIGHT": { severity: "warning" },
        "FEE-FULL-FULFIL": {
          rates: { ...base.rules["FEE-FULL-FULFIL"].figures.rates, "sports-outdoor": "4%" },
        },
        "SEMI-S-SYNC-CUTOFF": { cutoff: "16:00" },
      },
      conflicts: { "full-licence-age": "B" },
    });
  });

  test("applied, it changes what it says and the report lists exactly that", () => {
    const r = applyRulesSheet(base, [
      ["FEE-SEMI-BASE", "rate", "3%"],
      ["SEMI-K-WEIGHT", "severity", "warning"],
      ["version", "2026.11"],
    ]);
    if (!r.ok) throw new Error(r.errors.join("; "));
    expect(r.pack.rules["FEE-SEMI-BASE"].figures.rate).toBe(0.03);
    expect(packChanges(base, r.pack)).toEqual([
      "version 2024.1 → 2026.11".replace("2024.1", base.version),
      "FEE-SEMI-BASE.rate 0.035 → 0.03",
      "SEMI-K-WEIGHT severity error → warning",
    ]);
    expect(packChanges(base, base)).toEqual([]);
  });

  test("every problem is reported with its row, with the JSON override's messages, and nothing is applied", () => {
    const r = applyRulesSheet(base, [
      ["Rule id", "Figure", "Value"],
      ["FEE-SEMI-BAS", "rate", "3%"],
      ["FEE-SEMI-FULFIL", "billingStepKg", "0"],
      ["FEE-SEMI-BASE", "rat", "3%"],
      ["SEMI-K-WEIGHT", "severity", "fatal"],
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const json = applyPackOverride(base, { rules: { "FEE-SEMI-BAS": { rate: "3%" } } });
    expect(!json.ok && json.errors[0]).toBe(
      "rules.FEE-SEMI-BAS: unknown rule id (did you mean 'FEE-SEMI-BASE'?)",
    );
    expect(r.errors).toEqual([
      "row 2: rules.FEE-SEMI-BAS: unknown rule id (did you mean 'FEE-SEMI-BASE'?)",
      "row 3: rules.FEE-SEMI-FULFIL.billingStepKg: must be at least 0.001 kg, got 0",
      expect.stringMatching(/^row 4: rules\.FEE-SEMI-BASE\.rat: unknown figure \(did you mean 'rate'\?\)/),
      'row 5: rules.SEMI-K-WEIGHT.severity: expected one of error, warning, info, missing, got "fatal"',
    ]);
    expect(applyRulesSheet(base, [["规则编号", "参数", "取值"]])).toEqual({
      ok: false,
      errors: ["the sheet has no rule rows (rule id · figure · value)"],
    });
  });
});
