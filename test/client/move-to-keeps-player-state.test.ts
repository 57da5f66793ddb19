import { describe, expect, it } from "vitest";
import { GUILD, song, startNodes } from "./helpers.js";

describe("player.moveTo and destroy", () => {
  it("moves track, position, paused, volume and filters to the other node, then destroys cleanly", async () => {
    const {
      clock,
      sims: [a, b],
      client,
    } = await startNodes(2);
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
