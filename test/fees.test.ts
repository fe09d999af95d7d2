import fc from "fast-check";
import {
  Engine,
  applyPackOverride,
  defaultRulePack,
  fullManagedFee,
  resolveSemiRate,
  semiManagedFee,
  sumDec,
  type FeeOptions,
  type OrderInput,
} from "../src/engine";
import { compiled, run } from "./helpers";

const baseRate = resolveSemiRate(compiled, undefined, undefined);
const semiFee = (order: OrderInput, options: FeeOptions = {}) =>
  semiManagedFee(
    compiled,
    order,
    options,
    resolveSemiRate(compiled, options.negotiatedRate, options.monthlyOrders),
  );
const parcel = { weightKg: 1.2, lengthCm: 30, widthCm: 20, heightCm: 10 };
const amounts = (r: ReturnType<typeof semiFee>) =>
  Object.fromEntries((r.fee?.components ?? []).map((c) => [c.id, c.amount.toFixed(2)]));

describe("semi-managed fee (rules-spec §1.1)", () => {
  test("FEE-SEMI-BASE: 3.5 % of the received amount, rounded half-up per component", () => {
    const r = semiFee({ amount: 19.99, ...parcel });
    expect(amounts(r)["base"]).toBe("0.70"); // 0.69965
    expect(r.fee?.total.toFixed(2)).toBe("7.20");
    expect(r.fee?.netPayout.toFixed(2)).toBe("12.79");
  });
  test("FEE-SEMI-FULFIL and FEE-SEMI-CHARGEW: fulfilment billed on max(actual, volumetric)", () => {
    // 40×30×20 / 6000 = 4 kg volumetric > 1.2 kg actual → 5 + 3×3 = 14
    const r = semiFee({ amount: 100, weightKg: 1.2, lengthCm: 40, widthCm: 30, heightCm: 20 });
    expect(r.fee?.weights?.volumetricKg.toString()).toBe("4");
    expect(r.fee?.weights?.chargeableKg.toString()).toBe("4");
    expect(amounts(r)["fulfilment"]).toBe("14.00");
  });
  test("FEE-SEMI-TRANSFER: more than 200 km adds 0.8 CNY per billable kg; exactly 200 km does not", () => {
    expect(amounts(semiFee({ amount: 100, ...parcel }, { distanceKm: 250 }))["transfer"]).toBe("1.20"); // 1.5 kg × 0.8
    expect(amounts(semiFee({ amount: 100, ...parcel }, { distanceKm: 200 }))["transfer"]).toBe("0.00");
    // the first-weight unit is billed in full: 0.3 kg → 1 kg → 0.80
    expect(
      amounts(
        semiFee({ amount: 100, weightKg: 0.3, lengthCm: 10, widthCm: 10, heightCm: 10 }, { distanceKm: 201 }),
      )["transfer"],
    ).toBe("0.80");
  });
  test("FEE-SEMI-PACK: 12 or more per carton → packing fee × 0.9; default packing fee 0 shows as 0", () => {
    expect(
      amounts(semiFee({ amount: 100, ...parcel }, { packingFee: 1.5, unitsPerCarton: 12 }))["packing"],
    ).toBe("1.35");
    expect(
      amounts(semiFee({ amount: 100, ...parcel }, { packingFee: 1.5, unitsPerCarton: 11 }))["packing"],
    ).toBe("1.50");
    expect(amounts(semiFee({ amount: 100, ...parcel }, { unitsPerCarton: 12 }))["packing"]).toBe("0.00");
  });
  test("FEE-SEMI-LABEL and FEE-SEMI-PHOTOQC: 2 and 5 CNY per order when chosen", () => {
    const r = semiFee({ amount: 100, ...parcel }, { services: { label: true, photoQc: true } });
    expect(amounts(r)["label"]).toBe("2.00");
    expect(amounts(r)["photoQc"]).toBe("5.00");
    expect(r.fee?.total.toFixed(2)).toBe("17.00"); // 3.50 + 6.50 + 2 + 5
    const none = semiFee({ amount: 100, ...parcel });
    expect(amounts(none)["label"]).toBe("0.00");
  });
  test("FEE-SEMI-TIER: negotiated rate from 5,000 monthly orders, never below 2.2 %", () => {
    const ok = semiFee({ amount: 100, ...parcel }, { negotiatedRate: 0.028, monthlyOrders: 5000 });
    expect(ok.issues).toHaveLength(0);
    expect(amounts(ok)["base"]).toBe("2.80");
    const few = semiFee({ amount: 100, ...parcel }, { negotiatedRate: 0.028, monthlyOrders: 4999 });
    expect(few.issues.map((i) => [i.ruleId, i.severity])).toEqual([["FEE-SEMI-TIER", "warning"]]);
    const unknown = semiFee({ amount: 100, ...parcel }, { negotiatedRate: 0.028 });
    expect(unknown.issues[0]?.severity).toBe("warning");
    const floor = semiFee({ amount: 100, ...parcel }, { negotiatedRate: 0.022, monthlyOrders: 9000 });
    expect(floor.issues).toHaveLength(0);
    const below = semiFee({ amount: 100, ...parcel }, { negotiatedRate: 0.0219, monthlyOrders: 9000 });
    expect(below.fee).toBeUndefined();
    expect(below.issues.map((i) => [i.ruleId, i.severity])).toEqual([["FEE-SEMI-TIER", "error"]]);
  });
  test("a foreign currency needs an exchange rate: missing issue, no fee, never a guess", () => {
    const r = semiFee({ amount: 10, currency: "USD", ...parcel });
    expect(r.fee).toBeUndefined();
    expect(r.issues.map((i) => [i.field, i.severity])).toEqual([["fxRate", "missing"]]);
    const ok = semiFee({ amount: 10, currency: "USD", ...parcel }, { fxRate: 7.12 });
    expect(ok.fee?.amountCny.toFixed(2)).toBe("71.20");
    expect(amounts(ok)["base"]).toBe("2.49"); // 71.2 × 0.035 = 2.492
  });
  test("a missing input leaves the fee blank with a missing issue (never 0)", () => {
    const r = semiFee({ ...parcel });
    expect(r.fee).toBeUndefined();
    expect(r.weights?.billableKg.toString()).toBe("1.5");
    expect(r.issues[0]).toMatchObject({ ruleId: "FEE-SEMI-BASE", severity: "missing", field: "amount" });
  });
});

