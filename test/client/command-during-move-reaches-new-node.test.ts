import { describe, expect, it } from "vitest";
import { GUILD, song, startNodes } from "./helpers.js";

describe("a player command issued while player.moveTo is in flight", () => {
  it("takes effect on the node the player moves to, and the old node keeps no player", async () => {
    const {
      sims: [a, b],
      client,
    } = await startNodes(2);
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
