import { EventEmitter } from "node:events";
import { Poru } from "poru";
import { describe, expect, it } from "vitest";
import { TEST_PASSWORD, waitUntil } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { BOT_ID, CHANNEL, GUILD, readJoin, voiceAnswer } from "./gateway.js";
import { COMPAT_VERSIONS, driveSession, expectCleanEnd, expectVoiceOnNode } from "./session.js";

describe("poru 5.3.0 through its public API", () => {
  for (const version of COMPAT_VERSIONS) {
    it(`connects, searches, plays, pauses, seeks, filters, finishes and destroys (Lavalink ${version}, strict voice)`, async () => {
      const sim = await testSimulator({
        lavalinkVersion: version,
        strictVoice: true,
        log: { bodyLimit: 1 << 20 },
      });
      // poru 5.3.0's `library: "other"` cannot work: init() throws "Send function is required" even
      // when `send` is given (it tests its own still-null `this.send`). So it runs in its discord.js
      // mode, against a stand-in with the three things that mode touches: `user`, `raw`, `guilds.cache`.
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
        guilds: { cache: new Map([[GUILD, { shard }]]) },
      });
      const poru: Poru = new Poru(
        discord,
        [{ name: "sim", host: "127.0.0.1", port: sim.port, password: TEST_PASSWORD }],
        { library: "discord.js", reconnectTries: 1 },
      );
      const connected = new Promise<void>((resolve) => poru.once("nodeConnect", () => resolve()));
      await poru.init();
      await connected;
      await waitUntil(() => sim.sessions.length === 1);

      const events: string[] = [];
      poru.on("trackStart", () => events.push("start"));
      poru.on("trackEnd", (_p, _t, data: { reason: string }) => events.push(`end:${data.reason}`));
      // poru reports a `finished` end with nothing queued as queueEnd.
      poru.on("queueEnd", () => events.push("end:queue"));
      poru.on("playerUpdate", () => events.push("update"));

      const result = await poru.resolve({ query: "never gonna give you up", source: "ytsearch" });
      expect(result.loadType).toBe("search");
      const track = result.tracks[0];
      if (track === undefined) throw new Error("no track");
      const player = poru.createConnection({
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
        seek: (ms) => player.seekTo(ms),
        speedTwo: () => player.filters.setTimescale({ speed: 2 }),
        destroy: () => player.destroy(),
      });
      for (const node of poru.nodes.values()) node.disconnect();
      await expectCleanEnd(sim, version);
    });
  }
});
