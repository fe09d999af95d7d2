/**
 * Custom-function benchmark: per-call time of AE.VOLWEIGHT, AE.FEE and AE.ELIGIBLE over N calls
 * (default 100,000) as Excel calls them, against a floor measured in the same run: the same
 * arithmetic on plain numbers; then N rows in ONE call of AE.FEES and of AE.ELIGIBLE (the whole
 * column in one formula, as Excel passes ranges: one 2-D array per argument). Also prints the
 * functions bundle size if dist/functions.js exists.
 * Usage: npm run bench:functions [-- --calls 100000]
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";

import type * as AEModule from "../src/functions/functions";
class CfError extends Error {}
(globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = {
  Error: CfError,
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
};
/** Excel passes null for an omitted argument (the signatures say optional). */
const NULL = null as unknown as undefined;
// The functions module reads the CustomFunctions global when it loads: require it after the mock.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AE = require("../src/functions/functions") as typeof AEModule;

const i = process.argv.indexOf("--calls");
const CALLS = i >= 0 ? Number(process.argv[i + 1]) : 100_000;

// Inputs as a seller types them: whole centimetres, grams as kg with 3 decimals, prices in fen.
const L = Array.from({ length: 1000 }, (_, k) => 10 + (k % 60));
const W = Array.from({ length: 1000 }, (_, k) => 5 + ((k * 7) % 40));
const H = Array.from({ length: 1000 }, (_, k) => 2 + ((k * 13) % 30));
const KG = Array.from({ length: 1000 }, (_, k) => (50 + ((k * 37) % 4000)) / 1000);
const PRICE = Array.from({ length: 1000 }, (_, k) => (500 + ((k * 7919) % 50000)) / 100);
const HEADERS = [
  ["SKU", "类目", "售价", "重量(kg)", "长", "宽", "高", "仓库", "目标市场", "EPR注册号", "退货率"],
];
const ROWS = Array.from({ length: 1000 }, (_, k) => [
  [`S${k}`, k % 2 ? "家居" : "女装", PRICE[k], KG[k], L[k], W[k], H[k], "义乌集货仓", "US, DE", "DE-1", "3%"],
]);

function time(name: string, body: (k: number) => unknown): number {
  let sink: unknown;
  for (let k = 0; k < 5000; k++) sink = body(k % 1000); // warm up
  let best = Infinity;
  for (let rep = 0; rep < 3; rep++) {
    const t0 = performance.now();
    for (let k = 0; k < CALLS; k++) sink = body(k % 1000);
    best = Math.min(best, performance.now() - t0);
  }
  if (sink === "never") console.log(name);
  return (best * 1000) / CALLS; // µs per call
}

const floorVol = time("floor vol", (k) => ((L[k] as number) * (W[k] as number) * (H[k] as number)) / 6000);
const floorFee = time("floor fee", (k) => {
  const v = ((L[k] as number) * (W[k] as number) * (H[k] as number)) / 6000;
  const c = Math.max(KG[k] as number, v);
  const b = c <= 1 ? 1 : 1 + Math.ceil((c - 1) / 0.5) * 0.5;
  return Math.round((PRICE[k] as number) * 3.5) / 100 + 5 + (b - 1) * 3;
});
const vol = time("AE.VOLWEIGHT", (k) => AE.volweight(L[k], W[k], H[k], null));
const fee = time("AE.FEE", (k) => AE.fee("semi", PRICE[k], null, KG[k], L[k], W[k], H[k], NULL));
const eligible = time("AE.ELIGIBLE", (k) => AE.eligible("semi", HEADERS, ROWS[k] as unknown[][], NULL));

console.log(
  `AE Modes custom-functions benchmark: ${CALLS.toLocaleString("en")} calls each, best of 3, node ${process.version}`,
);
console.log(
  `floor (plain-number volumetric weight): ${floorVol.toFixed(3)} µs/call; floor (plain-number semi fee): ${floorFee.toFixed(3)} µs/call`,
);
console.log(
  `AE.VOLWEIGHT: ${vol.toFixed(3)} µs/call (target ≤ 1), ratio to floor ${(vol / floorVol).toFixed(1)}`,
);
console.log(
  `AE.FEE (semi): ${fee.toFixed(3)} µs/call (target ≤ 10), ratio to floor ${(fee / floorFee).toFixed(1)}`,
);
console.log(`AE.ELIGIBLE (semi, 11 columns): ${eligible.toFixed(3)} µs/call (target ≤ 30)`);
// The whole column in one call: N rows of amounts, weights and dimensions as Excel passes ranges.
const column = (values: readonly number[]) => Array.from({ length: CALLS }, (_, k) => [values[k % 1000]]);
const amounts = column(PRICE as number[]);
const weights = column(KG as number[]);
const lengths = column(L);
const widths = column(W);
const heights = column(H);
const rows = Array.from({ length: CALLS }, (_, k) => (ROWS[k % 1000] as unknown[][])[0] as unknown[]);
function once<T>(body: () => T): { ms: number; out: T } {
  body(); // warm up
  let best = Infinity;
  let out = body();
  for (let rep = 0; rep < 3; rep++) {
    const t0 = performance.now();
    out = body();
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, out };
}
const fees = once(() => AE.fees("semi", amounts, NULL, weights, lengths, widths, heights, [["label"]]));
const statuses = once(() => AE.eligible("semi", HEADERS, rows));
if (fees.out.length !== CALLS || statuses.out.length !== CALLS) throw new Error("a row is missing");
const sample = (k: number) =>
  AE.fee("semi", PRICE[k % 1000], null, KG[k % 1000], L[k % 1000], W[k % 1000], H[k % 1000], [["label"]]);
for (const k of [0, 1, 999, CALLS - 1])
  if (fees.out[k]?.[0] !== sample(k)) throw new Error(`AE.FEES row ${k} differs from AE.FEE`);
console.log(
  `AE.FEES (semi): ${CALLS.toLocaleString("en")} rows in one call: ${fees.ms.toFixed(0)} ms (${((fees.ms * 1000) / CALLS).toFixed(3)} µs/row; ${((fees.ms * 1000) / CALLS / fee).toFixed(2)}× AE.FEE per call)`,
);
console.log(
  `AE.ELIGIBLE (semi, 11 columns): ${CALLS.toLocaleString("en")} rows in one call: ${statuses.ms.toFixed(0)} ms (${((statuses.ms * 1000) / CALLS).toFixed(3)} µs/row)`,
);
const bundle = join(__dirname, "../functions.js");
const built = existsSync(bundle) ? bundle : join(process.cwd(), "dist/functions.js");
if (existsSync(built)) {
  console.log(
    `functions bundle: ${(statSync(built).size / 1024).toFixed(1)} KB minified (target ≤ 150), ${(gzipSync(readFileSync(built)).length / 1024).toFixed(1)} KB gzip`,
  );
} else console.log("functions bundle: not built (npm run build)");
