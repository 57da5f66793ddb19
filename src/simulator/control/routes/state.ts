import type { Fault } from "../../faults/types.js";
import type { SessionSnapshot } from "../../session.js";
import { objectBody, onlyKeys, optionalNumber, optionalString } from "../input.js";
import type { ControlResult } from "../reply.js";
import type { ControlClockInfo, ControlPlayer, ControlTarget } from "../target.js";
import type { ControlRequest } from "./context.js";

/** Everything the inspector draws, in one object. */
export interface ControlState {
  node: { running: boolean; clock: ControlClockInfo };
  sessions: SessionSnapshot[];
  players: ControlPlayer[];
  faults: Fault[];
}

/** The node's state as the control API reports it. */
export function stateOf(target: ControlTarget): ControlState {
  return {
    node: { running: target.running, clock: target.clock() },
    sessions: target.sessions(),
    players: target.players(),
    faults: target.faults.list(),
  };
}

/** `GET /_sonora/state` */
export function getState({ target }: ControlRequest): ControlResult {
  return { status: 200, json: stateOf(target) };
}

/** `GET /_sonora/sessions` */
export function getSessions({ target }: ControlRequest): ControlResult {
  return { status: 200, json: target.sessions() };
}

/** `GET /_sonora/players` (optionally `?sessionId=`) */
export function getPlayers({ target, query }: ControlRequest): ControlResult {
  const sessionId = query.get("sessionId");
  const players = target.players();
  return {
    status: 200,
    json: sessionId === null ? players : players.filter((p) => p.sessionId === sessionId),
  };
}

/** `POST /_sonora/sessions/:sessionId/drop`: cut the WebSocket without a close frame. */
export function dropSession({ target, params, body }: ControlRequest): ControlResult {
  onlyKeys(objectBody(body), []);
  target.dropConnection(params.sessionId ?? "");
  return { status: 204 };
}

/** `POST /_sonora/sessions/:sessionId/close` `{ code?, reason? }`: close the WebSocket with a frame. */
export function closeSession({ target, params, body }: ControlRequest): ControlResult {
  const input = objectBody(body);
  onlyKeys(input, ["code", "reason"]);
  const code = optionalNumber(input, "code", 1000, 4999) ?? 1000;
  target.closeConnection(params.sessionId ?? "", code, optionalString(input, "reason") ?? "");
  return { status: 204 };
}

/** `GET /_sonora/timeline` (optionally `?guildId=`) */
export function getTimeline({ timeline, query }: ControlRequest): ControlResult {
  return { status: 200, json: timeline.get(query.get("guildId") ?? undefined) };
}
