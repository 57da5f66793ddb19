/**
 * The store's write cost, Redis against memory.
 *
 * - `store/redis-commands` (report): a client on a simulator (virtual clock) with 20 playing players,
 *   without a store, with a MemoryStore and with a RedisStore on a local `redis-server` (started here
 *   on a free port, append-only with `appendfsync everysec`, Redis's usual durable setting). Each
 *   store runs queue commands (`queue.add` then `queue.remove`, each resolving once durable) one at a
 *   time on one guild, then on all 20 guilds at once (the client batches concurrent changes into one
 *   Redis round trip). Figures are commands per second of wall time; MemoryStore is compared with
 *   no store, RedisStore with MemoryStore. Skipped (one row says so) when `redis-server` is not installed.
 */
import type { BenchEntry, ReportRow } from "../harness.js";

export const names = ["store/redis-commands"] as const;

const GUILDS = 20;

export async function cases(): Promise<readonly BenchEntry[]> {
  return [
    {
      kind: "report",
      name: "store/redis-commands",
      description:
        "player queue commands per second, each durable when it resolves: no store, MemoryStore, RedisStore",
      run: measure,
    },
  ];
}

async function measure({ quick }: { quick: boolean }): Promise<ReportRow[]> {
  const { findRedisServer, startRedis } = await import("../../test/support/redis-server.js");
  if (findRedisServer() === null) {
    return [
      { label: "RedisStore", measured: "skipped: redis-server is not installed", target: "—", met: null },
    ];
  }
  const { MemoryStore } = await import("../../src/index.js");
  const { RedisStore } = await import("../../src/redis/index.js");
  const redis = await startRedis({ appendfsync: "everysec" });
  try {
    const rounds = quick ? 40 : 300;
    const kinds: [string, () => import("../../src/index.js").SonoraStore | undefined][] = [
      ["no store", () => undefined],
      ["MemoryStore", () => new MemoryStore()],
      ["RedisStore", () => new RedisStore({ url: redis.url, prefix: `bench${Date.now()}` })],
    ];
    const results: { kind: string; sequential: number; concurrent: number }[] = [];
    for (const [kind, make] of kinds) results.push({ kind, ...(await commandsPerSecond(make(), rounds)) });
    // The store's own cost: MemoryStore against no store, RedisStore against MemoryStore (what
    // moving the same records out of the process adds).
    const base = (r: (typeof results)[number]) => (r.kind === "RedisStore" ? results[1]! : results[0]!);
    const rows: ReportRow[] = [];
    for (const r of results) {
      for (const mode of ["sequential", "concurrent"] as const) {
        const against = base(r);
        const share =
          r === against ? "" : ` (${((r[mode] / against[mode]) * 100).toFixed(0)} % of ${against.kind})`;
        rows.push({
          label: `${r.kind}, ${mode === "sequential" ? "one guild, one command at a time" : `${GUILDS} guilds at once`}`,
          measured: `${Math.round(r[mode]).toLocaleString("en-US")} commands/s${share}`,
          target: "—",
          met: null,
        });
      }
    }
    return rows;
  } finally {
    await redis.stop();
  }
}

async function commandsPerSecond(
  store: import("../../src/index.js").SonoraStore | undefined,
  rounds: number,
): Promise<{ sequential: number; concurrent: number }> {
  const { createTestEnvironment } = await import("../../src/testing/index.js");
  const env = await createTestEnvironment(store === undefined ? {} : { client: { store } });
  try {
    const players = [];
    for (let i = 0; i < GUILDS; i++) {
      const player = await env.player(String(100_000_000_000_000_000n + BigInt(i)));
      await player.play(env.tracks(1)[0]!);
      players.push(player);
    }
    const [track] = env.tracks(1);
    const one = players[0]!;
    let started = performance.now();
    for (let i = 0; i < rounds; i++) {
      await one.queue.add(track!);
      await one.queue.remove(0);
    }
    const sequential = (rounds * 2) / ((performance.now() - started) / 1000);
    const perGuild = Math.max(1, Math.floor(rounds / 10));
    started = performance.now();
    await Promise.all(
      players.map(async (player) => {
        for (let i = 0; i < perGuild; i++) {
          await player.queue.add(track!);
          await player.queue.remove(0);
        }
      }),
    );
    const concurrent = (GUILDS * perGuild * 2) / ((performance.now() - started) / 1000);
    return { sequential, concurrent };
  } finally {
    await env.dispose();
  }
}
