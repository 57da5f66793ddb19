import { describe, expect } from "vitest";
import type { Track } from "../../src/index.js";
import { createSonoraTest } from "../../src/testing/vitest.js";

const test = createSonoraTest({
  seed: 2024,
  // A patient client: fixed 1 s reconnects without jitter, so the run replays exactly from the seed.
  client: {
    reconnect: { maxRetries: 100, backoff: "fixed", baseDelay: 1_000, jitter: false },
    random: () => 0.5,
  },
});

describe("scenario: fault tolerance — packet loss, latency spikes, dropped connections", () => {
  test("operations under faults lose nothing the user queued; with faults off, client and node agree", async ({
    sonora,
  }) => {
    const node = sonora.client.nodes.get("simulator")!;
    const player = await sonora.player();
    const tracks = sonora.tracks(31, { length: 600_000 });
    const queued: Track[] = [tracks[0]!];
    await player.play(tracks[0]!);

    let drops = 0;
    sonora.client.on("nodeDisconnect", () => drops++);
    sonora.simulator.enableFaultInjection({ packetLoss: 0.1, latencySpike: 0.2, connectionDrop: 0.05 });
    const outcomes: PromiseSettledResult<unknown>[] = [];
    for (let round = 0; round < 10; round++) {
      const pair = [tracks[1 + 2 * round]!, tracks[2 + 2 * round]!];
      queued.push(...pair);
      const ops = [player.queue.add(pair), player.skip(), player.pause(), player.resume()];
      outcomes.push(...(await sonora.drive(Promise.allSettled(ops))));
      await sonora.advance(10_000); // playerUpdates and stats flow, and some of them hit faults
    }
    // The faults really happened: delays, losses and dropped sockets the client had to survive.
    const kinds = new Set(sonora.simulator.faults.decisions.map((d) => d.type));
    expect(kinds).toEqual(new Set(["packet-loss", "latency-spike", "reset"]));
    expect(drops).toBeGreaterThan(0);

    sonora.simulator.disableFaultInjection();
    if (node.state !== "ready") await sonora.advanceUntil("nodeReady", { maxMs: 300_000 });
    await sonora.advance(5_000);

    // Nothing the user queued is lost or doubled: each track is played, playing, or still queued.
    const current = player.queue.current;
    const everywhere = [...player.queue.history, ...(current ? [current] : []), ...player.queue.upcoming];
    expect(new Set(everywhere)).toEqual(new Set(queued));
    expect(everywhere).toHaveLength(queued.length);

    // With the network healthy again, commands work and the node plays what the client says.
    const last = tracks[30]!;
    await player.queue.add(last);
    const before = player.queue.size;
    const next = await player.skip();
    expect(next).not.toBeNull();
    expect(player.queue.size).toBe(before - 1);
    expect(player.currentTrack).toBe(next);
    expect(sonora.simulator.getPlayer(node.sessionId!, player.guildId)?.track?.info.identifier).toBe(
      next?.identifier,
    );
    await player.pause();
    expect(sonora.simulator.getPlayer(node.sessionId!, player.guildId)?.paused).toBe(true);
    expect(node.state).toBe("ready");
    // Operations that failed under the faults failed with typed errors, never silently.
    const failures = outcomes.flatMap((o) =>
      o.status === "rejected" ? [o.reason as { code?: unknown }] : [],
    );
    expect(failures.every((e) => typeof e.code === "string")).toBe(true);
  });
});
