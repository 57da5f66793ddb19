import type { Clock } from "../base/clock/index.js";
import type { RandomInput } from "../base/random-source.js";
import type { RecordOptions } from "./diagnostics/recorder.js";
import { InvalidOptionError } from "./errors/invalid-option-error.js";
import type { SonoraLogger } from "./logger.js";
import { DEFAULT_REST_RETRY, resolveRetryPolicy } from "./node/backoff.js";
import {
  DEFAULT_MAX_FRAME_BYTES,
  DEFAULT_MAX_RESPONSE_BYTES,
  type NodeOptions,
  type RestOptions,
  type ResumeOptions,
} from "./node/options.js";
import { type ReconnectOptions, resolveReconnectPolicy } from "./node/reconnect-policy.js";
import type { ResolvedNodeSettings } from "./node/settings.js";
import type { OfflineOption } from "./offline.js";
import { checkResumeTimeout } from "./option-checks.js";
import type { GatewayVoicePayload } from "./player/player.js";
import type { SonoraStore } from "./store/store.js";

/**
 * User id sent as `User-Id` when the client has no `userId` (offline use: simulators and tests).
 * Lavalink refuses `0`, so the placeholder is `1`. Voice needs the real bot id, since Discord's voice
 * events are matched against it.
 */
export const PLACEHOLDER_USER_ID = "1";

/** Default seconds a node keeps a dropped session (Lavalink's own default). */
export const DEFAULT_RESUME_TIMEOUT = 60;

/** Options of {@link SonoraClient}. */
export interface ClientOptions {
  /**
   * The bot's Discord user id: a snowflake string, or a number while it is a safe integer (see
   * {@link toGuildId}). Optional offline; required to follow voice events.
   */
  userId?: string | number;
  /** How voice-join payloads reach Discord: `(guildId, payload) => shard.send(payload)`. */
  send?: (guildId: string, payload: GatewayVoicePayload) => void | Promise<void>;
  /**
   * Reconnect policy of every node (default: 5 retries, exponential from 1 s, 20 % jitter; the
   * failure count resets after 10 s ready; a lost node is probed at most 30 s apart). See
   * {@link ReconnectOptions}.
   */
  reconnect?: ReconnectOptions;
  /** Session resuming of every node (default `{ timeout: 60 }`); `false` disables it. */
  resume?: ResumeOptions | false;
  /** REST timeout and retries of every node. */
  rest?: RestOptions;
  /** Milliseconds a WebSocket handshake may take (default 10 000). */
  connectTimeout?: number;
  /**
   * Largest WebSocket frame accepted from a node, in bytes (default {@link DEFAULT_MAX_FRAME_BYTES},
   * 16 MiB). A bigger frame closes the socket (code 1009) and the node reconnects with backoff.
   */
  maxFrameBytes?: number;
  /** Time source for position estimates, backoff and timeouts (default a RealClock). */
  clock?: Clock;
  /**
   * Random source in [0, 1) for backoff jitter: a {@link RandomSource} (such as a SeededRandom) or a
   * function (default {@link defaultRandomSource}, backed by `Math.random`).
   */
  random?: RandomInput;
  /**
   * Offline mode: replace the configured nodes with one local simulator (`npx sonora sim`).
   * - `undefined` (default): the environment decides — offline when `SONORA_OFFLINE` is `1`, `true`
   *   or `yes`, at `SONORA_OFFLINE_HOST`/`_PORT`/`_PASSWORD`; a process warning (code
   *   `SONORA_OFFLINE`) then says the configured nodes are ignored.
   * - `false`: never offline, whatever the environment says (a test of the real configuration).
   * - `true`: always offline, at the address the environment gives (or {@link OFFLINE_DEFAULTS}).
   * - `{ host?, port?, password? }`: always offline, at that address (missing fields: {@link OFFLINE_DEFAULTS}).
   *
   * See {@link OfflineOption}.
   */
  offline?: OfflineOption;
  /**
   * A pino-compatible logger (`{ debug, info, warn, error }`, each taking `(obj, msg)`; `console`
   * fits too). It receives every `debug` event at debug level, node and player trouble at warn,
   * `error` events and lost nodes at error (see docs/client.md, "Logging"). Default: none.
   */
  logger?: SonoraLogger;
  /**
   * Records every frame and REST exchange of the session, with timing (the client's clock), to a
   * JSON Lines file that `npx sonora replay` and `ReplaySimulator` serve as a node. Secrets are
   * redacted (see docs/diagnostics.md). Default: `SONORA_RECORD=path` when set; `false` turns
   * recording off whatever the environment says. See {@link RecordOptions}.
   */
  record?: RecordOptions | false;
  /**
   * Where players, queues and node sessions are kept so a restarted process gets them back (see
   * docs/persistence.md): a {@link FileStore}, a `RedisStore` from `sonora/redis`, or a
   * {@link MemoryStore}. Without one, everything lives in this process only (as in a MemoryStore).
   * With one, every player or queue command resolves only once its change is durable, and
   * `start()` restores what the store holds.
   */
  store?: SonoraStore;
  /**
   * Names this client's records apart in a shared store (node sessions belong to one process).
   * Default `"default"`; letters, digits, `.`, `_` and `-`.
   */
  clientId?: string;
  /**
   * Sharded bots: the shards this process drives and the total count. Only the guilds of these
   * shards (`(guildId >> 22) % count`) are restored from the store, and `getPlayer` refuses the
   * guilds of other shards (`ClientStateError`): another process drives them.
   */
  shards?: { ids: readonly number[]; count: number };
  /**
   * Milliseconds between two checkpoints of the playing players' positions in the store (default
   * 5 000; 0: none). Between checkpoints the position is computed (saved position + time elapsed
   * while playing), so the store is never written per `playerUpdate`.
   */
  storeCheckpointInterval?: number;
}

