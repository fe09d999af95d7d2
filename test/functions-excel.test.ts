/**
 * The custom functions given what Excel really passes them: options as a matrix (one text cell,
 * a column of texts, or key/value rows), error cells inside ranges (allowErrorForDataTypeAny),
 * linked data types and formatted numbers as Excel.CellValue objects, an as-of date, and whole
 * columns in one call (AE.FEES, many rows of AE.ELIGIBLE / AE.ISSUES).
 */
import type * as AEModule from "../src/functions/functions";
class CfError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}
const globals = globalThis as unknown as { CustomFunctions: unknown; Office?: unknown };
globals.CustomFunctions = { Error: CfError, ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" } };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AE = require("../src/functions/functions") as typeof AEModule;
const NULL = null as unknown as undefined;

function error(call: () => unknown): [string, string] {
  try {
    call();
  } catch (e) {
    if (e instanceof CfError) return [e.code, e.message];
    throw e;
  }
  throw new Error("no error thrown");
}

/** An error cell as Excel passes it to a function with allowErrorForDataTypeAny. */
const NA = { type: "Error", basicType: "Error", basicValue: "#N/A", errorType: "NotAvailable" };
/** A cell the add-in sees as an invocation would give: the parameters' addresses. */
const at = (...parameterAddresses: string[]) =>
  ({ parameterAddresses }) as unknown as CustomFunctions.Invocation;

const headers = [["SKU", "类目", "售价", "重量(g)", "长", "宽", "高", "仓库", "目标市场", "EPR注册号"]];
const ok = ["A", "家居", 50, 800, 30, 20, 10, "义乌集货仓", "US", ""];
const heavy = ["B", "家居", 50, 5200, 30, 20, 10, "义乌集货仓", "US", ""];

describe("options is a matrix: one text cell, a column of texts, or key/value rows", () => {
  test("all three forms give the same fee", () => {
    const text = AE.fee("semi", 100, null, 1.2, 30, 20, 10, [["label; distance=250"]]);
    expect(text).toBe(13.2);
    expect(AE.fee("semi", 100, null, 1.2, 30, 20, 10, [["label"], ["distance=250"]])).toBe(text);
    expect(
      AE.fee("semi", 100, null, 1.2, 30, 20, 10, [
        ["label", true],
        ["distance", 250],
      ]),
    ).toBe(text);
    expect(AE.billweight(1.2, 30, 20, 10, [[""]])).toBe(1.5);
  });
});

describe("error cells and data types (allowErrorForDataTypeAny, Excel.CellValue)", () => {
  test("an error cell in the values range is answered with a message naming the cell", () => {
    const [code, message] = error(() =>
      AE.eligible(
        "semi",
        headers,
        [["A", NA, 50, 800, 30, 20, 10, "义乌集货仓", "US", ""]],
        NULL,
        NULL,
        at("", "Sheet1!A1:J1", "Sheet1!A5:J5"),
      ),
    );
    expect(code).toBe("#VALUE!");
    expect(message).toBe("values: the cell (Sheet1!B5) holds #N/A; fix or clear it");
    // Without addresses the position in the range; a scalar argument by its name.
    expect(error(() => AE.issues("semi", headers, [["A", "家居", { code: "#DIV/0!" }]], NULL))[1]).toContain(
      "row 1, column 3",
    );
    expect(error(() => AE.fee("semi", NA, null, 1.2, 30, 20, 10, NULL))).toEqual([
      "#VALUE!",
      "amount: the cell holds #N/A; fix or clear it",
    ]);
  });

  test("a linked data type or formatted number is read by its basic value", () => {
    const linked = { type: "Entity", text: "家居", basicType: "String", basicValue: "家居", properties: {} };
    const price = { type: "FormattedNumber", basicValue: 100, basicType: "Double", numberFormat: "0.00" };
    expect(AE.fee("semi", price, null, 1.2, 30, 20, 10, NULL)).toBe(10);
    expect(
      AE.eligible("semi", headers, [["A", linked, 50, 800, 30, 20, 10, "义乌集货仓", "US", ""]]),
    ).toEqual([["ELIGIBLE"]]);
  });

  test("AE.ISSUES with a profile is as of the asOf date (default today)", () => {
    const profile = [
      ["营业执照注册日期", "2024-06-01"],
      ["DSR", 4.9],
    ];
    expect(AE.issues("semi", headers, [ok], profile, "2024-07-01")[0]?.[0]).toMatch(
      /^seller SEMI-S-LICENSE-AGE \(error\): .*30 days ago/,
    );
    expect(AE.issues("semi", headers, [ok], profile, 45627 /* 2024-12-01 */)).toEqual([[""]]);
    expect(error(() => AE.issues("semi", headers, [ok], profile, "soon"))[1]).toBe(
      "asOf: 'soon' is not a date",
    );
  });
});

describe("whole columns in one call", () => {
  test("AE.FEES: one fee per row, equal to AE.FEE row by row; a blank amount is a blank cell; a bad row its own error", () => {
    const amounts = [[100], [19.99], [""], [50], [80]];
    const weights = [[1.2], [1.2], [1], [NA], [9]];
    const out = AE.fees(
      "semi",
      amounts,
      NULL,
      weights,
      [[30]],
      [[20]],
      [[10]],
      [["label"]],
      at("", "Sheet1!B2:B6", "", "Sheet1!D2:D6"),
    );
    expect(out.slice(0, 3)).toEqual([
      [AE.fee("semi", 100, null, 1.2, 30, 20, 10, [["label"]])],
      [AE.fee("semi", 19.99, null, 1.2, 30, 20, 10, [["label"]])],
      [""],
    ]);
    expect(out[3]?.[0]).toBeInstanceOf(CfError);
    expect((out[3]?.[0] as CfError).message).toBe(
      "weights: the cell (Sheet1!D5) holds #N/A; fix or clear it",
    );
    expect(typeof out[4]?.[0]).toBe("number");
    // Full-managed with a column of categories; a row of amounts answers row by row too.
    expect(AE.fees("full", [[100, 100]], [["女装", "家居"]])).toEqual([[8.8], [9.5]]);
    expect(error(() => AE.fees("semi", [[1], [2]], NULL, [[1], [2], [3]]))[1]).toBe(
      "weights: 3 cells for 2 amounts; give ranges of the same size",
    );
  });

  test("AE.ELIGIBLE and AE.ISSUES take many rows of values and answer one row each", () => {
    expect(AE.eligible("semi", headers, [ok, heavy, ok])).toEqual([
      ["ELIGIBLE"],
      ["NOT_ELIGIBLE"],
      ["ELIGIBLE"],
    ]);
    const issues = AE.issues("semi", headers, [ok, heavy]);
    expect(issues).toHaveLength(2);
    expect(issues[0]).toEqual([""]);
    expect(issues[1]?.[0]).toMatch(/^SEMI-K-WEIGHT \(error\): .*5\.2 kg/);
    // One bad row does not stop the others.
    const mixed = AE.eligible(
      "semi",
      headers,
      [ok, ["C", NA, 50, 800, 30, 20, 10, "义乌集货仓", "US", ""]],
      NULL,
      NULL,
      at("", "A1:J1", "A2:J3"),
    );
    expect(mixed[0]).toEqual(["ELIGIBLE"]);
    expect((mixed[1]?.[0] as unknown as CfError).message).toBe(
      "values: the cell (B3) holds #N/A; fix or clear it",
    );
  });

  test("Chinese messages in a zh-TW or zh-HK Excel as in zh-CN", () => {
    for (const displayLanguage of ["zh-TW", "zh-HK", "zh-CN"]) {
      globals.Office = { context: { displayLanguage } };
      expect(error(() => AE.fee("semi", NA, null, 1.2, 30, 20, 10, NULL))[1]).toBe(
        "金额：单元格是错误值 #N/A，请修正或清空",
      );
    }
    delete globals.Office;
  });
});
