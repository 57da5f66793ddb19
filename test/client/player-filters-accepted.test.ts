import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EQUALIZER_PRESETS, Equalizer, type FilterManager } from "../../src/index.js";
import { type Rig, rig, song } from "./helpers/playback.js";

describe("every filter and preset is accepted by the simulator's validation", () => {
  let r: Rig;
  beforeEach(async () => {
    r = await rig();
    await r.player.play(await r.load(song("f")));
  });
  afterEach(async () => {
    await r.close();
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
    ["pluginFilters", (f) => f.setPluginFilter("some-plugin", { enabled: true })],
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

  it.each(cases)("%s", async (_name, apply) => {
    r.player.filters.reset();
    apply(r.player.filters);
    const payload = r.player.filters.toPayload();
    await r.player.setFilters();
    expect(r.truth()?.filters).toEqual(payload);
    expect(r.player.filters.toPayload()).toEqual(payload); // the node's answer mirrors it back
  });

  it("all at once, and reset clears them on the node", async () => {
    r.player.filters.bassBoost("high").nightcore().eightD().karaoke().soft().setVolume(1.2);
    await r.player.setFilters();
    expect(Object.keys(r.truth()?.filters ?? {}).sort()).toEqual(
      ["equalizer", "karaoke", "lowPass", "rotation", "timescale", "volume"].sort(),
    );
    r.player.filters.reset();
    await r.player.setFilters();
    expect(r.truth()?.filters).toEqual({});
    await r.player.setFilters({ tremolo: { frequency: 2, depth: 0.5 } });
    expect(r.truth()?.filters).toEqual({ tremolo: { frequency: 2, depth: 0.5 } });
  });

  it("unsent local edits survive the answer to an unrelated request", async () => {
    r.player.filters.nightcore();
    await r.player.pause();
    expect(r.player.filters.dirty).toBe(true);
    expect(r.player.filters.get("timescale")).toBeDefined();
    await r.player.setFilters();
    expect(r.truth()?.filters.timescale).toEqual({ speed: 1.2, pitch: 1.2, rate: 1 });
  });
});
