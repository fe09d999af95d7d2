/**
 * `npm start`: until the workbook check and the task pane land, shows the engine working on the
 * bundled sample catalog (assets/sample-catalog.json) in both modes, in English and Chinese.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Engine, evaluateSheet, formatFen, formatIssue, type CheckMode } from "../src/engine";

const sample = JSON.parse(readFileSync(join(__dirname, "../assets/sample-catalog.json"), "utf8")) as {
  headers: string[];
  rows: unknown[][];
};
const engine = new Engine();
console.log(
  `AE Modes — rule pack ${engine.pack.id} ${engine.pack.version} (effective ${engine.pack.effectiveDate})`,
);
console.log(`Sample catalog: assets/sample-catalog.json, ${sample.rows.length} SKUs\n`);
for (const mode of ["semi", "full"] as CheckMode[]) {
  const result = evaluateSheet(engine, sample.headers, sample.rows, { mode, fees: { distanceKm: 250 } });
  console.log(
    mode === "semi"
      ? "== Semi-managed 半托管 (ship-from 250 km from the warehouse) =="
      : "== Full-managed 全托管 ==",
  );
  result.rows.forEach((row, i) => {
    const sku = String(sample.rows[i]?.[0]);
    const fee = row.fee
      ? `fee ${formatFen(row.fee.total)} CNY (${row.fee.components
          .filter((c) => !c.amount.isZero())
          .map((c) => `${c.label.en} ${formatFen(c.amount)}`)
          .join(", ")})`
      : "fee not computed";
    console.log(`${sku.padEnd(8)} ${row.status.padEnd(23)} ${fee}`);
    for (const issue of row.issues)
      console.log(`         - ${formatIssue(issue, "en")}\n           ${formatIssue(issue, "zh")}`);
  });
  for (const n of result.notChecked)
    console.log(`  not checked: ${n.ruleId} (no column for ${n.missingFields.join(", ")})`);
  console.log("");
}
console.log("Next: `npm test` runs type-check, lint and the tests; `npm run bench` measures the engine.");
