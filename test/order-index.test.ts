import fc from "fast-check";
import { OrderIndex } from "../src/pipeline/order-index";

describe("OrderIndex", () => {
  test("returns the first line of a key seen before, -1 for a new one", () => {
    const index = new OrderIndex(5);
    expect(index.firstOf("AE-1", 0)).toBe(-1);
    expect(index.firstOf("AE-2", 1)).toBe(-1);
    expect(index.firstOf("AE-1", 2)).toBe(0);
    expect(index.firstOf("AE-1", 3)).toBe(0);
    expect(index.firstOf("", 4)).toBe(-1);
  });
  test("agrees with a Map over random keys, including a full table's worth of collisions", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 3 }), { maxLength: 400 }), (keys) => {
        const index = new OrderIndex(keys.length);
        const first = new Map<string, number>();
        keys.forEach((k, line) => {
          const expected = first.get(k) ?? -1;
          if (expected < 0) first.set(k, line);
          expect(index.firstOf(k, line)).toBe(expected);
        });
      }),
      { numRuns: 300 },
    );
  });
  test("200,000 distinct ids: none is reported as a repeat; each repeated later is", () => {
    const index = new OrderIndex(400_000);
    for (let i = 0; i < 200_000; i++) expect(index.firstOf(`8180${i}`, i)).toBe(-1);
    for (let i = 0; i < 200_000; i += 997) expect(index.firstOf(`8180${i}`, 200_000 + i)).toBe(i);
  });
});