/** Options of {@link SonoraClient.close}. */
export interface CloseOptions {
  /**
   * `false` (default): the players stay on their nodes and their records in the store, and the node
   * sessions stay resumable, so the next process resumes where this one stopped. `true`: every
   * player is destroyed on its node, its record deleted, and the node sessions are forgotten.
   */
  destroyPlayers?: boolean;
}

/** Merges a node's overrides over the client's options. */
export function resolveNodeSettings(
  node: NodeOptions,
  client: ClientOptions,
  name: string,
): ResolvedNodeSettings {
  const resume = node.resume ?? client.resume ?? {};
  const restTimeout = node.rest?.timeout ?? client.rest?.timeout ?? 10_000;
  const connectTimeout = client.connectTimeout ?? 10_000;
  checkPositive(`nodes[${name}].rest.timeout`, restTimeout);
  checkPositive("connectTimeout", connectTimeout);
  const maxResponseBytes =
    node.rest?.maxResponseBytes ?? client.rest?.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  checkByteLimit(`nodes[${name}].rest.maxResponseBytes`, maxResponseBytes);
  const maxFrameBytes = client.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  checkByteLimit("maxFrameBytes", maxFrameBytes);
  let resolvedResume: Required<Pick<ResumeOptions, "timeout">> | false = false;
  // Without resuming there is no resume window, but a "Session not found" answer still waits for
  // the next session; it gets Lavalink's default window.
  let sessionWait = DEFAULT_RESUME_TIMEOUT * 1_000;
  if (resume !== false) {
    const timeout = resume.timeout ?? DEFAULT_RESUME_TIMEOUT;
    checkResumeTimeout(`nodes[${name}].resume.timeout`, timeout);
    resolvedResume = { timeout };
    sessionWait = resume.sessionWait ?? timeout * 1_000;
    checkSessionWait(`nodes[${name}].resume.sessionWait`, sessionWait);
  }
  return {
    resume: resolvedResume,
    reconnect: resolveReconnectPolicy({ ...client.reconnect, ...node.reconnect }, `nodes[${name}].reconnect`),
    restTimeout,
    restRetry: resolveRetryPolicy(
      { ...client.rest?.retry, ...node.rest?.retry },
      DEFAULT_REST_RETRY,
      `nodes[${name}].rest.retry`,
    ),
    connectTimeout,
    maxResponseBytes,
    maxFrameBytes,
    sessionWait,
  };
}

/** Checks the shape of one node's options. */
export function checkNodeOptions(node: NodeOptions, index: number): void {
  if (typeof node !== "object" || node === null) {
    throw new InvalidOptionError(`nodes[${index}]`, node, "an object { host, port, password }");
  }
  if (typeof node.host !== "string" || node.host.length === 0) {
    throw new InvalidOptionError(`nodes[${index}].host`, node.host, "a host name or IP address");
  }
  if (!Number.isInteger(node.port) || node.port < 1 || node.port > 65_535) {
    throw new InvalidOptionError(`nodes[${index}].port`, node.port, "an integer port from 1 to 65535");
  }
  if (typeof node.password !== "string") {
    throw new InvalidOptionError(`nodes[${index}].password`, node.password, "a string");
  }
}

function checkSessionWait(option: string, value: unknown): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new InvalidOptionError(option, value, "a finite number of milliseconds ≥ 0");
  }
}

function checkPositive(option: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new InvalidOptionError(option, value, "a finite number > 0");
  }
}

function checkByteLimit(option: string, value: number): void {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw new InvalidOptionError(option, value, "a whole number of bytes ≥ 1");
  }
}
