import { afterEach, describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/base/clock/index.js";
import type { Player, SonoraClient } from "../../src/client/index.js";
import type { ProtocolSimulator } from "../../src/testing/index.js";
import { drive, io, makeClient, nodeFor, song, startSim, until } from "./helpers.js";

let sims: ProtocolSimulator[] = [];
let client: SonoraClient | undefined;
afterEach(async () => {
  await client?.close();
  for (const s of sims) if (s.running) await s.stop();
  sims = [];
  client = undefined;
});

const GUILDS = ["817327181659111451", "817327181659111452", "817327181659111453", "817327181659111454"];

describe("players stranded on a lost node move exactly once when two nodes come back together", () => {
  it("each player gets one playerMove and ends on the node it was moved to", async () => {
    const clock = new VirtualClock();
    const a = await startSim(clock, { seed: 1 });
    const b = await startSim(clock, { seed: 2 });
    const c = await startSim(clock, { seed: 3 });
    sims.push(a, b, c);
    client = makeClient(
      [nodeFor(a, "a", { reconnect: { maxRetries: 0 } }), nodeFor(b, "b"), nodeFor(c, "c")],
      clock,
    );
    await client.start();
    const [nodeA, nodeB, nodeC] = ["a", "b", "c"].map((n) => client!.nodes.get(n)!);
    const loaded = await client.load(song("stranded"));
    if (loaded.loadType !== "track") throw new Error("expected a track");
    const players: Player[] = [];
    for (const guild of GUILDS) {
      const p = await client.getPlayer(guild, { node: "a" });
      await p.update({ track: { encoded: loaded.data.encoded } });
      players.push(p);
    }
    const moves: string[] = [];
    client.on("playerMove", (p, from, to) => moves.push(`${p.guildId}:${from.name}->${to.name}`));

    // b and c drop (they will come back after the 1 s backoff); a drops for good meanwhile.
    b.dropConnection(nodeB!.sessionId!);
    c.dropConnection(nodeC!.sessionId!);
    await until(() => nodeB!.state === "reconnecting" && nodeC!.state === "reconnecting", "b and c drop");
    a.dropConnection(nodeA!.sessionId!);
    await until(() => nodeA!.state === "disconnected", "a is lost");
    expect(moves).toEqual([]); // nowhere to go yet

    await drive(
      clock,
      until(() => players.every((p) => p.node !== nodeA) && moves.length >= GUILDS.length, "all moved"),
      500,
    );
    // Let any second evacuation finish its work.
    for (let i = 0; i < 20; i++) {
      await io();
      await clock.advance(100);
    }
    expect(moves).toHaveLength(GUILDS.length);
    expect(new Set(moves.map((m) => m.split(":")[0])).size).toBe(GUILDS.length);
    for (const p of players) {
      const sim = p.node === nodeB ? b : c;
      const other = p.node === nodeB ? c : b;
      expect(sim.getPlayer(undefined, p.guildId)?.track?.info.identifier).toBe(song("stranded"));
      expect(other.getPlayer(undefined, p.guildId)?.track ?? null).toBeNull();
    }
  });
});
