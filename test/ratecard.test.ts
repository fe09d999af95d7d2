import fc from "fast-check";
import {
  cardChargeDecimal,
  cardChargeExact,
  defaultRateCard,
  defaultRulePack,
  describeCard,
  describeProblems,
  destinationCode,
  isRateRow,
  noRateMessage,
  parseRateCard,
  RateTable,
  rateRow,
  semiFulfilmentFee,
  toDec,
  type RateCard,
  type RateRow,
} from "../src/engine";
import { compiled } from "./helpers";

const HEADER_ZH = [
  "模式",
  "目的国",
  "重量上限(kg)",
  "首重(kg)",
  "首重费(元)",
  "续重单价(元/kg)",
  "续重步长(kg)",
  "单票固定费(元)",
];
const HEADER_EN = [
  "Mode",
  "Destination",
  "Up to (kg)",
  "First weight (kg)",
  "First-weight fee (CNY)",
  "Fee per kg after (CNY)",
  "Step (kg)",
  "Per parcel (CNY)",
];

/** A hand-worked card: DE in three bands, FR up to 1 kg, PL with odd figures, and a * row up to 30 kg. */
const CARD_ROWS: unknown[][] = [
  ["日期", "2026-11-01"],
  HEADER_ZH,
  ["semi", "DE", 0.5, 0.5, 12, 0, 0.5, 1], // row 3
  ["半托管", "DE", 2, 0.5, 12, 20, 0.1, 1], // row 4
  ["semi", "德国", "—", 0.5, 12, 18, 0.5, 1], // row 5
  ["", "FR", 1, 1, 15, 10, 0.5, ""], // row 6 (mode blank = semi, per parcel blank = 0)
  ["semi", "Poland", "", "0.2kg", "6.5元", "25.5元/kg", 0.05, 2.3], // row 7
  ["semi", "*", 30, 1, 5, 3, 0.5, 0], // row 8
  ["full", "DE", "", 1, 9, 9, 1, 0], // row 9: another mode
];

function card(rows: unknown[][] = CARD_ROWS): RateCard {
  const r = parseRateCard(rows, { source: { kind: "sheet", name: "AE Rates" } });
  if (!r.ok) throw new Error(describeProblems(r.problems, "en"));
  return r.card;
}

/** The fee and billable weight the card charges for a destination and chargeable weight. */
function charge(table: RateTable, destination: string | undefined, kg: string) {
  const found = table.find(destination, toDec(kg));
  if (!isRateRow(found)) return { none: noRateMessage(found, kg).en };
  const c = cardChargeDecimal(found, toDec(kg));
  return { row: found.sourceRow, fee: (c.fen / 100).toFixed(2), billable: c.billableKg.toString() };
}

describe("rate card lookup (hand-worked)", () => {
  const table = new RateTable(card(), "semi");
  test.each([
    // destination, chargeable kg, card row, fee, billable kg — worked by hand:
    ["DE", "0.3", 3, "13.00", "0.5"], // first weight only: 12 + 1 per parcel
    ["DE", "0.5", 3, "13.00", "0.5"], // exactly the band's limit
    ["DE", "0.51", 4, "15.00", "0.6"], // 0.01 above 0.5 → 1 step of 0.1 × 20 = 2; 12 + 2 + 1
    ["DE", "1.23", 4, "29.00", "1.3"], // 0.73 → 8 steps × 0.1 × 20 = 16; 12 + 16 + 1
    ["DE", "2", 4, "43.00", "2"], // 1.5 → 15 steps = 30; 12 + 30 + 1
    ["DE", "2.01", 5, "49.00", "2.5"], // no-limit band, step 0.5: 1.51 → 4 steps × 0.5 × 18 = 36
    ["FR", "0.8", 6, "15.00", "1"], // under the first weight
    ["FR", "1.4", 8, "6.50", "1.5"], // FR stops at 1 kg → the * row: 5 + 1 step × 1.5
    ["PL", "0.33", 7, "12.63", "0.35"], // 0.13 → 3 steps × 0.05 × 25.5 = 3.825; 6.5 + 3.825 + 2.3 = 12.625 → 12.63
    ["US", "4.01", 8, "15.50", "4.5"], // no US rows → *: today's default
    [undefined, "1.2", 8, "6.50", "1.5"], // no destination → *
  ])("%s %s kg → row %i, %s CNY, billable %s kg", (dest, kg, row, fee, billable) => {
    expect(charge(table, dest, kg)).toEqual({ row, fee, billable });
  });

  test("over every band: no fee, and the message names the destination and the limit", () => {
    expect(charge(table, "US", "31")).toEqual({
      none: "the rate card has no row for US (United States) up to 31 kg (its rows go up to 30 kg); fee not computed",
    });
  });

  test("a destination with no row and no * row: no fee, the message names it", () => {
    const deOnly = new RateTable(card([HEADER_EN, ["semi", "DE", "", 1, 10, 5, 0.5, 0]]), "semi");
    expect(charge(deOnly, "PL", "1")).toEqual({
      none: "the rate card has no row for destination PL (Poland) and no * row; fee not computed",
    });
    expect(charge(deOnly, undefined, "1").none).toMatch(/no destination given/);
    expect(deOnly.covers("DE")).toBe(true);
    expect(deOnly.covers("PL")).toBe(false);
    expect(charge(deOnly, "DE", "1.7")).toEqual({ row: 2, fee: "15.00", billable: "2" });
  });

  test("each mode has its own rows", () => {
    const full = new RateTable(card(), "full");
    expect(charge(full, "DE", "2.5")).toEqual({ row: 9, fee: "27.00", billable: "3" }); // 9 + 2 steps × 1 × 9
  });

  test("the date line and the source are kept for the report", () => {
    const c = card();
    expect(c.date).toBe("2026-11-01");
    expect(c.rows).toHaveLength(7);
    expect(describeCard(c, "en")).toBe("sheet 'AE Rates', 7 rows, dated 2026-11-01");
    expect(describeCard(c, "zh")).toBe("工作表“AE Rates”，7行，日期2026-11-01");
  });
});

