import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/** The header a control client may send its token in (instead of `Authorization: Bearer`). */
export const CONTROL_TOKEN_HEADER = "x-sonora-token";

/**
 * The token a request carries: `Authorization: Bearer …`, `X-Sonora-Token`, or the `token` query
 * parameter (for the inspector page and `EventSource`, which cannot set headers).
 */
export function presentedToken(headers: IncomingHttpHeaders, query: URLSearchParams): string | undefined {
  const authorization = headers.authorization;
  if (authorization !== undefined && /^Bearer\s+/i.test(authorization)) {
    return authorization.replace(/^Bearer\s+/i, "").trim();
  }
  const header = headers[CONTROL_TOKEN_HEADER];
  if (typeof header === "string") return header;
  return query.get("token") ?? undefined;
}

/** Constant-time comparison (of digests, so lengths leak nothing either). */
export function tokenMatches(expected: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const a = createHash("sha256").update(expected).digest();
  const b = createHash("sha256").update(presented).digest();
  return timingSafeEqual(a, b);
}
