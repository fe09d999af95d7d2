/**
 * The Debian programs some tests drive: LibreOffice (a real spreadsheet program opens our copies)
 * and Chromium (the page end to end). `npm install` provides neither, so a test that needs one
 * is skipped with a printed line saying what to install — and fails instead when
 * AE_E2E=require (as `.ci/run` sets), so CI cannot pass by skipping.
 *
 * Programs are looked up on PATH (SOFFICE / CHROMIUM_PATH override it), so their absence can be
 * simulated with an empty PATH or a path that does not exist.
 */
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";

export interface Program {
  /** What the tests call it, e.g. "LibreOffice". */
  readonly label: string;
  /** The environment variable that names the executable outright. */
  readonly env: string;
  /** Executable names looked up on PATH, in order. */
  readonly names: readonly string[];
  /** How to install it on Debian. */
  readonly install: string;
}

export const LIBREOFFICE: Program = {
  label: "LibreOffice",
  env: "SOFFICE",
  names: ["soffice", "libreoffice"],
  install: "apt-get install -y libreoffice-calc-nogui",
};

export const CHROMIUM: Program = {
  label: "Chromium",
  env: "CHROMIUM_PATH",
  names: ["chromium", "chromium-browser"],
  install: "apt-get install -y chromium",
};

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The program's executable, or undefined when it is not installed. */
export function find(program: Program, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const named = env[program.env];
  if (named !== undefined && named !== "") return executable(named) ? named : undefined;
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    for (const name of program.names) {
      const file = join(dir, name);
      if (executable(file)) return file;
    }
  }
  return undefined;
}

/** The line printed when a test is skipped for want of the program. */
export function skipLine(program: Program, what: string): string {
  return `skipped: ${what} needs ${program.label}, which is not installed (${program.install}; .ci/run does)`;
}

/**
 * For a test file that needs `program`: its executable, or — when it is missing — undefined after
 * printing the skip line; throws instead under AE_E2E=require.
 */
export function need(
  program: Program,
  what: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const file = find(program, env);
  if (file) return file;
  if (env.AE_E2E === "require")
    throw new Error(
      `AE_E2E=require: ${what} needs ${program.label}, which is not installed (${program.install})`,
    );
  process.stderr.write(`${skipLine(program, what)}\n`);
  return undefined;
}
