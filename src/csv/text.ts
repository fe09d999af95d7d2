/**
 * Delimited text in: the bytes' encoding detected (UTF-8 with or without a byte-order mark,
 * UTF-16 with one, else GB18030 — the superset of GBK that Chinese Excel's and WPS's
 * "CSV (逗号分隔)" write), the delimiter detected (comma, tab or semicolon, or an Excel `sep=`
 * line), and the fields parsed by papaparse (quoted fields may hold delimiters, quotes and line
 * breaks). Runs in Node and in the browser: TextDecoder and papaparse are in both.
 * @packageDocumentation
 */
import Papa from "papaparse";

/** A file that cannot be read as delimited text: a one-line reason in English and Chinese. */
export class CsvError extends Error {
  constructor(
    message: string,
    readonly zh: string,
  ) {
    super(message);
  }
}

export type TextEncoding = "utf-8" | "utf-8 (BOM)" | "utf-16le" | "utf-16be" | "gb18030";

/** The delimiters detected, in the order ties are broken. */
export const DELIMITERS = [",", "\t", ";"] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** The name of a delimiter for messages. */
export function delimiterName(d: Delimiter): { en: string; zh: string } {
  return d === ","
    ? { en: "comma", zh: "逗号" }
    : d === "\t"
      ? { en: "tab", zh: "制表符" }
      : { en: "semicolon", zh: "分号" };
}

function decoder(label: string): TextDecoder {
  try {
    return new TextDecoder(label, { fatal: true });
  } catch {
    // A runtime without the encoding (Node built without ICU data): say so rather than guess.
    throw new CsvError(
      `this runtime cannot decode ${label} text`,
      `当前运行环境无法解码 ${label} 编码的文本`,
    );
  }
}

/**
 * The text of a file and the encoding it was found in. A byte-order mark decides; without one
 * the bytes are UTF-8 if they are valid UTF-8 (ASCII is), else GB18030. Bytes valid in neither,
 * and files holding NUL bytes (binary files, UTF-16 without a mark), are refused.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xff && b1 === 0xfe) return { text: decode(bytes, "utf-16le"), encoding: "utf-16le" };
  if (b0 === 0xfe && b1 === 0xff) return { text: decode(bytes, "utf-16be"), encoding: "utf-16be" };
  if (bytes.indexOf(0) >= 0)
    throw new CsvError(
      "not a text file (it holds NUL bytes): save it as CSV (comma-separated) or CSV UTF-8",
      "不是文本文件（含有 NUL 字节）：请另存为“CSV（逗号分隔）”或“CSV UTF-8”",
    );
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf)
    return { text: decode(bytes, "utf-8"), encoding: "utf-8 (BOM)" };
  try {
    return { text: decoder("utf-8").decode(bytes), encoding: "utf-8" };
  } catch {
    // Not UTF-8: GB18030 (GBK's superset), what Chinese Windows writes.
  }
  try {
    return { text: decoder("gb18030").decode(bytes), encoding: "gb18030" };
  } catch (e) {
    if (e instanceof CsvError) throw e;
    throw new CsvError(
      "the text is neither UTF-8 nor GB18030/GBK: save it as CSV UTF-8",
      "文本既不是 UTF-8 也不是 GB18030/GBK 编码：请另存为“CSV UTF-8”",
    );
  }
}

function decode(bytes: Uint8Array, label: "utf-8" | "utf-16le" | "utf-16be"): string {
  try {
    // The decoder drops the byte-order mark itself.
    return decoder(label).decode(bytes);
  } catch (e) {
    if (e instanceof CsvError) throw e;
    throw new CsvError(
      `the file starts with a ${label.toUpperCase()} byte-order mark but is not valid ${label.toUpperCase()} text`,
      `文件以 ${label.toUpperCase()} 字节顺序标记开头，但内容不是有效的 ${label.toUpperCase()} 文本`,
    );
  }
}

/** The 1-based line of `text` at character `index`. */
function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/**
 * Parses delimited text into rows of fields. The delimiter is the one an Excel `sep=X` first line
 * names, else the one of comma, tab and semicolon that splits the first rows most consistently
 * (papaparse's detection; `prefer` breaks its ties and is used when no delimiter splits
 * anything, e.g. a one-column file). Empty rows are kept (they are rows of the sheet); trailing
 * ones are dropped. An unclosed quoted field is refused with its line.
 */
export function parseDelimited(
  text: string,
  prefer: Delimiter = ",",
): { rows: string[][]; delimiter: Delimiter } {
  let body = text;
  let delimiter: Delimiter | undefined;
  const sep = /^sep=(.)\r?\n/i.exec(body);
  if (sep) {
    const named = sep[1] as string;
    if (!(DELIMITERS as readonly string[]).includes(named))
      throw new CsvError(
        `the first line names the delimiter '${named}' (sep=${named}); comma, tab and semicolon are read`,
        `第一行指定的分隔符“${named}”（sep=${named}）不受支持；支持逗号、制表符和分号`,
      );
    delimiter = named as Delimiter;
    body = body.slice(sep[0].length);
  }
  if (delimiter === undefined) {
    const order = [prefer, ...DELIMITERS.filter((d) => d !== prefer)];
    const guess = Papa.parse<string[]>(body, {
      preview: 50,
      skipEmptyLines: "greedy",
      delimitersToGuess: order,
    });
    const found = guess.meta.delimiter as string;
    delimiter = (order as string[]).includes(found) && !guessFailed(guess) ? (found as Delimiter) : prefer;
  }
  const parsed = Papa.parse<string[]>(body, { delimiter, skipEmptyLines: false });
  const quotes = parsed.errors.find((e) => e.type === "Quotes");
  if (quotes) {
    const line = lineAt(body, quotes.index ?? 0) + (sep ? 1 : 0);
    throw new CsvError(
      `line ${line}: a quoted field is not closed (a " is missing or misplaced)`,
      `第 ${line} 行：引号内的字段没有结束（缺少 " 或位置不对）`,
    );
  }
  const rows = parsed.data;
  while (rows.length > 0 && (rows[rows.length - 1] as string[]).every((f) => f === "")) rows.pop();
  return { rows, delimiter };
}

function guessFailed(result: Papa.ParseResult<string[]>): boolean {
  return result.errors.some((e) => e.code === "UndetectableDelimiter");
}