describe("destinations", () => {
  test.each([
    ["DE", "DE"],
    ["de", "DE"],
    ["德国", "DE"],
    ["Germany", "DE"],
    ["UK", "GB"],
    ["英国", "GB"],
    ["立陶宛", "LT"],
    ["*", "*"],
    ["全部", "*"],
    ["All", "*"],
  ])("%s → %s", (text, code) => expect(destinationCode(text)).toBe(code));
  test("unknown names are not guessed", () => {
    expect(destinationCode("Atlantis")).toBeUndefined();
    expect(destinationCode("D E U")).toBeUndefined();
  });
});

describe("reading a card", () => {
  test("English headers and the Chinese ones give the same card", () => {
    const zh = card([HEADER_ZH, ["semi", "DE", 2, 0.5, 12, 20, 0.1, 1]]);
    const en = card([HEADER_EN, ["semi", "Germany", 2, 0.5, 12, 20, 0.1, 1]]);
    expect(en.rows).toEqual(zh.rows);
  });

  test("columns in another order, without the optional mode, up-to and per-parcel columns", () => {
    const c = card([
      ["续重步长(kg)", "目的国", "首重费(元)", "首重(kg)", "续重单价(元/kg)"],
      [0.5, "FR", 15, 1, 10],
    ]);
    const row = c.rows[0] as RateRow;
    expect([row.mode, row.destination, row.upToKg, row.perParcel.toString()]).toEqual([
      "semi",
      "FR",
      undefined,
      "0",
    ]);
    expect(cardChargeDecimal(row, toDec("2.2")).fen).toBe(3000); // 1.2 kg above → 3 steps × 0.5 × 10 = 15; 15 + 15
  });

  test("every bad row is reported with its cell and reason, and no card is returned", () => {
    const r = parseRateCard(
      [
        HEADER_ZH,
        ["semi", "Atlantis", "", 1, 5, 3, 0.5, 0], // row 2: B2 unknown destination
        ["semi", "DE", "", "", 5, 3, 0.5, 0], // row 3: D3 blank first weight
        ["semi", "FR", "", 1, "abc", 3, -0.5, 0], // row 4: E4 not a number, G4 below 0
        ["hybrid", "PL", "", 1, 5, 3, 0.5, 0], // row 5: A5 unknown mode
        ["semi", "", "", 1, 5, 3, 0.5, 0], // row 6: B6 blank destination
        ["semi", "*", "", 1, 5, 3, 0.5, 0], // row 7: fine
        ["semi", "*", 5, 1, 5, 3, 0.5, 0], // row 8: C8 can never apply (row 7 has no limit)
        [],
        ["semi", "IT", 0, 1, 5, 3, 0, 0], // row 10: C10 up to 0, G10 step 0
      ],
      { source: { kind: "file", name: "rates.csv" } },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.cell)).toEqual(["B2", "D3", "E4", "G4", "A5", "B6", "C10", "G10", "C8"]);
    expect(describeProblems(r.problems, "en", 3)).toBe(
      "B2: destination 'Atlantis' is not a known country (write an ISO code such as DE, a name such as 德国/Germany, or *); D3: first weight (kg) is blank; E4: first-weight fee (CNY) 'abc' is not a number; … and 6 more",
    );
    expect(r.problems.find((p) => p.cell === "C8")?.message.zh).toBe(
      "第8行永远不会被使用：第7行（semi，*（任意））已覆盖任意重量；同一目的国的行请按重量上限从小到大排列",
    );
  });

  test("a header without a required column, or no header at all, is refused", () => {
    const r = parseRateCard(
      [
        ["目的国", "首重(kg)", "首重费(元)", "续重单价(元/kg)"],
        ["DE", 1, 5, 3],
      ],
      {
        source: { kind: "sheet", name: "AE Rates" },
      },
    );
    expect(!r.ok && r.problems.map((p) => p.message.en)).toEqual([
      "the header row (row 1) has no 'step (kg)' column (续重步长 / Step)",
    ]);
    const none = parseRateCard(
      [
        ["SKU", "售价"],
        ["A", 1],
      ],
      { source: { kind: "sheet", name: "AE Rates" } },
    );
    expect(!none.ok && none.problems[0]?.message.en).toMatch(/^no header row in the first 10 rows/);
    const empty = parseRateCard([HEADER_ZH], { source: { kind: "sheet", name: "AE Rates" } });
    expect(!empty.ok && empty.problems[0]?.message.en).toBe("the rate card has no rows below its header");
  });

  test("a header in another unit is refused rather than misread", () => {
    const r = parseRateCard(
      [
        ["目的国", "首重(g)", "首重费(元)", "续重单价(元/kg)", "续重步长(kg)"],
        ["DE", 500, 5, 3, 0.5],
      ],
      { source: { kind: "sheet", name: "AE Rates" } },
    );
    expect(!r.ok && r.problems.map((p) => `${p.cell}: ${p.message.en}`)).toEqual([
      "B1: the card's first weight (kg) column is in KG, not 'g'",
    ]);
  });
});

