/**
 * The zip container of an .xlsx, on fflate's public streaming API both ways: entries are found
 * through the central directory (names with backslashes are read as paths, looked up
 * case-insensitively as OPC requires), inflated in chunks under size and ratio limits (zip
 * bombs), and a copy is written as a stream of entries — unchanged ones copied as their
 * compressed bytes, changed ones deflated as they are produced. The sizes a zip states are not
 * trusted: an entry is read to its real end, and a copy states the real size and checksum.
 * @packageDocumentation
 */
import { Inflate, Zip, ZipDeflate, type ZipInputFile } from "fflate";

/** Why a package cannot be read, with the reason a person can act on. */
export class WorkbookError extends Error {
  constructor(
    readonly code: "encrypted" | "not-xlsx" | "corrupt" | "limit" | "format",
    message: string,
    /** The reason in Chinese, where it says more than the code's general wording (a limit). */
    readonly zh?: string,
  ) {
    super(message);
  }
}

/** One entry of the archive. */
export interface ZipEntry {
  /** The name as stored. */
  readonly rawName: string;
  /** The part name: backslashes read as "/", no leading "/". */
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  /** The uncompressed size the directory states (not trusted). */
  readonly statedSize: number;
  readonly statedCrc: number;
  readonly localOffset: number;
  readonly directory: boolean;
}

/** Limits against zip bombs. */
export const ZIP_LIMITS = {
  /** Largest inflated part. */
  maxPartBytes: 1.5 * 1024 * 1024 * 1024,
  /** An entry inflating beyond this many bytes must not do so at more than `maxRatio` to 1. */
  ratioFloorBytes: 64 * 1024 * 1024,
  /**
   * Real sheets inflate 5-40 times (a full-height catalog about 6, rows of empty styled cells about
   * 30); a part of XML comments or blank text inflates hundreds of times.
   */
  maxRatio: 100,
  /** All the parts a run inflates together (each counted once, however often it is read). */
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
};

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** CRC-32 (as zip uses it) of `data`, continuing from `crc`. */
export function crc32(data: Uint8Array, crc = 0): number {
  let c = ~crc;
  for (let i = 0; i < data.length; i++)
    c = (CRC_TABLE[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

function u16(b: Uint8Array, at: number): number {
  return (b[at] as number) | ((b[at + 1] as number) << 8);
}
function u32(b: Uint8Array, at: number): number {
  return (
    ((b[at] as number) | ((b[at + 1] as number) << 8) | ((b[at + 2] as number) << 16)) +
    (b[at + 3] as number) * 0x1000000
  );
}
function u64(b: Uint8Array, at: number): number {
  return u32(b, at) + u32(b, at + 4) * 0x100000000;
}

const corrupt = (why: string, zh?: string) =>
  new WorkbookError("corrupt", `the workbook is damaged and cannot be opened (${why})`, zh);

/**
 * Where an archive's bytes come from: memory (the page, tests) or a file read by offset (the CLI:
 * a large input is never held whole).
 */
export interface ByteSource {
  /** The length in bytes. */
  readonly size: number;
  /**
   * The bytes [offset, offset + length), cut at the end: a view of memory or a fresh array, which
   * the caller may keep (the source never changes it).
   */
  read(offset: number, length: number): Uint8Array;
}

/** A {@link ByteSource} over bytes in memory (reads are views, no copy). */
export function memorySource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)),
  };
}

