import { afterEach, describe, expect, it } from "vitest";
import type { SonoraClient } from "../../src/client/index.js";
import { VirtualClock } from "../../src/clock/index.js";
import { LavalinkRestError } from "../../src/index.js";
import type { ProtocolSimulator } from "../../src/testing/index.js";
import { drive, GUILD, makeClient, nodeFor, song, startSim, until } from "./helpers.js";

let sims: ProtocolSimulator[] = [];
let client: SonoraClient | undefined;
afterEach(async () => {
  await client?.close();
  for (const s of sims) if (s.running) await s.stop();
  sims = [];
  client = undefined;
});

describe("the node is lost while a play request to it is still unanswered", () => {
  it("the player's track, its queue and what the new node plays agree once the refused play settles", async () => {
    const clock = new VirtualClock();
    const a = await startSim(clock, { seed: 1 });
    const b = await startSim(clock, { seed: 2 });
    sims.push(a, b);
    client = makeClient([nodeFor(a, "a", { reconnect: { maxRetries: 0 } }), nodeFor(b, "b")], clock);
    await client.start();
    const first = (await client.load(song("first"))).tracks[0]!;
    const second = (await client.load(song("second"))).tracks[0]!;
    const player = await client.getPlayer(GUILD, { node: "a" });
    await player.play(first);
    await clock.advance(10_000);

    // a holds player PATCHes for 5 s, then answers 500 (after applying them: the nasty case).
    const route = "PATCH /v4/sessions/*/players/*";
    a.faults.add({ type: "latency", latency: 5_000, toxicity: 1, direction: "upstream", route });
    a.faults.add({ type: "rest-error", status: 500, toxicity: 1, direction: "downstream", route });
    const nodeA = client.nodes.get("a")!;
    const play = player.play(second).catch((e: unknown) => e);
    await until(() => nodeA.rest.inFlightCount > 0, "the play PATCH is on its way to a");
    nodeA.simulateDisconnect(); // no retries: a is lost and its players fail over to b
    await until(() => nodeA.state === "disconnected", "a is lost");

    const outcome = await drive(clock, play, 500);
    await drive(
      clock,
      until(() => player.node.name === "b" && b.getPlayer(undefined, GUILD)?.track != null, "moved to b"),
      500,
    );
    const onB = b.getPlayer(undefined, GUILD)!;
    const mirrored = player.currentTrack;
    expect(mirrored).not.toBeNull();
    expect(onB.track?.info.identifier).toBe(mirrored?.identifier);
    expect(player.queue.current).toBe(mirrored);
    // The play was refused (a's 500): the first track plays on b from where a stopped.
    expect(outcome).toBeInstanceOf(LavalinkRestError);
    expect(mirrored).toBe(first);
    expect(onB.state.position).toBeGreaterThanOrEqual(10_000);
  });
});
