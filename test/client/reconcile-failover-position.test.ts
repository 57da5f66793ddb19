import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/base/clock/index.js";
import { FilterManager } from "../../src/client/filters/index.js";
import { PlayerMirror, RESTORE_BEFORE_END_MS } from "../../src/client/player/mirror.js";
import { Track } from "../../src/client/track.js";
import { MockFactory } from "../../src/mock/index.js";
import {
  driveClock,
  TEST_GUILD_ID as GUILD,
  catalogTrack as song,
  waitUntil,
} from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

/** Events of a track on one simulator, from its log: what that node really played. */
function startsOn(
  sim: { log: { filter(q: { op: string }): { type?: string; body?: string }[] } },
  id: string,
) {
  return sim.log.filter({ op: "event" }).filter((e) => e.type === "TrackStartEvent" && e.body?.includes(id));
}

/** Two nodes; a's loss is declared at its first drop, so its players move to b at once. */
async function twoNodes() {
  const env = await sonoraEnv({
    nodes: [
      { name: "a", seed: 1 },
      { name: "b", seed: 2 },
    ],
    client: { ...STEADY_CLIENT, reconnect: { maxRetries: 0, probe: false } },
  });
  const clock = env.clock as VirtualClock;
  const [simA, simB] = [env.simulatorOf("a"), env.simulatorOf("b")];
  const nodeA = env.client.nodes.get("a")!;
  const player = await env.client.getPlayer(GUILD, { node: nodeA });
  await player.update({
    voice: { token: "t", endpoint: "eu.discord.media:443", sessionId: "v", channelId: "900" },
  });
  const advance = async (ms: number) => {
    for (let done = 0; done < ms; done += 500) {
      await clock.advance(500);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  };
  return { client: env.client, clock, simA, simB, nodeA, player, advance };
}

describe("failover keeps the position right", () => {
  it("a node that died just before a track's end: the track is restored near its end, not reported finished, and finishes once", async () => {
    const { client, clock, simA, simB, player, advance } = await twoNodes();
    const a = (await client.load(song("a", 12_000))).tracks[0]!;
    const b = (await client.load(song("b", 60_000))).tracks[0]!;
    const ends: string[] = [];
    client.on("trackEnd", (_p, t, reason) => ends.push(`${t.identifier}:${reason}`));
    await player.play(a);
    await player.queue.add(b);
    await advance(10_500); // the 10 s report has arrived
    await advance(1_000); // a dies at 11.5 s, half a second before a's end
    await driveClock(clock, simA.kill(), { stepMs: 100 });
    await waitUntil(
      () => simB.getPlayer(undefined, GUILD)?.track?.info.identifier === a.identifier,
      "a is restored on node b",
    );
    // Not reported finished (node a never finished it) and not skipped: restored near its end.
    expect(ends).toEqual([]);
    const restarts = startsOn(simB, a.identifier);
    expect(restarts).toHaveLength(1);
    const position = JSON.parse(restarts[0]!.body!).track.info.position as number;
    expect(position).toBeGreaterThanOrEqual(11_000);
    expect(position).toBeLessThan(12_000);
    await advance(2_000);
    await waitUntil(() => player.currentTrack === b, "b follows on node b");
    expect(ends).toEqual([`${a.identifier}:finished`]);
    const finishedOnA = simA.log
      .filter({ op: "event" })
      .filter((e) => e.type === "TrackEndEvent" && e.body?.includes('"finished"'));
    expect(finishedOnA).toHaveLength(0);
    expect(startsOn(simB, b.identifier)).toHaveLength(1);
  });

  it("a track mid-way resumes where the node last reported plus the time elapsed, at the timescale's speed × rate", async () => {
    const { client, clock, simA, simB, player, advance } = await twoNodes();
    const a = (await client.load(song("a", 300_000))).tracks[0]!;
    await player.play(a);
    await player.setFilters({ timescale: { speed: 1.5, rate: 2 } }); // 3 ms of track per ms
    await advance(10_200); // last report at ~10 s; the node dies 200 ms later
    const expected = player.position;
    expect(expected).toBeGreaterThan(29_000);
    await driveClock(clock, simA.kill(), { stepMs: 100 });
    await waitUntil(
      () => simB.getPlayer(undefined, GUILD)?.track?.info.identifier === a.identifier,
      "the player moved to node b",
    );
    const restored = simB.getPlayer(undefined, GUILD);
    expect(restored?.track?.info.identifier).toBe(a.identifier);
    // Echoed as Lavalink 4.1+ serialises it: defaults filled in.
    expect(restored?.filters.timescale).toEqual({ speed: 1.5, pitch: 1, rate: 2 });
    // Where playback stood at the drop (± one clock step of track time), never from zero.
    expect(restored?.state.position ?? 0).toBeGreaterThanOrEqual(expected);
    expect(restored?.state.position ?? 0).toBeLessThanOrEqual(expected + 1_500);
    expect(startsOn(simB, a.identifier)).toHaveLength(1);
  });
});

describe("the position at a drop the client noticed late", () => {
  it("past the end only by the estimate: restored 1 s before the end; past it by the last report: finished", async () => {
    const clock = new VirtualClock();
    const mirror = new PlayerMirror(clock, new FilterManager());
    mirror.track = Track.fromLavalink(
      new MockFactory({ seed: 1 }).createMockTrack({ length: 12_000, isStream: false }),
    );
    mirror.applyState({ time: clock.now(), position: 10_000, connected: true, ping: 1 });
    await clock.advance(2_500); // nothing heard since: the estimate says 12 000 (the end)
    mirror.markDropped();
    expect(mirror.resumePosition).toBe(12_000 - RESTORE_BEFORE_END_MS);
    expect(mirror.reachedEnd(mirror.resumePosition)).toBe(false);

    const heard = new PlayerMirror(clock, new FilterManager());
    heard.track = mirror.track;
    heard.applyState({ time: clock.now(), position: 11_900, connected: true, ping: 1 });
    await clock.advance(200);
    heard.applyEvent({
      op: "event",
      type: "WebSocketClosedEvent",
      guildId: GUILD,
      code: 4000,
      reason: "",
      byRemote: true,
    });
    heard.markDropped(); // heard from after the end: the node played it out
    expect(heard.reachedEnd(heard.resumePosition)).toBe(true);
  });
});
