import { describe, expect, it } from "vitest";
import { drive, GUILD, song, startNodes, until } from "./helpers.js";

/** Events of a track on one simulator, from its log: what that node really played. */
function startsOn(
  sim: { log: { filter(q: { op: string }): { type?: string; body?: string }[] } },
  id: string,
) {
  return sim.log.filter({ op: "event" }).filter((e) => e.type === "TrackStartEvent" && e.body?.includes(id));
}

/** Two nodes; a's loss is declared at its first drop, so its players move to b at once. */
async function twoNodes() {
  const setup = await startNodes(2, {
    client: { reconnect: { maxRetries: 0, probe: false } },
  });
  const [simA, simB] = setup.sims;
  const nodeA = setup.client.nodes.get("a")!;
  const player = await setup.client.getPlayer(GUILD, { node: nodeA });
  await player.update({
    voice: { token: "t", endpoint: "eu.discord.media:443", sessionId: "v", channelId: "900" },
  });
  const advance = async (ms: number) => {
    for (let done = 0; done < ms; done += 500) {
      await setup.clock.advance(500);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  };
  return { ...setup, simA, simB, nodeA, player, advance };
}

describe("failover keeps the position right", () => {
  it("a track that reached its end when its node died is not restored: it is reported finished and the queue advances", async () => {
    const { client, simA, simB, player, advance } = await twoNodes();
    const a = (await client.load(song("a", 12_000))).tracks[0]!;
    const b = (await client.load(song("b", 60_000))).tracks[0]!;
    const ends: string[] = [];
    client.on("trackEnd", (_p, t, reason) => ends.push(`${t.identifier}:${reason}`));
    await player.play(a);
    await player.queue.add(b);
    await advance(11_500);
    // a's TrackEndEvent is the next frame: it dies with the connection, and a is given up.
    simA.faults.add({ type: "reset", scope: "ws", toxicity: 1 });
    await advance(1_000);
    await until(() => player.node.name === "b" && player.currentTrack === b, "b plays on node b");
    expect(ends).toEqual([`${a.identifier}:finished`]);
    expect(startsOn(simB, a.identifier)).toHaveLength(0);
    expect(startsOn(simB, b.identifier)).toHaveLength(1);
    expect(simB.getPlayer(undefined, GUILD)?.track?.info.identifier).toBe(b.identifier);
    expect(simB.getPlayer(undefined, GUILD)?.state.position).toBe(0);
  });

  it("a track mid-way resumes where the node last reported plus the time elapsed, at the timescale's speed × rate", async () => {
    const { client, clock, simA, simB, player, advance } = await twoNodes();
    const a = (await client.load(song("a", 300_000))).tracks[0]!;
    await player.play(a);
    await player.setFilters({ timescale: { speed: 1.5, rate: 2 } }); // 3 ms of track per ms
    await advance(10_200); // last report at ~10 s; the node dies 200 ms later
    const expected = player.position;
    expect(expected).toBeGreaterThan(29_000);
    await drive(clock, simA.kill());
    await until(
      () => simB.getPlayer(undefined, GUILD)?.track?.info.identifier === a.identifier,
      "the player moved to node b",
    );
    const restored = simB.getPlayer(undefined, GUILD);
    expect(restored?.track?.info.identifier).toBe(a.identifier);
    expect(restored?.filters.timescale).toEqual({ speed: 1.5, rate: 2 });
    // Where playback stood at the drop (± one clock step of track time), never from zero.
    expect(restored?.state.position ?? 0).toBeGreaterThanOrEqual(expected);
    expect(restored?.state.position ?? 0).toBeLessThanOrEqual(expected + 1_500);
    expect(startsOn(simB, a.identifier)).toHaveLength(1);
  });
});
