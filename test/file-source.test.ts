/**
 * The CLI reads its input through a file handle by offset (src/cli/file-source.ts) instead of
 * holding the file whole: the package read that way must be the one read from the bytes (every
 * corpus file: the same entries, compressed bytes, inflated parts, or the same refusal), a run
 * over it must write the same copy while never reading more than a step of an entry at once, and
 * the CLI's currency question before a run must not read the whole sheet again, and a re-run
 * must not decode the add-in's own columns of a copy (most of a checked copy's XML).
 */
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { unzipSync, zipSync } from "fflate";
import { FileSource } from "../src/cli/file-source";
import { inspectSheet } from "../src/pipeline/inspect";
import type { WorkbookPort } from "../src/pipeline/port";
import { runCheck } from "../src/pipeline/run";
import { XlsxPort } from "../src/xlsx/port";
import { XlsxPackage } from "../src/xlsx/read";
import { memorySource, WorkbookError, ZipArchive, type ByteSource } from "../src/xlsx/zip";
import { engine, makeWorkbook } from "./xlsx-helpers";

const CORPUS = resolve(__dirname, "../../shared/corpus");
const NOW = new Date("2025-06-30T00:00:00Z");

/** Every workbook-like file of the corpus (formats/ included). */
function corpusFiles(): string[] {
  if (!existsSync(CORPUS)) return [];
  const out: string[] = [];
  for (const dir of [CORPUS, join(CORPUS, "formats")])
    for (const name of readdirSync(dir).sort())
      if (/\.(xlsx|xlsm|xls|xlsb|ods)$/i.test(name)) out.push(join(dir, name));
  return out;
}

/** What opening gives: the package, or the refusal's code and message. */
function opened(from: Uint8Array | ByteSource): XlsxPackage | string {
  try {
    return XlsxPackage.open(from);
  } catch (e) {
    if (e instanceof WorkbookError) return `${e.code}: ${e.message}`;
    throw e;
  }
}

/** An entry's bytes, or the reason it cannot be read. */
function attempt(read: () => Uint8Array): Uint8Array | string {
  try {
    return read();
  } catch (e) {
    if (e instanceof WorkbookError) return `${e.code}: ${e.message}`;
    throw e;
  }
}

/** A source over bytes that records the largest single read. */
function counting(bytes: Uint8Array): ByteSource & { largest: number; total: number } {
  const inner = memorySource(bytes);
  const source = {
    size: inner.size,
    largest: 0,
    total: 0,
    read(offset: number, length: number) {
      const b = inner.read(offset, length);
      source.largest = Math.max(source.largest, b.length);
      source.total += b.length;
      return b;
    },
  };
  return source;
}

