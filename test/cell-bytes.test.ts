/**
 * The add-in's cells built as bytes (src/xlsx/cell-bytes.ts) against the string forms they
 * replace, and a copy written through them read back with exceljs (a reader we did not write).
 */
import { asciiBytes, CellBytes, digitsOf, isAscii } from "../src/xlsx/cell-bytes";
import { numberText } from "../src/xlsx/write";
import { XlsxPort } from "../src/xlsx/port";
import { makeWorkbook, readBack } from "./xlsx-helpers";

const decode = (b: Uint8Array) => new TextDecoder().decode(b);

describe("CellBytes", () => {
  test("number() writes what numberText (String) writes", () => {
    const values = [
      0,
      -0,
      1,
      -1,
      5.5,
      -0.07,
      0.05,
      0.5,
      0.125,
      99.99,
      100.05,
      12.3,
      1234567.89,
      -1234.5,
      0.1 + 0.2,
      1e-7,
      1e21,
      123456789012.34,
      1e13,
      -1e13,
      2 ** 53,
      17.17,
      244.76,
      1.507,
      0.473,
      3.0e-5,
    ];
    for (let i = 0; i < 5000; i++) values.push(Math.round((i * 7919) % 100000) / 100, -i / 100, i / 7);
    const b = new CellBytes();
    for (const v of values) {
      b.number(v);
      expect(decode(b.take())).toBe(numberText(v));
      expect(numberText(v)).toBe(String(v));
    }
  });

  test("digitsOf and uint write decimal digits", () => {
    const out = new Uint8Array(16);
    const b = new CellBytes();
    for (const v of [0, 7, 10, 99, 100, 1048576, 4294967295, 2 ** 53 - 1]) {
      expect(decode(out.subarray(0, digitsOf(v, out)))).toBe(String(v));
      b.uint(v);
      expect(decode(b.take())).toBe(String(v));
    }
  });

  test("a piece taken stays as it was while later pieces fill and outgrow the buffer", () => {
    const b = new CellBytes();
    const pieces: Array<[Uint8Array, string]> = [];
    for (let i = 0; i < 3000; i++) {
      const text = i % 500 === 0 ? "长".repeat(40000) : `<c r="A${i}">${"x".repeat(i % 97)}中${i}</c>`;
      if (i % 7 === 0) {
        // Written, then dropped (a new row that got no cells).
        b.ascii("dropped");
        b.discard();
      }
      if (i % 3 === 0) b.utf8(text);
      else if (isAscii(text)) b.ascii(text);
      else b.bytes(new TextEncoder().encode(text));
      pieces.push([b.take(), text]);
    }
    const wrong = pieces.filter(([bytes, text]) => decode(bytes) !== text).map(([, t]) => t.slice(0, 20));
    expect(wrong).toEqual([]);
    expect(decode(asciiBytes('<c r="'))).toBe('<c r="');
  });
});

