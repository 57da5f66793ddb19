import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type IncomingMessage, parseIncomingMessage } from "../../src/protocol/index.js";
import { TEST_PASSWORD, type VirtualSimulator, waitUntil } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { loadOne, rest, settle, USER_ID } from "./helpers.js";

/** A raw ws client: every frame must parse as a valid Lavalink message (never a malformed frame). */
class RawClient {
  readonly texts: string[] = [];
  readonly frames: IncomingMessage[] = [];
  closeCode: number | null = null;
  readonly closed: Promise<number>;
  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      const text = String(data);
      this.texts.push(text);
      this.frames.push(parseIncomingMessage(text));
    });
    this.closed = new Promise((resolve) =>
      ws.on("close", (code) => {
        this.closeCode = code;
        resolve(code);
      }),
    );
  }
  static async open(sim: VirtualSimulator): Promise<{ client: RawClient; sessionId: string }> {
    const ws = new WebSocket(`ws://127.0.0.1:${sim.port}/v4/websocket`, {
      headers: { Authorization: TEST_PASSWORD, "User-Id": USER_ID, "Client-Name": "raw/1.0" },
    });
    const client = new RawClient(ws);
    await waitUntil(() => client.frames.some((f) => f.op === "ready"), "ready");
    const ready = client.frames.find((f) => f.op === "ready");
    return { client, sessionId: ready?.op === "ready" ? ready.sessionId : "" };
  }
}

