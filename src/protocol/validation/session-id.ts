import { ProtocolValidationError } from "./errors.js";

/** Longest session id accepted from a node (Lavalink's own are 16 characters). */
export const MAX_SESSION_ID_LENGTH = 256;

// Printable ASCII without the space: Lavalink's ids are 16 lowercase alphanumerics, but other
// servers may differ, so anything that is a valid HTTP header token is accepted. What is refused is
// exactly what cannot go into the `Session-Id` header of the next handshake: CR/LF (header
// injection), other control characters and anything beyond Latin-1 (Node throws on those).
const SESSION_ID = /^[\x21-\x7e]+$/;

/** True when `value` is a session id the client can send back in a `Session-Id` header. */
export function isValidSessionId(value: unknown): value is string {
  return typeof value === "string" && value.length <= MAX_SESSION_ID_LENGTH && SESSION_ID.test(value);
}

/**
 * Checks a session id a node sent (in `ready`, or a session answer): 1 to
 * {@link MAX_SESSION_ID_LENGTH} printable ASCII characters, no space. Throws a
 * {@link ProtocolValidationError} otherwise.
 */
export function validateSessionId(value: unknown, path = "sessionId"): string {
  if (!isValidSessionId(value)) {
    throw new ProtocolValidationError(
      path,
      value,
      `a session id: 1 to ${MAX_SESSION_ID_LENGTH} printable ASCII characters without spaces`,
    );
  }
  return value;
}
