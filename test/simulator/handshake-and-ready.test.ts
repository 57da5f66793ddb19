import { beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { ReadyOp, StatsOp } from "../../src/protocol/index.js";
import { TEST_PASSWORD, type VirtualSimulator } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { TestClient, USER_ID } from "./helpers.js";

function handshakeStatus(port: number, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, { headers });
    ws.on("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on("open", () => reject(new Error("handshake unexpectedly accepted")));
    ws.on("error", () => undefined);
  });
}

describe("WebSocket handshake and ready", () => {
  let sim: VirtualSimulator;
  beforeEach(async () => {
    sim = await testSimulator({ seed: 42 });
  });

  it("answers ready with a fresh 16-char session id, then stats, with Lavalink's headers", async () => {
    const client = await TestClient.connect(sim);
    const ready = client.frames[0] as ReadyOp;
    expect(ready).toEqual({
      op: "ready",
      resumed: false,
      sessionId: expect.stringMatching(/^[a-z0-9]{16}$/),
    });
    expect(client.upgradeHeaders["session-resumed"]).toBe("false");
    expect(client.upgradeHeaders["lavalink-api-version"]).toBe("4");
    const stats = await client.next<StatsOp>((m) => m.op === "stats");
    expect(stats.players).toBe(0);
    expect(stats.frameStats).toBeNull();
    expect(sim.sessions).toEqual([
      expect.objectContaining({
        id: ready.sessionId,
        connected: true,
        resuming: false,
        timeout: 60,
        userId: USER_ID,
      }),
    ]);
    await client.close();
  });

  it("derives session ids from the seed: same seed, same ids", async () => {
    const other = await testSimulator({ seed: 42 });
    try {
      const a = await TestClient.connect(sim);
      const b = await TestClient.connect(other);
      expect(a.sessionId).toBe(b.sessionId);
      await a.close();
      await b.close();
    } finally {
      await other.stop();
    }
  });

  it("refuses a wrong password with 401, a missing or zero User-Id with 400, another path with 404", async () => {
    expect(
      await handshakeStatus(sim.port, "/v4/websocket", { Authorization: "nope", "User-Id": USER_ID }),
    ).toBe(401);
    expect(await handshakeStatus(sim.port, "/v4/websocket", { "User-Id": USER_ID })).toBe(401);
    expect(await handshakeStatus(sim.port, "/v4/websocket", { Authorization: TEST_PASSWORD })).toBe(400);
    expect(
      await handshakeStatus(sim.port, "/v4/websocket", { Authorization: TEST_PASSWORD, "User-Id": "0" }),
    ).toBe(400);
    expect(
      await handshakeStatus(sim.port, "/websocket", { Authorization: TEST_PASSWORD, "User-Id": USER_ID }),
    ).toBe(404);
    expect(sim.sessions).toHaveLength(0);
    expect(sim.log.filter({ op: "handshake", status: 401 })).toHaveLength(2);
  });

  it("accepts any password when none is configured, and Client-Name is optional", async () => {
    const open = await testSimulator({ password: undefined });
    try {
      const client = await TestClient.connect(open, { Authorization: "whatever", "Client-Name": "" });
      expect(client.sessionId).toMatch(/^[a-z0-9]{16}$/);
      await client.close();
    } finally {
      await open.stop();
    }
  });

  it("sends stats again on its interval, and ignores frames sent by the client", async () => {
    const client = await TestClient.connect(sim);
    await client.next((m) => m.op === "stats");
    client.ws.send('{"op":"play"}');
    await sim.clock.advance(60_000);
    const second = await client.next<StatsOp>((m) => m.op === "stats");
    expect(second.uptime).toBeGreaterThanOrEqual(60_000);
    expect(sim.log.filter({ direction: "in", op: "message" })[0]?.body).toBe('{"op":"play"}');
    await client.close();
  });
});
