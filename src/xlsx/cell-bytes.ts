/**
 * The bytes of the add-in's cells, built straight into a buffer instead of as strings that are
 * then encoded: a 100,000-row check inserts about 1.2 million cells, and building each as a
 * template string and encoding it was a tenth of the check's time and a third of its garbage.
 * @packageDocumentation
 */

const SIZE = 1 << 16;

/** ASCII text as bytes (the fixed pieces of a cell: tags, styles, a column's letters). */
export function asciiBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/** Whether `text` is ASCII only. */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * A forward-only byte builder. Bytes of a piece are written, then {@link CellBytes.take} hands them
 * out as a view; a view handed out is never written again (a full buffer is left to its views
 * and a new one started), so the views can be kept until they are deflated.
 *
 * @example
 * ```ts
 * const b = new CellBytes();
 * b.ascii('<c r="A');
 * b.uint(12);
 * new TextDecoder().decode(b.take()) // => '<c r="A12'
 * ```
 */
export class CellBytes {
  private buf = new Uint8Array(SIZE);
  private at = 0;
  private from = 0;
  private readonly encoder = new TextEncoder();

  /** Room for `n` more bytes of the piece at hand. */
  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const piece = this.at - this.from;
    const next = new Uint8Array(Math.max(SIZE, (piece + n) * 2));
    next.set(this.buf.subarray(this.from, this.at), 0);
    this.buf = next;
    this.from = 0;
    this.at = piece;
  }

  /** Appends bytes. */
  bytes(b: Uint8Array): void {
    const n = b.length;
    if (n <= 32) return this.short(b, n);
    this.room(n);
    this.buf.set(b, this.at);
    this.at += n;
  }

  /** Appends ASCII text (the caller knows it is ASCII). */
  ascii(text: string): void {
    const n = text.length;
    this.room(n);
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < n; i++) buf[at++] = text.charCodeAt(i);
    this.at = at;
  }

  /** Appends any text as UTF-8. */
  utf8(text: string): void {
    this.room(text.length * 3);
    this.at += this.encoder.encodeInto(text, this.buf.subarray(this.at)).written;
  }

  /** Appends the first `n` bytes of `b` (a short piece made once and written often). */
  short(b: Uint8Array, n: number): void {
    this.room(n);
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < n; i++) buf[at++] = b[i] as number;
    this.at = at;
  }

  /** Appends the decimal digits of a non-negative safe integer. */
  uint(value: number): void {
    this.room(16);
    this.at += digitsOf(value, this.buf, this.at);
  }

  /**
   * Appends a number as JavaScript writes it (`String(value)`), without a string for amounts with
   * at most two decimals (every money cell the add-in writes).
   */
  number(value: number): void {
    const fen = fenOf(value);
    if (fen === undefined) {
      this.ascii(String(value));
      return;
    }
    let abs = fen;
    if (fen < 0) {
      this.room(1);
      this.buf[this.at++] = 45; // "-"
      abs = -fen;
    }
    const cents = abs % 100;
    this.uint((abs - cents) / 100);
    if (cents === 0) return;
    this.room(3);
    const buf = this.buf;
    buf[this.at++] = 46; // "."
    const tens = Math.floor(cents / 10);
    buf[this.at++] = 48 + tens;
    if (cents % 10 !== 0) buf[this.at++] = 48 + (cents % 10);
  }

  /** Drops what was written since the last take. */
  discard(): void {
    this.at = this.from;
  }

  /** Bytes written since the last take. */
  get length(): number {
    return this.at - this.from;
  }

  /** The piece written since the last take, as a view that stays valid. */
  take(): Uint8Array {
    const view = this.buf.subarray(this.from, this.at);
    this.from = this.at;
    return view;
  }
}

/**
 * The decimal digits of a non-negative safe integer into `out` from `at` (16 bytes of room);
 * returns how many.
 */
export function digitsOf(value: number, out: Uint8Array, at = 0): number {
  let digits = 1;
  for (let t = value; t >= 10; t = Math.floor(t / 10)) digits++;
  let n = value;
  for (let k = at + digits; k > at;) {
    const q = Math.floor(n / 10);
    out[--k] = 48 + (n - q * 10);
    n = q;
  }
  return digits;
}

/**
 * A number's whole fen when it has at most two decimals and String() writes it plainly (every
 * amount the add-in writes); undefined otherwise (the caller writes String(value)).
 */
export function fenOf(value: number): number | undefined {
  const fen = Math.round(value * 100);
  return fen / 100 !== value || fen > 1e13 || fen < -1e13 || Object.is(value, -0) ? undefined : fen;
}
