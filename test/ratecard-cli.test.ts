/** The CLI's --rates, --destination and --pack, and the AE Rules sheet, end to end. */
jest.setTimeout(30_000);
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./cli-run";
import { columnOf, makeWorkbook, readBack } from "./xlsx-helpers";
import { readFileSync } from "node:fs";

const CSV =
  "\ufeff模式,目的国,重量上限(kg),首重(kg),首重费(元),续重单价(元/kg),续重步长(kg),单票固定费(元)\n" +
  "semi,DE,2,0.5,12,20,0.1,1\n" +
  'semi,"France",,1,15,10,0.5,\n';

describe("npm run check with a rate card", () => {
  const dir = mkdtempSync(join(tmpdir(), "ae-rates-"));
  const input = join(dir, "catalog.xlsx");
  const rates = join(dir, "rates.csv");
  beforeAll(async () => {
    writeFileSync(
      input,
      await makeWorkbook([
        ["SKU", "售价", "重量(kg)", "长", "宽", "高"],
        ["A1", 100, 1.23, 10, 10, 10],
      ]),
    );
    writeFileSync(rates, CSV);
  });
  const fulfilment = async (out: string) => {
    const rows = (await readBack(readFileSync(out), "Catalog")).rows;
    return rows[1]?.[columnOf(rows, "AE Fee fulfilment (CNY)")];
  };

  test("--rates FILE.csv with --destination DE: the DE row prices the fee; the summary names the card", async () => {
    const out = join(dir, "de.xlsx");
    const r = await cli(input, "--rates", rates, "--destination", "DE", "--out", out);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Rate card: file 'rates.csv', 2 rows");
    expect(await fulfilment(out)).toBe(29);
    const report = (await readBack(readFileSync(out), "AE Report")).rows;
    expect(report.find((row) => row[0] === "Fee options")?.slice(1, 3)).toEqual([
      "destination (rate card)",
      "DE",
    ]);
  });

  test("--rates FILE.xlsx (its AE Rates sheet) with --destination 法国", async () => {
    const book = join(dir, "rates.xlsx");
    writeFileSync(
      book,
      await makeWorkbook([["notes"]], {
        "AE Rates": [
          [
            "Destination",
            "First weight (kg)",
            "First-weight fee (CNY)",
            "Fee per kg after (CNY)",
            "Step (kg)",
          ],
          ["FR", 1, 15, 10, 0.5],
        ],
      }),
    );
    const out = join(dir, "fr.xlsx");
    const r = await cli(input, "--rates", book, "--destination", "法国", "--out", out);
    expect(r.code).toBe(0);
    expect(await fulfilment(out)).toBe(20); // 15 + 1 step × 0.5 × 10
  });

  test("no row for the destination: the row gets no fee and a missing issue naming it", async () => {
    const out = join(dir, "pl.xlsx");
    expect((await cli(input, "--rates", rates, "--destination", "PL", "--out", out)).code).toBe(0);
    const rows = (await readBack(readFileSync(out), "Catalog")).rows;
    expect(rows[1]?.[columnOf(rows, "AE Fee total (CNY)")]).toBeUndefined();
    expect(String(rows[1]?.[columnOf(rows, "AE Issues")])).toMatch(
      /^FEE-SEMI-FULFIL[^:]*: the rate card has no row for destination PL \(Poland\) and no \* row; fee not computed/,
    );
  });

  test("a bad card, a missing file, a wrong extension or a bad destination: exit 2 with one line", async () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(
      bad,
      "目的国,首重(kg),首重费(元),续重单价(元/kg),续重步长(kg)\nAtlantis,1,5,3,0.5\nDE,1,5,3,0\n",
    );
    const r = await cli(input, "--rates", bad);
    expect([r.code, r.err.split("\n").length]).toEqual([2, 1]);
    expect(r.err).toBe(
      "ae-check: rate card bad.csv was not used: A2: destination 'Atlantis' is not a known country (write an ISO code such as DE, a name such as 德国/Germany, or *); E3: step (kg) 0 must be above 0",
    );
    expect((await cli(input, "--rates", join(dir, "none.csv"))).err).toMatch(
      /^ae-check: rate card file not found/,
    );
    writeFileSync(join(dir, "rates.json"), "{}");
    expect((await cli(input, "--rates", join(dir, "rates.json"))).err).toMatch(
      /--rates takes an \.xlsx or \.csv file/,
    );
    const d = await cli(input, "--destination", "Mars");
    expect([d.code, d.err]).toEqual([
      2,
      "ae-check: bad fee option: destination: 'Mars' is not a country (an ISO code such as DE, or a name such as 德国/Germany)",
    ]);
  });
});

