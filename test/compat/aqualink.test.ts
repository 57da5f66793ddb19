import { EventEmitter } from "node:events";
import { Aqua } from "aqualink";
import { describe, expect, it } from "vitest";
import { TEST_PASSWORD, waitUntil } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { BOT_ID, CHANNEL, GUILD, readJoin, voiceAnswer } from "./gateway.js";
import { checkTraffic } from "./protocol-schemas.js";

describe("aqualink 3.2.1 through its public API", () => {
  it("connects, searches, plays, pauses, seeks, filters, finishes and destroys (Lavalink 4.2, strict voice)", async () => {
    const sim = await testSimulator({
      lavalinkVersion: "4.2",
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
    expect(sim.getPlayer(undefined, GUILD)?.voice).toMatchObject({ channelId: CHANNEL });

    player.queue.add(track);
    await player.play();
    await waitUntil(() => events.includes("start"));
    await sim.clock.advance(5_000);
    await waitUntil(() => events.includes("update"));
    expect(sim.getPlayer(undefined, GUILD)?.state.position).toBe(5_000);
    player.pause(true);
    await waitUntil(() => sim.getPlayer(undefined, GUILD)?.paused === true);
    player.pause(false);
    await waitUntil(() => sim.getPlayer(undefined, GUILD)?.paused === false);
    player.seek(30_000);
    await waitUntil(() => sim.getPlayer(undefined, GUILD)?.state.position === 30_000);
    player.filters.setTimescale(true, { speed: 2 });
    await waitUntil(() => sim.getPlayer(undefined, GUILD)?.filters.timescale?.speed === 2);

    await sim.clock.advance(Math.ceil((track.info.length - 30_000) / 2));
    await waitUntil(() => events.includes("empty"));
    expect(events.filter((e) => e !== "update")).toEqual(["start", "empty"]);
    expect(sim.log.filter({ type: "TrackEndEvent" }).at(-1)?.body).toContain('"reason":"finished"');
    player.destroy();
    await waitUntil(() => sim.getPlayer(undefined, GUILD) === undefined);
    aqua.destroy();
    // Every socket is closed: nothing stays open after the test.
    await waitUntil(() => sim.sessions.every((s) => !s.connected));
    expect(errors).toEqual([]);
    const traffic = checkTraffic(sim);
    expect(traffic.problems).toEqual([]);
    expect(traffic.checked).toBeGreaterThan(10);
  });
});
