/**
 * `npm start`: the product on the bundled samples, on this machine only.
 *   1. Checks the sample catalogs and reconciles the sample statement with the CLI (results in out/).
 *   2. Builds the add-in and serves it: the standalone page on http://localhost:8080/ (the pane over
 *      a workbook opened from disk, the samples one click away) and the Excel add-in over HTTPS on
 *      https://localhost:3000/ for sideloading manifest.xml.
 * `npm start -- --no-serve` stops after step 1. Ctrl+C stops the servers.
 * `--page-port N` / AE_PAGE_PORT and `--addin-port N` / AE_ADDIN_PORT choose other ports; a port
 * another program holds is reported in one line before anything runs.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { main } from "../src/cli/check";
import { ADDIN_PORT, ensureFree, PAGE_PORT, PortError, portOf, takenMessage } from "./ports";
import { serveStatic } from "./serve";

const root = join(__dirname, "..");

async function demo(): Promise<number> {
  const out = join(root, "out");
  mkdirSync(out, { recursive: true });
  const samples = join(root, "assets/samples");
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
    "\nThe annotated copies are in out/ (open them with Excel, WPS or LibreOffice): the AE columns follow your own, and the 'AE Report' sheet lists what to fix.",
  );
  return code;
}

/** Builds and serves the add-in over HTTPS (webpack-dev-server, writing dist/), then the page over HTTP. */
async function serve(pagePort: number, addinPort: number): Promise<void> {
  const dist = join(root, "dist");
  rmSync(join(dist, "index.html"), { force: true });
  console.log("\nBuilding the task pane and the standalone page (about 30 s)…");
  const child = spawn(
    process.execPath,
    [
      join(root, "node_modules/webpack/bin/webpack.js"),
      "serve",
      "--mode",
      "production",
      // No dev-server client in the bundles: the page on the other port would open a socket to
      // this one, which its Content-Security-Policy (connect-src 'self') refuses.
      "--no-hot",
      "--no-live-reload",
      "--no-client",
      "--no-web-socket-server",
      "--port",
      String(addinPort),
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        AE_WRITE_TO_DISK: "1",
        // dist/manifest.xml points at the port the add-in is served on.
        ADDIN_URL: process.env.ADDIN_URL ?? `https://localhost:${addinPort}/`,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const stop = () => child.kill();
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => {
      stop();
      process.exit(0);
    });
  process.on("exit", stop);
  let log = "";
  await new Promise<void>((resolve, reject) => {
    const seen = (chunk: Buffer) => {
      log += chunk.toString();
      if (/compiled successfully/.test(log) && existsSync(join(dist, "index.html"))) resolve();
      else if (/compiled with \d+ error/.test(log)) reject(new Error(log.slice(-3000)));
    };
    child.stdout.on("data", seen);
    child.stderr.on("data", seen);
    child.on("exit", (code) =>
      reject(
        /EADDRINUSE/.test(log)
          ? new PortError(takenMessage(ADDIN_PORT, addinPort))
          : new Error(`webpack-dev-server exited (${code}):\n${log.slice(-3000)}`),
      ),
    );
  });
  const { url } = await serveStatic(dist, pagePort).catch((e: unknown) => {
    throw (e as NodeJS.ErrnoException).code === "EADDRINUSE"
      ? new PortError(takenMessage(PAGE_PORT, pagePort))
      : e;
  });
  console.log(`
The pane, in your browser (nothing is uploaded; the workbook is read in the page):
    ${url}        → "Try the sample catalog", then "Check"
The Excel add-in (custom functions + task pane) over HTTPS, for sideloading manifest.xml:
    https://localhost:${addinPort}/taskpane.html   (self-signed certificate: see README "Build, serve and sideload the add-in")
Ctrl+C stops both.`);
}

async function start(): Promise<void> {
  const argv = process.argv.slice(2);
  const serving = !argv.includes("--no-serve");
  const pagePort = portOf(PAGE_PORT, argv, process.env);
  const addinPort = portOf(ADDIN_PORT, argv, process.env);
  if (pagePort === addinPort)
    throw new PortError(`npm start: --page-port and --addin-port are both ${pagePort}; choose two ports`);
  // Before the samples are checked and the build starts, not 40 s later.
  if (serving)
    await ensureFree([
      [PAGE_PORT, pagePort],
      [ADDIN_PORT, addinPort],
    ]);
  const code = await demo();
  if (code !== 0 || !serving) {
    process.exitCode = code;
    return;
  }
  await serve(pagePort, addinPort);
}

void start().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(e instanceof PortError ? 2 : 1);
});
