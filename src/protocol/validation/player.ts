import type {
  LavalinkPlayer,
  SessionInfo,
  UpdatePlayerRequest,
  UpdatePlayerTrack,
  UpdateSessionRequest,
  VoiceState,
} from "../types/rest.js";
import type { JsonObject } from "../types/track.js";
import { ProtocolValidationError } from "./errors.js";
import { validateFilters } from "./filters.js";
import { readFiltersAsLavalink } from "./filters-as-lavalink.js";
import { boolean, integer, isObject, join, nullableString, type Obj, object, string } from "./guards.js";
import { validatePlayerState } from "./incoming.js";
import { validateTrack } from "./track.js";

function validateVoice(value: unknown, path: string): VoiceState {
  const o = object(value, path);
  const voice: VoiceState = {
    token: string(o, "token", path),
    endpoint: string(o, "endpoint", path),
    sessionId: string(o, "sessionId", path),
  };
  if (o.channelId !== undefined) voice.channelId = nullableString(o, "channelId", path);
  return voice;
}

/** Checks a player object from `GET /v4/sessions/{id}/players[/{guildId}]` or a PATCH answer. */
export function validatePlayer(value: unknown, path = ""): LavalinkPlayer {
  const o = object(value, path);
  const voice = isObject(o.voice) ? o.voice : {};
  return {
    guildId: string(o, "guildId", path),
    track: o.track === null || o.track === undefined ? null : validateTrack(o.track, join(path, "track")),
    volume: integer(o, "volume", path),
    paused: boolean(o, "paused", path),
    state: validatePlayerState(o.state, join(path, "state")),
    voice: {
      token: typeof voice.token === "string" ? voice.token : "",
      endpoint: typeof voice.endpoint === "string" ? voice.endpoint : "",
      sessionId: typeof voice.sessionId === "string" ? voice.sessionId : "",
      channelId: typeof voice.channelId === "string" ? voice.channelId : null,
    },
    filters: isObject(o.filters) ? validateFilters(o.filters, join(path, "filters")) : {},
  };
}

const UPDATE_KEYS = new Set([
  "track",
  "encodedTrack",
  "identifier",
  "position",
  "endTime",
  "volume",
  "paused",
  "filters",
  "voice",
]);

function optionalJsonObject(o: Obj, key: string, path: string): JsonObject | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (!isObject(v)) throw new ProtocolValidationError(join(path, key), v, "an object");
  return v as JsonObject;
}

function validateUpdateTrack(value: unknown, path: string): UpdatePlayerTrack {
  const o = object(value, path);
  const out: UpdatePlayerTrack = {};
  if (o.encoded !== undefined) out.encoded = nullableString(o, "encoded", path);
  if (o.identifier !== undefined) out.identifier = string(o, "identifier", path);
  const userData = optionalJsonObject(o, "userData", path);
  if (userData !== undefined) out.userData = userData;
  if (out.encoded !== undefined && out.identifier !== undefined) {
    throw new ProtocolValidationError(
      join(path, "identifier"),
      o.identifier,
      "absent when track.encoded is given",
    );
  }
  return out;
}

/** Options of {@link validateUpdatePlayerRequest}. */
export interface UpdatePlayerValidationOptions {
  /**
   * What to do with a volume outside 0–1000: `"reject"` (default, what a client should do before
   * sending) or `"clamp"` (what the Lavalink server does: lavaplayer clamps and answers 200).
   */
  volume?: "reject" | "clamp";
  /**
   * How `filters` is read: `"strict"` (default) checks the documented ranges, as a client should
   * before sending; `"lavalink"` checks types only, as the Lavalink server does (ranges fail later,
   * in the DSP).
   */
  filters?: "strict" | "lavalink";
}

/**
 * Checks the body of `PATCH /v4/sessions/{id}/players/{guildId}`: types, ranges (volume 0–1000,
 * endTime > 0, position ≥ 0, filters) and the exclusive pairs Lavalink refuses. Unknown fields are
 * ignored, as Lavalink's JSON reader ignores them.
 */
export function validateUpdatePlayerRequest(
  value: unknown,
  path = "",
  options: UpdatePlayerValidationOptions = {},
): UpdatePlayerRequest {
  const o = object(value, path);
  const out: UpdatePlayerRequest = {};
  for (const key of Object.keys(o)) {
    if (!UPDATE_KEYS.has(key)) continue;
    const v = o[key];
    switch (key) {
      case "track":
        out.track = validateUpdateTrack(v, join(path, key));
        break;
      case "encodedTrack":
        out.encodedTrack = nullableString(o, key, path);
        break;
      case "identifier":
        out.identifier = string(o, key, path);
        break;
      case "position": {
        const n = integer(o, key, path);
        if (n < 0) throw new ProtocolValidationError(join(path, key), n, "an integer ≥ 0");
        out.position = n;
        break;
      }
      case "endTime":
        if (v === null) out.endTime = null;
        else {
          const n = integer(o, key, path);
          if (n <= 0) throw new ProtocolValidationError(join(path, key), n, "an integer > 0 or null");
          out.endTime = n;
        }
        break;
      case "volume": {
        const n = integer(o, key, path);
        if (options.volume === "clamp") out.volume = Math.min(1000, Math.max(0, n));
        else if (n < 0 || n > 1000) {
          throw new ProtocolValidationError(join(path, key), n, "an integer from 0 to 1000");
        } else out.volume = n;
        break;
      }
      case "paused":
        out.paused = boolean(o, key, path);
        break;
      case "filters":
        out.filters =
          options.filters === "lavalink"
            ? readFiltersAsLavalink(v, join(path, key))
            : validateFilters(v, join(path, key));
        break;
      case "voice":
        out.voice = validateVoice(v, join(path, key));
        break;
    }
  }
  if (out.track !== undefined && (out.encodedTrack !== undefined || out.identifier !== undefined)) {
    throw new ProtocolValidationError(
      join(path, "track"),
      o.track,
      "absent when encodedTrack/identifier is given",
    );
  }
  if (out.encodedTrack !== undefined && out.identifier !== undefined) {
    throw new ProtocolValidationError(
      join(path, "identifier"),
      o.identifier,
      "absent when encodedTrack is given",
    );
  }
  return out;
}

/** Checks the body of `PATCH /v4/sessions/{id}`. */
export function validateUpdateSessionRequest(value: unknown, path = ""): UpdateSessionRequest {
  const o = object(value, path);
  const out: UpdateSessionRequest = {};
  if (o.resuming !== undefined) out.resuming = boolean(o, "resuming", path);
  if (o.timeout !== undefined) {
    const n = integer(o, "timeout", path);
    if (n < 0)
      throw new ProtocolValidationError(join(path, "timeout"), n, "an integer number of seconds ≥ 0");
    out.timeout = n;
  }
  return out;
}

/** Checks the answer of `PATCH /v4/sessions/{id}`. */
export function validateSessionInfo(value: unknown, path = ""): SessionInfo {
  const o = object(value, path);
  return { resuming: boolean(o, "resuming", path), timeout: integer(o, "timeout", path) };
}
