import { EventEmitter } from "node:events";
import { Library, Rainlink } from "rainlink";
import { describe, expect, it } from "vitest";
import { TEST_PASSWORD, waitUntil } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { BOT_ID, CHANNEL, GUILD, readJoin, voiceAnswer } from "./gateway.js";
import { checkTraffic } from "./protocol-schemas.js";
import { COMPAT_VERSIONS, expectVoiceOnNode } from "./session.js";

describe("rainlink 1.2.9 through its public API", () => {
  for (const version of COMPAT_VERSIONS) {
    it(`connects, searches, plays, pauses, seeks, filters, finishes and destroys (Lavalink ${version}, strict voice)`, async () => {
      const sim = await testSimulator({
        lavalinkVersion: version,
        strictVoice: true,
        log: { bodyLimit: 1 << 20 },
      });
      // rainlink's discord.js adapter, against a stand-in with what it touches: `user`, the
      // `ready` and `raw` events, and `ws.shards` to send op 4 through.
      const shard = {
        send: (packet: unknown) => {
          const join = readJoin(packet);
          setImmediate(() => {
            for (const p of voiceAnswer(join.guildId, join.channelId)) discord.emit("raw", p);
          });
        },
      };
      const discord = Object.assign(new EventEmitter(), {
        user: { id: BOT_ID },
        ws: { shards: new Map([[0, shard]]) },
      });
      const rainlink = new Rainlink({
        library: new Library.DiscordJS(discord),
        nodes: [{ name: "sim", host: "127.0.0.1", port: sim.port, auth: TEST_PASSWORD, secure: false }],
        options: { retryCount: 1 },
      });
      const errors: unknown[] = [];
      rainlink.on("nodeError", (_node, error) => errors.push(error));
      const connected = new Promise<void>((resolve) => rainlink.once("nodeConnect", () => resolve()));
      discord.emit("ready");
      await connected;
      await waitUntil(() => sim.sessions.length === 1);

      const events: string[] = [];
      rainlink.on("trackStart", () => events.push("start"));
      // rainlink's trackEnd carries no reason, and for the last track of the queue it reports only
      // queueEmpty: the node's TrackEndEvent is checked below.
      rainlink.on("trackEnd", () => events.push("end"));
      rainlink.on("queueEmpty", () => events.push("empty"));
      rainlink.on("playerUpdate", () => events.push("update"));

      const result = await rainlink.search("never gonna give you up", {
        engine: "youtube",
        requester: { id: "user" },
      });
      expect(result.type).toBe("SEARCH");
      const track = result.tracks[0];
      if (track === undefined) throw new Error("no track");
      const player = await rainlink.create({
        guildId: GUILD,
        shardId: 0,
        voiceId: CHANNEL,
        textId: "1",
        deaf: true,
      });
      await waitUntil(() => sim.getPlayer(undefined, GUILD)?.state.connected === true);
      expectVoiceOnNode(sim, version);

      player.queue.add(track);
      await player.play();
      await waitUntil(() => events.includes("start"));
      await sim.clock.advance(5_000);
      await waitUntil(() => events.includes("update"));
      expect(sim.getPlayer(undefined, GUILD)?.state.position).toBe(5_000);
      await player.pause();
      expect(sim.getPlayer(undefined, GUILD)?.paused).toBe(true);
      await player.resume();
      expect(sim.getPlayer(undefined, GUILD)?.paused).toBe(false);
      await player.seek(30_000);
      expect(sim.getPlayer(undefined, GUILD)?.state.position).toBe(30_000);
      await player.filter.setTimescale({ speed: 2, pitch: 1, rate: 1 });
      expect(sim.getPlayer(undefined, GUILD)?.filters.timescale?.speed).toBe(2);

      await sim.clock.advance(Math.ceil((track.duration - 30_000) / 2));
      await waitUntil(() => events.includes("empty"));
      expect(events.filter((e) => e === "end" || e === "empty")).toEqual(["empty"]);
      expect(sim.log.filter({ type: "TrackEndEvent" }).at(-1)?.body).toContain('"reason":"finished"');
      await player.destroy();
      await waitUntil(() => sim.getPlayer(undefined, GUILD) === undefined);
      for (const node of rainlink.nodes.all()) node.disconnect();
      // Every socket is closed: nothing stays open after the test.
      await waitUntil(() => sim.sessions.every((s) => !s.connected));
      expect(errors).toEqual([]);
      const traffic = checkTraffic(sim, version);
      expect(traffic.problems).toEqual([]);
      expect(traffic.checked).toBeGreaterThan(10);
    });
  }
});
