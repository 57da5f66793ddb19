import { asyncDisposeSymbol, provideAsyncDispose } from "../base/async-dispose.js";
import type { Clock, VirtualClock } from "../base/clock/index.js";
import {
  type ClientEvents,
  type ClientOptions,
  type NodeOptions,
  type Player,
  type SnowflakeInput,
  SonoraClient,
  Track,
  toGuildId,
} from "../client/index.js";
import { MockFactory, type TrackInfoOverrides } from "../mock/index.js";
import { type PlayerSnapshot, ProtocolSimulator, type ProtocolSimulatorOptions } from "../simulator/index.js";
import type { Emitting } from "./emit-tap.js";
import { TestingError, WaitTimeoutError } from "./errors.js";
import { MockGateway, type MockGatewayOptions } from "./mock-gateway.js";
import { pollTurn, settleAfterStart } from "./start-settle.js";
import { TEST_PASSWORD } from "./test-simulator.js";
import { type WaitForEventOptions, waitForEvent } from "./wait-for-event.js";
import { ioTurn, WireMonitor } from "./wire-monitor.js";

/** waitForEvent without the per-event typing, for code that is generic over event names. */
const waitAny = waitForEvent as (
  emitter: Emitting,
  event: string,
  options: WaitForEventOptions<unknown[]>,
) => Promise<unknown[]>;

/** The bot user id of a test environment (any snowflake works; this one is fixed for readability). */
export const TEST_BOT_ID = "170000000000000001";
/** The guild {@link TestEnvironment.player} uses when none is given. */
export const TEST_GUILD_ID = "300000000000000001";
/** The voice channel {@link TestEnvironment.player} joins when none is given. */
export const TEST_CHANNEL_ID = "400000000000000001";
/** Default virtual-time step of {@link TestEnvironment.advance}, in ms. */
export const DEFAULT_STEP_MS = 1_000;

/** Options of {@link createTestEnvironment}. Every field is optional. */
export interface TestEnvironmentOptions {
  /** Seed of the simulator (session ids, catalog), the gateway and the mock factory. Default 0. */
  seed?: number | string;
  /** `"virtual"` (default: time moves only with `advance`) or `"real"`. */
  clock?: "virtual" | "real";
  /** Node password (default {@link TEST_PASSWORD}). */
  password?: string;
  /** The bot's user id, a snowflake string or safe-integer number (default {@link TEST_BOT_ID}). */
  userId?: SnowflakeInput;
  /** More simulator options (port, clock, seed and password come from above). */
  simulator?: Omit<ProtocolSimulatorOptions, "port" | "clock" | "seed" | "password" | "host">;
  /**
   * Several Lavalink nodes: a count, or one entry per node (its name, or its options). Each is a
   * simulator of its own on the shared clock, and the client gets them all, in this order:
   * `nodes: ["eu", "us"]`. Default one node named `"simulator"`.
   */
  nodes?: number | readonly (string | TestNodeOptions)[];
  /** More client options (clock, send and userId are wired by the environment). */
  client?: Omit<ClientOptions, "clock" | "send" | "userId">;
  /** Mock gateway options (latency, order, refusal). */
  gateway?: Omit<MockGatewayOptions, "userId" | "clock">;
  /** Start the client (default true). With false, call `env.client.start()` yourself. */
  connect?: boolean;
  /** Default step of `advance` in virtual ms (default {@link DEFAULT_STEP_MS}). */
  stepMs?: number;
}

/** One node of a multi-node environment ({@link TestEnvironmentOptions.nodes}). */
export interface TestNodeOptions {
  /** The client's name for the node (default `"simulator"` for a lone node, else `"node-1"`, `"node-2"`…). */
  name?: string;
  /** Seed of this node's simulator (default the environment's seed, plus the node's index if a number). */
  seed?: number | string;
  /** Simulator options of this node, over the environment's `simulator` options. */
  simulator?: Omit<ProtocolSimulatorOptions, "port" | "clock" | "seed" | "password" | "host">;
  /** Client-side options of this node (region, resume, reconnect, rest). */
  node?: Omit<NodeOptions, "host" | "port" | "password" | "name">;
}

/** Options of {@link TestEnvironment.player}. */
export interface TestPlayerOptions {
  /**
   * Voice channel to join through the mock gateway, a snowflake string or safe-integer number
   * (default {@link TEST_CHANNEL_ID}); `false` stays out of voice.
   */
  channelId?: SnowflakeInput | false;
}

