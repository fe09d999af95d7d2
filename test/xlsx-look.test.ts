/**
 * Issue 13, "output a person can read", in the .xlsx writer: the add-in's columns get a bold
 * header, wrapped issue text and a fill per status through the file's own style sheet (fonts,
 * fills and cellXfs appended, found again on a re-run). Workbooks are built in the test the way an
 * ERP export looks (a title row, Chinese headers).
 */
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { TONE_RGB } from "../src/pipeline/outputs";
import type { CheckSummary } from "../src/pipeline/run";
import { check } from "./xlsx-helpers";

/** An ERP-style export: a title row, the header in row 2, one row per status of semi mode. */
async function erpBook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("商品列表");
  ws.addRow(["店小秘 商品导出 2025-06"]);
  ws.addRow(["SKU编码", "商品名称", "二级类目", "售价", "重量(kg)", "长", "宽", "高"]);
  ws.addRow(["A-1", "收纳盒", "家居园艺", 50, 0.2, 20, 10, 5]); // eligible
  ws.addRow(["A-2", "收纳盒", "某个新类目", 50, 0.2, 20, 10, 5]); // category not confirmed: a warning
  ws.addRow(["A-3", "收纳盒", "家居园艺", 50, 6, 20, 10, 5]); // too heavy for semi
  ws.addRow(["A-4", "收纳盒", "家居园艺", 50, null, 20, 10, 5]); // no weight
  ws.getColumn(2).width = 30;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function part(bytes: Uint8Array, name: string): string {
  const files = unzipSync(bytes);
  const key = Object.keys(files).find((k) => k.toLowerCase() === name) as string;
  return strFromU8(files[key] as Uint8Array);
}

const ok = (r: Awaited<ReturnType<typeof check>>["result"]): CheckSummary => {
  if (!r.ok) throw new Error(JSON.stringify(r.message));
  return r;
};

async function load(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return back.getWorksheet("商品列表") as ExcelJS.Worksheet;
}

/** Header text → 1-based column, in the header row. */
function columns(sheet: ExcelJS.Worksheet, row: number): (header: string) => number {
  const values = sheet.getRow(row).values as unknown[];
  return (header) => {
    const i = values.indexOf(header);
    if (i < 0) throw new Error(`no header ${header}`);
    return i;
  };
}

