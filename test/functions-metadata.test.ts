/**
 * The functions.json Excel reads: generated from the JSDoc by the same library the webpack plugin
 * uses, then localised as webpack.config.js does. Ids, parameters, optional flags, dimensionality
 * and result types are the contract with Excel.
 */
import { join } from "node:path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";

interface Param {
  name: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
}
interface Fn {
  id: string;
  name: string;
  description: string;
  parameters: Param[];
  result: { type?: string; dimensionality?: string };
}

let functions: Fn[];
beforeAll(async () => {
  const result = await generateCustomFunctionsMetadata(
    [join(__dirname, "../src/functions/functions.ts")],
    true,
  );
  expect(result.errors).toEqual([]);
  functions = (JSON.parse(result.metadataJson) as { functions: Fn[] }).functions;
}, 60_000);

const signature = (f: Fn) =>
  f.parameters
    .map(
      (p) =>
        `${p.optional ? "[" : ""}${p.name}:${p.type ?? "any"}${p.dimensionality === "matrix" ? "[][]" : ""}${p.optional ? "]" : ""}`,
    )
    .join(", ");

test("every function with its id, parameters, optional flags and result", () => {
  const table = Object.fromEntries(
    functions.map((f) => [
      f.id,
      `${signature(f)} → ${f.result.type ?? "any"}${f.result.dimensionality === "matrix" ? "[][]" : ""}`,
    ]),
  );
  expect(table).toEqual({
    VOLWEIGHT: "length:any, width:any, height:any, [divisor:any] → number",
    CHARGEWEIGHT: "weight:any, length:any, width:any, height:any, [divisor:any] → number",
    BILLWEIGHT: "weight:any, length:any, width:any, height:any, [options:any[][]] → number",
    FEE: "mode:any, amount:any, [category:any], [weight:any], [length:any], [width:any], [height:any], [options:any[][]], [rates:any[][]] → number",
    FEEBREAKDOWN:
      "mode:any, amount:any, [category:any], [weight:any], [length:any], [width:any], [height:any], [options:any[][]], [rates:any[][]] → any[][]",
    NETPAYOUT:
      "mode:any, amount:any, [category:any], [weight:any], [length:any], [width:any], [height:any], [options:any[][]], [rates:any[][]] → number",
    ELIGIBLE: "mode:any, headers:any[][], values:any[][], [profile:any[][]], [asOf:any] → string[][]",
    ISSUES: "mode:any, headers:any[][], values:any[][], [profile:any[][]], [asOf:any] → string[][]",
    FEES: "mode:any, amounts:any[][], [categories:any[][]], [weights:any[][]], [lengths:any[][]], [widths:any[][]], [heights:any[][]], [options:any[][]] → any[][]",
    SETTLEDATE: "mode:any, orderDate:any → number",
    RULE: "ruleId:any, [language:any] → string",
    RULESVERSION: " → string",
    PROFIT:
      "mode:any, price:any, cost:any, [category:any], [weight:any], [length:any], [width:any], [height:any], [options:any[][]] → number",
    MARGIN:
      "mode:any, price:any, cost:any, [category:any], [weight:any], [length:any], [width:any], [height:any], [options:any[][]] → number",
    PRICEFOR:
      "mode:any, cost:any, targetMargin:any, [category:any], [weight:any], [length:any], [width:any], [height:any], [options:any[][]] → number",
  });
});

test("every function and parameter has a description in English and Chinese", () => {
  for (const f of functions) {
    expect([f.id, f.description.length > 10]).toEqual([f.id, true]);
    expect([f.id, /[\u4e00-\u9fff]/.test(f.description)]).toEqual([f.id, true]);
    for (const p of f.parameters)
      expect([f.id, p.name, ((p as { description?: string }).description ?? "").length > 3]).toEqual([
        f.id,
        p.name,
        true,
      ]);
  }
});

test("as webpack emits it: allowErrorForDataTypeAny and allowCustomDataForDataTypeAny, the parameters' addresses for the range functions", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { localise } = require("../webpack.config.js") as {
    localise: (
      m: unknown,
      lang: "en" | "zh",
    ) => {
      allowErrorForDataTypeAny: boolean;
      allowCustomDataForDataTypeAny: boolean;
      functions: Array<Fn & { options?: { requiresParameterAddresses?: boolean } }>;
    };
  };
  for (const lang of ["en", "zh"] as const) {
    const json = localise({ functions }, lang);
    expect(json.allowErrorForDataTypeAny).toBe(true);
    expect(json.allowCustomDataForDataTypeAny).toBe(true);
    for (const id of ["ELIGIBLE", "ISSUES", "FEES"])
      expect([id, json.functions.find((f) => f.id === id)?.options?.requiresParameterAddresses]).toEqual([
        id,
        true,
      ]);
  }
});
