import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { TEST_PASSWORD, type VirtualSimulator } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { rest, TestClient, USER_ID } from "./helpers.js";

/** The error code a raw connection attempt ends with (or "open" if it connected). */
function connectOutcome(port: number): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/v4/websocket`, {
      headers: { Authorization: TEST_PASSWORD, "User-Id": USER_ID },
    });
    ws.on("open", () => {
      ws.terminate();
      resolve("open");
    });
    ws.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

function rawGet(port: number, path: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request(
      { host: "127.0.0.1", port, path, headers: { Authorization: TEST_PASSWORD } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end();
  });
}

describe("dead nodes: kill() and restart() with two simulators in one process", () => {
  const sims: VirtualSimulator[] = [];
  afterEach(async () => {
    for (const sim of sims.splice(0)) if (sim.running) await sim.stop();
  });

  it("kills one node (abrupt drops, ECONNREFUSED) while the other keeps serving, then restarts it empty", async () => {
    const a = await testSimulator({ seed: 1 });
    const b = await testSimulator({ seed: 2 });
    sims.push(a, b);
    const port = a.port;
    const onA = await TestClient.connect(a);
    const onB = await TestClient.connect(b);
    await rest(a, "PATCH", `/v4/sessions/${onA.sessionId}`, { resuming: true, timeout: 600 });
    await rest(a, "PATCH", `/v4/sessions/${onA.sessionId}/players/1`, { volume: 40 });

    await a.kill();
    expect(a.running).toBe(false);
    // No close frame: the client sees the TCP connection vanish (1006).
    expect(await onA.closed).toBe(1006);
    expect(a.sessions).toEqual([]);
    expect(await rawGet(port, "/v4/info")).toBe("ECONNREFUSED");
    expect(await connectOutcome(port)).toBe("ECONNREFUSED");

    // The other node never noticed.
    expect((await rest(b, "GET", "/v4/info")).status).toBe(200);
    expect(onB.ws.readyState).toBe(WebSocket.OPEN);
    expect(b.sessions).toHaveLength(1);

    await a.restart();
    expect(a.port).toBe(port);
    expect(await rawGet(port, "/v4/info")).toBe(200);
    // A restarted Lavalink knows no session: resuming is refused, a new session starts.
    const back = await TestClient.connect(a, { "Session-Id": onA.sessionId });
    expect(back.upgradeHeaders["session-resumed"]).toBe("false");
    expect(back.frames[0]).toMatchObject({ op: "ready", resumed: false });
    expect(back.sessionId).not.toBe(onA.sessionId);
    expect((await rest(a, "GET", `/v4/sessions/${onA.sessionId}/players/1`)).status).toBe(404);

    await b.kill();
    expect(await onB.closed).toBe(1006);
    expect(back.ws.readyState).toBe(WebSocket.OPEN);
    await back.close();
  });

  it("restart() on a running node is a crash and a comeback; kill() twice is a usage error", async () => {
    const a = await testSimulator();
    sims.push(a);
    const port = a.port;
    const client = await TestClient.connect(a);
    await a.restart();
    expect(await client.closed).toBe(1006);
    expect(a.port).toBe(port);
    expect(a.sessions).toEqual([]);
    await a.kill();
    await expect(a.kill()).rejects.toMatchObject({ code: "SIM_NOT_STARTED" });
  });
});
