import { Kazagumo } from "kazagumo";
import { Connector, type NodeOption } from "shoukaku";
import { describe, expect, it } from "vitest";
import { TEST_PASSWORD, waitUntil } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { BOT_ID, CHANNEL, GUILD, readJoin, voiceAnswer } from "./gateway.js";
import { checkTraffic } from "./protocol-schemas.js";
import { COMPAT_VERSIONS, expectVoiceOnNode } from "./session.js";

/**
 * shoukaku's public way to plug in a Discord library: a Connector. This one is the whole gateway —
 * it answers every op 4 (shoukaku's join, and kazagumo's own `send` for connect/disconnect) with
 * Discord's voice dispatches.
 */
class FakeGateway extends Connector {
  constructor() {
    super({});
  }
  getId(): string {
    return BOT_ID;
  }
  sendPacket(_shardId: number, payload: unknown): void {
    this.answer(payload);
  }
  answer(payload: unknown): void {
    const join = readJoin(payload);
    setImmediate(() => {
      for (const p of voiceAnswer(join.guildId, join.channelId)) this.raw(p);
    });
  }
  listen(nodes: NodeOption[]): void {
    setImmediate(() => this.ready(nodes));
  }
}

describe("kazagumo 3.4.3 (on shoukaku 4.3.0) through its public API", () => {
  for (const version of COMPAT_VERSIONS) {
    it(`connects, searches, plays, pauses, seeks, filters, finishes and destroys (Lavalink ${version}, strict voice)`, async () => {
      const sim = await testSimulator({
        lavalinkVersion: version,
        strictVoice: true,
        log: { bodyLimit: 1 << 20 },
      });
      const gateway = new FakeGateway();
      const kazagumo = new Kazagumo(
        { defaultSearchEngine: "youtube", send: (_guildId, payload) => gateway.answer(payload) },
        gateway,
        [{ name: "sim", url: `127.0.0.1:${sim.port}`, auth: TEST_PASSWORD }],
        { reconnectTries: 1 },
      );
      // shoukaku throws its `error` events when nobody listens; collected, they must stay empty.
      const errors: unknown[] = [];
      kazagumo.shoukaku.on("error", (_name, error) => errors.push(error));
      const ready = new Promise<void>((resolve) => kazagumo.shoukaku.once("ready", () => resolve()));
      await ready;

      const events: string[] = [];
      kazagumo.on("playerStart", () => events.push("start"));
      // kazagumo's playerEnd/playerEmpty carry no reason: the node's TrackEndEvent is checked below.
      kazagumo.on("playerEnd", () => events.push("end"));
      kazagumo.on("playerEmpty", () => events.push("empty"));
      kazagumo.on("playerUpdate", () => events.push("update"));

      // kazagumo sends a track's requester to Lavalink as its `userData`, which Lavalink reads as a
      // JSON object (a string is refused with 400), so the requester is an object, like a Discord user.
      const result = await kazagumo.search("never gonna give you up", {
        requester: { id: "user" },
        engine: "youtube",
      });
      expect(result.type).toBe("SEARCH");
      const track = result.tracks[0];
      if (track === undefined) throw new Error("no track");
      const player = await kazagumo.createPlayer({
        guildId: GUILD,
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
      player.pause(true);
      await waitUntil(() => sim.getPlayer(undefined, GUILD)?.paused === true);
      player.pause(false);
      await waitUntil(() => sim.getPlayer(undefined, GUILD)?.paused === false);
      await player.seek(30_000);
      expect(sim.getPlayer(undefined, GUILD)?.state.position).toBe(30_000);
      // kazagumo leaves filters to the shoukaku player it wraps.
      await player.shoukaku.setTimescale({ speed: 2 });
      expect(sim.getPlayer(undefined, GUILD)?.filters.timescale?.speed).toBe(2);

      await sim.clock.advance(Math.ceil(((track.length ?? 0) - 30_000) / 2));
      await waitUntil(() => events.includes("empty"));
      expect(events.filter((e) => e === "end" || e === "empty")).toEqual(["end", "empty"]);
      expect(sim.log.filter({ type: "TrackEndEvent" }).at(-1)?.body).toContain('"reason":"finished"');
      await player.destroy();
      await waitUntil(() => sim.getPlayer(undefined, GUILD) === undefined);
      for (const node of kazagumo.shoukaku.nodes.values()) node.disconnect(1000, "test over");
      // Every socket is closed: nothing stays open after the test.
      await waitUntil(() => sim.sessions.every((s) => !s.connected));
      expect(errors).toEqual([]);
      const traffic = checkTraffic(sim, version);
      expect(traffic.problems).toEqual([]);
      expect(traffic.checked).toBeGreaterThan(10);
    });
  }
});
