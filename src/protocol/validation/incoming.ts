import type { KnownPluginEvent, UnknownPluginEvent } from "../types/plugins.js";
import type {
  IncomingMessage,
  PlayerState,
  PlayerUpdateOp,
  Stats,
  TrackEndReason,
} from "../types/websocket.js";
import { ProtocolValidationError } from "./errors.js";
import { boolean, integer, isObject, join, number, type Obj, object, oneOf, string } from "./guards.js";
import { isKnownPluginEventType, validatePluginEvent } from "./plugins.js";
import { validateSessionId } from "./session-id.js";
import { validateException, validateTrack } from "./track.js";

const END_REASONS: readonly TrackEndReason[] = ["finished", "loadFailed", "stopped", "replaced", "cleanup"];

/** Player state; typeof checks only, since this runs for every player every few seconds. */
export function validatePlayerState(value: unknown, path = "state"): PlayerState {
  if (
    isObject(value) &&
    typeof value.time === "number" &&
    typeof value.position === "number" &&
    typeof value.connected === "boolean" &&
    typeof value.ping === "number"
  ) {
    return value as unknown as PlayerState;
  }
  // Slow path only to name the offending field.
  const o = object(value, path);
  number(o, "time", path);
  number(o, "position", path);
  boolean(o, "connected", path);
  number(o, "ping", path);
  return o as unknown as PlayerState;
}

/** Checks a `stats` op or a `GET /v4/stats` answer. */
export function validateStats(value: unknown, path = ""): Stats {
  const o = object(value, path);
  integer(o, "players", path);
  integer(o, "playingPlayers", path);
  number(o, "uptime", path);
  const memory = object(o.memory, join(path, "memory"));
  for (const k of ["free", "used", "allocated", "reservable"]) number(memory, k, join(path, "memory"));
  const cpu = object(o.cpu, join(path, "cpu"));
  for (const k of ["cores", "systemLoad", "lavalinkLoad"]) number(cpu, k, join(path, "cpu"));
  if (o.frameStats !== undefined && o.frameStats !== null) {
    const fs = object(o.frameStats, join(path, "frameStats"));
    for (const k of ["sent", "nulled", "deficit"]) number(fs, k, join(path, "frameStats"));
  }
  return o as unknown as Stats;
}

function validateEvent(o: Obj): IncomingMessage {
  const guildId = string(o, "guildId", "");
  switch (o.type) {
    case "TrackStartEvent":
      return { op: "event", type: "TrackStartEvent", guildId, track: validateTrack(o.track) };
    case "TrackEndEvent":
      return {
        op: "event",
        type: "TrackEndEvent",
        guildId,
        track: validateTrack(o.track),
        reason: oneOf(o, "reason", "", END_REASONS),
      };
    case "TrackExceptionEvent":
      return {
        op: "event",
        type: "TrackExceptionEvent",
        guildId,
        track: validateTrack(o.track),
        exception: validateException(o.exception),
      };
    case "TrackStuckEvent":
      return {
        op: "event",
        type: "TrackStuckEvent",
        guildId,
        track: validateTrack(o.track),
        thresholdMs: number(o, "thresholdMs", ""),
      };
    case "WebSocketClosedEvent":
      return {
        op: "event",
        type: "WebSocketClosedEvent",
        guildId,
        code: integer(o, "code", ""),
        reason: typeof o.reason === "string" ? o.reason : string(o, "reason", ""),
        byRemote: boolean(o, "byRemote", ""),
      };
    default:
      // Plugins send their own events with op "event"; those Sonora types are checked here, any
      // other is refused (validateNodeMessage passes them through untouched instead).
      if (isKnownPluginEventType(o.type)) return validatePluginEvent(o) as KnownPluginEvent;
      throw new ProtocolValidationError("type", o.type, "a Lavalink event type");
  }
}

/**
 * True for a well-formed `playerUpdate` — the frame every player gets every few seconds. A handful of
 * `typeof` checks, cheap enough for a client's per-frame hot path; anything it rejects goes through
 * {@link validateIncomingMessage} to learn which field is wrong.
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
 * Checks an already-parsed WebSocket message from a node. The common `playerUpdate` case costs a
 * handful of typeof checks; anything unexpected throws a {@link ProtocolValidationError}.
 */
export function validateIncomingMessage(value: unknown): IncomingMessage {
  if (isPlayerUpdate(value)) return value;
  if (!isObject(value)) throw new ProtocolValidationError("", value, "a JSON object");
  switch (value.op) {
    case "playerUpdate":
      if (typeof value.guildId !== "string")
        throw new ProtocolValidationError("guildId", value.guildId, "a string");
      validatePlayerState(value.state);
      return value as unknown as IncomingMessage;
    case "event":
      return validateEvent(value);
    case "stats":
      validateStats(value);
      return value as unknown as IncomingMessage;
    case "ready":
      return {
        op: "ready",
        resumed: boolean(value, "resumed", ""),
        // Sent back as the `Session-Id` header of the next handshake: checked to be a header token.
        sessionId: validateSessionId(value.sessionId),
      };
    default:
      throw new ProtocolValidationError("op", value.op, 'one of "ready", "playerUpdate", "stats", "event"');
  }
}

/** Parses and checks one WebSocket text frame from a node. */
export function parseIncomingMessage(text: string): IncomingMessage {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ProtocolValidationError("", text, "valid JSON", { cause: error });
  }
  return validateIncomingMessage(value);
}

/**
 * Like {@link validateIncomingMessage}, but an event of a plugin Sonora does not know (an
 * `op: "event"` frame with any other string `type`) is returned untouched instead of refused, so
 * new plugins reach the bot. Lavalink's own events and the known plugin events are checked as usual.
 */
export function validateNodeMessage(value: unknown): IncomingMessage | UnknownPluginEvent {
  if (
    isObject(value) &&
    value.op === "event" &&
    typeof value.type === "string" &&
    !LAVALINK_EVENT_TYPES.has(value.type) &&
    !isKnownPluginEventType(value.type)
  ) {
    return validatePluginEvent(value) as UnknownPluginEvent;
  }
  return validateIncomingMessage(value);
}

/** Lavalink's own event types. */
const LAVALINK_EVENT_TYPES = new Set<string>([
  "TrackStartEvent",
  "TrackEndEvent",
  "TrackExceptionEvent",
  "TrackStuckEvent",
  "WebSocketClosedEvent",
]);

/** True for one of Lavalink's own event types (not a plugin's). */
export function isLavalinkEventType(type: unknown): boolean {
  return typeof type === "string" && LAVALINK_EVENT_TYPES.has(type);
}
