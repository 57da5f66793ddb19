import { afterEach, describe, expect, it } from "vitest";
import type { SonoraClient } from "../../src/client/index.js";
import { VirtualClock } from "../../src/clock/index.js";
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

describe("player.moveTo and destroy", () => {
  it("moves track, position, paused, volume and filters to the other node, then destroys cleanly", async () => {
    const clock = new VirtualClock();
    const a = await startSim(clock, { seed: 1 });
    const b = await startSim(clock, { seed: 2 });
    sims.push(a, b);
    client = makeClient([nodeFor(a, "a"), nodeFor(b, "b")], clock);
    await client.start();
    const loaded = await client.load(song("mover"));
    if (loaded.loadType !== "track") throw new Error("expected a track");
    const player = await client.getPlayer(GUILD, { node: "a" });
    await player.update({
      track: { encoded: loaded.data.encoded },
      volume: 30,
      filters: { timescale: { rate: 2 } },
    });
    await clock.advance(10_000);
    await player.update({ paused: true });
    expect(player.position).toBe(20_000);

    await player.moveTo(client.nodes.get("b")!);
    expect(player.node.name).toBe("b");
    expect(a.getPlayer(undefined, GUILD)).toBeUndefined();
    expect(b.getPlayer(undefined, GUILD)).toMatchObject({
      paused: true,
      volume: 30,
      filters: { timescale: { rate: 2 } },
      state: { position: 20_000 },
    });
    expect(b.getPlayer(undefined, GUILD)?.track?.info.identifier).toBe(song("mover"));

    await player.destroy();
    expect(player.destroyed).toBe(true);
    expect(b.getPlayer(undefined, GUILD)).toBeUndefined();
    expect(client.players.has(GUILD)).toBe(false);
    await expect(player.update({ volume: 1 })).rejects.toMatchObject({ code: "CLIENT_STATE" });
  });
});
