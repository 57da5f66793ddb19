import { createHash, timingSafeEqual } from "node:crypto";

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

/**
 * Whether a client's `Authorization` matches the node password (always true without one).
 * Compared in constant time: both sides are hashed first so the buffers have equal length, and
 * neither the time nor an early exit tells an attacker how much of a guess was right.
 */
export function isAuthorized(password: string | undefined, authorization: string | undefined): boolean {
  if (password === undefined) return true;
  if (authorization === undefined) return false;
  return timingSafeEqual(digest(password), digest(authorization));
}
