import { EventEmitter } from "node:events";
import { Aqua } from "aqualink";
import { describe, expect, it } from "vitest";
import { TEST_PASSWORD, waitUntil } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { BOT_ID, CHANNEL, GUILD, readJoin, voiceAnswer } from "./gateway.js";
import { COMPAT_VERSIONS, driveSession, expectCleanEnd, expectVoiceOnNode } from "./session.js";

describe("aqualink 3.2.1 through its public API", () => {
  for (const version of COMPAT_VERSIONS) {
    it(`connects, searches, plays, pauses, seeks, filters, finishes and destroys (Lavalink ${version}, strict voice)`, async () => {
      const sim = await testSimulator({
        lavalinkVersion: version,
        strictVoice: true,
        log: { bodyLimit: 1 << 20 },
      });
      // aqualink keeps the client object; the gateway goes through its `send` option and
      // `updateVoiceState`, which a bot calls from its Discord library's raw events.
      const aqua: Aqua = new Aqua(
        new EventEmitter(),
        [{ name: "sim", host: "127.0.0.1", port: sim.port, auth: TEST_PASSWORD, ssl: false }],
        {
          send: (payload) => {
            const join = readJoin(payload);
            setImmediate(() => {
              for (const p of voiceAnswer(join.guildId, join.channelId)) aqua.updateVoiceState(p as never);
            });
          },
        },
      );
      const errors: unknown[] = [];
      aqua.on("nodeError", (_node, error) => errors.push(error));
      const connected = new Promise<void>((resolve) => aqua.once("nodeConnect", () => resolve()));
      await aqua.init(BOT_ID);
      await connected;
      await waitUntil(() => sim.sessions.length === 1);

      const events: string[] = [];
      aqua.on("trackStart", () => events.push("start"));
      aqua.on("trackEnd", (_p, _t, reason) => events.push(`end:${String(reason)}`));
      // With nothing queued after it, aqualink reports the TrackEndEvent as queueEnd only.
      aqua.on("queueEnd", () => events.push("empty"));
      aqua.on("playerUpdate", () => events.push("update"));

      const result = await aqua.resolve({
        query: "never gonna give you up",
        source: "ytsearch",
        requester: { id: "user" },
      });
      expect(result.loadType).toBe("search");
      const track = result.tracks[0];
      if (track === undefined) throw new Error("no track");
      const player = aqua.createConnection({
        guildId: GUILD,
        voiceChannel: CHANNEL,
        textChannel: "1",
        deaf: true,
      });
      await waitUntil(() => sim.getPlayer(undefined, GUILD)?.state.connected === true);
      expectVoiceOnNode(sim, version);

      player.queue.add(track);
      await driveSession(sim, track.info.length, events, () => events.includes("empty"), {
        play: () => player.play(),
        pause: (paused) => player.pause(paused),
        seek: (ms) => player.seek(ms),
        speedTwo: () => player.filters.setTimescale(true, { speed: 2 }),
        destroy: () => player.destroy(),
      });
      expect(events.filter((e) => e !== "update")).toEqual(["start", "empty"]);
      aqua.destroy();
      expect(errors).toEqual([]);
      await expectCleanEnd(sim, version);
    });
  }
});
