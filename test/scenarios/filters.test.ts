import { describe, expect } from "vitest";
import { BASS_BOOST_LEVELS, NIGHTCORE_TIMESCALE } from "../../src/index.js";
import { sonoraTest as test } from "../../src/testing/vitest.js";

describe("scenario: filters — bass boost, nightcore, equalizer", () => {
  test("each filter reaches the node, and nightcore speeds playback up", async ({ sonora, player }) => {
    const [track] = sonora.tracks(1, { length: 600_000 });
    await player.play(track!);
    const onNode = () => sonora.simulator.getPlayer(undefined, player.guildId)?.filters;

    player.filters.bassBoost("high");
    await player.setFilters();
    const bands = onNode()?.equalizer ?? [];
    expect(bands.find((b) => b.band === 0)?.gain).toBeCloseTo(BASS_BOOST_LEVELS.high);
    expect(bands.length).toBeGreaterThan(0);
    expect(player.filters.dirty).toBe(false);

    player.filters.nightcore();
    await player.setFilters();
    expect(onNode()?.timescale).toEqual({ ...NIGHTCORE_TIMESCALE });
    expect(onNode()?.equalizer?.length).toBeGreaterThan(0); // the bass boost stays
    const before = player.position;
    await sonora.advance(10_000);
    // 10 s at speed 1.2 is 12 s of the track, on the node and in the client's estimate.
    expect(player.position - before).toBe(12_000);
    expect(sonora.simulator.getPlayer(undefined, player.guildId)?.state.position).toBe(player.position);

    player.filters.reset();
    player.filters.setEqualizer([
      { band: 3, gain: 0.25 },
      { band: 10, gain: -0.2 },
    ]);
    await player.setFilters();
    expect(onNode()?.timescale).toBeUndefined();
    expect(onNode()?.equalizer).toEqual(
      expect.arrayContaining([
        { band: 3, gain: 0.25 },
        { band: 10, gain: -0.2 },
      ]),
    );

    await player.setFilters({});
    expect(onNode()?.equalizer ?? []).toHaveLength(0);
  });
});
