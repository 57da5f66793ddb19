import { describe, expect, it } from "vitest";
import {
  connections,
  expectReplays,
  playerUpdates,
  type ReplayScenario,
  restCalls,
  trackStarts,
} from "./fault-replay-helpers.js";

/** Fast traffic: a player update or a stats frame every 10 ms of the sim's clock. */
const FAST = { playerUpdateInterval: 10, statsInterval: 10 };

/** What each line of a trace says about the fault, without time and session. */
function faultsOf(trace: string[]): string[] {
  return trace.map((line) => line.split(" ").slice(4, 6).join(" "));
}

describe("every probabilistic fault type replays its decisions for the same seed, and not for another", () => {
  it("latency with jitter", async () => {
    const scenario: ReplayScenario = {
      options: FAST,
      traffic: playerUpdates(
        (sim) => sim.faults.add({ type: "latency", latency: 30, jitter: 20, toxicity: 0.5 }),
        150,
      ),
    };
    const trace = await expectReplays(scenario, { minDecisions: 40 });
    expect(new Set(faultsOf(trace))).toEqual(new Set(["fault-1 latency"]));
    // The jitter is drawn: the delays are not all equal.
    expect(new Set(trace.map((l) => /delayed (\d+)ms/.exec(l)?.[1])).size).toBeGreaterThan(5);
  });

  it("latency-spike", async () => {
    const trace = await expectReplays(
      {
        options: FAST,
        traffic: playerUpdates((sim) => sim.faults.add({ type: "latency-spike", toxicity: 0.3 }), 150),
      },
      { minDecisions: 20 },
    );
    expect(
      trace.every((l) => / latency-spike delayed \d+ms \(spike x\d+\.\d\) @ (playerUpdate|stats)$/.test(l)),
    ).toBe(true);
  });

  it("packet-loss", async () => {
    const trace = await expectReplays(
      {
        options: FAST,
        traffic: playerUpdates(
          (sim) => sim.faults.add({ type: "packet-loss", toxicity: 0.2, scope: "ws" }),
          150,
        ),
      },
      { minDecisions: 10 },
    );
    expect(trace.every((l) => / packet-loss (delayed|stalled)/.test(l))).toBe(true);
  });

  it("bandwidth (draws nothing: the same trace, every frame hit)", async () => {
    const trace = await expectReplays(
      {
        options: FAST,
        traffic: playerUpdates(
          (sim) => sim.faults.add({ type: "bandwidth", rate: 100_000, scope: "ws" }),
          60,
        ),
      },
      { minDecisions: 60, deterministic: true },
    );
    expect(trace.every((l) => / bandwidth delayed \d+ms \(\d+ bytes at 100000 B\/s\)/.test(l))).toBe(true);
  });

  it("reset (each WebSocket is cut at the frame the seed picks)", async () => {
    const trace = await expectReplays(
      {
        options: FAST,
        traffic: connections((sim) => sim.faults.add({ type: "reset", scope: "ws", toxicity: 0.1 }), 12, 80),
      },
      { minDecisions: 10 },
    );
    expect(trace.every((l) => l.includes(" reset dropped connection @ stats"))).toBe(true);
  });

  it("timeout (each WebSocket is black-holed at the frame the seed picks)", async () => {
    const trace = await expectReplays(
      {
        options: FAST,
        traffic: connections(
          (sim) => sim.faults.add({ type: "timeout", scope: "ws", toxicity: 0.1 }),
          12,
          80,
        ),
      },
      { minDecisions: 10 },
    );
    expect(trace.every((l) => l.includes(" timeout blackholed @ stats"))).toBe(true);
  });

  it("rest-error", async () => {
    const trace = await expectReplays(
      {
        traffic: restCalls((sim) => sim.faults.add({ type: "rest-error", status: 502, toxicity: 0.3 }), 60),
      },
      { minDecisions: 8 },
    );
    expect(
      trace.every((l) => / rest upstream S0 fault-1 rest-error 502 @ PATCH \/v4\/sessions\/S0\//.test(l)),
    ).toBe(true);
  });

  it("ws-close", async () => {
    const trace = await expectReplays(
      {
        options: FAST,
        traffic: connections(
          (sim) => sim.faults.add({ type: "ws-close", code: 4000, reason: "chaos", toxicity: 0.1 }),
          12,
          80,
        ),
      },
      { minDecisions: 10 },
    );
    expect(trace.every((l) => l.includes(" ws-close closed 4000 @ stats"))).toBe(true);
  });

  it("voice-close (on a connected player's updates)", async () => {
    const trace = await expectReplays(
      {
        options: FAST,
        traffic: playerUpdates((sim) => sim.faults.add({ type: "voice-close", toxicity: 0.2 }), 120, {
          voice: true,
          reconnectVoice: true,
        }),
      },
      { minDecisions: 8 },
    );
    expect(trace.every((l) => l.endsWith(" voice-close voice closed 4006 @ playerUpdate"))).toBe(true);
  });

  it("track-exception (decided per TrackStartEvent, with a drawn afterMs)", async () => {
    const trace = await expectReplays(
      {
        traffic: trackStarts((sim) => sim.faults.add({ type: "track-exception", toxicity: 0.3 }), 50),
      },
      { minDecisions: 5 },
    );
    expect(
      trace.every((l) => / track-exception track exception in \d+ms @ event TrackStartEvent$/.test(l)),
    ).toBe(true);
  });

  it("track-stuck (decided per TrackStartEvent, with a drawn afterMs)", async () => {
    const trace = await expectReplays(
      {
        traffic: trackStarts((sim) => sim.faults.add({ type: "track-stuck", toxicity: 0.3 }), 50),
      },
      { minDecisions: 5 },
    );
    expect(trace.every((l) => / track-stuck track stuck in \d+ms @ event TrackStartEvent$/.test(l))).toBe(
      true,
    );
  });

  it("connectionDrop (the knob: reset on WebSocket frames)", async () => {
    const trace = await expectReplays(
      {
        options: FAST,
        traffic: connections((sim) => sim.enableFaultInjection({ connectionDrop: 0.1 }), 12, 80),
      },
      { minDecisions: 10 },
    );
    expect(new Set(faultsOf(trace))).toEqual(new Set(["knob:connectionDrop reset"]));
  });
});
