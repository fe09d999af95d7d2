/**
 * Rule updates a seller keeps in the workbook: an `AE Rules` sheet of `rule id · figure · value`
 * rows, turned into the same override document a JSON file gives and validated by
 * {@link applyPackOverride} with its messages (each naming the sheet row). And what an override
 * changed, for every report.
 * @packageDocumentation
 */
import { parseBoolean, parseNumber, parseTimeOfDay, unwrapCell, isBlankCell } from "../cells";
import { splitList } from "../text";
import { SEVERITY_WORDS as SEVERITY_NAMES, type Severity } from "../issues";
import { CONFLICT_DECLS, RULE_DECLS, RULE_IDS, type RuleDecl, type RuleId, type RulePack } from "./default";
import type { Fig } from "./figures";
import { applyPackOverride, type OverrideResult } from "./override";

const TOP_ROWS: Readonly<Record<string, "id" | "version" | "effectiveDate">> = {
  id: "id",
  packid: "id",
  规则包: "id",
  version: "version",
  版本: "version",
  effectivedate: "effectiveDate",
  asof: "effectiveDate",
  生效日期: "effectiveDate",
  日期: "effectiveDate",
};
const CONFLICT_ROWS = new Set(["conflict", "conflicts", "冲突"]);
const SEVERITY_WORDS: Readonly<Record<string, string>> = {
  错误: "error",
  警告: "warning",
  提示: "info",
  信息: "info",
  缺失: "missing",
};
const HEADER_WORDS = new Set(["ruleid", "rule", "规则编号", "规则", "规则id"]);

const key = (v: unknown): string =>
  String(unwrapCell(v) ?? "")
    .normalize("NFKC")
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "");
const text = (v: unknown): string => String(unwrapCell(v) ?? "").trim();

