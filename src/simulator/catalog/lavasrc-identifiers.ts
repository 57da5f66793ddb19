import type { MockSource } from "../../mock/index.js";
import type { ParsedIdentifier } from "./identifier-types.js";

/**
 * The links LavaSrc's source managers (release 4.8) take, routed the way their URL patterns do.
 * Only consulted when the node runs LavaSrc: without it these hosts reach lavaplayer's HTTP source.
 */

type Parsed = ParsedIdentifier | undefined;
type Collection = "album" | "playlist" | "artist" | "mix";

const SPOTIFY_ID = /^[A-Za-z0-9_-]+$/;
const DIGITS = /^\d+$/;

function track(source: MockSource, id: string, uri: string): ParsedIdentifier {
  return { kind: "track", source, id, uri, stream: false, music: false };
}

function collection(source: MockSource, type: Collection, id: string, url: string): ParsedIdentifier {
  return { kind: "playlist", source, collection: type, id, url };
}

/** A LavaSrc link, or undefined when `host` is none of its sources' (or the path is not one it routes). */
export function lavaSrcHost(host: string, url: URL, segments: string[]): Parsed {
  switch (host) {
    case "open.spotify.com":
      return spotify(segments);
    case "music.apple.com":
      return apple(url, segments);
    case "deezer.com":
      return deezer(segments);
    case "deezer.page.link":
    case "link.deezer.com": {
      // A share link redirects to a deezer.com page; the simulator resolves it to a track of its own.
      const code = segments.join("/");
      if (code.length === 0) return undefined;
      const id = String((hash(code) % 900_000_000) + 100_000_000);
      return track("deezer", id, `https://deezer.com/track/${id}`);
    }
    case "music.yandex.ru":
    case "music.yandex.com":
    case "music.yandex.kz":
    case "music.yandex.by":
      return yandex(host, segments);
    case "vk.com":
    case "vk.ru":
      return vk(url, segments);
    case "tidal.com":
    case "listen.tidal.com":
      return tidal(segments);
    case "qobuz.com":
    case "play.qobuz.com":
    case "open.qobuz.com":
      return qobuz(segments);
    case "jiosaavn.com":
      return jioSaavn(url, segments);
    default:
      return undefined;
  }
}

function spotify(segments: string[]): Parsed {
  // SpotifySourceManager.URL_PATTERN: an optional region (`intl-de`) and `user/<name>/` precede the type.
  let rest = segments;
  if (rest[0] !== undefined && !["track", "album", "playlist", "artist", "user"].includes(rest[0])) {
    rest = rest.slice(1);
  }
  if (rest[0] === "user") rest = rest.slice(2);
  const [type, id] = rest;
  if (type === undefined || id === undefined || !SPOTIFY_ID.test(id)) return { kind: "unknown" };
  if (type === "track") return track("spotify", id, `https://open.spotify.com/track/${id}`);
  if (type === "album" || type === "playlist" || type === "artist") {
    return collection("spotify", type, id, `https://open.spotify.com/${type}/${id}`);
  }
  return { kind: "unknown" };
}

function apple(url: URL, segments: string[]): Parsed {
  // /{country}/album/{name}/{id}?i={track}, /{country}/song/{name}/{id}, /{country}/playlist/{name}/{pl.id}
  const rest = segments[0] !== undefined && /^[a-z]{2}$/i.test(segments[0]) ? segments.slice(1) : segments;
  const type = rest[0];
  const id = rest[2] ?? rest[1];
  if (type === undefined || id === undefined) return { kind: "unknown" };
  const trackId = url.searchParams.get("i");
  if (type === "album" && trackId !== null && DIGITS.test(trackId)) {
    return track("applemusic", trackId, `https://music.apple.com/us/song/${trackId}`);
  }
  if (type === "song" && DIGITS.test(id)) {
    return track("applemusic", id, `https://music.apple.com/us/song/${id}`);
  }
  if (
    ((type === "album" || type === "artist") && DIGITS.test(id)) ||
    (type === "playlist" && id.startsWith("pl."))
  ) {
    return collection("applemusic", type, id, `https://music.apple.com/us/${type}/${id}`);
  }
  return { kind: "unknown" };
}

function deezer(segments: string[]): Parsed {
  // An optional language segment precedes the type: /en/track/123.
  const rest = segments[0] !== undefined && /^[a-z]{2}$/i.test(segments[0]) ? segments.slice(1) : segments;
  const [type, id] = rest;
  if (type === undefined || id === undefined || !DIGITS.test(id)) return { kind: "unknown" };
  if (type === "track") return track("deezer", id, `https://deezer.com/track/${id}`);
  if (type === "album" || type === "playlist" || type === "artist") {
    return collection("deezer", type, id, `https://www.deezer.com/${type}/${id}`);
  }
  return { kind: "unknown" };
}