/** Options of {@link TestEnvironment.advanceUntil}. */
export interface AdvanceUntilOptions<A extends unknown[]> {
  /** Only an emission whose arguments pass this check ends the wait. */
  filter?: (...args: A) => boolean;
  /** Most virtual ms to advance before giving up (default 600 000: ten minutes of playback). */
  maxMs?: number;
  /** Virtual ms per step (default the environment's step). */
  stepMs?: number;
}

/**
 * Options of {@link TestEnvironment.createClient}: the client's options, plus `nodes` (default the
 * environment's nodes).
 */
export type ExtraClientOptions = ClientOptions & { nodes?: readonly NodeOptions[] };

/** Options of {@link TestEnvironment.advanceUntil} with a condition. */
export interface AdvanceUntilConditionOptions {
  /** What is awaited, for the timeout message (default `"the condition to hold"`). */
  description?: string;
  /** Most virtual ms to advance before giving up (default 600 000). */
  maxMs?: number;
  /** Virtual ms per step (default the environment's step). */
  stepMs?: number;
}

/**
 * A simulator, a client wired to it on the same clock, and a mock Discord gateway — what a test of
 * a music bot needs. Create one with {@link createTestEnvironment}; dispose it when done.
 */
export interface TestEnvironment {
  /** The Lavalink node: a {@link ProtocolSimulator} on a free port (the first, with several nodes). */
  readonly simulator: ProtocolSimulator;
  /** Every node's simulator, in the order of {@link TestEnvironmentOptions.nodes}; one by default. */
  readonly simulators: readonly ProtocolSimulator[];
  /** The client under test, connected (unless `connect: false`), sharing the simulator's clock. */
  readonly client: SonoraClient;
  /** Discord's gateway as far as voice goes; it is the client's `send`. */
  readonly gateway: MockGateway;
  /** Seeded factory of realistic tracks, playlists and load results (same seed as the simulator). */
  readonly mockFactory: MockFactory;
  /** The shared clock (a VirtualClock unless `clock: "real"`). */
  readonly clock: Clock;
  /** Node options pointing at the simulator, for extra clients (same password). */
  readonly node: NodeOptions;
  /** Node options of every simulator, as the client has them, in the same order as `simulators`. */
  readonly nodes: readonly NodeOptions[];
  /**
   * Another client on the environment's clock (a second bot, a shard, a client whose options a test
   * varies), not started. It gets the environment's nodes, user id and clock unless `options` says
   * otherwise — `nodes: [{ ...env.node, password: "wrong" }]` — and is closed by {@link dispose}.
   */
  createClient(options?: ExtraClientOptions): SonoraClient;
  /** The simulator behind the client's node named `name`; throws a TestingError for an unknown name. */
  simulatorOf(name: string): ProtocolSimulator;
  /** True after {@link dispose}. */
  readonly disposed: boolean;
  /**
   * Moves time forward by `ms` in steps; after each step it waits until the client has received
   * every frame the simulator sent and every request was answered. On a real clock it waits.
   */
  advance(ms: number, options?: { stepMs?: number }): Promise<void>;
  /** Lets in-flight frames and requests land, without moving the clock. */
  settle(): Promise<void>;
  /**
   * Advances the clock until the client emits `event` (passing `filter`); rejects with a
   * WaitTimeoutError (virtual time) after `maxMs`. Deterministic: no wall-clock limit involved.
   */
  advanceUntil<K extends keyof ClientEvents>(
    event: K,
    options?: AdvanceUntilOptions<ClientEvents[K]>,
  ): Promise<ClientEvents[K]>;
  /**
   * Advances the clock step by step until `check()` returns true (checked after every step, once
   * the wire is settled); rejects with a WaitTimeoutError after `maxMs` of virtual time. For state
   * no event announces: `await env.advanceUntil(() => player.queue.isEmpty)`.
   */
  advanceUntil(check: () => boolean, options?: AdvanceUntilConditionOptions): Promise<void>;
  /**
   * Advances the clock step by step until `promise` settles, and returns its outcome. For calls
   * whose answer depends on time passing (a REST answer delayed by an injected fault, a reconnect
   * backoff). Rejects with a WaitTimeoutError after `maxMs` of virtual time (default 600 000).
   */
  drive<T>(promise: Promise<T>, options?: { maxMs?: number; stepMs?: number }): Promise<T>;
  /** `waitForEvent(client, event, options)`: waits in real time without moving the clock. */
  waitForEvent<K extends keyof ClientEvents & string>(
    event: K,
    options?: WaitForEventOptions<ClientEvents[K]>,
  ): Promise<ClientEvents[K]>;
  /**
   * The player of a guild (default {@link TEST_GUILD_ID}), joined to a voice channel through the
   * mock gateway and with its voice state on the node, as a bot would have it.
   */
  player(guildId?: SnowflakeInput, options?: TestPlayerOptions): Promise<Player>;
  /**
   * `count` playable client Tracks from {@link mockFactory} (no request needed: the simulator
   * plays any track it can decode). Pass overrides such as `{ length: 60_000 }` to shape them.
   */
  tracks(count: number, overrides?: TrackInfoOverrides): Track[];
  /**
   * The first track `client.load(identifier)` finds (a URL, a catalog identifier such as
   * `"sonora:track:60000#a"`, or a search like `"ytsearch:lofi"`); throws a TestingError when the
   * load finds none.
   */
  loadTrack(identifier: string): Promise<Track>;
  /**
   * The node's side of a guild's player (default {@link TEST_GUILD_ID}): the simulator's snapshot
   * of it — track, position, paused, volume, filters, voice — or undefined when no node holds one.
   */
  nodePlayer(guildId?: SnowflakeInput): PlayerSnapshot | undefined;
  /** Closes the client, the gateway and the simulator. Idempotent. */
  dispose(): Promise<void>;
  /** Same as {@link TestEnvironment.dispose}, for `await using env = await createTestEnvironment()`. */
  [Symbol.asyncDispose](): Promise<void>;
}