describe("full-managed fee (rules-spec §1.2)", () => {
  test.each([
    ["女装", "apparel", "5.00", "3.80"],
    ["Consumer Electronics > Phone accessories", "electronics", "5.00", "5.20"],
    ["家居园艺", "home", "5.00", "4.50"],
  ])("FEE-FULL-COMMISSION 5 %% + FEE-FULL-FULFIL for %s (%s)", (category, _family, commission, fulfil) => {
    const r = fullManagedFee(compiled, { amount: 100, category }, {});
    const byId = Object.fromEntries(r.fee?.components.map((c) => [c.id, c.amount.toFixed(2)]) ?? []);
    expect(byId["commission"]).toBe(commission);
    expect(byId["fulfilment"]).toBe(fulfil);
    expect(byId["valueAdded"]).toBe("0.00");
  });
  test("FEE-FULL-FULFIL: a category without a rate (sports & outdoor) is missing, unless the user gives a rate", () => {
    const r = fullManagedFee(compiled, { amount: 100, category: "运动户外" }, {});
    expect(r.fee).toBeUndefined();
    expect(r.issues[0]).toMatchObject({ ruleId: "FEE-FULL-FULFIL", severity: "missing", field: "category" });
    expect(r.issues[0]?.message.en).toContain("运动户外");
    const given = fullManagedFee(compiled, { amount: 100, category: "运动户外" }, { fulfilmentRate: 0.04 });
    expect(given.fee?.total.toFixed(2)).toBe("9.00");
  });
  test("FEE-FULL-VAS: a user-given value-added amount", () => {
    expect(
      fullManagedFee(compiled, { amount: 100, category: "女装" }, { valueAdded: 3 }).fee?.total.toFixed(2),
    ).toBe("11.80");
  });
  test("FEE-FULL-NODEPOSIT: the full-managed fee has no deposit component", () => {
    const r = fullManagedFee(compiled, { amount: 100, category: "女装" }, {});
    expect(r.fee?.components.map((c) => c.id)).toEqual(["commission", "fulfilment", "valueAdded"]);
  });
  test("a rate table override adds sports & outdoor", () => {
    const o = applyPackOverride(defaultRulePack(), {
      rules: {
        "FEE-FULL-FULFIL": {
          rates: { apparel: 0.038, electronics: 0.052, home: 0.045, "sports-outdoor": "4.1%" },
        },
      },
    });
    if (!o.ok) throw new Error(o.errors.join("; "));
    const e = new Engine(o.pack);
    expect(fullManagedFee(e.compiled, { amount: 1000, category: "户外露营" }, {}).fee?.total.toFixed(2)).toBe(
      "91.00",
    );
  });
});

