/**
 * Engine benchmark: evaluates N generated catalog rows (fees + every SKU rule + the
 * sheet-level duplicate check) in each mode and prints rows per second, peak heap and
 * the ratio to a floor measured in the same run: a loop that only converts the same
 * cells to numbers. Usage: npm run bench [-- --rows 1000000]
 */
import {
  Engine,
  parseNumber,
  parseRateCard,
  sheetLevelIssues,
  skuText,
  type CheckMode,
  type RateCard,
} from "../src/engine";

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg("rows", 1_000_000);
const POOL = Math.min(ROWS, 50_000);

const HEADERS = [
  "SKU编码",
  "商品名称",
  "类目",
  "售价",
  "币种",
  "普通价",
  "半托管价",
  "重量(g)",
  "长",
  "宽",
  "高",
  "月产能",
  "材质成分",
  "是否含甲醛",
  "EN71-3",
  "SDS",
  "RoHS",
  "CE/FCC",
  "说明书语言",
  "目标市场",
  "含电池",
  "UN38.3",
  "EPR注册号",
  "尺码表",
  "退货率",
  "仓库",
  "入仓日期",
  "补货计划日期",
];
const CATEGORIES = [
  "女装",
  "家居园艺",
  "消费电子配件",
  "运动户外",
  "Home & Garden",
  "Phone Accessories",
  "宠物用品",
  "服饰配饰",
];
const MARKETS = ["US", "DE, FR", "美国、英国", "ES", "US, DE", "JP"];
const LANGS = ["EN", "EN, DE", "英语、法语", "EN, DE, FR", "日语"];
const WAREHOUSES = ["菜鸟保税仓", "义乌集货仓", "东莞华南仓", "上海仓", ""];
const DESTINATIONS = ["DE", "FR", "PL", "ES", "US", "德国", "Poland", ""];

/** A rate card of 4 destinations in 3 weight bands each, and a * row (the --card run). */
const CARD: RateCard = (() => {
  const rows: unknown[][] = [
    ["目的国", "重量上限(kg)", "首重(kg)", "首重费(元)", "续重单价(元/kg)", "续重步长(kg)", "单票固定费(元)"],
  ];
  for (const [d, base] of [
    ["DE", 12],
    ["FR", 13],
    ["PL", 9],
    ["ES", 11],
  ] as const) {
    rows.push([d, 0.5, 0.5, base, 0, 0.5, 1], [d, 2, 0.5, base, 20, 0.1, 1], [d, "", 0.5, base, 18, 0.5, 1]);
  }
  rows.push(["*", "", 1, 5, 3, 0.5, 0]);
  const parsed = parseRateCard(rows, { source: { kind: "file", name: "bench" } });
  if (!parsed.ok) throw new Error("bench card");
  return parsed.card;
})();

/** A deterministic pseudo-random generator (mulberry32), so every run measures the same rows. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A realistic catalog: most rows are complete and pass; about one row in five has one problem
 * (over 5 kg, a wrong warehouse, a missing EPR, a high return rate, a non-JSON size chart, …),
 * a few cells are text with units or thousands separators, and one SKU in 2,000 is listed 6 times.
 */
function makeRows(n: number): unknown[][] {
  const r = rng(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
  const chance = (p: number): boolean => r() < p;
  const rows: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    const price = Math.round((5 + r() * 495) * 100) / 100;
    const grams = chance(0.03) ? 5000 + Math.round(r() * 3000) : 50 + Math.round(r() * 3000);
    const markets = pick(MARKETS);
    const eu = /DE|FR/.test(markets);
    rows.push([
      "",
      `商品 ${i}`,
      pick(CATEGORIES),
      chance(0.2) ? price.toFixed(2) : price,
      "CNY",
      price,
      Math.round(price * (chance(0.05) ? 0.99 : 0.9) * 100) / 100,
      chance(0.1) ? `${grams}` : grams,
      Math.round(50 + r() * 350) / 10,
      Math.round(50 + r() * 250) / 10,
      chance(0.01) ? "" : Math.round(10 + r() * 150) / 10,
      3000 + Math.round(r() * 7000),
      "棉 80%, 涤纶 20%",
      pick(["是", "否"]),
      pick(["是", "否"]),
      "SDS.pdf",
      "是",
      "CE",
      chance(0.95) ? "EN, DE, FR, ES, JA" : pick(LANGS),
      markets,
      pick(["是", "否"]),
      "UN38.3.pdf",
      eu && chance(0.95) ? "DE-EPR-1" : "",
      chance(0.95) ? '{"S":{"chest":88},"M":{"chest":92}}' : "S/M/L",
      chance(0.5) ? `${(r() * 13).toFixed(1)}%` : Math.round(r() * 130) / 1000,
      chance(0.97) ? pick(WAREHOUSES.slice(0, 3)) : pick(WAREHOUSES.slice(3)),
      45444 + Math.floor(r() * 7),
      "2024-07-15",
      // 目的国, read only by the rate-card run (the other runs' headers stop before it).
      pick(DESTINATIONS),
    ]);
  }
  return rows;
}