/** A cell as the value a figure of this spec takes (the override then validates it). */
function figureValue(fig: Fig<unknown> | undefined, raw: unknown): unknown {
  const v = unwrapCell(raw);
  if (!fig) return typeof v === "string" ? v.trim() : v;
  switch (fig.spec.type) {
    case "number": {
      const n = parseNumber(v);
      return n.ok ? n.value : v;
    }
    case "rate":
      return typeof v === "string" ? v.trim() : v;
    case "boolean": {
      const b = parseBoolean(v);
      return b.ok ? b.value : v;
    }
    case "time": {
      const t = parseTimeOfDay(v);
      return t.ok
        ? `${String(Math.floor(t.value / 60)).padStart(2, "0")}:${String(t.value % 60).padStart(2, "0")}`
        : v;
    }
    case "duration":
    case "version":
      return typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : v;
    case "stringList":
      return typeof v === "string" ? splitList(v) : v;
    default: {
      // A table given whole as JSON text.
      if (typeof v === "string" && /^\s*[{[]/.test(v)) {
        try {
          return JSON.parse(v) as unknown;
        } catch {
          return v;
        }
      }
      return v;
    }
  }
}

/** The override document of an `AE Rules` sheet, and which sheet row each key came from. */
export interface RulesSheetDocument {
  readonly override: Record<string, unknown>;
  /** Override path ("rules.FEE-SEMI-BASE.rate", "version") → 1-based sheet row. */
  readonly rows: ReadonlyMap<string, number>;
}

/**
 * Reads `rule id · figure · value` rows (a heading row is skipped; `id`, `version` and
 * `effectiveDate` rows, with the value in the figure or value column, rename the pack;
 * `conflict · <id> · A|B` rows choose a conflict side). A table figure takes one entry per row
 * as `rates.sports-outdoor`, merged into the pack's table.
 *
 * @example
 * ```ts
 * rulesSheetDocument([["规则编号", "参数", "取值"], ["FEE-SEMI-BASE", "rate", "3%"]], defaultRulePack()).override
 * // => { rules: { "FEE-SEMI-BASE": { rate: "3%" } } }
 * ```
 */
export function rulesSheetDocument(
  rows: ReadonlyArray<readonly unknown[] | undefined>,
  base: RulePack,
): RulesSheetDocument {
  const override: Record<string, unknown> = {};
  const rules: Record<string, Record<string, unknown>> = {};
  const conflicts: Record<string, unknown> = {};
  const origin = new Map<string, number>();
  rows.forEach((row, i) => {
    if (!row || row.slice(0, 3).every(isBlankCell)) return;
    const sheetRow = i + 1;
    const a = key(row[0]);
    if (i === 0 && HEADER_WORDS.has(a)) return;
    const top = TOP_ROWS[a];
    if (top) {
      override[top] = text(isBlankCell(row[2]) ? row[1] : row[2]);
      origin.set(top, sheetRow);
      return;
    }
    if (CONFLICT_ROWS.has(a)) {
      const id = text(row[1]);
      conflicts[id] = text(row[2]).toUpperCase();
      origin.set(`conflicts.${id}`, sheetRow);
      return;
    }
    const id = text(row[0]);
    const ruleId = (RULE_IDS as readonly string[]).find((r) => r.toLowerCase() === id.toLowerCase()) ?? id;
    const figure = text(row[1]);
    const figures = (rules[ruleId] ??= {});
    const decl = (RULE_DECLS as Record<string, RuleDecl<Record<string, Fig<unknown>>>>)[ruleId];
    if (figure.toLowerCase() === "severity" || figure === "级别") {
      const s = text(row[2]);
      figures["severity"] = SEVERITY_WORDS[s] ?? s.toLowerCase();
      origin.set(`rules.${ruleId}.severity`, sheetRow);
      return;
    }
    const dot = figure.indexOf(".");
    if (dot > 0 && decl?.figures[figure.slice(0, dot)]) {
      // One entry of a table: merged into the pack's table (or the entries given above it).
      const name = figure.slice(0, dot);
      const entry = figure.slice(dot + 1);
      const current = (figures[name] ??
        (base.rules as unknown as Record<string, { figures: Record<string, unknown> }>)[ruleId]?.figures[
          name
        ] ??
        {}) as Record<string, unknown>;
      const fig = decl.figures[name];
      const value =
        fig?.spec.type === "listTable" && typeof unwrapCell(row[2]) === "string"
          ? splitList(text(row[2]))
          : fig?.spec.type === "numberTable"
            ? figureValue({ value: 0, spec: { type: "number", min: 0, unit: "" } }, row[2])
            : unwrapCell(row[2]);
      figures[name] = { ...current, [entry]: typeof value === "string" ? value.trim() : value };
      origin.set(`rules.${ruleId}.${name}`, sheetRow);
      return;
    }
    figures[figure] = figureValue(decl?.figures[figure], row[2]);
    origin.set(`rules.${ruleId}.${figure}`, sheetRow);
    if (!decl) origin.set(`rules.${ruleId}`, sheetRow);
  });
  if (Object.keys(rules).length > 0) override["rules"] = rules;
  if (Object.keys(conflicts).length > 0) override["conflicts"] = conflicts;
  return { override, rows: origin };
}

/**
 * Applies an `AE Rules` sheet to a pack. Every problem is reported, each with its sheet row
 * ("row 4: rules.FEE-SEMI-BAS: unknown rule id (did you mean 'FEE-SEMI-BASE'?)"); then the pack is
 * not changed at all.
 */
export function applyRulesSheet(
  base: RulePack,
  rows: ReadonlyArray<readonly unknown[] | undefined>,
): OverrideResult {
  const doc = rulesSheetDocument(rows, base);
  if (Object.keys(doc.override).length === 0)
    return { ok: false, errors: ["the sheet has no rule rows (rule id · figure · value)"] };
  const result = applyPackOverride(base, doc.override);
  if (result.ok) return result;
  const paths = [...doc.rows.keys()].sort((a, b) => b.length - a.length);
  return {
    ok: false,
    errors: result.errors.map((e) => {
      const path = paths.find((p) => e === p || e.startsWith(`${p}:`) || e.startsWith(`${p}.`));
      return path === undefined ? e : `row ${doc.rows.get(path) as number}: ${e}`;
    }),
  };
}

/**
 * The figures of rule `id` that differ between two packs, as texts (a figure that is an object or
 * list as JSON).
 *
 * @example
 * ```ts
 * figureChanges(base, withMax2, "SEMI-K-DUP-LISTING") // => [{ name: "maxListings", was: "5", now: "2" }]
 * ```
 */
export function figureChanges(
  base: RulePack,
  pack: RulePack,
  id: RuleId,
): Array<{ name: string; was: string; now: string }> {
  const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));
  const was = (base.rules[id] as { figures: Record<string, unknown> } | undefined)?.figures;
  const now = (pack.rules[id] as { figures: Record<string, unknown> } | undefined)?.figures;
  if (!was || !now) return [];
  return Object.entries(now)
    .filter(([name, value]) => show(value) !== show(was[name]))
    .map(([name, value]) => ({ name, was: show(was[name]), now: show(value) }));
}

