import { describe, expect } from "vitest";
import { sonoraTest as test } from "../../src/testing/vitest.js";

describe("scenario: connection stability — repeated drops", () => {
  test("the client resumes its session after each of several drops; playback and operations carry on", async ({
    sonora,
  }) => {
    const node = sonora.client.nodes.get("simulator")!;
    const sessionId = node.sessionId!;
    const player = await sonora.player();
    const tracks = sonora.tracks(8, { length: 900_000 });
    await player.play(tracks[0]!);
    let resumes = 0;
    sonora.client.on("nodeResumed", () => resumes++);

    for (let drop = 1; drop <= 4; drop++) {
      sonora.simulator.dropConnection(sessionId);
      const [, resumed] = await sonora.advanceUntil("nodeReady", { maxMs: 120_000 });
      expect(resumed).toBe(true);
      expect(node.sessionId).toBe(sessionId);
      expect(node.state).toBe("ready");

      // Operations keep working after every reconnect.
      await player.queue.add(tracks[drop]!);
      const next = await player.skip();
      expect(next).toBe(tracks[drop]);
      expect(sonora.simulator.getPlayer(sessionId, player.guildId)?.track?.info.identifier).toBe(
        tracks[drop]!.identifier,
      );
      await sonora.advance(5_000);
    }
    expect(resumes).toBe(4);
    expect(sonora.simulator.sessions).toHaveLength(1);
    expect(player.currentTrack).toBe(tracks[4]);
    expect(player.queue.history.slice(0, 4)).toEqual([tracks[3], tracks[2], tracks[1], tracks[0]]);
    // The position survived the drops: five seconds after the last skip.
    expect(player.position).toBe(5_000);
    expect(sonora.simulator.getPlayer(sessionId, player.guildId)?.state.position).toBe(5_000);
  });
});