describe("WebSocket delay faults (latency, bandwidth, packet loss) on the virtual clock", () => {
  let sim: VirtualSimulator;
  async function playing(options: { playerUpdateInterval?: number } = {}) {
    sim = await testSimulator({ seed: 11, playerUpdateInterval: options.playerUpdateInterval ?? 5000 });
    const { client, sessionId } = await RawClient.open(sim);
    const { encoded } = await loadOne(sim);
    return { client, sessionId, encoded };
  }

  it("latency ± jitter holds frames back on the simulator's clock until it is advanced", async () => {
    const { client, sessionId, encoded } = await playing();
    sim.faults.add({ type: "latency", latency: 50, jitter: 10, scope: "ws" });
    const before = client.frames.length;
    await rest(sim, "PATCH", `/v4/sessions/${sessionId}/players/1`, { track: { encoded } });
    await settle();
    expect(client.frames.length).toBe(before);
    const marked = sim.log.filter({ kind: "ws", direction: "out", type: "TrackStartEvent" })[0];
    const delay = Number(/delayed (\d+)ms/.exec(marked?.faults?.[0]?.effect ?? "")?.[1]);
    expect(delay).toBeGreaterThanOrEqual(40);
    expect(delay).toBeLessThanOrEqual(60);
    await sim.clock.advance(delay - 1);
    await settle();
    expect(client.frames.length).toBe(before);
    await sim.clock.advance(20);
    await waitUntil(
      () => client.frames.some((f) => f.op === "event" && f.type === "TrackStartEvent"),
      "start",
    );
    expect(marked?.faults?.[0]).toMatchObject({ id: "fault-1", type: "latency" });
  });

  it("jitter never reorders frames: the client sees exactly the order the node produced", async () => {
    const { client, sessionId, encoded } = await playing({ playerUpdateInterval: 7 });
    sim.faults.add({ type: "latency", latency: 50, jitter: 49, scope: "ws" });
    await rest(sim, "PATCH", `/v4/sessions/${sessionId}/players/1`, { track: { encoded } });
    await sim.clock.advance(2_000);
    // No more playerUpdates once the player is gone; what is in flight lands within 99 ms.
    await rest(sim, "DELETE", `/v4/sessions/${sessionId}/players/1`);
    await sim.clock.advance(200);
    const sent = sim.log
      .filter({ kind: "ws", direction: "out", sessionId })
      .map((e) => e.body ?? "")
      .filter((b) => b !== "");
    await waitUntil(() => client.texts.length === sent.length, "every frame delivered");
    expect(client.texts).toEqual(sent);
    const delays = sim.faults.decisions.map((d) => Number(/delayed (\d+)ms/.exec(d.effect)?.[1]));
    expect(Math.min(...delays)).toBeLessThan(20);
    expect(Math.max(...delays)).toBeGreaterThan(80);
  });

  it("bandwidth delays a frame by its size over the rate", async () => {
    const { client, sessionId } = await playing();
    sim.faults.add({ type: "bandwidth", rate: 1_000, scope: "ws" });
    const before = client.frames.length;
    await rest(sim, "PATCH", `/v4/sessions/${sessionId}/players/1`, { volume: 20 });
    sim.faults.voiceClose("1", { code: 4014, reason: "Disconnected." });
    const entry = sim.log.filter({ kind: "ws", direction: "out", type: "WebSocketClosedEvent" })[0];
    const bytes = Buffer.byteLength(entry?.body ?? "");
    // The on-demand fault that caused the frame comes first, then the bandwidth limit on its way.
    expect(entry?.faults).toEqual([
      { id: "manual", type: "voice-close", effect: "voice closed 4014" },
      { id: "fault-1", type: "bandwidth", effect: `delayed ${bytes}ms (${bytes} bytes at 1000 B/s)` },
    ]);
    await sim.clock.advance(bytes - 1);
    await settle();
    expect(client.frames.length).toBe(before);
    await sim.clock.advance(1);
    await waitUntil(() => client.frames.length > before, "event delivered");
    expect(client.frames[before]).toMatchObject({ op: "event", type: "WebSocketClosedEvent", code: 4014 });
  });

  it("packet loss: a binomial share of frames pays retransmission timeouts, in order, none lost", async () => {
    const { client, sessionId, encoded } = await playing({ playerUpdateInterval: 10 });
    await rest(sim, "PATCH", `/v4/sessions/${sessionId}/players/1`, { track: { encoded } });
    await waitUntil(() => client.frames.some((f) => f.op === "playerUpdate"), "first update");
    sim.log.clear();
    const seen = client.texts.length;
    sim.enableFaultInjection({ packetLoss: 0.1 });
    await sim.clock.advance(10_000);
    const out = sim.log.filter({ kind: "ws", direction: "out", sessionId });
    sim.disableFaultInjection();
    await rest(sim, "DELETE", `/v4/sessions/${sessionId}/players/1`);
    await sim.clock.advance(20_000);
    const lossy = sim.faults.decisions.filter((d) => d.id === "knob:packetLoss");
    const n = out.length;
    expect(n).toBeGreaterThan(900);
    const sigma = Math.sqrt(n * 0.1 * 0.9);
    expect(lossy.length).toBeGreaterThan(n * 0.1 - 4 * sigma);
    expect(lossy.length).toBeLessThan(n * 0.1 + 4 * sigma);
    // Each delay is a sum of doubling RTOs: 200, 200+400, 200+400+800, …
    for (const d of lossy)
      expect(d.effect).toMatch(/^delayed (200|600|1400|3000|6200)ms \(\d retransmissions?\)$/);
    const sent = sim.log.filter({ kind: "ws", direction: "out", sessionId }).map((e) => e.body ?? "");
    await waitUntil(() => client.texts.length === seen + sent.length, "all delivered");
    expect(client.texts.slice(seen)).toEqual(sent);
    expect(client.closeCode).toBeNull();
  });

  it("packet loss: after stallAfter losses in a row the connection is torn down like a TCP timeout", async () => {
    const { client, sessionId } = await playing();
    sim.faults.add({ type: "packet-loss", toxicity: 1, rto: 100, stallAfter: 3, scope: "ws" });
    await rest(sim, "PATCH", `/v4/sessions/${sessionId}/players/1`, { volume: 20 });
    sim.faults.voiceClose("1");
    // The on-demand voice close is recorded first, then the stall of the frame it caused.
    expect(sim.faults.decisions.map((d) => d.id)).toEqual(["manual", "fault-1"]);
    const first = sim.faults.decisions[1];
    expect(first?.effect).toBe("stalled: 3 losses in a row, connection torn down after 700ms");
    await sim.clock.advance(699);
    await settle();
    expect(client.closeCode).toBeNull();
    await sim.clock.advance(1);
    expect(await client.closed).toBe(1006);
    // What the node produced after the stall never reached the client, and is marked so.
    const discarded = sim.log.filter({ kind: "ws", direction: "out", sessionId }).slice(-1)[0];
    expect(discarded?.faults?.[0]?.effect).toMatch(/^discarded \(connection stalled/);
    expect(client.frames.some((f) => f.op === "event")).toBe(false);
  });
});