/**
 * What an overridden pack changes from a base pack, one text per change
 * ("FEE-SEMI-BASE.rate 0.035 → 0.03", "SEMI-K-WEIGHT severity error → warning",
 * "conflict full-licence-age A → B", "version 2024.1 → 2026.11"). Empty when nothing changed.
 *
 * @example
 * ```ts
 * const r = applyPackOverride(defaultRulePack(), { rules: { "FEE-SEMI-BASE": { rate: "3%" } } });
 * r.ok && packChanges(defaultRulePack(), r.pack) // => ["FEE-SEMI-BASE.rate 0.035 → 0.03"]
 * ```
 */
export function packChanges(base: RulePack, pack: RulePack, lang: "en" | "zh" = "en"): string[] {
  const out: string[] = [];
  const zh = lang === "zh";
  const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));
  const word = (s: string) => (zh ? (SEVERITY_NAMES[s as Severity]?.zh ?? s) : s);
  const KEY_ZH: Record<string, string> = { id: "编号", version: "版本", effectiveDate: "生效日期" };
  for (const k of ["id", "version", "effectiveDate"] as const)
    if (base[k] !== pack[k]) out.push(`${zh ? KEY_ZH[k] : k} ${base[k]} → ${pack[k]}`);
  const br = base.rules as unknown as Record<string, { severity: string; figures: Record<string, unknown> }>;
  const pr = pack.rules as unknown as Record<string, { severity: string; figures: Record<string, unknown> }>;
  for (const id of RULE_IDS as readonly RuleId[]) {
    const b = br[id];
    const p = pr[id];
    if (!b || !p) continue;
    for (const c of figureChanges(base, pack, id)) out.push(`${id}.${c.name} ${c.was} → ${c.now}`);
    if (b.severity !== p.severity)
      out.push(`${id} ${zh ? "严重程度" : "severity"} ${word(b.severity)} → ${word(p.severity)}`);
  }
  for (const id of Object.keys(CONFLICT_DECLS) as (keyof typeof CONFLICT_DECLS)[])
    if (base.conflicts[id].choice !== pack.conflicts[id].choice)
      out.push(
        `${zh ? "来源冲突" : "conflict"} ${id} ${base.conflicts[id].choice} → ${pack.conflicts[id].choice}`,
      );
  for (const [name, family] of Object.entries(pack.categoryNames))
    if (base.categoryNames[name] !== family) out.push(`${zh ? "类目" : "category"} ${name} → ${family}`);
  for (const [family, words] of Object.entries(pack.categoryKeywords))
    if (show(words) !== show((base.categoryKeywords as Record<string, unknown>)[family]))
      out.push(`${zh ? "类目关键词" : "categoryKeywords"}.${family} → ${show(words)}`);
  return out;
}
