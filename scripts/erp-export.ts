/**
 * A catalog export shaped the way a Chinese ERP (店小秘-style) writes one: a title row above the
 * header, ERP header names (Sku商家编码, 零售价(USD), 供货价(元), 采购价(元), 包装重量(g), 物流属性,
 * 欧盟责任人, 已勾选参与的国家 …), the category and title merged over a product's variant rows, some
 * dimensions pasted into the length column as one cell (25*7*3, 26x27x7cm, 30×20×10), a blank row
 * between two product groups and a 合计 totals row at the bottom. Prices are in USD.
 *
 * `npx tsx scripts/erp-export.ts [out.xlsx] [--rows N]` writes it (default 300 data rows to
 * out/erp-export-300.xlsx); tests import {@link erpExport}. Deterministic (a seeded generator).
 */
import ExcelJS from "exceljs";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

/** The header row of the export (row 2; row 1 is the title). */
export const ERP_HEADERS = [
  "Sku商家编码",
  "商品名称",
  "一级类目",
  "二级类目",
  "颜色",
  "尺码",
  "零售价(USD)",
  "供货价(元)",
  "采购价(元)",
  "包装重量(g)",
  "长(cm)",
  "宽(cm)",
  "高(cm)",
  "物流属性",
  "UN38.3报告",
  "欧盟责任人",
  "已勾选参与的国家",
  "EPR注册号",
  "发货仓库",
  "库存",
  "主图链接",
  "备注",
] as const;

