import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FileStore, MemoryStore, StoreCorruptError } from "../../src/index.js";
import { TEST_GUILD_ID, waitUntil } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

describe("a restarted client whose node no longer has the session", () => {
  it("rebuilds each player at the position the store implies (saved position + time playing since)", async () => {
    const store = new MemoryStore();
    // The node keeps a dropped session 1 s; the next process comes 30 s later.
    const env = await sonoraEnv({ client: { ...STEADY_CLIENT, store, resume: { timeout: 1 } } });
    const { simulator: sim, client: a } = env;
    const player = await env.player();
    const [first, second] = env.tracks(2, { length: 300_000 });
    await player.play(first!);
    await player.queue.add(second!);
    await player.setVolume(40);
    await env.advance(20_000);
    const oldSession = [...a.nodes][0]!.sessionId!;
    await a.close();
    await env.advance(30_000);
    expect(sim.getSession(oldSession)).toBeUndefined();

    const b = env.createClient({ ...STEADY_CLIENT, store, resume: { timeout: 1 } });
    const startAt = env.clock.now();
    await env.drive(b.start());
    // drive() moves the virtual clock while the start's requests are answered.
    const startTook = env.clock.now() - startAt;
    const node = [...b.nodes][0]!;
    expect(node.sessionId).not.toBe(oldSession);
    const restored = b.players.get(TEST_GUILD_ID)!;
    await waitUntil(
      () => sim.getPlayer(node.sessionId!, TEST_GUILD_ID)?.track != null,
      "the player is rebuilt",
    );
    const rebuilt = sim.getPlayer(node.sessionId!, TEST_GUILD_ID)!;
    expect(rebuilt.track?.info.identifier).toBe(first!.identifier);
    expect(rebuilt.volume).toBe(40);
    // 20 s played before the close and 30 s the node went on playing (the store cannot tell the
    // session ended), plus the time the start took: the implied position when it was rebuilt.
    expect(rebuilt.state.position).toBeGreaterThanOrEqual(50_000);
    expect(rebuilt.state.position).toBeLessThanOrEqual(50_000 + startTook);
    expect(restored.position).toBe(rebuilt.state.position);
    expect(restored.queue.upcoming.map((t) => t.encoded)).toEqual([second!.encoded]);
    expect(sim.players).toHaveLength(1);
  });

  it("start() rejects with StoreCorruptError for a damaged file and restores nothing; a retry after repair works", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sonora-restore-damage-"));
    try {
      writeFileSync(join(dir, "default.wal"), "00000000 {}\n{}\n");
      const env = await sonoraEnv({ connect: false });
      const client = env.createClient({ ...STEADY_CLIENT, store: new FileStore(dir) });
      await expect(client.start()).rejects.toBeInstanceOf(StoreCorruptError);
      expect(client.players.size).toBe(0);
      expect([...client.nodes].every((n) => n.state === "connecting")).toBe(true);
      rmSync(join(dir, "default.wal"));
      await env.drive(client.start());
      expect(client.nodes.ready).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
