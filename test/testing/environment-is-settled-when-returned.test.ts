import { describe, expect, it } from "vitest";
import { MemoryStore } from "../../src/index.js";
import { createTestEnvironment, type TestEnvironment } from "../../src/testing/index.js";

/** The simulator's REST log of an environment's first node, as `direction METHOD path status`. */
function restLog(env: TestEnvironment, index = 0): string[] {
  const sim = env.simulators[index]!;
  return sim.log
    .entries()
    .filter((e) => e.kind === "rest")
    .map((e) => `${e.direction} ${e.method} ${e.path}${e.status === undefined ? "" : ` ${e.status}`}`);
}

describe("createTestEnvironment returns with the wire settled", () => {
  it("a fresh client has received ready and stats, and its resume PATCH was answered, on every node", async () => {
    await using env = await createTestEnvironment({ nodes: 2 });
    const frames = env.client.metrics().total.frames.byOp;
    expect(frames.ready).toBe(2);
    expect(frames.stats).toBe(2);
    for (const [index, node] of [...env.client.nodes].entries()) {
      const session = node.sessionId!;
      expect(restLog(env, index)).toEqual([
        `in PATCH /v4/sessions/${session}`,
        `out PATCH /v4/sessions/${session} 200`,
      ]);
      expect(env.simulators[index]!.getSession(session)).toMatchObject({ resuming: true, timeout: 60 });
    }
  });

  it("a client restored from a store has rebuilt its player and its reconcile was answered", async () => {
    const store = new MemoryStore();
    const first = await createTestEnvironment({ client: { store } });
    const player = await first.player();
    const [track] = first.tracks(1, { length: 60_000 });
    await player.play(track!);
    await player.saved();
    await first.dispose();

    // A new simulator: the stored session is gone, so the client rebuilds the player and then
    // compares it with the node's truth in the background; creation waits for all of it.
    await using env = await createTestEnvironment({ client: { store } });
    expect(env.client.players.size).toBe(1);
    expect(env.nodePlayer()?.track?.encoded).toBe(track!.encoded);
    const session = [...env.client.nodes][0]!.sessionId!;
    const log = restLog(env);
    expect(log).toContain(`out GET /v4/sessions/${session}/players 200`);
    expect(log.filter((l) => l.startsWith("in ")).length).toBe(
      log.filter((l) => l.startsWith("out ")).length,
    );
  });
});
