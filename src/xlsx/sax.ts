/**
 * An incremental XML tokenizer over bytes, following the XML 1.0 spec for what SpreadsheetML
 * packages hold: start/end/empty tags with attributes in either quote style, namespace prefixes,
 * comments, CDATA sections, processing instructions, the five predefined entities and character
 * references (checked against the XML Char production). A DOCTYPE is refused: OOXML has none,
 * and refusing it rules out entity expansion. Nesting, attribute uniqueness and the single root
 * are checked, so a malformed part is refused rather than copied through.
 *
 * It works on an ASCII-compatible byte stream (UTF-8, or any encoding whose markup bytes are
 * ASCII; UTF-16 is transcoded by ./encoding first) and reports every token with its absolute
 * byte offsets, so a rewriter can copy the original bytes around what it changes. Text is
 * decoded only where the handler asks for it ({@link XmlHandler.wantText}). Data is pushed in
 * chunks of any size; a token split across chunks is resumed without rescanning, so the work is
 * linear in the input whatever its shape.
 * @packageDocumentation
 */

/** Why a part is not well-formed XML (or uses something OOXML does not allow, such as a DTD). */
export class XmlError extends Error {}

/** One attribute of a start tag. */
export interface XmlAttr {
  /** Qualified name as written (`r`, `r:id`, `xmlns:x`). */
  readonly name: string;
  /** The value with references resolved. */
  readonly value: string;
  /** Absolute byte offset of the white space before the name. */
  readonly start: number;
  /** Absolute byte offset just after the closing quote. */
  readonly end: number;
}

/** What the tokenizer reports. Offsets are absolute byte offsets in the stream. */
export interface XmlHandler {
  /** Set to true while text events are wanted (decoding text costs; most of it is not needed). */
  wantText?: boolean;
  /**
   * The handler reads a start tag's attributes only during the call to {@link XmlHandler.start}
   * and keeps none of them: the tokenizer may then reuse the array and its attribute objects.
   */
  readonly transientAttrs?: boolean;
  /** A start tag (or empty-element tag when `empty`), from `<` to after `>`. */
  start?(name: string, attrs: readonly XmlAttr[], empty: boolean, start: number, end: number): void;
  /** An end tag; also called right after start for an empty-element tag, with start === end. */
  end?(name: string, start: number, end: number): void;
  /** Character data (text or CDATA), decoded, when {@link XmlHandler.wantText}. */
  text?(text: string): void;
}

/** Longest single token (tag, text run, comment) accepted: far beyond anything a workbook needs. */
export const MAX_TOKEN_BYTES = 64 * 1024 * 1024;

const LT = 0x3c;
const GT = 0x3e;
const AMP = 0x26;
const SLASH = 0x2f;
const QUOTE = 0x22;
const APOS = 0x27;
const EQ = 0x3d;
const BANG = 0x21;
const QUESTION = 0x3f;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

/** Whether a code point is allowed in XML 1.0 (the Char production). */
export function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Names and short values repeat on every row: kept as strings, found again by their bytes. */
const INTERN_SLOTS = 4096;
const INTERN_BYTES = 16;
/**
 * Values are kept only this short (`s`, `1`, `str`): longer ones (cell references, numbers)
 * seldom repeat in a row, and looking them up would cost more than making them.
 */
const INTERN_VALUE_BYTES = 3;

/** A cache of strings made from short ASCII byte runs (tag and attribute names, `s`, `1`, …). */
class Interner {
  private readonly bytes = new Uint8Array(INTERN_SLOTS * INTERN_BYTES);
  private readonly lengths = new Int32Array(INTERN_SLOTS).fill(-1);
  private readonly strings: string[] = new Array<string>(INTERN_SLOTS).fill("");

  /** The string of ASCII bytes [from, to) (at most INTERN_BYTES of them), whose hash is `hash`. */
  get(buf: Uint8Array, from: number, to: number, hash: number): string {
    const length = to - from;
    const slot = (hash ^ (hash >>> 13) ^ (length << 7)) & (INTERN_SLOTS - 1);
    const at = slot * INTERN_BYTES;
    const bytes = this.bytes;
    if (this.lengths[slot] === length) {
      let k = 0;
      while (k < length && bytes[at + k] === buf[from + k]) k++;
      if (k === length) return this.strings[slot] as string;
    }
    const s = asciiString(buf, from, to);
    for (let k = 0; k < length; k++) bytes[at + k] = buf[from + k] as number;
    this.lengths[slot] = length;
    this.strings[slot] = s;
    return s;
  }
}

