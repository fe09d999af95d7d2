/**
 * Reads .xlsx packages without loading them into an object model: the zip (./zip), the parts
 * found through the package relationships (OPC: `_rels/.rels` → the workbook → its sheets,
 * shared strings and styles; part names compared case-insensitively; relative, `../` and
 * absolute targets), and SpreadsheetML parsed with the tokenizer in ./sax, in any namespace
 * prefix and encoding. Sheets are read as a stream (./sheet).
 * @packageDocumentation
 */
import { detectEncoding, InputTranscoder, streamDecoder, type PartEncoding } from "./encoding";
import {
  attrValue,
  localName,
  NamespaceScope,
  prefixOf,
  prefixedAttr,
  XmlError,
  XmlTokenizer,
  type XmlAttr,
  type XmlHandler,
} from "./sax";
import { SheetCursor } from "./sheet";
import {
  InflateCursor,
  memorySource,
  WorkbookError,
  ZipArchive,
  type ByteSource,
  type ZipEntry,
} from "./zip";

export { WorkbookError };
/** The error a file that cannot be opened throws (the name earlier callers know). */
export { WorkbookError as WorkbookOpenError };

/** A sheet of the workbook. */
export interface SheetEntry {
  readonly name: string;
  /** Part name inside the package, e.g. "xl/worksheets/sheet1.xml". */
  readonly path: string;
  readonly relId: string;
  readonly sheetId: number;
  readonly state: "visible" | "hidden" | "veryHidden";
  /** The relationship's type ends in /worksheet (not a chartsheet or dialog sheet). */
  readonly worksheet: boolean;
}

/** One relationship of a part. */
export interface Relationship {
  readonly id: string;
  readonly type: string;
  /** The target part name (resolved), or the raw target for external ones. */
  readonly target: string;
  readonly external: boolean;
}

/** Where a token of a part is, for the writer's edits. */
export interface Spot {
  readonly start: number;
  readonly end: number;
}

/** Resolves a relationship target against the part it belongs to (OPC part names). */
export function resolveTarget(source: string, target: string): string {
  const clean = target.replace(/\\/g, "/").split("#")[0] as string;
  const parts = clean.startsWith("/") ? [] : source.split("/").slice(0, -1);
  for (const seg of clean.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(decodeURIComponentSafe(seg));
  }
  return parts.join("/");
}

function decodeURIComponentSafe(s: string): string {
  try {
    return s.includes("%") ? decodeURIComponent(s) : s;
  } catch {
    return s;
  }
}

/** The relationships part of a part: `a/b.xml` → `a/_rels/b.xml.rels`. */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** Wraps a tokenizer failure as the reason a person reads. */
function malformed(part: string, e: unknown): never {
  if (e instanceof XmlError)
    throw new WorkbookError("corrupt", `${part} is not well-formed XML: ${e.message}`);
  throw e;
}

/**
 * A part streamed through the tokenizer a step at a time: inflate a step, transcode, tokenize.
 * The handler sees every token; `step()` returns false once the part is done.
 */
export class PartStream {
  private enc: PartEncoding | undefined;
  private transcoder: InputTranscoder | undefined;
  tokenizer: XmlTokenizer | undefined;
  private head: Uint8Array | undefined;
  private readonly cursor: InflateCursor;
  private finished = false;

  constructor(
    zip: ZipArchive,
    readonly entry: ZipEntry,
    private readonly handler: XmlHandler,
    /** Called once the encoding is known (before any token). */
    private readonly onEncoding?: (enc: PartEncoding, tokenizer: XmlTokenizer) => void,
  ) {
    this.cursor = new InflateCursor(zip, entry, (chunk) => this.feed(chunk));
  }

  /** The part's encoding (known after the first step). */
  get encoding(): PartEncoding | undefined {
    return this.enc;
  }

