import { expect } from "vitest";
import type { FaultDecision } from "../../src/simulator/index.js";
import {
  startTestSimulator,
  TEST_PASSWORD,
  type TestSimulatorOptions,
  type VirtualSimulator,
} from "../../src/testing/index.js";
import { loadOne, rest, TestClient } from "./helpers.js";

export const REPLAY_GUILD = "4242";
const VOICE = { token: "t", endpoint: "e.discord.media:443", sessionId: "v", channelId: "88" };

/**
 * Traffic a scenario sends through a started simulator. It returns the session ids it opened, in
 * the order it opened them, so decisions can be compared across seeds (ids come from the seed).
 */
export type Traffic = (sim: VirtualSimulator) => Promise<string[]>;

/** One fault scenario: simulator options and the traffic (which arms the faults after its setup). */
export interface ReplayScenario {
  options?: TestSimulatorOptions;
  traffic: Traffic;
}

/**
 * A decision as one comparable line: clock time, where, which fault, what it did, to what. Session
 * ids are replaced by their opening order (`S0`, `S1`, …) so other seeds compare on what matters.
 */
export function describeDecision(d: FaultDecision, sessions: readonly string[]): string {
  let target = d.target;
  let session = d.sessionId ?? "-";
  sessions.forEach((id, i) => {
    target = target.split(id).join(`S${i}`);
    if (session === id) session = `S${i}`;
  });
  return `${d.at} ${d.channel} ${d.direction} ${session} ${d.id} ${d.type} ${d.effect} @ ${target}`;
}

/** Runs a scenario on a fresh simulator with `seed` and returns its decisions, one line each. */
export async function decisionTrace(scenario: ReplayScenario, seed: number): Promise<string[]> {
  const sim = await startTestSimulator({ ...scenario.options, seed });
  try {
    const sessions = await scenario.traffic(sim);
    return sim.faults.decisions.map((d) => describeDecision(d, sessions));
  } finally {
    await sim.stop();
  }
}

/**
 * Runs a scenario twice with one seed and once with another: the first two give the same
 * decisions (at least `minDecisions`, so the comparison means something); the other seed gives
 * different ones, unless the fault draws nothing (`deterministic`), where only "same" is asserted.
 */
export async function expectReplays(
  scenario: ReplayScenario,
  options: { seed?: number; otherSeed?: number; minDecisions?: number; deterministic?: boolean } = {},
): Promise<string[]> {
  const seed = options.seed ?? 42;
  const first = await decisionTrace(scenario, seed);
  expect(first.length).toBeGreaterThanOrEqual(options.minDecisions ?? 5);
  expect(await decisionTrace(scenario, seed)).toEqual(first);
  if (options.deterministic !== true) {
    expect(await decisionTrace(scenario, options.otherSeed ?? 7)).not.toEqual(first);
  }
  return first;
}

/** A playing player; `arm` the faults, then `steps` player updates `interval` ms apart. */
export function playerUpdates(
  arm: (sim: VirtualSimulator) => void,
  steps: number,
  options: { voice?: boolean; reconnectVoice?: boolean } = {},
): Traffic {
  return async (sim) => {
    const client = await TestClient.connect(sim);
    const { encoded } = await loadOne(sim);
    await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/${REPLAY_GUILD}`, {
      track: { encoded },
      ...(options.voice === true ? { voice: VOICE } : {}),
    });
    arm(sim);
    for (let i = 0; i < steps; i++) {
      await sim.clock.advance(10);
      if (
        options.reconnectVoice === true &&
        sim.getPlayer(undefined, REPLAY_GUILD)?.state.connected === false
      ) {
        await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/${REPLAY_GUILD}`, {
          voice: VOICE,
        });
      }
    }
    return [client.sessionId];
  };
}

/** `arm` the faults, then start a track `count` times (each start is a TrackStartEvent). */
export function trackStarts(arm: (sim: VirtualSimulator) => void, count: number): Traffic {
  return async (sim) => {
    const client = await TestClient.connect(sim);
    const { encoded } = await loadOne(sim);
    arm(sim);
    for (let i = 0; i < count; i++) {
      await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/${REPLAY_GUILD}`, {
        track: { encoded },
      });
    }
    return [client.sessionId];
  };
}

/** `arm` the faults, then `count` player PATCHes, each on its own guild. */
export function restCalls(arm: (sim: VirtualSimulator) => void, count: number): Traffic {
  return async (sim) => {
    const client = await TestClient.connect(sim);
    arm(sim);
    for (let i = 0; i < count; i++) {
      const res = await fetch(`${sim.url}/v4/sessions/${client.sessionId}/players/${1000 + i}`, {
        method: "PATCH",
        headers: { Authorization: TEST_PASSWORD, "Content-Type": "application/json" },
        body: JSON.stringify({ volume: 50 }),
      });
      await res.text();
    }
    return [client.sessionId];
  };
}

/**
 * `count` WebSocket sessions, opened one after another; `arm` the faults, then run the clock
 * `steps` × 10 ms. With `statsInterval: 10` each session gets a stats frame every step, so a fault
 * that ends connections meets each session until it hits it.
 */
export function connections(arm: (sim: VirtualSimulator) => void, count: number, steps: number): Traffic {
  return async (sim) => {
    const clients: TestClient[] = [];
    for (let i = 0; i < count; i++) clients.push(await TestClient.connect(sim));
    arm(sim);
    for (let i = 0; i < steps; i++) await sim.clock.advance(10);
    return clients.map((c) => c.sessionId);
  };
}
