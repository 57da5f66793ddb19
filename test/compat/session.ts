import { expect } from "vitest";
import { type VirtualSimulator, waitUntil } from "../../src/testing/index.js";
import { CHANNEL, GUILD } from "./gateway.js";
import { checkTraffic } from "./protocol-schemas.js";

/** What one client's public API does for each step of the session (its own calls, unchanged). */
export interface SessionSteps {
  /** Starts the track (queued already or given here). */
  play(): unknown;
  pause(paused: boolean): unknown;
  seek(ms: number): unknown;
  /** Sets a timescale filter with speed 2. */
  speedTwo(): unknown;
  destroy(): unknown;
}

/**
 * Drives the middle of a session through a client's own calls and checks each step on the node's
 * side (the simulator), on its virtual clock: TrackStart, a playerUpdate at 5 s, pause and resume,
 * a seek, a filter, the track ending `finished`, destroy. `ended` says when the client reported the
 * end in its own way (trackEnd, queueEnd, queueEmpty …).
 */
export async function driveSession(
  sim: VirtualSimulator,
  trackLength: number,
  events: readonly string[],
  ended: () => boolean,
  steps: SessionSteps,
): Promise<void> {
  const node = () => sim.getPlayer(undefined, GUILD);
  await steps.play();
  await waitUntil(() => events.includes("start"));
  await sim.clock.advance(5_000);
  await waitUntil(() => events.includes("update"));
  expect(node()?.state.position).toBe(5_000);
  await steps.pause(true);
  await waitUntil(() => node()?.paused === true);
  await steps.pause(false);
  await waitUntil(() => node()?.paused === false);
  await steps.seek(30_000);
  await waitUntil(() => node()?.state.position === 30_000);
  await steps.speedTwo();
  await waitUntil(() => node()?.filters.timescale?.speed === 2);
  // At speed 2 the rest of the track takes half as long on the clock.
  await sim.clock.advance(Math.ceil((trackLength - 30_000) / 2));
  await waitUntil(ended);
  expect(sim.log.filter({ type: "TrackEndEvent" }).at(-1)?.body).toContain('"reason":"finished"');
  await steps.destroy();
  await waitUntil(() => node() === undefined);
}

/** After the client closed its sockets: none stays open, and every message passed lavalink-protocol. */
export async function expectCleanEnd(
  sim: VirtualSimulator,
  version: (typeof COMPAT_VERSIONS)[number] = "4.2",
): Promise<void> {
  await waitUntil(() => sim.sessions.every((s) => !s.connected));
  const traffic = checkTraffic(sim, version);
  expect(traffic.problems).toEqual([]);
  expect(traffic.checked).toBeGreaterThan(10);
}

/** The Lavalink versions every client of the suite is driven against (moonlink.js has its own test). */
export const COMPAT_VERSIONS = ["4.0", "4.1", "4.2"] as const;

/**
 * The node holds the voice state the client sent: from 4.2 on Lavalink keeps (and reports) its
 * `channelId`; 4.0 and 4.1 keep token, endpoint and session id only.
 */
export function expectVoiceOnNode(sim: VirtualSimulator, version: (typeof COMPAT_VERSIONS)[number]): void {
  const voice = sim.getPlayer(undefined, GUILD)?.voice;
  expect(voice).toMatchObject({
    token: expect.any(String),
    endpoint: expect.any(String),
    sessionId: expect.any(String),
  });
  if (version === "4.2") expect(voice).toMatchObject({ channelId: CHANNEL });
  else expect(voice?.channelId).toBeUndefined();
}
