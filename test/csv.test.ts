/**
 * CSV and TSV in: encodings (UTF-8 with and without BOM, GB18030/GBK, UTF-16), delimiters (comma,
 * tab, semicolon, `sep=`), quoted fields with line breaks, fields kept as written (leading zeros,
 * long digit strings, formulas as text), and the CLI checking and reconciling CSV files into an
 * .xlsx copy. Bad CSV: exit 2 with one line.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import {
  checkedName,
  CsvError,
  csvToWorkbook,
  decodeText,
  isDelimitedText,
  numberOf,
  parseDelimited,
  rowsToXlsx,
  sheetNameOf,
} from "../src/csv";
import { cli } from "./cli-run";
import { XlsxPort } from "../src/xlsx/port";
import { LIBREOFFICE, need } from "./programs";
import { columnOf, readBack } from "./xlsx-helpers";

const FIXTURES = join(__dirname, "fixtures/csv");
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const SAMPLES = join(__dirname, "../assets/samples");

/** GBK bytes of text, from the platform's GBK decoder read backwards (the fixtures use Python's encoder). */
const GBK = (() => {
  const decoder = new TextDecoder("gbk");
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.from([lead, trail]));
      if (ch.length === 1 && ch !== "\ufffd" && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  return (text: string): Uint8Array => {
    const out: number[] = [];
    for (const ch of text) {
      const code = ch.codePointAt(0) as number;
      if (code < 0x80) out.push(code);
      else {
        const bytes = table.get(ch);
        if (!bytes) throw new Error(`no GBK for ${ch}`);
        out.push(...bytes);
      }
    }
    return Uint8Array.from(out);
  };
})();