  private feed(chunk: Uint8Array): void {
    if (!this.tokenizer) {
      // The encoding is read from the first bytes; make sure there are enough of them.
      if (this.head) {
        const joined = new Uint8Array(this.head.length + chunk.length);
        joined.set(this.head);
        joined.set(chunk, this.head.length);
        chunk = joined;
        this.head = undefined;
      }
      if (chunk.length < 4) {
        this.head = chunk.slice();
        return;
      }
      this.start(chunk);
    }
    (this.tokenizer as XmlTokenizer).push((this.transcoder as InputTranscoder).push(chunk));
  }

  private start(first: Uint8Array): void {
    this.enc = detectEncoding(first);
    this.transcoder = new InputTranscoder(this.enc);
    this.tokenizer = new XmlTokenizer(this.handler, streamDecoder(this.enc));
    this.onEncoding?.(this.enc, this.tokenizer);
  }

  /** Inflates and tokenizes the next step; false once the whole part has been read. */
  step(): boolean {
    if (this.finished) return false;
    try {
      if (this.cursor.step()) return true;
      this.finished = true;
      if (!this.tokenizer) {
        if (!this.head) throw new XmlError("the part is empty");
        this.start(this.head);
        (this.tokenizer as unknown as XmlTokenizer).push(
          (this.transcoder as InputTranscoder).push(this.head),
        );
      }
      const t = this.tokenizer as XmlTokenizer;
      t.push((this.transcoder as InputTranscoder).push(new Uint8Array(0), true));
      t.end();
      return false;
    } catch (e) {
      malformed(this.entry.name, e);
    }
  }
}

/**
 * Runs a handler over a whole part, streaming it through the tokenizer. `done()` returning true
 * stops early. Returns the part's encoding.
 */
export function scanPart(
  zip: ZipArchive,
  entry: ZipEntry,
  handler: XmlHandler,
  done?: () => boolean,
): PartEncoding {
  const stream = new PartStream(zip, entry, handler);
  while (stream.step()) if (done?.()) break;
  return stream.encoding ?? detectEncoding(new Uint8Array(0));
}

/** Reads a relationships part (`…/_rels/x.rels`) of `source`; none when the part is absent. */
export function readRelationships(zip: ZipArchive, source: string): Relationship[] {
  const relsPath = source === "" ? "_rels/.rels" : relsPathOf(source);
  const entry = zip.find(relsPath);
  if (!entry) return [];
  const out: Relationship[] = [];
  scanPart(zip, entry, {
    start(name, attrs) {
      if (localName(name) !== "Relationship") return;
      const id = attrValue(attrs, "Id") ?? "";
      const type = attrValue(attrs, "Type") ?? "";
      const target = attrValue(attrs, "Target") ?? "";
      const external = (attrValue(attrs, "TargetMode") ?? "").toLowerCase() === "external";
      out.push({ id, type, external, target: external ? target : resolveTarget(source, target) });
    },
  });
  return out;
}

/** What the workbook part says. */
export interface WorkbookInfo {
  readonly sheets: SheetEntry[];
  readonly date1904: boolean;
  /** The namespace of the workbook's root element (transitional or strict SpreadsheetML). */
  readonly mainNs: string;
  /** The namespace of the sheets' r:id attributes. */
  readonly relNs: string;
  /** The prefix of the workbook's elements, with its colon ("" or "x:"). */
  readonly prefix: string;
  /** A prefix the root element binds to {@link WorkbookInfo.relNs} (usually "r"), if any. */
  readonly relPrefix: string | undefined;
  /** Where `</sheets>` starts, for adding sheets. */
  readonly sheetsClose: Spot | undefined;
}

export const TRANSITIONAL_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const TRANSITIONAL_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

