import { VirtualClock } from "../../base/clock/index.js";
import { SeededRandom } from "../../base/random.js";
import {
  type ClientOptions,
  type NodeOptions,
  type Player,
  SonoraClient,
  Track,
} from "../../client/index.js";
import { MockFactory } from "../../mock/index.js";
import { type FaultKnobs, type FaultSpec, ProtocolSimulator } from "../../simulator/index.js";
import { TestingError } from "../errors.js";
import { MockGateway } from "../mock-gateway.js";
import { WireMonitor } from "../wire-monitor.js";
import { ChaosAccounting } from "./accounting.js";
import type { LabelledSimulator } from "./end-state.js";
import type { ChaosReport } from "./report.js";

/** The seed's fault knobs, as issue #13 ran them on every node. */
export const SEED_FAULT_KNOBS: Readonly<Required<FaultKnobs>> = Object.freeze({
  packetLoss: 0.05,
  latencySpike: 0.1,
  connectionDrop: 0.02,
});

/** A node killed (as a crashed Lavalink process) and, optionally, restarted later. */
export interface ChaosKill {
  /** Index of the node to kill (0 = the first). */
  node: number;
  /** Virtual ms after playback started at which the node dies. */
  at: number;
  /** Virtual ms after playback started at which it comes back on the same port (omit: stays dead). */
  restartAt?: number;
}

/** Options of {@link runChaosSoak}. Every field is optional. */
export interface ChaosSoakOptions {
  /** Seed of everything random: the nodes, their faults, the tracks, the client's jitter. Default 1. */
  seed?: number | string;
  /** A name for the run in the table (default derived from the options). */
  label?: string;
  /** Number of simulated nodes (default 3). */
  nodes?: number;
  /** Number of guilds, each with its own player and queue (default 20). */
  guilds?: number;
  /** Tracks queued per guild up-front (default 50). */
  tracksPerGuild?: number;
  /** Fault knobs set on every node once playback has started (default none). */
  knobs?: FaultKnobs | null;
  /**
   * More faults added on every node once playback has started, beside the knobs: REST faults on the
   * player route, say, which the knobs (WebSocket traffic) never cause. Default none.
   */
  faults?: readonly FaultSpec[];
  /** A node to kill and restart mid-run (default none). */
  kill?: ChaosKill | null;
  /** Track lengths in virtual ms, drawn uniformly per track (default 20–40 s). */
  trackLength?: { min: number; max: number };
  /** Most virtual ms the run may last (default: tracksPerGuild × max length + 5 minutes). */
  maxVirtualMs?: number;
  /** Virtual ms per clock step (default 1000). */
  stepMs?: number;
  /** More client options (clock, send, userId and random are wired by the soak). */
  client?: Omit<ClientOptions, "clock" | "send" | "userId" | "random">;
}

const BOT_ID = "170000000000000001";
const PASSWORD = "sonora-soak";
/** Far above what a run logs, so the node-side accounting never loses an entry. */
const LOG_CAPACITY = 5_000_000;

const guildIdOf = (index: number): string => String(310_000_000_000_000_000n + BigInt(index));
const channelIdOf = (index: number): string => String(410_000_000_000_000_000n + BigInt(index));

function describeRun(
  o: Required<Pick<ChaosSoakOptions, "nodes" | "guilds" | "tracksPerGuild">> & ChaosSoakOptions,
) {
  const knobs = o.knobs
    ? `knobs ${o.knobs.packetLoss ?? 0}/${o.knobs.latencySpike ?? 0}/${o.knobs.connectionDrop ?? 0}`
    : "no faults";
  const kill = o.kill ? ` + kill node ${o.kill.node}` : "";
  const faults = o.faults && o.faults.length > 0 ? ` + ${o.faults.map((f) => f.type).join(", ")}` : "";
  return `${knobs}${faults}${kill}`;
}

/**
 * A chaos soak as a user would run one: `nodes` simulators on one virtual clock, a
 * {@link SonoraClient} with default options over them, a {@link MockGateway} for voice, `guilds`
 * players each with `tracksPerGuild` unique tracks queued up-front and started with `play()` (the
 * client's auto-advance plays the rest), the fault `knobs` on every node, and a node killed and
 * restarted on schedule. Nothing recovers the client by hand: the run shows what it does by itself.
 * Returns the {@link ChaosAccounting} report of every queued track. Same seed, same run.
 */