/** One spec per node: `nodes` as a count becomes that many default entries. */
function nodeSpecs(nodes: TestEnvironmentOptions["nodes"]): readonly TestNodeOptions[] {
  if (nodes === undefined) return [{}];
  if (typeof nodes === "number") return Array.from({ length: nodes }, () => ({}));
  return nodes.map((entry) => (typeof entry === "string" ? { name: entry } : entry));
}

function checkOptions(options: TestEnvironmentOptions): void {
  if (typeof options !== "object" || options === null) {
    throw new TestingError("TEST_INVALID_OPTION", `options must be an object, got ${String(options)}`);
  }
  if (options.clock !== undefined && options.clock !== "virtual" && options.clock !== "real") {
    throw new TestingError(
      "TEST_INVALID_OPTION",
      `clock must be "virtual" or "real", got ${JSON.stringify(options.clock)}`,
    );
  }
  const nodes = options.nodes;
  if (nodes !== undefined && !Array.isArray(nodes) && !(Number.isInteger(nodes) && (nodes as number) >= 1)) {
    throw new TestingError(
      "TEST_INVALID_OPTION",
      `nodes must be an integer ≥ 1 or an array of node options, got ${String(nodes)}`,
    );
  }
  if (Array.isArray(nodes) && nodes.length === 0) {
    throw new TestingError("TEST_INVALID_OPTION", "nodes must name at least one node");
  }
  const step = options.stepMs;
  if (step !== undefined && (typeof step !== "number" || !Number.isFinite(step) || step <= 0)) {
    throw new TestingError("TEST_INVALID_OPTION", `stepMs must be a number > 0, got ${String(step)}`);
  }
}

/**
 * Starts a simulator on a free port (virtual clock by default), a {@link MockGateway}, and a
 * {@link SonoraClient} wired to both, and connects the client. Runner-agnostic: the vitest and
 * node:test adapters (`sonora/testing/vitest`, `sonora/testing/node`) wrap it.
 *
 * ```ts
 * await using env = await createTestEnvironment({ seed: 42 });
 * const player = await env.player();
 * const [track] = (await env.client.search("lofi")).tracks;
 * await player.play(track!);
 * await env.advanceUntil("trackEnd");
 * ```
 */
