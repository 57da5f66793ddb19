import { describe, expect, it, onTestFinished } from "vitest";
import { VirtualClock } from "../../src/base/clock/index.js";
import { type Node, type NodeOptions, SonoraClient } from "../../src/client/index.js";
import {
  driveClock,
  TEST_GUILD_ID as GUILD,
  catalogTrack as song,
  TEST_BOT_ID,
  TEST_PASSWORD,
  type VirtualSimulator,
  waitUntil,
} from "../../src/testing/index.js";
import { sonoraEnv, testSimulator } from "../../src/testing/vitest.js";
import { ioTurn as io } from "../../src/testing/wire-monitor.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

/**
 * A started client with one node "main" on `sim`, on `clock` (which need not be the simulator's:
 * the close() test watches the client's timers alone), closed when the test ends.
 */
async function clientOn(
  sim: VirtualSimulator,
  clock: VirtualClock,
  reconnect: NonNullable<NodeOptions["reconnect"]>,
) {
  const node = { host: "127.0.0.1", port: sim.port, password: TEST_PASSWORD, name: "main", reconnect };
  const client = new SonoraClient([node], { ...STEADY_CLIENT, clock, userId: TEST_BOT_ID });
  onTestFinished(() => client.close());
  await client.start();
  return client;
}

const OTHER_GUILD = "817327181659111455";

describe("a lost node keeps being probed and takes players again once it is back", () => {
  it("is probed quietly while dead, reports nodeRecovered when back, and gets the next new player", async () => {
    const env = await sonoraEnv({
      nodes: [
        { name: "a", seed: 1, node: { reconnect: { maxRetries: 1 } } },
        { name: "b", seed: 2 },
      ],
      client: STEADY_CLIENT,
    });
    const { client } = env;
    const clock = env.clock as VirtualClock;
    const a = env.simulatorOf("a");
    const nodeA = client.nodes.get("a")!;
    const loaded = await client.load(song("probe"));
    if (loaded.loadType !== "track") throw new Error("expected a track");
    const player = await client.getPlayer(GUILD, { node: "a" });
    await player.update({ track: { encoded: loaded.data.encoded } });

    const events: string[] = [];
    for (const name of ["nodeLost", "nodeRecovered", "nodeDisconnect", "nodeReconnecting"] as const) {
      client.on(name, (...args: [Node, ...unknown[]]) => {
        if (args[0] === nodeA) events.push(name);
      });
    }
    const moved = client.waitFor("playerMove");
    await a.kill();
    await driveClock(clock, moved, { stepMs: 250 });
    expect(nodeA.state).toBe("disconnected");
    expect(player.node.name).toBe("b");
    expect(events).toEqual(["nodeDisconnect", "nodeReconnecting", "nodeDisconnect", "nodeLost"]);

    // Two minutes dead: the probes fail without a sound (the node was declared lost already).
    for (let i = 0; i < 120; i++) {
      await io();
      await clock.advance(1_000);
    }
    expect(nodeA.state).toBe("disconnected");
    expect(events).toEqual(["nodeDisconnect", "nodeReconnecting", "nodeDisconnect", "nodeLost"]);
    expect(() => client.nodes.best()).not.toThrow();
    expect(client.nodes.best().name).toBe("b");

    // Back up: the next probe (at most reconnect.probe.interval = 30 s away) finds it, nobody
    // calls connect() by hand.
    await a.restart();
    const recoveredAt = clock.now();
    const [recovered] = await driveClock(clock, client.waitFor("nodeRecovered"), { stepMs: 250 });
    expect(recovered).toBe(nodeA);
    expect(clock.now() - recoveredAt).toBeLessThanOrEqual(30_000);
    expect(nodeA.state).toBe("ready");
    expect(events.at(-1)).toBe("nodeRecovered");

    // Eligible again: a has no players, b has one, so a new player lands on a.
    const next = await client.getPlayer(OTHER_GUILD);
    expect(next.node).toBe(nodeA);
    await next.update({ track: { encoded: loaded.data.encoded } });
    expect(a.getPlayer(undefined, OTHER_GUILD)?.track?.info.identifier).toBe(song("probe"));
  });

  it("probes with capped backoff: from the reconnect maxDelay, doubling up to probe.interval", async () => {
    const clock = new VirtualClock();
    const sim = await testSimulator({ clock, seed: 7 });
    const client = await clientOn(sim, clock, {
      maxRetries: 0,
      maxDelay: 1_000,
      probe: { interval: 4_000, jitter: false },
    });
    const node = client.nodes.get("main")!;
    await sim.kill();
    await waitUntil(() => node.state === "disconnected", "the node is lost");
    const lostAt = clock.now();
    // Probes at +1 s, +3 s, +7 s, +11 s, …: the ones before the restart are refused.
    while (clock.now() - lostAt < 7_500) {
      await io();
      await clock.advance(250);
    }
    expect(node.state).toBe("disconnected");
    await sim.restart();
    await driveClock(clock, client.waitFor("nodeRecovered"), { stepMs: 250 });
    const after = clock.now() - lostAt;
    expect(after).toBeGreaterThanOrEqual(11_000);
    expect(after).toBeLessThan(12_000);
  });

  it("close() stops the probing: nothing is left on the client's clock", async () => {
    const simClock = new VirtualClock();
    const sim = await testSimulator({ clock: simClock, seed: 7 });
    const clock = new VirtualClock();
    const client = await clientOn(sim, clock, { maxRetries: 0 });
    const node = client.nodes.get("main")!;
    await sim.kill();
    await waitUntil(() => node.state === "disconnected", "the node is lost");
    for (let i = 0; i < 5; i++) {
      await io();
      await clock.advance(30_000);
    }
    expect(node.state).toBe("disconnected");
    expect(clock.pending).toBeGreaterThan(0); // the next probe
    await client.close();
    expect(node.state).toBe("destroyed");
    expect(clock.pending).toBe(0);
  });

  it("probe: false gives up for good, as before", async () => {
    const clock = new VirtualClock();
    const sim = await testSimulator({ clock: new VirtualClock(), seed: 7 });
    const client = await clientOn(sim, clock, { maxRetries: 0, probe: false });
    const node = client.nodes.get("main")!;
    await sim.kill();
    await waitUntil(() => node.state === "disconnected", "the node is lost");
    await io();
    expect(clock.pending).toBe(0);
  });
});
