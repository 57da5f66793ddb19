import { describe, expect, it } from "vitest";
import type { VirtualClock } from "../../src/base/clock/index.js";
import type { ClientOptions, Player } from "../../src/client/index.js";
import { LavalinkRestError, SessionUnavailableError } from "../../src/client/index.js";
import {
  driveClock,
  TEST_GUILD_ID as GUILD,
  type ProtocolSimulator,
  catalogTrack as song,
  waitUntil,
} from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { ioTurn } from "../../src/testing/wire-monitor.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

/** What a refused command must leave exactly as it was (same objects, same order). */
function snapshot(player: Player) {
  return {
    currentTrack: player.currentTrack,
    current: player.queue.current,
    upcoming: [...player.queue.upcoming],
    history: [...player.queue.history],
  };
}

/** A started node with resuming configured, and a player playing `first` with `second` queued. */
async function playingWithNext(client: ClientOptions = {}) {
  // The old shared helper's setup: seed 7, one node "main", STEADY_CLIENT's reconnects unless overridden.
  const env = await sonoraEnv({ seed: 7, nodes: ["main"], client: { ...STEADY_CLIENT, ...client } });
  const sim = env.simulator;
  const clock = env.clock as VirtualClock;
  const drive = <T>(promise: Promise<T>, stepMs = 100) => driveClock(clock, promise, { stepMs });
  const node = env.client.nodes.get("main")!;
  const sessionId = node.sessionId!;
  await waitUntil(() => sim.getSession(sessionId)?.resuming === true, "resuming is configured");
  const first = await env.loadTrack(song("first"));
  const second = await env.loadTrack(song("second"));
  const player = await env.client.getPlayer(GUILD);
  await player.queue.add([first, second]);
  await player.play();
  expect(player.currentTrack).toBe(first);
  return { env, sim, clock, drive, node, sessionId, player, first, second };
}

/** Player PATCHes that reached the simulator, in order, with their session ids. */
function playerPatches(sim: ProtocolSimulator): string[] {
  return sim.log
    .filter({ kind: "rest", method: "PATCH", direction: "in" })
    .filter((e) => e.path?.includes("/players/"))
    .map((e) => `${e.path}`);
}

describe("a command issued while the node's session is away waits for it", () => {
  it("waits for the resumed session, then lands on it (nothing goes to the node meanwhile)", async () => {
    const { drive, sim, node, sessionId, player, second } = await playingWithNext();
    const sent = playerPatches(sim).length;
    sim.dropConnection(sessionId);
    await waitUntil(() => node.state === "reconnecting", "the client notices the drop");
    const skipped = player.skip();
    for (let i = 0; i < 10; i++) await ioTurn();
    // The node would answer 404 "Session not found" during its resume window.
    expect(playerPatches(sim)).toHaveLength(sent);
    expect(await drive(skipped)).toBe(second);
    expect(node.sessionId).toBe(sessionId);
    expect(player.currentTrack).toBe(second);
    expect(sim.getPlayer(sessionId, GUILD)?.track?.info.identifier).toBe(song("second"));
  });

  it("on a new session, waits until the player was rebuilt there, then lands", async () => {
    const { drive, sim, node, sessionId, player, second } = await playingWithNext();
    await sim.kill();
    await waitUntil(() => node.state === "reconnecting", "the client notices the node is gone");
    await sim.restart(); // every session lost: the reconnect gets a new one
    const skipped = player.skip();
    expect(await drive(skipped)).toBe(second);
    expect(node.sessionId).not.toBe(sessionId);
    const onNew = playerPatches(sim).filter((p) => p.includes(node.sessionId!));
    // The rebuild re-created the player first; the skip came after it, on the same session.
    expect(onNew.length).toBeGreaterThanOrEqual(2);
    expect(sim.getPlayer(node.sessionId!, GUILD)?.track?.info.identifier).toBe(song("second"));
    expect(player.currentTrack).toBe(second);
  });

  it("fails with SessionUnavailableError after resume.sessionWait; the queue is exactly as before", async () => {
    const { clock, drive, sim, node, player } = await playingWithNext({
      resume: { timeout: 60, sessionWait: 2_000 },
      reconnect: { maxRetries: 100, backoff: "fixed", baseDelay: 1_000, jitter: false },
    });
    const before = snapshot(player);
    await sim.kill();
    await waitUntil(() => node.state === "reconnecting", "the client notices the node is gone");
    const started = clock.now();
    const error = await drive(
      player.skip().catch((e: unknown) => e),
      100,
    );
    expect(error).toBeInstanceOf(SessionUnavailableError);
    expect((error as SessionUnavailableError).code).toBe("SESSION_UNAVAILABLE");
    expect((error as SessionUnavailableError).node).toBe("main");
    expect(clock.now() - started).toBeGreaterThanOrEqual(2_000);
    expect(clock.now() - started).toBeLessThan(3_000);
    expect(snapshot(player)).toEqual(before);
    expect(node.state).toBe("reconnecting");
  });

  it("fails at once with SessionUnavailableError when the node is lost meanwhile; the queue is as before", async () => {
    const { clock, drive, sim, env, node, player } = await playingWithNext({
      reconnect: { maxRetries: 1, backoff: "fixed", baseDelay: 1_000, jitter: false },
    });
    const other = await env.loadTrack(song("other"));
    const before = snapshot(player);
    await sim.kill();
    await waitUntil(() => node.state === "reconnecting", "the client notices the node is gone");
    const started = clock.now();
    const error = await drive(
      player.play(other).catch((e: unknown) => e),
      100,
    );
    expect(error).toBeInstanceOf(SessionUnavailableError);
    expect(node.state).toBe("disconnected");
    expect(clock.now() - started).toBeLessThan(5_000); // not the 60 s resume window
    expect(snapshot(player)).toEqual(before);
  });
});

describe('a "Session not found" answer waits for the next ready and is sent once more', () => {
  /** From now on the node answers every player PATCH with 404 "Session not found". */
  function sessionNotFound(sim: ProtocolSimulator) {
    return sim.faults.add({
      type: "rest-error",
      status: 404,
      message: "Session not found",
      toxicity: 1,
      route: "PATCH /v4/sessions/*/players/*",
    });
  }

  it("lands after the session comes back", async () => {
    const { drive, sim, sessionId, player, second } = await playingWithNext();
    const fault = sessionNotFound(sim);
    const skipped = player.skip();
    await waitUntil(() => sim.faults.decisions.length > 0, "the node answered 404");
    sim.faults.remove(fault);
    sim.dropConnection(sessionId); // the node's next ready is what the retry waits for
    expect(await drive(skipped)).toBe(second);
    expect(sim.getPlayer(undefined, GUILD)?.track?.info.identifier).toBe(song("second"));
    expect(player.currentTrack).toBe(second);
  });

  it("answered 404 again after the next ready: SessionUnavailableError, the queue exactly as before", async () => {
    const { drive, sim, sessionId, player } = await playingWithNext();
    const before = snapshot(player);
    sessionNotFound(sim);
    const failed = player.skip().catch((e: unknown) => e);
    await waitUntil(() => sim.faults.decisions.length > 0, "the node answered 404");
    sim.dropConnection(sessionId);
    const error = await drive(failed);
    expect(error).toBeInstanceOf(SessionUnavailableError);
    const cause = (error as SessionUnavailableError).cause;
    expect(cause).toBeInstanceOf(LavalinkRestError);
    expect((cause as LavalinkRestError).status).toBe(404);
    expect(sim.faults.decisions).toHaveLength(2); // sent twice, not more
    expect(snapshot(player)).toEqual(before);
  });
});
