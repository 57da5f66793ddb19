import type { TestContext } from "node:test";
import { describe, expect, it } from "vitest";
import {
  createTestEnvironment,
  driveClock,
  startTestSimulator,
  TEST_PASSWORD,
  TestingError,
  VirtualClock,
  type VirtualSimulator,
  WaitTimeoutError,
  waitUntil,
} from "../../src/testing/index.js";
import { withSimulator } from "../../src/testing/node.js";
import { sonoraEnv, testSimulator } from "../../src/testing/vitest.js";

describe("createTestEnvironment({ nodes }): several simulators, one client, one clock", () => {
  it("a count gives that many nodes named node-1…, all on the environment's clock", async () => {
    const env = await sonoraEnv({ nodes: 3 });
    expect(env.simulators).toHaveLength(3);
    expect(env.simulator).toBe(env.simulators[0]);
    expect(env.node).toBe(env.nodes[0]);
    expect(env.nodes.map((n) => n.name)).toEqual(["node-1", "node-2", "node-3"]);
    expect(env.nodes.map((n) => n.port)).toEqual(env.simulators.map((s) => s.port));
    for (const sim of env.simulators) expect(sim.clock).toBe(env.clock);
    expect(env.client.nodes.ready.map((n) => n.name)).toEqual(["node-1", "node-2", "node-3"]);
    await env.dispose();
    for (const sim of env.simulators) expect(sim.running).toBe(false);
  });

  it("entries name the nodes and pass per-node simulator and client options", async () => {
    const env = await sonoraEnv({
      nodes: [
        { name: "a", node: { region: "eu" } },
        { name: "b", seed: 11, simulator: { statsInterval: 5_000 } },
      ],
    });
    expect(env.nodes.map((n) => [n.name, n.region])).toEqual([
      ["a", "eu"],
      ["b", undefined],
    ]);
    expect(env.simulatorOf("b")).toBe(env.simulators[1]);
    expect(() => env.simulatorOf("c")).toThrow(TestingError);
    await expect(createTestEnvironment({ nodes: 0 })).rejects.toBeInstanceOf(TestingError);
    const named = await sonoraEnv({ nodes: ["eu", "us"] });
    expect(named.nodes.map((n) => n.name)).toEqual(["eu", "us"]);
  });
});

describe("env.advanceUntil(check): advances virtual time until a condition holds", () => {
  it("stops at the first step where the condition holds", async () => {
    const env = await sonoraEnv();
    const start = env.clock.now();
    await env.advanceUntil(() => env.clock.now() - start >= 3_500, { stepMs: 1_000 });
    expect(env.clock.now() - start).toBe(4_000);
  });

  it("gives up after maxMs of virtual time with a WaitTimeoutError naming what it waited for", async () => {
    const env = await sonoraEnv();
    const error = await env
      .advanceUntil(() => false, { maxMs: 2_000, description: "never" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toMatchObject({ event: "never", timeoutMs: 2_000, clock: "virtual" });
  });
});

describe("waitUntil: waits for a condition while I/O flows, without moving any clock", () => {
  it("resolves once the condition holds", async () => {
    let flag = false;
    setTimeout(() => {
      flag = true;
    }, 5);
    await waitUntil(() => flag, "the flag");
    expect(flag).toBe(true);
  });

  it("rejects with a WaitTimeoutError after timeoutMs of real time", async () => {
    const error = await waitUntil(() => false, { description: "nothing", timeoutMs: 20 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toMatchObject({ event: "nothing", timeoutMs: 20, clock: "real" });
  });
});

describe("startTestSimulator / testSimulator: a lone node for a test", () => {
  let kept: VirtualSimulator | undefined;

  it("listens on a free loopback port, with a virtual clock and the test password", async () => {
    kept = await testSimulator({ seed: 5 });
    expect(kept.running).toBe(true);
    expect(kept.port).toBeGreaterThan(0);
    expect(kept.url).toBe(`http://127.0.0.1:${kept.port}`);
    const answer = (password: string) =>
      fetch(`${kept!.url}/version`, { headers: { Authorization: password } }).then((r) => r.status);
    expect([await answer(TEST_PASSWORD), await answer("wrong")]).toEqual([200, 403]);
    const before = kept.clock.now();
    await kept.clock.advance(1_000);
    expect(kept.clock.now()).toBe(before + 1_000);
  });

  it("testSimulator stopped it when the previous test finished", async () => {
    expect(kept?.running).toBe(false);
    const sim = await startTestSimulator();
    expect(sim.running).toBe(true);
    await sim.stop();
  });
});

describe("env.createClient: another client on the environment's nodes and clock", () => {
  it("gets the environment's nodes, user id and clock unless told otherwise, and is closed with it", async () => {
    const env = await sonoraEnv({ connect: false });
    const extra = env.createClient();
    expect(extra.userId).toBe(env.client.userId);
    await extra.start();
    expect(extra.nodes.get("simulator")?.state).toBe("ready");
    const other = env.createClient({ userId: "222222222222222222", nodes: [{ ...env.node, name: "x" }] });
    expect(other.userId).toBe("222222222222222222");
    expect(other.nodes.get("x")).toBeDefined();
    await env.dispose();
    expect(extra.nodes.get("simulator")?.state).toBe("destroyed");
  });
});

describe("driveClock: a virtual clock moved until a promise settles", () => {
  it("advances in steps until the promise resolves, and returns its value", async () => {
    const clock = new VirtualClock();
    const start = clock.now();
    const later = new Promise<string>((resolve) => clock.setTimeout(() => resolve("done"), 2_500));
    expect(await driveClock(clock, later, { stepMs: 1_000 })).toBe("done");
    expect(clock.now() - start).toBe(3_000);
  });

  it("gives up after maxMs with a WaitTimeoutError", async () => {
    const clock = new VirtualClock();
    const never = new Promise<void>(() => undefined);
    await expect(driveClock(clock, never, { maxMs: 500, stepMs: 100 })).rejects.toBeInstanceOf(
      WaitTimeoutError,
    );
  });
});

describe("withSimulator (node:test adapter)", () => {
  it("starts a simulator and registers its stop with t.after", async () => {
    const hooks: (() => unknown)[] = [];
    const t = { after: (fn: () => unknown) => void hooks.push(fn) } as unknown as TestContext;
    const sim = await withSimulator(t);
    expect(sim.running).toBe(true);
    expect(hooks).toHaveLength(1);
    await hooks[0]!();
    expect(sim.running).toBe(false);
  });
});
