/**
 * The CLI's file handling: an input or output it cannot use is exit 2 with one line, at once —
 * a missing file, a folder, a FIFO or /dev/zero (never opened), a damaged zip, an output folder
 * that does not exist or cannot be written.
 */
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../src/cli/check";

const SAMPLE = join(__dirname, "../assets/samples/catalog-semi.xlsx");

async function cli(...args: string[]): Promise<{ code: number; err: string[] }> {
  const err: string[] = [];
  const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
  const error = jest
    .spyOn(console, "error")
    .mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  try {
    return { code: await main(args), err };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/** Exit 2 with one line matching `why`. */
async function refused(why: RegExp, ...args: string[]): Promise<void> {
  const started = performance.now();
  const r = await cli(...args);
  expect(r.code).toBe(2);
  expect(r.err).toHaveLength(1);
  expect(r.err[0]).not.toContain("\n");
  expect(r.err[0]).toMatch(why);
  expect(performance.now() - started).toBeLessThan(10_000);
}

describe("inputs and outputs the CLI cannot use", () => {
  const dir = mkdtempSync(join(tmpdir(), "ae-cli-files-"));
  const input = join(dir, "catalog.xlsx");
  copyFileSync(SAMPLE, input);

  test("a missing input, a folder, a FIFO and /dev/zero", async () => {
    await refused(/input workbook not found/, join(dir, "nope.xlsx"));
    await refused(/is a folder/, dir, "--out", join(dir, "o.xlsx"));
    const fifo = join(dir, "pipe.xlsx");
    execFileSync("mkfifo", [fifo]);
    await refused(/not a regular file/, fifo, "--out", join(dir, "o.xlsx"));
    if (existsSync("/dev/zero"))
      await refused(/not a regular file/, "/dev/zero", "--out", join(dir, "o.xlsx"));
  });

  test("a truncated or damaged zip", async () => {
    const bad = join(dir, "bad.xlsx");
    writeFileSync(bad, Buffer.from("PK\u0003\u0004 not really a zip"));
    await refused(/damaged|not an .xlsx/, bad, "--out", join(dir, "o.xlsx"));
  });

  test("an output folder that does not exist, an output that is a folder, one that cannot be written", async () => {
    await refused(/output folder .* does not exist/, input, "--out", join(dir, "no", "such", "o.xlsx"));
    const folder = join(dir, "out-folder");
    mkdirSync(folder);
    await refused(/is a folder/, input, "--out", folder);
    // A read-only folder (root may still write into it: then the run succeeds, which is fine too).
    const locked = join(dir, "locked");
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    const r = await cli(input, "--out", join(locked, "o.xlsx"), "--quiet");
    if (r.code !== 0) {
      expect(r.code).toBe(2);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toMatch(/cannot write/);
    }
    chmodSync(locked, 0o700);
  });

  test("a copy that cannot be written part way is exit 2 with one line, and no file is left at the output", async () => {
    // The copy goes to <out>.tmp-<pid> as it is made: a folder of that name makes the write fail.
    const out = join(dir, "blocked.xlsx");
    mkdirSync(`${out}.tmp-${process.pid}`);
    const r = await cli(input, "--out", out, "--quiet");
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/cannot write .*blocked\.xlsx: a folder has that name \(EISDIR\)/);
    expect(existsSync(out)).toBe(false);
  });
});

describe("a macro-enabled workbook (.xlsm)", () => {
  // The sample made macro-enabled: Excel's macro-enabled content type and a vbaProject part.
  function macroBook(path: string): void {
    const parts = unzipSync(new Uint8Array(readFileSync(SAMPLE)));
    const types = strFromU8(parts["[Content_Types].xml"] as Uint8Array).replace(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
      "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    );
    expect(types).toContain("macroEnabled");
    parts["[Content_Types].xml"] = strToU8(types);
    parts["xl/vbaProject.bin"] = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4]);
    writeFileSync(path, zipSync(parts));
  }

  test("its copy is named .xlsm and keeps the macros; an .xlsx name for it, or .xlsm for a plain one, is refused", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ae-xlsm-"));
    const input = join(dir, "宏清单.xlsm");
    macroBook(input);
    expect((await cli(input, "--quiet")).code).toBe(0);
    const copy = unzipSync(new Uint8Array(readFileSync(join(dir, "宏清单.checked.xlsm"))));
    expect(strFromU8(copy["[Content_Types].xml"] as Uint8Array)).toContain("macroEnabled.main+xml");
    expect(copy["xl/vbaProject.bin"]).toEqual(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4]));
    await refused(/macro-enabled workbook: .*only as \.xlsm/, input, "--out", join(dir, "out.xlsx"));
    expect(existsSync(join(dir, "out.xlsx"))).toBe(false);
    await refused(/holds no macros: .*only as \.xlsx/, SAMPLE, "--out", join(dir, "plain.xlsm"));
    // A macro-enabled workbook named .xlsx (a real one in the corpus is): its default copy is .xlsm.
    const misnamed = join(dir, "misnamed.xlsx");
    macroBook(misnamed);
    expect((await cli(misnamed, "--quiet")).code).toBe(0);
    expect(existsSync(join(dir, "misnamed.checked.xlsm"))).toBe(true);
    expect(existsSync(join(dir, "misnamed.checked.xlsx"))).toBe(false);
    const zh = await cli(input, "--out", join(dir, "out.xlsx"), "--lang", "zh");
    expect(zh.code).toBe(2);
    expect(zh.err[0]).toMatch(/启用宏的工作簿.*\.xlsm/);
  });
});