function readWorkbook(zip: ZipArchive, entry: ZipEntry, rels: readonly Relationship[]): WorkbookInfo {
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets: SheetEntry[] = [];
  const scope = new NamespaceScope();
  let date1904 = false;
  let mainNs = TRANSITIONAL_MAIN;
  let relNs = "";
  let prefix = "";
  let depth = 0;
  let sheetsClose: Spot | undefined;
  const rootNs = new Map<string, string>();
  scanPart(zip, entry, {
    start(name, attrs: readonly XmlAttr[], empty) {
      scope.enter(attrs, empty);
      const local = localName(name);
      if (depth === 0) {
        for (const a of attrs) if (a.name.startsWith("xmlns:")) rootNs.set(a.name.slice(6), a.value);
        const colon = name.indexOf(":");
        prefix = colon < 0 ? "" : name.slice(0, colon + 1);
        mainNs = scope.resolve(colon < 0 ? "" : name.slice(0, colon)) ?? TRANSITIONAL_MAIN;
      }
      if (local === "workbookPr") {
        const v = attrValue(attrs, "date1904");
        date1904 = v === "1" || v === "true";
      } else if (local === "sheet" && depth === 2) {
        const idAttr = prefixedAttr(attrs, "id");
        const relId = idAttr?.value ?? "";
        if (idAttr && !relNs) relNs = scope.resolve(idAttr.name.slice(0, idAttr.name.indexOf(":"))) ?? "";
        const rel = byId.get(relId);
        const state = attrValue(attrs, "state");
        if (rel && !rel.external)
          sheets.push({
            name: attrValue(attrs, "name") ?? "",
            path: rel.target,
            relId,
            sheetId: Number(attrValue(attrs, "sheetId") ?? 0),
            state: state === "hidden" || state === "veryHidden" ? state : "visible",
            worksheet: /\/worksheet$/.test(rel.type),
          });
      }
      scope.leaveEmpty();
      if (!empty) depth++;
    },
    end(name, start, end) {
      if (start === end) return;
      depth--;
      scope.leave();
      if (localName(name) === "sheets" && depth === 1) sheetsClose = { start, end };
    },
  });
  relNs ||= TRANSITIONAL_REL;
  let relPrefix: string | undefined;
  for (const [p, ns] of rootNs) if (ns === relNs && (relPrefix === undefined || p === "r")) relPrefix = p;
  return { sheets, date1904, mainNs, relNs, relPrefix, prefix, sheetsClose };
}

/** An opened .xlsx package. */
export class XlsxPackage {
  private strings: string[] | undefined;

  private constructor(
    readonly zip: ZipArchive,
    /** The workbook part's name (xl/workbook.xml in most files). */
    readonly workbookPath: string,
    readonly workbook: WorkbookInfo,
    readonly workbookRels: readonly Relationship[],
    readonly sheets: readonly SheetEntry[],
  ) {}

