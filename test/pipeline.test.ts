import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { ALL_OUTPUT_HEADERS, outputSpecs } from "../src/pipeline/outputs";
import { XlsxPort } from "../src/xlsx/port";
import { concat } from "../src/xlsx/zip";
import { bestMode, runCheck, type CheckSummary } from "../src/pipeline/run";
import { formatIssueLine } from "../src/engine";
import { check, columnOf, engine, makeWorkbook, readBack } from "./xlsx-helpers";

const SAMPLE_SEMI = new Uint8Array(readFileSync(join(__dirname, "../assets/samples/catalog-semi.xlsx")));
const SAMPLE_FULL = new Uint8Array(readFileSync(join(__dirname, "../assets/samples/catalog-full.xlsx")));
// The sample has a cost column (成本), so profit and margin are written too.
const SEMI_HEADERS = outputSpecs("semi", "en", true).map((s) => s.header);

describe("the semi-managed sample workbook", () => {
  let rows: unknown[][];
  let output: Uint8Array;
  beforeAll(async () => {
    const r = await check(SAMPLE_SEMI, { mode: "semi", fees: { distanceKm: 250 } });
    if (!r.result.ok || !r.output) throw new Error(JSON.stringify(r.result));
    output = r.output;
    rows = (await readBack(output, "商品清单")).rows;
  });
  const cell = (sku: string, header: string) => {
    const row = rows.find((r) => r[0] === sku);
    return row?.[columnOf(rows, header, 2)];
  };
  test("the header row is found below the title row and the outputs follow the last used column", () => {
    const header = rows[1] as unknown[];
    expect(header.slice(0, 3)).toEqual(["SKU编码", "商品名称", "二级类目"]);
    expect(header.slice(22)).toEqual(SEMI_HEADERS);
    expect(columnOf(rows, "AE Status", 2)).toBe(22); // column W, after 备注 (V)
  });
  test("statuses, issues and fees per SKU", () => {
    expect(cell("HG-1001", "AE Status")).toBe("ELIGIBLE");
    // 39.90 × 3.5 % = 1.3965 → 1.40; 0.42 kg → first kg 5.00; its distance column (180 km) wins over --distance 250
    expect(cell("HG-1001", "AE Fee base (CNY)")).toBe(1.4);
    expect(cell("HG-1001", "AE Fee fulfilment (CNY)")).toBe(5);
    expect(cell("HG-1001", "AE Fee transfer (CNY)")).toBe(0);
    expect(cell("HG-1001", "AE Fee total (CNY)")).toBe(6.4);
    expect(cell("HG-1001", "AE Net payout (CNY)")).toBe(33.5);
    // cost 12.50: profit 39.90 − 6.40 − 12.50 = 21.00, margin 21 / 39.9
    expect(cell("HG-1001", "AE Profit (CNY)")).toBe(21);
    expect(cell("HG-1001", "AE Margin")).toBeCloseTo(21 / 39.9, 12);
    // SP-4002 ships from 180 km too; EL-2001 from 30 km: no transfer anywhere in this sample but the option is honoured per row
    expect(cell("EL-2001", "AE Fee transfer (CNY)")).toBe(0);
    // 38 × 2.6 × 0.4 cm... 380 mm × 26 × 4 cm / 6000 = 0.659 kg volumetric; 1.35 kg actual → billable 1.5
    expect(cell("HG-1002", "AE Volumetric weight (kg)")).toBe(0.659);
    expect(cell("HG-1002", "AE Chargeable weight (kg)")).toBe(1.35);
    expect(cell("HG-1002", "AE Billable weight (kg)")).toBe(1.5);
    expect(cell("HG-1002", "AE Fee services (CNY)")).toBe(2);
    expect(cell("EL-2001", "AE Fee services (CNY)")).toBe(7);
    expect(cell("SP-4001", "AE Status")).toBe("NOT_ELIGIBLE");
    expect(String(cell("SP-4001", "AE Issues"))).toContain(
      "SEMI-K-WEIGHT (error): one item weighs 5.6 kg, over the 5 kg limit (G10)",
    );
    expect(cell("HG-1003", "AE Status")).toBe("INCOMPLETE");
    expect(cell("HG-1003", "AE Fee total (CNY)")).toBeUndefined(); // blank, never 0
    expect(String(cell("HG-1003", "AE Issues"))).toContain(
      "FEE-SEMI-BASE (missing): order amount is blank (D12)",
    );
    expect(cell("AP-3002", "AE Status")).toBe("NOT_ELIGIBLE");
    expect(String(cell("AP-3002", "AE Issues"))).toMatch(
      /SEMI-K-APPAREL-SIZE.*; SEMI-K-PRICE-CAP|SEMI-K-RETURN-RATE/,
    );
    expect(
      rows
        .filter((r) => r[0] === "AP-3010")
        .every((r) => String(r[columnOf(rows, "AE Issues", 2)]).includes("SEMI-K-DUP-LISTING")),
    ).toBe(true);
  });
  test("money and weight cells carry number formats", async () => {
    const { wb } = await readBack(output, "商品清单");
    const ws = wb.getWorksheet("商品清单")!;
    const total = columnOf(rows, "AE Fee total (CNY)", 2) + 1;
    const vol = columnOf(rows, "AE Volumetric weight (kg)", 2) + 1;
    expect(ws.getRow(3).getCell(total).numFmt).toBe("0.00");
    expect(ws.getRow(3).getCell(vol).numFmt).toBe("0.000");
  });
  test("the report sheet has the verdict, counts, rules and mapping", async () => {
    const report = (await readBack(output, "AE Report")).rows.map((r) =>
      r.map((v) => (v === undefined ? "" : String(v))).join(" | "),
    );
    const text = report.join("\n");
    expect(text).toContain("Rule pack | ae-modes-default");
    expect(text).toMatch(/Verdict \(semi\) \| INCOMPLETE/);
    expect(text).toContain("SEMI-S-DOCS: document not provided: signed compliance commitment");
    expect(text).toMatch(/semi \| 6 \| 1 \| 12 \| 2/);
    expect(text).toMatch(/semi \| SEMI-K-DUP-LISTING \| error \| 6 \| A18, A19/);
    expect(text).toContain("G | 重量(g) | weight (weight) | g | exact");
  });
});

