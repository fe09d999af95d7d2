/**
 * A seller's trial of main (issue 13 follow-up): wrong results and usability faults, each on a
 * workbook or CSV built here the way an ERP writes it (a title row, 店小秘-style headers).
 */
import ExcelJS from "exceljs";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ACCEPTED_FLAGS, usage } from "../src/cli/check";
import { ExcelPort } from "../src/excel/port";
import { evaluateOne } from "../src/functions/core";
import { runCheck, type CheckSummary } from "../src/pipeline/run";
import { XlsxPort } from "../src/xlsx/port";
import { cli } from "./cli-run";
import { FakeBook, FakeSheet, fakeRun } from "./fake-excel";
import { columnOf, engine, readBack } from "./xlsx-helpers";

/** An ERP export: a title row, then `rows` (header first). */
async function erpBook(rows: unknown[][], title = "店小秘 商品导出 2026-12-01"): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("商品列表");
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, 4);
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Runs the check through the .xlsx port; the summary and the sheet read back (row 1 first). */
async function checked(
  bytes: Uint8Array,
  mode: "semi" | "full" | "compare",
  lang: "en" | "zh" = "en",
): Promise<{ summary: CheckSummary; rows: unknown[][]; cell: (row: number, header: string) => unknown }> {
  const port = await XlsxPort.open(bytes);
  const summary = await runCheck(port, engine, { mode, lang, now: new Date("2026-12-01T00:00:00Z") });
  if (!summary.ok) throw new Error(summary.message.en);
  const { rows } = await readBack(port.output as Uint8Array);
  return {
    summary,
    rows,
    // Header on sheet row 2 (under the title row).
    cell: (row, header) => rows[row - 1]?.[columnOf(rows, header, 2)],
  };
}

describe("SEMI-K-APPAREL-ATTRS: which cells are attributes, and which cell the issue names", () => {
  // 18 product attributes after the identity, price and logistics columns.
  const ATTRS = ["颜色", "尺码", "材质", "领型", "袖长", "图案", "风格", "季节", "适用人群"];
  const ATTRS2 = ["厚度", "版型", "产地", "品牌", "面料", "工艺", "弹力", "里料", "适用场景"];
  const header = [
    "Sku商家编码",
    "商品名称",
    "二级类目",
    "零售价",
    "包装重量(kg)",
    "长(cm)",
    "宽(cm)",
    "高(cm)",
  ];
  const headers = [...header, ...ATTRS, ...ATTRS2];
  const row = (sku: string, weight: unknown, blank: number[]) => {
    const r: unknown[] = [sku, "纯棉T恤", "女装T恤", 59, weight, 30, 20, 3, ...Array(18).fill("x")];
    for (const i of blank) r[i] = "";
    return r;
  };
  test("a blank weight is the weight rule's, not a blank attribute (1 of 21 attributes blank passes)", async () => {
    // Before: weight was counted, 2 of 26 blank (7.7 % > 5 %) → NOT_ELIGIBLE.
    const bytes = await erpBook([headers, row("T-1", "", [8])]);
    const { cell } = await checked(bytes, "semi");
    const issues = String(cell(3, "AE Issues"));
    expect(issues).not.toContain("SEMI-K-APPAREL-ATTRS");
    expect(issues).toContain("(missing): weight is blank (E3)");
    expect(cell(3, "AE Status")).toBe("INCOMPLETE");
  });
  test("the issue points at the first blank attribute cell (I4 颜色), not the category cell (C4)", async () => {
    const bytes = await erpBook([headers, row("T-1", 0.3, []), row("T-2", 0.3, [8, 10])]);
    const { cell } = await checked(bytes, "semi");
    expect(String(cell(3, "AE Issues") ?? "")).not.toContain("SEMI-K-APPAREL-ATTRS");
    expect(cell(4, "AE Status")).toBe("NOT_ELIGIBLE");
    expect(String(cell(4, "AE Issues"))).toContain(
      "SEMI-K-APPAREL-ATTRS (error): 2 of 21 attribute cells are blank (9.5% > 5%): 颜色, 材质 (I4)",
    );
  });
  test("the same through the engine: the issue's field is the header and its cell the first blank", () => {
    const sheet = engine.prepareSheet(headers, { mode: "semi" });
    const r = sheet.evaluateRow(row("T-2", 0.3, [10, 12]), 7);
    const issue = r.issues.find((i) => i.ruleId === "SEMI-K-APPAREL-ATTRS");
    // 材质 is the material-composition field; 颜色 is a seller's own column, named by its header.
    expect(issue).toMatchObject({ field: "materialComposition", cell: { row: 7, column: "K" } });
    const own = sheet.evaluateRow(row("T-3", 0.3, [8, 12]), 8).issues;
    expect(own.find((i) => i.ruleId === "SEMI-K-APPAREL-ATTRS")).toMatchObject({
      field: "颜色",
      cell: { row: 8, column: "I" },
    });
  });
});

