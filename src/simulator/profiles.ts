import { SimulatorError } from "./errors.js";

/** A Lavalink release line the simulator can behave as. */
export type LavalinkVersion = "4.0" | "4.1" | "4.2";

/** Every supported line, oldest first. */
export const LAVALINK_VERSIONS: readonly LavalinkVersion[] = Object.freeze(["4.0", "4.1", "4.2"]);

/** The line a simulator follows unless told otherwise: the newest. */
export const DEFAULT_LAVALINK_VERSION: LavalinkVersion = "4.2";

/**
 * What differs between Lavalink release lines, read from the tags' sources (4.0.8, 4.1.2, 4.2.2).
 * Only wire-visible behaviour is listed; everything else is common to all three.
 */
export interface LavalinkProfile {
  readonly line: LavalinkVersion;
  /** Semver `/version` and `/v4/info` report (the line's last release). */
  readonly version: string;
  /** `lavaplayer` of `/v4/info`. */
  readonly lavaplayer: string;
  /**
   * The voice-state rule of the update-player route. `"partial"` (4.0, 4.1): 400 `Partial Lavalink
   * voice state: VoiceState(…)` when token, endpoint or sessionId is empty; `channelId` is not read.
   * `"channelId"` (4.2, which brought DAVE): 400 `token, endpoint, sessionId and channelId must be
   * provided in voice state` when any is blank or channelId is missing.
   */
  readonly voiceRule: "partial" | "channelId";
  /** The player object's `voice` carries `channelId` (4.2; `null` when unknown). */
  readonly voiceChannelId: boolean;
  /** Exceptions carry `causeStackTrace` (4.1 and later). */
  readonly causeStackTrace: boolean;
  /**
   * Filters echo every field of a sub-filter, defaults included (4.1 added `@EncodeDefault`); 4.0
   * omits the fields equal to their default.
   */
  readonly filterDefaults: boolean;
}

const PROFILES: Readonly<Record<LavalinkVersion, LavalinkProfile>> = Object.freeze({
  "4.0": Object.freeze({
    line: "4.0",
    version: "4.0.8",
    lavaplayer: "2.2.2",
    voiceRule: "partial",
    voiceChannelId: false,
    causeStackTrace: false,
    filterDefaults: false,
  }),
  "4.1": Object.freeze({
    line: "4.1",
    version: "4.1.2",
    lavaplayer: "2.2.6",
    voiceRule: "partial",
    voiceChannelId: false,
    causeStackTrace: true,
    filterDefaults: true,
  }),
  "4.2": Object.freeze({
    line: "4.2",
    version: "4.2.2",
    lavaplayer: "2.2.6",
    voiceRule: "channelId",
    voiceChannelId: true,
    causeStackTrace: true,
    filterDefaults: true,
  }),
});

/** The profile of a release line; a full semver (`4.1.2`) picks its line. Throws SIM_INVALID_OPTION. */
export function lavalinkProfile(version: string = DEFAULT_LAVALINK_VERSION): LavalinkProfile {
  const line = /^4\.([012])(?:\.\d+)?$/.exec(typeof version === "string" ? version.trim() : "");
  if (line === null) {
    throw new SimulatorError(
      "SIM_INVALID_OPTION",
      `lavalinkVersion must be one of ${LAVALINK_VERSIONS.join(", ")} (or a 4.x.y of those lines), got ${String(version)}`,
    );
  }
  return PROFILES[`4.${line[1]}` as LavalinkVersion];
}
