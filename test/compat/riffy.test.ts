import { EventEmitter } from "node:events";
import { Riffy } from "riffy";
import { describe, expect, it } from "vitest";
import { TEST_PASSWORD, waitUntil } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { BOT_ID, CHANNEL, GUILD, readJoin, voiceAnswer } from "./gateway.js";
import { COMPAT_VERSIONS, driveSession, expectCleanEnd, expectVoiceOnNode } from "./session.js";

describe("riffy 1.0.12 through its public API", () => {
  for (const version of COMPAT_VERSIONS) {
    it(`connects, searches, plays, pauses, seeks, filters, finishes and destroys (Lavalink ${version}, strict voice)`, async () => {
      const sim = await testSimulator({
        lavalinkVersion: version,
        strictVoice: true,
        log: { bodyLimit: 1 << 20 },
      });
      // riffy only keeps the client object; the gateway goes through its `send` option and
      // `updateVoiceState`, which a bot calls from its Discord library's raw events.
      const riffy: Riffy = new Riffy(
        new EventEmitter() as never,
        [{ name: "sim", host: "127.0.0.1", port: sim.port, password: TEST_PASSWORD, secure: false }],
        {
          restVersion: "v4",
          reconnectTries: 1,
          bypassChecks: { nodeFetchInfo: false },
          send: (payload) => {
            const join = readJoin(payload);
            setImmediate(async () => {
              for (const p of voiceAnswer(join.guildId, join.channelId))
                await riffy.updateVoiceState(p as never);
            });
          },
        },
      );
      const connected = new Promise<void>((resolve) => riffy.once("nodeConnect", () => resolve()));
      riffy.init(BOT_ID);
      await connected;

      const events: string[] = [];
      riffy.on("trackStart", () => events.push("start"));
      riffy.on("trackEnd", (_p, _t, data: { reason: string }) => events.push(`end:${data.reason}`));
      // riffy reports a `finished` end with nothing queued as queueEnd (without the payload).
      riffy.on("queueEnd", () => events.push("end:queue"));
      riffy.on("playerUpdate", () => events.push("update"));

      const result = await riffy.resolve({
        query: "never gonna give you up",
        source: "ytsearch",
        requester: "user",
      });
      expect(result.loadType).toBe("search");
      const track = result.tracks[0];
      if (track === undefined) throw new Error("no track");
      const player = riffy.createConnection({
        guildId: GUILD,
        voiceChannel: CHANNEL,
        textChannel: "1",
        deaf: true,
      });
      await waitUntil(() => sim.getPlayer(undefined, GUILD)?.state.connected === true);
      expectVoiceOnNode(sim, version);

      player.queue.add(track);
      await driveSession(sim, track.info.length, events, () => events.some((e) => e.startsWith("end:")), {
        play: () => player.play(),
        pause: (paused) => player.pause(paused),
        seek: (ms) => player.seek(ms),
        speedTwo: () => player.filters.setTimescale(true, { speed: 2, pitch: 1, rate: 1 }),
        destroy: () => player.destroy(),
      });
      expect(events.filter((e) => e !== "update")).toEqual(["start", "end:queue"]);
      for (const node of [...riffy.nodeMap.values()]) node.destroy(true);
      await expectCleanEnd(sim, version);
    });
  }
});