/** The compressed bytes of an entry, as offsets into its archive's source. */
export interface RawRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Inflates one entry a step at a time (a quarter megabyte of compressed input per step, read from
 * the archive's source as it goes), so a reader can stop, or pause between the rows it was asked for.
 */
export class InflateCursor {
  private at: number;
  private readonly end: number;
  private readonly length: number;
  private total = 0;
  private stopped = false;
  private readonly inflater: Inflate | undefined;

  constructor(
    private readonly zip: ZipArchive,
    private readonly entry: ZipEntry,
    private readonly onChunk: (chunk: Uint8Array) => boolean | void,
  ) {
    const range = zip.rawRange(entry);
    this.at = range.start;
    this.end = range.end;
    this.length = range.end - range.start;
    this.inflater =
      entry.method === 0
        ? undefined
        : new Inflate((chunk) => {
            if (!this.stopped && chunk.length > 0) this.deliver(chunk);
          });
  }

  private deliver(chunk: Uint8Array): void {
    this.total += chunk.length;
    if (this.total > ZIP_LIMITS.maxPartBytes)
      throw new WorkbookError(
        "limit",
        `${this.entry.name} inflates to more than ${ZIP_LIMITS.maxPartBytes / 1073741824} GB; refused`,
        `${this.entry.name} 解压后超过 ${ZIP_LIMITS.maxPartBytes / 1073741824} GB，已拒绝处理`,
      );
    if (this.total > ZIP_LIMITS.ratioFloorBytes && this.total > this.length * ZIP_LIMITS.maxRatio)
      throw new WorkbookError(
        "limit",
        `${this.entry.name} inflates more than ${ZIP_LIMITS.maxRatio} times its compressed size (a zip bomb?); refused`,
        `${this.entry.name} 解压后超过压缩大小的 ${ZIP_LIMITS.maxRatio} 倍（疑似压缩炸弹），已拒绝处理`,
      );
    this.zip.countInflated(this.entry.name, this.total);
    if (this.onChunk(chunk) === false) this.stopped = true;
  }

  /** Inflates the next step; false once the entry is done (or the reader stopped). */
  step(): boolean {
    if (this.stopped || this.at >= this.end) return false;
    const end = Math.min(this.end, this.at + INFLATE_STEP);
    const piece = this.zip.readRaw(this.at, end - this.at);
    this.at = end;
    try {
      if (this.inflater) this.inflater.push(piece, end === this.end);
      else this.deliver(piece);
    } catch (e) {
      // fflate's own errors carry a numeric code; anything else (the reader's) passes through.
      if (e instanceof Error && typeof (e as { code?: unknown }).code === "number")
        throw corrupt(`${this.entry.name}: ${e.message}`);
      throw e;
    }
    return !this.stopped && this.at < this.end;
  }
}

/** Compressed bytes read per inflate step (and per piece of a copied entry). */
const INFLATE_STEP = 1 << 18;

/** A zip archive, read from bytes in memory or from a {@link ByteSource} (a file by offset). */
export class ZipArchive {
  /** The most bytes each entry inflated to so far, and their sum ({@link ZIP_LIMITS}.maxTotalBytes). */
  private readonly inflated = new Map<string, number>();
  private inflatedSum = 0;

  /** Counts an entry's inflated bytes toward the package's total; past the limit, a WorkbookError. */
  countInflated(name: string, total: number): void {
    const before = this.inflated.get(name) ?? 0;
    if (total <= before) return;
    this.inflated.set(name, total);
    this.inflatedSum += total - before;
    if (this.inflatedSum > ZIP_LIMITS.maxTotalBytes)
      throw new WorkbookError(
        "limit",
        `the workbook's parts inflate to more than ${ZIP_LIMITS.maxTotalBytes / 1073741824} GB together; refused`,
        `工作簿各部分解压后合计超过 ${ZIP_LIMITS.maxTotalBytes / 1073741824} GB，已拒绝处理`,
      );
  }

  readonly entries: readonly ZipEntry[];
  private readonly byName = new Map<string, ZipEntry>();
  readonly source: ByteSource;

  constructor(from: Uint8Array | ByteSource) {
    this.source = from instanceof Uint8Array ? memorySource(from) : from;
    this.entries = readDirectory(this.source);
    for (const e of this.entries) {
      const key = e.name.toLowerCase();
      if (!this.byName.has(key)) this.byName.set(key, e);
    }
  }

  /** The entry of a part name, compared case-insensitively. */
  find(name: string): ZipEntry | undefined {
    return this.byName.get(name.replace(/^\/+/, "").toLowerCase());
  }

  /** Where the entry's compressed bytes are (after its local header). */
  rawRange(entry: ZipEntry): RawRange {
    const size = this.source.size;
    const at = entry.localOffset;
    const header = at + 30 <= size ? this.source.read(at, 30) : undefined;
    if (!header || header.length < 30 || u32(header, 0) !== 0x04034b50)
      throw corrupt(`no local header for ${entry.name}`);
    const start = at + 30 + u16(header, 26) + u16(header, 28);
    const end = start + entry.compressedSize;
    if (end > size) throw corrupt(`${entry.name} runs past the end of the file`);
    return { start, end };
  }

  /** `length` compressed bytes from `offset` (a range of {@link ZipArchive.rawRange}). */
  readRaw(offset: number, length: number): Uint8Array {
    const bytes = this.source.read(offset, length);
    if (bytes.length !== length) throw corrupt("the file ended early; it may have changed while read");
    return bytes;
  }

  /** The entry's compressed bytes, whole (for small entries; large ones are read a step at a time). */
  raw(entry: ZipEntry): Uint8Array {
    const { start, end } = this.rawRange(entry);
    return this.readRaw(start, end - start);
  }

  /**
   * Inflates an entry chunk by chunk. `onChunk` returning false stops early. Throws a
   * WorkbookError past the size and ratio limits.
   */
  inflate(entry: ZipEntry, onChunk: (chunk: Uint8Array) => boolean | void): void {
    const cursor = new InflateCursor(this, entry, onChunk);
    while (cursor.step());
  }

  /** An entry's whole inflated bytes (for the small parts). */
  read(entry: ZipEntry): Uint8Array {
    const chunks: Uint8Array[] = [];
    let length = 0;
    this.inflate(entry, (c) => {
      chunks.push(c.slice());
      length += c.length;
    });
    return concat(chunks, length);
  }
}

export function concat(
  chunks: readonly Uint8Array[],
  length = chunks.reduce((n, c) => n + c.length, 0),
): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function readDirectory(src: ByteSource): ZipEntry[] {
  // End of central directory: within the last 64 KB + 22 bytes.
  const tailStart = Math.max(0, src.size - 65557);
  const tail = src.read(tailStart, src.size - tailStart);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail[i] === 0x50 && tail[i + 1] === 0x4b && tail[i + 2] === 0x05 && tail[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0)
    throw corrupt(
      "no zip directory; the file may be truncated",
      "工作簿已损坏，无法打开（找不到压缩目录，文件可能不完整）：请重新下载或导出该文件",
    );
  let count = u16(tail, eocd + 10);
  let cdOffset = u32(tail, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) {
    const loc = tailStart + eocd - 20;
    const locator = loc >= 0 ? src.read(loc, 20) : undefined;
    if (locator && u32(locator, 0) === 0x07064b50) {
      const z64 = u64(locator, 8);
      const record = z64 + 56 <= src.size ? src.read(z64, 56) : undefined;
      if (record && u32(record, 0) === 0x06064b50) {
        count = u64(record, 32);
        cdOffset = u64(record, 48);
      }
    }
  }
  // The directory is read through a window of the source (one read for a usual directory).
  let base = 0;
  let window: Uint8Array = new Uint8Array(0);
  const view = (at: number, length: number): Uint8Array => {
    if (at < base || at + length > base + window.length) {
      base = at;
      window = src.read(at, Math.max(length, 1 << 16));
    }
    return window.subarray(at - base, at - base + length);
  };
  const entries: ZipEntry[] = [];
  let at = cdOffset;
  const latin = new TextDecoder("latin1");
  const utf8 = new TextDecoder("utf-8");
  for (let k = 0; k < count; k++) {
    let b = at + 46 <= src.size ? view(at, 46) : undefined;
    if (!b || u32(b, 0) !== 0x02014b50) throw corrupt("the zip directory is damaged");
    const nameLength = u16(b, 28);
    const extraLength = u16(b, 30);
    const commentLength = u16(b, 32);
    // The whole record (cut at the end of a truncated file, where its fields read as 0).
    b = view(at, 46 + nameLength + extraLength + commentLength);
    const flags = u16(b, 8);
    const method = u16(b, 10);
    const crc = u32(b, 16);
    let compressedSize = u32(b, 20);
    let statedSize = u32(b, 24);
    let localOffset = u32(b, 42);
    const nameBytes = b.subarray(46, 46 + nameLength);
    const rawName = (flags & 0x800 ? utf8 : latin).decode(nameBytes);
    // Zip64 sizes and offset in the extra field.
    let x = 46 + nameLength;
    const xEnd = x + extraLength;
    while (x + 4 <= xEnd) {
      const id = u16(b, x);
      const size = u16(b, x + 2);
      if (id === 1) {
        let p = x + 4;
        if (statedSize === 0xffffffff) {
          statedSize = u64(b, p);
          p += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(b, p);
          p += 8;
        }
        if (localOffset === 0xffffffff) localOffset = u64(b, p);
      }
      x += 4 + size;
    }
    if (flags & 1)
      throw new WorkbookError(
        "encrypted",
        "the file's zip entries are encrypted: save the workbook without a password as .xlsx first",
      );
    const name = rawName.replace(/\\/g, "/").replace(/^\/+/, "");
    const directory = name.endsWith("/");
    if (!directory && method !== 0 && method !== 8)
      throw new WorkbookError(
        "corrupt",
        `${name} is compressed with zip method ${method}, which Excel does not use`,
      );
    entries.push({
      rawName,
      name,
      method,
      compressedSize,
      statedSize,
      statedCrc: crc,
      localOffset,
      directory,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Fixed time for new entries, so a re-run gives the same bytes. */
const MTIME = new Date(2025, 0, 1);

/**
 * Writes a zip as a stream of entries, collecting the bytes — or, given a sink, handing each
 * piece to it as it is made (a host writing a file then never holds the copy).
 */
export class ZipWriter {
  private readonly chunks: Uint8Array[] = [];
  private length = 0;
  private error: Error | undefined;
  private readonly zip: Zip;
  private done = false;

  constructor(readonly sink?: (bytes: Uint8Array) => void) {
    this.zip = new Zip((err, data, final) => {
      if (err) this.error = err;
      else if (sink) {
        try {
          if (this.error === undefined && data.length > 0) sink(data);
        } catch (e) {
          this.error = e instanceof Error ? e : new Error(String(e));
        }
      } else {
        this.chunks.push(data);
        this.length += data.length;
      }
      if (final) this.done = true;
    });
  }

  /**
   * Starts an entry whose compressed bytes (method 0 or 8) are pushed as they are made; its real
   * size and CRC are given at the end (fflate states them in the data descriptor and the central
   * directory, so the bytes are those of {@link ZipWriter.addRaw}).
   */
  rawStream(
    name: string,
    method: number,
  ): { push(piece: Uint8Array): void; end(size: number, crc: number): void } {
    const file: ZipInputFile = { filename: name, size: 0, crc: 0, compression: method, mtime: MTIME };
    this.zip.add(file);
    return {
      push(piece: Uint8Array) {
        if (piece.length > 0) file.ondata?.(null, piece as Uint8Array<ArrayBuffer>, false);
      },
      end(size: number, crc: number) {
        file.size = size;
        file.crc = crc;
        file.ondata?.(null, new Uint8Array(0), true);
      },
    };
  }

  /**
   * Adds an entry from its compressed bytes (method 0 or 8; whole or in pieces), with its real
   * size and CRC.
   */
  addRaw(
    name: string,
    raw: Uint8Array | readonly Uint8Array[],
    method: number,
    size: number,
    crc: number,
  ): void {
    // fflate's public ZipInputFile interface: a stream whose bytes are already compressed.
    const file: ZipInputFile = { filename: name, size, crc, compression: method, mtime: MTIME };
    this.zip.add(file);
    const pieces = raw instanceof Uint8Array ? [raw] : raw;
    if (pieces.length === 0) file.ondata?.(null, new Uint8Array(0), true);
    pieces.forEach((piece, i) =>
      file.ondata?.(null, piece as Uint8Array<ArrayBuffer>, i === pieces.length - 1),
    );
  }

  /** Copies an entry of `from`: its compressed bytes, with the size and CRC it really has. */
  copy(from: ZipArchive, entry: ZipEntry): void {
    if (entry.directory) {
      this.addRaw(entry.rawName, new Uint8Array(0), 0, 0, 0);
      return;
    }
    let size = 0;
    let crc = 0;
    from.inflate(entry, (c) => {
      size += c.length;
      crc = crc32(c, crc);
    });
    // The compressed bytes, a step at a time (an entry of a file is never read whole).
    const { start, end } = from.rawRange(entry);
    const file: ZipInputFile = {
      filename: entry.rawName,
      size,
      crc,
      compression: entry.method,
      mtime: MTIME,
    };
    this.zip.add(file);
    if (start === end) file.ondata?.(null, new Uint8Array(0), true);
    for (let at = start; at < end;) {
      const next = Math.min(end, at + INFLATE_STEP * 4);
      file.ondata?.(null, from.readRaw(at, next - at) as Uint8Array<ArrayBuffer>, next === end);
      at = next;
    }
  }

  /** Starts a deflated entry whose bytes are pushed as they are produced. */
  stream(name: string): { push(bytes: Uint8Array): void; end(): void } {
    const file = new ZipDeflate(name, { level: 1 });
    file.mtime = MTIME;
    this.zip.add(file);
    let pending: Uint8Array[] = [];
    let pendingLength = 0;
    const flush = (final: boolean) => {
      file.push(concat(pending, pendingLength), final);
      pending = [];
      pendingLength = 0;
    };
    return {
      push(bytes: Uint8Array) {
        if (bytes.length === 0) return;
        pending.push(bytes);
        pendingLength += bytes.length;
        if (pendingLength >= 1 << 20) flush(false);
      },
      end() {
        flush(true);
      },
    };
  }

  /** Adds a whole entry, deflated. */
  add(name: string, bytes: Uint8Array): void {
    const s = this.stream(name);
    s.push(bytes);
    s.end();
  }

  /** Ends the archive and returns its bytes. */
  finish(): Uint8Array {
    return concat(this.finishParts(), this.length);
  }

  /** Ends the archive and returns its bytes in the pieces they were made in (never joined). */
  finishParts(): Uint8Array[] {
    this.zip.end();
    if (this.error) throw this.error;
    if (!this.done) throw new Error("the zip stream did not finish");
    return this.chunks;
  }
}
