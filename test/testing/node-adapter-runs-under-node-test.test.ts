import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const fixture = fileURLToPath(new URL("./fixtures/node-adapter.node.ts", import.meta.url));

describe("sonora/testing/node under the node:test runner", () => {
  it("runs a node:test file using useSonora and withSonora: all four tests pass and the process exits", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "--test", "--test-reporter=tap", fixture], {
      cwd: root,
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
    // Generous bound on "exits at all" (tsx compiles on a busy box), not a timing assertion.
    const code = await new Promise<number | string>((resolve) => {
      const guard = setTimeout(() => {
        child.kill("SIGKILL");
        resolve("still running after 50 s");
      }, 50_000);
      child.on("exit", (exitCode) => {
        clearTimeout(guard);
        resolve(exitCode ?? -1);
      });
    });
    const summary = `${stdout}\n${stderr}`;
    expect(summary).toMatch(/^# tests 4$/m);
    expect(summary).toMatch(/^# pass 4$/m);
    expect(summary).toMatch(/^# fail 0$/m);
    expect(code).toBe(0);
  }, 60_000);
});
