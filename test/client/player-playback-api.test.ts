import { describe, expect } from "vitest";
import { AutoplayEngine, Equalizer } from "../../src/index.js";
import { catalogTrack, TEST_GUILD_ID, waitUntil } from "../../src/testing/index.js";
import { sonoraTest as test } from "../../src/testing/vitest.js";

describe("the player playback API against the simulator", () => {
  test("runs the documented calls: play, queue.add, skip, pause/resume, shuffles, clear, filters, autoplay", async ({
    sonora,
    player,
  }) => {
    const { client } = sonora;
    expect(await client.getPlayer(TEST_GUILD_ID)).toBe(player);
    const track = await sonora.loadTrack(catalogTrack("first"));
    const track2 = await sonora.loadTrack(catalogTrack("second"));

    await player.play(track);
    expect(player.currentTrack).toBe(track);
    expect(sonora.nodePlayer()?.track?.encoded).toBe(track.encoded);
    expect(player.playing).toBe(true);

    await player.queue.add(track2);
    expect(player.queue.upcoming.length).toBe(1);
    expect(sonora.nodePlayer()?.track?.encoded).toBe(track.encoded); // add never starts playback

    await player.skip();
    expect(player.currentTrack).toBe(track2);
    expect(sonora.nodePlayer()?.track?.encoded).toBe(track2.encoded);
    expect(player.queue.history[0]).toBe(track);

    await player.pause();
    expect(player.paused).toBe(true);
    expect(sonora.nodePlayer()?.paused).toBe(true);
    await player.resume();
    expect(player.paused).toBe(false);
    expect(sonora.nodePlayer()?.paused).toBe(false);

    await player.queue.add([
      await sonora.loadTrack(catalogTrack("a")),
      await sonora.loadTrack(catalogTrack("b")),
      await sonora.loadTrack(catalogTrack("c")),
    ]);
    await player.queue.smartShuffle();
    expect(player.queue.size).toBe(3);
    await player.queue.clear();
    expect(player.queue.size).toBe(0);

    player.filters.bassBoost("high");
    player.filters.nightcore();
    await player.setFilters();
    expect(sonora.nodePlayer()?.filters).toEqual(player.filters.toPayload());
    expect(sonora.nodePlayer()?.filters.timescale).toEqual({ speed: 1.2, pitch: 1.2, rate: 1 });
    expect(player.filters.dirty).toBe(false);

    const eq = new Equalizer();
    eq.setBand(0, 0.5);
    player.filters.setFilter(eq);
    await player.setFilters();
    expect(sonora.nodePlayer()?.filters.equalizer).toEqual([{ band: 0, gain: 0.5 }]);

    const autoplay = new AutoplayEngine(TEST_GUILD_ID);
    autoplay.configure({ enabled: true, strategy: "similar_artist", maxHistory: 10 });
    expect(autoplay.enabled).toBe(true);
    expect(autoplay.strategy).toBe("similar_artist");
  });

  test("seek, setVolume, stop, previous and play() from the queue", async ({ sonora, player }) => {
    const [a, b] = [await sonora.loadTrack(catalogTrack("a")), await sonora.loadTrack(catalogTrack("b"))];
    await player.queue.add([a, b]);
    expect(await player.play()).toBe(a); // nothing given: next from the queue
    await player.seek(30_000);
    expect(sonora.nodePlayer()?.state.position).toBe(30_000);
    await player.setVolume(250);
    expect(player.volume).toBe(250);
    expect(sonora.nodePlayer()?.volume).toBe(250);
    await player.skip();
    expect(player.currentTrack).toBe(b);
    expect(await player.previous()).toBe(a);
    expect(player.currentTrack).toBe(a);
    expect(player.queue.upcoming).toEqual([b]);
    await player.stop();
    await waitUntil(() => player.currentTrack === null, "stop mirrored");
    expect(sonora.nodePlayer()?.track).toBeNull();
    expect(player.queue.upcoming).toEqual([b]);
    // skip on an idle player with a queued track starts it
    expect(await player.skip()).toBe(b);
    expect(sonora.nodePlayer()?.track?.encoded).toBe(b.encoded);
    // skip on an empty queue stops without error
    expect(await player.skip()).toBeNull();
    expect(sonora.nodePlayer()?.track).toBeNull();
    expect(await player.skip()).toBeNull();
  });

  test("play accepts an encoded string and play options", async ({ sonora, player }) => {
    const t = await sonora.loadTrack(catalogTrack("opts"));
    const played = await player.play(t.encoded, {
      startTime: 10_000,
      volume: 50,
      paused: true,
      userData: { by: "me" },
    });
    expect(played?.encoded).toBe(t.encoded);
    expect(sonora.nodePlayer()).toMatchObject({ paused: true, volume: 50, state: { position: 10_000 } });
    expect(sonora.nodePlayer()?.track?.userData).toEqual({ by: "me" });
    const other = await sonora.loadTrack(catalogTrack("other"));
    expect(await player.play(other, { noReplace: true })).toBe(player.currentTrack);
    // the node re-encodes the playing track with its position, so compare identities by identifier
    expect(sonora.nodePlayer()?.track?.info.identifier).toBe(t.identifier);
  });
});