/** The SKU of generated row i: unique, except that every 2,000th SKU is listed 6 times. */
const skuOf = (i: number): string => (i % 2000 < 6 ? `DUP-${Math.floor(i / 2000)}` : `SKU-${i}`);

let peakHeap = 0;
const sampleHeap = () => {
  const used = process.memoryUsage().heapUsed;
  if (used > peakHeap) peakHeap = used;
};

function floor(rows: unknown[][], count: number): number {
  const t0 = performance.now();
  let sink = 0;
  for (let i = 0; i < count; i++) {
    const cells = rows[i % rows.length] as unknown[];
    cells[0] = skuOf(i);
    for (let c = 0; c < cells.length; c++) {
      const p = parseNumber(cells[c]);
      if (p.ok) sink += p.value;
    }
  }
  if (sink === 42) console.log("");
  return performance.now() - t0;
}

function evaluate(
  engine: Engine,
  rows: unknown[][],
  mode: CheckMode,
  count: number,
  card = false,
): { ms: number; statuses: Record<string, number> } {
  const t0 = performance.now();
  const sheet = engine.prepareSheet(card ? [...HEADERS, "目的国"] : HEADERS, {
    mode,
    fees: { distanceKm: 250, unitsPerCarton: 12, services: { label: true, photoQc: false } },
    ...(card ? { rates: CARD } : {}),
  });
  const skus: (string | undefined)[] = new Array(count);
  for (let i = 0; i < count; i++) skus[i] = skuText(skuOf(i));
  const across = sheetLevelIssues(engine.compiled, mode, skus, (i) => ({ row: i + 2, column: "A" }));
  const statuses: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const cells = rows[i % rows.length] as unknown[];
    cells[0] = skuOf(i);
    const result = sheet.evaluateRow(cells, i + 2, across.get(i));
    statuses[result.status] = (statuses[result.status] ?? 0) + 1;
    if ((i & 0xffff) === 0) sampleHeap();
  }
  return { ms: performance.now() - t0, statuses };
}

const engine = new Engine();
const rows = makeRows(POOL);
// Warm up both paths so the JIT has compiled them before measuring.
evaluate(engine, rows, "semi", 20_000);
evaluate(engine, rows, "full", 20_000);
evaluate(engine, rows, "semi", 20_000, true);
floor(rows, 20_000);
sampleHeap();

// This machine's speed drifts (other tenants share it): each figure is the best of REPEATS runs,
// taken in turn, so the floor and the engine see the same conditions.
const REPEATS = arg("repeats", 3);
const modes = (
  process.argv.includes("--mode") ? [process.argv[process.argv.indexOf("--mode") + 1]] : ["semi", "full"]
) as CheckMode[];
let floorMs = Infinity;
const best = new Map<CheckMode, { ms: number; statuses: Record<string, number> }>();
// The semi run again with a 13-row rate card and a 目的国 column (per-row destination lookup).
let cardBest: { ms: number; statuses: Record<string, number> } | undefined;
for (let rep = 0; rep < REPEATS; rep++) {
  floorMs = Math.min(floorMs, floor(rows, ROWS));
  for (const mode of modes) {
    const run = evaluate(engine, rows, mode, ROWS);
    const previous = best.get(mode);
    if (!previous || run.ms < previous.ms) best.set(mode, run);
    if (mode === "semi") {
      const carded = evaluate(engine, rows, "semi", ROWS, true);
      if (!cardBest || carded.ms < cardBest.ms) cardBest = carded;
    }
  }
}
const floorRate = ROWS / (floorMs / 1000);
console.log(
  `AE Modes engine benchmark: ${ROWS.toLocaleString("en")} rows × ${HEADERS.length} columns (pool of ${POOL.toLocaleString("en")} generated rows), best of ${REPEATS}, node ${process.version}`,
);
console.log(
  `floor (convert every cell to a number): ${floorMs.toFixed(0)} ms, ${Math.round(floorRate).toLocaleString("en")} rows/s`,
);
for (const [mode, { ms, statuses }] of best) {
  const rate = ROWS / (ms / 1000);
  console.log(
    `${mode}: ${ms.toFixed(0)} ms, ${Math.round(rate).toLocaleString("en")} rows/s, ratio to floor ${(ms / floorMs).toFixed(2)}; ` +
      Object.entries(statuses)
        .map(([s, n]) => `${s} ${n}`)
        .join(", "),
  );
}
const semiBest = best.get("semi");
if (cardBest && semiBest) {
  const rate = ROWS / (cardBest.ms / 1000);
  console.log(
    `semi with a 13-row rate card and a 目的国 column: ${cardBest.ms.toFixed(0)} ms, ${Math.round(rate).toLocaleString("en")} rows/s, ` +
      `${((semiBest.ms / cardBest.ms) * 100).toFixed(1)} % of the rows/s of semi with the default card; ` +
      Object.entries(cardBest.statuses)
        .map(([s, n]) => `${s} ${n}`)
        .join(", "),
  );
}
sampleHeap();
console.log(`peak heap: ${(peakHeap / 1024 / 1024).toFixed(0)} MB`);
