import { afterEach, describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/base/clock/index.js";
import type { SonoraClient } from "../../src/client/index.js";
import type { ProtocolSimulator } from "../../src/testing/index.js";
import { GUILD, makeClient, nodeFor, song, startSim } from "./helpers.js";

let sims: ProtocolSimulator[] = [];
let client: SonoraClient | undefined;
afterEach(async () => {
  await client?.close();
  for (const s of sims) if (s.running) await s.stop();
  sims = [];
  client = undefined;
});

describe("player.moveTo called again while a move is in flight", () => {
  it("to the same node: one move, one playerMove, one restore on the target", async () => {
    const clock = new VirtualClock();
    const a = await startSim(clock, { seed: 1 });
    const b = await startSim(clock, { seed: 2 });
    sims.push(a, b);
    client = makeClient([nodeFor(a, "a"), nodeFor(b, "b")], clock);
    await client.start();
    const loaded = await client.load(song("twice"));
    if (loaded.loadType !== "track") throw new Error("expected a track");
    const player = await client.getPlayer(GUILD, { node: "a" });
    await player.update({ track: { encoded: loaded.data.encoded } });
    await clock.advance(10_000);
    const moves: string[] = [];
    client.on("playerMove", (_p, from, to) => moves.push(`${from.name}->${to.name}`));

    const nodeB = client.nodes.get("b")!;
    await Promise.all([player.moveTo(nodeB), player.moveTo(nodeB)]);
    expect(moves).toEqual(["a->b"]);
    expect(player.node).toBe(nodeB);
    const patches = b.log.filter({ kind: "rest", method: "PATCH", direction: "in" });
    expect(patches.filter((e) => e.body?.includes('"track"'))).toHaveLength(1);
    expect(b.getPlayer(undefined, GUILD)?.track?.info.identifier).toBe(song("twice"));
    expect(a.getPlayer(undefined, GUILD)).toBeUndefined();
  });

  it("to two nodes in turn: the moves run one after the other and the player ends on the last", async () => {
    const clock = new VirtualClock();
    const a = await startSim(clock, { seed: 1 });
    const b = await startSim(clock, { seed: 2 });
    const c = await startSim(clock, { seed: 3 });
    sims.push(a, b, c);
    client = makeClient([nodeFor(a, "a"), nodeFor(b, "b"), nodeFor(c, "c")], clock);
    await client.start();
    const loaded = await client.load(song("hops"));
    if (loaded.loadType !== "track") throw new Error("expected a track");
    const player = await client.getPlayer(GUILD, { node: "a" });
    await player.update({ track: { encoded: loaded.data.encoded } });
    const moves: string[] = [];
    client.on("playerMove", (_p, from, to) => moves.push(`${from.name}->${to.name}`));

    await Promise.all([player.moveTo(client.nodes.get("b")!), player.moveTo(client.nodes.get("c")!)]);
    expect(moves).toEqual(["a->b", "b->c"]);
    expect(player.node.name).toBe("c");
    expect(a.getPlayer(undefined, GUILD)).toBeUndefined();
    expect(b.getPlayer(undefined, GUILD)).toBeUndefined();
    expect(c.getPlayer(undefined, GUILD)?.track?.info.identifier).toBe(song("hops"));
  });
});
