import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  applyPackOverride,
  CONFLICT_DECLS,
  defaultRulePack,
  Engine,
  RULE_IDS,
  statusOf,
  type Issue,
} from "../src/engine";

const pack = defaultRulePack();

describe("the default rule pack", () => {
  test("carries every rule id of rules-spec §1–§3 with source, severity and title", () => {
    // The shared rule book when it is beside the clone, else the copy kept in docs/.
    const shared = join(__dirname, "../../shared/rules-spec.md");
    const spec = readFileSync(existsSync(shared) ? shared : join(__dirname, "../docs/rules-spec.md"), "utf8");
    const specIds = [
      ...new Set(
        [...spec.matchAll(/\|\s*((?:FEE|SETTLE|DEPOSIT|SEMI|FULL)-[A-Z0-9-]+)\s*\|/g)].map((m) => m[1]!),
      ),
    ];
    expect(specIds.length).toBeGreaterThanOrEqual(55);
    expect([...RULE_IDS].sort()).toEqual([...specIds].sort());
    for (const id of RULE_IDS) {
      const rule = pack.rules[id];
      expect(rule.sources.length).toBeGreaterThan(0);
      expect(["error", "warning", "info", "missing"]).toContain(rule.severity);
      expect(rule.title.en.length && rule.title.zh.length).toBeTruthy();
    }
  });
  test("has id, version and effective date, and is plain JSON", () => {
    expect(pack).toMatchObject({
      id: "ae-modes-default",
      version: expect.any(String),
      effectiveDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(JSON.parse(JSON.stringify(pack))).toEqual(pack);
  });
  test("the defaults where sources are silent are documented in the pack", () => {
    expect(Object.keys(pack.rules["FEE-SEMI-FULFIL"].defaults)).toEqual(["firstWeightKg", "billingStepKg"]);
    expect(Object.keys(pack.rules["FEE-SEMI-PACK"].defaults)).toEqual(["packingFeePerOrder"]);
    expect(Object.keys(pack.rules["FEE-SEMI-VOLW"].defaults)).toEqual(["divisor"]);
  });
  test("the conflicts of §4 carry both values and the default chosen", () => {
    expect(Object.keys(CONFLICT_DECLS)).toEqual([
      "full-licence-age",
      "full-deposit",
      "full-settlement",
      "fulfilment-time",
    ]);
    expect(pack.rules["FULL-S-LICENSE-AGE"].conflict).toEqual({
      id: "full-licence-age",
      choice: "A",
      values: { A: "P1Y", B: "P90D" },
    });
    expect(pack.rules["SETTLE-FULL"].figures.days).toBe(15);
    expect(pack.rules["FEE-FULL-NODEPOSIT"].figures.deposit).toBe(0);
  });
});

describe("pack overrides", () => {
  test("a negotiated rate and a new fee table replace the figures", () => {
    const r = applyPackOverride(pack, {
      version: "seller-2025",
      rules: {
        "FEE-SEMI-BASE": { rate: "3%" },
        "FEE-SEMI-VOLW": { divisor: 5000 },
        "SEMI-K-CATEGORY": { severity: "error" },
      },
    });
    if (!r.ok) throw new Error(r.errors.join("; "));
    expect(r.pack.version).toBe("seller-2025");
    expect(r.pack.rules["FEE-SEMI-BASE"].figures.rate).toBe(0.03);
    expect(r.pack.rules["FEE-SEMI-VOLW"].figures.divisor).toBe(5000);
    expect(r.pack.rules["SEMI-K-CATEGORY"].severity).toBe("error");
    expect(pack.rules["FEE-SEMI-BASE"].figures.rate).toBe(0.035); // the default is untouched
  });
  test("a bad override is rejected whole, each problem naming its key", () => {
    const r = applyPackOverride(pack, {
      rules: {
        "FEE-SEMI-BAS": { rate: 0.03 },
        "FEE-SEMI-BASE": { rate: 3.5 },
        "FEE-SEMI-VOLW": { divisr: 5000 },
        "SEMI-K-WEIGHT": { maxKg: -1 },
        "SEMI-S-LICENSE-AGE": { minAge: "180 days" },
        "FEE-FULL-FULFIL": { rates: { pets: 0.05 } },
        "SEMI-K-DUP-LISTING": { maxListings: 5.5 },
      },
      conflicts: { "full-settlement": "C" },
      colours: {},
    });
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringContaining("colours: unknown key"),
        "rules.FEE-SEMI-BAS: unknown rule id (did you mean 'FEE-SEMI-BASE'?)",
        expect.stringContaining("rules.FEE-SEMI-BASE.rate: a rate must be between 0 and 1"),
        expect.stringContaining("rules.FEE-SEMI-VOLW.divisr: unknown figure (did you mean 'divisor'?)"),
        expect.stringContaining("rules.SEMI-K-WEIGHT.maxKg: must be at least 0 kg"),
        expect.stringContaining("rules.SEMI-S-LICENSE-AGE.minAge: expected a duration"),
        expect.stringContaining("rules.FEE-FULL-FULFIL.rates.pets: unknown category family"),
        expect.stringContaining("rules.SEMI-K-DUP-LISTING.maxListings: must be a whole number"),
        expect.stringContaining('conflicts.full-settlement: expected "A" or "B"'),
      ]),
    );
    expect(errors).toHaveLength(9);
  });
  test("not an object", () => {
    expect(applyPackOverride(pack, "3%")).toEqual({
      ok: false,
      errors: ["the override must be a JSON object"],
    });
  });
  test("category names and keywords are editable", () => {
    const r = applyPackOverride(pack, {
      categories: { 宠物用品: "home" },
      categoryKeywords: { "sports-outdoor": ["钓具"] },
    });
    if (!r.ok) throw new Error(r.errors.join("; "));
    const e = new Engine(r.pack);
    expect(e.compiled.categories.familyOf("宠物用品")).toBe("home");
    expect(e.compiled.categories.familyOf("路亚钓具")).toBe("sports-outdoor");
    expect(e.compiled.categories.familyOf("运动户外")).toBe("other"); // keywords of a family are replaced
  });
});

describe("row status", () => {
  const i = (severity: Issue["severity"]) => ({ severity });
  test.each([
    [[], "ELIGIBLE"],
    [[i("info")], "ELIGIBLE"],
    [[i("warning")], "ELIGIBLE_WITH_WARNINGS"],
    [[i("warning"), i("missing")], "INCOMPLETE"],
    [[i("missing"), i("error")], "NOT_ELIGIBLE"],
  ] as const)("%j → %s", (issues, status) => {
    expect(statusOf(issues)).toBe(status);
  });
});

describe("coverage: every rule id is named by a test", () => {
  test("grep RULE-ID test/ finds each id outside this file", () => {
    const dir = __dirname;
    const text = readdirSync(dir)
      .filter((f) => f.endsWith(".test.ts") && f !== "pack.test.ts")
      .map((f) => readFileSync(join(dir, f), "utf8"))
      .join("\n");
    const uncovered = RULE_IDS.filter((id) => !new RegExp(`["'\`\\s(]${id}["'\`\\s:)]`).test(text));
    expect(uncovered).toEqual([]);
  });
});
