import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { IncomingMessage } from "../../src/protocol/index.js";
import { spawnSonora } from "./cli-helpers.js";

describe("sonora sim --no-password and --stats-interval", () => {
  it("runs without a password on loopback and sends stats at the given interval", async () => {
    const sim = spawnSonora(["sim", "--port", "0", "--no-password", "--stats-interval", "50"]);
    try {
      const [, url = ""] = await sim.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      // No Authorization header at all: accepted, since the node has no password.
      const info = await fetch(`${url}/v4/info`);
      expect(info.status).toBe(200);
      const ws = new WebSocket(`${url.replace("http", "ws")}/v4/websocket`, { headers: { "User-Id": "1" } });
      const frames: IncomingMessage[] = [];
      // ready, the immediate stats, then one more stats frame that only the 50 ms interval produces
      // (the default interval is a minute).
      await new Promise<void>((resolve, reject) => {
        ws.on("message", (data) => {
          frames.push(JSON.parse(String(data)) as IncomingMessage);
          if (frames.filter((f) => f.op === "stats").length >= 2) resolve();
        });
        ws.once("error", reject);
      });
      expect(frames[0]?.op).toBe("ready");
      ws.close();
      expect(sim.output.out).toContain("no password: any Authorization is accepted");
      sim.child.kill("SIGTERM");
      expect(await sim.exited).toBe(0);
    } finally {
      sim.kill();
    }
  });

  it("refuses --no-password off loopback as a usage error, before listening", async () => {
    const sim = spawnSonora(["sim", "--host", "0.0.0.0", "--port", "0", "--no-password"]);
    expect(await sim.exited).toBe(2);
    expect(sim.output.err).toContain("refusing to listen on 0.0.0.0 without a password");
    expect(sim.output.out).not.toContain("listening on");
  });

  it("refuses --password together with --no-password as a usage error", async () => {
    const sim = spawnSonora(["sim", "--password", "pw", "--no-password"]);
    expect(await sim.exited).toBe(2);
    expect(sim.output.err).toContain("--password and --no-password");
  });
});
