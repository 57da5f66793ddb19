import { InvalidOptionError } from "../errors/invalid-option-error.js";
import type { RawGatewayPacket } from "./handler.js";

/**
 * True for the two dispatches the client uses. The connectors filter with it so that the
 * thousands of other dispatches a bot receives never reach `handleRaw` (no promise per packet).
 */
export function isVoiceDispatch(packet: unknown): packet is RawGatewayPacket {
  if (typeof packet !== "object" || packet === null) return false;
  const t = (packet as RawGatewayPacket).t;
  return t === "VOICE_STATE_UPDATE" || t === "VOICE_SERVER_UPDATE";
}

/**
 * Checks that `value` has a function at each dotted `path` (e.g. `"guilds.get"`), so a connector
 * given the wrong object fails at once with a clear error instead of on the first voice join.
 * The library client itself is never printed: it holds the bot token.
 */
export function checkLibraryClient(
  option: string,
  value: unknown,
  paths: readonly string[],
  library: string,
): void {
  for (const path of paths) {
    let target: unknown = value;
    for (const key of path.split(".")) {
      target =
        typeof target === "object" && target !== null ? (target as Record<string, unknown>)[key] : undefined;
    }
    if (typeof target !== "function") {
      throw new InvalidOptionError(option, kindOf(value), `a ${library} client (it has no ${path}())`);
    }
  }
}

/** Checks the Sonora side of an `attach…` call. */
export function checkSonoraClient(value: unknown): void {
  if (typeof (value as { handleRaw?: unknown } | null)?.handleRaw !== "function") {
    throw new InvalidOptionError("client", kindOf(value), "a SonoraClient");
  }
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : typeof value;
}
