/**
 * The two ports `npm start` serves on, each chosen by a flag or an environment variable, and the
 * one-line message when one is taken by another program.
 */
import { createServer } from "node:net";

export interface PortChoice {
  /** What is served there, for the message. */
  readonly what: string;
  /** `--page-port`, `--addin-port`. */
  readonly flag: string;
  /** `AE_PAGE_PORT`, `AE_ADDIN_PORT`. */
  readonly env: string;
  readonly fallback: number;
  /** The address the server binds (undefined: every interface, as webpack-dev-server does). */
  readonly host?: string;
}

export const PAGE_PORT: PortChoice = {
  what: "the standalone page",
  flag: "--page-port",
  env: "AE_PAGE_PORT",
  fallback: 8080,
  host: "127.0.0.1",
};

export const ADDIN_PORT: PortChoice = {
  what: "the Excel add-in over HTTPS",
  flag: "--addin-port",
  env: "AE_ADDIN_PORT",
  fallback: 3000,
};

/** A problem the user fixes by choosing differently: printed as one line, exit 2. */
export class PortError extends Error {}

/** The port from `--flag N` / `--flag=N`, else the environment variable, else the default. */
export function portOf(choice: PortChoice, argv: readonly string[], env: NodeJS.ProcessEnv): number {
  let text: string | undefined;
  let source = "";
  argv.forEach((arg, i) => {
    if (arg === choice.flag) {
      text = argv[i + 1] ?? "";
      source = choice.flag;
    } else if (arg.startsWith(`${choice.flag}=`)) {
      text = arg.slice(choice.flag.length + 1);
      source = choice.flag;
    }
  });
  if (text === undefined && env[choice.env] !== undefined && env[choice.env] !== "") {
    text = env[choice.env];
    source = choice.env;
  }
  if (text === undefined) return choice.fallback;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535)
    throw new PortError(`${source} must be a port number from 1 to 65535, not '${text}'`);
  return port;
}

/** Whether nothing listens on `port` (tried by listening on it for a moment). */
export function portFree(port: number, host?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The line printed when `port` is taken. */
export function takenMessage(choice: PortChoice, port: number): string {
  const other = port === 65535 ? port - 1 : port + 1;
  return `npm start: port ${port} (${choice.what}) is already in use by another program; choose another with \`npm start -- ${choice.flag} ${other}\` (or ${choice.env}=${other})`;
}

/** Throws a PortError naming the first of `choices` whose port is taken. */
export async function ensureFree(choices: ReadonlyArray<[PortChoice, number]>): Promise<void> {
  for (const [choice, port] of choices)
    if (!(await portFree(port, choice.host))) throw new PortError(takenMessage(choice, port));
}
