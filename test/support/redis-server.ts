import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

// A real Redis for the tests: Debian's `redis-server`, started on a free loopback port with its own
// folder, append-only file on and RDB snapshots off (so a restart reads back exactly what was
// acknowledged and nothing else). No mock Redis anywhere.

/** Path of `redis-server`, or null when it is not installed. */
export function findRedisServer(): string | null {
  try {
    return execFileSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
}

const FOUND = findRedisServer();

/**
 * Whether the Redis tests are skipped: only when `redis-server` is missing and `CI` is not set (in
 * CI they must run, so a missing server fails them instead).
 */
export const SKIP_REDIS = FOUND === null && !process.env.CI;

/** Why the Redis tests were skipped, for the skip message. */
export const SKIP_REDIS_REASON =
  "redis-server is not installed (apt-get install redis-server); the Redis tests are skipped outside CI";

if (SKIP_REDIS) console.warn(`[sonora tests] ${SKIP_REDIS_REASON}`);

/** A running (or stopped) redis-server owned by one test file. */
export interface TestRedis {
  readonly port: number;
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** The folder with the append-only file. */
  readonly dir: string;
  /** Kills the server with SIGKILL (a crash: only what the AOF holds survives). */
  kill(): Promise<void>;
  /** Starts it again on the same port and folder (it reads its append-only file back). */
  restart(): Promise<void>;
  /** Stops it for good and removes its folder. */
  stop(): Promise<void>;
}

/**
 * Starts a redis-server on a free loopback port with a fresh temporary folder. Tests fsync every
 * write (`appendfsync always`: a killed Redis loses nothing acknowledged); the bench measures with
 * Redis's usual `everysec`.
 */
export async function startRedis(options: { appendfsync?: "always" | "everysec" } = {}): Promise<TestRedis> {
  if (FOUND === null) throw new Error(SKIP_REDIS_REASON.replace("are skipped outside CI", "must run in CI"));
  const binary = FOUND;
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "sonora-redis-"));
  let child: ChildProcess | null = null;
  const launch = async (): Promise<void> => {
    const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes"];
    args.push(
      "--appendfsync",
      options.appendfsync ?? "always",
      "--dir",
      dir,
      "--protected-mode",
      "no",
      "--loglevel",
      "warning",
    );
    const started = spawn(binary, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    started.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child = started;
    await waitForPort(port, started, () => stderr);
  };
  const kill = async (): Promise<void> => {
    const running = child;
    child = null;
    if (running === null || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGKILL");
    await exited;
  };
  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    kill,
    restart: async () => {
      await kill();
      await launch();
    },
    stop: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once the port accepts a connection and answers PING; rejects if the server exits. */
async function waitForPort(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}): ${stderr()}`);
    if (await answersPing(port)) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${port}: ${stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    let answer = "";
    socket.setTimeout(1_000, () => socket.destroy());
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => {
      answer += chunk.toString();
      if (answer.includes("\r\n")) socket.end();
    });
    socket.once("close", () => resolve(answer.startsWith("+PONG")));
    socket.once("error", () => resolve(false));
  });
}
