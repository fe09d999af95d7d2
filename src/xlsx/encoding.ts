/**
 * The character encoding of an XML part, found from its byte-order mark or declaration (XML 1.0
 * appendix F), and the two directions the package needs: bytes in → an ASCII-compatible stream
 * for the tokenizer (UTF-16 is transcoded to UTF-8; every other supported encoding is used as
 * is), and text the add-in inserts → bytes in the part's own encoding. A part is never re-encoded
 * as a whole: what is copied keeps its bytes, and a non-UTF-8 part gets only ASCII inserted (other
 * characters as character references).
 * @packageDocumentation
 */
import { XmlError } from "./sax";

/** How a part is encoded. */
export interface PartEncoding {
  /** "utf-8", "utf-16le", "utf-16be", or another label TextDecoder knows (windows-1252, gbk…). */
  readonly label: string;
  /** Whether the bytes are UTF-16 (transcoded for the tokenizer). */
  readonly utf16: boolean;
  /** The byte-order mark's length, 0 if none. */
  readonly bom: number;
}

const UTF8: PartEncoding = { label: "utf-8", utf16: false, bom: 0 };

/** Finds the encoding from the first bytes of a part. */
export function detectEncoding(head: Uint8Array): PartEncoding {
  const [a, b, c, d] = [head[0], head[1], head[2], head[3]];
  if (a === 0xef && b === 0xbb && c === 0xbf) return { label: "utf-8", utf16: false, bom: 3 };
  if (a === 0xff && b === 0xfe) {
    if (c === 0 && d === 0) throw new XmlError("the part is in UTF-32, which workbooks do not use");
    return { label: "utf-16le", utf16: true, bom: 2 };
  }
  if (a === 0xfe && b === 0xff) return { label: "utf-16be", utf16: true, bom: 2 };
  if (a === 0x3c && b === 0 && c === 0x3f && d === 0) return { label: "utf-16le", utf16: true, bom: 0 };
  if (a === 0 && b === 0x3c && c === 0 && d === 0x3f) return { label: "utf-16be", utf16: true, bom: 0 };
  if (a === 0 && b === 0 && (c === 0 || d === 0))
    throw new XmlError("the part is in UTF-32, which workbooks do not use");
  if (a === 0x3c && b === 0x3f) {
    // <?xml … encoding="X"?>
    let end = 0;
    while (end < head.length && end < 512 && head[end] !== 0x3e) end++;
    const decl = String.fromCharCode(...head.subarray(0, end));
    const m = /\sencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']/.exec(decl);
    const label = m?.[1]?.toLowerCase();
    if (!label || label === "utf-8" || label === "utf8") return UTF8;
    if (label.startsWith("utf-16") || label === "unicode")
      throw new XmlError(`the part declares ${m?.[1]} but has no UTF-16 byte-order mark`);
    let known: string;
    try {
      known = new TextDecoder(label).encoding;
    } catch {
      throw new XmlError(`the part declares the encoding '${m?.[1]}', which this program cannot read`);
    }
    if (known === "utf-8") return UTF8;
    if (known.startsWith("utf-16") || known === "iso-2022-jp")
      throw new XmlError(`the part declares the encoding '${m?.[1]}', which this program cannot read`);
    return { label: known, utf16: false, bom: 0 };
  }
  return UTF8;
}

/** A decoder for the text of the tokenizer's stream (UTF-16 parts become UTF-8 there). */
export function streamDecoder(enc: PartEncoding): TextDecoder {
  return new TextDecoder(enc.utf16 ? "utf-8" : enc.label, { fatal: true });
}

/** Turns a part's bytes, chunk by chunk, into the tokenizer's ASCII-compatible stream. */
export class InputTranscoder {
  private readonly decoder: TextDecoder | undefined;
  private readonly encoder = new TextEncoder();
  private skip: number;
  constructor(readonly enc: PartEncoding) {
    this.decoder = enc.utf16 ? new TextDecoder(enc.label, { fatal: true }) : undefined;
    this.skip = enc.bom;
  }
  /** The stream bytes of the next chunk. */
  push(chunk: Uint8Array, final = false): Uint8Array {
    if (this.skip > 0) {
      const n = Math.min(this.skip, chunk.length);
      chunk = chunk.subarray(n);
      this.skip -= n;
    }
    if (!this.decoder) return chunk;
    try {
      return this.encoder.encode(this.decoder.decode(chunk, { stream: !final }));
    } catch {
      throw new XmlError("the part is not valid UTF-16");
    }
  }
}

/** Encodes what the add-in writes into a part, and turns the stream back into the part's bytes. */
export class OutputEncoder {
  private readonly encoder = new TextEncoder();
  private readonly decoder: TextDecoder | undefined;
  private bomPending: boolean;
  /** Inserted text is its UTF-8 bytes (the stream is UTF-8: the part is, or is UTF-16 made from it). */
  readonly utf8: boolean;
  constructor(readonly enc: PartEncoding) {
    this.decoder = enc.utf16 ? new TextDecoder("utf-8") : undefined;
    this.bomPending = enc.bom > 0;
    this.utf8 = enc.label === "utf-8" || enc.utf16;
  }
  /** Inserted text as stream bytes: UTF-8 where the stream is UTF-8, else ASCII with references. */
  text(text: string): Uint8Array {
    if (this.utf8) return this.encoder.encode(text);
    return this.encoder.encode(
      text.replace(/[^\t\n\r\u0020-\u007f]/gu, (c) => `&#x${(c.codePointAt(0) as number).toString(16)};`),
    );
  }
  /** Stream bytes (copied or inserted) → the part's bytes. */
  bytes(stream: Uint8Array, final = false): Uint8Array {
    let bom: Uint8Array | undefined;
    if (this.bomPending) {
      this.bomPending = false;
      bom =
        this.enc.label === "utf-16le"
          ? Uint8Array.of(0xff, 0xfe)
          : this.enc.label === "utf-16be"
            ? Uint8Array.of(0xfe, 0xff)
            : Uint8Array.of(0xef, 0xbb, 0xbf);
    }
    let out = stream;
    if (this.decoder)
      out = utf16(this.decoder.decode(stream, { stream: !final }), this.enc.label === "utf-16be");
    if (!bom) return out;
    const joined = new Uint8Array(bom.length + out.length);
    joined.set(bom, 0);
    joined.set(out, bom.length);
    return joined;
  }
}

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 * i + (bigEndian ? 1 : 0)] = c & 0xff;
    out[2 * i + (bigEndian ? 0 : 1)] = c >> 8;
  }
  return out;
}
