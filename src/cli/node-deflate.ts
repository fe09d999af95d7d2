/** Node's native raw deflate for the .xlsx writer (JSZip's JavaScript deflate is several times slower). */
import { constants, crc32, deflateRaw, deflateRawSync } from "node:zlib";
import type { CompressedText, TextCompressor } from "../xlsx/write";

/** Text gathered before it is sent to the thread pool (fewer, larger deflate calls). */
const BATCH = 1 << 18;
const LEVEL = { level: 1 };
/** Every batch but the last ends on a byte boundary without the final-block bit (as pigz does). */
const BATCH_OPTIONS = { level: 1, finishFlush: constants.Z_SYNC_FLUSH };

/**
 * A compressor for one part: each batch of text is deflated on Node's zlib thread pool while the
 * caller goes on producing the next. The batches' outputs, each ended by a sync flush, and a
 * final empty block make one raw-deflate stream (each batch starts without a dictionary, which
 * costs well under 1 % in size at this batch size). The CRC-32 and size are taken as it goes.
 *
 * @example
 * ```ts
 * const c = nodeDeflate();
 * c.push("<sheetData/>");
 * (await c.finish()).size // => 12
 * ```
 */
export function nodeDeflate(): TextCompressor {
  const batches: Array<Promise<Buffer>> = [];
  let crc = 0;
  let size = 0;
  let pending: string[] = [];
  let pendingLength = 0;
  const send = () => {
    const bytes = Buffer.from(pending.length === 1 ? (pending[0] as string) : pending.join(""), "utf8");
    pending = [];
    pendingLength = 0;
    crc = crc32(bytes, crc);
    size += bytes.length;
    // An output buffer the whole batch fits in: with zlib's default 16 KB the thread pool hands
    // every 16 KB back to the main thread to go on, and the main thread is busy writing the sheet.
    const options = { ...BATCH_OPTIONS, chunkSize: bytes.length + (bytes.length >> 6) + 1024 };
    const batch = new Promise<Buffer>((resolve, reject) =>
      deflateRaw(bytes, options, (e, out) => (e ? reject(e) : resolve(out))),
    );
    // Awaited in finish(); this keeps a failure from being reported as unhandled before then.
    batch.catch(() => undefined);
    batches.push(batch);
  };
  return {
    push(text: string): void {
      if (text === "") return;
      pending.push(text);
      pendingLength += text.length;
      if (pendingLength >= BATCH) send();
    },
    async finish(): Promise<CompressedText> {
      if (pendingLength > 0) send();
      const outputs = await Promise.all(batches);
      outputs.push(deflateRawSync(Buffer.alloc(0), LEVEL));
      return { data: Buffer.concat(outputs), crc32: crc, size };
    },
  };
}
