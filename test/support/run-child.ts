import { spawn } from "node:child_process";

/** How a child process ended: its exit code, or why it was killed, plus everything it printed. */
export interface ChildOutcome {
  /** The exit code; a string when it had to be killed (the process did not end by itself). */
  code: number | string;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command and collects its output. `limitMs` is a generous bound on "ends at all" (tsx
 * compiles on a busy 2-core box), not a timing assertion: past it the child is killed and `code`
 * says so, which fails any test expecting an exit code.
 */
export function runChild(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; limitMs?: number } = {},
): Promise<ChildOutcome> {
  const limitMs = options.limitMs ?? 50_000;
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  return new Promise((resolve) => {
    let killed: string | null = null;
    const guard = setTimeout(() => {
      killed = `still running after ${limitMs / 1000} s: something kept the event loop alive`;
      child.kill("SIGKILL");
    }, limitMs);
    // "close" rather than "exit": the output streams are read to the end first.
    child.on("close", (exitCode) => {
      clearTimeout(guard);
      resolve({ code: killed ?? exitCode ?? -1, stdout, stderr });
    });
  });
}

/** Runs `sonora <args>` from source in a child process, as `npx sonora` would from dist. */
export function runSonora(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ChildOutcome> {
  return runChild(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { env });
}