  /**
   * Opens a workbook from its bytes, or from a source read by offset (a file: never held whole);
   * throws {@link WorkbookError} with a plain reason.
   */
  static open(from: Uint8Array | ByteSource): XlsxPackage {
    const source = from instanceof Uint8Array ? memorySource(from) : from;
    const bytes = source.read(0, 8);
    if (
      source.size >= 8 &&
      bytes[0] === 0xd0 &&
      bytes[1] === 0xcf &&
      bytes[2] === 0x11 &&
      bytes[3] === 0xe0
    ) {
      // A compound file: an encrypted workbook (its streams EncryptionInfo and EncryptedPackage)
      // or a Excel 97-2003 one (a Workbook or Book stream), told apart by its stream names.
      const kind = compoundKind(source);
      if (kind === "xls")
        throw new WorkbookError(
          "format",
          "the file is an old Excel 97-2003 workbook (.xls), not an .xlsx: open it in Excel or WPS and save it as .xlsx",
          "文件是旧版 Excel 97-2003 工作簿（.xls），不是 .xlsx：请在 Excel 或 WPS 中打开并另存为 .xlsx",
        );
      if (kind === "encrypted")
        throw new WorkbookError(
          "encrypted",
          "the file is password-protected (encrypted): open it in Excel or WPS, remove the password and save it as .xlsx",
          "文件设有密码（已加密）：请在 Excel 或 WPS 中打开，去除密码后另存为 .xlsx",
        );
      throw new WorkbookError(
        "encrypted",
        "the file is password-protected (encrypted) or an old .xls workbook: save it unprotected as .xlsx first",
      );
    }
    if (source.size === 0)
      throw new WorkbookError("not-xlsx", "the file is empty (0 bytes)", "文件为空（0 字节）");
    if (source.size < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
      const head = source.read(0, 4096);
      if (
        /^(\uFEFF)?\s*<\?xml[^>]*>\s*(<\?mso-application[^>]*Excel\.Sheet|<Workbook[^>]*urn:schemas-microsoft-com:office:spreadsheet)/i.test(
          new TextDecoder().decode(head),
        )
      )
        throw new WorkbookError(
          "not-xlsx",
          "the file is an Excel 2003 XML spreadsheet, not an .xlsx workbook: open it in Excel or WPS and save it as .xlsx",
          "文件是 Excel 2003 XML 电子表格，不是 .xlsx 工作簿：请在 Excel 或 WPS 中打开后另存为 .xlsx",
        );
      if (looksLikeHtml(head))
        throw new WorkbookError(
          "not-xlsx",
          "the file is a web page (HTML) named like a workbook, as an ERP's 'export to Excel' often writes: open it in Excel or WPS and save it as .xlsx",
          "文件是网页（HTML），只是名称像工作簿（ERP 的“导出 Excel”常生成这种文件）：请在 Excel 或 WPS 中打开后另存为 .xlsx",
        );
      if (looksLikeDelimitedText(head))
        throw new WorkbookError(
          "not-xlsx",
          "the file is text (CSV or TSV) named like a workbook: rename it to .csv and check it again (a CSV is read as it is and the copy is an .xlsx)",
          "文件是文本（CSV 或 TSV），只是名称像工作簿：请改名为 .csv 后重新检查（CSV 可直接读取，结果另存为 .xlsx）",
        );
      throw new WorkbookError(
        "not-xlsx",
        "the file is not an .xlsx workbook: open it in Excel or WPS and save it as .xlsx (a CSV text file: name it .csv)",
        "不是 .xlsx 工作簿：请在 Excel 或 WPS 中打开后另存为 .xlsx（CSV 文本请以 .csv 命名）",
      );
    }
    const zip = new ZipArchive(source);
    if (zip.find("mimetype") && zip.find("content.xml"))
      throw new WorkbookError(
        "format",
        "the file is an OpenDocument spreadsheet (.ods), not an .xlsx workbook: save it as .xlsx first",
        "文件是 OpenDocument 电子表格（.ods），不是 .xlsx 工作簿：请另存为 .xlsx 后重试",
      );
    const rootRels = readRelationships(zip, "");
    const office = rootRels.find((r) => /\/officeDocument$/.test(r.type) && !r.external);
    let workbookPath = office?.target ?? "xl/workbook.xml";
    if (/\.bin$/i.test(workbookPath) || (!office && zip.find("xl/workbook.bin")))
      throw new WorkbookError(
        "format",
        "the file is a binary workbook (.xlsb), not an .xlsx workbook: save it as .xlsx first",
        "文件是二进制工作簿（.xlsb），不是 .xlsx 工作簿：请另存为 .xlsx 后重试",
      );
    let entry = zip.find(workbookPath);
    if (!entry && !office) {
      // No package relationships: the usual place, else the only workbook part there is.
      const guess = zip.entries.find((e) => /(^|\/)workbook\.xml$/i.test(e.name));
      if (guess) {
        entry = guess;
        workbookPath = guess.name;
      }
    }
    if (!entry) {
      if (zip.find("xl/workbook.bin") || /\.bin$/i.test(workbookPath))
        throw new WorkbookError(
          "format",
          "the file is a binary workbook (.xlsb), not an .xlsx workbook: save it as .xlsx first",
          "文件是二进制工作簿（.xlsb），不是 .xlsx 工作簿：请另存为 .xlsx 后重试",
        );
      throw new WorkbookError("corrupt", "the file is a zip but not an Excel workbook (no xl/workbook.xml)");
    }
    workbookPath = entry.name;
    const rels = readRelationships(zip, workbookPath);
    const workbook = readWorkbook(zip, entry, rels);
    return new XlsxPackage(zip, workbookPath, workbook, rels, workbook.sheets);
  }

