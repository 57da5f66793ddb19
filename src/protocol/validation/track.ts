import type { LoadResult, PlaylistData } from "../types/rest.js";
import type { ExceptionSeverity, LavalinkException, Track, TrackInfo } from "../types/track.js";
import { ProtocolValidationError } from "./errors.js";
import {
  array,
  boolean,
  integer,
  join,
  jsonObject,
  nullableString,
  type Obj,
  object,
  oneOf,
  string,
} from "./guards.js";

const SEVERITIES: readonly ExceptionSeverity[] = ["common", "suspicious", "fault"];
const LOAD_TYPES = ["track", "playlist", "search", "empty", "error"] as const;

/** Checks a track info object. */
export function validateTrackInfo(value: unknown, path = "info"): TrackInfo {
  const o = object(value, path);
  return {
    identifier: string(o, "identifier", path),
    isSeekable: boolean(o, "isSeekable", path),
    author: string(o, "author", path),
    length: integer(o, "length", path),
    isStream: boolean(o, "isStream", path),
    position: integer(o, "position", path),
    title: string(o, "title", path),
    uri: nullableString(o, "uri", path),
    artworkUrl: nullableString(o, "artworkUrl", path),
    isrc: nullableString(o, "isrc", path),
    sourceName: string(o, "sourceName", path),
  };
}

/** Checks a track object; fills the `pluginInfo`/`userData` objects older servers may omit. */
export function validateTrack(value: unknown, path = "track"): Track {
  const o = object(value, path);
  return {
    encoded: string(o, "encoded", path),
    info: validateTrackInfo(o.info, join(path, "info")),
    pluginInfo: jsonObject(o, "pluginInfo", path),
    userData: jsonObject(o, "userData", path),
  };
}

/** Checks a Lavalink exception object. */
export function validateException(value: unknown, path = "exception"): LavalinkException {
  const o = object(value, path);
  const exception: LavalinkException = {
    message: nullableString(o, "message", path),
    severity: oneOf(o, "severity", path, SEVERITIES),
    cause: typeof o.cause === "string" ? o.cause : string(o, "cause", path),
  };
  if (o.causeStackTrace !== undefined) exception.causeStackTrace = string(o, "causeStackTrace", path);
  return exception;
}

function validateTracks(o: Obj, key: string, path: string): Track[] {
  return array(o, key, path).map((t, i) => validateTrack(t, `${join(path, key)}[${i}]`));
}

export function validatePlaylist(value: unknown, path: string): PlaylistData {
  const o = object(value, path);
  const info = object(o.info, join(path, "info"));
  return {
    info: {
      name: string(info, "name", join(path, "info")),
      selectedTrack: integer(info, "selectedTrack", join(path, "info")),
    },
    pluginInfo: jsonObject(o, "pluginInfo", path),
    tracks: validateTracks(o, "tracks", path),
  };
}

/** Checks a `GET /v4/loadtracks` answer. */
export function validateLoadResult(value: unknown, path = ""): LoadResult {
  const o = object(value, path);
  const loadType = oneOf(o, "loadType", path, LOAD_TYPES);
  const dataPath = join(path, "data");
  switch (loadType) {
    case "track":
      return { loadType, data: validateTrack(o.data, dataPath) };
    case "playlist":
      return { loadType, data: validatePlaylist(o.data, dataPath) };
    case "search":
      return { loadType, data: validateTracks(o, "data", path) };
    case "empty":
      if (o.data !== undefined && o.data !== null) object(o.data, dataPath);
      return { loadType, data: {} };
    case "error":
      return { loadType, data: validateException(o.data, dataPath) };
    default:
      throw new ProtocolValidationError(join(path, "loadType"), loadType, "a load type");
  }
}