describe("files that are not .xlsx say what they are", () => {
  const dir = mkdtempSync(join(tmpdir(), "ae-kinds-"));
  // A compound (OLE) file's header, then a directory entry's name in UTF-16LE.
  const compound = (stream: string) => {
    const name = Buffer.from(`${stream}\u0000`, "utf16le");
    return Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(504),
      name,
    ]);
  };

  test("an .xls, an encrypted workbook, an HTML page named .xlsx and an empty file", async () => {
    writeFileSync(join(dir, "old.xls"), compound("Workbook"));
    await refused(/old Excel 97-2003 workbook \(\.xls\)/, join(dir, "old.xls"));
    writeFileSync(join(dir, "locked.xlsx"), compound("EncryptionInfo"));
    await refused(
      /password-protected \(encrypted\): open it in Excel or WPS, remove the password/,
      join(dir, "locked.xlsx"),
    );
    writeFileSync(
      join(dir, "导出.xlsx"),
      '\ufeff<html xmlns:x="urn:schemas-microsoft-com:office:excel"><body><table><tr><td>SKU</td></tr></table></body></html>',
    );
    await refused(/a web page \(HTML\)/, join(dir, "导出.xlsx"));
    const zh = await cli(join(dir, "导出.xlsx"), "--lang", "zh");
    expect(zh.err[0]).toMatch(/文件是网页（HTML）/);
    expect(zh.err[0]).not.toMatch(/web page/);
    // A CSV saved with a workbook's name (UTF-8, GBK bytes, UTF-16 with its BOM): text, say so.
    writeFileSync(join(dir, "导出csv.xlsx"), "SKU,类目,售价\nA-1,家居,10\n");
    await refused(/text \(CSV or TSV\) named like a workbook: rename it to \.csv/, join(dir, "导出csv.xlsx"));
    writeFileSync(join(dir, "gbk.xlsx"), Buffer.from([0xc9, 0xcc, 0xc6, 0xb7, 0x2c, 0x41, 0x0d, 0x0a]));
    await refused(/text \(CSV or TSV\)/, join(dir, "gbk.xlsx"));
    writeFileSync(
      join(dir, "u16.xlsx"),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("SKU\t一级类目\n", "utf16le")]),
    );
    const u16 = await cli(join(dir, "u16.xlsx"), "--lang", "zh");
    expect(u16.err[0]).toMatch(/文件是文本（CSV 或 TSV）/);
    writeFileSync(join(dir, "empty.xlsx"), "");
    await refused(/the file is empty \(0 bytes\)/, join(dir, "empty.xlsx"));
    writeFileSync(
      join(dir, "2003.xls"),
      '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>',
    );
    await refused(/an Excel 2003 XML spreadsheet/, join(dir, "2003.xls"));
    // In Chinese, wholly: a file that is not a workbook, and a workbook cut short.
    writeFileSync(
      join(dir, "noise.xlsx"),
      Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256)),
    );
    writeFileSync(join(dir, "cut.xlsx"), readFileSync(SAMPLE).subarray(0, 6000));
    for (const f of ["noise.xlsx", "cut.xlsx"]) {
      const r = await cli(join(dir, f), "--lang", "zh");
      expect(r.code).toBe(2);
      expect(r.err[0]?.replace(/Excel|WPS|\.xlsx|\.csv|CSV|ae-check|[\w./-]*\.xlsx/g, "")).not.toMatch(
        /[a-z]{3,}/,
      );
    }
  });
});
