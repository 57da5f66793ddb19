import { LavalinkManager, type Track } from "lavalink-client";
import { describe, expect, it } from "vitest";
import { TEST_PASSWORD, waitUntil } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { BOT_ID, CHANNEL, GUILD, readJoin, voiceAnswer } from "./gateway.js";
import { checkTraffic } from "./protocol-schemas.js";
import { COMPAT_VERSIONS, expectVoiceOnNode } from "./session.js";

describe("lavalink-client 2.11.0 through its public API", () => {
  for (const version of COMPAT_VERSIONS) {
    it(`connects, searches, plays, pauses, seeks, filters, finishes and destroys (Lavalink ${version}, strict voice)`, async () => {
      const sim = await testSimulator({
        lavalinkVersion: version,
        strictVoice: true,
        log: { bodyLimit: 1 << 20 },
      });
      const manager: LavalinkManager = new LavalinkManager({
        nodes: [
          { host: "127.0.0.1", port: sim.port, authorization: TEST_PASSWORD, id: "sim", retryAmount: 1 },
        ],
        sendToShard: (_guildId, payload) => {
          const join = readJoin(payload);
          setImmediate(() => {
            for (const packet of voiceAnswer(join.guildId, join.channelId))
              void manager.sendRawData(packet as never);
          });
        },
        client: { id: BOT_ID, username: "compat" },
      });
      const connected = new Promise<void>((resolve) => manager.nodeManager.once("connect", () => resolve()));
      await manager.init({ id: BOT_ID, username: "compat" });
      await connected;

      const events: string[] = [];
      manager.on("trackStart", () => events.push("start"));
      manager.on("trackEnd", (_player, _track, payload) => events.push(`end:${payload.reason}`));
      // With nothing queued after it, lavalink-client reports the TrackEndEvent as queueEnd instead.
      manager.on("queueEnd", (_player, _track, payload) =>
        events.push(`end:${(payload as { reason?: string }).reason}`),
      );
      manager.on("playerUpdate", () => events.push("update"));

      const player = manager.createPlayer({
        guildId: GUILD,
        voiceChannelId: CHANNEL,
        textChannelId: "1",
        selfDeaf: true,
      });
      await player.connect();
      await waitUntil(() => sim.getPlayer(undefined, GUILD)?.state.connected === true);
      expectVoiceOnNode(sim, version);

      const result = await player.search(
        { query: "never gonna give you up", source: "ytsearch" },
        { id: "user" },
      );
      expect(result.loadType).toBe("search");
      const track = result.tracks[0] as Track;
      await player.queue.add(track);
      await player.play();
      await waitUntil(() => events.includes("start"));
      await sim.clock.advance(5_000);
      await waitUntil(() => events.includes("update"));
      expect(sim.getPlayer(undefined, GUILD)?.state.position).toBe(5_000);

      await player.pause();
      expect(sim.getPlayer(undefined, GUILD)?.paused).toBe(true);
      await player.resume();
      await player.seek(30_000);
      expect(sim.getPlayer(undefined, GUILD)?.state.position).toBe(30_000);
      await player.filterManager.setSpeed(2);
      expect(sim.getPlayer(undefined, GUILD)?.filters.timescale).toMatchObject({ speed: 2 });

      await sim.clock.advance(Math.ceil(((track.info.duration ?? 0) - 30_000) / 2));
      await waitUntil(() => events.some((e) => e.startsWith("end:")));
      expect(events.find((e) => e.startsWith("end:"))).toBe("end:finished");
      await player.destroy();
      await waitUntil(() => sim.getPlayer(undefined, GUILD) === undefined);
      for (const node of manager.nodeManager.nodes.values()) node.destroy(undefined, true);
      // A second, independent reading of the protocol agrees with every message of the session.
      const traffic = checkTraffic(sim, version);
      expect(traffic.problems).toEqual([]);
      expect(traffic.checked).toBeGreaterThan(20);
    });
  }
});
