import { queryInteger } from "../input.js";
import type { ControlResult } from "../reply.js";
import type { ControlRequest } from "./context.js";

/** `GET /_sonora/log?limit=&since=`: the newest `limit` entries (default 200) at or after `since`. */
export function getLog({ target, query }: ControlRequest): ControlResult {
  const limit = queryInteger(query, "limit", 200, 100_000);
  const since = queryInteger(query, "since", 0, Number.MAX_SAFE_INTEGER);
  const entries = target.log.entries().filter((e) => e.at >= since);
  return { status: 200, json: limit === 0 ? [] : entries.slice(-limit) };
}
