import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ProtocolSimulator } from "../../src/testing/index.js";
import { runChild } from "../support/run-child.js";

const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));
const script = fileURLToPath(new URL("./fixtures/close-then-exit.ts", import.meta.url));

describe("close() leaves no timer, socket or listener behind", () => {
  it("a process that used a client exits by itself after close, while the node stays up", async () => {
    // The simulator lives in this process, so only the child's own leftovers could keep it alive.
    const sim = new ProtocolSimulator({ port: 0, password: "pw", seed: 3 });
    await sim.start();
    const { code, stdout, stderr } = await runChild(tsx, [script, String(sim.port)], { limitMs: 25_000 });
    const sessionsSeen = sim.sessions.length;
    await sim.stop();
    expect(stderr).toBe("");
    expect(sessionsSeen).toBeLessThanOrEqual(1);
    expect(stdout).toBe("closed\n");
    expect(code).toBe(0);
  }, 30_000);
});
