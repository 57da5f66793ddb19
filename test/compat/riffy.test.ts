import { EventEmitter } from "node:events";
import { Riffy } from "riffy";
import { describe, expect, it } from "vitest";
import { TEST_PASSWORD, waitUntil } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { BOT_ID, CHANNEL, GUILD, readJoin, voiceAnswer } from "./gateway.js";
import { checkTraffic } from "./protocol-schemas.js";

describe("riffy 1.0.12 through its public API", () => {
  it("connects, searches, plays, pauses, seeks, filters, finishes and destroys (Lavalink 4.2, strict voice)", async () => {
    const sim = await testSimulator({
      lavalinkVersion: "4.2",
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
    expect(sim.getPlayer(undefined, GUILD)?.voice).toMatchObject({ channelId: CHANNEL });

    player.queue.add(track);
    await player.play();
    await waitUntil(() => events.includes("start"));
    await sim.clock.advance(5_000);
    await waitUntil(() => events.includes("update"));
    expect(sim.getPlayer(undefined, GUILD)?.state.position).toBe(5_000);
    await player.pause(true);
    await waitUntil(() => sim.getPlayer(undefined, GUILD)?.paused === true);
    await player.pause(false);
    await waitUntil(() => sim.getPlayer(undefined, GUILD)?.paused === false);
    player.seek(30_000);
    await waitUntil(() => sim.getPlayer(undefined, GUILD)?.state.position === 30_000);
    player.filters.setTimescale(true, { speed: 2, pitch: 1, rate: 1 });
    await waitUntil(() => sim.getPlayer(undefined, GUILD)?.filters.timescale?.speed === 2);

    await sim.clock.advance(Math.ceil((track.info.length - 30_000) / 2));
    await waitUntil(() => events.some((e) => e.startsWith("end:")));
    expect(events.filter((e) => e !== "update")).toEqual(["start", "end:queue"]);
    expect(sim.log.filter({ type: "TrackEndEvent" }).at(-1)?.body).toContain('"reason":"finished"');
    player.destroy();
    await waitUntil(() => sim.getPlayer(undefined, GUILD) === undefined);
    for (const node of [...riffy.nodeMap.values()]) node.destroy(true);
    // Every socket is closed: nothing stays open after the test.
    await waitUntil(() => sim.sessions.every((s) => !s.connected));
    const traffic = checkTraffic(sim);
    expect(traffic.problems).toEqual([]);
    expect(traffic.checked).toBeGreaterThan(10);
  });
});