/** Rows as delimited text, quoting what needs it (as Excel does). */
function serialise(rows: readonly (readonly string[])[], delimiter: string, newline = "\r\n"): string {
  return rows
    .map((r) =>
      r
        .map((f) => (/["\r\n]/.test(f) || f.includes(delimiter) ? `"${f.replace(/"/g, '""')}"` : f))
        .join(delimiter),
    )
    .join(newline)
    .concat(newline);
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const withBom = (s: string) => Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(s)]);

/** The rows of the GBK catalog fixture, as Python's csv module wrote them. */
const catalogText = new TextDecoder("gbk").decode(fixture("catalog-semi.gbk.csv"));
const catalogRows = parseDelimited(catalogText).rows;

/** The first sheet of a workbook's bytes as rows of strings (what the port reads). */
async function sheetRows(bytes: Uint8Array): Promise<{ name: string; rows: unknown[][] }> {
  const port = await XlsxPort.open(bytes);
  const [name] = await port.sheetNames();
  const { lastRow } = await port.extent(name as string);
  const rows = (await port.readRows(name as string, 1, lastRow)).map((r) => [...(r ?? [])]);
  return { name: name as string, rows };
}

describe("encodings, detected", () => {
  const text = "SKU编码,商品名称,售价\r\nA-1,硅胶收纳盒,39.9\r\n";
  test("UTF-8 without and with a byte-order mark", () => {
    expect(decodeText(utf8(text))).toEqual({ text, encoding: "utf-8" });
    expect(decodeText(withBom(text))).toEqual({ text, encoding: "utf-8 (BOM)" });
  });
  test("GBK as Chinese Excel writes it (Python's encoder), and GB18030's four-byte characters", () => {
    const gbk = decodeText(fixture("catalog-semi.gbk.csv"));
    expect(gbk.encoding).toBe("gb18030");
    expect(gbk.text).toContain("SKU编码,商品名称,二级类目,售价");
    expect(gbk.text).toContain("￥129");
    // 𠀀 (U+20000) is 0x95 0x32 0x82 0x36 in GB18030; € is 0x80 in GBK/CP936.
    expect(decodeText(Uint8Array.from([0x95, 0x32, 0x82, 0x36, 0x2c, 0x80])).text).toBe("𠀀,€");
    expect(decodeText(GBK(text))).toEqual({ text, encoding: "gb18030" });
  });
  test("UTF-16 with a byte-order mark (Excel's 'Unicode text')", () => {
    const le = Uint8Array.from([0xff, 0xfe, ...Buffer.from("SKU\t售价\r\n", "utf16le")]);
    expect(decodeText(le)).toEqual({ text: "SKU\t售价\r\n", encoding: "utf-16le" });
    const be = Buffer.from("SKU\t售价", "utf16le").swap16();
    expect(decodeText(Uint8Array.from([0xfe, 0xff, ...be])).text).toBe("SKU\t售价");
  });
  test("bytes that are neither, and binary files, are refused with a reason", () => {
    expect(() => decodeText(Uint8Array.from([0x41, 0xff, 0xff, 0x42]))).toThrow(/neither UTF-8 nor GB18030/);
    expect(() => decodeText(Uint8Array.from([0x41, 0x00, 0x42]))).toThrow(/not a text file/);
    expect(() => decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, 0xc3, 0x28]))).toThrow(/not valid UTF-8/);
  });
});

describe("delimiters and quoting", () => {
  test("comma, semicolon (decimal commas inside), tab; the file name breaks a tie", () => {
    expect(parseDelimited("a,b,c\n1,2,3\n")).toEqual({
      rows: [
        ["a", "b", "c"],
        ["1", "2", "3"],
      ],
      delimiter: ",",
    });
    expect(parseDelimited("SKU;Preis;Gewicht\r\nA1;12,5;0,3\r\nA2;7,25;1,1\r\n")).toEqual({
      rows: [
        ["SKU", "Preis", "Gewicht"],
        ["A1", "12,5", "0,3"],
        ["A2", "7,25", "1,1"],
      ],
      delimiter: ";",
    });
    expect(parseDelimited("SKU\t备注\nA1\t含逗号, 分号;\n").delimiter).toBe("\t");
    expect(parseDelimited("SKU\nA1\n", "\t")).toEqual({ rows: [["SKU"], ["A1"]], delimiter: "\t" });
  });
  test("an Excel sep= line names the delimiter and is not a row", () => {
    expect(parseDelimited("sep=;\r\na,b;c\r\n1;2\r\n")).toEqual({
      rows: [
        ["a,b", "c"],
        ["1", "2"],
      ],
      delimiter: ";",
    });
    expect(() => parseDelimited("sep=|\na|b\n")).toThrow(CsvError);
  });
  test("quoted fields hold delimiters, doubled quotes and line breaks (LF and CRLF)", () => {
    const { rows } = parseDelimited(
      'SKU,备注,售价\r\nA1,"易碎\r\n轻放, ""小心""",9\r\nA2,"第一行\n第二行",8\r\n',
    );
    expect(rows).toEqual([
      ["SKU", "备注", "售价"],
      ["A1", '易碎\r\n轻放, "小心"', "9"],
      ["A2", "第一行\n第二行", "8"],
    ]);
  });
  test("empty rows between rows stay rows, trailing ones go", () => {
    expect(parseDelimited("a,b\n\n1,2\n\n\n").rows).toEqual([["a", "b"], [""], ["1", "2"]]);
  });
  test("an unclosed quote is refused with its line", () => {
    expect(() => parseDelimited('SKU,名称\nA1,ok\nA2,"never closed\nA3,x\n')).toThrow(
      /^line 3: a quoted field is not closed/,
    );
    try {
      parseDelimited('sep=,\nA,"x');
    } catch (e) {
      expect((e as CsvError).message).toMatch(/^line 2:/);
      expect((e as CsvError).zh).toMatch(/^第 2 行：引号内的字段没有结束/);
    }
  });
});

describe("fields kept as written", () => {
  test("plain decimal numbers become numbers; codes, ids, formulas and formatted numbers stay text", () => {
    const cases: Array<[string, number | undefined]> = [
      ["39.90", 39.9],
      ["-3", -3],
      ["0", 0],
      ["0.05", 0.05],
      ["123456789012345", 123456789012345],
      ["00123", undefined],
      ["8123456789012345678", undefined],
      ["1234567890123456", undefined],
      ["1e5", undefined],
      ["1,234", undefined],
      ["12,5", undefined],
      [" 12", undefined],
      ["+86", undefined],
      ["-0", undefined],
      ["=1+1", undefined],
      ["3.2%", undefined],
      ["￥129", undefined],
      ["2024-07-01", undefined],
      [".5", undefined],
    ];
    for (const [field, value] of cases) expect([field, numberOf(field)]).toEqual([field, value]);
  });
  test("any rows survive the .xlsx round trip through the port exactly (property)", async () => {
    const field = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 12 }),
      fc.string({
        unit: fc.constantFrom(
          "0",
          "1",
          "9",
          ".",
          "-",
          "_",
          "x",
          "A",
          "\r",
          "\n",
          " ",
          "\t",
          "\u0001",
          "&",
          "<",
        ),
        maxLength: 10,
      }),
      fc.integer({ min: -1e9, max: 1e9 }).map(String),
      fc.constantFrom("_x0041_", "00123", "=SUM(A1)", "@x", "-1", "+1", "  lead", "trail  ", "\u0007bell"),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
        async (rows) => {
          const { rows: back } = await sheetRows(rowsToXlsx(rows, "Data"));
          rows.forEach((r, i) =>
            r.forEach((f, c) => {
              const cell = back[i]?.[c];
              const expected = f === "" ? undefined : (numberOf(f) ?? f);
              if (cell !== expected && !(cell === null && expected === undefined))
                throw new Error(
                  `row ${i + 1} col ${c + 1}: ${JSON.stringify(f)} came back as ${JSON.stringify(cell)}`,
                );
            }),
          );
        },
      ),
      { numRuns: 150, seed: 12 },
    );
  });
  test("sheet names from file names", () => {
    expect(sheetNameOf("/x/7月商品清单.csv")).toBe("7月商品清单");
    expect(sheetNameOf("a[1]:b*?.tsv")).toBe("a_1__b__");
    expect(sheetNameOf("AE Report.csv")).toBe("Sheet1");
    expect(sheetNameOf(".csv")).toBe("Sheet1");
    expect(sheetNameOf(`${"长".repeat(40)}.csv`)).toHaveLength(31);
    // The extension stays in the name, so a.csv and a.xlsx of one folder get a copy each.
    expect(checkedName("清单.CSV")).toBe("清单.CSV.checked.xlsx");
    expect(checkedName("a.tsv")).toBe("a.tsv.checked.xlsx");
    expect(checkedName("a.xlsx")).toBe("a.checked.xlsx");
    expect(checkedName("宏.XLSM")).toBe("宏.checked.xlsm");
    expect(checkedName("a.csv", "reconcile")).toBe("a.csv.reconciled.xlsx");
  });
  test("which files are text: by name, unless the bytes are a zip or an .xls", () => {
    expect(isDelimitedText("a.csv", utf8("a,b"))).toBe(true);
    expect(isDelimitedText("a.TSV", utf8("a\tb"))).toBe(true);
    expect(isDelimitedText("a.xlsx", utf8("a,b"))).toBe(false);
    expect(isDelimitedText("renamed.csv", readFileSync(join(SAMPLES, "catalog-semi.xlsx")))).toBe(false);
    expect(isDelimitedText("old.csv", Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1]))).toBe(false);
  });
  test("Excel's limits are refused in one line", () => {
    expect(() => rowsToXlsx([Array.from({ length: 16_385 }, () => "x")], "S")).toThrow(/16,385 fields/);
    expect(() => rowsToXlsx([["a", "x".repeat(32_768)]], "S")).toThrow(/row 1, column B: 32,768 characters/);
    expect(() => csvToWorkbook("e.csv", utf8("\r\n\r\n"))).toThrow(/no rows/);
  });
});

describe("npm run check on CSV files", () => {
  const dir = mkdtempSync(join(tmpdir(), "ae-csv-"));
  let xlsxRows: unknown[][];
  let xlsxSummary: string;
  beforeAll(async () => {
    writeFileSync(join(dir, "catalog.xlsx"), readFileSync(join(SAMPLES, "catalog-semi.xlsx")));
    const r = await cli(join(dir, "catalog.xlsx"), "--mode", "semi", "--distance", "250");
    expect(r.code).toBe(0);
    xlsxSummary = (/semi\s+ELIGIBLE.*/.exec(r.out) as RegExpExecArray)[0];
    xlsxRows = (await readBack(readFileSync(join(dir, "catalog.checked.xlsx")))).rows;
  });

  /** Checks a CSV file; returns the run and its copy's first sheet. */
  async function checkCsv(name: string, bytes: Uint8Array, ...args: string[]) {
    const input = join(dir, name);
    writeFileSync(input, bytes);
    const r = await cli(input, "--mode", "semi", "--distance", "250", ...args);
    const out = join(dir, checkedName(name));
    const copy = r.code === 0 ? await readBack(readFileSync(out)) : undefined;
    expect(readFileSync(input).equals(Buffer.from(bytes))).toBe(true); // input untouched
    return { ...r, copy };
  }

  /** The AE columns of a copy: header and values per row, from 'AE Status' on. */
  function aeColumns(rows: unknown[][]): unknown[][] {
    const first = columnOf(rows, "AE Status", 2);
    expect(first).toBeGreaterThan(0);
    return rows.slice(1).map((r) => (r ?? []).slice(first));
  }

  test("the GBK catalog Chinese Excel writes: the same verdicts, fees and columns as the workbook", async () => {
    const r = await checkCsv("商品清单.csv", fixture("catalog-semi.gbk.csv"));
    expect(r.code).toBe(0);
    expect(r.out).toContain("Read ");
    expect(r.out).toMatch(/gb18030 text, comma-separated, 23 rows \(sheet '商品清单'\)/);
    expect(r.out).toContain(xlsxSummary);
    const rows = r.copy!.rows;
    expect(r.copy!.wb.worksheets.map((w) => w.name)).toEqual(["商品清单", "AE Report", "AE Meta"]);
    expect(aeColumns(rows)).toEqual(aeColumns(xlsxRows));
    // The data cells are the CSV's fields: numbers as numbers, the rest as text.
    expect(rows[2]?.slice(0, 4)).toEqual(["HG-1001", "硅胶折叠收纳盒", "家居园艺", 39.9]);
    expect(rows.find((row) => row?.[0] === "AP-3001")?.[3]).toBe("￥129");
  });

  test("UTF-8 with a BOM, semicolons, and a .tsv with tabs: the same AE columns", async () => {
    const expected = aeColumns((await checkCsv("gbk.csv", fixture("catalog-semi.gbk.csv"))).copy!.rows);
    const bom = await checkCsv("bom.csv", withBom(serialise(catalogRows, ",")));
    expect(bom.out).toMatch(/utf-8 \(BOM\) text, comma-separated/);
    const semi = await checkCsv("semi.csv", withBom(serialise(catalogRows, ";")));
    expect(semi.out).toMatch(/semicolon-separated/);
    const tab = await checkCsv("tab.tsv", utf8(serialise(catalogRows, "\t", "\n")));
    expect(tab.out).toMatch(/utf-8 text, tab-separated/);
    for (const r of [bom, semi, tab]) {
      expect(r.code).toBe(0);
      expect(aeColumns(r.copy!.rows)).toEqual(expected);
    }
  });

  test("a remark with line breaks inside quotes stays one cell; row numbers are the sheet's", async () => {
    const rows = catalogRows.map((r) => [...r]);
    const remark = columnOf(rows, "备注", 2);
    (rows[2] as string[])[remark] = "易碎品\r\n请轻放, 勿压";
    (rows[3] as string[])[remark] = '第一行\n"第二行"';
    const r = await checkCsv("remarks.csv", GBK(serialise(rows, ",")));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/23 rows/);
    const back = r.copy!.rows;
    expect(back[2]?.[remark]).toBe("易碎品\r\n请轻放, 勿压");
    expect(back[3]?.[remark]).toBe('第一行\n"第二行"');
    expect(back[4]?.[0]).toBe("EL-2001");
  });

  test("leading zeros, 19-digit ids and formula-like text are written as text", async () => {
    const rows = [
      [
        "SKU编码",
        "商品名称",
        "二级类目",
        "售价",
        "重量(g)",
        "长(cm)",
        "宽(cm)",
        "高(cm)",
        "目标市场",
        "仓库",
        "备注",
      ],
      [
        "000123",
        "收纳盒",
        "家居园艺",
        "39.90",
        "420",
        "25",
        "18",
        "8",
        "US",
        "义乌集货仓",
        '=HYPERLINK("x")',
      ],
      [
        "8123456789012345678",
        "砧板",
        "家居园艺",
        "69",
        "1350",
        "38",
        "26",
        "4",
        "US",
        "义乌集货仓",
        "+86 138",
      ],
    ];
    const r = await checkCsv("codes.csv", utf8(serialise(rows, ",")));
    expect(r.code).toBe(0);
    const back = r.copy!.rows;
    expect(back[1]?.slice(0, 4)).toEqual(["000123", "收纳盒", "家居园艺", 39.9]);
    expect(back[2]?.[0]).toBe("8123456789012345678");
    expect(back[1]?.[10]).toBe('=HYPERLINK("x")');
    expect(back[2]?.[10]).toBe("+86 138");
    const cell = r.copy!.wb.worksheets[0]!.getCell("K2");
    expect(cell.formula).toBeUndefined();
  });

  test("a CSV statement is reconciled like the workbook", async () => {
    writeFileSync(join(dir, "statement.xlsx"), readFileSync(join(SAMPLES, "statement.xlsx")));
    const ref = await cli(join(dir, "statement.xlsx"), "--reconcile", "--lang", "zh");
    expect(ref.code).toBe(0);
    const counts = (/一致 \d+ · 多扣 \d+ · 少扣 \d+ · 无法核对 \d+/.exec(ref.out) as RegExpExecArray)[0];
    const input = join(dir, "对账单.csv");
    writeFileSync(input, fixture("statement.gbk.csv"));
    const r = await cli(input, "--reconcile", "--lang", "zh");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/已读取 .*：gb18030 编码，逗号分隔，16 行（工作表“对账单”）/);
    expect(r.out).toContain(counts);
    const copy = (await readBack(readFileSync(join(dir, "对账单.csv.reconciled.xlsx")))).rows;
    const refCopy = (await readBack(readFileSync(join(dir, "statement.reconciled.xlsx")))).rows;
    const verdict = (rows: unknown[][]) => {
      const c = rows[1]?.findIndex((v) => typeof v === "string" && /^AE /.test(v)) ?? -1;
      expect(c).toBeGreaterThan(0);
      return rows.slice(1).map((row) => (row ?? []).slice(c));
    };
    expect(verdict(copy)).toEqual(verdict(refCopy));
  });

  test("bad CSV: exit 2 with one line, no copy written", async () => {
    const bad: Array<[string, Uint8Array, RegExp]> = [
      [
        "unclosed.csv",
        utf8('SKU,备注\nA1,"oops\nA2,x\n'),
        /unclosed\.csv: line 2: a quoted field is not closed/,
      ],
      ["binary.csv", Uint8Array.from([0x53, 0x4b, 0x55, 0x00, 0x01, 0x02]), /binary\.csv: not a text file/],
      [
        "latin1.csv",
        Uint8Array.from([0x53, 0x4b, 0x55, 0x2c, 0xff, 0xfe, 0xff, 0x0a]),
        /neither UTF-8 nor GB18030/,
      ],
      ["empty.csv", new Uint8Array(0), /empty\.csv: the file holds no rows/],
    ];
    for (const [name, bytes, message] of bad) {
      const r = await checkCsv(name, bytes);
      expect([r.code, r.err.split("\n")]).toEqual([2, [expect.stringMatching(message)]]);
      expect(r.err).toMatch(/^ae-check: /);
      expect(r.copy).toBeUndefined();
    }
    const zh = await checkCsv("unclosed-zh.csv", utf8('SKU\n"x\n'), "--lang", "zh");
    expect(zh.err).toMatch(/第 2 行：引号内的字段没有结束/);
  });
});

const soffice = need(LIBREOFFICE, "opening a CSV's .xlsx copy in a real spreadsheet program");
(soffice ? test : test.skip)(
  "LibreOffice opens the copy of a GBK CSV: the data as written, the AE columns with the fees",
  async () => {
    const dir = mkdtempSync(join(tmpdir(), "ae-csv-lo-"));
    const input = join(dir, "清单.csv");
    const rows = catalogRows.map((r) => [...r]);
    (rows[2] as string[])[0] = "000123";
    writeFileSync(input, GBK(serialise(rows, ",")));
    expect((await cli(input, "--mode", "semi")).code).toBe(0);
    execFileSync(
      soffice as string,
      [
        "--headless",
        `-env:UserInstallation=file://${dir}/profile`,
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,1",
        "--outdir",
        join(dir, "out"),
        join(dir, "清单.csv.checked.xlsx"),
      ],
      { stdio: "pipe", timeout: 120_000 },
    );
    const text = readFileSync(join(dir, "out", readdirSync(join(dir, "out"))[0] as string), "utf8");
    const back = parseDelimited(text).rows;
    const header = back[1] as string[];
    const sku = back.find((r) => r[0] === "HG-1002") as string[];
    expect(back[2]?.[0]).toBe("000123");
    expect(sku.slice(0, 4)).toEqual(["HG-1002", "竹制砧板三件套", "家居园艺", "69"]);
    expect(sku[header.indexOf("AE Status")]).toBe("ELIGIBLE");
    expect(Number(sku[header.indexOf("AE Fee total (CNY)")])).toBe(10.92);
  },
  150_000,
);
