import { describe, expect, it } from "vitest";
import type { Node } from "../../src/client/index.js";
import { nodePenalty } from "../../src/client/node/penalty.js";
import { createTestEnvironment } from "../../src/testing/index.js";

/** The penalty from a full scan of the node's players: what the kept counts must always equal. */
function scanned(node: Node): number {
  let playing = 0;
  for (const p of node.players.values()) if (p.playing) playing++;
  return nodePenalty(node.stats, { playing, idle: node.players.size - playing });
}

describe("a node's load counts follow its players without scanning them", () => {
  it("tracks play, pause, resume, stop, move and destroy on both nodes", async () => {
    await using env = await createTestEnvironment({ nodes: ["a", "b"] });
    const a = env.client.nodes.get("a")!;
    const b = env.client.nodes.get("b")!;
    const load = (node: Node, playing: number, idle: number) => nodePenalty(node.stats, { playing, idle });
    const check = () => {
      expect(a.penalty).toBe(scanned(a));
      expect(b.penalty).toBe(scanned(b));
    };
    const [track, other] = env.tracks(2);
    const p1 = await env.client.getPlayer("101", { node: "a" });
    const p2 = await env.client.getPlayer("102", { node: "a" });
    const p3 = await env.client.getPlayer("103", { node: "b" });
    check();
    expect(a.penalty).toBe(load(a, 0, 2));

    await p1.play(track!);
    await p2.play(other!);
    await p3.play(track!);
    check();
    expect(a.penalty).toBe(load(a, 2, 0));

    await p1.pause();
    check();
    expect(a.penalty).toBe(load(a, 1, 1));
    await p1.resume();
    check();

    await p2.stop();
    check();
    expect(a.penalty).toBe(load(a, 1, 1));

    await p1.moveTo(b);
    check();
    expect(a.penalty).toBe(load(a, 0, 1));
    expect(b.penalty).toBe(load(b, 2, 0));

    await p3.destroy();
    check();
    expect(b.penalty).toBe(load(b, 1, 0));

    // A track that ends on its own (the node's TrackEndEvent) stops counting as playing.
    await env.advanceUntil("trackEnd", { filter: (player) => player === p1 });
    check();
    expect(b.penalty).toBe(load(b, 0, 1));
  });
});
