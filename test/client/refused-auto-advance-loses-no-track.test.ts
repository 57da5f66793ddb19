import { describe, expect } from "vitest";
import { LavalinkRestError } from "../../src/index.js";
import { catalogTrack, waitUntil } from "../../src/testing/index.js";
import { sonoraTest as test } from "../../src/testing/vitest.js";

describe("the node refuses the track the queue advances to when one ends", () => {
  test("reports the error, and a later play() starts that same track (none is skipped)", async ({
    sonora,
    player,
  }) => {
    const a = await sonora.loadTrack(catalogTrack("a", 10_000));
    const b = await sonora.loadTrack(catalogTrack("b", 60_000));
    const c = await sonora.loadTrack(catalogTrack("c", 60_000));
    await player.play(a);
    await player.queue.add([b, c]);
    const errors: unknown[] = [];
    sonora.client.on("error", (e) => errors.push(e));
    const fault = sonora.simulator.faults.add({
      type: "rest-error",
      status: 400,
      toxicity: 1,
      route: "PATCH /v4/sessions/*/players/*",
    });
    await sonora.advance(12_000);
    await waitUntil(() => errors.length > 0, "the refused auto-advance is reported");
    expect(errors[0]).toBeInstanceOf(LavalinkRestError);
    expect(player.currentTrack).toBeNull();
    expect(player.queue.upcoming[0]).toBe(b);
    sonora.simulator.faults.remove(fault);
    expect(await player.play()).toBe(b);
    expect(sonora.nodePlayer()?.track?.info.identifier).toBe(b.identifier);
    expect(player.queue.upcoming).toEqual([c]);
  });
});
