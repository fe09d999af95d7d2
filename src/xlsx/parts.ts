/**
 * Small XML parts (workbook, relationships, content types, styles) as the writer edits them:
 * read whole, tokenized, and changed by inserting or replacing byte ranges of the original —
 * everything else keeps its bytes and its encoding. Large parts (sheets, shared strings) are
 * spliced the same way as a stream ({@link spliceStream}).
 * @packageDocumentation
 */
import { detectEncoding, InputTranscoder, OutputEncoder, streamDecoder, type PartEncoding } from "./encoding";
import { XmlError, XmlTokenizer, type XmlHandler } from "./sax";
import { concat, InflateCursor, WorkbookError, type ZipArchive, type ZipEntry } from "./zip";

/** A change to a part: the stream bytes [from, to) become `text`. */
export interface Edit {
  readonly from: number;
  readonly to: number;
  readonly text: string;
}

/** A part held in memory as the tokenizer's stream. */
export class SmallPart {
  private constructor(
    readonly name: string,
    readonly enc: PartEncoding,
    /** The ASCII-compatible stream the tokenizer reads (offsets refer to it). */
    readonly stream: Uint8Array,
  ) {}

  static read(zip: ZipArchive, entry: ZipEntry): SmallPart {
    return SmallPart.fromBytes(entry.name, zip.read(entry));
  }

  static fromBytes(name: string, bytes: Uint8Array): SmallPart {
    try {
      const enc = detectEncoding(bytes);
      return new SmallPart(name, enc, new InputTranscoder(enc).push(bytes, true));
    } catch (e) {
      if (e instanceof XmlError)
        throw new WorkbookError("corrupt", `${name} is not well-formed XML: ${e.message}`);
      throw e;
    }
  }

  /** Runs a handler over the part. */
  scan(handler: XmlHandler): void {
    try {
      const t = new XmlTokenizer(handler, streamDecoder(this.enc));
      t.push(this.stream);
      t.end();
    } catch (e) {
      if (e instanceof XmlError)
        throw new WorkbookError("corrupt", `${this.name} is not well-formed XML: ${e.message}`);
      throw e;
    }
  }

  /** The part's bytes with the edits applied (in its own encoding). */
  edited(edits: readonly Edit[]): Uint8Array {
    const out = new OutputEncoder(this.enc);
    const pieces: Uint8Array[] = [];
    let at = 0;
    for (const e of [...edits].sort((a, b) => a.from - b.from || a.to - b.to)) {
      if (e.from < at) throw new Error(`overlapping edits in ${this.name}`);
      pieces.push(this.stream.subarray(at, e.from), out.text(e.text));
      at = e.to;
    }
    pieces.push(this.stream.subarray(at));
    return out.bytes(concat(pieces), true);
  }
}

/**
 * Streams a part through with edits applied, handing the part's bytes to `push` as they come
 * (for a shared-string table that can hold every order id of a statement).
 */
export function spliceStream(
  zip: ZipArchive,
  entry: ZipEntry,
  edits: readonly Edit[],
  push: (bytes: Uint8Array) => void,
): void {
  const sorted = [...edits].sort((a, b) => a.from - b.from);
  let enc: PartEncoding | undefined;
  let input: InputTranscoder | undefined;
  let output: OutputEncoder | undefined;
  let offset = 0;
  let k = 0;
  let skipTo = 0;
  const take = (stream: Uint8Array, final: boolean) => {
    const o = output as OutputEncoder;
    const pieces: Uint8Array[] = [];
    let i = 0;
    while (i < stream.length) {
      const abs = offset + i;
      if (abs < skipTo) {
        i = Math.min(stream.length, skipTo - offset);
        continue;
      }
      const e = sorted[k];
      if (e && e.from >= abs && e.from < offset + stream.length) {
        pieces.push(stream.subarray(i, e.from - offset), o.text(e.text));
        skipTo = e.to;
        i = e.from - offset;
        k++;
        continue;
      }
      pieces.push(stream.subarray(i));
      break;
    }
    offset += stream.length;
    // Edits at the very end (after the last byte).
    while (final && sorted[k] && (sorted[k] as Edit).from >= offset)
      pieces.push(o.text((sorted[k++] as Edit).text));
    push(o.bytes(concat(pieces), final));
  };
  const cursor = new InflateCursor(zip, entry, (chunk) => {
    if (!input) {
      enc = detectEncoding(chunk);
      input = new InputTranscoder(enc);
      output = new OutputEncoder(enc);
    }
    take(input.push(chunk), false);
  });
  while (cursor.step());
  if (input) take(input.push(new Uint8Array(0), true), true);
}
