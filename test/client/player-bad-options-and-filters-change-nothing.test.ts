import { describe, expect } from "vitest";
import type { PlayOptions } from "../../src/client/player/play-options.js";
import type { Track } from "../../src/client/track.js";
import { FilterValidationError, InvalidOptionError, LavalinkRestError } from "../../src/index.js";
import { catalogTrack, type TestEnvironment } from "../../src/testing/index.js";
import { sonoraTest as test } from "../../src/testing/vitest.js";

describe("bad play options and bad filters are refused before any request, and nothing changes", () => {
  let playing: Track;
  let other: Track;
  test.beforeEach(async ({ sonora, player }) => {
    playing = await sonora.loadTrack(catalogTrack("playing"));
    other = await sonora.loadTrack(catalogTrack("other"));
    await player.play(playing);
  });

  const patches = (sonora: TestEnvironment) =>
    sonora.simulator.log.filter({ kind: "rest", direction: "in", method: "PATCH" }).length;

  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;

  test.for<[string, Record<string, unknown>, string]>([
    ["fractional startTime", { startTime: 1.5 }, "startTime"],
    ["negative startTime", { startTime: -1 }, "startTime"],
    ["string startTime", { startTime: "10" }, "startTime"],
    ["fractional endTime", { endTime: 10_000.5 }, "endTime"],
    ["negative endTime", { endTime: -10 }, "endTime"],
    ["endTime 0", { endTime: 0 }, "endTime"],
    ["endTime equal to startTime", { startTime: 5_000, endTime: 5_000 }, "endTime"],
    ["endTime before startTime", { startTime: 5_000, endTime: 4_000 }, "endTime"],
    ["paused 'yes'", { paused: "yes" }, "paused"],
    ["paused 1", { paused: 1 }, "paused"],
    ["noReplace 'no'", { noReplace: "no" }, "noReplace"],
    ["volume 1001", { volume: 1001 }, "volume"],
    ["volume -1", { volume: -1 }, "volume"],
    ["volume 50.5", { volume: 50.5 }, "volume"],
    ["userData string", { userData: "hi" }, "userData"],
    ["userData array", { userData: [1, 2] }, "userData"],
    ["userData null", { userData: null }, "userData"],
    ["userData Date", { userData: new Date(0) }, "userData"],
    ["userData with a function", { userData: { f: () => 1 } }, "userData"],
    ["userData with NaN", { userData: { n: Number.NaN } }, "userData"],
    ["userData with a Map", { userData: { m: new Map() } }, "userData"],
    ["userData with a cycle", { userData: cyclic }, "userData"],
  ])("%s", async ([_label, options, option], { sonora, player }) => {
    const before = {
      patches: patches(sonora),
      history: [...player.queue.history],
      upcoming: player.queue.size,
    };
    const error = await player.play(other, options as PlayOptions).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as InvalidOptionError).option).toBe(option);
    expect(patches(sonora)).toBe(before.patches);
    expect(player.currentTrack).toBe(playing);
    expect(player.queue.current).toBe(playing);
    expect(player.queue.history).toEqual(before.history);
    expect(other.userData).toEqual({});
    expect(sonora.nodePlayer()?.track?.info.identifier).toBe(playing.identifier);
  });

  test("accepts the edges: startTime 0, endTime just after startTime, nested JSON userData", async ({
    sonora,
    player,
  }) => {
    const userData = { requester: { id: "1", roles: ["dj", null] }, n: 1.5, ok: true };
    await player.play(other, {
      startTime: 0,
      endTime: 1,
      volume: 0,
      paused: false,
      noReplace: false,
      userData,
    });
    expect(player.currentTrack).toBe(other);
    expect(sonora.nodePlayer()?.track?.userData).toEqual(userData);
  });

  test("setFilters(bad) throws FilterValidationError and keeps the current filters", async ({
    sonora,
    player,
  }) => {
    player.filters.nightcore();
    await player.setFilters();
    const payload = player.filters.toPayload();
    const sent = patches(sonora);
    for (const bad of [
      { volume: -1 },
      { timescale: { speed: 0 } },
      { equalizer: [{ band: 99, gain: 0 }] },
      null,
    ]) {
      const error = await player.setFilters(bad as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FilterValidationError);
      expect(player.filters.toPayload()).toEqual(payload);
      expect(player.filters.dirty).toBe(false);
    }
    expect(patches(sonora)).toBe(sent);
    expect(sonora.nodePlayer()?.filters).toEqual(payload);
  });

  test("setFilters(good) refused by the node gives the manager its previous filters back", async ({
    sonora,
    player,
  }) => {
    player.filters.bassBoost("high");
    await player.setFilters();
    player.filters.setVolume(0.5); // a local edit not sent yet: dirty
    const payload = player.filters.toPayload();
    sonora.simulator.faults.add({
      type: "rest-error",
      status: 400,
      toxicity: 1,
      route: "PATCH /v4/sessions/*/players/*",
    });
    const error = await player.setFilters({ karaoke: { level: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LavalinkRestError);
    expect(player.filters.toPayload()).toEqual(payload);
    expect(player.filters.dirty).toBe(true);
    expect(sonora.nodePlayer()?.filters.karaoke).toBeUndefined();
  });
});
