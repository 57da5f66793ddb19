import { Manager, type Player, type Track } from "moonlink.js";
import { describe, expect, it } from "vitest";
import { TEST_PASSWORD, type VirtualSimulator, waitUntil } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";

const BOT_ID = "170939974227541168";
const GUILD = "111111111111111111";
const CHANNEL = "222222222222222222";

/** A moonlink Manager on `sim`, with a fake gateway that answers its voice joins like Discord. */
async function moonlink(sim: VirtualSimulator): Promise<Manager> {
  const manager: Manager = new Manager({
    nodes: [{ identifier: "sim", host: "127.0.0.1", port: sim.port, password: TEST_PASSWORD, secure: false }],
    options: { clientName: "moonlink-compat" },
    sendPayload: (_guildId: string, raw: string) => {
      const { d } = (typeof raw === "string" ? JSON.parse(raw) : raw) as {
        d: { guild_id: string; channel_id: string | null };
      };
      setImmediate(async () => {
        await manager.packetUpdate({
          t: "VOICE_STATE_UPDATE",
          d: {
            guild_id: d.guild_id,
            channel_id: d.channel_id,
            user_id: BOT_ID,
            session_id: "voice-session-1",
          },
        });
        await manager.packetUpdate({
          t: "VOICE_SERVER_UPDATE",
          d: { guild_id: d.guild_id, token: "voice-token", endpoint: "rotterdam1234.discord.media:443" },
        });
      });
    },
  });
  const ready = new Promise<void>((resolve) => manager.once("nodeReady", () => resolve()));
  manager.init(BOT_ID);
  await ready;
  return manager;
}

describe("moonlink.js 4.2.2 (sends no channelId)", () => {
  it("completes a session against the Lavalink 4.1 profile", async () => {
    const sim = await testSimulator({ lavalinkVersion: "4.1", strictVoice: true });
    const manager = await moonlink(sim);
    const result = await manager.search({ query: "never gonna give you up", source: "youtube" });
    expect(result.loadType).toBe("search");
    const track = result.tracks[0] as Track;
    const player: Player = manager.createPlayer({
      guildId: GUILD,
      voiceChannelId: CHANNEL,
      textChannelId: "1",
    });
    player.connect({ setDeaf: true });
    await waitUntil(() => sim.getPlayer(undefined, GUILD)?.state.connected === true);

    const events: string[] = [];
    manager.on("trackStart", () => events.push("start"));
    manager.on("trackEnd", (_p, _t, reason) => events.push(`end:${String(reason)}`));
    manager.on("playerUpdate", () => events.push("update"));
    player.queue.add(track);
    await player.play();
    await waitUntil(() => events.includes("start"));
    await sim.clock.advance(5_000);
    await waitUntil(() => events.includes("update"));
    expect(sim.getPlayer(undefined, GUILD)?.state.position).toBe(5_000);

    player.pause();
    await waitUntil(() => sim.getPlayer(undefined, GUILD)?.paused === true);
    player.resume();
    await waitUntil(() => sim.getPlayer(undefined, GUILD)?.paused === false);
    player.seek(30_000);
    await waitUntil(() => sim.getPlayer(undefined, GUILD)?.state.position === 30_000);
    player.filters.setTimescale({ speed: 2 });
    await waitUntil(() => sim.getPlayer(undefined, GUILD)?.filters.timescale?.speed === 2);

    await sim.clock.advance(Math.ceil((track.duration - 30_000) / 2));
    await waitUntil(() => events.some((e) => e.startsWith("end:")));
    expect(events.find((e) => e.startsWith("end:"))).toBe("end:finished");
    player.destroy();
    await waitUntil(() => sim.getPlayer(undefined, GUILD) === undefined);
    for (const node of manager.nodes.cache.values()) node.destroy();
  });

  it("fails against the Lavalink 4.2 profile exactly as a real 4.2 node makes it fail", async () => {
    const sim = await testSimulator({ lavalinkVersion: "4.2", strictVoice: true });
    const manager = await moonlink(sim);
    const result = await manager.search({ query: "never gonna give you up", source: "youtube" });
    const track = result.tracks[0] as Track;
    const player: Player = manager.createPlayer({
      guildId: GUILD,
      voiceChannelId: CHANNEL,
      textChannelId: "1",
    });
    player.connect({ setDeaf: true });
    // The voice update is refused with 4.2's message: moonlink sends token, endpoint and sessionId only.
    const refusals = () => sim.log.filter({ kind: "rest", direction: "out", method: "PATCH", status: 400 });
    await waitUntil(() => refusals().length > 0);
    expect(refusals()[0]?.body).toContain(
      "token, endpoint, sessionId and channelId must be provided in voice state",
    );

    const ends: string[] = [];
    let started = false;
    manager.on("trackStart", () => {
      started = true;
    });
    manager.on("trackEnd", (_p, _t, reason) => ends.push(String(reason)));
    player.queue.add(track);
    await player.play();
    await waitUntil(() => started);
    // No voice connection: lavaplayer never polls the track, so it does not move …
    await sim.clock.advance(30_000);
    expect(sim.getPlayer(undefined, GUILD)?.state).toMatchObject({ position: 0, connected: false });
    // … and its lifecycle check ends it after a minute unpolled.
    await sim.clock.advance(40_000);
    await waitUntil(() => ends.length > 0);
    expect(ends).toEqual(["cleanup"]);
    for (const node of manager.nodes.cache.values()) node.destroy();
  });
});