export async function createTestEnvironment(options: TestEnvironmentOptions = {}): Promise<TestEnvironment> {
  checkOptions(options);
  provideAsyncDispose();
  const seed = options.seed ?? 0;
  const password = options.password ?? TEST_PASSWORD;
  const userId = options.userId ?? TEST_BOT_ID;
  const virtual = (options.clock ?? "virtual") === "virtual";
  const simulators: ProtocolSimulator[] = [];
  const nodes: NodeOptions[] = [];
  const stopSimulators = () => Promise.all(simulators.filter((s) => s.running).map((s) => s.stop()));
  try {
    for (const [index, spec] of nodeSpecs(options.nodes).entries()) {
      const simulator = new ProtocolSimulator({
        ...options.simulator,
        ...spec.simulator,
        port: 0,
        password,
        seed:
          spec.seed ?? (index === 0 ? seed : typeof seed === "number" ? seed + index : `${seed}#${index}`),
        // Nodes after the first share its clock: one timeline for the whole test.
        clock: simulators[0]?.clock ?? (virtual ? "virtual" : "real"),
      });
      simulators.push(simulator);
      await simulator.start();
      const name =
        spec.name ?? (options.nodes === undefined || options.nodes === 1 ? "simulator" : `node-${index + 1}`);
      nodes.push({ ...spec.node, host: "127.0.0.1", port: simulator.port, password, name });
    }
  } catch (error) {
    await stopSimulators();
    throw error;
  }
  const simulator = simulators[0] as ProtocolSimulator;
  const node = nodes[0] as NodeOptions;
  const clock: Clock = simulator.clock;
  const gateway = new MockGateway({ seed, ...options.gateway, userId, clock });
  let client: SonoraClient;
  try {
    client = new SonoraClient(nodes, {
      ...options.client,
      clock,
      userId,
      send: gateway.send,
    });
  } catch (error) {
    await stopSimulators();
    throw error;
  }
  gateway.attach(client);
  const monitors = simulators.map((s) => new WireMonitor(s.log, client));
  const mockFactory = new MockFactory({ seed });
  const extraClients: SonoraClient[] = [];
  const defaultStep = options.stepMs ?? DEFAULT_STEP_MS;
  let disposed = false;

  const assertLive = (what: string): void => {
    if (disposed) {
      throw new TestingError("TEST_DISPOSED", `cannot ${what}: this test environment was disposed`);
    }
  };

  const settle = async (): Promise<void> => {
    await gateway.settled();
    for (const monitor of monitors) await monitor.settle();
  };

  const advanceStep = async (ms: number): Promise<void> => {
    if (virtual) await (clock as VirtualClock).advance(ms);
    else await new Promise((resolve) => setTimeout(resolve, ms));
    await settle();
  };

  const advanceUntilEvent = async <K extends keyof ClientEvents>(
    event: K,
    untilOptions: AdvanceUntilOptions<ClientEvents[K]> = {},
  ): Promise<ClientEvents[K]> => {
    assertLive("advanceUntil");
    const maxMs = untilOptions.maxMs ?? 600_000;
    const step = untilOptions.stepMs ?? defaultStep;
    // The limit is virtual time the test drives, so the wait is measured on the shared clock.
    const wait = waitAny(client, event, {
      ...(untilOptions.filter === undefined
        ? {}
        : { filter: untilOptions.filter as (...args: unknown[]) => boolean }),
      timeoutMs: maxMs,
      clock,
    });
    let done = false;
    wait.then(
      () => {
        done = true;
      },
      () => {
        done = true;
      },
    );
    await settle();
    if (virtual) {
      // One step past the limit lets the wait's own timer fire.
      for (let elapsed = 0; !done && elapsed <= maxMs; elapsed += step) await advanceStep(step);
    }
    return wait as Promise<ClientEvents[K]>;
  };

  const advanceUntilTrue = async (check: () => boolean, untilOptions: AdvanceUntilConditionOptions = {}) => {
    assertLive("advanceUntil");
    const maxMs = untilOptions.maxMs ?? 600_000;
    const step = untilOptions.stepMs ?? defaultStep;
    await settle();
    for (let elapsed = 0; !check(); elapsed += step) {
      if (elapsed >= maxMs) {
        const description = untilOptions.description ?? "the condition to hold";
        throw new WaitTimeoutError(description, maxMs, [], virtual ? "virtual" : "real");
      }
      await advanceStep(Math.min(step, maxMs - elapsed));
    }
  };

  const env: TestEnvironment = {
    simulator,
    simulators,
    client,
    gateway,
    mockFactory,
    clock,
    node,
    nodes,
    createClient(clientOptions = {}) {
      assertLive("create a client");
      const { nodes: own = nodes, ...rest } = clientOptions;
      const extra = new SonoraClient([...own], { clock, userId, ...rest });
      extraClients.push(extra);
      return extra;
    },
    simulatorOf(name) {
      const index = nodes.findIndex((n) => n.name === name);
      if (index < 0) {
        const known = nodes.map((n) => JSON.stringify(n.name)).join(", ");
        throw new TestingError(
          "TEST_INVALID_OPTION",
          `no node named ${JSON.stringify(name)} (nodes: ${known})`,
        );
      }
      return simulators[index] as ProtocolSimulator;
    },
    get disposed() {
      return disposed;
    },
    async advance(ms, advanceOptions = {}) {
      assertLive("advance");
      if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) {
        throw new TestingError("TEST_INVALID_OPTION", `advance(ms) needs a number ≥ 0, got ${String(ms)}`);
      }
      const step = advanceOptions.stepMs ?? defaultStep;
      await settle();
      if (!virtual) {
        await advanceStep(ms);
        return;
      }
      for (let done = 0; done < ms; done += step) await advanceStep(Math.min(step, ms - done));
    },
    settle: () => settle(),
    advanceUntil: ((target: keyof ClientEvents | (() => boolean), untilOptions?: object) =>
      typeof target === "function"
        ? advanceUntilTrue(target, untilOptions)
        : advanceUntilEvent(target, untilOptions)) as TestEnvironment["advanceUntil"],
    async drive(promise, driveOptions = {}) {
      assertLive("drive");
      const maxMs = driveOptions.maxMs ?? 600_000;
      const step = driveOptions.stepMs ?? defaultStep;
      let done = false;
      const observed = promise.then(
        () => {
          done = true;
        },
        () => {
          done = true;
        },
      );
      await settle();
      let elapsed = 0;
      while (!done && elapsed < maxMs) {
        await advanceStep(Math.min(step, maxMs - elapsed));
        elapsed += step;
      }
      if (!done) {
        await Promise.race([observed, ioTurn()]);
        if (!done) throw new WaitTimeoutError("promise to settle", maxMs, [], virtual ? "virtual" : "real");
      }
      return promise;
    },
    waitForEvent(event, waitOptions) {
      return waitAny(client, event, (waitOptions ?? {}) as WaitForEventOptions<unknown[]>) as Promise<
        ClientEvents[typeof event]
      >;
    },
    async player(guildId = TEST_GUILD_ID, playerOptions = {}) {
      assertLive("create a player");
      const player = await client.getPlayer(guildId);
      const channel = playerOptions.channelId ?? TEST_CHANNEL_ID;
      if (channel === false) return player;
      const before = gateway.sent.length;
      const voiced = virtual
        ? null
        : waitForEvent(client, "voiceUpdate", { filter: (p) => p.guildId === player.guildId });
      await player.connect(toGuildId(channel));
      const answered = gateway.sent.slice(before).some((s) => s.answered);
      if (!answered) {
        voiced?.catch(() => undefined);
        return player;
      }
      if (virtual) {
        if (gateway.latencyMs > 0) await env.advance(gateway.latencyMs * 2, { stepMs: gateway.latencyMs });
        else await settle();
      } else await voiced;
      return player;
    },
    async loadTrack(identifier) {
      assertLive("load a track");
      const result = await client.load(identifier);
      const track = result.tracks[0];
      if (track === undefined) {
        throw new TestingError(
          "TEST_INVALID_OPTION",
          `loading ${JSON.stringify(identifier)} found no track (${result.loadType})`,
        );
      }
      return track;
    },
    nodePlayer(guildId = TEST_GUILD_ID) {
      const id = toGuildId(guildId);
      for (const sim of simulators) {
        const found = sim.getPlayer(undefined, id);
        if (found !== undefined) return found;
      }
      return undefined;
    },
    tracks(count, overrides) {
      return mockFactory.buildList(count, overrides).map((t) => Track.fromLavalink(t));
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      gateway.close();
      for (const monitor of monitors) monitor.dispose();
      await client.close();
      await Promise.all(extraClients.map((c) => c.close()));
      await Promise.all(simulators.filter((s) => s.running).map((s) => s.stop()));
      // Lets the closed sockets' last events (the client's side of each close) run before a test
      // runner checks for leaks: their FIN is read in a poll phase, their handles close after it.
      for (let turn = 0; turn < 3; turn++) await pollTurn();
    },
    [asyncDisposeSymbol]() {
      return env.dispose();
    },
  };

  if (options.connect !== false) {
    try {
      await client.start();
      await settleAfterStart(client, gateway, monitors, settle);
    } catch (error) {
      await env.dispose();
      throw error;
    }
  }
  return env;
}
