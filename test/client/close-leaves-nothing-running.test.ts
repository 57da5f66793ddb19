import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ProtocolSimulator } from "../../src/testing/index.js";

const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));
const script = fileURLToPath(new URL("./fixtures/close-then-exit.ts", import.meta.url));

describe("close() leaves no timer, socket or listener behind", () => {
  it("a process that used a client exits by itself after close, while the node stays up", async () => {
    // The simulator lives in this process, so only the child's own leftovers could keep it alive.
    const sim = new ProtocolSimulator({ port: 0, password: "pw", seed: 3 });
    await sim.start();
    const child = spawn(tsx, [script, String(sim.port)], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    // Generous bound: the point is "exits at all", not how fast (tsx compiles on a busy box).
    const code = await new Promise<number | string>((resolve) => {
      const guard = setTimeout(() => {
        child.kill("SIGKILL");
        resolve("still running after 25 s: something kept the event loop alive");
      }, 25_000);
      child.on("exit", (exitCode) => {
        clearTimeout(guard);
        resolve(exitCode ?? -1);
      });
    });
    const sessionsSeen = sim.sessions.length;
    await sim.stop();
    expect(stderr).toBe("");
    expect(sessionsSeen).toBeLessThanOrEqual(1);
    expect(stdout).toBe("closed\n");
    expect(code).toBe(0);
  }, 30_000);
});
