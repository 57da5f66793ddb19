import { describe, expect, it } from "vitest";
import type { Player, PlayerDestroyReason } from "../../src/index.js";
import { ClientStateError } from "../../src/index.js";
import { catalogTrack } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";

describe("playerDestroy says why", () => {
  it('"user" for player.destroy(), "clientClosed" for every player client.close() ends', async () => {
    const env = await sonoraEnv({ nodes: ["main"] });
    const { client } = env;
    const destroyed: [string, PlayerDestroyReason][] = [];
    client.on("playerDestroy", (p, reason) => destroyed.push([p.guildId, reason]));
    const [one, two, three] = [
      await client.getPlayer("1001"),
      await client.getPlayer("1002"),
      await client.getPlayer("1003"),
    ];
    await two.play(await env.loadTrack(catalogTrack("a")));

    await one.destroy();
    expect(destroyed).toEqual([["1001", "user"]]);

    await client.close();
    expect(destroyed).toEqual([
      ["1001", "user"],
      ["1002", "clientClosed"],
      ["1003", "clientClosed"],
    ]);
    for (const p of [two, three] as Player[]) {
      expect(p.destroyed).toBe(true);
      expect(p.currentTrack).toBeNull();
      await expect(p.connect("900")).rejects.toThrow(ClientStateError);
    }
    // Once only: destroying again after close announces nothing.
    await three.destroy();
    expect(destroyed).toHaveLength(3);
  });
});