const ascii = new TextDecoder("utf-8");

/**
 * The index of the next `byte` in buf from `from`, or -1: a plain loop over the first bytes
 * (most tokens are a few bytes long, and indexOf costs more to call than to scan them), then
 * indexOf.
 */
function findByte(buf: Uint8Array, byte: number, from: number): number {
  const n = buf.length;
  const stop = Math.min(n, from + 64);
  for (let i = from; i < stop; i++) if (buf[i] === byte) return i;
  return stop < n ? buf.indexOf(byte, stop) : -1;
}

/** A string of ASCII bytes. */
function asciiString(buf: Uint8Array, from: number, to: number): string {
  switch (to - from) {
    case 0:
      return "";
    case 1:
      return String.fromCharCode(buf[from] as number);
    case 2:
      return String.fromCharCode(buf[from] as number, buf[from + 1] as number);
    case 3:
      return String.fromCharCode(buf[from] as number, buf[from + 1] as number, buf[from + 2] as number);
    case 4:
      return String.fromCharCode(
        buf[from] as number,
        buf[from + 1] as number,
        buf[from + 2] as number,
        buf[from + 3] as number,
      );
    case 5:
      return String.fromCharCode(
        buf[from] as number,
        buf[from + 1] as number,
        buf[from + 2] as number,
        buf[from + 3] as number,
        buf[from + 4] as number,
      );
    case 6:
      return String.fromCharCode(
        buf[from] as number,
        buf[from + 1] as number,
        buf[from + 2] as number,
        buf[from + 3] as number,
        buf[from + 4] as number,
        buf[from + 5] as number,
      );
    case 7:
      return String.fromCharCode(
        buf[from] as number,
        buf[from + 1] as number,
        buf[from + 2] as number,
        buf[from + 3] as number,
        buf[from + 4] as number,
        buf[from + 5] as number,
        buf[from + 6] as number,
      );
    case 8:
      return String.fromCharCode(
        buf[from] as number,
        buf[from + 1] as number,
        buf[from + 2] as number,
        buf[from + 3] as number,
        buf[from + 4] as number,
        buf[from + 5] as number,
        buf[from + 6] as number,
        buf[from + 7] as number,
      );
    default:
      return ascii.decode(buf.subarray(from, to));
  }
}

/**
 * An attribute as the tokenizer reports it. A value of plain ASCII (no reference, no white space
 * to normalise: nothing that can be malformed) is turned into a string only when it is read;
 * any other value is decoded and checked at once.
 */
class Attr implements XmlAttr {
  name = "";
  start = 0;
  end = 0;
  private text: string | undefined = undefined;
  private buf: Uint8Array = EMPTY;
  private from = 0;
  private to = 0;
  private hash = 0;
  constructor(private readonly interner: Interner) {}
  set(
    name: string,
    start: number,
    end: number,
    text: string | undefined,
    buf: Uint8Array,
    from: number,
    to: number,
    hash: number,
  ): this {
    this.name = name;
    this.start = start;
    this.end = end;
    this.text = text;
    this.buf = buf;
    this.from = from;
    this.to = to;
    this.hash = hash;
    return this;
  }
  get value(): string {
    if (this.text === undefined)
      this.text =
        this.to - this.from <= INTERN_VALUE_BYTES
          ? this.interner.get(this.buf, this.from, this.to, this.hash)
          : asciiString(this.buf, this.from, this.to);
    return this.text;
  }
}

const EMPTY = new Uint8Array(0);

/** The incremental tokenizer. */
export class XmlTokenizer {
  private buf: Uint8Array = new Uint8Array(0);
  /** Absolute offset of buf[0]. */
  private base = 0;
  /** Index in buf of the first byte not yet consumed. */
  private pos = 0;
  /** Where to resume looking for the end of the token at pos (so a long token is scanned once). */
  private resume = 0;
  private readonly stack: string[] = [];
  private rootSeen = false;
  private rootClosed = false;
  /** The handler may ask to keep bytes from this absolute offset (a rewriter holding a row). */
  hold = Infinity;
  /** Tag and attribute names as strings, found again by their bytes. */
  private readonly names = new Interner();
  /** Short values (`s`, `1`, `0.25`): the same. */
  private readonly values = new Interner();
  /** For a handler with transientAttrs: the attribute objects, reused tag after tag… */
  private readonly pool: Attr[] = [];
  /** …and attrsOf[n], the array of the first n of them. */
  private readonly attrsOf: Attr[][] = [];