describe("a rule that decides eligibility or a fee and cannot be checked: the row says so, its status stays (rules-spec §0)", () => {
  // A semi-managed catalog without dimensions: no L/W/H, no 包装尺寸, no 计费重量.
  const noDims = [
    ["Sku商家编码", "商品名称", "一级类目", "零售价", "包装重量(g)", "发货仓库"],
    ["H-1", "沥水篮", "家居用品", 35, 420, "义乌集货仓"],
    ["H-2", "收纳盒", "家居用品", 28, 300, "义乌集货仓"],
  ];
  test("semi, no dimensions column: status as the spec says (ELIGIBLE), blank fee, the AE Issues cell names the columns", async () => {
    // Before: ELIGIBLE, blank fees, an empty AE Issues cell ("FEE-SEMI-BASE not checked" in the report only).
    const { summary, cell } = await checked(await erpBook(noDims), "semi");
    expect(summary.modes[0]?.counts).toMatchObject({ ELIGIBLE: 2, INCOMPLETE: 0 });
    expect(summary.modes[0]?.feesComputed).toBe(0);
    expect(cell(3, "AE Status")).toBe("ELIGIBLE");
    expect(cell(3, "AE Fee total (CNY)") ?? "").toBe("");
    expect(String(cell(3, "AE Issues"))).toBe(
      "FEE-SEMI-BASE (info): fee not computed: the sheet has no column for length, width and height (长/宽/高, or one 包装尺寸 cell such as 25*7*3), or a 计费重量 (billable weight) column",
    );
    expect(summary.modes[0]?.notChecked).toContainEqual({
      ruleId: "FEE-SEMI-BASE",
      missingFields: ["length", "width", "height"],
      rowsNoted: true,
    });
  });
  test("the same in Chinese: 符合 and a Chinese reason", async () => {
    const { cell, rows } = await checked(await erpBook(noDims), "semi", "zh");
    const status = columnOf(rows, "AE 状态", 2);
    expect(status).toBeGreaterThan(0);
    expect(rows[2]?.[status]).toBe("符合");
    const issues = rows[2]?.[columnOf(rows, "AE 问题", 2)];
    expect(String(issues)).toBe(
      "FEE-SEMI-BASE（提示）：未计算费用：表中没有长、宽、高（长/宽/高三列，或一列包装尺寸如 25*7*3），或计费重量列",
    );
    void cell;
  });
  // A full-managed catalog of an ERP: 物流属性 says 内电, and there is no UN38.3 column.
  // (Home goods, with the home attributes filled, so that FULL-K-BATTERY is the only question.)
  const battery = [
    ["Sku商家编码", "商品名称", "一级类目", "供货价(元)", "物流属性", "材质成分", "是否含甲醛", "EN71-3"],
    ["H-7", "充电台灯", "家居用品", 80, "内电", "ABS 100%", "否", "是"],
    ["H-8", "收纳盒", "家居用品", 20, "普货", "PP 100%", "否", "是"],
  ];
  test("full, 内电 with no UN38.3 column: a note at the 物流属性 cell, status as the spec says; 普货 has no note", async () => {
    // Before: both ELIGIBLE (FULL-K-BATTERY "not checked").
    const { summary, cell } = await checked(await erpBook(battery), "full");
    expect(cell(3, "AE Status")).toBe("ELIGIBLE");
    expect(String(cell(3, "AE Issues"))).toBe(
      "FULL-K-BATTERY (info): contains a battery: the sheet has no column for UN38.3 report (UN38.3 / UN38.3报告), so this rule is not checked (E3)",
    );
    expect(cell(4, "AE Status")).toBe("ELIGIBLE");
    expect(cell(4, "AE Issues") ?? "").toBe("");
    expect(summary.modes[0]?.notChecked).toContainEqual({
      ruleId: "FULL-K-BATTERY",
      missingFields: ["un38_3"],
      rowsNoted: true,
    });
  });
  test("with a UN38.3 column, a blank report is the failure itself (NOT_ELIGIBLE), as before", async () => {
    const sheet = battery.map((r, i) => [...r, i === 0 ? "UN38.3报告" : ""]);
    const { cell } = await checked(await erpBook(sheet), "full");
    expect(cell(3, "AE Status")).toBe("NOT_ELIGIBLE");
  });
  test("a rule that does not decide eligibility (a warning rule) stays a sheet-level note", async () => {
    // SEMI-K-RETURN-RATE (warning) and SEMI-K-PRICE-CAP (warning): no column, rows not INCOMPLETE.
    const sheet = [
      [...(noDims[0] as unknown[]), "包装尺寸"],
      [...(noDims[1] as unknown[]), "25*7*3"],
    ];
    const { summary, cell } = await checked(await erpBook(sheet), "semi");
    expect(cell(3, "AE Status")).toBe("ELIGIBLE");
    const nc = summary.modes[0]?.notChecked ?? [];
    expect(nc.find((n) => n.ruleId === "SEMI-K-RETURN-RATE")).toEqual({
      ruleId: "SEMI-K-RETURN-RATE",
      missingFields: ["returnRate"],
    });
  });
  test("the Excel host writes the same statuses and issues as the .xlsx copy", async () => {
    const fake = new FakeSheet("商品列表", [["店小秘 商品导出"], ...battery.map((r) => [...r])]);
    const book = new FakeBook([fake]);
    const result = await runCheck(new ExcelPort(fakeRun(book).run), engine, { mode: "full", lang: "en" });
    if (!result.ok) throw new Error(result.message.en);
    const grid = book.sheet("商品列表")!.grid;
    const at = (h: string) => (grid[1] as unknown[]).indexOf(h);
    const { cell } = await checked(await erpBook(battery), "full");
    for (const r of [3, 4]) {
      expect(grid[r - 1]?.[at("AE Status")]).toBe(cell(r, "AE Status"));
      expect(grid[r - 1]?.[at("AE Issues")] ?? "").toBe(cell(r, "AE Issues") ?? "");
    }
    expect(String(grid[2]?.[at("AE Issues")])).toContain("FULL-K-BATTERY (info)");
    expect(grid[3]?.[at("AE Status")]).toBe("ELIGIBLE");
  });
  test("AE.ELIGIBLE / AE.ISSUES give the pipeline's status for the same header and row", () => {
    const one = evaluateOne("full", [battery[0]], [battery[1]], null);
    expect(one.status).toBe("ELIGIBLE");
    expect(one.issues.map((i) => i.severity)).toEqual(["info"]);
    expect(one.issues.map((i) => i.ruleId)).toEqual(["FULL-K-BATTERY"]);
    expect(evaluateOne("full", [battery[0]], [battery[2]], null).status).toBe("ELIGIBLE");
    const semi = evaluateOne("semi", [noDims[0]], [noDims[1]], null);
    expect(semi.status).toBe("ELIGIBLE");
    expect(semi.issues[0]?.message.en).toContain("fee not computed: the sheet has no column for length");
  });
});

