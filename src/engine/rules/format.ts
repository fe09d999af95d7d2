/**
 * Number formatting for issue messages.
 * @packageDocumentation
 */

/**
 * A number as a short text without binary noise.
 *
 * @example
 * ```ts
 * fmt(0.1 + 0.2) // => "0.3"
 * fmt(5000)      // => "5000"
 * ```
 */
export function fmt(n: number): string {
  const text = String(n);
  // Short texts are already clean; only long ones (0.30000000000000004) need trimming.
  return text.length <= 12 ? text : String(Number(n.toPrecision(12)));
}

/**
 * A fraction as a percentage text.
 *
 * @example
 * ```ts
 * pct(0.035) // => "3.5%"
 * ```
 */
export function pct(fraction: number): string {
  return `${fmt(fraction * 100)}%`;
}
