import { type ChildProcessByStdio, spawn } from "node:child_process";
import type { Readable } from "node:stream";

/** A `sonora` CLI child process with its output collected as it arrives. */
export interface SonoraProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** Everything written so far. */
  output: { out: string; err: string };
  /** Resolves with the first match of `pattern` in stdout; rejects when the process exits first. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  /** Resolves with the exit code once the process ended and its output was read to the end. */
  exited: Promise<number | null>;
  /** Kills the process if it still runs (for `finally`, so no test leaves one behind). */
  kill(): void;
}

/** Runs `sonora <args>` from source in a child process, as `npx sonora` would from dist. */
export function spawnSonora(args: string[]): SonoraProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = { out: "", err: "" };
  child.stdout.on("data", (c: Buffer) => {
    output.out += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    output.err += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  const waitFor = (pattern: RegExp): Promise<RegExpMatchArray> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const m = output.out.match(pattern);
        if (m === null) return;
        child.stdout.off("data", check);
        resolve(m);
      };
      child.stdout.on("data", check);
      child.once("exit", () => reject(new Error(`sonora exited early:\n${output.out}${output.err}`)));
      check();
    });
  return {
    child,
    output,
    waitFor,
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}
