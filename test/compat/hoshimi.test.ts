import { Hoshimi, SearchSources } from "hoshimi";
import { describe, expect, it } from "vitest";
import { TEST_PASSWORD, waitUntil } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { BOT_ID, CHANNEL, GUILD, readJoin, voiceAnswer } from "./gateway.js";
import { checkTraffic } from "./protocol-schemas.js";
import { COMPAT_VERSIONS, expectVoiceOnNode } from "./session.js";

describe("hoshimi 0.5.5 through its public API", () => {
  for (const version of COMPAT_VERSIONS) {
    it(`connects, searches, plays, pauses, seeks, filters, finishes and destroys (Lavalink ${version}, strict voice)`, async () => {
      const sim = await testSimulator({
        lavalinkVersion: version,
        strictVoice: true,
        log: { bodyLimit: 1 << 20 },
      });
      const hoshimi: Hoshimi = new Hoshimi({
        nodes: [{ id: "sim", host: "127.0.0.1", port: sim.port, password: TEST_PASSWORD, retryAmount: 1 }],
        sendPayload: (_guildId, payload) => {
          const join = readJoin(payload);
          setImmediate(async () => {
            for (const p of voiceAnswer(join.guildId, join.channelId))
              await hoshimi.updateVoiceState(p as never);
          });
        },
      });
      const errors: unknown[] = [];
      hoshimi.on("error", (error) => errors.push(error));
      hoshimi.on("nodeError", (_node, error) => errors.push(error));
      const ready = new Promise<void>((resolve) => hoshimi.once("nodeReady", () => resolve()));
      hoshimi.init({ id: BOT_ID, username: "compat" });
      await ready;

      const events: string[] = [];
      hoshimi.on("trackStart", () => events.push("start"));
      hoshimi.on("trackEnd", (_p, _t, payload) => events.push(`end:${payload.reason}`));
      // With nothing queued after it, hoshimi reports the TrackEndEvent as queueEnd instead.
      hoshimi.on("queueEnd", () => events.push("end:queue"));
      hoshimi.on("playerUpdate", () => events.push("update"));

      const result = await hoshimi.search({
        query: "never gonna give you up",
        source: SearchSources.Youtube,
        requester: { id: "user" },
      });
      expect(result.loadType).toBe("search");
      const track = result.tracks[0];
      if (track === undefined) throw new Error("no track");
      const player = hoshimi.createPlayer({ guildId: GUILD, voiceId: CHANNEL, selfDeaf: true });
      await player.connect();
      await waitUntil(() => sim.getPlayer(undefined, GUILD)?.state.connected === true);
      expectVoiceOnNode(sim, version);

      player.queue.add(track);
      await player.play();
      await waitUntil(() => events.includes("start"));
      await sim.clock.advance(5_000);
      await waitUntil(() => events.includes("update"));
      expect(sim.getPlayer(undefined, GUILD)?.state.position).toBe(5_000);
      await player.setPaused(true);
      expect(sim.getPlayer(undefined, GUILD)?.paused).toBe(true);
      await player.setPaused(false);
      expect(sim.getPlayer(undefined, GUILD)?.paused).toBe(false);
      await player.seek(30_000);
      expect(sim.getPlayer(undefined, GUILD)?.state.position).toBe(30_000);
      await player.filterManager.setTimescale({ speed: 2 });
      expect(sim.getPlayer(undefined, GUILD)?.filters.timescale?.speed).toBe(2);

      await sim.clock.advance(Math.ceil((track.info.length - 30_000) / 2));
      await waitUntil(() => events.some((e) => e.startsWith("end:")));
      expect(events.find((e) => e.startsWith("end:"))).toBe("end:queue");
      expect(sim.log.filter({ type: "TrackEndEvent" }).at(-1)?.body).toContain('"reason":"finished"');
      await player.destroy();
      await waitUntil(() => sim.getPlayer(undefined, GUILD) === undefined);
      for (const node of [...hoshimi.nodeManager.nodes.values()]) node.destroy();
      // Every socket is closed: nothing stays open after the test.
      await waitUntil(() => sim.sessions.every((s) => !s.connected));
      expect(errors).toEqual([]);
      const traffic = checkTraffic(sim, version);
      expect(traffic.problems).toEqual([]);
      expect(traffic.checked).toBeGreaterThan(10);
    });
  }
});
