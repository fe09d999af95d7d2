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
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LIBREOFFICE, need } from "./programs";
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
  // (LibreOffice writes mixed-script headers as rich text runs.)
  const values = (sheet.getRow(row).values as unknown[]).map((v) =>
    v && typeof v === "object" && "richText" in v
      ? (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join("")
      : v,
  );
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

/** The sheet part of a copy (the first worksheet), and its head: everything before <sheetData>. */
function sheetXml(bytes: Uint8Array): string {
  return part(bytes, "xl/worksheets/sheet1.xml");
}
function headOf(xml: string): string {
  return xml.slice(0, xml.search(/<(\w+:)?sheetData\b/));
}

/** The ERP book with its first sheet's XML edited. */
function withSheet(bytes: Uint8Array, edit: (xml: string) => string): Uint8Array {
  const files = unzipSync(bytes);
  files["xl/worksheets/sheet1.xml"] = strToU8(
    edit(strFromU8(files["xl/worksheets/sheet1.xml"] as Uint8Array)),
  );
  return zipSync(files);
}

/** The ERP book with x:-prefixed elements, a self-closing <sheetView/> and no <cols>. */
async function prefixedBook(): Promise<Uint8Array> {
  const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  return withSheet(await erpBook(), (x) =>
    x
      .replace(/<cols>.*<\/cols>/s, "")
      .replace(/<sheetViews>.*<\/sheetViews>/s, "")
      .replace(
        /<dimension [^>]*\/>/,
        '$&<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>',
      )
      .replace(/<(\/?)([A-Za-z]+)([\s>/])/g, (m, slash: string, name: string, after: string) =>
        name === "xml" ? m : `<${slash}x:${name}${after}`,
      )
      .replace(`xmlns="${MAIN}"`, `xmlns:x="${MAIN}"`),
  );
}

/** The layout the add-in recorded in AE Meta. */
async function recorded(bytes: Uint8Array): Promise<unknown> {
  const { XlsxPort } = await import("../src/xlsx/port");
  return ((await (await XlsxPort.open(bytes)).readState()) as { layout?: unknown } | undefined)?.layout;
}

describe("the .xlsx writer's layout: widths of the add-in's columns and the header row frozen", () => {
  test("widths fit the headers (issues 60, status 24), the seller's width stays, the header row is frozen", async () => {
    const { result, output } = await check(await erpBook(), { mode: "semi", lang: "zh" });
    ok(result);
    const sheet = await load(output as Uint8Array);
    const col = columns(sheet, 2);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 2, topLeftCell: "A3" });
    expect(sheet.getColumn(2).width).toBe(30);
    expect(sheet.getColumn(col("AE 状态")).width).toBe(24);
    expect(sheet.getColumn(col("AE 问题")).width).toBe(60);
    // A CJK character counts two: "AE 计费重进位后(kg)" is 19 wide, + 2.
    expect(sheet.getColumn(col("AE 计费重进位后(kg)")).width).toBe(21);
    for (let c = 1; c <= 8; c++) if (c !== 2) expect(sheet.getColumn(c).width).toBeUndefined();
    // Schema order (CT_Worksheet): dimension, sheetViews, sheetFormatPr, cols, sheetData; the pane
    // is the view's first child, with the bottom-left pane's selection.
    const head = headOf(sheetXml(output as Uint8Array));
    const order = ["<dimension", "<sheetViews>", "<sheetFormatPr", "<cols>"].map((t) => head.indexOf(t));
    expect(order.every((p, i) => p >= 0 && (i === 0 || p > (order[i - 1] as number)))).toBe(true);
    expect(head).toContain(
      '<sheetView workbookViewId="0"><pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A3" sqref="A3"/></sheetView>',
    );
    const mins = [...head.matchAll(/<col min="(\d+)" max="(\d+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(mins.map(([a]) => a)).toEqual(
      [...mins.map(([a]) => a)].sort((a, b) => (a as number) - (b as number)),
    );
    expect(await recorded(output as Uint8Array)).toEqual({
      cols: mins.filter(([a]) => a !== 2),
      pane: 2,
      selection: true,
      made: ["sheetViews"],
    });
  });

  test("a re-run (any mode, any language) replaces the add-in's widths and pane: none twice, none left behind", async () => {
    const first = (await check(await erpBook(), { mode: "semi", lang: "zh" })).output as Uint8Array;
    const again = (await check(first, { mode: "semi", lang: "zh" })).output as Uint8Array;
    expect(headOf(sheetXml(again))).toBe(headOf(sheetXml(first)));
    const compare = (await check(first, { mode: "compare", lang: "en" })).output as Uint8Array;
    const head = headOf(sheetXml(compare));
    expect(head.match(/<pane /g)).toHaveLength(1);
    expect(head.match(/<selection /g)).toHaveLength(1);
    expect(head.match(/<sheetView[ >]/g)).toHaveLength(1);
    const cols = [...head.matchAll(/<col min="(\d+)" max="(\d+)"/g)].map((m) => Number(m[1]));
    const sheet = await load(compare);
    const outputs = (sheet.getRow(2).values as unknown[])
      .map((v, i) => (typeof v === "string" && v.startsWith("AE ") ? i : -1))
      .filter((i) => i > 0);
    // Exactly the seller's column B and the output columns of this run, each once.
    expect(cols).toEqual([2, ...outputs]);
    // And back to semi: the compare run's extra columns lose their widths.
    const semi = (await check(compare, { mode: "semi", lang: "zh" })).output as Uint8Array;
    expect(headOf(sheetXml(semi))).toBe(headOf(sheetXml(first)));
  });

  test("an AE Meta state without a layout (an older run) is read as before: the pane and widths in the sheet count as the user's", async () => {
    const first = (await check(await erpBook(), { mode: "semi", lang: "en" })).output as Uint8Array;
    const files = unzipSync(first);
    const meta = Object.keys(files).find((k) =>
      strFromU8(files[k] as Uint8Array).includes("&quot;layout&quot;"),
    ) as string;
    files[meta] = strToU8(strFromU8(files[meta] as Uint8Array).replace(/,&quot;layout&quot;:\{.*?\}\}/, "}"));
    const old = zipSync(files);
    expect(await recorded(old)).toBeUndefined();
    const again = (await check(old, { mode: "semi", lang: "en" })).output as Uint8Array;
    expect(headOf(sheetXml(again))).toBe(headOf(sheetXml(first)));
    expect(await recorded(again)).toEqual({ cols: [], pane: 0 });
  });

  test("a pane of the user's (here a freeze of row 1 and column A) is never replaced", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await erpBook()) as unknown as ArrayBuffer);
    (wb.getWorksheet("商品列表") as ExcelJS.Worksheet).views = [
      { state: "frozen", xSplit: 1, ySplit: 1, topLeftCell: "B2" },
    ];
    const input = new Uint8Array(await wb.xlsx.writeBuffer());
    const views = (xml: string) => /<sheetViews>.*<\/sheetViews>/s.exec(xml)?.[0];
    expect(views(sheetXml(input))).toContain('state="frozen"');
    const first = (await check(input, { mode: "semi", lang: "en" })).output as Uint8Array;
    expect(views(sheetXml(first))).toBe(views(sheetXml(input)));
    const again = (await check(first, { mode: "full", lang: "en" })).output as Uint8Array;
    expect(views(sheetXml(again))).toBe(views(sheetXml(input)));
    expect(await recorded(again)).toMatchObject({ pane: 0 });
    // A split (not frozen) pane of the user's stays too.
    const split = withSheet(input, (x) => x.replace(/state="frozen"/, 'state="split"'));
    const out = (await check(split, { mode: "semi", lang: "en" })).output as Uint8Array;
    expect(views(sheetXml(out))).toBe(views(sheetXml(split)));
  });

  test("a <col> range of the user's over the output columns is not split or changed; the other output columns get theirs around it", async () => {
    // The seller set a width on I:K (where the first three output columns go) and on B.
    const input = withSheet(await erpBook(), (x) =>
      x.replace(
        /<cols>.*<\/cols>/s,
        '<cols><col min="2" max="2" width="30" customWidth="1"/><col min="9" max="11" width="9.5" style="0" customWidth="1"/></cols>',
      ),
    );
    const first = (await check(input, { mode: "semi", lang: "en" })).output as Uint8Array;
    const head = headOf(sheetXml(first));
    expect(head).toContain(
      '<col min="2" max="2" width="30" customWidth="1"/><col min="9" max="11" width="9.5" style="0" customWidth="1"/><col min="12" max="12"',
    );
    const cols = [...head.matchAll(/<col min="(\d+)" max="(\d+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(cols.slice(0, 3)).toEqual([
      [2, 2],
      [9, 11],
      [12, 12],
    ]);
    // A re-run leaves the seller's range as it is, and adds nothing.
    const again = (await check(first, { mode: "semi", lang: "en" })).output as Uint8Array;
    expect(headOf(sheetXml(again))).toBe(head);
    const sheet = await load(first);
    expect(sheet.getColumn(9).width).toBe(9.5);
  });

  test("a user <col> before the output columns and one after them: ours go in between, in column order", async () => {
    const input = withSheet(await erpBook(), (x) =>
      x.replace(
        /<cols>.*<\/cols>/s,
        '<cols><col min="2" max="2" width="30" customWidth="1"/><col min="30" max="40" width="5" customWidth="1"/></cols>',
      ),
    );
    const out = (await check(input, { mode: "semi", lang: "en" })).output as Uint8Array;
    const cols = [...headOf(sheetXml(out)).matchAll(/<col min="(\d+)" max="(\d+)"/g)].map((m) =>
      Number(m[1]),
    );
    expect(cols[0]).toBe(2);
    expect(cols.at(-1)).toBe(30);
    expect(cols).toEqual([...cols].sort((a, b) => a - b));
  });

  test("--no-layout: the sheet outside its cells stays byte for byte (dimension aside); cell styles are still written", async () => {
    const { XlsxPort } = await import("../src/xlsx/port");
    const { runCheck } = await import("../src/pipeline/run");
    const { engine } = await import("./xlsx-helpers");
    const noLayout = async (bytes: Uint8Array) => {
      const port = await XlsxPort.open(bytes, { layout: false });
      ok(await runCheck(port, engine, { mode: "semi", lang: "en", now: new Date("2025-06-30T00:00:00Z") }));
      return port.output as Uint8Array;
    };
    const mask = (x: string) =>
      headOf(x).replace(/<dimension [^>]*\/>/, "") + x.slice(x.indexOf("</sheetData>"));
    const input = await erpBook();
    const out = await noLayout(input);
    expect(mask(sheetXml(out))).toBe(mask(sheetXml(input)));
    expect(await recorded(out)).toBeUndefined();
    const sheet = await load(out);
    const status = columns(sheet, 2)("AE Status");
    expect(sheet.getRow(2).getCell(status).font?.bold).toBe(true);
    // On a copy with the layout, --no-layout keeps it (and its record, for a later run).
    const styled = (await check(input, { mode: "semi", lang: "en" })).output as Uint8Array;
    const kept = await noLayout(styled);
    expect(mask(sheetXml(kept))).toBe(mask(sheetXml(styled)));
    expect(await recorded(kept)).toEqual(await recorded(styled));
  });

  test("a sheet with x:-prefixed elements, a self-closing <sheetView/> and no <cols>: the layout uses the sheet's prefix", async () => {
    const input = await prefixedBook();
    expect(sheetXml(input)).toContain('<x:sheetView tabSelected="1" workbookViewId="0"/>');
    const { result, output } = await check(input, { mode: "semi", lang: "en" });
    ok(result);
    const head = headOf(sheetXml(output as Uint8Array));
    expect(head).toContain(
      '<x:sheetView tabSelected="1" workbookViewId="0"><x:pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/><x:selection pane="bottomLeft" activeCell="A3" sqref="A3"/></x:sheetView>',
    );
    expect(head).toMatch(
      /<\/x:sheetViews><x:sheetFormatPr [^>]*\/><x:cols><x:col min="9" max="9" width="24" customWidth="1"\/>/,
    );
    expect(head).not.toMatch(/<(?!x:|\?xml)[a-z]/);
    expect(await recorded(output as Uint8Array)).toMatchObject({ made: ["cols", "sheetView"] });
    // (exceljs reads no x:-prefixed sheet; LibreOffice does, see below.) Re-run: the same head.
    const again = (await check(output as Uint8Array, { mode: "semi", lang: "en" })).output as Uint8Array;
    expect(headOf(sheetXml(again))).toBe(head);
  });
});