describe("nothing lost", () => {
  test("every input cell (value, formula, format) of every sheet is unchanged", async () => {
    const { output } = await check(SAMPLE_SEMI, { mode: "semi" });
    const before = new ExcelJS.Workbook();
    await before.xlsx.load(Buffer.from(SAMPLE_SEMI) as unknown as ArrayBuffer);
    const after = new ExcelJS.Workbook();
    await after.xlsx.load(Buffer.from(output!) as unknown as ArrayBuffer);
    let compared = 0;
    for (const ws of before.worksheets) {
      const ws2 = after.getWorksheet(ws.name)!;
      expect(ws2).toBeDefined();
      ws.eachRow({ includeEmpty: true }, (row, r) => {
        row.eachCell({ includeEmpty: true }, (c, col) => {
          const c2 = ws2.getRow(r).getCell(col);
          expect([ws.name, c.address, c2.value, c2.numFmt, c2.font, c2.isMerged]).toEqual([
            ws.name,
            c.address,
            c.value,
            c.numFmt,
            c.font,
            c.isMerged,
          ]);
          compared++;
        });
      });
    }
    expect(compared).toBeGreaterThan(400);
  });
  test("the parts of the package other than the checked sheet are byte-for-byte the same", async () => {
    const JSZip = (await import("jszip")).default;
    const { output } = await check(SAMPLE_SEMI, { mode: "semi" });
    const a = await JSZip.loadAsync(SAMPLE_SEMI);
    const b = await JSZip.loadAsync(output!);
    const changed: string[] = [];
    for (const name of Object.keys(a.files)) {
      if ((await a.file(name)?.async("string")) !== (await b.file(name)?.async("string"))) changed.push(name);
    }
    expect(changed.sort()).toEqual([
      "[Content_Types].xml",
      "xl/_rels/workbook.xml.rels",
      "xl/styles.xml",
      "xl/workbook.xml",
      "xl/worksheets/sheet1.xml",
    ]);
  });
  test("a re-run replaces its own output in place: the second output equals the first", async () => {
    const first = (await check(SAMPLE_SEMI, { mode: "semi" })).output!;
    const second = (await check(first, { mode: "semi" })).output!;
    const a = await readBack(first, "商品清单");
    const b = await readBack(second, "商品清单");
    expect(b.rows).toEqual(a.rows);
    expect((await readBack(second, "AE Report")).rows).toEqual((await readBack(first, "AE Report")).rows);
    expect(b.wb.worksheets.map((w) => w.name)).toEqual(a.wb.worksheets.map((w) => w.name));
  });
  test("changing the mode replaces the columns of the earlier run and leaves no stale ones", async () => {
    const semi = (await check(SAMPLE_SEMI, { mode: "semi" })).output!;
    const full = (await check(semi, { mode: "full" })).output!;
    const { rows } = await readBack(full, "商品清单");
    const header = (rows[1] as unknown[]).filter((h) => typeof h === "string" && ALL_OUTPUT_HEADERS.has(h));
    // Columns both modes write stay where they were; the new ones follow.
    expect([...header].sort()).toEqual(
      outputSpecs("full", "en", true)
        .map((s) => s.header)
        .sort(),
    );
    expect(rows.every((r) => r[columnOf(rows, "AE Fee transfer (CNY)", 2)] === undefined)).toBe(true);
  });
  test("the CLI's native deflate gives the same workbook as JSZip's", async () => {
    const { nodeDeflate } = await import("../src/cli/node-deflate");
    const plain = (await check(SAMPLE_SEMI, { mode: "semi" })).output!;
    const port = await XlsxPort.open(SAMPLE_SEMI, { compressText: nodeDeflate });
    await runCheck(port, engine, { mode: "semi", lang: "en", now: new Date("2025-06-30T00:00:00Z") });
    expect((await readBack(port.output!, "商品清单")).rows).toEqual((await readBack(plain, "商品清单")).rows);
  });
  test("a user column named like an output stops the run and nothing is written", async () => {
    const bytes = await makeWorkbook([
      ["SKU", "类目", "售价", "AE Status"],
      ["A", "家居", 10, "mine"],
    ]);
    const { result, output } = await check(bytes);
    expect(result).toMatchObject({ ok: false, code: "column-conflict" });
    expect(!result.ok && result.message.en).toContain("column D");
    expect(output).toBeUndefined();
  });
  test("a cancelled run writes nothing", async () => {
    const rows = [
      ["SKU", "类目", "售价", "重量"],
      ...Array.from({ length: 50 }, (_, i) => [`S${i}`, "家居", 10, 1]),
    ];
    const port = await XlsxPort.open(await makeWorkbook(rows));
    let chunks = 0;
    const result = await runCheck(port, engine, {
      mode: "semi",
      chunkRows: 10,
      onProgress: () => chunks++,
      isCancelled: () => chunks >= 2,
    });
    expect(result).toMatchObject({ ok: false, code: "cancelled" });
    expect(port.output).toBeUndefined();
  });
  test("text that starts with =, +, - or @ is written as text, never a formula", async () => {
    const bytes = await makeWorkbook([
      ["SKU", "类目", "售价", "重量"],
      ["=1+1", "+A1", "-2", "@SUM(1)"],
    ]);
    const { output } = await check(bytes, { mode: "semi" });
    const JSZip = (await import("jszip")).default;
    const xml = await (await JSZip.loadAsync(output!)).file("xl/worksheets/sheet1.xml")!.async("string");
    expect(xml).not.toContain("<f>");
    const { rows } = await readBack(output!);
    const issues = String(rows[1]?.[columnOf(rows, "AE Issues")]);
    expect(issues).toContain("'@SUM(1)'"); // the unreadable weight is quoted back, as text
    expect(issues).toContain("category '+A1'");
    // And the writer keeps any text as a string cell:
    const { writeOutputs } = await import("../src/xlsx/write");
    const { XlsxPackage } = await import("../src/xlsx/read");
    const pkg = XlsxPackage.open(bytes);
    const entry = pkg.sheet("Catalog")!;
    const out = await writeOutputs(
      pkg,
      {
        entry,
        headerRow: 1,
        firstDataRow: 2,
        columns: [{ index: 5, header: "AE Issues", format: "text", values: ['=HYPERLINK("x")'] }],
        clear: [],
      },
      2,
      [],
    );
    const back = await readBack(out);
    expect(back.rows[1]?.[5]).toBe('=HYPERLINK("x")');
    expect(typeof back.rows[1]?.[5]).toBe("string");
  });
});

