/**
 * An independent oracle: 10,000 random orders written with native spreadsheet formulas that mean
 * the same as AE.VOLWEIGHT, AE.CHARGEWEIGHT, AE.BILLWEIGHT and the semi/full AE.FEE, recalculated by
 * LibreOffice (a different engine, in binary floating point), and compared with the functions.
 * Money must agree to the fen.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";

import type * as AEModule from "../src/functions/functions";
class CfError extends Error {}
(globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = {
  Error: CfError,
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
};
// The functions module reads the CustomFunctions global when it loads: require it after the mock.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AE = require("../src/functions/functions") as typeof AEModule;

const ROWS = 10_000;
const CATEGORIES: Array<[string, number]> = [
  ["女装", 0.038],
  ["消费电子", 0.052],
  ["家居", 0.045],
];
const soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((p) => existsSync(p));

interface Order {
  amount: number;
  weight: number;
  l: number;
  w: number;
  h: number;
  distance: number;
  label: boolean;
  photo: boolean;
  category: number;
}

test("LibreOffice's formulas and the custom functions agree on 10,000 random orders", async () => {
  if (!soffice)
    throw new Error("LibreOffice is not installed: apt-get install -y libreoffice-calc-nogui (.ci/run does)");
  const orders = fc.sample(
    fc.record({
      amount: fc.integer({ min: 1, max: 2_000_000 }).map((fen) => fen / 100),
      weight: fc.integer({ min: 1, max: 30_000 }).map((g) => g / 1000),
      l: fc.integer({ min: 1, max: 120 }),
      w: fc.integer({ min: 1, max: 80 }),
      h: fc.integer({ min: 1, max: 80 }),
      distance: fc.integer({ min: 0, max: 400 }),
      label: fc.boolean(),
      photo: fc.boolean(),
      category: fc.integer({ min: 0, max: 2 }),
    }),
    { numRuns: ROWS, seed: 20261122 },
  ) as Order[];

  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Oracle");
  ws.addRow([
    "amount",
    "weight",
    "L",
    "W",
    "H",
    "distance",
    "label",
    "photo",
    "rate",
    "VOLWEIGHT",
    "CHARGEWEIGHT",
    "BILLWEIGHT",
    "FEE semi",
    "FEE full",
  ]);
  orders.forEach((o, i) => {
    const r = i + 2;
    ws.addRow([
      o.amount,
      o.weight,
      o.l,
      o.w,
      o.h,
      o.distance,
      o.label ? 1 : 0,
      o.photo ? 1 : 0,
      (CATEGORIES[o.category] as [string, number])[1],
    ]);
    const row = ws.getRow(r);
    row.getCell(10).value = { formula: `C${r}*D${r}*E${r}/6000` };
    row.getCell(11).value = { formula: `MAX(B${r},J${r})` };
    row.getCell(12).value = { formula: `IF(K${r}<=1,1,1+CEILING(K${r}-1,0.5))` };
    row.getCell(13).value = {
      formula: `ROUND(A${r}*0.035,2)+ROUND(5+(L${r}-1)*3,2)+IF(F${r}>200,ROUND(L${r}*0.8,2),0)+G${r}*2+H${r}*5`,
    };
    row.getCell(14).value = { formula: `ROUND(A${r}*0.05,2)+ROUND(A${r}*I${r},2)` };
  });
  const dir = mkdtempSync(join(tmpdir(), "ae-oracle-"));
  const file = join(dir, "oracle.xlsx");
  await wb.xlsx.writeFile(file);
  // A LibreOffice profile that recalculates every formula on load.
  mkdirSync(join(dir, "profile/user"), { recursive: true });
  writeFileSync(
    join(dir, "profile/user/registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item></oor:items>`,
  );
  execFileSync(
    soffice,
    [
      "--headless",
      `-env:UserInstallation=file://${dir}/profile`,
      "--convert-to",
      "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false",
      "--outdir",
      dir,
      file,
    ],
    { stdio: "pipe", timeout: 150_000 },
  );
  const csv = readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith(".csv")) as string), "utf8")
    .trim()
    .split(/\r?\n/)
    .slice(1);
  expect(csv).toHaveLength(ROWS);

  const mismatches: string[] = [];
  csv.forEach((line, i) => {
    const o = orders[i] as Order;
    const [vol, charge, bill, semi, full] = line.split(",").slice(9).map(Number) as [
      number,
      number,
      number,
      number,
      number,
    ];
    const options = `${o.label ? "label; " : ""}${o.photo ? "photoqc; " : ""}distance=${o.distance}`;
    const ours = {
      vol: AE.volweight(o.l, o.w, o.h, null),
      charge: AE.chargeweight(o.weight, o.l, o.w, o.h, null),
      bill: AE.billweight(o.weight, o.l, o.w, o.h, null),
      semi: AE.fee("semi", o.amount, null, o.weight, o.l, o.w, o.h, options),
      full: AE.fee(
        "full",
        o.amount,
        (CATEGORIES[o.category] as [string, number])[0],
        null,
        null,
        null,
        null,
        null,
      ),
    };
    const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a));
    if (
      !close(ours.vol, vol) ||
      !close(ours.charge, charge) ||
      ours.bill !== bill ||
      Math.round(ours.semi * 100) !== Math.round(semi * 100) ||
      Math.round(ours.full * 100) !== Math.round(full * 100)
    ) {
      mismatches.push(
        `row ${i + 2}: ${JSON.stringify(o)} ours ${JSON.stringify(ours)} LibreOffice ${[vol, charge, bill, semi, full].join(", ")}`,
      );
    }
  });
  expect(mismatches.slice(0, 5)).toEqual([]);
}, 240_000);