describe("the default card", () => {
  const def = defaultRateCard(defaultRulePack());
  test("is the single row semi, *, —, 1, 5, 3, 0.5, 0", () => {
    const row = def.rows[0] as RateRow;
    expect(def.rows).toHaveLength(1);
    expect([
      row.mode,
      row.destination,
      row.upToKg,
      row.firstWeightKg.toString(),
      row.firstWeightFee.toString(),
      row.feePerKg.toString(),
      row.stepKg.toString(),
      row.perParcel.toString(),
    ]).toEqual(["semi", "*", undefined, "1", "5", "3", "0.5", "0"]);
    expect(describeCard(def, "en")).toBe("default (rule pack FEE-SEMI-FULFIL), 1 row");
  });

  test("charges what the pack's fulfilment fee charges, for any weight", () => {
    const table = new RateTable(def, "semi");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.constantFrom("DE", "US", undefined), (g, dest) => {
        const kg = toDec(g).div(1000);
        const row = table.find(dest, kg);
        if (!isRateRow(row)) return false;
        const c = cardChargeDecimal(row, kg);
        const billable = kg.lte(1) ? toDec(1) : toDec(1).plus(kg.minus(1).div(0.5).ceil().times(0.5));
        return (
          c.billableKg.eq(billable) && c.fen === semiFulfilmentFee(compiled, billable).times(100).toNumber()
        );
      }),
    );
  });
});

describe("exact integers and decimal.js agree", () => {
  const figure = (maxUnits: number, scale: number) =>
    fc.integer({ min: 1, max: maxUnits }).map((u) => toDec(u).div(10 ** scale));
  const rows = fc
    .record({
      first: figure(3000, 3),
      fee: figure(99_999, 2),
      perKg: figure(9_999, 2),
      step: figure(2000, 3),
      parcel: figure(999, 2),
      upTo: fc.option(figure(50_000, 3)),
    })
    .map((r) =>
      rateRow({
        mode: "semi",
        destination: "*",
        upToKg: r.upTo ?? undefined,
        firstWeightKg: r.first,
        firstWeightFee: r.fee,
        feePerKg: r.perKg,
        stepKg: r.step,
        perParcel: r.parcel,
        sourceRow: 2,
      }),
    );
  test("the charge, for weights given as fractions n/d", () => {
    fc.assert(
      fc.property(
        rows,
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 60_000 }),
        (row, n, d) => {
          const exact = cardChargeExact(row, n, d);
          const dec = cardChargeDecimal(row, toDec(n).div(d));
          return (
            exact !== undefined &&
            exact.fen === dec.fen &&
            exact.steps === dec.steps &&
            toDec(exact.billable.units)
              .div(10 ** exact.billable.scale)
              .eq(dec.billableKg)
          );
        },
      ),
    );
  });
  test("the lookup", () => {
    const c = card();
    const table = new RateTable(c, "semi");
    fc.assert(
      fc.property(
        fc.constantFrom("DE", "FR", "PL", "US", undefined),
        fc.integer({ min: 0, max: 40_000_000 }),
        fc.integer({ min: 1, max: 6000 }),
        (dest, n, d) => {
          const a = table.findExact(dest, n, d);
          const b = table.find(dest, toDec(n).div(d));
          return a !== undefined && (isRateRow(a) ? a === b : !isRateRow(b));
        },
      ),
    );
  });
});
