import { describe, expect } from "vitest";
import { sonoraTest as test } from "../../src/testing/vitest.js";

describe("scenario: a large deployment — 100 players, one track each", () => {
  test("a hundred guilds each join voice and play their own track; the node and the client agree", async ({
    sonora,
  }) => {
    const guilds = Array.from({ length: 100 }, (_, i) => String(500_000_000_000_000_000n + BigInt(i)));
    const tracks = sonora.tracks(100);
    const players = await Promise.all(
      guilds.map((g, i) => sonora.player(g, { channelId: String(900_000 + i) })),
    );
    await Promise.all(players.map((p, i) => p.play(tracks[i]!)));
    await sonora.advance(10_000);

    expect(sonora.client.players.size).toBe(100);
    expect(sonora.simulator.players).toHaveLength(100);
    players.forEach((player, i) => {
      const onNode = sonora.simulator.getPlayer(undefined, guilds[i]!);
      expect(onNode?.track?.info.identifier).toBe(tracks[i]!.identifier);
      expect(onNode?.voice.channelId).toBe(String(900_000 + i));
      expect(player.currentTrack).toBe(tracks[i]);
      expect(player.position).toBe(onNode?.state.position);
    });
    expect(sonora.simulator.stats()).toMatchObject({ players: 100, playingPlayers: 100 });

    // Tearing one guild down leaves the others alone.
    await players[0]!.destroy();
    expect(sonora.simulator.players).toHaveLength(99);
    expect(sonora.client.players.has(guilds[0]!)).toBe(false);
  });
});
