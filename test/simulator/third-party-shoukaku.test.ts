import { EventEmitter, once } from "node:events";
import { Connector, type NodeOption, type Player, Shoukaku } from "shoukaku";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PASSWORD, startSim, type VirtualSim } from "./helpers.js";

const BOT_ID = "170939974227541168";
const GUILD = "111111111111111111";
const CHANNEL = "222222222222222222";

/** Stands in for a Discord library: answers shoukaku's voice join (op 4) with the two voice packets. */
class FakeDiscordConnector extends Connector {
  readonly gateway = new EventEmitter();
  constructor() {
    super({});
  }
  getId(): string {
    return BOT_ID;
  }
  sendPacket(_shardId: number, payload: unknown): void {
    const { d } = payload as { op: number; d: { guild_id: string; channel_id: string | null } };
    setImmediate(() => {
      this.raw({
        t: "VOICE_STATE_UPDATE",
        d: {
          guild_id: d.guild_id,
          channel_id: d.channel_id,
          user_id: BOT_ID,
          session_id: "voice-session-1",
          self_deaf: false,
          self_mute: false,
        },
      });
      if (d.channel_id !== null) {
        this.raw({
          t: "VOICE_SERVER_UPDATE",
          d: { guild_id: d.guild_id, token: "voice-token", endpoint: "rotterdam1234.discord.media:443" },
        });
      }
    });
  }
  listen(nodes: NodeOption[]): void {
    this.gateway.once("ready", () => this.ready(nodes));
  }
}

describe("a third-party client (shoukaku 4.3.0) drives the simulator", () => {
  let sim: VirtualSim;
  let shoukaku: Shoukaku;
  beforeEach(async () => {
    sim = await startSim();
  });
  afterEach(async () => {
    for (const node of shoukaku?.nodes.values() ?? []) node.disconnect(1000, "test over");
    await sim.stop();
  });

  it("connects, searches, plays, pauses, seeks, filters, finishes and destroys", async () => {
    const connector = new FakeDiscordConnector();
    shoukaku = new Shoukaku(connector, [{ name: "sim", url: `127.0.0.1:${sim.port}`, auth: PASSWORD }], {
      reconnectTries: 1,
    });
    shoukaku.on("error", () => undefined);
    const ready = once(shoukaku, "ready");
    connector.gateway.emit("ready");
    const [name, resumed] = await ready;
    expect([name, resumed]).toEqual(["sim", false]);
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
