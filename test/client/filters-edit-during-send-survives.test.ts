import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Rig, rig, song } from "./helpers/playback.js";

describe("a filter edited while setFilters() is on its way", () => {
  let r: Rig;
  beforeEach(async () => {
    r = await rig();
    await r.player.play(await r.load(song("filtered")));
  });
  afterEach(async () => {
    await r.close();
  });

  it("is kept (still dirty) when the answer arrives, and the next setFilters() sends it", async () => {
    r.player.filters.nightcore();
    const sending = r.player.setFilters();
    r.player.filters.setVolume(2); // after the payload was taken, before the answer
    await sending;
    expect(r.player.filters.toPayload().volume).toBe(2);
    expect(r.player.filters.toPayload().timescale).toBeDefined();
    expect(r.player.filters.dirty).toBe(true);
    expect(r.truth()?.filters.volume).toBeUndefined();

    await r.player.setFilters();
    expect(r.player.filters.dirty).toBe(false);
    expect(r.truth()?.filters.volume).toBe(2);
    expect(r.truth()?.filters.timescale).toEqual(r.player.filters.toPayload().timescale);
  });
});