const CATALOG = [
  ["Sku商家编码", "商品名称", "一级类目", "零售价", "包装重量(kg)", "长(cm)", "宽(cm)", "高(cm)", "发货仓库"],
  ["H-1", "沥水篮", "家居用品", 35, 0.42, 30, 20, 10, "义乌集货仓"],
  ["H-2", "收纳盒", "家居用品", 28, 6.2, 30, 20, 10, "杭州自营仓"],
];
const STATEMENT = [
  ["订单号", "类目", "订单金额", "平台扣费"],
  ["AE-1", "女装", 100, 8.8],
  ["AE-2", "女装", 100, 9.3],
];

describe("where the CLI writes: no two inputs or purposes share a copy, nothing replaced silently", () => {
  const dir = mkdtempSync(join(tmpdir(), "ae-trial-"));
  test("catalog.csv and catalog.xlsx in one folder get a copy each", async () => {
    // Before: both wrote catalog.checked.xlsx, the second over the first, without a word.
    writeFileSync(join(dir, "catalog.csv"), CATALOG.map((r) => r.join(",")).join("\r\n"));
    writeFileSync(join(dir, "catalog.xlsx"), await erpBook(CATALOG));
    const csv = await cli(join(dir, "catalog.csv"), "--mode", "semi");
    const xlsx = await cli(join(dir, "catalog.xlsx"), "--mode", "semi");
    expect([csv.code, xlsx.code]).toEqual([0, 0]);
    expect(csv.out).toContain(`Written: ${join(dir, "catalog.csv.checked.xlsx")}`);
    expect(xlsx.out).toContain(`Written: ${join(dir, "catalog.checked.xlsx")}`);
    expect(xlsx.out).not.toContain("Replaced");
    const fromCsv = await readBack(readFileSync(join(dir, "catalog.csv.checked.xlsx")));
    expect(fromCsv.rows[0]?.[0]).toBe("Sku商家编码");
    const fromXlsx = await readBack(readFileSync(join(dir, "catalog.checked.xlsx")));
    expect(fromXlsx.rows[0]?.[0]).toBe("店小秘 商品导出 2026-12-01");
  });
  test("a re-run says it replaced its earlier copy", async () => {
    const again = await cli(join(dir, "catalog.xlsx"), "--mode", "full", "--lang", "zh");
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/^已替换 .*catalog\.checked\.xlsx（.* 检查时写的结果）$/m);
    const quiet = await cli(join(dir, "catalog.xlsx"), "--quiet");
    expect([quiet.code, quiet.out]).toEqual([0, ""]);
    expect(quiet.err).toMatch(/^ae-check: Replaced .*catalog\.checked\.xlsx \(the copy a check wrote at /);
  });
  test("a statement's reconciliation and a check of the same file keep their own copies", async () => {
    // Before: both wrote statement.checked.xlsx; the check replaced the reconciliation.
    writeFileSync(join(dir, "statement.xlsx"), await erpBook(STATEMENT, "结算单"));
    const rec = await cli(join(dir, "statement.xlsx"), "--reconcile", "--mode", "full");
    expect(rec.code).toBe(0);
    expect(rec.out).toContain(`Written: ${join(dir, "statement.reconciled.xlsx")}`);
    const reconciled = readFileSync(join(dir, "statement.reconciled.xlsx"));
    const chk = await cli(join(dir, "statement.xlsx"), "--mode", "full");
    expect(chk.code).toBe(0);
    expect(chk.out).toContain(`Written: ${join(dir, "statement.checked.xlsx")}`);
    expect(readFileSync(join(dir, "statement.reconciled.xlsx")).equals(reconciled)).toBe(true);
  });
  test("a file the CLI did not write for this purpose is not replaced at the default path", async () => {
    // A reconciliation written where a check's copy would go (say, by an older version) …
    const rec = await cli(
      join(dir, "statement.xlsx"),
      "--reconcile",
      "--mode",
      "full",
      "--out",
      join(dir, "s2.checked.xlsx"),
    );
    expect(rec.code).toBe(0);
    copyFileSync(join(dir, "statement.xlsx"), join(dir, "s2.xlsx"));
    const before = readFileSync(join(dir, "s2.checked.xlsx"));
    const r = await cli(join(dir, "s2.xlsx"), "--mode", "full");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^ae-check: .*s2\.checked\.xlsx exists and was not written by a check \(the copy a reconciliation wrote at .*\): not replaced\. Move it or give --out$/,
    );
    expect(readFileSync(join(dir, "s2.checked.xlsx")).equals(before)).toBe(true);
    // … and a seller's own workbook of that name.
    writeFileSync(join(dir, "mine.xlsx"), await erpBook(CATALOG));
    writeFileSync(join(dir, "mine.checked.xlsx"), await erpBook([["my own notes"]]));
    const mine = await cli(join(dir, "mine.xlsx"));
    expect([mine.code, mine.err.split("\n").length]).toEqual([2, 1]);
    expect(mine.err).toContain("(not a copy written by ae-check): not replaced");
    // With --out the seller chose the file: it is written, and the console says what it replaced.
    const chosen = await cli(join(dir, "mine.xlsx"), "--out", join(dir, "mine.checked.xlsx"));
    expect(chosen.code).toBe(0);
    expect(chosen.out).toContain(
      `Replaced ${join(dir, "mine.checked.xlsx")} (not a copy written by ae-check)`,
    );
  });
});

