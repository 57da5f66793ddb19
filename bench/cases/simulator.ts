/**
 * Protocol simulator benchmarks.
 *
 * - `simulator/player-update-pass` (timing): the per-interval playerUpdate pass over 10,000 players
 *   with a track — computing each live position lazily and serialising the frame — against a floor
 *   that only formats the same template with constant values (the unavoidable string building).
 * - `simulator/real-time-cost` (report): the simulator as users run it, measured in its own process
 *   (simulator-real-time/host.ts: default settings, so the log is on, real clock, Lavalink's 5 s
 *   interval; started with `--expose-gc`). A second process (receiver.ts) is the bot: it opens the
 *   session, creates N players over REST — one PATCH per guild with a distinct encoded track — and
 *   counts the frames it receives, so its work is not in the simulator's figure. After one settling
 *   pass the simulator's CPU time is taken over 15 s (three passes), then its RSS and heap after full
 *   collections: per player against the same simulator before any player was created, and as the
 *   slope between consecutive counts (what one more player costs, the fixed costs cancelled out).
 *   Counts 1,000, 10,000 and 100,000; targets as issue #19 states them (≤ 25 % of one core at
 *   100,000 players, ≤ 2 KiB RSS per player). Run it alone:
 *   `node --expose-gc --import tsx bench/cases/simulator.ts [N…] [--seconds=15] [--sessions=1]`
 *   (`SONORA_BENCH_PROFILE=<dir>` also writes a CPU profile and a heap snapshot there).
 */
import { pathToFileURL } from "node:url";
import { type Clock, VirtualClock } from "../../src/base/clock/index.js";
import { SeededRandom } from "../../src/base/random.js";
import { encodeTrack } from "../../src/protocol/codec/index.js";
import type { LavalinkEvent, TrackInfo } from "../../src/protocol/index.js";
import { type PlayerHost, SimPlayer } from "../../src/simulator/player.js";
import { Scheduler } from "../../src/simulator/scheduler.js";
import type { BenchEntry, ReportRow } from "../harness.js";
import { marginals, measureRealTime, type RealTimeResult } from "./simulator-real-time/measure.js";

const PLAYERS = 10_000;

function makeInfo(i: number): TrackInfo {
  return {
    identifier: `track-${i}`,
    isSeekable: true,
    author: "Bench Author",
    length: 180_000 + (i % 60) * 1000,
    isStream: false,
    position: 0,
    title: `Bench track ${i}`,
    uri: `https://example.com/${i}`,
    artworkUrl: null,
    isrc: null,
    sourceName: "youtube",
  };
}

function buildPlayers(clock: Clock): SimPlayer[] {
  const host: PlayerHost = {
    clock,
    scheduler: new Scheduler(clock),
    random: new SeededRandom(1),
    strictVoice: false,
    trackStuckThreshold: 10_000,
    sendEvent: (_e: LavalinkEvent) => undefined,
    sendPlayerUpdate: () => undefined,
  };
  const players: SimPlayer[] = [];
  for (let i = 0; i < PLAYERS; i++) {
    const p = new SimPlayer(String(100_000_000_000_000_000n + BigInt(i)), host);
    const info = makeInfo(i);
    p.play({ encoded: encodeTrack(info), info, pluginInfo: {}, userData: {} }, { kind: "normal" });
    players.push(p);
  }
  return players;
}

/**
 * Targets of the real-time report, as issue #19 states them: 100,000 playing players at Lavalink's
 * 5 s interval within 25 % of one core, at most 2 KiB of RSS per player marginal, log on.
 */
export const REALTIME_TARGETS = { cpuPercent: 25, kibPerPlayer: 2 } as const;
const REALTIME_COUNTS = [1_000, 10_000, 100_000] as const;
const QUICK_COUNTS = [1_000, 10_000] as const;

/** The entries this module provides, known without building anything. */
export const names = ["simulator/player-update-pass", "simulator/real-time-cost"] as const;

