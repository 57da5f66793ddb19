import { type ClientRequest, request } from "node:http";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { TEST_PASSWORD, type VirtualSimulator, waitUntil } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { loadOne, rest, settle, TestClient } from "./helpers.js";

interface RawOutcome {
  status?: number;
  body?: string;
  error?: string;
}

/** A raw HTTP request whose outcome (answer or socket error) is recorded when it happens. */
function rawRequest(sim: VirtualSimulator, method: string, path: string, body?: unknown) {
  const outcome: RawOutcome = {};
  let done = false;
  const req: ClientRequest = request(
    {
      host: "127.0.0.1",
      port: sim.port,
      method,
      path,
      headers: { Authorization: TEST_PASSWORD, "Content-Type": "application/json" },
    },
    (res) => {
      let text = "";
      res.on("data", (c: Buffer) => {
        text += c.toString();
      });
      res.on("end", () => {
        outcome.status = res.statusCode ?? 0;
        outcome.body = text;
        done = true;
      });
    },
  );
  req.on("error", (error: NodeJS.ErrnoException) => {
    outcome.error = error.code ?? error.message;
    done = true;
  });
  req.end(body === undefined ? undefined : JSON.stringify(body));
  return { req, outcome, isDone: () => done };
}

describe("raw ws and http clients see faults as network faults, never as protocol violations", () => {
  it("reset: the REST connection is destroyed without an answer (ECONNRESET)", async () => {
    const sim = await testSimulator();
    sim.faults.add({ type: "reset", route: "GET /v4/stats" });
    const call = rawRequest(sim, "GET", "/v4/stats");
    await waitUntil(call.isDone, "outcome");
    expect(call.outcome).toEqual({ error: "ECONNRESET" });
    expect((await rest(sim, "GET", "/v4/info")).status).toBe(200);
  });

  it("timeout: no answer however long the node's clock runs, until the client gives up", async () => {
    const sim = await testSimulator();
    const session = await TestClient.connect(sim);
    sim.faults.add({ type: "timeout", direction: "upstream", route: "PATCH /v4/sessions/*/players/*" });
    const call = rawRequest(sim, "PATCH", `/v4/sessions/${session.sessionId}/players/9`, { volume: 5 });
    await waitUntil(
      () => sim.log.filter({ method: "PATCH", direction: "in" }).length === 1,
      "request arrived",
    );
    await sim.clock.advance(600_000);
    await settle();
    expect(call.isDone()).toBe(false);
    expect(sim.getPlayer(session.sessionId, "9")).toBeUndefined();
    call.req.destroy(new Error("client timeout"));
    await waitUntil(call.isDone, "client gave up");
    expect(call.outcome.status).toBeUndefined();
    await session.close();
  });

  it("timeout with a limit: the held exchange is dropped after that many ms of the node's clock", async () => {
    const sim = await testSimulator();
    sim.faults.add({ type: "timeout", timeout: 5_000, scope: "rest" });
    const call = rawRequest(sim, "GET", "/v4/info");
    await waitUntil(() => sim.faults.decisions.length === 1, "decision");
    await sim.clock.advance(4_999);
    await settle();
    expect(call.isDone()).toBe(false);
    await sim.clock.advance(1);
    await waitUntil(call.isDone, "dropped");
    expect(call.outcome.error).toBe("ECONNRESET");
    expect(sim.faults.decisions[0]).toMatchObject({
      type: "timeout",
      effect: "blackholed, connection destroyed after 5000ms",
      target: "GET /v4/info",
    });
  });

  it("upstream latency: the node handles the request only when the delay has passed", async () => {
    const sim = await testSimulator();
    const session = await TestClient.connect(sim);
    sim.faults.add({ type: "latency", latency: 300, direction: "upstream", scope: "rest" });
    const call = rawRequest(sim, "PATCH", `/v4/sessions/${session.sessionId}/players/2`, { volume: 5 });
    await waitUntil(() => sim.faults.decisions.length === 1, "decision");
    await sim.clock.advance(299);
    expect(sim.getPlayer(session.sessionId, "2")).toBeUndefined();
    await sim.clock.advance(1);
    await waitUntil(call.isDone, "answer");
    expect(call.outcome.status).toBe(200);
    expect(sim.getPlayer(session.sessionId, "2")?.volume).toBe(5);
    await session.close();
  });

  it("ws-close: the node closes with the chosen code and reason; no frame is malformed", async () => {
    const sim = await testSimulator();
    const client = await TestClient.connect(sim);
    sim.faults.add({ type: "ws-close", code: 4000, reason: "chaos monkey" });
    let reason = "";
    client.ws.on("close", (_code, r) => {
      reason = r.toString();
    });
    await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/1`, { volume: 5 });
    sim.faults.voiceClose("1");
    expect(await client.closed).toBe(4000);
    expect(reason).toBe("chaos monkey");
    expect(client.frames.every((f) => f.op === "ready" || f.op === "stats")).toBe(true);
  });

  it("upstream reset on WS: a client frame gets the connection cut", async () => {
    const sim = await testSimulator();
    const client = await TestClient.connect(sim);
    sim.faults.add({ type: "reset", scope: "ws", direction: "upstream" });
    client.ws.send('{"op":"hello"}');
    expect(await client.closed).toBe(1006);
    const incoming = sim.log.filter({ kind: "ws", direction: "in", op: "message" })[0];
    expect(incoming?.faults).toEqual([{ id: "fault-1", type: "reset", effect: "dropped connection" }]);
  });

  it("connectionDrop: the socket is cut abruptly (1006) at a frame the seed decides, the same on a replay", async () => {
    async function dropFrame(seed: number): Promise<number> {
      const sim = await testSimulator({ seed, playerUpdateInterval: 10 });
      const client = await TestClient.connect(sim);
      const { encoded } = await loadOne(sim);
      sim.enableFaultInjection({ connectionDrop: 0.02 });
      await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/1`, { track: { encoded } });
      for (let i = 0; i < 100 && client.ws.readyState === WebSocket.OPEN; i++) await sim.clock.advance(100);
      expect(await client.closed).toBe(1006);
      const out = sim.log.filter({ kind: "ws", direction: "out", sessionId: client.sessionId });
      const index = out.findIndex((e) => e.faults?.[0]?.id === "knob:connectionDrop");
      expect(out[index]?.faults?.[0]).toEqual({
        id: "knob:connectionDrop",
        type: "reset",
        effect: "dropped connection",
      });
      // The client got every frame before the fatal one, and nothing after it.
      expect(client.frames).toHaveLength(index);
      sim.disableFaultInjection();
      expect(sim.faults.list()).toEqual([]);
      await sim.stop();
      return index;
    }
    const first = await dropFrame(3);
    expect(await dropFrame(3)).toBe(first);
    expect(await dropFrame(4)).not.toBe(first);
  });
});