  constructor(
    private readonly handler: XmlHandler,
    /** Decodes non-ASCII bytes of text and attribute values (the part's encoding). */
    private readonly decoder: TextDecoder = new TextDecoder("utf-8", { fatal: true }),
  ) {}

  /** The bytes from absolute offset `from` to `to`, which must still be held. */
  slice(from: number, to: number): Uint8Array {
    if (from < this.base) throw new Error("bytes no longer held");
    return this.buf.subarray(from - this.base, to - this.base);
  }

  /** Absolute offset of the next unconsumed byte. */
  get offset(): number {
    return this.base + this.pos;
  }

  /** Adds the next chunk and reports every complete token in it. */
  push(chunk: Uint8Array): void {
    if (this.pos === this.buf.length && this.hold >= this.base + this.buf.length) {
      this.base += this.buf.length;
      this.buf = chunk;
      this.resume -= this.pos;
      this.pos = 0;
    } else {
      const keep = Math.max(0, Math.min(this.pos, this.hold - this.base));
      const rest = this.buf.length - keep;
      const next = new Uint8Array(rest + chunk.length);
      next.set(this.buf.subarray(keep), 0);
      next.set(chunk, rest);
      this.buf = next;
      this.base += keep;
      this.pos -= keep;
      this.resume -= keep;
    }
    this.run(false);
  }

  /** No more data: the rest must be complete, the root closed. */
  end(): void {
    this.run(true);
    if (this.pos < this.buf.length) throw new XmlError("the XML ends inside a tag, comment or section");
    if (this.stack.length > 0)
      throw new XmlError(`the XML ends before </${this.stack[this.stack.length - 1]}>`);
    if (!this.rootSeen) throw new XmlError("the part holds no XML element");
  }

  private run(final: boolean): void {
    const buf = this.buf;
    const n = buf.length;
    while (this.pos < n) {
      const at = this.pos;
      if (buf[at] !== LT) {
        // Character data up to the next "<".
        let lt = findByte(buf, LT, Math.max(at, this.resume));
        if (lt < 0) {
          if (!final) {
            this.resume = n;
            this.checkLength(n - at, "text");
            return;
          }
          lt = n;
        }
        this.textRun(at, lt);
        this.pos = lt;
        continue;
      }
      if (at + 1 >= n) {
        if (final) throw new XmlError("the XML ends inside a tag");
        return;
      }
      const b = buf[at + 1] as number;
      let next: number;
      if (b === BANG) next = this.markup(at, final);
      else if (b === QUESTION) next = this.pi(at, final);
      else if (b === SLASH) next = this.endTag(at, final);
      else next = this.startTag(at, final);
      if (next < 0) return;
      this.pos = next;
      this.resume = next;
    }
  }

  private checkLength(length: number, what: string): void {
    if (length > MAX_TOKEN_BYTES)
      throw new XmlError(`a ${what} in the XML is longer than ${MAX_TOKEN_BYTES / 1048576} MB`);
  }

  /** Finds `needle` (bytes) from the resume point; -1 (and remembers where to resume) if not yet there. */
  private find(needle: readonly number[], from: number, at: number, what: string): number {
    const buf = this.buf;
    const first = needle[0] as number;
    let i = Math.max(from, this.resume);
    for (;;) {
      i = buf.indexOf(first, i);
      if (i < 0 || i + needle.length > buf.length) {
        this.resume = Math.max(from, buf.length - needle.length + 1);
        this.checkLength(buf.length - at, what);
        return -1;
      }
      let k = 1;
      while (k < needle.length && buf[i + k] === needle[k]) k++;
      if (k === needle.length) return i;
      i++;
    }
  }

  private textRun(from: number, to: number): void {
    if (this.stack.length === 0) {
      for (let i = from; i < to; i++)
        if (!isSpace(this.buf[i] as number)) throw new XmlError("text outside the root element");
      return;
    }
    if (this.handler.wantText) this.handler.text?.(this.decode(from, to, true));
    else {
      // References must still be well-formed; checked only where they occur.
      const buf = this.buf;
      for (let i = from; i < to; i++)
        if (buf[i] === AMP) {
          this.decode(from, to, true);
          break;
        }
    }
  }