describe("the .xlsx writer styles the add-in's cells through the file's own style sheet", () => {
  test.each(["en", "zh"] as const)("bold header, wrapped issues, a fill per status (%s)", async (lang) => {
    const { result, output } = await check(await erpBook(), { mode: "semi", lang });
    ok(result);
    const sheet = await load(output as Uint8Array);
    const col = columns(sheet, 2);
    const status = col(lang === "zh" ? "AE 状态" : "AE Status");
    const issues = col(lang === "zh" ? "AE 问题" : "AE Issues");
    const words =
      lang === "zh"
        ? ["符合", "符合（有提醒）", "不符合", "信息不全"]
        : ["ELIGIBLE", "ELIGIBLE_WITH_WARNINGS", "NOT_ELIGIBLE", "INCOMPLETE"];
    expect([3, 4, 5, 6].map((r) => sheet.getCell(r, status).value)).toEqual(words);
    // The Office.js port's colours (one table for both hosts): green, amber, red, grey.
    const fill = (r: number) =>
      (sheet.getCell(r, status).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    expect([3, 4, 5, 6].map(fill)).toEqual(["FFC6EFCE", "FFFFEB9C", "FFFFC7CE", "FFD9D9D9"]);
    expect(["green", "amber", "red", "grey"].map((t) => `FF${TONE_RGB[t as "green"]}`)).toEqual(
      [3, 4, 5, 6].map(fill),
    );
    // Every output header is bold; the seller's header and cells keep their (absent) style.
    for (let c = status; c <= sheet.getRow(2).cellCount; c++)
      expect({ c, bold: sheet.getRow(2).getCell(c).font?.bold }).toEqual({ c, bold: true });
    expect(sheet.getRow(2).getCell(1).font?.bold).not.toBe(true);
    expect(sheet.getCell(3, 1).fill).toBeUndefined();
    expect(sheet.getCell(5, issues).alignment).toMatchObject({ wrapText: true, vertical: "top" });
    expect(sheet.getCell(5, issues).value).toEqual(expect.any(String));
    // The bold font is a copy of the workbook's default font (same name and size), with <b/>.
    const styles = part(output as Uint8Array, "xl/styles.xml");
    const fonts = [...styles.matchAll(/<font>(.*?)<\/font>/g)].map((m) => m[1] as string);
    expect(fonts.at(-1)).toBe(`<b/>${fonts[0] as string}`);
  });

  test("a re-run (other mode, other language) adds no font, fill or cell format", async () => {
    const first = (await check(await erpBook(), { mode: "semi", lang: "zh" })).output as Uint8Array;
    const counts = (b: Uint8Array) => {
      const xml = part(b, "xl/styles.xml");
      return ["font", "fill", "xf"].map((t) => (xml.match(new RegExp(`<${t}[\\s>/]`, "g")) ?? []).length);
    };
    const input = counts(await erpBook());
    const once = counts(first);
    // One bold font, four fills, the header + wrap + 4 fill formats (and the 3 number formats).
    expect(once).toEqual([input[0]! + 1, input[1]! + 4, input[2]! + 3 + 6]);
    for (const options of [
      { mode: "semi", lang: "zh" },
      { mode: "full", lang: "en" },
      { mode: "compare", lang: "en" },
    ] as const) {
      const again = await check(first, options);
      ok(again.result);
      expect({ options, counts: counts(again.output as Uint8Array) }).toEqual({ options, counts: once });
    }
    const again = (await check(first, { mode: "semi", lang: "zh" })).output as Uint8Array;
    const sheet = await load(again);
    const status = columns(sheet, 2)("AE 状态");
    expect(sheet.getRow(2).getCell(status).font?.bold).toBe(true);
    expect((sheet.getCell(5, status).fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFC7CE");
  });

  test("cellXfs with mc:AlternateContent blocks: the appended formats' indices count each block as one xf", async () => {
    // A producer (Hancom) writes some xfs as mc:AlternateContent (Choice + Fallback); Excel
    // counts each block as one entry of cellXfs.
    const files = unzipSync(await erpBook());
    const styles = strFromU8(files["xl/styles.xml"] as Uint8Array);
    const block =
      '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="hs" xmlns:hs="http://schemas.haansoft.com/office/spreadsheet/8.0"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></mc:Choice><mc:Fallback><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></mc:Fallback></mc:AlternateContent>';
    const m = /<cellXfs count="(\d+)">/.exec(styles) as RegExpExecArray;
    const before = Number(m[1]);
    files["xl/styles.xml"] = strToU8(
      styles.replace(/<cellXfs count="\d+">/, `<cellXfs count="${before + 3}">${block}${block}${block}`),
    );
    const { result, output } = await check(zipSync(files), { mode: "semi", lang: "en" });
    ok(result);
    const out = part(output as Uint8Array, "xl/styles.xml");
    const cellXfs = /<cellXfs count="(\d+)">(.*?)<\/cellXfs>/s.exec(out) as RegExpExecArray;
    // The children as Excel counts them: each block is one.
    const children = (cellXfs[2] as string)
      .replace(/<mc:AlternateContent\b.*?<\/mc:AlternateContent>/gs, "<AC/>")
      .match(/<xf\b[^>]*?(?:\/>|>.*?<\/xf>)|<AC\/>/gs) as string[];
    expect(Number(cellXfs[1])).toBe(children.length);
    expect(Number(cellXfs[1])).toBe(before + 3 + 3 + 6);
    // Each style a cell of the add-in refers to is the format it means: the status fills are
    // solid fills, the money cells use 0.00.
    const sheet = part(output as Uint8Array, "xl/worksheets/sheet1.xml");
    const fillsXml = /<fills count="\d+">(.*?)<\/fills>/s.exec(out)?.[1] as string;
    const fills = fillsXml.match(/<fill>.*?<\/fill>/gs) as string[];
    const statusStyle = Number(/<c r="I3" s="(\d+)"/.exec(sheet)?.[1]);
    const xf = children[statusStyle] as string;
    expect(xf).toMatch(/applyFill="1"/);
    expect(fills[Number(/fillId="(\d+)"/.exec(xf)?.[1])]).toContain(`rgb="FF${TONE_RGB.green}"`);
    const money = [...sheet.matchAll(/<c r="[A-Z]+3" s="(\d+)"><v>/g)].map((x) => Number(x[1]));
    expect(money.length).toBeGreaterThan(0);
    const numFmts = /<numFmts count="\d+">(.*?)<\/numFmts>/s.exec(out)?.[1] ?? "";
    const codeOf = (id: string) =>
      ({ "2": "0.00", "10": "0.00%" })[id] ??
      new RegExp(`numFmtId="${id}" formatCode="([^"]*)"`).exec(numFmts)?.[1];
    for (const s of money) {
      const id = /numFmtId="(\d+)"/.exec(children[s] as string)?.[1] as string;
      expect(["0.00", "0.000", "0.00%"]).toContain(codeOf(id));
    }
  });
});
