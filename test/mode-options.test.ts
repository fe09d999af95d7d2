import { Engine, evaluateSheet } from "../src/engine";

const engine = new Engine();
const HEADER = ["SKU", "类目", "售价", "重量(kg)", "长", "宽", "高", "增值服务"];
const row = (services: string) => ["HG-1", "家居", 39.9, 0.42, 20, 15, 10, services];

describe("a semi-managed option column in a full-managed check", () => {
  test("增值服务 (label / photo QC) says nothing of the full fee: an unknown service is not an issue there", () => {
    const full = evaluateSheet(engine, HEADER, [row("礼品包装"), row("")], { mode: "full" });
    const [unknown, blank] = full.rows;
    expect(unknown!.issues.map((i) => i.ruleId)).not.toContain("FEE-SEMI-LABEL");
    expect(unknown!.status).toBe(blank!.status);
    expect(unknown!.fee?.totalFen).toBe(blank!.fee?.totalFen);
  });
  test("in a semi-managed check the same cell is still read (and an unknown service named)", () => {
    const semi = evaluateSheet(engine, HEADER, [row("礼品包装"), row("贴标")], { mode: "semi" });
    expect(semi.rows[0]!.issues.find((i) => i.ruleId === "FEE-SEMI-LABEL")?.severity).toBe("missing");
    expect(semi.rows[1]!.fee?.components.find((c) => c.id === "label")?.fen).toBeGreaterThan(0);
  });
});

describe("fee option cells", () => {
  const HEAD = [
    "SKU",
    "类目",
    "售价",
    "重量(kg)",
    "长",
    "宽",
    "高",
    "打包费",
    "发货地距离(km)",
    "汇率",
    "币种",
  ];
  const semi = (cells: unknown[]) =>
    evaluateSheet(engine, HEAD, [["HG-1", "家居", 100, 0.5, 10, 10, 10, ...cells]], { mode: "semi" })
      .rows[0]!;
  test("a packing fee or distance below zero is named and not used (it lowered the fee)", () => {
    const ok = semi(["", "", "", ""]);
    const minus = semi(["-1元", "", "", ""]);
    expect(minus.status).toBe("INCOMPLETE");
    expect(minus.issues.find((i) => i.ruleId === "FEE-SEMI-PACK")?.message.en).toBe(
      "packing fee: -1 is below zero",
    );
    expect(minus.fee?.totalFen ?? ok.fee?.totalFen).toBe(ok.fee?.totalFen);
    const far = semi(["", -5, "", ""]);
    expect(far.issues.find((i) => i.ruleId === "FEE-SEMI-TRANSFER")?.severity).toBe("missing");
  });
  test("an unreadable exchange rate matters only for an amount in another currency", () => {
    const cny = semi(["", "", "abc", "CNY"]);
    expect(cny.issues.filter((i) => i.field === "fxRate")).toEqual([]);
    expect(cny.fee).toBeDefined();
    const usd = semi(["", "", "abc", "USD"]);
    expect(usd.fee).toBeUndefined();
    expect(usd.issues.find((i) => i.field === "fxRate")).toMatchObject({
      severity: "missing",
      received: "unreadable",
    });
    // The run's rate is not used in place of the row's unreadable one.
    const run = evaluateSheet(engine, HEAD, [["HG-1", "家居", 100, 0.5, 10, 10, 10, "", "", "abc", "USD"]], {
      mode: "semi",
      fees: { fxRate: 7 },
    }).rows[0]!;
    expect(run.fee).toBeUndefined();
  });
});