  /** `<!--…-->`, `<![CDATA[…]]>` or `<!DOCTYPE` (refused). */
  private markup(at: number, final: boolean): number {
    const buf = this.buf;
    if (at + 4 > buf.length && !final) return -1;
    if (buf[at + 2] === 0x2d && buf[at + 3] === 0x2d) {
      const end = this.find([0x2d, 0x2d, GT], at + 4, at, "comment");
      if (end < 0) {
        if (final) throw new XmlError("a comment is not closed");
        return -1;
      }
      return end + 3;
    }
    if (at + 9 > buf.length && !final) return -1;
    if (String.fromCharCode(...buf.subarray(at, at + 9)) === "<![CDATA[") {
      if (this.stack.length === 0) throw new XmlError("CDATA outside the root element");
      const end = this.find([0x5d, 0x5d, GT], at + 9, at, "CDATA section");
      if (end < 0) {
        if (final) throw new XmlError("a CDATA section is not closed");
        return -1;
      }
      if (this.handler.wantText) this.handler.text?.(this.decode(at + 9, end, false));
      return end + 3;
    }
    if (String.fromCharCode(...buf.subarray(at, at + 9)).toUpperCase() === "<!DOCTYPE")
      throw new XmlError("the part declares a DTD (<!DOCTYPE>), which workbooks never have; refused");
    throw new XmlError("unknown markup after '<!'");
  }

  /** `<?…?>`: the XML declaration or a processing instruction, skipped. */
  private pi(at: number, final: boolean): number {
    const end = this.find([QUESTION, GT], at + 2, at, "processing instruction");
    if (end < 0) {
      if (final) throw new XmlError("a processing instruction is not closed");
      return -1;
    }
    return end + 2;
  }

  /** A name of bytes [from, to): `hash` and `high` (any byte >= 0x80) as the scan found them. */
  private name(from: number, to: number, hash: number, high: number): string {
    if (high & 0x80) {
      try {
        return this.decoder.decode(this.buf.subarray(from, to));
      } catch {
        throw new XmlError("the part holds bytes that are not valid in its declared encoding");
      }
    }
    if (to - from <= INTERN_BYTES) return this.names.get(this.buf, from, to, hash);
    return asciiString(this.buf, from, to);
  }

