import { InvalidOptionError } from "./errors/invalid-option-error.js";
import type { NodeOptions } from "./node/options.js";

/** Name of the node that replaces the configured ones when {@link OFFLINE_ENV} is set. */
export const OFFLINE_NODE_NAME = "sonora-offline";

/** The environment variable that points a client at a local simulator: `SONORA_OFFLINE=1`. */
export const OFFLINE_ENV = "SONORA_OFFLINE";

/** Where the offline node is unless `SONORA_OFFLINE_HOST/PORT/PASSWORD` say otherwise (`npx sonora sim`'s defaults). */
export const OFFLINE_DEFAULTS = Object.freeze({ host: "127.0.0.1", port: 2333, password: "test" });

/** Environment variables as `process.env` holds them. */
export type Environment = Readonly<Record<string, string | undefined>>;

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
 * Applies the offline switch to a client's configured nodes: unchanged unless `SONORA_OFFLINE` is
 * set, in which case every node is replaced by the local simulator's address and a process warning
 * (code `SONORA_OFFLINE`) says so — a bot then runs against `npx sonora sim` without code changes.
 */
export function applyOfflineMode(nodes: NodeOptions[], env: Environment = readEnvironment()): NodeOptions[] {
  if (!isOfflineMode(env)) return nodes;
  const node = offlineNode(env);
  const configured = Array.isArray(nodes) ? nodes.length : 0;
  process.emitWarning(
    `${OFFLINE_ENV} is set: ignoring the ${configured} configured Lavalink node(s) and connecting to the ` +
      `simulator at ${node.host}:${node.port} instead (unset ${OFFLINE_ENV} to use the real nodes)`,
    { code: OFFLINE_ENV },
  );
  return [node];
}

function readEnvironment(): Environment {
  // Guarded so the client still loads where `process` is absent (bundled for other runtimes).
  return typeof process === "object" && process !== null ? process.env : {};
}