describe("cells inserted as bytes, read back with exceljs", () => {
  test("texts that need escaping, non-ASCII, numbers, shared texts and new rows", async () => {
    const rows: unknown[][] = [["SKU", "Price"]];
    for (let i = 1; i <= 200; i++) rows.push([`SKU-${i}`, i * 1.5]);
    const input = await makeWorkbook(rows);
    const texts = [
      'a & b <c> "d"',
      "_x0041_ stays _x0041_",
      "中文 (C5); 第二条",
      "emoji 😀 end",
      "=SUM(A1) stays text",
      "trailing space ",
      "tab\there",
    ];
    const numbers = [0, -0.07, 5.5, 0.125, 1e21, 123.45, 1234567.89, -12];
    const last = 205; // rows 202-205 are not in the sheet: the writer makes them
    const status: string[] = [];
    const issues: Array<string | null> = [];
    const amounts: Array<number | null> = [];
    for (let r = 2; r <= last; r++) {
      status.push(["ELIGIBLE", "NOT_ELIGIBLE", "合格"][r % 3] as string);
      // A text per row (too many to share): written inline, escaped by the rewriter itself.
      issues.push(r % 4 === 0 ? null : `${texts[r % texts.length] as string} (row ${r})`);
      amounts.push(r % 5 === 0 ? null : (numbers[r % numbers.length] as number));
    }
    const port = await XlsxPort.open(input);
    const sheet = (await port.sheetNames())[0] as string;
    await port.extent(sheet);
    await port.write({
      sheet,
      headerRow: 1,
      firstDataRow: 2,
      lastDataRow: last,
      columns: [
        { index: 2, header: "AE Status", format: "text", values: status },
        { index: 3, header: "AE Issues", format: "text", values: issues },
        { index: 4, header: "AE Fee", format: "money", values: amounts },
      ],
      clear: [],
      report: { name: "AE Report", rows: [] },
      state: { version: 1, sheet, headerRow: 1, columns: [], writtenAt: "2025-06-30T00:00:00.000Z" },
    });
    const output = port.output as Uint8Array;
    const { rows: back } = await readBack(output);
    // exceljs does not undo the _x005F_ escape of ECMA-376's ST_Xstring (Excel does); our reader does.
    const again = await XlsxPort.open(output);
    const ours = await again.readRows(sheet, 1, last);
    expect(back[0]?.slice(2, 5)).toEqual(["AE Status", "AE Issues", "AE Fee"]);
    for (let r = 2; r <= last; r++) {
      const row = back[r - 1] ?? [];
      const k = r - 2;
      expect([r, row[2]]).toEqual([r, status[k]]);
      const issue = issues[k] ?? null;
      expect([r, ours[r - 1]?.[3] ?? null]).toEqual([r, issue]);
      expect([r, row[3] ?? null]).toEqual([r, issue?.replace(/_x0041_/g, "_x005F_x0041_") ?? null]);
      expect([r, row[4] ?? null]).toEqual([r, amounts[k]]);
      if (r <= 201) expect(row.slice(0, 2)).toEqual(rows[r - 1]);
    }
  });
});

describe("a re-run writes its cells in place of its earlier ones", () => {
  test("old cells at the end of each row are replaced, a column no longer written is removed", async () => {
    const rows: unknown[][] = [["SKU", "Price"]];
    for (let i = 1; i <= 120; i++) rows.push([`SKU-${i}`, i]);
    const port = await XlsxPort.open(await makeWorkbook(rows));
    const sheet = (await port.sheetNames())[0] as string;
    const write = async (
      p: XlsxPort,
      columns: Parameters<XlsxPort["write"]>[0]["columns"],
      clear: number[],
    ) => {
      await p.extent(sheet);
      await p.write({
        sheet,
        headerRow: 1,
        firstDataRow: 2,
        lastDataRow: 121,
        columns,
        clear,
        report: { name: "AE Report", rows: [] },
        state: { version: 1, sheet, headerRow: 1, columns: [], writtenAt: "2025-06-30T00:00:00.000Z" },
      });
      return p.output as Uint8Array;
    };
    const n = 120;
    const first = await write(
      port,
      [
        { index: 2, header: "AE A", format: "text", values: Array.from({ length: n }, (_, i) => `old ${i}`) },
        { index: 3, header: "AE B", format: "money", values: Array.from({ length: n }, (_, i) => i / 4) },
        { index: 4, header: "AE C", format: "money", values: Array.from({ length: n }, () => 9) },
      ],
      [],
    );
    const again = await XlsxPort.open(first);
    const second = await write(
      again,
      [
        {
          index: 2,
          header: "AE A",
          format: "text",
          values: Array.from({ length: n }, (_, i) => (i % 2 ? null : `new ${i}`)),
        },
        {
          index: 3,
          header: "AE B",
          format: "money",
          values: Array.from({ length: n }, (_, i) => 0 - i || 0),
        },
      ],
      [4],
    );
    const { rows: back } = await readBack(second);
    expect(back[0]).toEqual(["SKU", "Price", "AE A", "AE B"]);
    for (let r = 2; r <= 121; r++) {
      const i = r - 2;
      const row = back[r - 1] ?? [];
      expect([r, row.length <= 4, row[0], row[1], row[2] ?? null, row[3]]).toEqual([
        r,
        true,
        `SKU-${i + 1}`,
        i + 1,
        i % 2 ? null : `new ${i}`,
        0 - i || 0,
      ]);
    }
  });
});
