/**
 * Protocol simulator benchmarks.
 *
 * - `simulator/player-update-pass` (timing): the per-interval playerUpdate pass over 10,000 players
 *   with a track — computing each live position lazily and serialising the frame — against a floor
 *   that only formats the same template with constant values (the unavoidable string building).
 * - `simulator/real-time-cost` (report): starts a simulator on the real clock with its log on,
 *   creates N playing players over REST on one session, then measures process CPU over 15 s (three
 *   passes of Lavalink's default 5 s playerUpdates) and the RSS and heap each player costs, at
 *   1,000, 10,000 and 100,000 players (the goal: ≤ 25 % of one core, ≤ 2 KiB RSS each). It runs in a child
 *   process started with `--expose-gc` (steady heap figures, no garbage from other cases). The
 *   WebSocket client receiving the frames runs in that process too, so the CPU figure is an upper
 *   bound. Run it alone: `node --expose-gc --import tsx bench/cases/simulator.ts [N…]`.
 */
import { execFile } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Clock, VirtualClock } from "../../src/base/clock/index.js";
import { SeededRandom } from "../../src/base/random.js";
import { encodeTrack } from "../../src/protocol/codec/index.js";
import type { LavalinkEvent, TrackInfo } from "../../src/protocol/index.js";
import { type PlayerHost, SimPlayer } from "../../src/simulator/player.js";
import { Scheduler } from "../../src/simulator/scheduler.js";
import type { BenchEntry, ReportRow } from "../harness.js";

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
 * Targets of the real-time report (issue #19): 100,000 playing players at Lavalink's 5 s interval
 * within 25 % of one core, at most 2 KiB of RSS per player beyond the empty simulator, log on.
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

const realTimeReport: BenchEntry = {
  kind: "report",
  name: "simulator/real-time-cost",
  description:
    "real clock, one session, Lavalink's 5 s playerUpdate interval, log on: CPU share of one core, RSS and heap per player (child process with --expose-gc; --quick: 1k and 10k only)",
  async run({ quick }): Promise<ReportRow[]> {
    const seconds = quick ? 6 : 15;
    const results: RealTimeResult[] = [];
    // One child per count: each starts from an empty heap and RSS.
    for (const n of quick ? QUICK_COUNTS : REALTIME_COUNTS)
      results.push(...(await measureInChild([n], seconds)));
    return results.flatMap((r) => [
      {
        label: `${r.players.toLocaleString("en-US")} players: CPU over ${seconds} s (${r.frames} frames)`,
        measured: `${r.cpuPercent.toFixed(1)} % of one core`,
        target: `≤ ${REALTIME_TARGETS.cpuPercent} %`,
        met: r.cpuPercent <= REALTIME_TARGETS.cpuPercent,
      },
      {
        label: `${r.players.toLocaleString("en-US")} players: RSS (heap)`,
        measured: `${(r.rssPerPlayer / 1024).toFixed(2)} KiB/player (${(r.heapPerPlayer / 1024).toFixed(2)})`,
        target: `≤ ${REALTIME_TARGETS.kibPerPlayer} KiB/player`,
        met: r.rssPerPlayer / 1024 <= REALTIME_TARGETS.kibPerPlayer,
      },
    ]);
  },
};

interface RealTimeResult {
  players: number;
  cpuPercent: number;
  heapPerPlayer: number;
  rssPerPlayer: number;
  frames: number;
}

/** Runs this file as a script under `node --expose-gc` and reads its JSON answer. */
function measureInChild(counts: readonly number[], seconds: number): Promise<RealTimeResult[]> {
  const file = fileURLToPath(import.meta.url);
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const args = [
    "--expose-gc",
    "--import",
    "tsx",
    file,
    "--json",
    `--seconds=${seconds}`,
    ...counts.map(String),
  ];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { cwd: root, maxBuffer: 1 << 20, timeout: 600_000 },
      (error, stdout, stderr) => {
        if (error !== null) {
          reject(new Error(`real-time measurement failed: ${error.message}\n${stderr}`));
          return;
        }
        resolve(JSON.parse(stdout) as RealTimeResult[]);
      },
    );
  });
}

/** Real-time CPU and heap per player at `n` players (see the module comment). */
export async function measureRealTime(
  n: number,
  seconds = 10,
): Promise<{ cpuPercent: number; heapPerPlayer: number; rssPerPlayer: number; frames: number }> {
  const { ProtocolSimulator } = await import("../../src/simulator/index.js");
  const { default: WebSocket } = await import("ws");
  const gc = (globalThis as { gc?: () => void }).gc;
  // The log on, as users run it (bounded by its default capacity and byte limit).
  const sim = new ProtocolSimulator({ port: 0, password: "bench" });
  await sim.start();
  const ws = new WebSocket(`ws://127.0.0.1:${sim.port}/v4/websocket`, {
    headers: { Authorization: "bench", "User-Id": "1", "Client-Name": "bench" },
  });
  let frames = 0;
  let sessionId = "";
  await new Promise<void>((resolve) => {
    ws.on("message", (data) => {
      frames++;
      if (sessionId === "") {
        sessionId = (JSON.parse(String(data)) as { sessionId: string }).sessionId;
        resolve();
      }
    });
  });
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  const encoded = Array.from({ length: 64 }, (_, i) => encodeTrack({ ...makeInfo(i), length: 3_600_000 }));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < n) {
      const i = next++;
      const res = await fetch(`${sim.url}/v4/sessions/${sessionId}/players/${1000 + i}`, {
        method: "PATCH",
        headers: { Authorization: "bench", "Content-Type": "application/json" },
        body: JSON.stringify({ track: { encoded: encoded[i % encoded.length] } }),
      });
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  // Let the creation's REST traffic and the first update passes go by (the log fills to its bound).
  await new Promise((resolve) => setTimeout(resolve, 6_000));
  gc?.();
  const heapPerPlayer = (process.memoryUsage().heapUsed - heapBefore) / n;
  const rssPerPlayer = (process.memoryUsage().rss - rssBefore) / n;
  const framesBefore = frames;
  const cpuBefore = process.cpuUsage();
  const wallBefore = process.hrtime.bigint();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const cpu = process.cpuUsage(cpuBefore);
  const wallUs = Number(process.hrtime.bigint() - wallBefore) / 1000;
  const measuredFrames = frames - framesBefore;
  ws.close();
  await sim.stop();
  return {
    cpuPercent: ((cpu.user + cpu.system) / wallUs) * 100,
    heapPerPlayer,
    rssPerPlayer,
    frames: measuredFrames,
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const json = argv.includes("--json");
  const seconds = Number(argv.find((a) => a.startsWith("--seconds="))?.slice("--seconds=".length) ?? 10);
  const counts = argv.map(Number).filter((x) => x > 0);
  const results: RealTimeResult[] = [];
  for (const n of counts.length > 0 ? counts : REALTIME_COUNTS) {
    const r = { players: n, ...(await measureRealTime(n, seconds)) };
    results.push(r);
    if (!json) {
      console.log(
        `${n} players: ${r.cpuPercent.toFixed(1)} % of one core over ${seconds} s (${r.frames} frames received), ` +
          `${(r.rssPerPlayer / 1024).toFixed(2)} KiB RSS, ${(r.heapPerPlayer / 1024).toFixed(2)} KiB heap per player`,
      );
    }
  }
  if (json) process.stdout.write(JSON.stringify(results));
}
