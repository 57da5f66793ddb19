/**
 * Cuts a body to its first `limit` characters and appends a marker saying how many UTF-8 bytes
 * were dropped, e.g. `…[truncated: 1044480 bytes dropped]`. Never splits a surrogate pair.
 */
export function truncateLogBody(body: string, limit: number): string {
  let end = Math.max(0, Math.floor(limit));
  const code = body.charCodeAt(end - 1);
  if (end > 0 && code >= 0xd800 && code <= 0xdbff) end--;
  const kept = body.slice(0, end);
  const dropped = Buffer.byteLength(body) - Buffer.byteLength(kept);
  return `${kept}…[truncated: ${dropped} bytes dropped]`;
}
