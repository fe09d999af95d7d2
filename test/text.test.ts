import fc from "fast-check";
import { compactText, flatText } from "../src/engine/text";

describe("flatText", () => {
  test("gives back the same text, whatever it holds", () => {
    for (const s of [
      "",
      "a",
      "ab",
      "😀",
      "a😀b",
      "SEMI-K-WEIGHT（错误）：重量为空（G12）",
      `${"x".repeat(40)}${Math.PI}`,
    ])
      expect(flatText(s)).toBe(s);
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => flatText(s) === s));
  });
  test("a text built from pieces comes back equal and the same length", () => {
    const rule = "FEE-SEMI-BASE";
    const built = `${rule} (missing): ${"order amount"} is blank (D${12})`;
    const flat = flatText(built);
    expect(flat).toBe("FEE-SEMI-BASE (missing): order amount is blank (D12)");
    expect(flat.length).toBe(built.length);
  });
});

describe("compactText", () => {
  test("drops spaces, case and width differences", () => {
    expect(compactText(" Ab-1 ")).toBe(compactText("ab-1"));
  });
});
