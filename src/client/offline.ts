import { InvalidOptionError } from "./errors/invalid-option-error.js";
import type { NodeOptions } from "./node/options.js";

/** Name of the node that replaces the configured ones in offline mode. */
export const OFFLINE_NODE_NAME = "sonora-offline";

/** The environment variable that points a client at a local simulator: `SONORA_OFFLINE=1`. */
export const OFFLINE_ENV = "SONORA_OFFLINE";

/** Where the offline node is unless `SONORA_OFFLINE_HOST/PORT/PASSWORD` say otherwise (`npx sonora sim`'s defaults). */
export const OFFLINE_DEFAULTS = Object.freeze({ host: "127.0.0.1", port: 2333, password: "test" });

/** Environment variables as `process.env` holds them. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Where the offline node is, given in code; a missing field takes its {@link OFFLINE_DEFAULTS} value. */
export interface OfflineNodeAddress {
  /** Host of the simulator (default `127.0.0.1`). */
  host?: string;
  /** Port of the simulator (default 2333). */
  port?: number;
  /** Password of the simulator (default `test`). */
  password?: string;
}

/**
 * The client's offline switch (the `offline` option of the client's options):
 * - `undefined` (the default): the environment decides — offline when {@link OFFLINE_ENV} is set
 *   (see {@link isOfflineMode}), at the address {@link offlineNode} reads;
 * - `false`: never offline, whatever the environment says;
 * - `true`: always offline, at the address {@link offlineNode} reads from the environment;
 * - an {@link OfflineNodeAddress}: always offline, at that address.
 */
export type OfflineOption = boolean | OfflineNodeAddress;

/** True when `SONORA_OFFLINE` is set to `1`, `true` or `yes` (any case). */
export function isOfflineMode(env: Environment = readEnvironment()): boolean {
  const value = env[OFFLINE_ENV]?.trim().toLowerCase();
  return value === "1" || value === "true" || value === "yes";
}

/**
 * The node a client uses in offline mode, from `SONORA_OFFLINE_HOST`, `SONORA_OFFLINE_PORT` and
 * `SONORA_OFFLINE_PASSWORD` (defaults {@link OFFLINE_DEFAULTS}). Throws InvalidOptionError for a bad port.
 */
export function offlineNode(env: Environment = readEnvironment()): NodeOptions {
  const host = env.SONORA_OFFLINE_HOST?.trim() || OFFLINE_DEFAULTS.host;
  const portText = env.SONORA_OFFLINE_PORT?.trim();
  const port = portText ? Number(portText) : OFFLINE_DEFAULTS.port;
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new InvalidOptionError("SONORA_OFFLINE_PORT", portText, "an integer port from 1 to 65535");
  }
  const password = env.SONORA_OFFLINE_PASSWORD ?? OFFLINE_DEFAULTS.password;
  return { host, port, password, name: OFFLINE_NODE_NAME };
}

/**
 * The node an {@link OfflineOption} selects, or null when the client uses its configured nodes.
 * Throws InvalidOptionError for an option of the wrong shape (naming `offline…`) or a bad
 * `SONORA_OFFLINE_PORT`.
 */
export function resolveOfflineNode(
  option: OfflineOption | undefined,
  env: Environment = readEnvironment(),
): NodeOptions | null {
  if (option === false) return null;
  if (option === undefined) return isOfflineMode(env) ? offlineNode(env) : null;
  if (option === true) return offlineNode(env);
  return { ...checkOfflineAddress(option), name: OFFLINE_NODE_NAME };
}

/**
 * Applies the offline switch to a client's configured nodes: unchanged unless `option` (the client's
 * `offline` option) or, when it is undefined, `SONORA_OFFLINE` selects offline mode; then every node
 * is replaced by the local simulator's address. When the environment made that choice a process
 * warning (code `SONORA_OFFLINE`) says so — a bot then runs against `npx sonora sim` without code
 * changes, but never without notice.
 */
export function applyOfflineSwitch(
  nodes: NodeOptions[],
  option: OfflineOption | undefined,
  env: Environment = readEnvironment(),
): NodeOptions[] {
  const node = resolveOfflineNode(option, env);
  if (node === null) return nodes;
  if (option === undefined) warnEnvironmentSwitch(nodes, node);
  return [node];
}

/**
 * Applies the environment's offline switch ({@link applyOfflineSwitch} with no `offline` option):
 * unchanged unless `SONORA_OFFLINE` is set, in which case every node is replaced by the local
 * simulator's address and a process warning (code `SONORA_OFFLINE`) says so.
 */
export function applyOfflineMode(nodes: NodeOptions[], env: Environment = readEnvironment()): NodeOptions[] {
  return applyOfflineSwitch(nodes, undefined, env);
}

function warnEnvironmentSwitch(nodes: NodeOptions[], node: NodeOptions): void {
  const configured = Array.isArray(nodes) ? nodes.length : 0;
  process.emitWarning(
    `${OFFLINE_ENV} is set: ignoring the ${configured} configured Lavalink node(s) and connecting to the ` +
      `simulator at ${node.host}:${node.port} instead (unset ${OFFLINE_ENV}, or pass the client option offline: false, to use the real nodes)`,
    { code: OFFLINE_ENV },
  );
}

function checkOfflineAddress(option: unknown): Required<OfflineNodeAddress> {
  if (typeof option !== "object" || option === null || Array.isArray(option)) {
    throw new InvalidOptionError("offline", option, "true, false or { host?, port?, password? }");
  }
  const {
    host = OFFLINE_DEFAULTS.host,
    port = OFFLINE_DEFAULTS.port,
    password = OFFLINE_DEFAULTS.password,
  } = option as OfflineNodeAddress;
  if (typeof host !== "string" || host.length === 0) {
    throw new InvalidOptionError("offline.host", host, "a host name or IP address");
  }
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new InvalidOptionError("offline.port", port, "an integer port from 1 to 65535");
  }
  if (typeof password !== "string") throw new InvalidOptionError("offline.password", password, "a string");
  return { host, port, password };
}

function readEnvironment(): Environment {
  // Guarded so the client still loads where `process` is absent (bundled for other runtimes).
  return typeof process === "object" && process !== null ? process.env : {};
}