describe("fee properties (fast-check)", () => {
  const money = fc.integer({ min: 0, max: 10_000_000 }).map((fen) => fen / 100);
  const kg = fc.integer({ min: 1, max: 30_000 }).map((g) => g / 1000);
  const cm = fc.integer({ min: 1, max: 1200 }).map((mm) => mm / 10);
  const options = fc.record({
    distanceKm: fc.integer({ min: 0, max: 500 }),
    unitsPerCarton: fc.integer({ min: 1, max: 30 }),
    packingFee: fc.integer({ min: 0, max: 500 }).map((f) => f / 100),
    services: fc.record({ label: fc.boolean(), photoQc: fc.boolean() }),
  });

  test("semi: the breakdown sums to the total, net payout = amount − total", () => {
    fc.assert(
      fc.property(money, kg, cm, cm, cm, options, (amount, weightKg, lengthCm, widthCm, heightCm, o) => {
        const r = semiManagedFee(compiled, { amount, weightKg, lengthCm, widthCm, heightCm }, o, baseRate);
        const fee = r.fee!;
        expect(sumDec(fee.components.map((c) => c.amount)).eq(fee.total)).toBe(true);
        for (const c of fee.components) expect(c.amount.decimalPlaces()).toBeLessThanOrEqual(2);
        expect(fee.netPayout.plus(fee.total).eq(fee.amountCny)).toBe(true);
      }),
    );
  });
  test("semi: non-decreasing in weight and in amount", () => {
    fc.assert(
      fc.property(money, money, kg, kg, cm, cm, cm, options, (a1, a2, w1, w2, l, w, h, o) => {
        const fee = (amount: number, weightKg: number) =>
          semiManagedFee(compiled, { amount, weightKg, lengthCm: l, widthCm: w, heightCm: h }, o, baseRate)
            .fee!.total;
        const [aLo, aHi] = a1 <= a2 ? [a1, a2] : [a2, a1];
        const [wLo, wHi] = w1 <= w2 ? [w1, w2] : [w2, w1];
        expect(fee(aHi, wLo).gte(fee(aLo, wLo))).toBe(true);
        expect(fee(aLo, wHi).gte(fee(aLo, wLo))).toBe(true);
      }),
    );
  });
  test("full: the breakdown sums to the total and is non-decreasing in amount", () => {
    const category = fc.constantFrom("女装", "家居", "消费电子", "Home & Garden", "Clothing");
    fc.assert(
      fc.property(money, money, category, (a1, a2, c) => {
        const [lo, hi] = a1 <= a2 ? [a1, a2] : [a2, a1];
        const f1 = fullManagedFee(compiled, { amount: lo, category: c }, {}).fee!;
        const f2 = fullManagedFee(compiled, { amount: hi, category: c }, {}).fee!;
        expect(sumDec(f1.components.map((x) => x.amount)).eq(f1.total)).toBe(true);
        expect(f2.total.gte(f1.total)).toBe(true);
      }),
    );
  });
});

describe("fees through a sheet: columns override run options per row (rules-spec §0)", () => {
  const headers = ["SKU", "售价", "重量(kg)", "长", "宽", "高", "发货地距离", "增值服务"];
  test("distance and services columns win over the options", () => {
    const rows = run(
      "semi",
      headers,
      [
        ["A", 100, 1.2, 30, 20, 10, 250, "贴标"],
        ["B", 100, 1.2, 30, 20, 10, "", ""],
      ],
      { distanceKm: 10, services: { label: false, photoQc: true } },
    );
    const c = (i: number) =>
      Object.fromEntries(rows[i]!.fee!.components.map((x) => [x.id, x.amount.toFixed(2)]));
    expect(c(0)).toMatchObject({ transfer: "1.20", label: "2.00", photoQc: "0.00" });
    expect(c(1)).toMatchObject({ transfer: "0.00", label: "0.00", photoQc: "5.00" });
  });
  test("an unknown service is reported, not guessed", () => {
    const rows = run("semi", headers, [["A", 100, 1.2, 30, 20, 10, "", "礼品包装"]]);
    expect(rows[0]!.issues.some((i) => i.field === "services" && i.severity === "missing")).toBe(true);
  });
  test("a run-level negotiated rate below the floor refuses every fee with FEE-SEMI-TIER", () => {
    const rows = run("semi", headers, [["A", 100, 1.2, 30, 20, 10, "", ""]], {
      negotiatedRate: 0.02,
      monthlyOrders: 8000,
    });
    expect(rows[0]!.fee).toBeUndefined();
    expect(rows[0]!.issues.map((i) => i.ruleId)).toContain("FEE-SEMI-TIER");
    expect(rows[0]!.status).toBe("NOT_ELIGIBLE");
  });
  test("currency column and exchange-rate column", () => {
    const rows = run(
      "full",
      ["SKU", "类目", "售价", "币种", "汇率"],
      [
        ["A", "女装", 10, "USD", 7.1],
        ["B", "女装", 10, "美元", ""],
        ["C", "女装", "$10", "", 7],
      ],
    );
    expect(rows[0]!.fee?.total.toFixed(2)).toBe("6.25"); // 71 × 5 % = 3.55, 71 × 3.8 % = 2.698 → 2.70
    expect(rows[1]!.fee).toBeUndefined();
    expect(rows[1]!.status).toBe("INCOMPLETE");
    expect(rows[2]!.fee?.amountCny.toFixed(2)).toBe("70.00");
  });
});
