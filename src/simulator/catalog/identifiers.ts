import type { MockSource } from "../../mock/index.js";

/** A search prefix the catalog answers, with the source whose tracks it returns. */
export interface SearchPrefix {
  readonly prefix: string;
  readonly source: MockSource;
  /** YouTube Music hits link to music.youtube.com. */
  readonly music: boolean;
}

/** Prefixes of Lavalink's built-in sources plus LavaSrc's, as Lavalink clients send them. */
export const CATALOG_SEARCH_PREFIXES: readonly SearchPrefix[] = [
  { prefix: "ytsearch:", source: "youtube", music: false },
  { prefix: "ytmsearch:", source: "youtube", music: true },
  { prefix: "scsearch:", source: "soundcloud", music: false },
  { prefix: "spsearch:", source: "spotify", music: false },
  { prefix: "amsearch:", source: "applemusic", music: false },
  { prefix: "dzsearch:", source: "deezer", music: false },
];

/** What an identifier names, before anything is generated for it. */
export type ParsedIdentifier =
  | { kind: "search"; search: SearchPrefix; query: string }
  | { kind: "track"; source: MockSource; id: string; uri: string; stream: boolean; music: boolean }
  | {
      kind: "playlist";
      source: MockSource;
      /** `album`, `playlist`, `artist` (top tracks) or `set` (SoundCloud). */
      collection: "album" | "playlist" | "artist" | "set";
      id: string;
      url: string;
      /** YouTube `watch?v=X&list=Y`: the video the URL points at. */
      selectedId?: string;
    }
  | { kind: "unsupported-url"; url: string }
  | { kind: "unknown" };

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const SPOTIFY_ID = /^[0-9A-Za-z]{22}$/;
const DIGITS = /^\d+$/;
const AUDIO_EXTENSION = /\.(mp3|ogg|oga|opus|flac|wav|m4a|aac|webm|mka|mp4)$/i;

/** Classifies an identifier the way Lavalink's source managers would route it. */
export function parseIdentifier(identifier: string): ParsedIdentifier {
  for (const search of CATALOG_SEARCH_PREFIXES) {
    if (identifier.startsWith(search.prefix)) {
      return { kind: "search", search, query: identifier.slice(search.prefix.length).trim() };
    }
  }
  const spotifyUri = /^spotify:(track|album|playlist|artist):([0-9A-Za-z]{22})$/.exec(identifier);
  if (spotifyUri !== null) return spotify(spotifyUri[1] as string, spotifyUri[2] as string);
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
  const parsed = byHost(host, url, segments);
  if (parsed !== undefined) return parsed;
  if (AUDIO_EXTENSION.test(url.pathname)) {
    return { kind: "track", source: "http", id: identifier, uri: identifier, stream: false, music: false };
  }
  return { kind: "unsupported-url", url: identifier };
}

function byHost(host: string, url: URL, segments: string[]): ParsedIdentifier | undefined {
  const [first, second, third, fourth] = segments;
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
    case "open.spotify.com": {
      // Localised links carry an `intl-xx` segment first.
      const rest = first?.startsWith("intl-") ? segments.slice(1) : segments;
      const [type, id] = rest;
      if (type === undefined || id === undefined || !SPOTIFY_ID.test(id)) return { kind: "unknown" };
      return spotify(type, id);
    }
    case "music.apple.com": {
      // /{country}/album/{name}/{id}?i={track}, /{country}/song/{name}/{id}, /{country}/playlist/{name}/{pl.id}
      const type = second;
      const id = fourth ?? third;
      if (type === undefined || id === undefined) return { kind: "unsupported-url", url: url.href };
      const trackId = url.searchParams.get("i");
      if (type === "album" && trackId !== null && DIGITS.test(trackId)) return apple("song", trackId);
      return apple(type, id);
    }
    case "deezer.com": {
      // An optional language segment precedes the type: /en/track/123.
      const rest = first !== undefined && /^[a-z]{2}$/.test(first) ? segments.slice(1) : segments;
      const [type, id] = rest;
      if (type === undefined || id === undefined || !DIGITS.test(id)) return { kind: "unknown" };
      if (type === "track") {
        return {
          kind: "track",
          source: "deezer",
          id,
          uri: `https://www.deezer.com/track/${id}`,
          stream: false,
          music: false,
        };
      }
      if (type === "album" || type === "playlist" || type === "artist") {
        return {
          kind: "playlist",
          source: "deezer",
          collection: type,
          id,
          url: `https://www.deezer.com/${type}/${id}`,
        };
      }
      return { kind: "unsupported-url", url: url.href };
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

function spotify(type: string, id: string): ParsedIdentifier {
  if (type === "track") {
    return {
      kind: "track",
      source: "spotify",
      id,
      uri: `https://open.spotify.com/track/${id}`,
      stream: false,
      music: false,
    };
  }
  if (type === "album" || type === "playlist" || type === "artist") {
    return {
      kind: "playlist",
      source: "spotify",
      collection: type,
      id,
      url: `https://open.spotify.com/${type}/${id}`,
    };
  }
  return { kind: "unknown" };
}

function apple(type: string, id: string): ParsedIdentifier {
  if (type === "song" && DIGITS.test(id)) {
    // The catalog builds the album-style URI itself; `uri` here is only the canonical song link.
    return {
      kind: "track",
      source: "applemusic",
      id,
      uri: `https://music.apple.com/us/song/${id}`,
      stream: false,
      music: false,
    };
  }
  if ((type === "album" && DIGITS.test(id)) || (type === "playlist" && id.startsWith("pl."))) {
    return {
      kind: "playlist",
      source: "applemusic",
      collection: type,
      id,
      url: `https://music.apple.com/us/${type}/${id}`,
    };
  }
  if (type === "artist" && DIGITS.test(id)) {
    return {
      kind: "playlist",
      source: "applemusic",
      collection: "artist",
      id,
      url: `https://music.apple.com/us/artist/${id}`,
    };
  }
  return { kind: "unknown" };
}
