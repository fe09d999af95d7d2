/**
 * `npm start`: checks the bundled semi-managed sample workbook and writes the annotated copy to
 * out/catalog-semi.checked.xlsx, shows the full-managed sample in compare mode, and reconciles the
 * sample statement.
 * (The task pane will take over `npm start` when it lands.)
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { main } from "../src/cli/check";

async function start(): Promise<void> {
  const out = join(__dirname, "../out");
  mkdirSync(out, { recursive: true });
  const samples = join(__dirname, "../assets/samples");
  console.log(
    "AE Modes — checking the bundled sample catalog (assets/samples/catalog-semi.xlsx), semi-managed, ship-from 250 km\n",
  );
  let code = await main([
    join(samples, "catalog-semi.xlsx"),
    "--mode",
    "semi",
    "--distance",
    "250",
    "--out",
    join(out, "catalog-semi.checked.xlsx"),
  ]);
  console.log(
    "\nAnd the full-managed sample (assets/samples/catalog-full.xlsx), both modes compared, in Chinese:\n",
  );
  code ||= await main([
    join(samples, "catalog-full.xlsx"),
    "--mode",
    "compare",
    "--fx",
    "7.1",
    "--lang",
    "zh",
    "--out",
    join(out, "catalog-full.checked.xlsx"),
  ]);
  console.log("\nAnd a platform statement (assets/samples/statement.xlsx), reconciled against the rules:\n");
  code ||= await main([
    join(samples, "statement.xlsx"),
    "--reconcile",
    "--out",
    join(out, "statement.checked.xlsx"),
  ]);
  console.log(
    "\nOpen the files in out/ with Excel, WPS or LibreOffice: the AE columns follow your own, and the 'AE Report' sheet lists what to fix.",
  );
  console.log(
    "Your own workbook: npm run check -- path/to/catalog.xlsx --mode semi|full|compare   (see README)",
  );
  process.exitCode = code;
}

void start();
