import type {
  Chapter,
  KnownPluginEvent,
  Lyrics,
  LyricsLine,
  PluginEvent,
  SearchCollection,
  SearchResult,
  Segment,
  UnknownPluginEvent,
} from "../types/plugins.js";
import { ProtocolValidationError } from "./errors.js";
import {
  array,
  boolean,
  integer,
  join,
  jsonObject,
  nullableString,
  number,
  type Obj,
  object,
  string,
} from "./guards.js";
import { validatePlaylist, validateTrack } from "./track.js";

function nullableNumber(o: Obj, key: string, path: string): number | null {
  const v = o[key];
  if (v === null || v === undefined) return null;
  return number(o, key, path);
}

/** One LavaLyrics line. */
export function validateLyricsLine(value: unknown, path = "line"): LyricsLine {
  const o = object(value, path);
  return {
    timestamp: number(o, "timestamp", path),
    duration: nullableNumber(o, "duration", path),
    line: string(o, "line", path),
    plugin: jsonObject(o, "plugin", path),
  };
}

/** A LavaLyrics `Lyrics` object (`GET /v4/lyrics`, the current-track route, `LyricsFoundEvent`). */
export function validateLyrics(value: unknown, path = "lyrics"): Lyrics {
  const o = object(value, path);
  const lines = o.lines;
  return {
    sourceName: string(o, "sourceName", path),
    provider: nullableString(o, "provider", path),
    text: nullableString(o, "text", path),
    lines:
      lines === null || lines === undefined
        ? null
        : array(o, "lines", path).map((l, i) => validateLyricsLine(l, join(path, `lines[${i}]`))),
    plugin: jsonObject(o, "plugin", path),
  };
}

/** A SponsorBlock segment. */
export function validateSegment(value: unknown, path = "segment"): Segment {
  const o = object(value, path);
  return {
    category: string(o, "category", path),
    start: number(o, "start", path),
    end: number(o, "end", path),
  };
}

/** A SponsorBlock chapter. */
export function validateChapter(value: unknown, path = "chapter"): Chapter {
  const o = object(value, path);
  return {
    name: string(o, "name", path),
    start: number(o, "start", path),
    end: number(o, "end", path),
    duration: number(o, "duration", path),
  };
}

/** The SponsorBlock categories route answer: an array of strings. */
export function validateStringArray(value: unknown, path = ""): string[] {
  if (!Array.isArray(value)) throw new ProtocolValidationError(path, value, "an array of strings");
  value.forEach((v, i) => {
    if (typeof v !== "string") throw new ProtocolValidationError(`${path}[${i}]`, v, "a string");
  });
  return value as string[];
}

function collection(value: unknown, path: string): SearchCollection {
  const playlist = validatePlaylist(value, path);
  return { info: playlist.info, pluginInfo: playlist.pluginInfo, tracks: playlist.tracks };
}

/** A LavaSearch `GET /v4/loadsearch` answer. */
export function validateSearchResult(value: unknown, path = ""): SearchResult {
  const o = object(value, path);
  const list = <T>(key: string, item: (v: unknown, p: string) => T): T[] =>
    array(o, key, path).map((v, i) => item(v, join(path, `${key}[${i}]`)));
  return {
    tracks: list("tracks", validateTrack),
    albums: list("albums", collection),
    artists: list("artists", collection),
    playlists: list("playlists", collection),
    texts: list("texts", (v, p) => {
      const t = object(v, p);
      return { text: string(t, "text", p), plugin: jsonObject(t, "plugin", p) };
    }),
    plugin: jsonObject(o, "plugin", path),
  };
}

/** Types of the plugin events Sonora checks field by field. */
const KNOWN_PLUGIN_EVENTS = new Set<string>([
  "LyricsFoundEvent",
  "LyricsNotFoundEvent",
  "LyricsLineEvent",
  "SegmentsLoaded",
  "SegmentSkipped",
  "ChaptersLoaded",
  "ChapterStarted",
]);

/** True for the `type` of a plugin event Sonora types (see {@link KnownPluginEvent}). */
export function isKnownPluginEventType(type: unknown): type is KnownPluginEvent["type"] {
  return typeof type === "string" && KNOWN_PLUGIN_EVENTS.has(type);
}

/**
 * Checks an `op: "event"` frame that is not one of Lavalink's own events. The plugin events Sonora
 * knows are checked field by field; any other is returned untouched (only `type` must be a string),
 * so a plugin Sonora has never heard of still reaches the bot.
 */
export function validatePluginEvent(o: Obj): PluginEvent {
  const type = o.type;
  if (typeof type !== "string") throw new ProtocolValidationError("type", type, "a string");
  if (!isKnownPluginEventType(type)) {
    if (o.guildId !== undefined && typeof o.guildId !== "string") {
      throw new ProtocolValidationError("guildId", o.guildId, "a string");
    }
    return o as UnknownPluginEvent;
  }
  const guildId = string(o, "guildId", "");
  switch (type) {
    case "LyricsFoundEvent":
      return { op: "event", type, guildId, lyrics: validateLyrics(o.lyrics) };
    case "LyricsNotFoundEvent":
      return { op: "event", type, guildId };
    case "LyricsLineEvent":
      return {
        op: "event",
        type,
        guildId,
        lineIndex: integer(o, "lineIndex", ""),
        line: validateLyricsLine(o.line),
        skipped: boolean(o, "skipped", ""),
      };
    case "SegmentsLoaded":
      return {
        op: "event",
        type,
        guildId,
        segments: array(o, "segments", "").map((s, i) => validateSegment(s, `segments[${i}]`)),
      };
    case "SegmentSkipped":
      return { op: "event", type, guildId, segment: validateSegment(o.segment) };
    case "ChaptersLoaded":
      return {
        op: "event",
        type,
        guildId,
        chapters: array(o, "chapters", "").map((c, i) => validateChapter(c, `chapters[${i}]`)),
      };
    case "ChapterStarted":
      return { op: "event", type, guildId, chapter: validateChapter(o.chapter) };
  }
}