/** Builds the players of the timing case; the report measures in a child process when run. */
export function cases(): BenchEntry[] {
  const clock = new VirtualClock();
  const players = buildPlayers(clock);
  void clock.advance(1_234);
  return [
    {
      name: "simulator/player-update-pass",
      description: `one playerUpdate interval over ${PLAYERS} playing players: lazy position + frame text, flattened to UTF-8 bytes as ws.send does (floor: the same template with a counter for the position)`,
      unit: "frames",
      itemsPerCall: PLAYERS,
      subject: {
        name: "position + frame",
        fn: () => {
          const now = clock.now();
          let bytes = 0;
          for (const p of players) {
            const text = `{"op":"playerUpdate","guildId":"${p.guildId}","state":{"time":${now},"position":${p.position(now)},"connected":${p.connected},"ping":${p.ping}}}`;
            bytes += Buffer.byteLength(text);
          }
          return bytes;
        },
      },
      floor: {
        name: "template only",
        fn: () => {
          const now = clock.now();
          let bytes = 0;
          let i = 0;
          for (const p of players) {
            const text = `{"op":"playerUpdate","guildId":"${p.guildId}","state":{"time":${now},"position":${1234 + i++},"connected":false,"ping":-1}}`;
            bytes += Buffer.byteLength(text);
          }
          return bytes;
        },
      },
      peers: [
        {
          name: "JSON.stringify frame",
          fn: () => {
            const now = clock.now();
            let bytes = 0;
            for (const p of players) {
              const text = JSON.stringify({
                op: "playerUpdate",
                guildId: p.guildId,
                state: { time: now, position: p.position(now), connected: p.connected, ping: p.ping },
              });
              bytes += Buffer.byteLength(text);
            }
            return bytes;
          },
        },
      ],
    },
    realTimeReport,
  ];
}

const kib = (bytes: number): string => (bytes / 1024).toFixed(2);

/** The report's rows for measured counts (shared by the bench run and the script run). */
function reportRows(results: readonly RealTimeResult[]): ReportRow[] {
  const slopes = marginals(results);
  return results.flatMap((r, i) => {
    const m = slopes[i]!;
    const n = r.players.toLocaleString("en-US");
    const rows: ReportRow[] = [
      {
        label: `${n} players: simulator CPU over ${r.windowSeconds} s (${r.playerUpdates}/${r.expectedPlayerUpdates} updates; client ${r.receiverCpuPercent.toFixed(1)} %)`,
        measured: `${r.cpuPercent.toFixed(1)} % of one core`,
        target: `≤ ${REALTIME_TARGETS.cpuPercent} %`,
        met: r.cpuPercent <= REALTIME_TARGETS.cpuPercent,
      },
      {
        label: `${n} players: RSS (heap) per player over the empty simulator`,
        measured: `${kib(m.rssPerPlayer)} KiB (${kib(m.heapPerPlayer)})`,
        target: `≤ ${REALTIME_TARGETS.kibPerPlayer} KiB`,
        met: m.rssPerPlayer / 1024 <= REALTIME_TARGETS.kibPerPlayer,
      },
    ];
    const prev = results[i - 1];
    if (m.rssSlope !== undefined && m.heapSlope !== undefined && prev !== undefined) {
      rows.push({
        label: `${prev.players.toLocaleString("en-US")} → ${n} players: RSS (heap) slope per player`,
        measured: `${kib(m.rssSlope)} KiB (${kib(m.heapSlope)})`,
        target: `≤ ${REALTIME_TARGETS.kibPerPlayer} KiB`,
        met: m.rssSlope / 1024 <= REALTIME_TARGETS.kibPerPlayer,
      });
    }
    return rows;
  });
}

const realTimeReport: BenchEntry = {
  kind: "report",
  name: "simulator/real-time-cost",
  description:
    "simulator alone in its process (client in another), real clock, default settings (log on, 5 s playerUpdates), players created over REST: CPU share of one core over 3 passes, RSS and heap per player after full GCs (--quick: 1k and 10k, 2 passes)",
  async run({ quick }): Promise<ReportRow[]> {
    const results: RealTimeResult[] = [];
    // Fresh processes per count: each starts from an empty heap and RSS.
    for (const n of quick ? QUICK_COUNTS : REALTIME_COUNTS)
      results.push(await measureRealTime(n, { windowSeconds: quick ? 10 : 15 }));
    return reportRows(results);
  },
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const option = (name: string): number | undefined => {
    const arg = argv.find((a) => a.startsWith(`--${name}=`));
    return arg === undefined ? undefined : Number(arg.slice(name.length + 3));
  };
  const counts = argv.filter((a) => !a.startsWith("--")).map(Number);
  const results: RealTimeResult[] = [];
  for (const n of counts.length > 0 ? counts : REALTIME_COUNTS) {
    const r = await measureRealTime(n, {
      windowSeconds: option("seconds"),
      settleSeconds: option("settle"),
      sessions: option("sessions"),
    });
    results.push(r);
    console.log(JSON.stringify(r));
  }
  for (const row of reportRows(results)) console.log(`${row.label}: ${row.measured} (goal ${row.target})`);
}
