/**
 * The runtime's one engine: the rule pack compiled once and shared by every host in the
 * runtime — the custom functions (src/functions) and the task pane (src/taskpane) import it from
 * here, so a shared runtime holds a single engine and pack.
 * @packageDocumentation
 */
import { Engine } from "../engine";

/** The engine and pack of this runtime: built once, shared by every call and by the task pane. */
export const engine = new Engine();

/**
 * The rule pack's id, version and date, as AE.RULESVERSION and the pane show it.
 *
 * @example
 * ```ts
 * rulesVersion() // => "ae-modes-default 1.0.0 (2025-06-30)"
 * ```
 */
export function rulesVersion(): string {
  return `${engine.pack.id} ${engine.pack.version} (${engine.pack.effectiveDate})`;
}
