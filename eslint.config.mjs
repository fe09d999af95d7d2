// ESLint flat config: typescript-eslint's recommended, type-aware rules for src/test/bench/scripts.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "*.config.js", "*.config.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      eqeqeq: ["error", "always", { null: "ignore" }],
    },
  },
  {
    // Plain CommonJS launchers (scripts/check.cjs) run in Node as they are.
    files: ["**/*.cjs"],
    languageOptions: { globals: { ...globals.node }, sourceType: "commonjs" },
  },
  {
    // Excel passes raw cell values: the metadata type "any" is what lets the functions read
    // "1,2kg" and say what is wrong with it instead of Excel's bare #VALUE!.
    files: ["src/functions/functions.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["src/taskpane/**/*.ts", "src/taskpane/**/*.tsx"],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The engine is pure: no Node, DOM or Office APIs.
    files: ["src/engine/**/*.ts"],
    languageOptions: { globals: {} },
    rules: {
      "no-restricted-imports": ["error", { patterns: ["node:*", "fs", "path", "os", "exceljs", "react*"] }],
      "no-restricted-globals": ["error", "window", "document", "Office", "Excel", "process", "require"],
    },
  },
);