describe("--lang zh console is Chinese throughout; --help lists every flag", () => {
  const dir = mkdtempSync(join(tmpdir(), "ae-trial-zh-"));
  // English words that must not appear in the Chinese console (rule ids are upper case).
  const ENGLISH =
    /\b(ELIGIBLE|ELIGIBLE_WITH_WARNINGS|NOT_ELIGIBLE|INCOMPLETE|MATCH|OVERCHARGED|UNDERCHARGED|CANNOT_CHECK|full|semi|error|warning|missing|info|CNY|rows?|lines?|none)\b/;
  test("check --mode compare --lang zh: status words, 全托管/半托管, severities, and the best-mode cell", async () => {
    // Before: "full  ELIGIBLE 1 · …", "error", "无：全托管 INCOMPLETE, …".
    const book = await erpBook([...CATALOG, ["H-3", "台灯", "运动户外", 50, 0.5, 30, 20, 10, "杭州自营仓"]]);
    writeFileSync(join(dir, "目录.xlsx"), book);
    const r = await cli(join(dir, "目录.xlsx"), "--mode", "compare", "--lang", "zh");
    expect(r.code).toBe(0);
    const lines = r.out.split("\n").map((l) => l.replace(dir, "DIR"));
    for (const line of lines)
      expect([line, ENGLISH.test(line.replace(/'AE Report'/, ""))]).toEqual([line, false]);
    expect(r.out).toMatch(
      /^ {2}全托管 符合 \d+ · 符合（有提醒） \d+ · 不符合 \d+ · 信息不全 \d+ · 已算费用 \d+$/m,
    );
    expect(r.out).toMatch(/^ {2}半托管 /m);
    expect(r.out).toMatch(/ 错误 +\d+ 行 /);
    const { rows } = await readBack(readFileSync(join(dir, "目录.checked.xlsx")));
    const best = rows.slice(2).map((row) => row[columnOf(rows, "AE 最优模式", 2)]);
    for (const cell of best) expect(ENGLISH.test(String(cell))).toBe(false);
    expect(best).toContain(
      "无：全托管信息不全（类目“运动户外”无全托管履约费率，请提供费率后再计算），半托管不符合",
    );
    // Chinese AE Issues cells join with '；' and cite cells in full-width brackets.
    const issueCells = rows
      .slice(2)
      .flatMap((row) => [
        row[columnOf(rows, "AE 问题 [全托管]", 2)],
        row[columnOf(rows, "AE 问题 [半托管]", 2)],
      ])
      .filter((v) => typeof v === "string") as string[];
    expect(issueCells.length).toBeGreaterThan(0);
    for (const cell of issueCells) expect([cell, /; |\([A-Z]+\d+\)/.test(cell)]).toEqual([cell, false]);
    // The Chinese AE Report words its modes, severities, verdicts and mapping matches too (before:
    // 模式 compare, rows of full/semi, error/missing, NOT_CHECKED, exact/unknown).
    const report = (await readBack(readFileSync(join(dir, "目录.checked.xlsx")), "AE Report")).rows;
    const CODES = new Set([
      "full",
      "semi",
      "compare",
      "error",
      "warning",
      "missing",
      "info",
      "NOT_CHECKED",
      "exact",
      "partial",
      "unknown",
    ]);
    const left = report.flatMap((row, i) =>
      (row ?? []).filter((v) => CODES.has(String(v))).map((v) => `${i + 1}: ${String(v)}`),
    );
    expect(left).toEqual([]);
    expect(report.some((row) => row?.[0] === "模式" && row[1] === "对比（全托管与半托管）")).toBe(true);
  });
  test("the English console keeps its codes", async () => {
    const r = await cli(join(dir, "目录.xlsx"), "--mode", "compare", "--out", join(dir, "en.xlsx"));
    expect(r.out).toMatch(
      /^ {2}full +ELIGIBLE \d+ · ELIGIBLE_WITH_WARNINGS \d+ · NOT_ELIGIBLE \d+ · INCOMPLETE \d+ · fees computed \d+$/m,
    );
    expect(r.out).toMatch(/ error +\d+ rows /);
  });
  test("reconcile --lang zh: verdict words and 元", async () => {
    writeFileSync(join(dir, "结算.xlsx"), await erpBook(STATEMENT, "结算单"));
    const r = await cli(join(dir, "结算.xlsx"), "--reconcile", "--mode", "full", "--lang", "zh");
    expect(r.code).toBe(0);
    for (const line of r.out
      .split("\n")
      .map((l) => l.replace(dir, "DIR").replace(/'AE (Report|Disputes)'/g, "")))
      expect([line, ENGLISH.test(line)]).toEqual([line, false]);
    expect(r.out).toMatch(/一致 \d+ · 多扣 \d+ · 少扣 \d+ · 无法核对 \d+/);
    expect(r.out).toContain(" 元");
  });
  test("--help lists every flag the parser accepts, and the parser accepts every flag it lists", async () => {
    // Before: --reconcile, --rates, --destination, --fulfilment-rate, --tolerance were not all listed.
    const help = await cli("--help");
    expect(help.code).toBe(0);
    expect(help.out).toBe(usage());
    for (const flag of ACCEPTED_FLAGS) expect([flag, help.out.includes(`--${flag}`)]).toEqual([flag, true]);
    const listed = [...new Set([...help.out.matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1] as string))];
    for (const flag of listed) {
      // Each listed flag gets past the parser: the run stops at the missing input, not at the flag.
      const r = await cli(
        `--${flag}`,
        ...(["quiet", "reconcile", "help"].includes(flag) ? [] : ["1"]),
        join(dir, "none.xlsx"),
      );
      expect([flag, r.err]).not.toEqual([flag, expect.stringContaining("unknown option")]);
    }
    expect(help.out).toMatch(/[\u4e00-\u9fff]/);
    expect((await cli("--no-such-flag", "x.xlsx")).err).toMatch(/^ae-check: unknown option --no-such-flag/);
  });
  test("a one-line failure is in Chinese with --lang zh, in English without (before: English either way)", async () => {
    const cases: [string[], RegExp, RegExp][] = [
      [[join(dir, "none.xlsx")], /^ae-check: 找不到输入的工作簿：/, /^ae-check: input workbook not found: /],
      [[dir], /^ae-check: .* 是文件夹，不是工作簿文件$/, /^ae-check: .* is a folder, not a workbook file$/],
      [
        ["--mode", "x", "a.xlsx"],
        /^ae-check: --mode 只能是 semi/,
        /^ae-check: --mode must be semi, full or compare/,
      ],
      [["--bogus", "a.xlsx"], /^ae-check: 未知选项 --bogus/, /^ae-check: unknown option --bogus/],
      [
        ["--tolerance", "-1", "a.xlsx"],
        /^ae-check: --tolerance 必须是不小于 0 的人民币金额/,
        /^ae-check: --tolerance must be a number of CNY ≥ 0/,
      ],
    ];
    const notXlsx = join(dir, "notes.xlsx");
    writeFileSync(notXlsx, "just text, renamed");
    cases.push([
      [notXlsx],
      /^ae-check: .*notes\.xlsx：不是 \.xlsx 工作簿/,
      /^ae-check: .*notes\.xlsx: the file is not an \.xlsx workbook: open it in Excel or WPS and save it as \.xlsx \(a CSV text file: name it \.csv\)$/,
    ]);
    for (const [args, zh, en] of cases) {
      const z = await cli(...args, "--lang", "zh");
      expect([args, z.code, z.err.split("\n").length]).toEqual([args, 2, 1]);
      expect([args, z.err]).toEqual([args, expect.stringMatching(zh)]);
      expect([args, (await cli(...args)).err]).toEqual([args, expect.stringMatching(en)]);
    }
  });
});