describe("finding the data", () => {
  test("a named sheet; an unknown sheet; a sheet without a header row", async () => {
    const bytes = await makeWorkbook([["hello"]], {
      Data: [
        ["SKU", "类目", "售价", "重量"],
        ["A", "家居", 10, 1],
      ],
    });
    expect((await check(bytes)).result).toMatchObject({ ok: true, sheet: "Data" });
    expect((await check(bytes, { sheet: "data" })).result).toMatchObject({ ok: true, sheet: "Data" });
    expect((await check(bytes, { sheet: "Nope" })).result).toMatchObject({
      ok: false,
      code: "unknown-sheet",
    });
    expect(
      (
        await check(
          await makeWorkbook([
            ["a", "b"],
            [1, 2],
          ]),
        )
      ).result,
    ).toMatchObject({ ok: false, code: "no-header" });
  });
  test("an Excel table's header row wins", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("T");
    ws.addRow(["SKU", "类目", "售价"]); // a decoy header-like row above the table
    ws.addRow([]);
    ws.addTable({
      name: "Catalog",
      ref: "A4",
      columns: [{ name: "SKU编码" }, { name: "类目" }, { name: "售价" }, { name: "重量(g)" }],
      rows: [["A", "家居", 10, 500]],
    });
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const { result } = await check(bytes);
    expect(result).toMatchObject({ ok: true, headerRow: 4, rowsChecked: 1 });
  });
  test("Chinese headers with --lang zh", async () => {
    const { output } = await check(SAMPLE_FULL, { mode: "full", lang: "zh" });
    const { rows } = await readBack(output!, "Catalog");
    expect((rows[2] as unknown[]).slice(19)).toEqual(outputSpecs("full", "zh").map((s) => s.header));
    expect(String(rows[3]?.[20] ?? "")).toBe("");
  });
});