function yandex(host: string, segments: string[]): Parsed {
  const [first, second, third, fourth] = segments;
  const base = `https://${host}`;
  if (first === "album" && second !== undefined && DIGITS.test(second)) {
    if (third === "track" && fourth !== undefined && DIGITS.test(fourth)) {
      return track("yandexmusic", fourth, `${base}/track/${fourth}`);
    }
    return collection("yandexmusic", "album", second, `${base}/album/${second}`);
  }
  if (first === "track" && second !== undefined && DIGITS.test(second)) {
    return track("yandexmusic", second, `${base}/track/${second}`);
  }
  if (first === "artist" && second !== undefined && DIGITS.test(second)) {
    return collection("yandexmusic", "artist", second, `${base}/artist/${second}`);
  }
  if (first === "users" && second !== undefined && third === "playlists" && fourth !== undefined) {
    const id = `${second}/${fourth}`;
    return collection("yandexmusic", "playlist", id, `${base}/users/${second}/playlists/${fourth}`);
  }
  if (first === "playlists" && second !== undefined) {
    return collection("yandexmusic", "playlist", second, `${base}/playlists/${second}`);
  }
  return undefined;
}

function vk(url: URL, segments: string[]): Parsed {
  const [first, second, third] = segments;
  // `audios<user>?…&z=audio_playlist<owner>_<id>`: a playlist opened from a user's audio page.
  const z = url.searchParams.get("z");
  const header = first?.startsWith("audios") && z !== null ? /^audio_playlist(-?\w+?_-?\w+)/.exec(z) : null;
  if (header?.[1] !== undefined) {
    return collection("vkmusic", "playlist", header[1], `https://vk.com/music/playlist/${header[1]}`);
  }
  if (first === "music" && (second === "playlist" || second === "album") && third !== undefined) {
    return collection("vkmusic", second, third, `https://vk.com/music/${second}/${third}`);
  }
  const audio = first === undefined ? null : /^audio(-?\d+)_(-?\d+)/.exec(first);
  if (audio !== null) {
    const id = `${audio[1]}_${audio[2]}`;
    return track("vkmusic", id, `https://vk.com/audio${id}`);
  }
  if (first === "artist" && second !== undefined) {
    return collection("vkmusic", "artist", second, `https://vk.com/artist/${second}`);
  }
  return undefined;
}

function tidal(segments: string[]): Parsed {
  const rest = segments[0] === "browse" ? segments.slice(1) : segments;
  const [type, id] = rest;
  if (type === undefined || id === undefined || !/^[A-Za-z0-9-]+$/.test(id)) return undefined;
  if (type === "track") return track("tidal", id, `http://www.tidal.com/track/${id}`);
  if (type === "album" || type === "playlist" || type === "mix") {
    return collection("tidal", type, id, `http://www.tidal.com/${type}/${id}`);
  }
  return undefined;
}

function qobuz(segments: string[]): Parsed {
  // An optional locale (`fr-fr`) and slug segments; the id is the last segment.
  const rest =
    segments[0] !== undefined && /^[a-z]{2}-[a-z]{2}$/.test(segments[0]) ? segments.slice(1) : segments;
  const type = rest[0];
  const id = rest.at(-1);
  if (type === undefined || id === undefined || rest.length < 2 || !/^[A-Za-z0-9]+$/.test(id))
    return undefined;
  if (type === "track") return track("qobuz", id, `https://open.qobuz.com/track/${id}`);
  if (type === "album" || type === "playlist" || type === "artist") {
    return collection("qobuz", type, id, `https://open.qobuz.com/${type}/${id}`);
  }
  return undefined;
}

function jioSaavn(url: URL, segments: string[]): Parsed {
  // JioSaavnAudioSourceManager.URL_PATTERN only matches the www host over https.
  if (url.protocol !== "https:" || !url.hostname.startsWith("www.")) return undefined;
  const typed =
    segments[0] === "s" && segments[1] === "playlist" ? ["s/playlist", ...segments.slice(2)] : segments;
  const [type, slug, id] = typed;
  if (type === undefined || slug === undefined || id === undefined || !/^[A-Za-z0-9_,-]+$/.test(id)) {
    return undefined;
  }
  const link = `https://www.jiosaavn.com/${type}/${slug}/${id}`;
  if (type === "song") return track("jiosaavn", id, link);
  if (type === "album" || type === "artist") return collection("jiosaavn", type, id, link);
  if (type === "featured" || type === "s/playlist") return collection("jiosaavn", "playlist", id, link);
  return undefined;
}

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) >>> 0;
  return h;
}
