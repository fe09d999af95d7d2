jest.setTimeout(30_000);
import { readFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import {
  Engine,
  evaluateSheet,
  parseRateCard,
  describeProblems,
  type FeeOptions,
  type RateCard,
  type RowResult,
} from "../src/engine";
import { readRatesCsv } from "../src/pipeline/rates";
import { check, makeWorkbook, readBack, columnOf } from "./xlsx-helpers";

const engine = new Engine();
const HEADER = [
  "模式",
  "目的国",
  "重量上限(kg)",
  "首重(kg)",
  "首重费(元)",
  "续重单价(元/kg)",
  "续重步长(kg)",
  "单票固定费(元)",
];
/** The hand-worked card of ratecard.test.ts: DE in three bands, FR up to 1 kg, PL, and * up to 30 kg. */
const CARD_ROWS: unknown[][] = [
  HEADER,
  ["semi", "DE", 0.5, 0.5, 12, 0, 0.5, 1],
  ["semi", "DE", 2, 0.5, 12, 20, 0.1, 1],
  ["semi", "德国", "—", 0.5, 12, 18, 0.5, 1],
  ["semi", "FR", 1, 1, 15, 10, 0.5, 0],
  ["semi", "Poland", "", 0.2, 6.5, 25.5, 0.05, 2.3],
  ["semi", "*", 30, 1, 5, 3, 0.5, 0],
];
function card(rows: unknown[][] = CARD_ROWS): RateCard {
  const r = parseRateCard(rows, { source: { kind: "sheet", name: "AE Rates" } });
  if (!r.ok) throw new Error(describeProblems(r.problems, "en"));
  return r.card;
}

const SHEET = ["SKU", "售价", "重量(kg)", "长", "宽", "高", "目的国"];
function run(rows: unknown[][], fees: FeeOptions = {}, rates: RateCard = card()): RowResult[] {
  return [...evaluateSheet(engine, SHEET, rows, { mode: "semi", fees, rates }).rows];
}
const part = (r: RowResult | undefined, id: string) =>
  r?.fee?.components.find((c) => c.id === id)?.amount.toFixed(2);

describe("the semi-managed fee with a rate card", () => {
  // 10 × 10 × 10 cm = 0.167 kg volumetric: the actual weight is the chargeable weight.
  const rows = run(
    [
      ["A1", 100, 1.23, 10, 10, 10, "DE"],
      ["A2", 100, 1.4, 10, 10, 10, "France"],
      ["A3", 100, 0.33, 10, 10, 10, "波兰"],
      ["A4", 100, 2.01, 10, 10, 10, ""], // blank: the run's destination (DE)
      ["A5", 100, 1, 10, 10, 10, "Atlantis"],
      ["A6", 100, 31, 10, 10, 10, "US"],
    ],
    { destination: "DE" },
  );
  test("the destination column picks the card row; the fulfilment fee and billable weight are the card's", () => {
    expect(rows.slice(0, 4).map((r) => [part(r, "fulfilment"), r.weights?.display.billableKg])).toEqual([
      ["29.00", 1.3], // DE 0.5–2 kg band: 12 + 8 steps × 0.1 × 20 + 1
      ["6.50", 1.5], // FR stops at 1 kg → * row
      ["12.63", 0.35], // PL: 6.5 + 3 × 0.05 × 25.5 + 2.3 = 12.625
      ["49.00", 2.5], // blank cell → --destination DE, no-limit band
    ]);
    // Every other component is the pack's: 3.5 % base on 100.
    expect(rows.slice(0, 4).map((r) => part(r, "base"))).toEqual(["3.50", "3.50", "3.50", "3.50"]);
    expect(rows[0]?.fee?.total.toFixed(2)).toBe("32.50");
  });
  test("an unknown destination: no fee, a missing issue naming the cell", () => {
    const r = rows[4] as RowResult;
    expect(r.fee).toBeUndefined();
    expect(r.status).toBe("INCOMPLETE");
    expect(
      r.issues.map((i) => [i.ruleId, i.severity, `${i.cell?.column}${i.cell?.row}`, i.message.en]),
    ).toEqual([
      ["FEE-SEMI-FULFIL", "missing", "G6", "destination 'Atlantis' is not a known country; fee not computed"],
    ]);
  });
  test("heavier than every band: no fee, a missing issue naming the destination; weights without a billable weight", () => {
    const r = rows[5] as RowResult;
    expect(r.fee).toBeUndefined();
    const issue = r.issues.find((i) => i.ruleId === "FEE-SEMI-FULFIL");
    expect(issue?.severity).toBe("missing");
    expect(issue?.message.en).toBe(
      "the rate card has no row for US (United States) up to 31 kg (its rows go up to 30 kg); fee not computed",
    );
    expect(r.weights?.display).toEqual({ volumetricKg: 0.167, chargeableKg: 31, billableKg: undefined });
  });
  test("a destination without a row and no * row: no fee, and the issue names it in both languages", () => {
    const deOnly = card([HEADER, ["semi", "DE", "", 1, 10, 5, 0.5, 0]]);
    const [us, de] = run(
      [
        ["B1", 50, 1, 10, 10, 10, "美国"],
        ["B2", 50, 1.2, 10, 10, 10, "DE"],
      ],
      {},
      deOnly,
    );
    expect(us?.fee).toBeUndefined();
    const issue = us?.issues.find((i) => i.ruleId === "FEE-SEMI-FULFIL");
    expect(issue?.message).toEqual({
      en: "the rate card has no row for destination US (United States) and no * row; fee not computed",
      zh: "运费表中没有目的国US（美国）的行，也没有“*”行，未计算费用",
    });
    expect(part(de, "fulfilment")).toBe("12.50"); // 10 + 1 step × 0.5 × 5
  });
  test("the transfer surcharge is on the card's billable weight", () => {
    const [r] = run([["C1", 100, 1.23, 10, 10, 10, "DE"]], { distanceKm: 250 });
    expect(part(r, "transfer")).toBe("1.04"); // 1.3 kg × 0.8
  });
  test("a statement's billable weight is re-stepped on the card row's grid", () => {
    const [r] = [
      ...evaluateSheet(engine, ["订单号", "订单金额", "计费重量", "目的国"], [["O1", 100, 1.23, "DE"]], {
        mode: "semi",
        rates: card(),
        statement: true,
      }).rows,
    ];
    expect([part(r, "fulfilment"), r?.weights?.display.billableKg]).toEqual(["29.00", 1.3]);
  });
  test("full-managed fees do not use the card", () => {
    const full = [
      ...evaluateSheet(engine, ["SKU", "售价", "类目", "目的国"], [["F1", 100, "女装", "Atlantis"]], {
        mode: "full",
        rates: card(),
      }).rows,
    ];
    expect(full[0]?.fee?.total.toFixed(2)).toBe("8.80");
  });
});

describe("the card in a workbook run", () => {
  const SAMPLE = new Uint8Array(readFileSync(join(__dirname, "../assets/samples/catalog-semi.xlsx")));

  /** The parts of an .xlsx that hold the checked sheet: its XML, the shared texts and the styles. */
  async function dataParts(bytes: Uint8Array): Promise<Record<string, string>> {
    const zip = await JSZip.loadAsync(bytes);
    const out: Record<string, string> = {};
    for (const name of ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml"])
      out[name] = await (zip.file(name) as JSZip.JSZipObject).async("string");
    return out;
  }

  test("a card equal to the default, written differently and with an unused DE row, writes the same data sheet byte for byte", async () => {
    const plain = await check(SAMPLE, { mode: "semi", fees: { distanceKm: 250 } });
    // first-weight fee 4.5 + per parcel 0.5 = 5; the DE row is never used (no destination).
    const csv =
      "目的国,首重(kg),首重费(元),续重单价(元/kg),续重步长(kg),单票固定费(元)\nDE,1,99,99,1,0\n*,1,4.5,3,0.5,0.5\n";
    const r = readRatesCsv(csv, "same.csv");
    if (!r.ok) throw new Error("card");
    const carded = await check(SAMPLE, { mode: "semi", fees: { distanceKm: 250 }, rates: r.card });
    if (!plain.result.ok || !carded.result.ok || !plain.output || !carded.output)
      throw new Error("run failed");
    // The checked sheet is identical; the report names another card (and AE Destinations is added).
    expect(await dataParts(carded.output)).toEqual(await dataParts(plain.output));
    const report = (await readBack(carded.output, "AE Report")).rows;
    expect(report.find((row) => row[0] === "Rate card")?.[1]).toBe("file 'same.csv', 2 rows");
  });

  test("an AE Rates sheet is used, named in the report, and the destination column is honoured", async () => {
    const book = await makeWorkbook(
      [
        ["SKU", "售价", "重量(kg)", "长", "宽", "高", "目的国"],
        ["D1", 100, 1.23, 10, 10, 10, "DE"],
        ["D2", 100, 1.23, 10, 10, 10, "US"],
      ],
      { "AE Rates": [["日期", "2026-11-01"], ...CARD_ROWS] },
    );
    const { result, output } = await check(book, { mode: "semi" });
    if (!result.ok || !output) throw new Error(JSON.stringify(result));
    expect(result.rateCard.rows).toHaveLength(6);
    const rows = (await readBack(output, "Catalog")).rows;
    const col = columnOf(rows, "AE Fee fulfilment (CNY)");
    expect([rows[1]?.[col], rows[2]?.[col]]).toEqual([29, 6.5]);
    const report = (await readBack(output, "AE Report")).rows;
    expect(report.find((row) => row[0] === "Rate card")?.[1]).toBe(
      "sheet 'AE Rates', 6 rows, dated 2026-11-01",
    );
  });

  test("a bad AE Rates sheet stops the run, naming every bad cell, and nothing is written", async () => {
    const book = await makeWorkbook(
      [
        ["SKU", "售价", "重量(kg)", "长", "宽", "高"],
        ["D1", 100, 1.23, 10, 10, 10],
      ],
      {
        "AE Rates": [
          HEADER,
          ["semi", "Atlantis", "", 1, 5, 3, 0.5, 0],
          ["semi", "*", "", 1, "five", 3, 0.5, 0],
        ],
      },
    );
    const { result, output } = await check(book, { mode: "semi" });
    expect(result.ok).toBe(false);
    expect(output).toBeUndefined();
    expect(!result.ok && result.code).toBe("rate-card");
    expect(!result.ok && result.message.en).toBe(
      "the rate card in sheet 'AE Rates' was not used: B2: destination 'Atlantis' is not a known country (write an ISO code such as DE, a name such as 德国/Germany, or *); E3: first-weight fee (CNY) 'five' is not a number (nothing was changed)",
    );
  });
});

describe("the AE Destinations sheet", () => {
  test("one line per SKU × target market, with fee, net, profit, margin and the cheapest and dearest destination", async () => {
    const book = await makeWorkbook(
      [
        ["SKU", "售价", "重量(kg)", "长", "宽", "高", "目标市场", "成本"],
        ["P1", 100, 1.23, 10, 10, 10, "DE, FR, 波兰", 20],
        ["P2", 100, 1.23, 10, 10, 10, "US；Atlantis", ""],
        ["P3", 100, 1.23, 10, 10, 10, "", 5],
      ],
      { "AE Rates": CARD_ROWS },
    );
    const { result, output } = await check(book, { mode: "semi" });
    if (!result.ok || !output) throw new Error(JSON.stringify(result));
    const rows = (await readBack(output, "AE Destinations")).rows;
    expect(rows).toEqual([
      [
        "SKU",
        "Row",
        "Destination",
        "Logistics fee (CNY)",
        "Fee total (CNY)",
        "Net payout (CNY)",
        "Profit (CNY)",
        "Margin",
        "Cheapest destination",
        "Dearest destination",
        "Note",
      ],
      // DE 0.5–2 kg band: 12 + 8 × 0.1 × 20 + 1 = 29; + 3.50 base
      ["P1", 2, "DE", 29, 32.5, 67.5, 47.5, 0.475, "FR", "PL"],
      // FR stops at 1 kg → *: 6.50
      ["P1", 2, "FR", 6.5, 10, 90, 70, 0.7, "FR", "PL"],
      // PL: 1.03 kg above 0.2 → 21 steps × 0.05 × 25.5 = 26.775; 6.5 + 26.775 + 2.3 = 35.575 → 35.58
      ["P1", 2, "PL", 35.58, 39.08, 60.92, 40.92, 0.4092, "FR", "PL"],
      ["P2", 3, "US", 6.5, 10, 90, undefined, undefined, "US", "US"],
      [
        "P2",
        3,
        "Atlantis",
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        "US",
        "US",
        "not a known country",
      ],
    ]);
  });

  test("not written with the default card, and an earlier one is marked as not computed", async () => {
    const book = await makeWorkbook(
      [
        ["SKU", "售价", "重量(kg)", "长", "宽", "高", "目标市场"],
        ["P1", 100, 1.23, 10, 10, 10, "DE, FR"],
      ],
      { "AE Rates": CARD_ROWS },
    );
    const first = await check(book, { mode: "semi" });
    if (!first.output) throw new Error("no output");
    // The same workbook without its card: the default card, no per-destination view.
    const plain = await check(
      await makeWorkbook([
        ["SKU", "售价", "重量(kg)", "长", "宽", "高", "目标市场"],
        ["P1", 100, 1.23, 10, 10, 10, "DE, FR"],
      ]),
      { mode: "semi" },
    );
    if (!plain.output) throw new Error("no output");
    await expect(readBack(plain.output, "AE Destinations")).rejects.toThrow(/no sheet/);
    // Re-run the first output after its AE Rates sheet is gone: the old lines are replaced by a note.
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(first.output) as unknown as ArrayBuffer);
    wb.removeWorksheet((wb.getWorksheet("AE Rates") as { id: number }).id);
    const again = await check(new Uint8Array(await wb.xlsx.writeBuffer()), { mode: "semi" });
    if (!again.output) throw new Error("no output");
    const rows = (await readBack(again.output, "AE Destinations")).rows;
    expect(rows).toHaveLength(1);
    expect(String(rows[0]?.[0])).toMatch(/^Not computed by the last run/);
  });
});
