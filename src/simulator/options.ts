import { type Clock, RealClock, VirtualClock } from "../base/clock/index.js";
import {
  DEFAULT_PLAYER_UPDATE_INTERVAL_MS,
  DEFAULT_STATS_INTERVAL_MS,
  type RoutePlannerStatus,
} from "../protocol/index.js";
import type { Catalog } from "./deps.js";
import { SimulatorError } from "./errors.js";
import { DEFAULT_LOG_BODY_LIMIT, DEFAULT_LOG_CAPACITY, DEFAULT_LOG_MAX_BYTES } from "./log.js";
import { resolvePlugins, type SimPluginId } from "./plugins/plugin-set.js";
import { DEFAULT_MAX_QUEUED_BYTES, DEFAULT_MAX_QUEUED_FRAMES } from "./resume-queue.js";

/** Longest resume timeout a simulator keeps by default, in seconds (one hour). */
export const DEFAULT_MAX_RESUME_TIMEOUT = 3600;

/** Options of {@link ProtocolSimulator}. Every field is optional. */
export interface ProtocolSimulatorOptions {
  /** Address to listen on (default `127.0.0.1`). Anything but loopback requires a password. */
  host?: string;
  /** Port (default 2333; 0 picks a free port, read it from `sim.port` after start). */
  port?: number;
  /**
   * The node password. When set, the handshake answers 401 to a wrong `Authorization` and REST
   * answers 401 (missing) or 403 (wrong), as Lavalink does. When unset or empty (`""`), any
   * password is accepted, and the node refuses to listen anywhere but loopback.
   */
  password?: string | undefined;
  /** Seed of every random decision (session ids, pings, stats jitter, the catalog). Default 0. */
  seed?: number | string;
  /** `"real"` (default), `"virtual"` (moves only when advanced) or your own Clock. */
  clock?: "real" | "virtual" | Clock;
  /** Speed of the real clock: 2 plays a 3-minute track in 90 s. Only with `clock: "real"`. */
  timeScale?: number;
  /** Milliseconds between `playerUpdate` frames (Lavalink's default is 5 s). */
  playerUpdateInterval?: number;
  /** Milliseconds between `stats` frames (Lavalink sends one a minute). */
  statsInterval?: number;
  /**
   * When true, a track only advances while its player has a voice connection, as on a real node
   * (lavaplayer only produces audio when Discord's voice connection polls frames). Default false:
   * offline tests have no Discord, so tracks play as soon as they start.
   */
  strictVoice?: boolean;
  /** The track catalog to load from (default: a catalog seeded with `seed`). */
  catalog?: Catalog;
  /** Version the node reports (default `4.0.8`). */
  version?: string;
  /** A simulated route planner; without one `/v4/routeplanner/status` answers 204 as Lavalink does. */
  routePlanner?: RoutePlannerStatus | null;
  /**
   * Log of frames and requests: `false` disables it. By default it keeps the last 10,000 entries
   * (`capacity`) within an estimated 16 MiB (`maxBytes`), and each body's first 4,096 characters
   * (`bodyLimit`; the rest becomes a marker saying how many bytes were dropped).
   */
  log?: boolean | { capacity?: number; enabled?: boolean; maxBytes?: number; bodyLimit?: number };
  /**
   * Largest accepted request body (and WebSocket frame) in bytes (default 1 MiB); a larger REST
   * body gets 413 and the connection is closed, without reading the rest.
   */
  maxBodyBytes?: number;
  /**
   * Longest resume timeout kept, in seconds (default 3600). Lavalink keeps any value; a longer
   * `timeout` in `PATCH /v4/sessions/{id}` is clamped to this, answered as clamped and noted in
   * the log.
   */
  maxResumeTimeout?: number;
  /** Frames a disconnected resumable session holds (default 10,000); the oldest go beyond it. */
  maxQueuedFrames?: number;
  /** Characters of frames a disconnected resumable session holds (default 8 Mi); the oldest go beyond it. */
  maxQueuedBytes?: number;
  /** CPU cores the node reports in stats (default 4). */
  cores?: number;
  /**
   * The plugins the node runs (default `["lavasrc", "lavasearch", "lyrics", "sponsorblock"]`; `[]`
   * for a bare node). `/v4/info` advertises them with their real names and versions, and only
   * their routes and events exist. `"lavadspx"` and `"filters"` add filter extensions, so
   * `pluginFilters` under their names are kept instead of dropped.
   */
  plugins?: readonly SimPluginId[];
}

