import { once } from "node:events";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { SIM_FLAGS } from "../../src/cli/sim.js";
import { spawnSonora } from "./cli-helpers.js";

describe("sonora sim (CLI)", () => {
  it("starts a node, reports connections and disconnections, and stops cleanly on SIGTERM", async () => {
    const sim = spawnSonora(["sim", "--port", "0", "--password", "pw", "--seed", "7", "--time-scale", "2"]);
    try {
      const [, url] = await sim.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      const ws = new WebSocket(`${url?.replace("http", "ws")}/v4/websocket`, {
        headers: { Authorization: "pw", "User-Id": "1", "Client-Name": "cli-test" },
      });
      await once(ws, "open");
      await sim.waitFor(/session [a-z0-9]{16} connected \(user 1, cli-test\)/);
      ws.close();
      await sim.waitFor(/session [a-z0-9]{16} disconnected/);
      sim.child.kill("SIGTERM");
      expect(await sim.exited).toBe(0);
      expect(sim.output.out).toContain("simulator stopped");
    } finally {
      sim.kill();
    }
  });

  it("rejects unknown options with usage and exit code 2", async () => {
    const sim = spawnSonora(["sim", "--bogus"]);
    expect(await sim.exited).toBe(2);
    expect(sim.output.err).toContain("usage: sonora sim");
  });

  it("--help lists every flag the parser accepts", async () => {
    const sim = spawnSonora(["sim", "--help"]);
    expect(await sim.exited).toBe(0);
    const out = sim.output.out;
    const flags = Object.keys(SIM_FLAGS);
    expect(flags).toEqual(expect.arrayContaining(["stats-interval", "no-password"]));
    for (const flag of flags) expect(out).toMatch(new RegExp(`^\\s+(-\\w, )?--${flag}\\b`, "m"));
  });
});
