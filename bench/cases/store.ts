/**
 * Store benchmarks (#14).
 *
 * - `store/commands-per-second` (report): one client on a simulator (virtual clock, loopback REST),
 *   20 guilds each running commands back to back (volume, queue add, pause/resume), for a fixed
 *   wall time; commands per second with each store of `_store-targets.ts`, against the client with
 *   no store. Every command resolves only once its change is durable, so this is the store's write
 *   cost on the command path; writes of concurrent commands are group-committed (one fsync each).
 */
import type { SonoraStore } from "../../src/index.js";
import { createTestEnvironment } from "../../src/testing/index.js";
import type { BenchEntry, ReportRow } from "../harness.js";
import { STORE_BENCH_TARGETS } from "./_store-targets.js";

const GUILDS = 20;

export const names = ["store/commands-per-second"];

export function cases(): BenchEntry[] {
  return [
    {
      kind: "report",
      name: "store/commands-per-second",
      description: `${GUILDS} guilds issuing commands back to back on one client; commands/s per store`,
      async run({ quick }): Promise<ReportRow[]> {
        const seconds = quick ? 1 : 3;
        const rows: ReportRow[] = [];
        let baseline: number | null = null;
        for (const target of STORE_BENCH_TARGETS) {
          const { store, cleanup } = await target.make();
          try {
            const rate = await measure(store, seconds);
            baseline ??= rate;
            rows.push({
              label: `${target.name}: commands per second (${seconds} s)`,
              measured: `${Math.round(rate).toLocaleString("en-US")} /s`,
              target: `${((rate / baseline) * 100).toFixed(0)} % of "${STORE_BENCH_TARGETS[0]?.name}"`,
              met: null,
            });
          } finally {
            await cleanup();
          }
        }
        return rows;
      },
    },
  ];
}

async function measure(store: SonoraStore | null, seconds: number): Promise<number> {
  const env = await createTestEnvironment({ client: store === null ? {} : { store } });
  try {
    const tracks = env.tracks(50, { length: 600_000 });
    const players = await Promise.all(
      Array.from({ length: GUILDS }, (_, i) => env.client.getPlayer(String(300000000000000001n + BigInt(i)))),
    );
    await Promise.all(players.map((p, i) => p.play(tracks[i % tracks.length]!)));
    let done = 0;
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      players.map(async (player, i) => {
        for (let n = 0; performance.now() < until; n++) {
          switch (n % 4) {
            case 0:
              await player.setVolume(50 + (n % 50));
              break;
            case 1:
              await player.queue.add(tracks[(i + n) % tracks.length]!);
              break;
            case 2:
              await player.pause();
              break;
            default:
              await player.resume();
          }
          done++;
        }
      }),
    );
    return done / seconds;
  } finally {
    await env.dispose();
  }
}
