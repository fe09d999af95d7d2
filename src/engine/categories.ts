/**
 * Category families (rules-spec §5): a seller's category text in Chinese or English,
 * first- or second-level, maps to apparel / home / electronics / sports-outdoor / other.
 * The keyword table lives in the rule pack, so a user can edit it.
 * @packageDocumentation
 */
import { compactKey } from "./text";

/** The families fees and rules are keyed by. */
export type CategoryFamily = "apparel" | "home" | "electronics" | "sports-outdoor" | "other";

/** Every family. */
export const CATEGORY_FAMILIES: readonly CategoryFamily[] = [
  "apparel",
  "home",
  "electronics",
  "sports-outdoor",
  "other",
];

/** Family labels for messages. */
export const FAMILY_LABELS: Readonly<Record<CategoryFamily, { en: string; zh: string }>> = {
  apparel: { en: "apparel", zh: "服饰" },
  home: { en: "home", zh: "家居" },
  electronics: { en: "consumer electronics", zh: "消费电子" },
  "sports-outdoor": { en: "sports & outdoor", zh: "运动户外" },
  other: { en: "other", zh: "其他" },
};

/** A compiled category matcher: exact names first, then the longest keyword found in the text. */
export interface CategoryMatcher {
  familyOf(category: string): CategoryFamily;
}

/**
 * Builds a matcher from `keywords` (family → keywords searched inside the category text)
 * and `exact` (a user's own category names → family, matched whole).
 *
 * @example
 * ```ts
 * const m = buildCategoryMatcher({ home: ["家居"], electronics: ["消费电子", "3c"] }, { "户外家具": "home" });
 * m.familyOf("家居园艺 > 厨房用品") // => "home"
 * m.familyOf("3C数码配件")          // => "electronics"
 * m.familyOf("户外家具")            // => "home"
 * m.familyOf("宠物用品")            // => "other"
 * ```
 */
export function buildCategoryMatcher(
  keywords: Readonly<Partial<Record<CategoryFamily, readonly string[]>>>,
  exact: Readonly<Record<string, CategoryFamily>> = {},
): CategoryMatcher {
  const exactMap = new Map(
    Object.entries(exact).map(([name, family]) => [compactKey(name), family] as const),
  );
  const list = Object.entries(keywords)
    .flatMap(([family, words]) =>
      (words ?? []).map((w) => [compactKey(w), family as CategoryFamily] as const),
    )
    .filter(([word]) => word.length > 0)
    .sort((a, b) => b[0].length - a[0].length);
  const cache = new Map<string, CategoryFamily>();
  return {
    familyOf(category: string): CategoryFamily {
      const cached = cache.get(category);
      if (cached) return cached;
      const key = compactKey(category);
      let family: CategoryFamily = exactMap.get(key) ?? "other";
      if (!exactMap.has(key)) {
        for (const [word, fam] of list) {
          if (key.includes(word)) {
            family = fam;
            break;
          }
        }
      }
      if (cache.size < 10_000) cache.set(category, family);
      return family;
    },
  };
}
