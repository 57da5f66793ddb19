import { describe, expect } from "vitest";
import type { Player } from "../../src/client/player/player.js";
import { catalogTrack, type TestEnvironment, waitUntil } from "../../src/testing/index.js";
import { createSonoraTest } from "../../src/testing/vitest.js";

// The old playback rig's setup: seed 7, default client options, a player kept out of voice.
const it = createSonoraTest({ seed: 7 });

/**
 * The PATCH of an auto-advance fails with no answer: the node may have applied it (only its
 * answer was lost) or not (the request never arrived). Reconciliation asks the node and finishes
 * the advance exactly once: it adopts the track the node plays, or sends it now.
 */
describe("an auto-advance whose request got no answer is finished once", () => {
  let env: TestEnvironment;
  let player: Player;
  let starts: string[];
  let errors: unknown[];
  it.beforeEach(async ({ sonora }) => {
    env = sonora;
    player = await sonora.player(undefined, { channelId: false });
    starts = [];
    errors = [];
    env.client.on("trackStart", (_p, t) => starts.push(t.identifier));
    env.client.on("error", (error) => errors.push(error)); // the failed PATCH is reported
  });

  const nodeStarts = (identifier: string) =>
    env.simulator.log
      .filter({ op: "event" })
      .filter((e) => e.type === "TrackStartEvent" && e.body?.includes(identifier) === true).length;

  // The answer is held past the client's REST timeout (10 s), or the request is reset on its way.
  // (A reset after the node applied it is test/client/rest-reset-after-apply.test.ts: on a reused
  // keep-alive socket the client asks the node instead of reconciling later.)
  for (const direction of ["downstream", "upstream"] as const) {
    const what =
      direction === "downstream" ? "the node applied it (answer lost)" : "it never reached the node";
    it(`${what}: the next track plays once, the queue stands on it, and the one after follows`, async () => {
      const a = await env.loadTrack(catalogTrack("a", 10_000));
      const b = await env.loadTrack(catalogTrack("b", 20_000));
      const c = await env.loadTrack(catalogTrack("c", 20_000));
      await player.play(a);
      await player.queue.add([b, c]);
      const route = "PATCH /v4/sessions/*/players/*";
      const fault =
        direction === "downstream"
          ? env.simulator.faults.add({ type: "latency", latency: 15_000, direction, toxicity: 1, route })
          : env.simulator.faults.add({ type: "reset", direction, toxicity: 1, route });
      // Only this one request: the retry (if any) must get through.
      env.client.once("error", () => env.simulator.faults.remove(fault.id));
      await env.advance(direction === "downstream" ? 22_000 : 11_000);
      // Retries wait their backoff on the virtual clock: keep it moving until the advance is done.
      await env.advanceUntil(
        () => player.currentTrack === b && env.nodePlayer()?.track?.info.identifier === b.identifier,
        { description: "the queue stands on b, and the node plays it", maxMs: 10_000 },
      );
      await waitUntil(() => starts.includes(b.identifier), "b's start is reported");
      expect(errors.length).toBeGreaterThan(0);
      const faulted = env.simulator.log.entries().filter((e) => e.method === "PATCH" && e.faults?.length);
      expect(faulted.length).toBeGreaterThan(0);
      expect(env.nodePlayer()?.track?.info.identifier).toBe(b.identifier);
      expect(nodeStarts(b.identifier)).toBe(1);
      expect(starts.filter((s) => s === b.identifier)).toHaveLength(1);
      expect(player.queue.upcoming).toEqual([c]);
      await env.advance(21_000);
      await waitUntil(() => player.currentTrack === c, "c follows b");
      expect(nodeStarts(b.identifier)).toBe(1);
      expect(nodeStarts(c.identifier)).toBe(1);
    });
  }
});
