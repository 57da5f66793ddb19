import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PlayOptions } from "../../src/client/player/play-options.js";
import type { Track } from "../../src/client/track.js";
import { FilterValidationError, InvalidOptionError, LavalinkRestError } from "../../src/index.js";
import { type Rig, rig, song } from "./helpers/playback.js";

describe("bad play options and bad filters are refused before any request, and nothing changes", () => {
  let r: Rig;
  let playing: Track;
  let other: Track;
  beforeEach(async () => {
    r = await rig();
    playing = await r.load(song("playing"));
    other = await r.load(song("other"));
    await r.player.play(playing);
  });
  afterEach(async () => {
    await r.close();
  });

  const patches = () => r.sim.log.filter({ kind: "rest", direction: "in", method: "PATCH" }).length;

  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;

  it.each<[string, Record<string, unknown>, string]>([
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
  ])("%s", async (_label, options, option) => {
    const before = {
      patches: patches(),
      history: [...r.player.queue.history],
      upcoming: r.player.queue.size,
    };
    const error = await r.player.play(other, options as PlayOptions).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as InvalidOptionError).option).toBe(option);
    expect(patches()).toBe(before.patches);
    expect(r.player.currentTrack).toBe(playing);
    expect(r.player.queue.current).toBe(playing);
    expect(r.player.queue.history).toEqual(before.history);
    expect(other.userData).toEqual({});
    expect(r.truth()?.track?.info.identifier).toBe(playing.identifier);
  });

  it("accepts the edges: startTime 0, endTime just after startTime, nested JSON userData", async () => {
    const userData = { requester: { id: "1", roles: ["dj", null] }, n: 1.5, ok: true };
    await r.player.play(other, {
      startTime: 0,
      endTime: 1,
      volume: 0,
      paused: false,
      noReplace: false,
      userData,
    });
    expect(r.player.currentTrack).toBe(other);
    expect(r.truth()?.track?.userData).toEqual(userData);
  });

  it("setFilters(bad) throws FilterValidationError and keeps the current filters", async () => {
    r.player.filters.nightcore();
    await r.player.setFilters();
    const payload = r.player.filters.toPayload();
    const sent = patches();
    for (const bad of [
      { volume: -1 },
      { timescale: { speed: 0 } },
      { equalizer: [{ band: 99, gain: 0 }] },
      null,
    ]) {
      const error = await r.player.setFilters(bad as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FilterValidationError);
      expect(r.player.filters.toPayload()).toEqual(payload);
      expect(r.player.filters.dirty).toBe(false);
    }
    expect(patches()).toBe(sent);
    expect(r.truth()?.filters).toEqual(payload);
  });

  it("setFilters(good) refused by the node gives the manager its previous filters back", async () => {
    r.player.filters.bassBoost("high");
    await r.player.setFilters();
    r.player.filters.setVolume(0.5); // a local edit not sent yet: dirty
    const payload = r.player.filters.toPayload();
    r.sim.faults.add({
      type: "rest-error",
      status: 400,
      toxicity: 1,
      route: "PATCH /v4/sessions/*/players/*",
    });
    const error = await r.player.setFilters({ karaoke: { level: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LavalinkRestError);
    expect(r.player.filters.toPayload()).toEqual(payload);
    expect(r.player.filters.dirty).toBe(true);
    expect(r.truth()?.filters.karaoke).toBeUndefined();
  });
});
