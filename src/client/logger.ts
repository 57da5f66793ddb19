import { InvalidOptionError } from "./errors/invalid-option-error.js";
import type { ClientEvents } from "./events.js";

/**
 * A logger in pino's shape (pino, bunyan-style child loggers and `console` all fit): each level
 * takes a structured object and a message. See the `logger` option of the client.
 */
export interface SonoraLogger {
  /** The client's decisions (every `debug` event). */
  debug(obj: object, msg?: string): unknown;
  /** Nodes coming up, resuming, recovering; players moving. */
  info(obj: object, msg?: string): unknown;
  /** Node drops and errors, stuck or failed tracks. */
  warn(obj: object, msg?: string): unknown;
  /** `error` events (with or without listeners), lost nodes, throwing listeners. */
  error(obj: object, msg?: string): unknown;
}

const LEVELS = ["debug", "info", "warn", "error"] as const;

/** Checks the `logger` option. @internal */
export function checkLogger(value: unknown): asserts value is SonoraLogger | undefined {
  if (value === undefined) return;
  const logger = value as Record<string, unknown> | null;
  if (typeof logger !== "object" || logger === null || LEVELS.some((l) => typeof logger[l] !== "function")) {
    throw new InvalidOptionError(
      "logger",
      typeof value === "object" ? "an object without debug/info/warn/error methods" : value,
      "a logger with debug, info, warn and error methods (pino, console, …)",
    );
  }
}

/**
 * Writes one client event to the logger, at its level. Events a bot sees many times a second
 * (`playerUpdate`, `raw`, `nodeStats`, track starts and ends) are not logged: a logger must not
 * change what the hot path costs. @internal
 */
export function logClientEvent<K extends keyof ClientEvents>(
  logger: SonoraLogger,
  event: K,
  args: ClientEvents[K],
): void {
  const a = args as unknown[];
  const name = (i: number) => (a[i] as { name?: string; guildId?: string } | undefined)?.name;
  const guild = (i: number) => (a[i] as { guildId?: string } | undefined)?.guildId;
  switch (event) {
    case "debug": {
      const { message, ...fields } = a[0] as { message: string };
      logger.debug(fields, message);
      return;
    }
    case "error":
      logger.error({ err: a[0] }, "sonora: error");
      return;
    case "nodeError":
      logger.warn({ node: name(0), err: a[1] }, "sonora: node error");
      return;
    case "nodeDisconnect":
      logger.warn({ node: name(0), ...(a[1] as object) }, "sonora: node disconnected");
      return;
    case "nodeLost":
      logger.error({ node: name(0), err: a[1] }, "sonora: node lost");
      return;
    case "nodeReady":
      logger.info({ node: name(0), resumed: a[1] }, "sonora: node ready");
      return;
    case "nodeRecovered":
      logger.info({ node: name(0) }, "sonora: node recovered");
      return;
    case "playerMove":
      logger.info({ guildId: guild(0), from: name(1), to: name(2) }, "sonora: player moved");
      return;
    case "playerDestroy":
      logger.info({ guildId: guild(0), reason: a[1] }, "sonora: player destroyed");
      return;
    case "trackException":
      logger.warn({ guildId: guild(0), exception: a[2] }, "sonora: track exception");
      return;
    case "trackStuck":
      logger.warn({ guildId: guild(0), thresholdMs: a[2] }, "sonora: track stuck");
      return;
    case "webSocketClosed":
      logger.warn({ guildId: guild(0), ...(a[1] as object) }, "sonora: voice connection closed");
      return;
    default:
      return;
  }
}
