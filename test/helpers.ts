/**
 * Table-driven helpers: run the engine over a small sheet and pick the issues of one rule.
 */
import {
  Engine,
  evaluateSheet,
  type CheckMode,
  type FeeOptions,
  type Issue,
  type RowResult,
} from "../src/engine";

export const engine = new Engine();
export const compiled = engine.compiled;

/** Evaluates `rows` under `headers` and returns each row's result. */
export function run(
  mode: CheckMode,
  headers: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  fees: FeeOptions = {},
  e: Engine = engine,
): RowResult[] {
  return [...evaluateSheet(e, headers, rows, { mode, fees }).rows];
}

/** The issues of `ruleId` on each row. */
export function issuesOf(
  ruleId: string,
  mode: CheckMode,
  headers: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  fees: FeeOptions = {},
): Issue[][] {
  return run(mode, headers, rows, fees).map((r) => r.issues.filter((i) => i.ruleId === ruleId));
}

/** One row, one rule: the severities raised (empty when the rule passes). */
export function severities(
  ruleId: string,
  mode: CheckMode,
  headers: readonly unknown[],
  row: readonly unknown[],
  fees: FeeOptions = {},
): string[] {
  return (issuesOf(ruleId, mode, headers, [row], fees)[0] ?? []).map((i) => i.severity);
}

/** A table case: a label, the row's cells and the severities expected from the rule. */
export type Case = readonly [label: string, row: readonly unknown[], expected: readonly string[]];
