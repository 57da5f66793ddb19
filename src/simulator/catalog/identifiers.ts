import type { ParsedIdentifier, SearchPrefix } from "./identifier-types.js";
import { lavaSrcHost } from "./lavasrc-identifiers.js";

export type { ParsedIdentifier, SearchPrefix } from "./identifier-types.js";

/** Prefixes of Lavalink's built-in sources plus LavaSrc's (release 4.8), as Lavalink clients send them. */
export const CATALOG_SEARCH_PREFIXES: readonly SearchPrefix[] = [
  { prefix: "ytsearch:", source: "youtube", music: false, lavaSrc: false },
  { prefix: "ytmsearch:", source: "youtube", music: true, lavaSrc: false },
  { prefix: "scsearch:", source: "soundcloud", music: false, lavaSrc: false },
  { prefix: "spsearch:", source: "spotify", music: false, lavaSrc: true },
  { prefix: "amsearch:", source: "applemusic", music: false, lavaSrc: true },
  { prefix: "dzsearch:", source: "deezer", music: false, lavaSrc: true },
  { prefix: "ymsearch:", source: "yandexmusic", music: false, lavaSrc: true },
  { prefix: "vksearch:", source: "vkmusic", music: false, lavaSrc: true },
  { prefix: "tdsearch:", source: "tidal", music: false, lavaSrc: true },
  { prefix: "qbsearch:", source: "qobuz", music: false, lavaSrc: true },
  { prefix: "jssearch:", source: "jiosaavn", music: false, lavaSrc: true },
];

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const AUDIO_EXTENSION = /\.(mp3|ogg|oga|opus|flac|wav|m4a|aac|webm|mka|mp4)$/i;

/**
 * Classifies an identifier the way Lavalink's source managers would route it; LavaSrc's prefixes and
 * links only when `lavaSrc` (the node runs the plugin).
 */
export function parseIdentifier(identifier: string, lavaSrc = true): ParsedIdentifier {
  for (const search of CATALOG_SEARCH_PREFIXES) {
    if (identifier.startsWith(search.prefix) && (lavaSrc || !search.lavaSrc)) {
      return { kind: "search", search, query: identifier.slice(search.prefix.length).trim() };
    }
  }
  // lavaplayer's YouTube source also takes a bare 11-character video id.
  if (YOUTUBE_ID.test(identifier)) return youtube(identifier, null, false, false);
  if (!/^https?:\/\//i.test(identifier)) return { kind: "unknown" };
  let url: URL;
  try {
    url = new URL(identifier);
  } catch {
    return { kind: "unknown" };
  }
  const host = url.hostname.toLowerCase().replace(/^(www|m)\./, "");
  const segments = url.pathname.split("/").filter((s) => s.length > 0);
  const parsed = (lavaSrc ? lavaSrcHost(host, url, segments) : undefined) ?? byHost(host, url, segments);
  if (parsed !== undefined) return parsed;
  if (AUDIO_EXTENSION.test(url.pathname)) {
    return { kind: "track", source: "http", id: identifier, uri: identifier, stream: false, music: false };
  }
  return { kind: "unsupported-url", url: identifier };
}

function byHost(host: string, url: URL, segments: string[]): ParsedIdentifier | undefined {
  const [first, second, third] = segments;
  switch (host) {
    case "youtube.com":
    case "music.youtube.com": {
      const music = host === "music.youtube.com";
      const list = url.searchParams.get("list");
      let video: string | null = null;
      if (first === "watch") video = url.searchParams.get("v");
      else if ((first === "shorts" || first === "live") && second !== undefined) video = second;
      else if (first !== "playlist") return { kind: "unsupported-url", url: url.href };
      return youtube(video, list, music, first === "live");
    }
    case "youtu.be":
      return youtube(first ?? null, url.searchParams.get("list"), false, false);
    case "soundcloud.com": {
      if (first === undefined || second === undefined) return { kind: "unsupported-url", url: url.href };
      const canonical = `https://soundcloud.com/${first}/${second}${third === undefined ? "" : `/${third}`}`;
      if (second === "sets" && third !== undefined) {
        return {
          kind: "playlist",
          source: "soundcloud",
          collection: "set",
          id: `${first}/${third}`,
          url: canonical,
        };
      }
      if (third !== undefined) return { kind: "unsupported-url", url: url.href };
      return {
        kind: "track",
        source: "soundcloud",
        id: `${first}/${second}`,
        uri: canonical,
        stream: false,
        music: false,
      };
    }
    default:
      if (host.endsWith(".bandcamp.com") && second !== undefined) {
        const canonical = `https://${host}/${first}/${second}`;
        if (first === "track") {
          return {
            kind: "track",
            source: "bandcamp",
            id: canonical,
            uri: canonical,
            stream: false,
            music: false,
          };
        }
        if (first === "album") {
          return { kind: "playlist", source: "bandcamp", collection: "album", id: canonical, url: canonical };
        }
      }
      return undefined;
  }
}

function youtube(video: string | null, list: string | null, music: boolean, live: boolean): ParsedIdentifier {
  const base = music ? "https://music.youtube.com" : "https://www.youtube.com";
  if (list !== null && list.length > 0) {
    const selected = video !== null && YOUTUBE_ID.test(video) ? video : undefined;
    return {
      kind: "playlist",
      source: "youtube",
      collection: "playlist",
      id: list,
      url: `${base}/playlist?list=${list}`,
      ...(selected === undefined ? {} : { selectedId: selected }),
    };
  }
  if (video === null || !YOUTUBE_ID.test(video)) return { kind: "unknown" };
  return {
    kind: "track",
    source: "youtube",
    id: video,
    uri: `${base}/watch?v=${video}`,
    stream: live,
    music,
  };
}