  private endTag(at: number, final: boolean): number {
    const buf = this.buf;
    const gt = findByte(buf, GT, Math.max(at + 2, this.resume));
    if (gt < 0) {
      if (final) throw new XmlError("an end tag is not closed");
      this.resume = buf.length;
      this.checkLength(buf.length - at, "tag");
      return -1;
    }
    let e = at + 2;
    let hash = 0;
    let high = 0;
    for (; e < gt; e++) {
      const b = buf[e] as number;
      if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === SLASH || b === EQ) break;
      hash = (Math.imul(hash, 31) + b) | 0;
      high |= b;
    }
    const name = this.name(at + 2, e, hash, high);
    for (let i = e; i < gt; i++)
      if (!isSpace(buf[i] as number)) throw new XmlError(`a malformed end tag </${name}`);
    const open = this.stack.pop();
    if (open !== name)
      throw new XmlError(
        open === undefined ? `</${name}> without a start tag` : `</${name}> where </${open}> was expected`,
      );
    if (this.stack.length === 0) this.rootClosed = true;
    this.handler.end?.(name, this.base + at, this.base + gt + 1);
    return gt + 1;
  }

  private startTag(at: number, final: boolean): number {
    const buf = this.buf;
    const n = buf.length;
    let i = at + 1;
    let hash = 0;
    let high = 0;
    for (; i < n; i++) {
      const b = buf[i] as number;
      if (b === GT || b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === SLASH || b === EQ) break;
      hash = (Math.imul(hash, 31) + b) | 0;
      high |= b;
    }
    if (i >= n) return this.incomplete(at, final);
    if (i === at + 1) throw new XmlError("a '<' that starts no tag");
    const name = this.name(at + 1, i, hash, high);
    const reuse = this.handler.transientAttrs === true;
    // Reused: the attribute objects of the pool, handed over in an array of their number kept
    // for each number (no array made or resized per tag). Else a new array.
    const fresh: Attr[] | undefined = reuse ? undefined : [];
    const pool = this.pool;
    let count = 0;
    for (;;) {
      const spaceStart = i;
      while (i < n && isSpace(buf[i] as number)) i++;
      if (i >= n) return this.incomplete(at, final);
      const b = buf[i] as number;
      if (b === GT || b === SLASH) {
        let empty = false;
        if (b === SLASH) {
          if (i + 1 >= n) return this.incomplete(at, final);
          if (buf[i + 1] !== GT) throw new XmlError(`a malformed tag <${name}`);
          empty = true;
          i++;
        }
        if (this.stack.length === 0) {
          if (this.rootClosed) throw new XmlError("more than one root element");
          this.rootSeen = true;
        }
        const start = this.base + at;
        const end = this.base + i + 1;
        if (!empty) this.stack.push(name);
        else if (this.stack.length === 0) this.rootClosed = true;
        let attrs: readonly Attr[];
        if (fresh) attrs = fresh;
        else {
          attrs = this.attrsOf[count] as Attr[];
          if (attrs === undefined) this.attrsOf[count] = attrs = pool.slice(0, count);
        }
        this.handler.start?.(name, attrs, empty, start, end);
        if (empty) this.handler.end?.(name, end, end);
        return i + 1;
      }
      if (i === spaceStart) throw new XmlError(`attributes of <${name} need white space between them`);
      const nameStart = i;
      hash = 0;
      high = 0;
      for (; i < n; i++) {
        const c = buf[i] as number;
        if (c === EQ || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === GT || c === SLASH)
          break;
        hash = (Math.imul(hash, 31) + c) | 0;
        high |= c;
      }
      if (i >= n) return this.incomplete(at, final);
      if (i === nameStart) throw new XmlError(`a malformed attribute in <${name}`);
      const attrName = this.name(nameStart, i, hash, high);
      while (i < n && isSpace(buf[i] as number)) i++;
      if (i >= n) return this.incomplete(at, final);
      if (buf[i] !== EQ) throw new XmlError(`attribute ${attrName} of <${name} has no value`);
      i++;
      while (i < n && isSpace(buf[i] as number)) i++;
      if (i >= n) return this.incomplete(at, final);
      const quote = buf[i] as number;
      if (quote !== QUOTE && quote !== APOS)
        throw new XmlError(`attribute ${attrName} of <${name} is not quoted`);
      // The value: plain ASCII (kept as bytes until read) unless it holds a reference, white
      // space to normalise or other bytes; '<' is never allowed.
      let close = i + 1;
      hash = 0;
      let special = 0;
      for (; close < n; close++) {
        const c = buf[close] as number;
        if (c === quote) break;
        if (c === LT) throw new XmlError(`'<' in the value of attribute ${attrName}`);
        if (c >= 0x80 || c === AMP || c < 0x20) special = 1;
        hash = (Math.imul(hash, 31) + c) | 0;
      }
      if (close >= n) return this.incomplete(at, final);
      const list = fresh ?? pool;
      for (let k = 0; k < count; k++)
        if ((list[k] as Attr).name === attrName)
          throw new XmlError(`attribute ${attrName} repeated in <${name}`);
      let attr: Attr;
      if (fresh) fresh.push((attr = new Attr(this.values)));
      else {
        attr = pool[count] as Attr;
        if (attr === undefined) pool.push((attr = new Attr(this.values)));
      }
      count++;
      attr.set(
        attrName,
        this.base + spaceStart,
        this.base + close + 1,
        special ? this.decode(i + 1, close, true, true) : undefined,
        buf,
        i + 1,
        close,
        hash,
      );
      i = close + 1;
    }
  }

  private incomplete(at: number, final: boolean): number {
    if (final) throw new XmlError("the XML ends inside a tag");
    this.checkLength(this.buf.length - at, "tag");
    return -1;
  }

  /**
   * Decodes bytes [from, to) of text or an attribute value: non-ASCII bytes with the part's
   * decoder, references resolved (when `refs`), and in attributes white space normalised.
   */
  private decode(from: number, to: number, refs: boolean, attribute = false): string {
    const buf = this.buf;
    let plain = true;
    for (let i = from; i < to; i++) {
      const b = buf[i] as number;
      if (b >= 0x80 || (refs && b === AMP) || (attribute && (b === 0x09 || b === 0x0a || b === 0x0d))) {
        plain = false;
        break;
      }
    }
    if (plain) {
      if (to - from <= INTERN_VALUE_BYTES) {
        let hash = 0;
        for (let i = from; i < to; i++) hash = (Math.imul(hash, 31) + (buf[i] as number)) | 0;
        return this.values.get(buf, from, to, hash);
      }
      return asciiString(buf, from, to);
    }
    let text: string;
    try {
      text = this.decoder.decode(buf.subarray(from, to));
    } catch {
      throw new XmlError("the part holds bytes that are not valid in its declared encoding");
    }
    if (attribute) text = text.replace(/[\t\n\r]/g, " ");
    return refs && text.includes("&") ? resolveReferences(text) : text;
  }
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Resolves the predefined entities and character references; anything else is malformed. */
export function resolveReferences(text: string): string {
  let out = "";
  let last = 0;
  for (let amp = text.indexOf("&"); amp >= 0; amp = text.indexOf("&", last)) {
    const semi = text.indexOf(";", amp + 1);
    if (semi < 0 || semi - amp > 12) throw new XmlError("a '&' that starts no reference (write &amp;)");
    const ref = text.slice(amp + 1, semi);
    let value: string | undefined;
    if (ref[0] === "#") {
      const hex = ref[1] === "x";
      const digits = ref.slice(hex ? 2 : 1);
      if (!(hex ? /^[0-9A-Fa-f]+$/ : /^[0-9]+$/).test(digits))
        throw new XmlError(`a malformed character reference &${ref};`);
      const cp = parseInt(digits, hex ? 16 : 10);
      if (!isXmlChar(cp))
        throw new XmlError(`the character reference &${ref}; is not a character XML allows`);
      value = String.fromCodePoint(cp);
    } else value = PREDEFINED[ref];
    if (value === undefined) throw new XmlError(`the entity &${ref}; is not defined (workbooks use no DTD)`);
    out += text.slice(last, amp) + value;
    last = semi + 1;
  }
  return out + text.slice(last);
}

