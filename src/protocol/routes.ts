/**
 * Paths of the Lavalink v4 REST API and WebSocket, shared by the client (to call them) and the
 * simulator (to serve them) so the two can never disagree about a URL.
 */

/** The API prefix of every v4 route except `/version`. */
export const API_PREFIX = "/v4";

/** Path of the node WebSocket. */
export const WEBSOCKET_PATH = "/v4/websocket";

/** Header names of the WebSocket handshake. */
export const Headers = Object.freeze({
  /** The node password. */
  Authorization: "Authorization",
  /** The bot's Discord user id. */
  UserId: "User-Id",
  /** `NAME/VERSION` of the client. */
  ClientName: "Client-Name",
  /** A previous session to resume. */
  SessionId: "Session-Id",
});

/** Lavalink sends this response header on the handshake when a session was resumed. */
export const SESSION_RESUMED_HEADER = "Session-Resumed";

/** Builders for every REST path of the v4 API; path segments and query values are URI-encoded. */
export const Routes = Object.freeze({
  /** `GET` — the server version as plain text. */
  version: () => "/version",
  /** `GET` — {@link NodeInfo}. */
  info: () => "/v4/info",
  /** `GET` — {@link Stats} without frame stats. */
  stats: () => "/v4/stats",
  /** `GET` — resolve an identifier, URL or search into a {@link LoadResult}. */
  loadTracks: (identifier: string) => `/v4/loadtracks?identifier=${encodeURIComponent(identifier)}`,
  /** `GET` — decode one encoded track. */
  decodeTrack: (encoded: string) => `/v4/decodetrack?encodedTrack=${encodeURIComponent(encoded)}`,
  /** `POST` — decode many encoded tracks. */
  decodeTracks: () => "/v4/decodetracks",
  /** `PATCH` — resuming settings of a session. */
  session: (sessionId: string) => `/v4/sessions/${encodeURIComponent(sessionId)}`,
  /** `GET` — every player of a session. */
  players: (sessionId: string) => `/v4/sessions/${encodeURIComponent(sessionId)}/players`,
  /** `GET`/`PATCH`/`DELETE` — one player; `noReplace` only matters for PATCH. */
  player: (sessionId: string, guildId: string, noReplace?: boolean) =>
    `/v4/sessions/${encodeURIComponent(sessionId)}/players/${encodeURIComponent(guildId)}${
      noReplace === undefined ? "" : `?noReplace=${noReplace}`
    }`,
  /** `GET` — route planner status, 204 when none. */
  routePlannerStatus: () => "/v4/routeplanner/status",
  /** `POST` — unmark one failing address. */
  routePlannerFreeAddress: () => "/v4/routeplanner/free/address",
  /** `POST` — unmark every failing address. */
  routePlannerFreeAll: () => "/v4/routeplanner/free/all",
});

/** HTTP reason phrases used in {@link ErrorResponse.error}, as Spring (and so Lavalink) spells them. */
export const HTTP_REASON: Readonly<Record<number, string>> = Object.freeze({
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
});

/** Search prefixes understood by Lavalink and by common source plugins (LavaSrc). */
export const SEARCH_PREFIXES = Object.freeze({
  /** YouTube search. */
  youtube: "ytsearch:",
  /** YouTube Music search. */
  youtubeMusic: "ytmsearch:",
  /** SoundCloud search. */
  soundcloud: "scsearch:",
  /** Spotify search (LavaSrc plugin). */
  spotify: "spsearch:",
  /** Apple Music search (LavaSrc plugin). */
  appleMusic: "amsearch:",
  /** Deezer search (LavaSrc plugin). */
  deezer: "dzsearch:",
  /** Yandex Music search (LavaSrc plugin). */
  yandexMusic: "ymsearch:",
  /** VK Music search (LavaSrc plugin). */
  vkMusic: "vksearch:",
  /** Tidal search (LavaSrc plugin). */
  tidal: "tdsearch:",
  /** Qobuz search (LavaSrc plugin). */
  qobuz: "qbsearch:",
  /** JioSaavn search (LavaSrc plugin). */
  jioSaavn: "jssearch:",
});

/** The search sources only LavaSrc serves (a plain Lavalink answers their prefixes with `empty`). */
export const LAVASRC_SEARCH_SOURCES: ReadonlySet<SearchSource> = new Set<SearchSource>([
  "spotify",
  "appleMusic",
  "deezer",
  "yandexMusic",
  "vkMusic",
  "tidal",
  "qobuz",
  "jioSaavn",
]);

/** A named search source; see {@link SEARCH_PREFIXES}. */
export type SearchSource = keyof typeof SEARCH_PREFIXES;

const playerPath = (sessionId: string, guildId: string): string =>
  `/v4/sessions/${encodeURIComponent(sessionId)}/players/${encodeURIComponent(guildId)}`;

/** REST paths the common plugins add (LavaSearch, LavaLyrics, SponsorBlock), as their sources declare them. */
export const PluginRoutes = Object.freeze({
  /** `GET` — LavaSearch: a {@link SearchResult}, 204 when no source handles the query. */
  loadSearch: (query: string, types?: readonly string[]) =>
    `/v4/loadsearch?query=${encodeURIComponent(query)}${
      types === undefined || types.length === 0 ? "" : `&types=${encodeURIComponent(types.join(","))}`
    }`,
  /** `GET` — LavaLyrics: {@link Lyrics} of an encoded track, 204 when none. */
  lyrics: (encodedTrack: string, skipTrackSource = false) =>
    `/v4/lyrics?track=${encodeURIComponent(encodedTrack)}&skipTrackSource=${skipTrackSource}`,
  /** `GET` — LavaLyrics: lyrics of a player's current track (404 "No track playing"), 204 when none. */
  currentLyrics: (sessionId: string, guildId: string, skipTrackSource = false) =>
    `${playerPath(sessionId, guildId)}/track/lyrics?skipTrackSource=${skipTrackSource}`,
  /** `POST` subscribes / `DELETE` unsubscribes — LavaLyrics live lyrics events of a player. */
  lyricsSubscription: (sessionId: string, guildId: string, skipTrackSource?: boolean) =>
    `${playerPath(sessionId, guildId)}/lyrics/subscribe${
      skipTrackSource === undefined ? "" : `?skipTrackSource=${skipTrackSource}`
    }`,
  /** `GET`/`PUT`/`DELETE` — SponsorBlock: the categories skipped on a player. */
  sponsorBlockCategories: (sessionId: string, guildId: string) =>
    `${playerPath(sessionId, guildId)}/sponsorblock/categories`,
  /** `GET` — java-lyrics-plugin: lyrics of a YouTube video (404 "Lyrics were not found"). */
  javaLyrics: (videoId: string) => `/v4/lyrics/${encodeURIComponent(videoId)}`,
  /** `GET` — java-lyrics-plugin: videos for a query (`youtube`), or Genius' first text lyrics. */
  javaLyricsSearch: (query: string, source?: string) =>
    `/v4/lyrics/search?query=${encodeURIComponent(query)}${
      source === undefined ? "" : `&source=${encodeURIComponent(source)}`
    }`,
  /** `GET` — java-lyrics-plugin: lyrics of a player's track (400 "Not currently playing anything"). */
  javaPlayerLyrics: (sessionId: string, guildId: string) => `${playerPath(sessionId, guildId)}/lyrics`,
});
