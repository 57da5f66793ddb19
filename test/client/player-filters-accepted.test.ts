import { describe, expect } from "vitest";
import { EQUALIZER_PRESETS, Equalizer, type FilterManager } from "../../src/index.js";
import { catalogTrack } from "../../src/testing/index.js";
import { sonoraTest as test } from "../../src/testing/vitest.js";

describe("every filter and preset is accepted by the simulator's validation", () => {
  test.beforeEach(async ({ sonora, player }) => {
    await player.play(await sonora.loadTrack(catalogTrack("f")));
  });

  const cases: [string, (f: FilterManager) => unknown][] = [
    ["volume", (f) => f.setVolume(5)],
    ["equalizer", (f) => f.setEqualizer([{ band: 14, gain: -0.25 }])],
    ["karaoke", (f) => f.setKaraoke({ level: 0.5, monoLevel: 0.5, filterBand: 200, filterWidth: 80 })],
    ["timescale", (f) => f.setTimescale({ speed: 0.5, pitch: 2, rate: 1.1 })],
    ["tremolo", (f) => f.setTremolo({ frequency: 4, depth: 1 })],
    ["vibrato", (f) => f.setVibrato({ frequency: 14, depth: 0.1 })],
    ["rotation", (f) => f.setRotation({ rotationHz: 1 })],
    ["distortion", (f) => f.setDistortion({ sinOffset: 0.1, scale: 2 })],
    [
      "channelMix",
      (f) => f.setChannelMix({ leftToLeft: 1, leftToRight: 0, rightToLeft: 0, rightToRight: 1 }),
    ],
    ["lowPass", (f) => f.setLowPass({ smoothing: 1.5 })],
    // pluginFilters: the node keeps only those of an advertised filter extension, as Lavalink does;
    // covered with a node that runs one in test/plugins/lavasearch-lavasrc.test.ts.
    ["bassBoost low", (f) => f.bassBoost("low")],
    ["bassBoost extreme", (f) => f.bassBoost("extreme")],
    ["bassBoost 1", (f) => f.bassBoost(1)],
    ["nightcore", (f) => f.nightcore()],
    ["vaporwave", (f) => f.vaporwave()],
    ["eightD", (f) => f.eightD()],
    ["karaoke preset", (f) => f.karaoke()],
    ["soft", (f) => f.soft()],
    ["mono", (f) => f.mono()],
    ...Object.keys(EQUALIZER_PRESETS).map(
      (name) =>
        [`equalizer ${name}`, (f: FilterManager) => f.setFilter(Equalizer.preset(name as "flat"))] as [
          string,
          (f: FilterManager) => unknown,
        ],
    ),
  ];

  test.for(cases)("%s", async ([_name, apply], { sonora, player }) => {
    player.filters.reset();
    apply(player.filters);
    const payload = player.filters.toPayload();
    await player.setFilters();
    // Lavalink 4.1+ echoes each sub-filter with its defaults filled in: what was sent is a subset.
    expect(sonora.nodePlayer()?.filters).toMatchObject(payload);
    expect(player.filters.toPayload()).toMatchObject(payload); // the node's answer mirrors it back
  });

  test("all at once, and reset clears them on the node", async ({ sonora, player }) => {
    player.filters.bassBoost("high").nightcore().eightD().karaoke().soft().setVolume(1.2);
    await player.setFilters();
    expect(Object.keys(sonora.nodePlayer()?.filters ?? {}).sort()).toEqual(
      ["equalizer", "karaoke", "lowPass", "rotation", "timescale", "volume"].sort(),
    );
    player.filters.reset();
    await player.setFilters();
    expect(sonora.nodePlayer()?.filters).toEqual({});
    await player.setFilters({ tremolo: { frequency: 2, depth: 0.5 } });
    expect(sonora.nodePlayer()?.filters).toEqual({ tremolo: { frequency: 2, depth: 0.5 } });
  });

  test("unsent local edits survive the answer to an unrelated request", async ({ sonora, player }) => {
    player.filters.nightcore();
    await player.pause();
    expect(player.filters.dirty).toBe(true);
    expect(player.filters.get("timescale")).toBeDefined();
    await player.setFilters();
    expect(sonora.nodePlayer()?.filters.timescale).toEqual({ speed: 1.2, pitch: 1.2, rate: 1 });
  });
});
