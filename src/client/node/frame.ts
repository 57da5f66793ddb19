import {
  type IncomingMessage,
  type PlayerUpdateOp,
  parseIncomingMessage,
  validateIncomingMessage,
} from "../../protocol/index.js";

/**
 * Parses a frame. `playerUpdate` (most frames by far) is checked inline with exactly the checks
 * of the protocol's `validatePlayerState`; measured, the generic validator's dispatch costs about
 * a quarter of a `JSON.parse` on this path. Anything that does not pass the inline checks, and
 * every other op, goes through the protocol's {@link validateIncomingMessage}, which also names the
 * offending field in its error.
 */
export function parseFrame(text: string): IncomingMessage {
  let value: { op?: unknown; guildId?: unknown; state?: Record<string, unknown> | null };
  try {
    value = JSON.parse(text);
  } catch {
    // Let the protocol parser produce its ProtocolValidationError for invalid JSON.
    return parseIncomingMessage(text);
  }
  if (
    typeof value === "object" &&
    value !== null &&
    value.op === "playerUpdate" &&
    typeof value.guildId === "string"
  ) {
    const state = value.state;
    if (
      typeof state === "object" &&
      state !== null &&
      typeof state.time === "number" &&
      typeof state.position === "number" &&
      typeof state.connected === "boolean" &&
      typeof state.ping === "number"
    ) {
      return value as unknown as PlayerUpdateOp;
    }
  }
  return validateIncomingMessage(value);
}
