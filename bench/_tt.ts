import { readFileSync } from "node:fs";
import { Engine } from "../src/engine";
import { runReconcile } from "../src/pipeline/reconcile";
import { XlsxPort } from "../src/xlsx/port";
import { nodeDeflate } from "../src/cli/node-deflate";
(async () => {
  const port = await XlsxPort.open(new Uint8Array(readFileSync(process.argv[2]!)), { compressText: nodeDeflate });
  await runReconcile(port, new Engine(), { mode: "semi", lang: "en" });
})();
