import { once } from "node:events";
import type { Player, Shoukaku } from "shoukaku";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { VirtualSimulator } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { CHANNEL, connectShoukaku, disconnectShoukaku, GUILD } from "./shoukaku-helpers.js";

describe("a third-party client (shoukaku 4.3.0) drives the simulator", () => {
  let sim: VirtualSimulator;
  let shoukaku: Shoukaku;
  beforeEach(async () => {
    sim = await testSimulator();
  });
  afterEach(async () => {
    disconnectShoukaku(shoukaku);
  });

  it("connects, searches, plays, pauses, seeks, filters, finishes and destroys", async () => {
    const connected = await connectShoukaku(sim, { reconnectTries: 1 });
    shoukaku = connected.shoukaku;
    expect(connected.ready).toEqual(["sim", false]);
    const node = shoukaku.nodes.get("sim");
    if (node === undefined) throw new Error("node missing");

    const search = await node.rest.resolve("ytsearch:never gonna give you up");
    expect(search?.loadType).toBe("search");
    const tracks = search?.loadType === "search" ? search.data : [];
    const track = tracks[0];
    if (track === undefined) throw new Error("search returned no tracks");

    const player: Player = await shoukaku.joinVoiceChannel({
      guildId: GUILD,
      channelId: CHANNEL,
      shardId: 0,
    });
    expect(sim.getPlayer(undefined, GUILD)).toMatchObject({
      voice: {
        token: "voice-token",
        endpoint: "rotterdam1234.discord.media:443",
        sessionId: "voice-session-1",
        channelId: CHANNEL,
      },
      state: { connected: true },
    });

    const started = once(player, "start");
    await player.playTrack({ track: { encoded: track.encoded } });
    const [start] = (await started) as [{ track: { encoded: string } }];
    expect(start.track.encoded).toBe(track.encoded);

    const updated = once(player, "update");
    await sim.clock.advance(5_000);
    const [update] = (await updated) as [{ state: { position: number; connected: boolean } }];
    expect(update.state.position).toBe(5_000);
    expect(update.state.connected).toBe(true);

    await player.setPaused(true);
    expect(player.paused).toBe(true);
    await sim.clock.advance(10_000);
    expect(sim.getPlayer(undefined, GUILD)?.state.position).toBe(5_000);
    await player.setPaused(false);
    await player.seekTo(30_000);
    expect(sim.getPlayer(undefined, GUILD)?.state.position).toBe(30_000);

    await player.setTimescale({ speed: 2, pitch: 1, rate: 1 });
    expect(sim.getPlayer(undefined, GUILD)?.filters.timescale).toEqual({ speed: 2, pitch: 1, rate: 1 });

    const ended = once(player, "end");
    // At speed 2 the remaining (length − 30 s) takes half as long on the clock.
    await sim.clock.advance(Math.ceil((track.info.length - 30_000) / 2));
    const [end] = (await ended) as [{ reason: string }];
    expect(end.reason).toBe("finished");

    await shoukaku.leaveVoiceChannel(GUILD);
    expect(sim.getPlayer(undefined, GUILD)).toBeUndefined();
  });
});
