/**
 * User overrides of the rule pack: a JSON document that changes any figure, a rule's
 * severity, a conflict's choice or the category tables. It is validated against the
 * figure declarations as a whole; any problem rejects the whole override with messages
 * naming the key, so a pack is never half-replaced.
 * @packageDocumentation
 */
import { CATEGORY_FAMILIES, type CategoryFamily } from "../categories";
import type { Severity } from "../issues";
import {
  CONFLICT_DECLS,
  RULE_DECLS,
  RULE_IDS,
  type ConflictId,
  type PackRule,
  type RuleDecl,
  type RuleId,
  type RulePack,
} from "./default";
import { parseDuration, type Fig, type FigureSpec } from "./figures";

/** The result of applying an override. */
export type OverrideResult =
  { readonly ok: true; readonly pack: RulePack } | { readonly ok: false; readonly errors: readonly string[] };

const SEVERITIES: readonly Severity[] = ["error", "warning", "info", "missing"];
const TOP_KEYS = [
  "id",
  "version",
  "effectiveDate",
  "rules",
  "conflicts",
  "categories",
  "categoryKeywords",
  "$schema",
  "description",
];

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0] ?? 0;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j] ?? 0;
      dp[j] = Math.min((dp[j] ?? 0) + 1, (dp[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length] ?? 0;
}

function suggest(key: string, known: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(key.toUpperCase(), k.toUpperCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, key.length / 4)
    ? ` (did you mean '${best}'?)`
    : "";
}

/** Reads a rate given as a fraction (0.028) or a percentage text ("2.8%"). */
function readRate(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string") {
    const m = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(v);
    if (m) return Number((Number(m[1]) / 100).toPrecision(15));
  }
  return undefined;
}

/** Validates one figure value against its spec; returns the normalised value or an error text. */
function validateFigure(path: string, spec: FigureSpec, v: unknown): { value: unknown } | { error: string } {
  const fail = (what: string): { error: string } => ({ error: `${path}: ${what}, got ${JSON.stringify(v)}` });
  switch (spec.type) {
    case "rate": {
      const r = readRate(v);
      if (r === undefined) return fail('expected a rate such as 0.035 or "3.5%"');
      if (r < 0 || r > 1) return fail("a rate must be between 0 and 1 (0 % to 100 %)");
      return { value: r };
    }
    case "number": {
      if (typeof v !== "number" || !Number.isFinite(v)) return fail(`expected a number of ${spec.unit}`);
      if (v < spec.min) return fail(`must be at least ${spec.min} ${spec.unit}`);
      if (spec.max !== undefined && v > spec.max) return fail(`must be at most ${spec.max} ${spec.unit}`);
      if (spec.integer && !Number.isInteger(v)) return fail(`must be a whole number of ${spec.unit}`);
      return { value: v };
    }
    case "duration":
      return typeof v === "string" && parseDuration(v)
        ? { value: v }
        : fail('expected a duration such as "P180D", "P6M" or "P1Y"');
    case "time":
      return typeof v === "string" && /^([01]?\d|2[0-3]):[0-5]\d$/.test(v)
        ? { value: v }
        : fail('expected a time of day such as "16:00"');
    case "version":
      return typeof v === "string" && /^\d+(\.\d+)*$/.test(v)
        ? { value: v }
        : fail('expected a version such as "3.2"');
    case "boolean":
      return typeof v === "boolean" ? { value: v } : fail("expected true or false");
    case "stringList":
      return Array.isArray(v) && v.every((s) => typeof s === "string" && s.trim() !== "")
        ? { value: v }
        : fail("expected a list of non-empty texts");
    case "rateTable": {
      if (!isRecord(v)) return fail("expected an object of name → rate");
      const out: Record<string, number> = {};
      for (const [k, x] of Object.entries(v)) {
        const r = readRate(x);
        if (r === undefined || r < 0 || r > 1)
          return {
            error: `${path}.${k}: expected a rate between 0 and 1 (or "3.8%"), got ${JSON.stringify(x)}`,
          };
        out[k] = r;
      }
      return { value: out };
    }
    case "numberTable": {
      if (!isRecord(v)) return fail(`expected an object of name → number of ${spec.unit}`);
      for (const [k, x] of Object.entries(v)) {
        if (typeof x !== "number" || !Number.isFinite(x) || x < spec.min) {
          return {
            error: `${path}.${k}: expected a number of ${spec.unit} ≥ ${spec.min}, got ${JSON.stringify(x)}`,
          };
        }
      }
      return { value: v };
    }
    case "listTable": {
      if (!isRecord(v)) return fail("expected an object of name → list of texts");
      for (const [k, x] of Object.entries(v)) {
        if (!Array.isArray(x) || !x.every((s) => typeof s === "string"))
          return { error: `${path}.${k}: expected a list of texts, got ${JSON.stringify(x)}` };
      }
      return { value: v };
    }
  }
}

