import { describe, expect, it } from "vitest";
import { waitUntil } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { describeDecision } from "./fault-replay-helpers.js";
import { loadOne, rest, settle, TestClient } from "./helpers.js";

const SHARE = 0.25;
const BASE = 8;
const STEPS = 1_200;

interface SpikeRun {
  /** Frames the knob drew on (every outgoing frame after it was enabled). */
  frames: number;
  /** The delay of each spiked frame, parsed from its log mark. */
  delays: number[];
  decisions: string[];
}

/** A playing player sends a frame every 10 ms; the latencySpike knob acts on STEPS of them. */
async function run(seed: number): Promise<SpikeRun> {
  const sim = await testSimulator({ seed, playerUpdateInterval: 10 });
  try {
    const client = await TestClient.connect(sim);
    const { encoded } = await loadOne(sim);
    await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/1`, { track: { encoded } });
    const filter = { kind: "ws", direction: "out", sessionId: client.sessionId } as const;
    const before = sim.log.filter(filter).length;
    sim.enableFaultInjection({ latencySpike: SHARE, baseLatency: BASE });
    for (let i = 0; i < STEPS; i++) await sim.clock.advance(10);
    const out = sim.log.filter(filter).slice(before);
    sim.disableFaultInjection();
    // Let the last spiked frames arrive: a spike holds at most 20 × BASE ms.
    await sim.clock.advance(20 * BASE);
    // Spikes delay frames, never lose them: the client gets every frame the node sent.
    const all = sim.log.filter(filter);
    await waitUntil(() => client.frames.length === all.length, "every frame delivered");
    const delays: number[] = [];
    for (const entry of out) {
      for (const mark of entry.faults ?? []) {
        expect(mark.id).toBe("knob:latencySpike");
        const match = /^delayed (\d+)ms \(spike x(\d+\.\d)\)$/.exec(mark.effect);
        expect(match, mark.effect).not.toBeNull();
        delays.push(Number(match?.[1]));
      }
    }
    const decisions = sim.faults.decisions.map((d) => describeDecision(d, [client.sessionId]));
    return { frames: out.length, delays, decisions };
  } finally {
    await sim.stop();
  }
}

describe("the latencySpike knob over 1,200 frames", () => {
  it("spikes a binomial share of the frames by 5–20 × baseLatency, the same for one seed and not another", async () => {
    const first = await run(42);
    expect(first.frames).toBeGreaterThanOrEqual(STEPS);
    const mean = first.frames * SHARE;
    const sigma = Math.sqrt(first.frames * SHARE * (1 - SHARE));
    expect(first.delays.length).toBeGreaterThan(mean - 4 * sigma);
    expect(first.delays.length).toBeLessThan(mean + 4 * sigma);
    expect(first.decisions).toHaveLength(first.delays.length);
    for (const ms of first.delays) {
      expect(ms).toBeGreaterThanOrEqual(5 * BASE);
      expect(ms).toBeLessThanOrEqual(20 * BASE);
    }
    // The factor is drawn uniformly: both halves of the range are used.
    expect(first.delays.some((ms) => ms < 12.5 * BASE)).toBe(true);
    expect(first.delays.some((ms) => ms > 12.5 * BASE)).toBe(true);

    const again = await run(42);
    expect(again.decisions).toEqual(first.decisions);
    const other = await run(7);
    expect(other.decisions).not.toEqual(first.decisions);
  }, 30_000);

  it("a spiked frame and a spiked REST answer arrive exactly the marked delay later", async () => {
    const sim = await testSimulator({ seed: 5 });
    const client = await TestClient.connect(sim);
    sim.enableFaultInjection({ latencySpike: 1, baseLatency: BASE });
    let answered = false;
    const call = rest(sim, "GET", "/v4/info").then((res) => {
      answered = true;
      return res;
    });
    await waitUntil(() => sim?.faults.decisions.length === 1, "the answer's decision");
    const restDelay = Number(/^delayed (\d+)ms/.exec(sim.faults.decisions[0]?.effect ?? "")?.[1]);
    expect(restDelay).toBeGreaterThanOrEqual(5 * BASE);
    expect(restDelay).toBeLessThanOrEqual(20 * BASE);
    expect(sim.faults.decisions[0]?.target).toBe("GET /v4/info");
    await sim.clock.advance(restDelay - 1);
    await settle();
    expect(answered).toBe(false);
    await sim.clock.advance(1);
    expect((await call).status).toBe(200);

    const patch = rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/3`, { volume: 9 });
    await waitUntil(() => sim?.faults.decisions.length === 2, "the PATCH answer's decision");
    await sim.clock.advance(20 * BASE);
    expect((await patch).status).toBe(200);
    const seen = client.frames.length;
    sim.faults.voiceClose("3");
    const entry = sim.log.filter({ kind: "ws", direction: "out", type: "WebSocketClosedEvent" })[0];
    const spike = entry?.faults?.find((f) => f.id === "knob:latencySpike");
    const frameDelay = Number(/^delayed (\d+)ms/.exec(spike?.effect ?? "")?.[1]);
    expect(frameDelay).toBeGreaterThanOrEqual(5 * BASE);
    expect(frameDelay).toBeLessThanOrEqual(20 * BASE);
    await sim.clock.advance(frameDelay - 1);
    await settle();
    expect(client.frames.length).toBe(seen);
    await sim.clock.advance(1);
    await waitUntil(() => client.frames.length > seen, "the spiked frame");
    expect(client.frames[seen]).toMatchObject({ op: "event", type: "WebSocketClosedEvent", guildId: "3" });
    await client.close();
  });
});
