import { afterEach, describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/base/clock/index.js";
import type { SonoraClient } from "../../src/client/index.js";
import type { ProtocolSimulator } from "../../src/testing/index.js";
import { makeClient, nodeFor, song, startSim, until } from "./helpers.js";

let sims: ProtocolSimulator[] = [];
let clients: SonoraClient[] = [];
afterEach(async () => {
  for (const c of clients) await c.close();
  for (const s of sims) if (s.running) await s.stop();
  clients = [];
  sims = [];
});

describe("the pool gives new players to the least-loaded ready node", () => {
  it("follows load another client put on a node (from stats) and never uses a down node", async () => {
    const clock = new VirtualClock();
    const a = await startSim(clock, { statsInterval: 1_000, seed: 1 });
    const b = await startSim(clock, { statsInterval: 1_000, seed: 2 });
    sims.push(a, b);

    // Another bot plays three tracks on node a.
    const other = makeClient([nodeFor(a, "a")], clock, { userId: "222222222222222222" });
    clients.push(other);
    await other.start();
    const loaded = await other.load(song("busy"));
    if (loaded.loadType !== "track") throw new Error("expected a track");
    for (const guild of ["11", "12", "13"]) {
      await (await other.getPlayer(guild)).update({ track: { encoded: loaded.data.encoded } });
    }

    const client = makeClient([nodeFor(a, "a"), nodeFor(b, "b")], clock);
    clients.push(client);
    await client.start();
    await clock.advance(1_000);
    await until(() => client.nodes.get("a")?.stats?.playingPlayers === 3, "node a reports three players");
    expect(client.nodes.get("a")!.penalty).toBeGreaterThan(client.nodes.get("b")!.penalty);
    const first = await client.getPlayer("21");
    expect(first.node.name).toBe("b");

    // Our own players count at once, before the next stats frame: b fills up to a's load.
    for (const guild of ["22", "23", "24"]) {
      const p = await client.getPlayer(guild);
      await p.update({ track: { encoded: loaded.data.encoded } });
    }
    await first.update({ track: { encoded: loaded.data.encoded } });
    const placed = [first, ...(await Promise.all(["22", "23", "24"].map((g) => client.getPlayer(g))))];
    expect(placed.filter((p) => p.node.name === "b").length).toBeGreaterThanOrEqual(3);

    // A node that is down gets nothing.
    await b.stop();
    await until(() => client.nodes.get("b")?.state !== "ready", "the client notices b is gone");
    expect((await client.getPlayer("31")).node.name).toBe("a");
  });
});
