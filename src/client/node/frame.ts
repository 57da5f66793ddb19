import {
  type IncomingMessage,
  type PlayerUpdateOp,
  parseIncomingMessage,
  validateIncomingMessage,
} from "../../protocol/index.js";

/**
 * `playerUpdate` (most frames by far: every player, every few seconds) is recognised with exactly the
 * checks of the protocol's `validatePlayerState`, written inline. Measured, the generic validator's
 * dispatch costs about a quarter of a `JSON.parse` on this path. Small enough for V8 to inline into
 * the node's frame handler.
 */
export function isPlayerUpdate(value: unknown): value is PlayerUpdateOp {
  if (typeof value !== "object" || value === null) return false;
  const v = value as { op?: unknown; guildId?: unknown; state?: Record<string, unknown> | null };
  if (v.op !== "playerUpdate" || typeof v.guildId !== "string") return false;
  const state = v.state;
  return (
    typeof state === "object" &&
    state !== null &&
    typeof state.time === "number" &&
    typeof state.position === "number" &&
    typeof state.connected === "boolean" &&
    typeof state.ping === "number"
  );
}

/**
 * Validates a parsed frame that is not a well-formed `playerUpdate` with the protocol's
 * {@link validateIncomingMessage}, which names the offending field in its error.
 */
export function validateFrame(value: unknown): IncomingMessage {
  return isPlayerUpdate(value) ? value : validateIncomingMessage(value);
}

/** Parses and validates a frame (the whole path, for callers off the hot path). */
export function parseFrame(text: string): IncomingMessage {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Let the protocol parser produce its ProtocolValidationError for invalid JSON.
    return parseIncomingMessage(text);
  }
  return validateFrame(value);
}
