import { describe, expect } from "vitest";
import type { Player } from "../../src/client/player/player.js";
import { ChaosAccounting, catalogTrack, type TestEnvironment, waitUntil } from "../../src/testing/index.js";
import { createSonoraTest } from "../../src/testing/vitest.js";

const it = createSonoraTest({ seed: 11 });

/**
 * A track-changing PATCH sent on a reused keep-alive socket is answered by a reset. Either the
 * socket was stale (the node never read the request) or the node applied it and died answering.
 * The client used to take every such reset for the stale case and send the PATCH again, so a
 * track the node had started started twice. It now asks the node first.
 */
describe("a track change reset on a reused socket is sent again only when the node did not apply it", () => {
  let env: TestEnvironment;
  let player: Player;
  let starts: string[];
  let errors: unknown[];
  const route = "PATCH /v4/sessions/*/players/*";

  it.beforeEach(async ({ sonora }) => {
    env = sonora;
    player = await sonora.player(undefined, { channelId: false });
    starts = [];
    errors = [];
    env.client.on("trackStart", (_p, t) => starts.push(t.identifier));
    env.client.on("error", (error) => errors.push(error));
  });

  const nodeStarts = (identifier: string) =>
    env.simulator.log
      .filter({ op: "event" })
      .filter((e) => e.type === "TrackStartEvent" && e.body?.includes(identifier) === true).length;

  /** Resets the next PATCH of a player in `direction`, once; says whether it has acted. */
  function resetNextPatch(direction: "upstream" | "downstream") {
    const fault = env.simulator.faults.add({ type: "reset", direction, route, times: 1 });
    return () => env.simulator.faults.decisions.some((d) => d.id === fault.id);
  }

  /**
   * a (10 s) playing, b and c (20 s) queued; every track counted from both sides (the client's
   * events and the node's own log) from here on.
   */
  async function playAThenQueueBC() {
    const a = await env.loadTrack(catalogTrack("a", 10_000));
    const b = await env.loadTrack(catalogTrack("b", 20_000));
    const c = await env.loadTrack(catalogTrack("c", 20_000));
    const accounting = new ChaosAccounting();
    accounting.expect(player.guildId, [a, b, c]);
    accounting.watchClient(env.client);
    await player.play(a);
    await player.queue.add([b, c]);
    return { accounting };
  }

  /** Drives the clock until the queue ran dry. */
  async function playToTheEnd(): Promise<void> {
    let ranDry = false;
    player.once("queueEnd", () => {
      ranDry = true;
    });
    await env.advanceUntil(() => ranDry, { description: "a, b and c played to the end", maxMs: 120_000 });
  }

  const patches = () =>
    env.simulator.log
      .entries()
      .filter((e) => e.kind === "rest" && e.direction === "in" && e.method === "PATCH");
  const playerGets = () =>
    env.simulator.log
      .entries()
      .filter(
        (e) =>
          e.kind === "rest" &&
          e.direction === "in" &&
          e.method === "GET" &&
          /\/players\/\d+$/.test(e.path ?? ""),
      );

  it("applied (the answer was reset): play() resolves once, the track starts once on both sides", async () => {
    const a = await env.loadTrack(catalogTrack("a", 60_000));
    const b = await env.loadTrack(catalogTrack("b", 60_000));
    await player.play(a); // the keep-alive socket is warm from here on
    const hit = resetNextPatch("downstream");
    // The node is asked 300 ms later, b playing by then: Lavalink encodes a playing track with its
    // position, so the node's `encoded` is not the string the client sent (same track all the same).
    env.simulator.faults.add({
      type: "latency",
      latency: 300,
      direction: "upstream",
      route: "GET /v4/sessions/*/players/*",
      times: 1,
    });
    const before = patches().length;
    await env.drive(player.play(b)); // a retry waits its backoff on the virtual clock
    expect(hit()).toBe(true);
    expect(patches().length - before).toBe(1); // not sent again
    expect(playerGets().length).toBeGreaterThan(0); // the client asked the node instead
    await waitUntil(() => starts.includes(b.identifier), "b's start is reported");
    await env.advance(5_000);
    expect(nodeStarts(b.identifier)).toBe(1);
    expect(starts.filter((s) => s === b.identifier)).toHaveLength(1);
    expect(player.currentTrack).toBe(b);
    expect(env.nodePlayer()?.track?.info.identifier).toBe(b.identifier);
    expect(errors).toEqual([]);
  });

  it("not applied (reset before the node read it): sent again, the track starts once", async () => {
    const a = await env.loadTrack(catalogTrack("a", 60_000));
    const b = await env.loadTrack(catalogTrack("b", 60_000));
    await player.play(a);
    const hit = resetNextPatch("upstream");
    const before = patches().length;
    await env.drive(player.play(b)); // a retry waits its backoff on the virtual clock
    expect(hit()).toBe(true);
    expect(patches().length - before).toBe(2);
    await waitUntil(() => starts.includes(b.identifier), "b's start is reported");
    await env.advance(5_000);
    expect(nodeStarts(b.identifier)).toBe(1);
    expect(starts.filter((s) => s === b.identifier)).toHaveLength(1);
    expect(env.nodePlayer()?.track?.info.identifier).toBe(b.identifier);
    expect(errors).toEqual([]);
  });

  it("auto-advance applied (answer reset): every queued track starts once and finishes, on both sides", async () => {
    const { accounting } = await playAThenQueueBC();
    const hit = resetNextPatch("downstream"); // the PATCH that starts b, after a ends
    await playToTheEnd();
    expect(hit()).toBe(true);
    accounting.readSimulatorLog("simulator", env.simulator.log);
    const report = accounting.report({ label: "reset after the node applied b" });
    expect(report).toMatchObject({ queued: 3, startedOnce: 3, startedFromZero: 3, finished: 3 });
    expect(report).toMatchObject({ lost: 0, doubled: 0, clientMissedStarts: 0, clientMissedEnds: 0 });
    expect(report.unexpectedStarts).toBe(0);
    expect(errors).toEqual([]);
  });

  it("applied, and the node cannot say (Session not found on the question): not sent again, settled once", async () => {
    const { accounting } = await playAThenQueueBC();
    resetNextPatch("downstream"); // the PATCH that starts b is applied, its answer lost
    // Asked, the node answers as one whose session is away: that says nothing of the update.
    env.simulator.faults.add({
      type: "rest-error",
      status: 404,
      message: "Session not found",
      route: "GET /v4/sessions/*/players/*",
      times: 1,
    });
    const before = patches().length;
    await playToTheEnd();
    accounting.readSimulatorLog("simulator", env.simulator.log);
    const report = accounting.report({ label: "reset after apply, then Session not found" });
    expect(report).toMatchObject({ startedOnce: 3, finished: 3, lost: 0, doubled: 0, clientMissedStarts: 0 });
    // b's PATCH went once; the only later one is c's.
    expect(patches().length - before).toBe(2);
    expect(errors.length).toBeGreaterThan(0); // the advance failed unanswered, and was settled by reconciliation
  });

  for (const direction of ["upstream", "downstream"] as const) {
    const applied = direction === "downstream";
    it(`replaying the track that plays, ${applied ? "applied" : "not applied"}: the position tells which`, async () => {
      const a = await env.loadTrack(catalogTrack("a", 120_000));
      await player.play(a);
      await env.advance(30_000);
      const hit = resetNextPatch(direction);
      const before = patches().length;
      await env.drive(player.play(a)); // from the start again
      expect(hit()).toBe(true);
      // Not applied, the node still played a at 30 s: sent again. Applied, a is back near 0.
      expect(patches().length - before).toBe(applied ? 1 : 2);
      await waitUntil(
        () => (env.nodePlayer()?.state.position ?? Infinity) < 5_000,
        "a restarted on the node",
      );
      expect(nodeStarts(a.identifier)).toBe(2);
      expect(errors).toEqual([]);
    });
  }
});