describe("rule updates", () => {
  const dir = mkdtempSync(join(tmpdir(), "ae-rules-"));
  const rows = [
    ["SKU", "售价", "重量(kg)", "长", "宽", "高"],
    ["A1", 100, 1.2, 30, 20, 10],
  ];
  const reportLine = async (out: string, label: string) =>
    (await readBack(readFileSync(out), "AE Report")).rows.find((row) => row[0] === label)?.[1];
  const base = async (out: string) => {
    const r = (await readBack(readFileSync(out), "Catalog")).rows;
    return r[1]?.[columnOf(r, "AE Fee base (CNY)")];
  };

  test("an AE Rules sheet updates the pack for the run; the report says what it changed", async () => {
    const input = join(dir, "rules.xlsx");
    writeFileSync(
      input,
      await makeWorkbook(rows, {
        "AE Rules": [
          ["规则编号", "参数", "取值"],
          ["FEE-SEMI-BASE", "rate", "3%"],
          ["version", "2026.11"],
        ],
      }),
    );
    const out = join(dir, "rules.out.xlsx");
    expect((await cli(input, "--out", out)).code).toBe(0);
    expect(await base(out)).toBe(3);
    expect(await reportLine(out, "Rule pack")).toMatch(/ 2026\.11 /);
    expect(await reportLine(out, "Rule updates")).toMatch(
      /^sheet 'AE Rules': version .* → 2026\.11; FEE-SEMI-BASE\.rate 0\.035 → 0\.03$/,
    );
  });

  test("--pack FILE.json wins over the sheet and is named; without either the report says none", async () => {
    const input = join(dir, "both.xlsx");
    writeFileSync(input, await makeWorkbook(rows, { "AE Rules": [["FEE-SEMI-BASE", "rate", "3%"]] }));
    writeFileSync(join(dir, "pack.json"), JSON.stringify({ rules: { "FEE-SEMI-BASE": { rate: "2.5%" } } }));
    const out = join(dir, "both.out.xlsx");
    expect((await cli(input, "--pack", join(dir, "pack.json"), "--out", out)).code).toBe(0);
    expect(await base(out)).toBe(2.5);
    expect(await reportLine(out, "Rule updates")).toBe("file 'pack.json': FEE-SEMI-BASE.rate 0.035 → 0.025");
    const plain = join(dir, "plain.xlsx");
    writeFileSync(plain, await makeWorkbook(rows));
    const plainOut = join(dir, "plain.out.xlsx");
    expect((await cli(plain, "--out", plainOut)).code).toBe(0);
    expect(await reportLine(plainOut, "Rule updates")).toBe("none (the default pack)");
  });

  test("a bad AE Rules sheet stops the run with the override's messages and their rows", async () => {
    const input = join(dir, "bad.xlsx");
    writeFileSync(input, await makeWorkbook(rows, { "AE Rules": [["FEE-SEMI-BAS", "rate", "3%"]] }));
    const r = await cli(input);
    expect([r.code, r.err]).toEqual([
      2,
      `ae-check: ${input}: the rule updates in sheet 'AE Rules' were not used: row 1: rules.FEE-SEMI-BAS: unknown rule id (did you mean 'FEE-SEMI-BASE'?) (nothing was changed)`,
    ]);
  });
});