/** The local part of a qualified name (`x:row` → `row`). */
export function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

/** The prefix of a qualified name with its colon (`x:row` → `x:`, `row` → ``). */
export function prefixOf(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? "" : name.slice(0, colon + 1);
}

/** An attribute by its local name, ignoring any prefix (SpreadsheetML's own attributes have none). */
export function attrValue(attrs: readonly XmlAttr[], local: string): string | undefined {
  for (const a of attrs) if (a.name === local) return a.value;
  return undefined;
}

/** An attribute of a given local name that carries a prefix (`r:id`), whatever the prefix. */
export function prefixedAttr(attrs: readonly XmlAttr[], local: string): XmlAttr | undefined {
  for (const a of attrs) {
    const colon = a.name.indexOf(":");
    if (colon > 0 && a.name.slice(colon + 1) === local && !a.name.startsWith("xmlns")) return a;
  }
  return undefined;
}

/** Tracks namespace declarations in scope, for a handler that needs to resolve a prefix. */
export class NamespaceScope {
  private readonly frames: Array<Map<string, string> | undefined> = [];
  enter(attrs: readonly XmlAttr[], empty: boolean): void {
    let frame: Map<string, string> | undefined;
    for (const a of attrs) {
      if (a.name === "xmlns") (frame ??= new Map()).set("", a.value);
      else if (a.name.startsWith("xmlns:")) (frame ??= new Map()).set(a.name.slice(6), a.value);
    }
    if (!empty) this.frames.push(frame);
    else if (frame) {
      this.frames.push(frame);
      this.pending = true;
    }
  }
  private pending = false;
  /** Call after handling an empty element's start (drops its own declarations). */
  leaveEmpty(): void {
    if (this.pending) {
      this.frames.pop();
      this.pending = false;
    }
  }
  leave(): void {
    this.frames.pop();
  }
  /** The namespace of a prefix ("" for the default). */
  resolve(prefix: string): string | undefined {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const v = this.frames[i]?.get(prefix);
      if (v !== undefined) return v;
    }
    return prefix === "xml" ? "http://www.w3.org/XML/1998/namespace" : undefined;
  }
}
