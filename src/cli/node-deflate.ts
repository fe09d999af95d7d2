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
export function nodeDeflate(text: string): { data: Uint8Array; crc32: number; size: number } {
  const bytes = Buffer.from(text, "utf8");
  return { data: deflateRawSync(bytes, { level: 1 }), crc32: crc32(bytes), size: bytes.length };
}
