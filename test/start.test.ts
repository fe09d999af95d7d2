/**
 * `npm start` on a machine where its ports are taken: one line naming the port and how to choose
 * another, exit 2, before the samples are checked or anything is built — not a stack trace.
 */
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { ADDIN_PORT, PAGE_PORT, PortError, portFree, portOf } from "../scripts/ports";

const root = join(__dirname, "..");

/** Runs scripts/start.ts as `npm start` does; resolves with its exit code and output. */
function start(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [require.resolve("tsx/cli"), join(root, "scripts/start.ts"), ...args],
      {
        cwd: root,
        env: { ...process.env, AE_PAGE_PORT: "", AE_ADDIN_PORT: "", ...env },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    const timer = setTimeout(() => child.kill(), 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

/** Listens on a free port, as "another program" would. */
function occupy(host?: string): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen({ port: 0, host }, () => {
      const address = server.address();
      resolve({ server, port: typeof address === "object" && address ? address.port : 0 });
    });
  });
}

describe("npm start with a port taken", () => {
  test("the page's port: one line, exit 2, nothing run", async () => {
    const { server, port } = await occupy("127.0.0.1");
    try {
      const r = await start(["--page-port", String(port)]);
      expect(r.code).toBe(2);
      expect(r.err.trim().split("\n")).toEqual([
        `npm start: port ${port} (the standalone page) is already in use by another program; choose another with \`npm start -- --page-port ${port + 1}\` (or AE_PAGE_PORT=${port + 1})`,
      ]);
      expect(r.out).toBe(""); // the samples were not checked first
    } finally {
      server.close();
    }
  }, 90_000);

  test("the add-in's port, chosen by the environment variable", async () => {
    const { server, port } = await occupy();
    const free = await occupy("127.0.0.1");
    await new Promise((r) => free.server.close(r));
    try {
      const r = await start([], { AE_ADDIN_PORT: String(port), AE_PAGE_PORT: String(free.port) });
      expect(r.code).toBe(2);
      expect(r.err.trim().split("\n")).toEqual([
        expect.stringContaining(
          `port ${port} (the Excel add-in over HTTPS) is already in use by another program; choose another with \`npm start -- --addin-port ${port + 1}\``,
        ),
      ]);
    } finally {
      server.close();
    }
  }, 90_000);

  test("a port that is not a number is refused in one line", async () => {
    const r = await start(["--page-port=eighty"]);
    expect([r.code, r.err.trim()]).toEqual([
      2,
      "--page-port must be a port number from 1 to 65535, not 'eighty'",
    ]);
  }, 90_000);
});

describe("ports", () => {
  test("flag over environment over default", () => {
    expect(portOf(PAGE_PORT, [], {})).toBe(8080);
    expect(portOf(ADDIN_PORT, [], {})).toBe(3000);
    expect(portOf(PAGE_PORT, [], { AE_PAGE_PORT: "9090" })).toBe(9090);
    expect(portOf(PAGE_PORT, ["--page-port", "9191"], { AE_PAGE_PORT: "9090" })).toBe(9191);
    expect(portOf(ADDIN_PORT, ["--addin-port=3443"], {})).toBe(3443);
    expect(() => portOf(ADDIN_PORT, ["--addin-port", "70000"], {})).toThrow(PortError);
    expect(() => portOf(PAGE_PORT, ["--page-port"], {})).toThrow(/--page-port must be a port number/);
    expect(() => portOf(PAGE_PORT, [], { AE_PAGE_PORT: "80a" })).toThrow(/AE_PAGE_PORT must be/);
  });
  test("portFree sees a listener and its departure", async () => {
    const { server, port } = await occupy("127.0.0.1");
    expect(await portFree(port, "127.0.0.1")).toBe(false);
    await new Promise((r) => server.close(r));
    expect(await portFree(port, "127.0.0.1")).toBe(true);
  });
});
