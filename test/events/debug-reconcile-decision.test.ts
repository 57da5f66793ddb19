import { describe, expect } from "vitest";
import type { DebugEvent } from "../../src/index.js";
import { catalogTrack, waitUntil } from "../../src/testing/index.js";
import { createSonoraTest } from "../../src/testing/vitest.js";

const it = createSonoraTest({ seed: 7 });

describe("debug: reconciliation says how it converged", () => {
  it("a TrackEndEvent lost with the socket: PLAYER_RECONCILE with the decision `ended`", async ({
    sonora,
  }) => {
    const player = await sonora.player(undefined, { channelId: false });
    const node = sonora.client.nodes.get("simulator")!;
    await waitUntil(() => sonora.simulator.getSession(node.sessionId!)?.resuming === true, "resuming is on");
    const seen: DebugEvent[] = [];
    sonora.client.on("debug", (e) => seen.push(e));
    const a = await sonora.loadTrack(catalogTrack("a", 12_000));
    await player.play(a);
    await sonora.advance(11_000); // past the 10 s playerUpdate: the next frame is a's TrackEndEvent
    // That frame destroys the connection: the end is lost with the socket.
    const fault = sonora.simulator.faults.add({ type: "reset", scope: "ws", toxicity: 1 }).id;
    await sonora.advance(1_500);
    sonora.simulator.faults.remove(fault);
    await sonora.advanceUntil(() => seen.some((e) => e.code === "PLAYER_RECONCILE"), {
      description: "reconciliation reports its decision",
    });
    expect(seen.map((e) => e.code)).toEqual(
      expect.arrayContaining(["NODE_RECONNECT_ATTEMPT", "SESSION_RESUMED", "PLAYER_RECONCILE"]),
    );
    expect(seen.find((e) => e.code === "PLAYER_RECONCILE")).toMatchObject({
      guildId: player.guildId,
      node: "simulator",
      decision: "ended",
    });
  });
});
