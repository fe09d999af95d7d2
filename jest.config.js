/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  maxWorkers: 2,
  setupFiles: ["<rootDir>/test/setup-encoding.ts"],
  // The default 5 s is too short on a loaded 2-core machine (the project's own, and CI's).
  testTimeout: 30_000,
};
