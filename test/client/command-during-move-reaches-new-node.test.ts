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

describe("a player command issued while player.moveTo is in flight", () => {
  it("takes effect on the node the player moves to, and the old node keeps no player", async () => {
    const clock = new VirtualClock();
    const a = await startSim(clock, { seed: 1 });
    const b = await startSim(clock, { seed: 2 });
    sims.push(a, b);
    client = makeClient([nodeFor(a, "a"), nodeFor(b, "b")], clock);
    await client.start();
    const player = await client.getPlayer(GUILD, { node: "a" });
    await player.play((await client.load(song("mid-move"))).tracks[0]!);

    const move = player.moveTo(client.nodes.get("b")!);
    const pause = player.pause();
    const volume = player.setVolume(40);
    await Promise.all([move, pause, volume]);

    expect(player.node.name).toBe("b");
    expect(player.paused).toBe(true);
    expect(player.volume).toBe(40);
    expect(b.getPlayer(undefined, GUILD)).toMatchObject({ paused: true, volume: 40 });
    expect(b.getPlayer(undefined, GUILD)?.track?.info.identifier).toBe(song("mid-move"));
    expect(a.getPlayer(undefined, GUILD)).toBeUndefined();
  });
});