describe("compare mode (AE Best mode)", () => {
  test("writes both modes and picks the cheaper eligible one, or none with the reason", async () => {
    // The home attributes and a size chart are filled: without their columns, a home SKU is
    // INCOMPLETE in full mode and an apparel SKU in semi mode (FULL-K-HOME-ATTRS, SEMI-K-APPAREL-SIZE).
    const docs = ["棉 100%", "否", "是", '{"S":{"chest":88}}'];
    const bytes = await makeWorkbook([
      [
        "SKU",
        "类目",
        "售价",
        "重量(kg)",
        "长",
        "宽",
        "高",
        "仓库",
        "材质成分",
        "是否含甲醛",
        "EN71-3",
        "尺码表",
      ],
      ["CHEAP-SEMI", "家居", 500, 0.5, 10, 10, 10, "义乌集货仓", ...docs], // semi 17.50 + 5 = 22.50 < full 47.50
      ["CHEAP-FULL", "服饰", 20, 3, 30, 30, 30, "义乌集货仓", ...docs], // full 1.76 < semi 0.70 + 17
      ["ONLY-FULL", "家居", 100, 6, 10, 10, 10, "上海仓", ...docs],
      ["NONE", "运动户外", 100, 6, 10, 10, 10, "义乌集货仓", ...docs],
    ]);
    const { result, output } = await check(bytes, { mode: "compare" });
    expect(result.ok).toBe(true);
    const { rows } = await readBack(output!);
    const header = rows[0] as unknown[];
    expect(header.slice(12)).toEqual([
      "AE Status [full]",
      "AE Fee total (CNY) [full]",
      "AE Issues [full]",
      "AE Status [semi]",
      "AE Fee total (CNY) [semi]",
      "AE Issues [semi]",
      "AE Best mode",
    ]);
    const best = (sku: string) => rows.find((r) => r[0] === sku)?.[18];
    expect(best("CHEAP-SEMI")).toBe("semi");
    expect(best("CHEAP-FULL")).toBe("full");
    expect(best("ONLY-FULL")).toBe("full");
    // Each mode out with its first missing input (NOT_ELIGIBLE's errors are in its AE Issues).
    expect(best("NONE")).toBe(
      "none: full INCOMPLETE (no full-managed fulfilment rate for category '运动户外' (sports & outdoor); give a rate to compute the fee), semi NOT_ELIGIBLE",
    );
  });
});

describe("SpreadsheetML without row and cell references", () => {
  test("rows and cells without r (allowed by the format) are numbered by position", async () => {
    const JSZip = (await import("jszip")).default;
    const base = await makeWorkbook([
      ["SKU", "类目", "售价", "重量", "长", "宽", "高"],
      ["A", "家居", 10, 1, 10, 10, 10],
      ["B", "家居", 20, 2, 10, 10, 10],
    ]);
    const zip = await JSZip.loadAsync(base);
    const path = "xl/worksheets/sheet1.xml";
    const xml = (await zip.file(path)!.async("string"))
      .replace(/<row r="\d+"/g, "<row")
      .replace(/<c r="[A-Z]+\d+"/g, "<c");
    zip.file(path, xml);
    const bytes = await zip.generateAsync({ type: "uint8array" });
    const { result, output } = await check(bytes, { mode: "semi" });
    expect(result).toMatchObject({ ok: true, rowsChecked: 2 });
    // exceljs cannot read cells without r, so read the output back with this project's reader.
    const { XlsxPackage } = await import("../src/xlsx/read");
    const pkg = await XlsxPackage.open(output!);
    const rows = (await pkg.readSheet(pkg.sheets[0]!)).rows;
    expect(rows.map((r) => [r?.[0], r?.[3], r?.[7]])).toEqual([
      ["SKU", "重量", "AE Status"],
      ["A", 1, "ELIGIBLE"],
      ["B", 2, "ELIGIBLE"],
    ]);
  });
});

describe("shared strings for repeated output texts", () => {
  test("a status column over many rows goes into the shared-string table, once, and a re-run reuses it", async () => {
    const rows = [
      ["SKU", "类目", "售价", "重量"],
      ...Array.from({ length: 120 }, (_, i) => [`S${i}`, "家居", 10 + i, i % 7 === 0 ? 6 : 1]),
    ];
    const first = (await check(await makeWorkbook(rows), { mode: "semi" })).output!;
    const JSZip = (await import("jszip")).default;
    const sst = async (b: Uint8Array) =>
      (await (await JSZip.loadAsync(b)).file("xl/sharedStrings.xml")!.async("string")).match(/<si>/g)
        ?.length ?? 0;
    const sheetXml = await (await JSZip.loadAsync(first)).file("xl/worksheets/sheet1.xml")!.async("string");
    expect(sheetXml).toMatch(/<c r="E2"(?: s="\d+")? t="s"><v>\d+<\/v><\/c>/);
    const second = (await check(first, { mode: "semi" })).output!;
    expect(await sst(second)).toBe(await sst(first));
    const a = await readBack(first);
    const b = await readBack(second);
    expect(b.rows).toEqual(a.rows);
    expect(a.rows.filter((r) => r[4] === "NOT_ELIGIBLE")).toHaveLength(18);
  });
});

