/** Node's native raw deflate for the .xlsx writer (JSZip's JavaScript deflate is several times slower). */
import { crc32, deflateRawSync } from "node:zlib";

/**
 * Deflates a part's text: the bytes, the CRC-32 and the UTF-8 size, as the zip entry needs them.
 *
 * @example
 * ```ts
 * nodeDeflate("<sheetData/>").size // => 12
 * ```
 */
export function nodeDeflate(text: string | readonly string[]): {
  data: Uint8Array;
  crc32: number;
  size: number;
} {
  const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : utf8Pieces(text);
  return { data: deflateRawSync(bytes, { level: 1 }), crc32: crc32(bytes), size: bytes.length };
}

/** The UTF-8 bytes of pieces of text, in one buffer (without joining the pieces into one string). */
function utf8Pieces(pieces: readonly string[]): Buffer {
  let size = 0;
  for (const p of pieces) size += Buffer.byteLength(p, "utf8");
  const bytes = Buffer.allocUnsafe(size);
  let at = 0;
  for (const p of pieces) at += bytes.write(p, at, "utf8");
  return bytes;
}
