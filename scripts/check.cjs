#!/usr/bin/env node
// `npm run check`: runs the CLI from one esbuild bundle (dist/cli/check.js), rebuilt only when a
// file under src/ is newer than it. Compiling the TypeScript on every run (tsx) cost about 0.7 s of
// start-up per file; a folder of workbooks checked one by one paid that for each.
/* eslint-disable @typescript-eslint/no-require-imports */
"use strict";
const { existsSync, readdirSync, statSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "..");
const bundle = join(root, "dist", "cli", "check.js");

/** The newest modification time of the files under a folder. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const sources = Math.max(newest(join(root, "src")), statSync(join(root, "package.json")).mtimeMs);
if (!existsSync(bundle) || statSync(bundle).mtimeMs < sources) {
  require("esbuild").buildSync({
    entryPoints: [join(root, "src", "cli", "check.ts")],
    bundle: true,
    platform: "node",
    target: "node20",
    outfile: bundle,
    logLevel: "error",
  });
}
const { main } = require(bundle);
main(process.argv.slice(2)).then((code) => process.exit(code));