export async function runChaosSoak(options: ChaosSoakOptions = {}): Promise<ChaosReport> {
  const seed = options.seed ?? 1;
  const nodeCount = options.nodes ?? 3;
  const guildCount = options.guilds ?? 20;
  const tracksPerGuild = options.tracksPerGuild ?? 50;
  const length = options.trackLength ?? { min: 20_000, max: 40_000 };
  const stepMs = options.stepMs ?? 1_000;
  const maxVirtualMs = options.maxVirtualMs ?? tracksPerGuild * length.max + 300_000;
  const kill = options.kill ?? null;
  const label =
    options.label ?? describeRun({ ...options, nodes: nodeCount, guilds: guildCount, tracksPerGuild });
  checkPositive({ nodes: nodeCount, guilds: guildCount, tracksPerGuild }, true);
  checkPositive({ stepMs, maxVirtualMs }, false);
  if (!(length.min > 0 && length.max >= length.min)) {
    throw new TestingError(
      "TEST_INVALID_OPTION",
      `trackLength needs 0 < min ≤ max, got ${JSON.stringify(length)}`,
    );
  }
  if (kill !== null && !(Number.isInteger(kill.node) && kill.node >= 0 && kill.node < nodeCount)) {
    throw new TestingError(
      "TEST_INVALID_OPTION",
      `kill.node must be a node index from 0 to ${nodeCount - 1}, got ${String(kill.node)}`,
    );
  }
  const wallStart = Date.now();
  const random = new SeededRandom(seed);
  const clock = new VirtualClock();
  const sims: ProtocolSimulator[] = [];
  const cleanups: (() => void | Promise<void>)[] = [];
  try {
    for (let i = 0; i < nodeCount; i++) {
      const sim = new ProtocolSimulator({
        port: 0,
        password: PASSWORD,
        seed: `${seed}/node-${i}`,
        clock,
        log: { capacity: LOG_CAPACITY },
      });
      await sim.start();
      sims.push(sim);
      cleanups.push(async () => {
        if (sim.running) await sim.stop();
      });
    }
    const labelled: LabelledSimulator[] = sims.map((simulator, i) => ({ name: `node-${i}`, simulator }));
    const nodes: NodeOptions[] = labelled.map(({ name, simulator }) => ({
      host: "127.0.0.1",
      port: simulator.port,
      password: PASSWORD,
      name,
    }));
    const gateway = new MockGateway({ userId: BOT_ID, clock, seed });
    const jitter = random.fork("client-jitter");
    const client = new SonoraClient(nodes, {
      ...options.client,
      clock,
      userId: BOT_ID,
      send: gateway.send,
      random: () => jitter.next(),
    });
    gateway.attach(client);
    cleanups.push(() => client.close());
    cleanups.push(() => gateway.close());
    const monitors = sims.map((sim) => new WireMonitor(sim.log, client));
    cleanups.push(() => {
      for (const monitor of monitors) monitor.dispose();
    });
    const counters = watchIncidents(client);

    // The same stepping as createTestEnvironment: move the clock, then let every frame and answer land.
    const settle = async (): Promise<void> => {
      await gateway.settled();
      await Promise.all(monitors.map((m) => m.settle()));
    };
    const step = async (ms: number): Promise<void> => {
      await clock.advance(ms);
      await settle();
    };

    const accounting = new ChaosAccounting();
    accounting.watchClient(client);
    cleanups.push(() => accounting.stopWatching());
    await client.start();
    await settle();

    const factory = new MockFactory({ seed });
    const lengths = random.fork("track-lengths");
    const players: Player[] = [];
    for (let g = 0; g < guildCount; g++) {
      const guildId = guildIdOf(g);
      const tracks = Array.from({ length: tracksPerGuild }, () =>
        Track.fromLavalink(
          factory.createMockTrack({
            length: lengths.int(length.min, length.max),
            isStream: false,
            isSeekable: true,
          }),
        ),
      );
      accounting.expect(guildId, tracks);
      const player = await client.getPlayer(guildId);
      await player.connect(channelIdOf(g));
      await settle();
      await player.queue.add(tracks);
      await player.play();
      players.push(player);
    }
    await settle();
    if (options.knobs) for (const sim of sims) sim.enableFaultInjection(options.knobs);
    for (const spec of options.faults ?? []) for (const sim of sims) sim.faults.add({ ...spec });

    let elapsed = 0;
    let killed = false;
    let restarted = false;
    const everythingPlayed = (): boolean =>
      players.every((p) => p.destroyed || (p.track === null && p.queue.size === 0)) &&
      sims.every((sim) => !sim.running || sim.players.every((p) => p.track === null));
    while (elapsed < maxVirtualMs) {
      if (kill !== null && !killed && elapsed >= kill.at) {
        await sims[kill.node]?.kill();
        killed = true;
      }
      if (kill?.restartAt !== undefined && killed && !restarted && elapsed >= kill.restartAt) {
        await sims[kill.node]?.restart();
        restarted = true;
      }
      await step(stepMs);
      elapsed += stepMs;
      if (everythingPlayed() && (kill === null || killed)) break;
    }

    accounting.recordEndState(client, labelled);
    for (const { name, simulator } of labelled) accounting.readSimulatorLog(name, simulator.log);
    const notes = counters.describe();
    if (kill !== null && !killed) notes.push(`the run ended before node ${kill.node} was killed`);
    if (elapsed >= maxVirtualMs) notes.push(`stopped at the virtual time limit (${maxVirtualMs} ms)`);
    return accounting.report({ label, seed, virtualMs: elapsed, wallMs: Date.now() - wallStart, notes });
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch {
        // Teardown goes on: a node that is already down must not keep the others running.
      }
    }
  }
}

function checkPositive(values: Record<string, number>, integer: boolean): void {
  for (const [name, value] of Object.entries(values)) {
    if (
      typeof value !== "number" ||
      !Number.isFinite(value) ||
      value <= 0 ||
      (integer && !Number.isInteger(value))
    ) {
      const expected = integer ? "a whole number ≥ 1" : "a number > 0";
      throw new TestingError("TEST_INVALID_OPTION", `${name} must be ${expected}, got ${String(value)}`);
    }
  }
}

/** Counts what the client reported along the way, for the report's notes. */
function watchIncidents(client: SonoraClient): { describe(): string[] } {
  const errors: string[] = [];
  let lost = 0;
  let moves = 0;
  let reconnects = 0;
  let resumed = 0;
  client.on("error", (error) => errors.push(error instanceof Error ? error.message : String(error)));
  client.on("nodeLost", () => lost++);
  client.on("playerMove", () => moves++);
  client.on("nodeReconnecting", () => reconnects++);
  client.on("nodeResumed", () => resumed++);
  return {
    describe: () => {
      const notes = [
        `client: ${reconnects} reconnect attempt(s), ${resumed} resume(s), ${lost} node(s) given up, ${moves} player move(s)`,
      ];
      if (errors.length > 0) {
        notes.push(`client emitted ${errors.length} error event(s); first: ${errors[0]}`);
      }
      return notes;
    },
  };
}