const soffice = need(LIBREOFFICE, "opening a styled copy in a real spreadsheet program");
(soffice ? describe : describe.skip)("LibreOffice opens a styled copy", () => {
  // Headless LibreOffice writes no view settings (an exceljs sheet frozen by exceljs itself comes
  // back unfrozen too), so the pane is checked in the XML above; widths and styles are checked here.
  test("saved again by LibreOffice, the copy keeps the widths, the bold header, the fills and the wrap; the x:-prefixed copy its widths", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ae-look-lo-"));
    const convert = (name: string, bytes: Uint8Array): Uint8Array => {
      writeFileSync(join(dir, name), bytes);
      execFileSync(
        soffice as string,
        [
          "--headless",
          `-env:UserInstallation=file://${dir}/profile`,
          "--convert-to",
          "xlsx:Calc MS Excel 2007 XML",
          "--outdir",
          join(dir, "lo"),
          join(dir, name),
        ],
        { stdio: "pipe", timeout: 170_000 },
      );
      return new Uint8Array(readFileSync(join(dir, "lo", name)));
    };
    try {
      const { output } = await check(await erpBook(), { mode: "semi", lang: "zh" });
      const sheet = await load(convert("styled.xlsx", output as Uint8Array));
      const col = columns(sheet, 2);
      const status = col("AE 状态");
      expect(sheet.getColumn(status).width).toBe(24);
      expect(sheet.getColumn(col("AE 问题")).width).toBe(60);
      expect(sheet.getColumn(2).width).toBe(30);
      expect(sheet.getRow(2).getCell(status).font?.bold).toBe(true);
      expect(sheet.getRow(2).getCell(1).font?.bold).not.toBe(true);
      expect(
        [3, 4, 5, 6].map((r) => (sheet.getCell(r, status).fill as ExcelJS.FillPattern)?.fgColor?.argb),
      ).toEqual(["FFC6EFCE", "FFFFEB9C", "FFFFC7CE", "FFD9D9D9"]);
      expect(sheet.getCell(5, col("AE 问题")).alignment?.wrapText).toBe(true);
      const prefixed = (await check(await prefixedBook(), { mode: "semi", lang: "en" })).output;
      const back = await load(convert("prefixed.xlsx", prefixed as Uint8Array));
      const p = columns(back, 2);
      expect(back.getColumn(p("AE Status")).width).toBe(24);
      expect(back.getColumn(p("AE Issues")).width).toBe(60);
      expect(back.getRow(2).getCell(p("AE Status")).font?.bold).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 360_000);
});