  /**
   * A sheet's cells as rows (rows[r - 1] for sheet row r) and its last occupied column: the whole
   * sheet in memory, for tests and small sheets (the port streams).
   */
  readSheet(
    entry: SheetEntry,
    maxRows = Infinity,
  ): { rows: Array<unknown[] | undefined>; maxColumn: number } {
    const cursor = new SheetCursor(this, entry);
    const rows: Array<unknown[] | undefined> = [];
    for (let row = cursor.next(); row && row.r <= maxRows; row = cursor.next()) rows[row.r - 1] = row.cells;
    let maxColumn = -1;
    for (let c = cursor.reader.occupied.length - 1; c >= 0; c--)
      if (cursor.reader.occupied[c]) {
        maxColumn = c;
        break;
      }
    return { rows, maxColumn };
  }

  /** The sheet of a name (exact, then case-insensitive). */
  sheet(name: string): SheetEntry | undefined {
    return (
      this.sheets.find((s) => s.name === name) ??
      this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase())
    );
  }

  /** The workbook's relationship of a type (`styles`, `sharedStrings`), resolved. */
  related(type: string): Relationship | undefined {
    return this.workbookRels.find((r) => !r.external && r.type.endsWith(`/${type}`));
  }

  /** The zip entry of a part name (case-insensitive). */
  entry(path: string): ZipEntry | undefined {
    return this.zip.find(path);
  }

  /** The shared-string table (read once, on first use); an empty <si/> is an empty text. */
  sharedStrings(): readonly string[] {
    if (this.strings) return this.strings;
    const strings: string[] = [];
    const rel = this.related("sharedStrings");
    const entry = rel ? this.zip.find(rel.target) : undefined;
    if (entry) {
      const reader = new RichTextReader("si", (text) => strings.push(text));
      let depth = 0;
      let layout: SharedStringsLayout | undefined;
      let items = 0;
      scanPart(this.zip, entry, {
        get wantText() {
          return reader.wantText;
        },
        start(name, attrs, empty, start, end) {
          if (depth === 0) {
            const prefix = prefixOf(name);
            const countAttrs = attrs.filter((a) => a.name === "count" || a.name === "uniqueCount");
            const count = attrs.find((a) => a.name === "count");
            layout = {
              prefix,
              openTag: `<${name}`,
              tagStart: start,
              tagEnd: end,
              empty,
              close: end,
              countAttrs,
              count: count && /^[0-9]+$/.test(count.value) ? Number(count.value) : undefined,
              items: 0,
            };
          } else if (depth === 1 && localName(name) === "si") items++;
          if (!empty) depth++;
          reader.start(name, attrs, empty);
        },
        end(name, start, end) {
          if (start !== end) {
            depth--;
            if (depth === 0 && layout) layout = { ...layout, close: start };
          }
          reader.end(name);
        },
        text(t) {
          reader.text(t);
        },
      });
      if (layout) this.layout = { ...layout, items };
    }
    this.strings = strings;
    return strings;
  }

  /** Where the shared-string table's root and end are (for appending), once it was read. */
  sharedStringsLayout(): SharedStringsLayout | undefined {
    if (this.strings === undefined && this.layout === undefined) this.sharedStrings();
    return this.layout;
  }

  /**
   * Lets the shared-string table go (a writer that took what it needs of it: a catalog's can hold
   * two million texts); it is read again if asked for.
   */
  releaseSharedStrings(): void {
    this.strings = undefined;
  }
  private layout: SharedStringsLayout | undefined;
}

/** The shape of the shared-string part, for the writer. */
export interface SharedStringsLayout {
  /** The prefix of its elements, with the colon. */
  readonly prefix: string;
  /** `<sst` or `<x:sst`. */
  readonly openTag: string;
  readonly tagStart: number;
  readonly tagEnd: number;
  readonly empty: boolean;
  /** Where `</sst>` starts. */
  readonly close: number;
  readonly countAttrs: readonly XmlAttr[];
  readonly count: number | undefined;
  /** How many <si> items it has. */
  readonly items: number;
}

/**
 * Collects the text of rich-text containers (`<si>`, `<is>`): their `<t>` runs, including those
 * in `<r>` runs, without phonetic runs (`<rPh>`), with OOXML's _xHHHH_ escapes decoded.
 */
