import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./cli-run";
import { LIBREOFFICE, need } from "./programs";
import { readBack } from "./xlsx-helpers";

const SAMPLE = join(__dirname, "../assets/samples/catalog-semi.xlsx");
const SAMPLE_FULL = join(__dirname, "../assets/samples/catalog-full.xlsx");

describe("npm run check", () => {
  test("the launcher (scripts/check.cjs, what `npm run check` runs) builds the bundle and checks a file", () => {
    const dir = mkdtempSync(join(tmpdir(), "ae-launch-"));
    const out = join(dir, "copy.xlsx");
    const printed = execFileSync(
      process.execPath,
      [join(__dirname, "../scripts/check.cjs"), SAMPLE, "--out", out],
      {
        encoding: "utf8",
      },
    );
    expect(printed).toMatch(/rows checked/);
    expect(existsSync(out)).toBe(true);
  });
  const dir = mkdtempSync(join(tmpdir(), "ae-cli-"));
  const input = join(dir, "catalog.xlsx");
  copyFileSync(SAMPLE, input);
  const original = readFileSync(input);

  test("writes <input>.checked.xlsx, prints the summary, exits 0, leaves the input alone", async () => {
    const r = await cli(input, "--mode", "semi", "--distance", "250", "--services", "label");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /semi\s+ELIGIBLE \d+ · ELIGIBLE_WITH_WARNINGS \d+ · NOT_ELIGIBLE \d+ · INCOMPLETE \d+/,
    );
    expect(r.out).toContain("SEMI-K-DUP-LISTING");
    expect(r.out).toMatch(/^Rate card: /m);
    expect(existsSync(join(dir, "catalog.checked.xlsx"))).toBe(true);
    expect(readFileSync(input).equals(original)).toBe(true);
  });
  test("a full-managed check says nothing of the semi-managed rate card", async () => {
    const r = await cli(SAMPLE_FULL, "--mode", "full", "--fx", "7.1", "--out", join(dir, "full.xlsx"));
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(/Rate card|FEE-SEMI-FULFIL/);
  });
  test("--out, --lang zh, --mode compare, --options and --profile files", async () => {
    const out = join(dir, "compare.xlsx");
    writeFileSync(join(dir, "options.json"), JSON.stringify({ distance: 250, carton: 12 }));
    writeFileSync(join(dir, "profile.json"), JSON.stringify({ 营业执照注册日期: "2025-01-01", DSR: 4.9 }));
    const r = await cli(
      input,
      "--mode",
      "compare",
      "--out",
      out,
      "--lang",
      "zh",
      "--options",
      join(dir, "options.json"),
      "--profile",
      join(dir, "profile.json"),
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain("最优模式");
    const { rows } = await readBack(readFileSync(out), "商品清单");
    expect(rows[1]).toContain("AE 最优模式");
  });
  test.each([
    [["missing.xlsx"], /input workbook not found/],
    [[], /no input workbook given/],
    [["--mode", "both", SAMPLE], /--mode must be semi, full or compare/],
    [["--sheet", "Nope", SAMPLE], /no sheet named 'Nope'/],
    [["--distanse", "3", SAMPLE], /unknown option --distanse/],
    [["--rate", "abc", SAMPLE], /bad fee option: rate/],
  ])("exit 2 with a one-line reason: %j", async (args, message) => {
    const r = await cli(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
  test("exit 2 for a corrupt file, a password-protected one and a workbook without a header row", async () => {
    writeFileSync(join(dir, "corrupt.xlsx"), Buffer.from("PK\u0003\u0004 this is not really a zip"));
    expect((await cli(join(dir, "corrupt.xlsx"))).err).toMatch(/damaged/);
    // Encrypted .xlsx files are OLE compound files (the header D0 CF 11 E0 A1 B1 1A E1).
    writeFileSync(
      join(dir, "locked.xlsx"),
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
    );
    const locked = await cli(join(dir, "locked.xlsx"));
    expect([locked.code, locked.err]).toEqual([2, expect.stringMatching(/password-protected/)]);
    writeFileSync(join(dir, "text.xlsx"), "just text");
    expect((await cli(join(dir, "text.xlsx"))).err).toMatch(/not an \.xlsx workbook/);
    expect((await cli(SAMPLE_FULL, "--sheet", "AE Profile")).err).toMatch(/no recognisable header row/);
  });
  test("--reconcile on the sample statement", async () => {
    const statement = join(dir, "statement.xlsx");
    copyFileSync(join(__dirname, "../assets/samples/statement.xlsx"), statement);
    const r = await cli(statement, "--reconcile", "--tolerance", "0.01");
    expect(r.code).toBe(0);
    expect(r.out).toContain("MATCH 7 · OVERCHARGED 2 · UNDERCHARGED 1 · CANNOT_CHECK 4");
    expect(r.out).toContain("overcharged 1.00 · undercharged 1.00 CNY");
    expect(existsSync(join(dir, "statement.reconciled.xlsx"))).toBe(true);
    expect((await cli(statement, "--reconcile", "--tolerance", "-1")).err).toMatch(/--tolerance must be/);
  });
  test("refuses to write over the input", async () => {
    const r = await cli(input, "--out", input);
    expect([r.code, r.err]).toEqual([2, expect.stringMatching(/refusing to write over the input/)]);
  });
  test("a rule-pack override file is applied, a bad one rejected with the key named", async () => {
    writeFileSync(join(dir, "pack.json"), JSON.stringify({ rules: { "FEE-SEMI-BASE": { rate: "3%" } } }));
    expect((await cli(input, "--pack", join(dir, "pack.json"), "--out", join(dir, "p.xlsx"))).code).toBe(0);
    writeFileSync(join(dir, "bad.json"), JSON.stringify({ rules: { "FEE-SEMI-BASE": { rate: 3 } } }));
    expect((await cli(input, "--pack", join(dir, "bad.json"))).err).toMatch(
      /rules\.FEE-SEMI-BASE\.rate: a rate must be between 0 and 1/,
    );
  });
});

const soffice = need(LIBREOFFICE, "opening the CLI's copy in a real spreadsheet program");
(soffice ? describe : describe.skip)("LibreOffice opens the output and reads the numbers back", () => {
  test("converted to CSV, the fee columns hold the engine's figures", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ae-lo-"));
    const input = join(dir, "catalog.xlsx");
    copyFileSync(SAMPLE, input);
    expect((await cli(input, "--mode", "semi")).code).toBe(0);
    execFileSync(
      soffice as string,
      [
        "--headless",
        `-env:UserInstallation=file://${dir}/profile`,
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,1",
        "--outdir",
        dir,
        join(dir, "catalog.checked.xlsx"),
      ],
      { stdio: "pipe", timeout: 120_000 },
    );
    const file = readdirSync(dir).find((f) => f.endsWith(".csv")) as string;
    const csv = readFileSync(join(dir, file), "utf8")
      .split(/\r?\n/)
      .map((line) => line.split(","));
    const header = csv[1] as string[];
    const row = csv.find((r) => r[0] === "HG-1002") as string[];
    expect(row[header.indexOf("AE Status")]).toBe("ELIGIBLE");
    const num = (h: string) => Number(row[header.indexOf(h)]);
    expect(num("AE Fee total (CNY)")).toBe(10.92); // 2.42 + 6.50 + 2.00 (贴标)
    expect(num("AE Net payout (CNY)")).toBe(58.08);
    expect(num("AE Billable weight (kg)")).toBe(1.5);
    expect(num("AE Volumetric weight (kg)")).toBe(0.659);
    expect(row[header.indexOf("毛利")]).toBe("48"); // the seller's formula column, recalculated by LibreOffice, untouched
  }, 150_000);
});
