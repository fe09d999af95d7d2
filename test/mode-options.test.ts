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
