import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Manager, ManagerEventTypes, SearchPlatform, type Track } from "magmastream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TEST_PASSWORD, waitUntil } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { BOT_ID, CHANNEL, GUILD, readJoin, voiceAnswer } from "./gateway.js";
import { checkTraffic } from "./protocol-schemas.js";
import { COMPAT_VERSIONS, expectVoiceOnNode } from "./session.js";

describe("magmastream 2.10.2 through its public API", () => {
  // Even with its in-memory state storage, magmastream writes session ids and a README under
  // `process.cwd()/magmastream/` (and resumes the session id it finds there next time), so each
  // run gets a fresh working directory and the repository stays clean.
  const home = process.cwd();
  let scratch = "";
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), "sonora-magmastream-"));
    process.chdir(scratch);
  });
  afterEach(() => {
    process.chdir(home);
    rmSync(scratch, { recursive: true, force: true });
  });

  for (const version of COMPAT_VERSIONS) {
    it(`connects, searches, plays, pauses, seeks, filters, finishes and destroys (Lavalink ${version}, strict voice)`, async () => {
      const sim = await testSimulator({
        lavalinkVersion: version,
        strictVoice: true,
        log: { bodyLimit: 1 << 20 },
      });
      const manager: Manager = new Manager({
        nodes: [
          {
            identifier: "sim",
            host: "127.0.0.1",
            port: sim.port,
            password: TEST_PASSWORD,
            useSSL: false,
            maxRetryAttempts: 1,
          },
        ],
        clientName: "magmastream-compat",
        // Its d.ts documents playNextOnEnd as optional (default true), but its option check throws
        // "must be a boolean" when it is left out — a small magmastream bug; we pass the default.
        playNextOnEnd: true,
        listenToSIGEvents: false,
        // Without one of its Discord wrappers, magmastream asks for the gateway sender and two caches.
        send: (packet) => {
          const join = readJoin(packet);
          setImmediate(async () => {
            for (const p of voiceAnswer(join.guildId, join.channelId))
              await manager.updateVoiceState(p as never);
          });
        },
        getUser: () => undefined,
        getGuild: () => undefined,
      });
      const connected = new Promise<void>((resolve) =>
        manager.once(ManagerEventTypes.NodeConnect, () => resolve()),
      );
      await manager.init({ clientId: BOT_ID });
      await connected;
      await waitUntil(() => sim.sessions.length === 1);

      const events: string[] = [];
      manager.on(ManagerEventTypes.TrackStart, () => events.push("start"));
      manager.on(ManagerEventTypes.TrackEnd, (_p, _t, payload) => events.push(`end:${payload.reason}`));
      // With nothing queued after it, magmastream reports the TrackEndEvent as queueEnd instead.
      manager.on(ManagerEventTypes.QueueEnd, (_p, _t, payload) => events.push(`end:${payload.reason}`));
      // magmastream has no playerUpdate event of its own; its raw node messages show them.
      manager.on(ManagerEventTypes.NodeRaw, (payload) => {
        if ((payload as { op?: string }).op === "playerUpdate") events.push("update");
      });

      const result = await manager.search(
        { query: "never gonna give you up", source: SearchPlatform.YouTube },
        "user",
      );
      expect(result.loadType).toBe("search");
      const track = (result as { tracks: Track[] }).tracks[0];
      if (track === undefined) throw new Error("no track");
      const player = manager.create({
        guildId: GUILD,
        voiceChannelId: CHANNEL,
        textChannelId: "1",
        selfDeafen: true,
        // `volume` is optional in its PlayerOptions, but the Player constructor calls the async
        // setVolume(options.volume) without awaiting it, and setVolume(undefined) rejects ("Volume
        // must be a number") — an unhandled rejection, a magmastream bug. Passing it avoids that.
        volume: 100,
      });
      player.connect();
      await waitUntil(() => sim.getPlayer(undefined, GUILD)?.state.connected === true);
      expectVoiceOnNode(sim, version);

      await player.queue.add(track);
      await player.play();
      await waitUntil(() => events.includes("start"));
      await sim.clock.advance(5_000);
      await waitUntil(() => events.includes("update"));
      expect(sim.getPlayer(undefined, GUILD)?.state.position).toBe(5_000);
      await player.pause(true);
      expect(sim.getPlayer(undefined, GUILD)?.paused).toBe(true);
      await player.pause(false);
      expect(sim.getPlayer(undefined, GUILD)?.paused).toBe(false);
      await player.seek(30_000);
      await waitUntil(() => sim.getPlayer(undefined, GUILD)?.state.position === 30_000);
      await player.filters.setTimescale({ speed: 2 });
      await waitUntil(() => sim.getPlayer(undefined, GUILD)?.filters.timescale?.speed === 2);

      await sim.clock.advance(Math.ceil((track.duration - 30_000) / 2));
      await waitUntil(() => events.some((e) => e.startsWith("end:")));
      expect(events.find((e) => e.startsWith("end:"))).toBe("end:finished");
      await player.destroy();
      await waitUntil(() => sim.getPlayer(undefined, GUILD) === undefined);
      for (const node of [...manager.nodes.values()]) await node.destroy();
      // Every socket is closed: nothing stays open after the test.
      await waitUntil(() => sim.sessions.every((s) => !s.connected));
      const traffic = checkTraffic(sim, version);
      expect(traffic.problems).toEqual([]);
      expect(traffic.checked).toBeGreaterThan(10);
    });
  }
});