/** What the generator made, for tests to compare with. */
export interface ErpExport {
  readonly bytes: Uint8Array;
  /** Data rows (variant rows), excluding the title, header, blank and totals rows. */
  readonly dataRows: number;
  /** 1-based sheet rows of the blank rows and of the totals row. */
  readonly blankRows: readonly number[];
  readonly totalsRow: number;
  /** Merged ranges written (A1 notation). */
  readonly merges: readonly string[];
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRODUCTS = [
  { top: "服装/服饰配件", second: "女装T恤", name: "纯棉宽松短袖T恤", apparel: true, battery: false },
  { top: "服装/服饰配件", second: "男士卫衣", name: "加绒连帽卫衣", apparel: true, battery: false },
  { top: "家居用品", second: "厨房收纳", name: "不锈钢沥水篮", apparel: false, battery: false },
  { top: "家居用品", second: "灯具照明", name: "LED感应小夜灯", apparel: false, battery: true },
  { top: "消费电子", second: "手机配件", name: "磁吸无线充电宝", apparel: false, battery: true },
  { top: "消费电子", second: "耳机音箱", name: "蓝牙运动耳机", apparel: false, battery: true },
  { top: "家居用品", second: "家纺", name: "珊瑚绒毛毯", apparel: false, battery: false },
] as const;
const COLORS = ["黑色", "白色", "灰色", "藏青", "米色"];
const SIZES = ["S", "M", "L", "XL"];
const COUNTRIES = ["PL, NL, IT", "DE, FR, PL", "UK, NL, BE", "IT, PT, RO", "DE, PL, HU"];
const WAREHOUSES = ["义乌集货仓", "东莞华南仓", "菜鸟保税仓", "杭州自营仓"];

/**
 * Builds the export.
 *
 * @example
 * ```ts
 * const { bytes, dataRows } = await erpExport(300); // dataRows === 300
 * ```
 */
export async function erpExport(rows = 300, seed = 13): Promise<ErpExport> {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const wb = new ExcelJS.Workbook();
  wb.creator = "店小秘";
  const ws = wb.addWorksheet("商品列表");
  ws.addRow(["店小秘 · 速卖通商品导出  导出时间：2026-11-30 14:02  共 " + rows + " 条"]);
  ws.mergeCells(1, 1, 1, 8);
  ws.addRow([...ERP_HEADERS]).font = { bold: true };
  const merges: string[] = ["A1:H1"];
  const blankRows: number[] = [];
  let made = 0;
  let product = 0;
  let stock = 0;
  while (made < rows) {
    const p = PRODUCTS[product % PRODUCTS.length] as (typeof PRODUCTS)[number];
    const variants = Math.min(rows - made, 1 + Math.floor(random() * 4));
    const first = ws.rowCount + 1;
    const base = 6 + Math.floor(random() * 30) + random();
    const grams = p.apparel ? 180 + Math.floor(random() * 500) : 120 + Math.floor(random() * 1400);
    const l = 10 + Math.floor(random() * 30);
    const w = 5 + Math.floor(random() * 20);
    const h = 2 + Math.floor(random() * 12);
    const dimStyle = product % 5; // 0, 1: three cells; 2: 25*7*3; 3: 26x27x7cm; 4: 30×20×10
    const countries = pick(COUNTRIES);
    const warehouse = pick(WAREHOUSES);
    for (let v = 0; v < variants; v++) {
      const sku = `DXM${String(1000 + product).padStart(5, "0")}-${v + 1}`;
      const heavy = product % 23 === 7 && v === 0; // now and then a 5.6 kg bundle
      const usd = Math.round(base * 100) / 100;
      const cell: Record<string, unknown> = {
        Sku商家编码: sku,
        商品名称: v === 0 ? `${p.name} ${product + 1}` : null,
        一级类目: v === 0 ? p.top : null,
        二级类目: v === 0 ? p.second : null,
        颜色: pick(COLORS),
        尺码: p.apparel ? (SIZES[v % SIZES.length] as string) : "均码",
        "零售价(USD)": usd,
        "供货价(元)": Math.round(usd * 7.1 * 0.62 * 100) / 100,
        "采购价(元)": Math.round(usd * 7.1 * 0.3 * 100) / 100,
        "包装重量(g)": heavy ? 5600 : grams + v * 10,
        物流属性: p.battery ? pick(["内电", "纯电", "外电"]) : "普货",
        "UN38.3报告": p.battery && random() < 0.7 ? `UN38.3-${sku}.pdf` : null,
        欧盟责任人: random() < 0.9 ? "EU-RP Hamburg GmbH" : null,
        已勾选参与的国家: countries,
        EPR注册号:
          countries.includes("DE") || countries.includes("FR")
            ? random() < 0.8
              ? "DE-EPR-88213"
              : null
            : null,
        发货仓库: warehouse,
        库存: 20 + Math.floor(random() * 500),
        主图链接: `https://img.example.cn/${sku}.jpg`,
        备注: random() < 0.1 ? "新品" : null,
      };
      stock += cell["库存"] as number;
      if (dimStyle <= 1) Object.assign(cell, { "长(cm)": l, "宽(cm)": w, "高(cm)": h });
      else
        cell["长(cm)"] =
          dimStyle === 2 ? `${l}*${w}*${h}` : dimStyle === 3 ? `${l}x${w}x${h}cm` : `${l}×${w}×${h}`;
      ws.addRow(ERP_HEADERS.map((k) => cell[k] ?? null));
      made++;
    }
    const last = ws.rowCount;
    if (last > first) {
      for (const column of [2, 3, 4]) {
        ws.mergeCells(first, column, last, column);
        merges.push(`${String.fromCharCode(64 + column)}${first}:${String.fromCharCode(64 + column)}${last}`);
      }
    }
    product++;
    // A blank separator row after the 10th product group.
    if (product === 10 && made < rows) {
      ws.addRow([]);
      blankRows.push(ws.rowCount);
      ws.getRow(ws.rowCount).getCell(1).value = null;
    }
  }
  ws.addRow([]);
  blankRows.push(ws.rowCount);
  // The totals row: no SKU, 合计 in the title column, sums of stock.
  const totals = ERP_HEADERS.map((k) => (k === "商品名称" ? "合计" : k === "库存" ? stock : null));
  ws.addRow(totals).font = { bold: true };
  const totalsRow = ws.rowCount;
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  return { bytes, dataRows: rows, blankRows, totalsRow, merges };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--rows");
  const rows = at >= 0 ? Number(args[at + 1]) : 300;
  const out = resolve(
    args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--rows") ?? `out/erp-export-${rows}.xlsx`,
  );
  void erpExport(rows).then(({ bytes, totalsRow }) => {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, bytes);
    console.log(`${out}: ${rows} data rows, totals on row ${totalsRow}`);
  });
}