describe("a large sheet, written in pieces", () => {
  test("6,000 rows: every input cell kept, every output cell written, the same with native deflate as with JSZip", async () => {
    const input = [
      ["SKU", "类目", "售价", "重量", "长(cm)", "宽(cm)", "高(cm)", "备注"],
      ...Array.from({ length: 6000 }, (_, i) => [
        `S${i}`,
        "家居",
        10 + (i % 90),
        i % 7 === 0 ? 6 : 1,
        20,
        10,
        5,
        `注${i}`,
      ]),
    ];
    const bytes = await makeWorkbook(input);
    const { nodeDeflate } = await import("../src/cli/node-deflate");
    const port = await XlsxPort.open(bytes, { compressText: nodeDeflate });
    const options = { mode: "semi" as const, lang: "en" as const, now: new Date("2025-06-30T00:00:00Z") };
    await runCheck(port, engine, options);
    const plain = (await check(bytes, options)).output!;
    const native = await readBack(port.output!);
    expect(native.rows).toEqual((await readBack(plain)).rows);
    const status = columnOf(native.rows, "AE Status");
    const total = columnOf(native.rows, "AE Fee total (CNY)");
    expect(status).toBe(8);
    expect(native.rows[1]?.[status]).toBe("NOT_ELIGIBLE");
    expect(native.rows[2]?.[total]).toBeGreaterThan(0);
    for (let i = 1; i <= 6000; i++) {
      const row = native.rows[i] as unknown[];
      expect(row.slice(0, 8)).toEqual(input[i]);
      // Rows repeat every 7 (and the price every 90): so do their outputs.
      const like = native.rows[((i - 1) % 7) + 1] as unknown[];
      expect(row[status]).toBe(like[status]);
      expect(typeof row[total]).toBe(typeof like[total]);
    }
  }, 60_000);
  test("a copy handed to a sink as it is made (native deflate streamed, or fflate) is the same bytes as the copy held", async () => {
    const { nodeDeflate } = await import("../src/cli/node-deflate");
    // Over a megabyte of sheet XML, so the worker sends several pieces back during the write.
    const input = [
      ["SKU", "类目", "售价", "重量", "备注"],
      ...Array.from({ length: 12_000 }, (_, i) => [`S${i}`, "家居", 10 + (i % 90), 1, `注${i} `.repeat(8)]),
    ];
    const bytes = await makeWorkbook(input);
    const options = { mode: "semi" as const, lang: "en" as const, now: new Date("2025-06-30T00:00:00Z") };
    let streamed = 0;
    const counted = () => {
      const c = nodeDeflate();
      const stream = c.stream;
      return { ...c, stream: (onPiece: (piece: Uint8Array) => void) => (streamed++, stream?.(onPiece)) };
    };
    for (const compressText of [counted, undefined]) {
      const held = await XlsxPort.open(bytes, compressText ? { compressText } : {});
      await runCheck(held, engine, options);
      const pieces: Uint8Array[] = [];
      const sunk = await XlsxPort.open(bytes, {
        ...(compressText ? { compressText } : {}),
        sink: (b) => void pieces.push(b.slice()),
      });
      await runCheck(sunk, engine, options);
      expect(sunk.outputParts).toEqual([]);
      expect(Buffer.from(concat(pieces)).equals(Buffer.from(held.output as Uint8Array))).toBe(true);
    }
    // The sheet's deflated pieces went to the sink as they came back (the held run keeps them).
    expect(streamed).toBe(1);
  }, 60_000);
  test("native deflate, batch by batch on the worker, inflates to the text pushed; two streams at once stay apart", async () => {
    const { nodeDeflate } = await import("../src/cli/node-deflate");
    const { crc32, inflateRawSync } = await import("node:zlib");
    // Over a megabyte, so several batches (each ended by a sync flush) make up the stream.
    const pieces = [
      "<sst>",
      "<si><t>女装</t></si>".repeat(20_000),
      "",
      "<si><t>AE-1</t></si>".repeat(50_000),
      "x",
      "</sst>",
    ];
    const text = pieces.join("");
    const c = nodeDeflate();
    const other = nodeDeflate();
    const otherText = '<row r="1"/>'.repeat(30_000);
    // The two streams' batches reach the worker interleaved, as the sheet's and the shared
    // strings' do in a write.
    const utf8 = (t: string) => new TextEncoder().encode(t);
    for (const p of pieces) {
      c.push(utf8(p));
      other.push(utf8(otherText.slice(0, 1000)));
    }
    other.push(utf8(otherText));
    const [out, second] = await Promise.all([c.finish(), other.finish()]);
    // The stream comes back in its deflated pieces (never joined on either side).
    const joined = (d: Uint8Array | readonly Uint8Array[]) =>
      d instanceof Uint8Array ? d : Buffer.concat(d);
    expect((out.data as readonly Uint8Array[]).length).toBeGreaterThan(1);
    expect(out.size).toBe(Buffer.byteLength(text));
    expect(out.crc32).toBe(crc32(Buffer.from(text)));
    expect(inflateRawSync(joined(out.data)).toString("utf8")).toBe(text);
    const otherAll = otherText.slice(0, 1000).repeat(pieces.length) + otherText;
    expect(inflateRawSync(joined(second.data)).toString("utf8")).toBe(otherAll);
    expect(second.crc32).toBe(crc32(Buffer.from(otherAll)));
    const empty = nodeDeflate();
    expect(inflateRawSync(joined((await empty.finish()).data)).length).toBe(0);
  });
  test("a workbook whose shared-string table is empty (<sst/>) gets the new texts appended", async () => {
    const JSZip = (await import("jszip")).default;
    const rows = [
      ["SKU", "类目", "售价", "重量", "长", "宽", "高"],
      ...Array.from({ length: 60 }, (_, i) => [`S${i}`, "家居", 10, 1, 10, 10, 10]),
    ];
    const zip = await JSZip.loadAsync(await makeWorkbook(rows));
    // Inline the sheet's strings, then empty the table: a table with no items is self-closing.
    const sst = await zip.file("xl/sharedStrings.xml")!.async("string");
    const items = [...sst.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => m[1]);
    let sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    sheet = sheet.replace(
      /<c r="([A-Z]+\d+)"([^>]*?) t="s"><v>(\d+)<\/v><\/c>/g,
      (_, ref: string, a: string, i: string) =>
        `<c r="${ref}"${a} t="inlineStr"><is>${items[Number(i)]}</is></c>`,
    );
    zip.file("xl/worksheets/sheet1.xml", sheet);
    zip.file(
      "xl/sharedStrings.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>`,
    );
    const bytes = new Uint8Array(await zip.generateAsync({ type: "uint8array" }));
    const { output } = await check(bytes, { mode: "semi" });
    const back = await readBack(output!);
    expect(back.rows[1]?.slice(0, 4)).toEqual(["S0", "家居", 10, 1]);
    expect(back.rows.slice(1).every((r) => r[columnOf(back.rows, "AE Status")] === "ELIGIBLE")).toBe(true);
    const written = await (await JSZip.loadAsync(output!)).file("xl/sharedStrings.xml")!.async("string");
    expect(written).toMatch(/<sst [^>]*count="60" uniqueCount="1">.*ELIGIBLE.*<\/sst>$/s);
  });
});