describe("the input read through a file handle", () => {
  const files = corpusFiles();
  if (files.length === 0) console.log(`file-source corpus test skipped: no corpus at ${CORPUS}`);
  test.each(files.map((f) => [f.slice(CORPUS.length + 1), f]))(
    "%s: the same package as from its bytes",
    (_name, path) => {
      const bytes = new Uint8Array(readFileSync(path as string));
      const file = new FileSource(path as string);
      try {
        expect(file.size).toBe(bytes.length);
        const a = opened(bytes);
        const b = opened(file);
        if (typeof a === "string" || typeof b === "string") {
          expect(b).toEqual(a);
          return;
        }
        expect(b.zip.entries).toEqual(a.zip.entries);
        expect(b.sheets).toEqual(a.sheets);
        // Bytes compared as buffers (jest's deep equality is slow on megabytes).
        const same = (x: Uint8Array | string, y: Uint8Array | string) =>
          typeof x === "string" || typeof y === "string" ? x === y : Buffer.from(x).equals(y);
        for (const entry of a.zip.entries) {
          expect([
            entry.name,
            same(
              attempt(() => b.zip.raw(entry)),
              attempt(() => a.zip.raw(entry)),
            ),
          ]).toEqual([entry.name, true]);
          expect([
            entry.name,
            same(
              attempt(() => b.zip.read(entry)),
              attempt(() => a.zip.read(entry)),
            ),
          ]).toEqual([entry.name, true]);
        }
        const strings = (pkg: XlsxPackage) => {
          try {
            return pkg.sharedStrings();
          } catch (e) {
            if (e instanceof WorkbookError) return `${e.code}: ${e.message}`;
            throw e;
          }
        };
        expect(JSON.stringify(strings(b)) === JSON.stringify(strings(a))).toBe(true);
      } finally {
        file.close();
      }
    },
  );

  test("a file cut short after it was opened is refused with a reason, not misread", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ae-file-source-"));
    try {
      const path = join(dir, "catalog.xlsx");
      writeFileSync(
        path,
        await makeWorkbook([["SKU", "售价"], ...Array.from({ length: 50 }, (_, i) => [`S${i}`, i])]),
      );
      const file = new FileSource(path);
      const zip = new ZipArchive(file);
      const sheet = zip.entries.find((e) => /worksheets\/sheet1\.xml$/.test(e.name))!;
      // Cut inside the sheet's compressed bytes.
      truncateSync(path, sheet.localOffset + 40);
      expect(() => zip.read(sheet)).toThrow(WorkbookError);
      expect(() => zip.read(sheet)).toThrow(/ended early|past the end|damaged/);
      file.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a large entry is read a step at a time", () => {
  test("a check over a source writes the copy it writes from the bytes, reading at most 1 MiB at once", async () => {
    // Stored (not deflated) entries: the sheet's compressed bytes are its ~1.5 MB of XML, so a
    // read of a whole entry would show.
    const input = [
      ["SKU", "类目", "售价", "重量", "备注"],
      ...Array.from({ length: 9_000 }, (_, i) => [`S${i}`, "家居", 10 + (i % 90), 1, `注${i} `.repeat(6)]),
    ];
    const parts = unzipSync(await makeWorkbook(input));
    const stored = zipSync(parts, { level: 0 });
    const sheetSize = (parts["xl/worksheets/sheet1.xml"] as Uint8Array).length;
    expect(sheetSize).toBeGreaterThan(1.2 * 1024 * 1024);
    const options = { mode: "semi" as const, lang: "en" as const, now: NOW };
    const held = await XlsxPort.open(stored);
    await runCheck(held, engine, options);
    const source = counting(stored);
    const streamed = await XlsxPort.open(source);
    await runCheck(streamed, engine, options);
    expect(streamed.output).toEqual(held.output);
    expect(source.largest).toBeLessThanOrEqual(1024 * 1024);
    // Read more than once (the extent, the rows, the rewrite), each time in steps.
    expect(source.total).toBeGreaterThan(2 * sheetSize);
  }, 60_000);
});

describe("the CLI's currency question before a run", () => {
  /** A port that counts the rows handed out. */
  function countingPort(port: XlsxPort): { port: WorkbookPort; rows: () => number } {
    let rows = 0;
    const wrapped = Object.create(port) as WorkbookPort;
    wrapped.readRows = async (sheet, first, count) => {
      const out = await port.readRows(sheet, first, count);
      rows += out.length;
      return out;
    };
    return { port: wrapped, rows: () => rows };
  }
  test("currencyOnly reads the cell sample, not the whole sheet, and finds what a full read finds", async () => {
    const input = [
      ["SKU", "商品名称", "类目", "售价", "重量", "长", "宽", "高"],
      ...Array.from({ length: 14_000 }, (_, i) => [
        `S${i}`,
        "x",
        "家居",
        i % 3 ? 12 : "$12.50",
        0.2,
        1,
        1,
        1,
      ]),
    ];
    const bytes = await makeWorkbook(input);
    const full = countingPort(await XlsxPort.open(bytes));
    const all = await inspectSheet(full.port, { mode: "semi" });
    const quick = countingPort(await XlsxPort.open(bytes));
    const sample = await inspectSheet(quick.port, { mode: "semi", currencyOnly: true });
    if (!all.ok || !sample.ok) throw new Error("inspection failed");
    expect(all.dataRows).toBe(14_000);
    expect(sample.currency).toEqual(all.currency);
    expect(sample.currency.foreign).toEqual(["USD"]);
    expect(full.rows()).toBeGreaterThanOrEqual(14_000);
    expect(quick.rows()).toBeLessThan(8_000);
  }, 60_000);
});

describe("a re-run's read of the add-in's own columns", () => {
  test("skipped columns are left out of the rows, every other cell read as without skipping", async () => {
    const { SheetCursor } = await import("../src/xlsx/sheet");
    const input = [
      ["SKU", "类目", "售价", "重量", "长(cm)", "宽(cm)", "高(cm)"],
      ...Array.from({ length: 300 }, (_, i) => [
        `S${i}`,
        "家居",
        10 + (i % 90),
        i % 7 === 0 ? 6 : 1,
        20,
        10,
        5,
      ]),
    ];
    const held = await XlsxPort.open(await makeWorkbook(input));
    await runCheck(held, engine, { mode: "compare", lang: "zh", now: NOW });
    const copy = XlsxPackage.open(held.output!);
    const entry = copy.sheets[0]!;
    const rows = (skip?: ReadonlySet<number>) => {
      const cursor = new SheetCursor(copy, entry);
      if (skip) cursor.reader.skipColumns = skip;
      const out: unknown[][] = [];
      cursor.drain((row) => void (out[row.r - 1] = row.cells));
      return out;
    };
    const all = rows();
    // The copy's output columns: shared-string status words, numbers and inline issue texts.
    const owned = new Set(all[0]!.flatMap((h, c) => (String(h).startsWith("AE ") ? [c] : [])));
    expect(owned.size).toBeGreaterThan(4);
    expect(
      all.some((r) => [...owned].some((c) => typeof r[c] === "string" && (r[c] as string).length > 20)),
    ).toBe(true);
    const skipped = rows(owned);
    expect(skipped.length).toBe(all.length);
    for (let r = 0; r < all.length; r++) {
      const expected = (all[r] ?? []).map((v, c) => (owned.has(c) ? undefined : v));
      while (expected.length > 0 && expected[expected.length - 1] === undefined) expected.pop();
      const got = [...(skipped[r] ?? [])];
      expect(got).toEqual(expected);
    }
  }, 60_000);
});
