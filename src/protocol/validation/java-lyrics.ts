import type {
  JavaLyrics,
  JavaLyricsAlbumArt,
  JavaLyricsLine,
  JavaLyricsSearchHit,
  JavaLyricsTrack,
} from "../types/java-lyrics.js";
import { ProtocolValidationError } from "./errors.js";
import { array, isObject, join, nullableString, number, object, string } from "./guards.js";

function albumArt(value: unknown, path: string): JavaLyricsAlbumArt {
  const o = object(value, path);
  return { url: string(o, "url", path), height: number(o, "height", path), width: number(o, "width", path) };
}

function track(value: unknown, path: string): JavaLyricsTrack {
  const o = object(value, path);
  const art = o.albumArt;
  return {
    title: string(o, "title", path),
    author: string(o, "author", path),
    album: nullableString(o, "album", path),
    // Genius builds its track without art in some answers: absent is an empty list.
    albumArt:
      art === null || art === undefined
        ? []
        : array(o, "albumArt", path).map((a, i) => albumArt(a, join(path, `albumArt[${i}]`))),
  };
}

function line(value: unknown, path: string): JavaLyricsLine {
  const o = object(value, path);
  const range = object(o.range, join(path, "range"));
  return {
    line: string(o, "line", path),
    range: {
      start: number(range, "start", join(path, "range")),
      end: number(range, "end", join(path, "range")),
    },
  };
}

/** A java-lyrics-plugin lyrics answer (`type` `timed` or `text`). */
export function validateJavaLyrics(value: unknown, path = "lyrics"): JavaLyrics {
  const o = object(value, path);
  const base = { track: track(o.track, join(path, "track")), source: string(o, "source", path) };
  if (o.type === "timed") {
    return {
      type: "timed",
      ...base,
      lines: array(o, "lines", path).map((l, i) => line(l, join(path, `lines[${i}]`))),
    };
  }
  if (o.type === "text") return { type: "text", ...base, text: string(o, "text", path) };
  throw new ProtocolValidationError(join(path, "type"), o.type, '"timed" or "text"');
}

/** The `youtube` answer of `GET /v4/lyrics/search`: a list of videos. */
export function validateJavaLyricsSearch(value: unknown, path = "search"): JavaLyricsSearchHit[] {
  if (!Array.isArray(value)) throw new ProtocolValidationError(path, value, "an array");
  return value.map((hit, i) => {
    const p = `${path}[${i}]`;
    if (!isObject(hit)) throw new ProtocolValidationError(p, hit, "an object");
    return { videoId: string(hit, "videoId", p), title: string(hit, "title", p) };
  });
}
