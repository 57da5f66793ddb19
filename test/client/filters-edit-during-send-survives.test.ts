import { describe, expect } from "vitest";
import { catalogTrack } from "../../src/testing/index.js";
import { sonoraTest as test } from "../../src/testing/vitest.js";

describe("a filter edited while setFilters() is on its way", () => {
  test.beforeEach(async ({ sonora, player }) => {
    await player.play(await sonora.loadTrack(catalogTrack("filtered")));
  });

  test("is kept (still dirty) when the answer arrives, and the next setFilters() sends it", async ({
    sonora,
    player,
  }) => {
    player.filters.nightcore();
    const sending = player.setFilters();
    player.filters.setVolume(2); // after the payload was taken, before the answer
    await sending;
    expect(player.filters.toPayload().volume).toBe(2);
    expect(player.filters.toPayload().timescale).toBeDefined();
    expect(player.filters.dirty).toBe(true);
    expect(sonora.nodePlayer()?.filters.volume).toBeUndefined();

    await player.setFilters();
    expect(player.filters.dirty).toBe(false);
    expect(sonora.nodePlayer()?.filters.volume).toBe(2);
    expect(sonora.nodePlayer()?.filters.timescale).toEqual(player.filters.toPayload().timescale);
  });
});
