/**
 * Engine benchmark: evaluates N generated catalog rows (fees + every SKU rule + the
 * sheet-level duplicate check) in each mode and prints rows per second, peak heap and
 * the ratio to a floor measured in the same run: a loop that only converts the same
 * cells to numbers. Usage: npm run bench [-- --rows 1000000]
 */
import { Engine, parseNumber, sheetLevelIssues, skuText, type CheckMode } from "../src/engine";

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

function makeRows(n: number): unknown[][] {
  const r = rng(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
  const rows: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    const price = Math.round(r() * 50000) / 100;
    rows.push([
      `SKU-${Math.floor(r() * n * 0.9)}`,
      `商品 ${i}`,
      pick(CATEGORIES),
      r() < 0.3 ? price.toFixed(2) : price,
      "CNY",
      price,
      Math.round(price * (0.9 + r() * 0.1) * 100) / 100,
      r() < 0.2 ? `${Math.round(r() * 6000)}` : Math.round(r() * 6000),
      Math.round(r() * 600) / 10,
      Math.round(r() * 400) / 10,
      r() < 0.1 ? "" : Math.round(r() * 300) / 10,
      Math.round(r() * 8000),
      r() < 0.8 ? "棉 80%, 涤纶 20%" : "",
      pick(["是", "否", ""]),
      pick(["是", "否"]),
      pick(["SDS.pdf", ""]),
      pick(["是", "否"]),
      pick(["CE", ""]),
      pick(LANGS),
      pick(MARKETS),
      pick(["是", "否"]),
      pick(["UN38.3.pdf", ""]),
      pick(["DE-EPR-1", ""]),
      r() < 0.5 ? '{"S":{"chest":88}}' : "",
      r() < 0.5 ? `${(r() * 20).toFixed(1)}%` : r() * 0.2,
      pick(WAREHOUSES),
      45444 + Math.floor(r() * 30),
      "2024-07-15",
    ]);
  }
  return rows;
}

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
): { ms: number; statuses: Record<string, number> } {
  const t0 = performance.now();
  const sheet = engine.prepareSheet(HEADERS, {
    mode,
    fees: { distanceKm: 250, unitsPerCarton: 12, services: { label: true, photoQc: false } },
  });
  const skuIndex = sheet.mapping.byField.sku?.index ?? 0;
  const skus: (string | undefined)[] = new Array(count);
  for (let i = 0; i < count; i++) skus[i] = skuText((rows[i % rows.length] as unknown[])[skuIndex]);
  const across = sheetLevelIssues(engine.compiled, mode, skus, (i) => ({ row: i + 2, column: "A" }));
  const statuses: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const result = sheet.evaluateRow(rows[i % rows.length] as unknown[], i + 2, across.get(i));
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
floor(rows, 20_000);
sampleHeap();

const floorMs = floor(rows, ROWS);
const floorRate = ROWS / (floorMs / 1000);
console.log(
  `AE Modes engine benchmark: ${ROWS.toLocaleString("en")} rows × ${HEADERS.length} columns (pool of ${POOL.toLocaleString("en")} generated rows), node ${process.version}`,
);
console.log(
  `floor (convert every cell to a number): ${floorMs.toFixed(0)} ms, ${Math.round(floorRate).toLocaleString("en")} rows/s`,
);
for (const mode of ["semi", "full"] as const) {
  const { ms, statuses } = evaluate(engine, rows, mode, ROWS);
  const rate = ROWS / (ms / 1000);
  console.log(
    `${mode}: ${ms.toFixed(0)} ms, ${Math.round(rate).toLocaleString("en")} rows/s, ratio to floor ${(ms / floorMs).toFixed(2)}; ` +
      Object.entries(statuses)
        .map(([s, n]) => `${s} ${n}`)
        .join(", "),
  );
}
sampleHeap();
console.log(`peak heap: ${(peakHeap / 1024 / 1024).toFixed(0)} MB`);