/** Keys of tables whose keys are category families. */
const FAMILY_KEYED = new Set(["FEE-FULL-FULFIL.rates", "FULL-K-CAPACITY.minByFamily"]);

/**
 * Applies a user's override document to a pack. The whole document is checked first;
 * with any problem the result lists every problem and the pack is unchanged.
 *
 * @example
 * ```ts
 * const r = applyPackOverride(defaultRulePack(), { rules: { "FEE-SEMI-BASE": { rate: "3%" } } });
 * r.ok && r.pack.rules["FEE-SEMI-BASE"].figures.rate // => 0.03
 * const bad = applyPackOverride(defaultRulePack(), { rules: { "FEE-SEMI-BAS": { rate: 2 } } });
 * bad.ok // => false; bad.errors[0] => "rules.FEE-SEMI-BAS: unknown rule id (did you mean 'FEE-SEMI-BASE'?)"
 * ```
 */
export function applyPackOverride(base: RulePack, override: unknown): OverrideResult {
  const errors: string[] = [];
  if (!isRecord(override)) return { ok: false, errors: ["the override must be a JSON object"] };
  for (const key of Object.keys(override)) {
    if (!TOP_KEYS.includes(key))
      errors.push(
        `${key}: unknown key${suggest(key, TOP_KEYS)}; allowed: ${TOP_KEYS.filter((k) => !k.startsWith("$")).join(", ")}`,
      );
  }
  for (const key of ["id", "version", "effectiveDate"] as const) {
    const v = override[key];
    if (v !== undefined && (typeof v !== "string" || v.trim() === ""))
      errors.push(`${key}: expected a non-empty text, got ${JSON.stringify(v)}`);
  }
  if (
    typeof override["effectiveDate"] === "string" &&
    !/^\d{4}-\d{2}-\d{2}$/.test(override["effectiveDate"])
  ) {
    errors.push(
      `effectiveDate: expected a date such as "2025-01-01", got ${JSON.stringify(override["effectiveDate"])}`,
    );
  }

  const figureChanges: Record<string, Record<string, unknown>> = {};
  const severityChanges: Record<string, Severity> = {};
  const rulesOverride = override["rules"];
  if (rulesOverride !== undefined) {
    if (!isRecord(rulesOverride)) errors.push("rules: expected an object of rule id → figures");
    else {
      for (const [id, figures] of Object.entries(rulesOverride)) {
        if (!(RULE_IDS as string[]).includes(id)) {
          errors.push(`rules.${id}: unknown rule id${suggest(id, RULE_IDS)}`);
          continue;
        }
        if (!isRecord(figures)) {
          errors.push(`rules.${id}: expected an object of figure → value`);
          continue;
        }
        const declared = (RULE_DECLS[id as RuleId] as RuleDecl<Record<string, Fig<unknown>>>).figures;
        const names = Object.keys(declared);
        for (const [name, value] of Object.entries(figures)) {
          const path = `rules.${id}.${name}`;
          if (name === "severity") {
            if (typeof value === "string" && (SEVERITIES as string[]).includes(value))
              severityChanges[id] = value as Severity;
            else
              errors.push(`${path}: expected one of ${SEVERITIES.join(", ")}, got ${JSON.stringify(value)}`);
            continue;
          }
          const fig = declared[name];
          if (!fig) {
            errors.push(
              `${path}: unknown figure${suggest(name, names)}; ${id} has ${names.length ? names.join(", ") : "no figures"} (and severity)`,
            );
            continue;
          }
          const checked = validateFigure(path, fig.spec, value);
          if ("error" in checked) errors.push(checked.error);
          else {
            if (FAMILY_KEYED.has(`${id}.${name}`)) {
              for (const k of Object.keys(checked.value as object)) {
                if (!(CATEGORY_FAMILIES as string[]).includes(k))
                  errors.push(`${path}.${k}: unknown category family; use ${CATEGORY_FAMILIES.join(", ")}`);
              }
            }
            (figureChanges[id] ??= {})[name] = checked.value;
          }
        }
      }
    }
  }

  const conflictChanges: Partial<Record<ConflictId, "A" | "B">> = {};
  const conflicts = override["conflicts"];
  if (conflicts !== undefined) {
    if (!isRecord(conflicts)) errors.push('conflicts: expected an object of conflict id → "A" or "B"');
    else {
      const known = Object.keys(CONFLICT_DECLS);
      for (const [id, choice] of Object.entries(conflicts)) {
        if (!known.includes(id))
          errors.push(`conflicts.${id}: unknown conflict${suggest(id, known)}; known: ${known.join(", ")}`);
        else if (choice !== "A" && choice !== "B")
          errors.push(`conflicts.${id}: expected "A" or "B", got ${JSON.stringify(choice)}`);
        else conflictChanges[id as ConflictId] = choice;
      }
    }
  }

  const categories = override["categories"];
  if (categories !== undefined) {
    if (!isRecord(categories)) errors.push("categories: expected an object of your category name → family");
    else {
      for (const [name, family] of Object.entries(categories)) {
        if (typeof family !== "string" || !(CATEGORY_FAMILIES as string[]).includes(family)) {
          errors.push(
            `categories.${name}: expected one of ${CATEGORY_FAMILIES.join(", ")}, got ${JSON.stringify(family)}`,
          );
        }
      }
    }
  }
  const keywords = override["categoryKeywords"];
  if (keywords !== undefined) {
    if (!isRecord(keywords)) errors.push("categoryKeywords: expected an object of family → list of keywords");
    else {
      for (const [family, list] of Object.entries(keywords)) {
        if (!(CATEGORY_FAMILIES as string[]).includes(family) || family === "other") {
          errors.push(
            `categoryKeywords.${family}: unknown family; use apparel, home, electronics, sports-outdoor`,
          );
        } else if (!Array.isArray(list) || !list.every((s) => typeof s === "string" && s.trim() !== "")) {
          errors.push(`categoryKeywords.${family}: expected a list of non-empty texts`);
        }
      }
    }
  }

  if (errors.length > 0) return { ok: false, errors };

  // Everything checked: build the new pack without touching `base`.
  const rules: Record<string, PackRule> = { ...(base.rules as unknown as Record<string, PackRule>) };
  const packConflicts: Record<string, RulePack["conflicts"][ConflictId]> = { ...base.conflicts };
  for (const [id, choice] of Object.entries(conflictChanges) as Array<[ConflictId, "A" | "B"]>) {
    const c = base.conflicts[id];
    packConflicts[id] = { ...c, choice };
    if (c.ruleId !== undefined && c.figure !== undefined) {
      const rule = rules[c.ruleId] as PackRule;
      rules[c.ruleId] = {
        ...rule,
        figures: { ...rule.figures, [c.figure]: c.values[choice] },
        conflict: { id, choice, values: c.values },
      };
    }
  }
  for (const id of new Set([...Object.keys(figureChanges), ...Object.keys(severityChanges)])) {
    const rule = rules[id] as PackRule;
    const severity = severityChanges[id];
    rules[id] = {
      ...rule,
      figures: { ...rule.figures, ...(figureChanges[id] ?? {}) },
      ...(severity ? { severity } : {}),
    };
  }
  const pack: RulePack = {
    id: typeof override["id"] === "string" ? override["id"] : base.id,
    version: typeof override["version"] === "string" ? override["version"] : base.version,
    effectiveDate:
      typeof override["effectiveDate"] === "string" ? override["effectiveDate"] : base.effectiveDate,
    rules: rules as unknown as RulePack["rules"],
    conflicts: packConflicts as unknown as RulePack["conflicts"],
    categoryKeywords: {
      ...base.categoryKeywords,
      ...((keywords as RulePack["categoryKeywords"] | undefined) ?? {}),
    },
    categoryNames: {
      ...base.categoryNames,
      ...((categories as Record<string, CategoryFamily> | undefined) ?? {}),
    },
  };
  return { ok: true, pack };
}