export class RichTextReader implements XmlHandler {
  wantText = false;
  private inItem = false;
  private phonetic = 0;
  private buf = "";

  constructor(
    private readonly item: string,
    private readonly onItem: (text: string) => void,
  ) {}

  start(name: string, _attrs: readonly XmlAttr[], empty: boolean): void {
    const local = localName(name);
    if (local === this.item) {
      this.inItem = true;
      this.buf = "";
    } else if (local === "rPh") {
      if (!empty) this.phonetic++;
    } else if (local === "t" && this.inItem && this.phonetic === 0 && !empty) this.wantText = true;
  }

  end(name: string): void {
    const local = localName(name);
    if (local === "t") this.wantText = false;
    else if (local === "rPh") this.phonetic = Math.max(0, this.phonetic - 1);
    else if (local === this.item && this.inItem) {
      this.inItem = false;
      this.onItem(unescapeOoxml(this.buf));
    }
  }

  text(t: string): void {
    this.buf += t;
  }
}

/** Decodes OOXML's _xHHHH_ escapes (a literal "_x" is written _x005F_x). */
export function unescapeOoxml(text: string): string {
  if (text.indexOf("_x") < 0) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** UTF-16LE bytes of a name, as a compound file's directory holds it. */
function utf16le(name: string): Uint8Array {
  const out = new Uint8Array(name.length * 2);
  for (let i = 0; i < name.length; i++) out[i * 2] = name.charCodeAt(i);
  return out;
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0] as number;
  for (
    let i = haystack.indexOf(first);
    i >= 0 && i <= haystack.length - needle.length;
    i = haystack.indexOf(first, i + 1)
  ) {
    let k = 1;
    while (k < needle.length && haystack[i + k] === needle[k]) k++;
    if (k === needle.length) return true;
  }
  return false;
}

/**
 * What a compound (OLE) file holds, by the stream names in its directory: an encrypted OOXML
 * package, an .xls workbook, or unknown (a file over 64 MB is not searched).
 */
function compoundKind(source: ByteSource): "encrypted" | "xls" | undefined {
  if (source.size > 64 * 1024 * 1024) return undefined;
  const all = source.read(0, source.size);
  if (contains(all, utf16le("EncryptionInfo")) || contains(all, utf16le("EncryptedPackage")))
    return "encrypted";
  if (contains(all, utf16le("Workbook\u0000")) || contains(all, utf16le("Book\u0000"))) return "xls";
  return undefined;
}

/**
 * Whether a file's first bytes read as delimited text: no NUL and no other control byte than tab
 * and line ends (UTF-8, GB18030 and UTF-16 with a BOM are all text here), with a line break and a
 * comma, tab or semicolon.
 */
function looksLikeDelimitedText(head: Uint8Array): boolean {
  const utf16 =
    head[0] === 0xff && head[1] === 0xfe
      ? "utf-16le"
      : head[0] === 0xfe && head[1] === 0xff
        ? "utf-16be"
        : undefined;
  if (utf16) {
    const text = new TextDecoder(utf16).decode(head.subarray(2, 2 + ((head.length - 2) & ~1)));
    return (
      // eslint-disable-next-line no-control-regex
      !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) &&
      /[\n\r]/.test(text) &&
      /[\t,;]/.test(text)
    );
  }
  let lines = 0;
  let delimiters = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i] as number;
    if (b === 0x0a || b === 0x0d) lines++;
    else if (b === 0x09 || b === 0x2c || b === 0x3b) delimiters++;
    else if (b < 0x20 || b === 0x7f) return false;
  }
  return lines > 0 && delimiters > 0;
}

/** Whether a file's first bytes are an HTML page (after a BOM and white space). */
function looksLikeHtml(head: Uint8Array): boolean {
  const text = new TextDecoder("utf-8", { fatal: false })
    .decode(head)
    .replace(/^\uFEFF/, "")
    .trimStart()
    .toLowerCase();
  return (
    /^<(!doctype html|html|head|body|table|meta)\b/.test(text) ||
    (text.startsWith("<") && /<(html|table)\b/.test(text))
  );
}
