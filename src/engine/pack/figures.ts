/**
 * Figure declarations: every number, list or table in the rule pack is declared with
 * its type and bounds, so an override can be validated against the same declaration
 * the default value comes from.
 * @packageDocumentation
 */

/** The shape and bounds of one figure. */
export type FigureSpec =
  | { readonly type: "rate" }
  | {
      readonly type: "number";
      readonly min: number;
      readonly max?: number;
      readonly integer?: boolean;
      readonly unit: string;
    }
  | { readonly type: "duration" }
  | { readonly type: "time" }
  | { readonly type: "version" }
  | { readonly type: "boolean" }
  | { readonly type: "stringList" }
  | { readonly type: "rateTable" }
  | { readonly type: "numberTable"; readonly min: number; readonly unit: string }
  | { readonly type: "listTable" };

/** A declared figure: its default value and its spec. */
export interface Fig<T> {
  readonly value: T;
  readonly spec: FigureSpec;
  /** Set when the sources are silent and this value is the pack's chosen default (rules-spec "Defaults where B is silent"). */
  readonly defaultNote?: string;
}

/** A rate (fraction, 0 ≤ r ≤ 1), e.g. 0.035 for 3.5 %. */
export const rate = (value: number, defaultNote?: string): Fig<number> =>
  withNote({ value, spec: { type: "rate" } }, defaultNote);
/** A non-negative amount in `unit`. */
export const amount = (
  value: number,
  unit: string,
  defaultNote?: string,
  opts: { min?: number; integer?: boolean } = {},
): Fig<number> =>
  withNote(
    { value, spec: { type: "number", min: opts.min ?? 0, unit, ...(opts.integer ? { integer: true } : {}) } },
    defaultNote,
  );
/** A whole count. */
export const count = (value: number, unit: string): Fig<number> => ({
  value,
  spec: { type: "number", min: 0, integer: true, unit },
});
/** A duration "P180D", "P1Y", "P6M". */
export const duration = (value: string): Fig<string> => ({ value, spec: { type: "duration" } });
/** A time of day "16:00". */
export const timeOfDay = (value: string): Fig<string> => ({ value, spec: { type: "time" } });
/** A dotted version "3.2". */
export const version = (value: string): Fig<string> => ({ value, spec: { type: "version" } });
/** A list of texts. */
export const texts = <T extends string>(value: readonly T[]): Fig<readonly T[]> => ({
  value,
  spec: { type: "stringList" },
});
/** A table key → rate. */
export const rateTable = (
  value: Readonly<Record<string, number>>,
): Fig<Readonly<Record<string, number>>> => ({ value, spec: { type: "rateTable" } });
/** A table key → amount. */
export const amountTable = (
  value: Readonly<Record<string, number>>,
  unit: string,
): Fig<Readonly<Record<string, number>>> => ({
  value,
  spec: { type: "numberTable", min: 0, unit },
});
/** A table key → list of texts. */
export const listTable = (
  value: Readonly<Record<string, readonly string[]>>,
): Fig<Readonly<Record<string, readonly string[]>>> => ({
  value,
  spec: { type: "listTable" },
});

function withNote<T>(fig: Fig<T>, defaultNote: string | undefined): Fig<T> {
  return defaultNote === undefined ? fig : { ...fig, defaultNote };
}

/** Parses "P180D" / "P1Y" / "P6M" into its parts, or undefined. */
export function parseDuration(text: string): { amount: number; unit: "Y" | "M" | "D" } | undefined {
  const m = /^P(\d{1,5})([YMD])$/.exec(text);
  return m ? { amount: Number(m[1]), unit: m[2] as "Y" | "M" | "D" } : undefined;
}

/** Describes a duration for messages. */
export function describeDuration(text: string): { en: string; zh: string } {
  const d = parseDuration(text);
  if (!d) return { en: text, zh: text };
  const en = { Y: "year", M: "month", D: "day" }[d.unit];
  const zh = { Y: "年", M: "个月", D: "天" }[d.unit];
  return { en: `${d.amount} ${en}${d.amount === 1 ? "" : "s"}`, zh: `${d.amount}${zh}` };
}
