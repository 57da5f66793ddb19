/**
 * Paths of the Lavalink v4 REST API and WebSocket, shared by the client (to call them) and the
 * simulator (to serve them) so the two can never disagree about a URL.
 */

/** The API prefix of every v4 route except `/version`. */
export const API_PREFIX = "/v4";

export const WEBSOCKET_PATH = "/v4/websocket";

/** Header names of the WebSocket handshake. */
export const Headers = Object.freeze({
  Authorization: "Authorization",
  UserId: "User-Id",
  ClientName: "Client-Name",
  SessionId: "Session-Id",
});

/** Lavalink sends this response header on the handshake when a session was resumed. */
export const SESSION_RESUMED_HEADER = "Session-Resumed";

export const Routes = Object.freeze({
  version: () => "/version",
  info: () => "/v4/info",
  stats: () => "/v4/stats",
  loadTracks: (identifier: string) => `/v4/loadtracks?identifier=${encodeURIComponent(identifier)}`,
  decodeTrack: (encoded: string) => `/v4/decodetrack?encodedTrack=${encodeURIComponent(encoded)}`,
  decodeTracks: () => "/v4/decodetracks",
  session: (sessionId: string) => `/v4/sessions/${encodeURIComponent(sessionId)}`,
  players: (sessionId: string) => `/v4/sessions/${encodeURIComponent(sessionId)}/players`,
  player: (sessionId: string, guildId: string, noReplace?: boolean) =>
    `/v4/sessions/${encodeURIComponent(sessionId)}/players/${encodeURIComponent(guildId)}${
      noReplace === undefined ? "" : `?noReplace=${noReplace}`
    }`,
  routePlannerStatus: () => "/v4/routeplanner/status",
  routePlannerFreeAddress: () => "/v4/routeplanner/free/address",
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
  youtube: "ytsearch:",
  youtubeMusic: "ytmsearch:",
  soundcloud: "scsearch:",
  spotify: "spsearch:",
  appleMusic: "amsearch:",
  deezer: "dzsearch:",
});

export type SearchSource = keyof typeof SEARCH_PREFIXES;