describe("numberText", () => {
  test("writes every number exactly as String() does: amounts to the fen, and any other double", async () => {
    const { numberText } = await import("../src/xlsx/write");
    fc.assert(
      fc.property(fc.integer({ min: -2e13, max: 2e13 }), (fen) => {
        expect(numberText(fen / 100)).toBe(String(fen / 100));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (v) => {
        expect(numberText(v)).toBe(String(v));
      }),
      { numRuns: 2000 },
    );
    for (const v of [0, -0, 5, 5.5, 5.54, -0.07, 0.1 + 0.2, 1e21, 123456789.01, -1e-7])
      expect(numberText(v)).toBe(String(v));
  });
});

describe("row start tags", () => {
  test("spans are dropped from the rows the add-in writes to; a text that reads like spans is left alone", async () => {
    const JSZip = (await import("jszip")).default;
    const rows = [
      ["SKU", "类目", "售价", "重量", "备注"],
      ...Array.from({ length: 8 }, (_, i) => [`S${i}`, "家居", 10, 1, i === 3 ? 'x spans="9:9" y' : "ok"]),
    ];
    const zip = await JSZip.loadAsync(await makeWorkbook(rows));
    let sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    // Rows get a spans hint, as Excel writes them, but row 5 (with the look-alike text) has none,
    // row 6 has no r either (it follows row 5), and row 7 has a tab before its spans.
    sheet = sheet.replace(/<row r="(\d+)"([^>]*)>/g, (_, r: string, a: string) => {
      const rest = a.replace(/\sspans="[^"]*"/, "");
      if (r === "6") return `<row${rest}>`;
      if (r === "5") return `<row r="5"${rest}>`;
      if (r === "7") return `<row r="7"\tspans="1:5"${rest}>`;
      return `<row r="${r}" spans="1:5"${rest}>`;
    });
    // The note of row 5 as an inline string, so the look-alike text sits in the sheet itself.
    sheet = sheet.replace(
      /<c r="E5"([^>]*?) t="s"><v>\d+<\/v><\/c>/,
      '<c r="E5"$1 t="inlineStr"><is><t>x spans="9:9" y</t></is></c>',
    );
    zip.file("xl/worksheets/sheet1.xml", sheet);
    const bytes = new Uint8Array(await zip.generateAsync({ type: "uint8array" }));
    const { output } = await check(bytes, { mode: "semi" });
    const written = await (await JSZip.loadAsync(output!)).file("xl/worksheets/sheet1.xml")!.async("string");
    expect(written).not.toMatch(/<row [^>]*spans=/);
    expect(written).toContain('x spans="9:9" y');
    expect(written).toMatch(/<row [^>]*\br="6"/);
    const back = await readBack(output!);
    expect(back.rows.slice(0, 9).map((r) => r.slice(0, 5))).toEqual(rows);
    const status = columnOf(back.rows, "AE Status");
    expect(back.rows.slice(1, 9).every((r) => typeof r[status] === "string")).toBe(true);
  });
});

describe("sheet XML laid out differently", () => {
  test("indented XML and an empty <row></row> element: outputs land in their rows, inputs stay", async () => {
    const JSZip = (await import("jszip")).default;
    const rows = [
      ["SKU", "类目", "售价", "重量", "长(cm)", "宽(cm)", "高(cm)"],
      ...Array.from({ length: 6 }, (_, i) => [`S${i}`, "家居", 10 + i, 1, 20, 10, 5]),
    ];
    const zip = await JSZip.loadAsync(await makeWorkbook(rows));
    let sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    // Row 4 becomes an empty element; every other row is indented, one cell per line.
    sheet = sheet
      .replace(/<row r="4"([^>]*)>[\s\S]*?<\/row>/, '<row r="4"$1></row>')
      .replace(/<c r=/g, "\n    <c r=")
      .replace(/<\/row>/g, "\n  </row>");
    sheet = sheet.replace(/(<row r="4"[^>]*>)\n {2}<\/row>/, "$1</row>");
    zip.file("xl/worksheets/sheet1.xml", sheet);
    const bytes = new Uint8Array(await zip.generateAsync({ type: "uint8array" }));
    const { output } = await check(bytes, { mode: "semi" });
    const back = await readBack(output!);
    const status = columnOf(back.rows, "AE Status");
    const total = columnOf(back.rows, "AE Fee total (CNY)");
    expect(status).toBe(7);
    for (const r of [1, 2, 4, 5, 6]) {
      expect(back.rows[r]?.slice(0, 7)).toEqual(rows[r]);
      expect(back.rows[r]?.[status]).toBe("ELIGIBLE");
      expect(back.rows[r]?.[total]).toBeGreaterThan(0);
    }
    expect((back.rows[3] ?? []).filter((v) => v !== undefined && v !== null)).toEqual([]);
  });
});

describe("the deflate worker", () => {
  test("a compressor whose worker stopped fails on finish instead of waiting forever; the next one gets a new worker", async () => {
    const { closeDeflateWorker, nodeDeflate } = await import("../src/cli/node-deflate");
    const { inflateRawSync } = await import("node:zlib");
    const c = nodeDeflate();
    c.push(new TextEncoder().encode("<a/>"));
    await closeDeflateWorker();
    await expect(c.finish()).rejects.toThrow(/stopped/);
    const d = nodeDeflate();
    d.push(new TextEncoder().encode("<b/>"));
    const data = (await d.finish()).data;
    expect(inflateRawSync(data instanceof Uint8Array ? data : Buffer.concat(data)).toString()).toBe("<b/>");
  });
});

/**
 * The run keeps only a text, a severity mask and the tally of each row's issues (not the issues):
 * what it writes and reports must be what the rows' own issues give. The rows' results (perRow)
 * are the reference, tallied here the plain way.
 */
describe("what the run keeps of each row's issues", () => {
  type Tally = { mode: string; ruleId: string; severity: string; rows: number; firstCells: string[] };
  function reference(summary: CheckSummary): Tally[] {
    const order: Record<string, number> = { error: 0, missing: 1, warning: 2, info: 3 };
    const out: Tally[] = [];
    for (const mode of summary.modes.map((m) => m.mode)) {
      const list: Tally[] = [];
      const results = summary.perRow.results[mode] ?? [];
      results.forEach((r) => {
        if (!r) return;
        const seen = new Set<Tally>();
        for (const issue of r.issues) {
          let t = list.find((x) => x.ruleId === issue.ruleId && x.severity === issue.severity);
          if (!t)
            list.push(
              (t = { mode, ruleId: issue.ruleId, severity: issue.severity, rows: 0, firstCells: [] }),
            );
          if (!seen.has(t)) t.rows += 1;
          seen.add(t);
          if (t.firstCells.length < 5 && issue.cell)
            t.firstCells.push(`${issue.cell.column}${issue.cell.row}`);
        }
      });
      list.sort((a, b) => order[a.severity]! - order[b.severity]! || b.rows - a.rows);
      out.push(...list);
    }
    return out;
  }
  test.each([
    ["semi", "en"],
    ["compare", "zh"],
    ["full", "en"],
  ] as const)("mode %s, %s: the tally, the AE Issues cells and the best mode", async (mode, lang) => {
    // Duplicate listings (a sheet-level rule) on the sample: AP-3010 six times.
    const r = await check(SAMPLE_SEMI, { mode, lang });
    if (!r.result.ok || !r.output) throw new Error(JSON.stringify(r.result));
    const summary = r.result;
    expect(
      summary.tallies.map(({ mode, ruleId, severity, rows, firstCells }) => ({
        mode,
        ruleId,
        severity,
        rows,
        firstCells: [...firstCells],
      })),
    ).toEqual(reference(summary));
    if (mode === "semi") expect(summary.tallies.some((t) => t.ruleId === "SEMI-K-DUP-LISTING")).toBe(true);
    const sheet = (await readBack(r.output, summary.sheet)).rows;
    const headerIndex = summary.headerRow - 1;
    for (const m of summary.modes.map((x) => x.mode)) {
      const header = outputSpecs(mode, lang, true).find((s) => s.kind === "issues" && s.mode === m);
      if (!header) throw new Error(`no issues column for ${m}`);
      const col = columnOf(sheet, header.header, summary.headerRow);
      (summary.perRow.results[m] ?? []).forEach((res, i) => {
        const row = sheet[headerIndex + 1 + i] as unknown[];
        const want =
          res && res.issues.length > 0
            ? res.issues.map((x) => formatIssueLine(x, lang)).join(lang === "zh" ? "；" : "; ")
            : undefined;
        expect(row[col]).toBe(want);
      });
    }
    if (mode === "compare") {
      const best = outputSpecs(mode, lang, true).find((s) => s.kind === "bestMode");
      const col = columnOf(sheet, best!.header, summary.headerRow);
      const full = summary.perRow.results.full ?? [];
      const semi = summary.perRow.results.semi ?? [];
      let compared = 0;
      full.forEach((f, i) => {
        const s = semi[i];
        if (!f || !s) return;
        compared++;
        expect((sheet[headerIndex + 1 + i] as unknown[])[col]).toBe(
          bestMode({ full: f, semi: s }, lang, summary.perRow.costs[i]),
        );
      });
      expect(compared).toBeGreaterThan(10);
    }
  });
});

describe("the report's source conflicts", () => {
  test.each([
    ["en", ["A: at least 1 year", "B: at least 90 days", "B: 50,000 CNY", "A: T+15 days", "→ A"]],
    [
      "zh",
      [
        "A: 至少 1 年",
        "B: 至少 90 天",
        "B: 50,000 元",
        "A: T+15 天",
        "A: 全托管 5.2 天（比半托管快 3.1 天）",
      ],
    ],
  ] as const)("%s: the values as a person reads them, in the report's language", async (lang, want) => {
    const r = await check(SAMPLE_SEMI, { mode: "semi", lang });
    if (!r.result.ok || !r.output) throw new Error(JSON.stringify(r.result));
    const text = (await readBack(r.output, "AE Report")).rows
      .map((row) => row.map((v) => (v === undefined ? "" : String(v))).join(" | "))
      .join("\n");
    for (const w of want) expect(text).toContain(w);
    expect(text).not.toContain("P1Y");
  });
});

describe("the report after an AE Rules sheet changed the pack", () => {
  test.each([
    [
      "en",
      /^sheet 'AE Rules': SEMI-K-DUP-LISTING\.maxListings 5 → 2; SEMI-K-DUP-LISTING severity error → warning$/,
      "(default figures; now maxListings 2)",
    ],
    [
      "zh",
      /^工作表“AE Rules”：SEMI-K-DUP-LISTING\.maxListings 5 → 2；SEMI-K-DUP-LISTING 严重程度 错误 → 警告$/,
      "（默认值；现为 maxListings 2）",
    ],
  ] as const)(
    "%s: the changes in the report's language, and the rule's title says its figures changed",
    async (lang, changes, titleNote) => {
      const rows = [
        ["SKU", "类目", "售价", "重量(kg)", "长", "宽", "高"],
        ...Array.from({ length: 3 }, () => ["DUP-1", "家居", 30, 0.4, 10, 10, 10]),
      ];
      const bytes = await makeWorkbook(rows, {
        "AE Rules": [
          ["SEMI-K-DUP-LISTING", "maxListings", 2],
          ["SEMI-K-DUP-LISTING", "severity", "warning"],
        ],
      });
      const r = await check(bytes, { mode: "semi", lang });
      if (!r.result.ok || !r.output) throw new Error(JSON.stringify(r.result));
      const report = (await readBack(r.output, "AE Report")).rows.map((row) =>
        row.map((v) => (v === undefined ? "" : String(v))),
      );
      const updates = report.find((row) => row[0] === (lang === "en" ? "Rule updates" : "规则更新"));
      expect(updates?.[1]).toMatch(changes);
      const dup = report.find((row) => row[1] === "SEMI-K-DUP-LISTING");
      expect(dup?.[3]).toBe("3");
      expect(dup?.[6]).toContain(titleNote);
    },
  );
});

describe("an AE Issues text too long for its cell", () => {
  test("the row's own issues are cut, the duplicate listing after them stays (it is why the row is NOT_ELIGIBLE)", async () => {
    const long = "家".repeat(31_990);
    const rows = [
      ["SKU", "类目", "售价", "重量(kg)", "长", "宽", "高"],
      ...Array.from({ length: 6 }, () => ["LONG-1", long, 30, 0.4, 10, 10, 10]),
    ];
    const r = await check(await makeWorkbook(rows), { mode: "semi", lang: "en" });
    if (!r.result.ok || !r.output) throw new Error(JSON.stringify(r.result));
    const sheet = (await readBack(r.output)).rows;
    const col = columnOf(sheet, "AE Issues", 1);
    const status = columnOf(sheet, "AE Status", 1);
    for (const row of sheet.slice(1, 7)) {
      const text = String(row[col]);
      expect(row[status]).toBe("NOT_ELIGIBLE");
      expect(text.length).toBeLessThanOrEqual(32_001);
      expect(text).toMatch(/…; SEMI-K-DUP-LISTING \(error\): SKU 'LONG-1' is listed 6 times/);
    }
  });
});
