import type { ExceptionSeverity, LavalinkException } from "../../protocol/index.js";
import { FaultError } from "./errors.js";

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