/** The clock type a simulator ends up with for given options. */
export type ClockOf<O> = O extends { clock: "virtual" }
  ? VirtualClock
  : O extends { clock: infer C extends Clock }
    ? C
    : Clock;

/** Options after defaults and validation (internal). */
export interface ResolvedOptions {
  host: string;
  port: number;
  password: string | undefined;
  seed: number | string;
  clock: Clock;
  playerUpdateInterval: number;
  statsInterval: number;
  strictVoice: boolean;
  version: string;
  routePlanner: RoutePlannerStatus | null;
  logCapacity: number;
  logEnabled: boolean;
  logMaxBytes: number;
  logBodyLimit: number;
  maxBodyBytes: number;
  maxResumeTimeout: number;
  maxQueuedFrames: number;
  maxQueuedBytes: number;
  cores: number;
  plugins: ReadonlySet<SimPluginId>;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new SimulatorError(
      "SIM_INVALID_OPTION",
      `${name} must be a finite number > 0, got ${String(value)}`,
    );
  }
  return value;
}

/** Applies defaults and validates; throws SIM_INVALID_OPTION naming the bad option. */
export function resolveOptions(options: ProtocolSimulatorOptions): ResolvedOptions {
  const port = options.port ?? 2333;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new SimulatorError(
      "SIM_INVALID_OPTION",
      `port must be an integer from 0 to 65535, got ${String(port)}`,
    );
  }
  let clock: Clock;
  if (options.clock === "virtual") clock = new VirtualClock();
  else if (options.clock === undefined || options.clock === "real") {
    clock = new RealClock({ timeScale: positive("timeScale", options.timeScale, 1) });
  } else clock = options.clock;
  if (options.timeScale !== undefined && options.clock !== undefined && options.clock !== "real") {
    throw new SimulatorError(
      "SIM_INVALID_OPTION",
      'timeScale only applies to the real clock; drop it or use clock: "real"',
    );
  }
  const log = options.log;
  return {
    host: options.host ?? "127.0.0.1",
    port,
    // An empty password is no password: it accepts anyone, so it must not pass the bind check.
    password: options.password === "" ? undefined : options.password,
    seed: options.seed ?? 0,
    clock,
    playerUpdateInterval: positive(
      "playerUpdateInterval",
      options.playerUpdateInterval,
      DEFAULT_PLAYER_UPDATE_INTERVAL_MS,
    ),
    statsInterval: positive("statsInterval", options.statsInterval, DEFAULT_STATS_INTERVAL_MS),
    strictVoice: options.strictVoice ?? false,
    version: options.version ?? "4.0.8",
    routePlanner: options.routePlanner ?? null,
    logCapacity: typeof log === "object" ? (log.capacity ?? DEFAULT_LOG_CAPACITY) : DEFAULT_LOG_CAPACITY,
    logEnabled: log === false ? false : typeof log === "object" ? (log.enabled ?? true) : true,
    logMaxBytes: positive(
      "log.maxBytes",
      typeof log === "object" ? log.maxBytes : undefined,
      DEFAULT_LOG_MAX_BYTES,
    ),
    logBodyLimit: positive(
      "log.bodyLimit",
      typeof log === "object" ? log.bodyLimit : undefined,
      DEFAULT_LOG_BODY_LIMIT,
    ),
    maxBodyBytes: positive("maxBodyBytes", options.maxBodyBytes, 1024 * 1024),
    maxResumeTimeout: positive("maxResumeTimeout", options.maxResumeTimeout, DEFAULT_MAX_RESUME_TIMEOUT),
    maxQueuedFrames: positive("maxQueuedFrames", options.maxQueuedFrames, DEFAULT_MAX_QUEUED_FRAMES),
    maxQueuedBytes: positive("maxQueuedBytes", options.maxQueuedBytes, DEFAULT_MAX_QUEUED_BYTES),
    cores: positive("cores", options.cores, 4),
    plugins: resolvePlugins(options.plugins),
  };
}

/** Loopback addresses, where running without a password is harmless. */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^(::ffff:)?127\.\d+\.\d+\.\d+$/i.test(host);
}
