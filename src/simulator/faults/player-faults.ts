import type { ExceptionSeverity, LavalinkException } from "../../protocol/index.js";
import type { SimPlayer } from "../player.js";
import { FaultError } from "./errors.js";
import type { FollowUp, TrafficUnit } from "./fault-type.js";

/** The exception a track fault reports, with Lavalink-like defaults for what the caller left out. */
export function exceptionOf(spec: {
  message?: string;
  severity?: ExceptionSeverity;
  cause?: string;
}): LavalinkException {
  const message = spec.message ?? "Something broke when playing the track.";
  return {
    message,
    severity: spec.severity ?? "fault",
    cause: spec.cause ?? `java.lang.RuntimeException: ${message}`,
  };
}

/** The error of an on-demand track fault aimed at a player that has no track. */
export function noTrack(guildId: string): FaultError {
  return new FaultError(
    "FAULT_NO_TRACK",
    `the player of guild ${guildId} has no track; start one (PATCH with a track) before injecting a track fault`,
  );
}

/** Track faults are decided on each TrackStartEvent the node sends. */
export function isTrackStart(unit: TrafficUnit): boolean {
  return (
    unit.channel === "ws" &&
    unit.direction === "downstream" &&
    unit.op === "event" &&
    unit.eventType === "TrackStartEvent"
  );
}

/**
 * Acts on the player's track `afterMs` from now, but only on the track that started: a track
 * replaced or stopped in between is left alone (as is a player that is gone already).
 */
export function onTrackLater(context: FollowUp, afterMs: number, act: (player: SimPlayer) => void): void {
  let player: SimPlayer;
  try {
    player = context.host.requirePlayer(context.sessionId, context.guildId).player;
  } catch {
    return;
  }
  const track = player.loaded;
  if (track === null) return;
  context.later(afterMs, () => {
    if (player.loaded === track) act(player);
  });
}
