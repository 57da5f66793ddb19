import { objectBody, onlyKeys, optionalNumber } from "../input.js";
import type { ControlResult } from "../reply.js";
import { invalid } from "../reply.js";
import type { ControlRequest } from "./context.js";

/** Longest downtime a kill may ask for (10 minutes): the API itself is down meanwhile. */
export const MAX_DOWN_MS = 600_000;

/**
 * `POST /_sonora/node/kill` `{ downMs? }`: the node dies as a crashed Lavalink (sockets cut, no
 * session survives, connections refused) and comes back on the same port `downMs` later (wall
 * time, default 1000). It must come back by itself: this API lives on the same port.
 */
export function killNode({ node, body }: ControlRequest): ControlResult {
  const input = objectBody(body);
  onlyKeys(input, ["downMs"]);
  const downMs = optionalNumber(input, "downMs", 0, MAX_DOWN_MS) ?? 1000;
  const scheduled = node.kill(downMs);
  if (scheduled === null) throw invalid("the node is down already");
  return { status: 202, json: scheduled };
}

/** `POST /_sonora/node/restart`: kill and come back at once (no session survives). */
export function restartNode(request: ControlRequest): ControlResult {
  onlyKeys(objectBody(request.body), []);
  return killNode({ ...request, body: '{"downMs":0}' });
}

/** `POST /_sonora/clock/advance` `{ ms }`: moves a virtual clock (`--clock virtual`). */
export async function advanceClock({ target, node, body }: ControlRequest): Promise<ControlResult> {
  const input = objectBody(body);
  onlyKeys(input, ["ms"]);
  const ms = optionalNumber(input, "ms", 0, 365 * 24 * 3600 * 1000);
  if (ms === undefined) throw invalid("ms is required (milliseconds to advance, ≥ 0)");
  if (target.clock().kind !== "virtual") {
    throw invalid('the clock is not virtual; start the simulator with --clock virtual (clock: "virtual")');
  }
  await target.advance(ms);
  node.changed();
  return { status: 200, json: { now: target.clock().now } };
}

/** `GET /_sonora/clock` */
export function getClock({ target }: ControlRequest): ControlResult {
  return { status: 200, json: target.clock() };
}
