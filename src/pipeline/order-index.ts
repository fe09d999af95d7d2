/**
 * Finds repeated order ids among a statement's lines. A statement has one id per line, hundreds of
 * thousands of them; a JavaScript Map keyed by those strings spends most of its time on memory
 * misses. This open-addressing table keeps the lines and the ids' hashes in two flat integer
 * arrays sized once for the whole statement, and compares strings only when the hashes agree.
 * @packageDocumentation
 */

/** Which earlier line, if any, had the same key. */
export class OrderIndex {
  private readonly mask: number;
  /** Per slot: the line + 1 (0 = empty). */
  private readonly lines: Int32Array;
  /** Per slot: the key's hash. */
  private readonly hashes: Int32Array;
  private readonly keys: string[] = [];

  /** `capacity`: the most keys that will be added. */
  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.mask = size - 1;
    this.lines = new Int32Array(size);
    this.hashes = new Int32Array(size);
  }

  /**
   * Adds `key` for `line` and returns the first line that had it, or -1 when it is new (the
   * first line stays the one returned for every later repeat).
   *
   * @example
   * ```ts
   * const index = new OrderIndex(3);
   * index.firstOf("A", 0); // => -1
   * index.firstOf("B", 1); // => -1
   * index.firstOf("A", 2); // => 0
   * ```
   */
  firstOf(key: string, line: number): number {
    // FNV-1a over the UTF-16 code units.
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    let slot = (h ^ (h >>> 15)) & this.mask;
    for (;;) {
      const at = this.lines[slot] as number;
      if (at === 0) {
        this.lines[slot] = line + 1;
        this.hashes[slot] = h;
        this.keys[line] = key;
        return -1;
      }
      if (this.hashes[slot] === h && this.keys[at - 1] === key) return at - 1;
      slot = (slot + 1) & this.mask;
    }
  }
}
