/** AE.FEE / AE.FEEBREAKDOWN / AE.NETPAYOUT with a destination and a rate card passed as a range. */
import type * as AEModule from "../src/functions/functions";
class CfError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}
const globals = globalThis as unknown as { CustomFunctions: unknown };
globals.CustomFunctions = { Error: CfError, ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" } };
const NULL = null as unknown as undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AE = require("../src/functions/functions") as typeof AEModule;

function error(call: () => unknown): [string, string] {
  try {
    call();
  } catch (e) {
    if (e instanceof CfError) return [e.code, e.message];
    throw e;
  }
  throw new Error("no error thrown");
}

/** As Excel passes the AE Rates range: blank cells are "" and the range may have blank rows below. */
const RATES: unknown[][] = [
  ["目的国", "重量上限(kg)", "首重(kg)", "首重费(元)", "续重单价(元/kg)", "续重步长(kg)", "单票固定费(元)"],
  ["DE", 2, 0.5, 12, 20, 0.1, 1],
  ["FR", 1, 1, 15, 10, 0.5, ""],
  ["*", "", 1, 5, 3, 0.5, 0],
  ["", "", "", "", "", "", ""],
];

describe("AE.FEE with dest= and a rate card range", () => {
  // 1.23 kg, 10 × 10 × 10 cm: chargeable 1.23 kg
  test("the destination's row prices the fulfilment fee", () => {
    // DE: 12 + 8 × 0.1 × 20 + 1 = 29, + 3.50 base
    expect(AE.fee("semi", 100, NULL, 1.23, 10, 10, 10, [["dest=DE"]], RATES as never)).toBe(32.5);
    expect(AE.fee("semi", 100, NULL, 1.23, 10, 10, 10, [["dest=德国"]], RATES as never)).toBe(32.5);
    // FR stops at 1 kg → *: 6.50 + 3.50
    expect(AE.fee("semi", 100, NULL, 1.23, 10, 10, 10, [["dest=FR"]], RATES as never)).toBe(10);
    expect(AE.netpayout("semi", 100, NULL, 1.23, 10, 10, 10, [["dest=DE"]], RATES as never)).toBe(67.5);
    const rows = AE.feebreakdown("semi", 100, NULL, 1.23, 10, 10, 10, [["dest=DE"]], RATES as never);
    expect(rows.find((r) => r[0] === "Fulfilment fee")?.[1]).toBe(29);
  });
  test("without a card, today's fee whatever the destination", () => {
    expect(AE.fee("semi", 100, NULL, 1.2, 30, 20, 10, [["dest=DE"]], NULL)).toBe(10);
    expect(AE.fee("semi", 100, NULL, 1.2, 30, 20, 10, NULL, NULL)).toBe(10);
  });
  test("no row for the destination: #N/A naming it; a bad card: #VALUE! naming the cell; a bad dest: #VALUE!", () => {
    const deOnly = [RATES[0], RATES[1]];
    expect(error(() => AE.fee("semi", 100, NULL, 1.23, 10, 10, 10, [["dest=PL"]], deOnly as never))).toEqual([
      "#N/A",
      "the rate card has no row for destination PL (Poland) and no * row; fee not computed",
    ]);
    const bad = [RATES[0], ["Atlantis", "", 1, 5, 3, 0.5, 0]];
    expect(error(() => AE.fee("semi", 100, NULL, 1.23, 10, 10, 10, [["dest=DE"]], bad as never))).toEqual([
      "#VALUE!",
      "rates: A2: destination 'Atlantis' is not a known country (write an ISO code such as DE, a name such as 德国/Germany, or *)",
    ]);
    expect(error(() => AE.fee("semi", 100, NULL, 1.23, 10, 10, 10, [["dest=Mars"]], RATES as never))[0]).toBe(
      "#VALUE!",
    );
  });
});
