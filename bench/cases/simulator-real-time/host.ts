/**
 * The simulator process of `simulator/real-time-cost`: a ProtocolSimulator with a user's default
 * settings (log on, Lavalink's 5 s playerUpdate interval), alone in its process so that its CPU
 * time and memory are its own. The orchestrator drives it over the IPC channel; nothing else runs
 * here (the receiving client and the REST calls that create the players live in another process).
 *
 * Messages in: `memory` (collect fully, then report RSS and heap), `cpu-start` / `cpu-stop` (CPU
 * time and wall time between them, plus the event loop's delay), `stop`.
 *
 * With `SONORA_BENCH_PROFILE=<dir>` it also writes a CPU profile of the window (`window.cpuprofile`)
 * and a heap snapshot of the loaded simulator (`loaded.heapsnapshot`) there, for profiling.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { writeHeapSnapshot } from "node:v8";
import { ProtocolSimulator } from "../../../src/simulator/index.js";
import { assertBuiltPackage } from "../../built-package.js";
import type { HostReply, HostRequest } from "./messages.js";

assertBuiltPackage();

const send = (reply: HostReply): void => {
  process.send?.(reply);
};

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined || process.send === undefined) {
  console.error("host.ts runs as a child of the real-time bench, under --expose-gc");
  process.exit(2);
}

const sim = new ProtocolSimulator({ port: 0, password: "bench" });
await sim.start();

let cpuStart = process.cpuUsage();
let wallStart = process.hrtime.bigint();
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
const profileDir = process.env.SONORA_BENCH_PROFILE;
const inspector = profileDir === undefined ? undefined : new Session();
inspector?.connect();
/** Memory reports taken after the players were created (the loaded one is the first). */
let loadedReports = 0;

/**
 * CPU ticks per thread name from /proc (Linux only; empty elsewhere): shows how much of the
 * process's CPU is the main thread and how much the others (V8's GC helpers, libuv).
 */
function threadTicks(): Record<string, number> {
  const ticks: Record<string, number> = {};
  try {
    for (const tid of readdirSync("/proc/self/task")) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, "latin1");
      const close = stat.lastIndexOf(")");
      // Node's platform threads (GC helpers) share the main thread's name: tell them by id.
      const name = tid === String(process.pid) ? "main" : "other threads";
      const fields = stat.slice(close + 2).split(" ");
      ticks[name] = (ticks[name] ?? 0) + Number(fields[11]) + Number(fields[12]);
    }
  } catch {
    // Not Linux: no breakdown.
  }
  return ticks;
}
let ticksStart = threadTicks();
const post = (method: string): Promise<unknown> =>
  new Promise((resolve, reject) =>
    inspector?.post(method, (error, result) => (error === null ? resolve(result) : reject(error))),
  );

process.on("message", (message: HostRequest) => {
  switch (message.type) {
    case "memory": {
      // Twice: the first full collection can leave finalised objects for the second.
      gc();
      gc();
      const m = process.memoryUsage();
      if (profileDir !== undefined && message.loaded === true && ++loadedReports === 1) {
        writeHeapSnapshot(join(profileDir, "loaded.heapsnapshot"));
      }
      send({
        type: "memory",
        rss: m.rss,
        heapUsed: m.heapUsed,
        heapTotal: m.heapTotal,
        external: m.external,
        logEntries: sim.log.size,
      });
      return;
    }
    case "cpu-start":
      loopDelay.reset();
      loopDelay.enable();
      if (inspector !== undefined) void post("Profiler.enable").then(() => post("Profiler.start"));
      cpuStart = process.cpuUsage();
      ticksStart = threadTicks();
      wallStart = process.hrtime.bigint();
      send({ type: "cpu-started" });
      return;
    case "cpu-stop": {
      const cpu = process.cpuUsage(cpuStart);
      const wallUs = Number(process.hrtime.bigint() - wallStart) / 1000;
      const threads: Record<string, number> = {};
      for (const [name, t] of Object.entries(threadTicks())) {
        // Clock ticks (USER_HZ, 100 on Linux) as a share of one core over the window.
        const share = ((t - (ticksStart[name] ?? 0)) * 1_000_000) / wallUs;
        if (share >= 0.1) threads[name] = Math.round(share * 10) / 10;
      }
      loopDelay.disable();
      if (inspector !== undefined && profileDir !== undefined) {
        void post("Profiler.stop").then((result) => {
          const { profile } = result as { profile: object };
          writeFileSync(join(profileDir, "window.cpuprofile"), JSON.stringify(profile));
        });
      }
      send({
        type: "cpu",
        userUs: cpu.user,
        systemUs: cpu.system,
        wallUs,
        loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
        loopDelayMaxMs: loopDelay.max / 1e6,
        threads,
      });
      return;
    }
    case "stop":
      void sim.stop().then(() => process.exit(0));
      return;
  }
});

send({ type: "ready", url: sim.url });
