/**
 * The orchestrator of `simulator/real-time-cost`: starts the simulator process (host.ts) and the
 * client process (receiver.ts), measures the simulator's memory with no player, has the client
 * create the players over REST, lets the updates run for a settle period, then measures the
 * simulator's CPU over a window spanning several update passes and its memory after it.
 */
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { HostReply, HostRequest, ReceiverReply, ReceiverRequest } from "./messages.js";

/** Lavalink's default playerUpdate interval, which the simulator uses by default. */
export const UPDATE_INTERVAL_MS = 5_000;

export interface RealTimeOptions {
  /** CPU window in seconds (default 15: three update passes). */
  windowSeconds?: number | undefined;
  /** Seconds between the last player created and the CPU window (default 6: one full pass). */
  settleSeconds?: number | undefined;
  /** WebSocket sessions the players are spread over (default 1). */
  sessions?: number | undefined;
}

export interface RealTimeResult {
  players: number;
  windowSeconds: number;
  /** The simulator process's CPU time over the window, as a share of one core. */
  cpuPercent: number;
  /** The receiving client process's, for comparison (not part of the simulator's cost). */
  receiverCpuPercent: number;
  /** Event-loop delay in the simulator over the window (a burst shows here). */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** The simulator's CPU split: user and system time, and per thread (Linux), as % of one core. */
  userPercent: number;
  systemPercent: number;
  threads: Record<string, number>;
  frames: number;
  playerUpdates: number;
  /** playerUpdates the window should hold at one per player per interval. */
  expectedPlayerUpdates: number;
  /** Seconds the client took to create the players over REST. */
  createSeconds: number;
  /** After full collections: the empty simulator (one session open, no player) and loaded. */
  rssEmpty: number;
  rssLoaded: number;
  heapEmpty: number;
  heapLoaded: number;
  /** V8's committed heap and memory held outside it (Buffers), loaded; RSS beyond these is malloc and code. */
  heapTotalLoaded: number;
  externalLoaded: number;
  logEntries: number;
}

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));
const root = fileURLToPath(new URL("../../../", import.meta.url));

/** A forked child and a way to wait for its next message of a given type. */
class Child<Req, Rep extends { type: string }> {
  private readonly waiting = new Map<string, (reply: Rep) => void>();
  private failure: Error | undefined;
  private readonly onFailure = new Set<(error: Error) => void>();

  constructor(
    readonly name: string,
    readonly process: ChildProcess,
  ) {
    process.on("message", (reply: Rep) => {
      const resolve = this.waiting.get(reply.type);
      this.waiting.delete(reply.type);
      resolve?.(reply);
    });
    process.on("exit", (code) => {
      if (code === 0) return;
      this.failure = new Error(`${name} exited with ${code}`);
      for (const fail of this.onFailure) fail(this.failure);
    });
  }

  next<T extends Rep["type"]>(type: T, timeoutMs = 600_000): Promise<Extract<Rep, { type: T }>> {
    return new Promise((resolve, reject) => {
      if (this.failure !== undefined) return reject(this.failure);
      const timer = setTimeout(
        () => reject(new Error(`${this.name}: no ${type} in ${timeoutMs} ms`)),
        timeoutMs,
      );
      const fail = (error: Error): void => {
        clearTimeout(timer);
        reject(error);
      };
      this.onFailure.add(fail);
      this.waiting.set(type, (reply) => {
        clearTimeout(timer);
        this.onFailure.delete(fail);
        resolve(reply as Extract<Rep, { type: T }>);
      });
    });
  }

