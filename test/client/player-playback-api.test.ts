import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AutoplayEngine, Equalizer } from "../../src/index.js";
import { GUILD, type Rig, rig, song, until } from "./helpers/playback.js";

describe("the player playback API against the simulator", () => {
  let r: Rig;
  beforeEach(async () => {
    r = await rig();
  });
  afterEach(async () => {
    await r.close();
  });

  it("runs the documented calls: play, queue.add, skip, pause/resume, shuffles, clear, filters, autoplay", async () => {
    const { player, client } = r;
    expect(await client.getPlayer(GUILD)).toBe(player);
    const track = await r.load(song("first"));
    const track2 = await r.load(song("second"));

    await player.play(track);
    expect(player.currentTrack).toBe(track);
    expect(r.truth()?.track?.encoded).toBe(track.encoded);
    expect(player.playing).toBe(true);

    await player.queue.add(track2);
    expect(player.queue.upcoming.length).toBe(1);
    expect(r.truth()?.track?.encoded).toBe(track.encoded); // add never starts playback

    await player.skip();
    expect(player.currentTrack).toBe(track2);
    expect(r.truth()?.track?.encoded).toBe(track2.encoded);
    expect(player.queue.history[0]).toBe(track);

    await player.pause();
    expect(player.paused).toBe(true);
    expect(r.truth()?.paused).toBe(true);
    await player.resume();
    expect(player.paused).toBe(false);
    expect(r.truth()?.paused).toBe(false);

    await player.queue.add([await r.load(song("a")), await r.load(song("b")), await r.load(song("c"))]);
    await player.queue.smartShuffle();
    expect(player.queue.size).toBe(3);
    await player.queue.clear();
    expect(player.queue.size).toBe(0);

    player.filters.bassBoost("high");
    player.filters.nightcore();
    await player.setFilters();
    expect(r.truth()?.filters).toEqual(player.filters.toPayload());
    expect(r.truth()?.filters.timescale).toEqual({ speed: 1.2, pitch: 1.2, rate: 1 });
    expect(player.filters.dirty).toBe(false);

    const eq = new Equalizer();
    eq.setBand(0, 0.5);
    player.filters.setFilter(eq);
    await player.setFilters();
    expect(r.truth()?.filters.equalizer).toEqual([{ band: 0, gain: 0.5 }]);

    const autoplay = new AutoplayEngine(GUILD);
    autoplay.configure({ enabled: true, strategy: "similar_artist", maxHistory: 10 });
    expect(autoplay.enabled).toBe(true);
    expect(autoplay.strategy).toBe("similar_artist");
  });

  it("seek, setVolume, stop, previous and play() from the queue", async () => {
    const { player } = r;
    const [a, b] = [await r.load(song("a")), await r.load(song("b"))];
    await player.queue.add([a, b]);
    expect(await player.play()).toBe(a); // nothing given: next from the queue
    await player.seek(30_000);
    expect(r.truth()?.state.position).toBe(30_000);
    await player.setVolume(250);
    expect(player.volume).toBe(250);
    expect(r.truth()?.volume).toBe(250);
    await player.skip();
    expect(player.currentTrack).toBe(b);
    expect(await player.previous()).toBe(a);
    expect(player.currentTrack).toBe(a);
    expect(player.queue.upcoming).toEqual([b]);
    await player.stop();
    await until(() => player.currentTrack === null, "stop mirrored");
    expect(r.truth()?.track).toBeNull();
    expect(player.queue.upcoming).toEqual([b]);
    // skip on an idle player with a queued track starts it
    expect(await player.skip()).toBe(b);
    expect(r.truth()?.track?.encoded).toBe(b.encoded);
    // skip on an empty queue stops without error
    expect(await player.skip()).toBeNull();
    expect(r.truth()?.track).toBeNull();
    expect(await player.skip()).toBeNull();
  });

  it("play accepts an encoded string and play options", async () => {
    const { player } = r;
    const t = await r.load(song("opts"));
    const played = await player.play(t.encoded, {
      startTime: 10_000,
      volume: 50,
      paused: true,
      userData: { by: "me" },
    });
    expect(played?.encoded).toBe(t.encoded);
    expect(r.truth()).toMatchObject({ paused: true, volume: 50, state: { position: 10_000 } });
    expect(r.truth()?.track?.userData).toEqual({ by: "me" });
    const other = await r.load(song("other"));
    expect(await player.play(other, { noReplace: true })).toBe(player.currentTrack);
    // the node re-encodes the playing track with its position, so compare identities by identifier
    expect(r.truth()?.track?.info.identifier).toBe(t.identifier);
  });
});
