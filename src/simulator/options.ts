import { type Clock, RealClock, VirtualClock } from "../base/clock/index.js";
import {
  DEFAULT_PLAYER_UPDATE_INTERVAL_MS,
  DEFAULT_STATS_INTERVAL_MS,
  type RoutePlannerStatus,
} from "../protocol/index.js";
import { DEFAULT_STUCK_THRESHOLD_MS } from "./catalog/special.js";
import {
  type ControlOptions,
  hasExplicitToken,
  type ResolvedControl,
  resolveControl,
} from "./control/options.js";
import type { Catalog } from "./deps.js";
import { SimulatorError } from "./errors.js";
import { DEFAULT_LOG_BODY_LIMIT, DEFAULT_LOG_CAPACITY, DEFAULT_LOG_MAX_BYTES } from "./log.js";
import { resolvePlugins, type SimPluginId } from "./plugins/plugin-set.js";
import { type LavalinkProfile, type LavalinkVersion, lavalinkProfile } from "./profiles.js";
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
  /**
   * The Lavalink release line to behave as: `"4.0"`, `"4.1"` or `"4.2"` (default, the newest). Picks
   * the version reported, the voice-state rule, `causeStackTrace` and the filters' serialisation;
   * see {@link LavalinkProfile}.
   */
  lavalinkVersion?: LavalinkVersion;
  /** Semver the node reports (default: the profile's release, e.g. `4.2.2`). */
  version?: string;
  /**
   * Opt-in lint: refuse with 400 what Lavalink accepts and fails on later (filter values its DSP
   * throws on, such as `timescale.speed: 0` or `volume: 6`), with the reason. Default false: answer
   * as Lavalink does (200, then TrackExceptionEvent at playback).
   */
  lint?: boolean;
  /**
   * The node's track-stuck threshold in ms (Lavalink's `lavalink.server.trackStuckThresholdMs`,
   * default 10 000): a track that stops producing audio gets TrackStuckEvent after it. A catalog
   * script or fault may name its own.
   */
  trackStuckThresholdMs?: number;
  /** Filters disabled in the node's config (`lavalink.server.filters`): using one answers 400. */
  disabledFilters?: readonly string[];
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
   * The runtime control API below `/_sonora` on the node's port (see docs/inspector.md): `true`
   * with a random token (`sim.controlToken`), or `{ token }`. Off by default; off loopback it
   * needs an explicit token.
   */
  control?: boolean | ControlOptions;
  /**
   * Serves the live inspector page at `sim.inspectorUrl` (turns the control API on, which the
   * page works through). Default false.
   */
  inspect?: boolean;
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
  /** Which kind of clock `clock` is, for the control API. */
  clockKind: "real" | "virtual" | "custom";
  /** The real clock's speed (1 for other clocks). */
  timeScale: number;
  playerUpdateInterval: number;
  statsInterval: number;
  strictVoice: boolean;
  version: string;
  profile: LavalinkProfile;
  lint: boolean;
  trackStuckThreshold: number;
  disabledFilters: readonly string[];
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
  control: ResolvedControl | null;
  controlTokenExplicit: boolean;
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
  let timeScale = 1;
  if (options.clock === "virtual") clock = new VirtualClock();
  else if (options.clock === undefined || options.clock === "real") {
    timeScale = positive("timeScale", options.timeScale, 1);
    clock = new RealClock({ timeScale });
  } else clock = options.clock;
  if (options.timeScale !== undefined && options.clock !== undefined && options.clock !== "real") {
    throw new SimulatorError(
      "SIM_INVALID_OPTION",
      'timeScale only applies to the real clock; drop it or use clock: "real"',
    );
  }
  const log = options.log;
  const profile = lavalinkProfile(options.lavalinkVersion);
  return {
    host: options.host ?? "127.0.0.1",
    port,
    // An empty password is no password: it accepts anyone, so it must not pass the bind check.
    password: options.password === "" ? undefined : options.password,
    seed: options.seed ?? 0,
    clock,
    clockKind:
      options.clock === "virtual"
        ? "virtual"
        : options.clock === undefined || options.clock === "real"
          ? "real"
          : "custom",
    timeScale,
    playerUpdateInterval: positive(
      "playerUpdateInterval",
      options.playerUpdateInterval,
      DEFAULT_PLAYER_UPDATE_INTERVAL_MS,
    ),
    statsInterval: positive("statsInterval", options.statsInterval, DEFAULT_STATS_INTERVAL_MS),
    strictVoice: options.strictVoice ?? false,
    version: options.version ?? profile.version,
    profile,
    lint: options.lint ?? false,
    trackStuckThreshold: positive(
      "trackStuckThresholdMs",
      options.trackStuckThresholdMs,
      DEFAULT_STUCK_THRESHOLD_MS,
    ),
    disabledFilters: checkDisabledFilters(options.disabledFilters),
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
    control: resolveControl(options.control, options.inspect),
    controlTokenExplicit: hasExplicitToken(options.control),
    plugins: resolvePlugins(options.plugins),
  };
}

/** Loopback addresses, where running without a password is harmless. */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^(::ffff:)?127\.\d+\.\d+\.\d+$/i.test(host);
}

function checkDisabledFilters(value: readonly string[] | undefined): readonly string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string" || v === "")) {
    throw new SimulatorError("SIM_INVALID_OPTION", "disabledFilters must be an array of filter names");
  }
  return Object.freeze([...value]);
}