  ask<T extends Rep["type"]>(request: Req, type: T): Promise<Extract<Rep, { type: T }>> {
    const reply = this.next(type);
    this.process.send(request as object);
    return reply;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function start<Req, Rep extends { type: string }>(
  name: string,
  file: string,
  args: string[],
  execArgv: string[],
): Child<Req, Rep> {
  const child = fork(here(file), args, {
    cwd: root,
    execArgv: [...execArgv, "--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Child<Req, Rep>(name, child);
}

/** Measures the simulator at `players` playing players (see the module comment). */
export async function measureRealTime(
  players: number,
  options: RealTimeOptions = {},
): Promise<RealTimeResult> {
  const windowSeconds = options.windowSeconds ?? 15;
  const settleSeconds = options.settleSeconds ?? 6;
  const host = start<HostRequest, HostReply>("simulator process", "host.ts", [], ["--expose-gc"]);
  let receiver: Child<ReceiverRequest, ReceiverReply> | undefined;
  try {
    const { url } = await host.next("ready", 60_000);
    receiver = start<ReceiverRequest, ReceiverReply>(
      "client process",
      "receiver.ts",
      [url, String(options.sessions ?? 1)],
      [],
    );
    await receiver.next("connected", 60_000);
    // The empty figure once RSS has settled: after start-up V8 and malloc give memory back for
    // ~10 s (so 12 s at least here). Taken earlier it holds the module loading's garbage, which
    // is more than 1,000 players cost.
    let empty = await host.ask({ type: "memory" }, "memory");
    for (let i = 0; i < 15; i++) {
      await sleep(2_000);
      const next = await host.ask({ type: "memory" }, "memory");
      const settled = Math.abs(next.rss - empty.rss) < 512 * 1024;
      empty = next;
      if (settled && i >= 5) break;
    }
    const created = await receiver.ask({ type: "create", players }, "created");
    await sleep(settleSeconds * 1000);
    await Promise.all([
      host.ask({ type: "cpu-start" }, "cpu-started"),
      receiver.ask({ type: "count-start" }, "counting"),
    ]);
    await sleep(windowSeconds * 1000);
    const [cpu, count] = await Promise.all([
      host.ask({ type: "cpu-stop" }, "cpu"),
      receiver.ask({ type: "count-stop" }, "count"),
    ]);
    const loaded = await host.ask({ type: "memory", loaded: true }, "memory");
    return {
      players,
      windowSeconds,
      cpuPercent: ((cpu.userUs + cpu.systemUs) / cpu.wallUs) * 100,
      receiverCpuPercent: (count.cpuUs / count.wallUs) * 100,
      loopDelayP99Ms: cpu.loopDelayP99Ms,
      loopDelayMaxMs: cpu.loopDelayMaxMs,
      userPercent: (cpu.userUs / cpu.wallUs) * 100,
      systemPercent: (cpu.systemUs / cpu.wallUs) * 100,
      threads: cpu.threads,
      frames: count.frames,
      playerUpdates: count.playerUpdates,
      expectedPlayerUpdates: Math.round((players * cpu.wallUs) / 1000 / UPDATE_INTERVAL_MS),
      createSeconds: created.ms / 1000,
      rssEmpty: empty.rss,
      rssLoaded: loaded.rss,
      heapEmpty: empty.heapUsed,
      heapLoaded: loaded.heapUsed,
      heapTotalLoaded: loaded.heapTotal,
      externalLoaded: loaded.external,
      logEntries: loaded.logEntries,
    };
  } finally {
    receiver?.process.send({ type: "stop" } satisfies ReceiverRequest);
    host.process.send({ type: "stop" } satisfies HostRequest);
    await sleep(300);
    receiver?.process.kill();
    host.process.kill();
  }
}

/** RSS and heap a player adds: against the empty simulator, and the slope from the previous count. */
export interface Marginal {
  rssPerPlayer: number;
  heapPerPlayer: number;
  /** (Δ(N) − Δ(previous N)) / (N − previous N), with Δ = loaded − empty; absent for the first count. */
  rssSlope?: number;
  heapSlope?: number;
}

export function marginals(results: readonly RealTimeResult[]): Marginal[] {
  return results.map((r, i) => {
    const rssDelta = r.rssLoaded - r.rssEmpty;
    const heapDelta = r.heapLoaded - r.heapEmpty;
    const m: Marginal = { rssPerPlayer: rssDelta / r.players, heapPerPlayer: heapDelta / r.players };
    const prev = results[i - 1];
    if (prev !== undefined && prev.players < r.players) {
      const n = r.players - prev.players;
      m.rssSlope = (rssDelta - (prev.rssLoaded - prev.rssEmpty)) / n;
      m.heapSlope = (heapDelta - (prev.heapLoaded - prev.heapEmpty)) / n;
    }
    return m;
  });
}
