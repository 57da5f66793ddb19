import { describe, expect, it } from "vitest";
import { MemoryStore, type Player } from "../../src/index.js";
import { TEST_GUILD_ID } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

const OTHER_GUILD = "223456789012345678";

/**
 * A bot attaches its per-player listeners (now-playing messages, idle timers) when a player appears.
 * Restored players do not come from getPlayer, so `playerCreate` never fires for them: `start()`
 * announces each with `playerRestore`, once its state is back.
 */
describe("client.start() announces each restored player with playerRestore", () => {
  it("once per stored guild, with the queue already restored, and no playerCreate", async () => {
    const store = new MemoryStore();
    const env = await sonoraEnv({ client: { ...STEADY_CLIENT, store } });
    const tracks = env.tracks(4, { length: 120_000 });
    for (const guildId of [TEST_GUILD_ID, OTHER_GUILD]) {
      const player = await env.player(guildId);
      await player.play(tracks[0]!);
      await player.queue.add(tracks.slice(1));
    }
    await env.client.close();

    const b = env.createClient({ ...STEADY_CLIENT, store });
    const restored: { player: Player; upcoming: number; playersKnown: number }[] = [];
    const created: Player[] = [];
    b.on("playerRestore", (player) =>
      restored.push({ player, upcoming: player.queue.upcoming.length, playersKnown: b.players.size }),
    );
    b.on("playerCreate", (player) => created.push(player));
    await env.drive(b.start());
    expect(restored.map((r) => r.player.guildId).sort()).toEqual([TEST_GUILD_ID, OTHER_GUILD].sort());
    expect(restored.map((r) => r.upcoming)).toEqual([3, 3]); // announced with the queue in place
    expect(restored.map((r) => r.playersKnown)).toEqual([2, 2]); // after every record was read
    expect(restored.every((r) => b.players.get(r.player.guildId) === r.player)).toBe(true);
    expect(created).toEqual([]);
    // A player made afterwards is a created one, not a restored one.
    await b.getPlayer("323456789012345678");
    expect(created.map((p) => p.guildId)).toEqual(["323456789012345678"]);
    expect(restored).toHaveLength(2);
    await b.close({ destroyPlayers: true });
  });
});
