/**
 * AE Modes engine: fees, weights and eligibility rules for AliExpress full-managed (全托管)
 * and semi-managed (半托管) modes. Pure: no Office, DOM or Node API. Every host (custom
 * functions, task pane, CLI) uses this module.
 * @packageDocumentation
 */
export * from "./arith";
export * from "./best-mode";
export * from "./card-fee";
export * from "./cells";
export * from "./categories";
export * from "./compile";
export * from "./evaluate";
export * from "./exact";
export * from "./fee-components";
export * from "./fees";
export * from "./fields";
export * from "./issues";
export * from "./mapping";
export * from "./markets";
export * from "./money";
export * from "./options";
export * from "./pricing";
export * from "./ratecard";
export * from "./profile";
export * from "./reconcile";
export * from "./settlement";
export * from "./text";
export * from "./units";
export * from "./weights";
export { applyPackOverride, type OverrideResult } from "./pack/override";
export {
  applyRulesSheet,
  figureChanges,
  packChanges,
  rulesSheetDocument,
  type RulesSheetDocument,
} from "./pack/sheet";
export {
  CONFLICT_DECLS,
  DEFAULT_PACK_META,
  RULE_DECLS,
  RULE_IDS,
  defaultRulePack,
  type ConflictId,
  type ModeId,
  type PackRule,
  type RuleId,
  type RulePack,
  type RuleScope,
  type SourceRef,
} from "./pack/default";
export { describeDuration, parseDuration, type FigureSpec } from "./pack/figures";
export { addDuration, SELLER_RULES, type SellerContext } from "./rules/seller";
export { SKU_RULES, type SkuRule } from "./rules/sku";
export { fmt, pct } from "./rules/format";
