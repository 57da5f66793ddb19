import type { SearchType } from "../../protocol/index.js";
import {
  booleanParam,
  jsonBody,
  longParam,
  type RestRequest,
  type RestResult,
  sessionOf,
} from "./context.js";
import { HttpError } from "./http-error.js";
import { decodeForPlay } from "./players.js";

/**
 * The REST routes of the simulated plugins, with the status codes and messages of each plugin's
 * controller: LavaSearch's `AudioSearchRestHandler`, LavaLyrics' `LavaLyricsPlugin` and
 * SponsorBlock's `SponsorBlockPlugin`.
 */

export function requiredParam(req: RestRequest, name: string): string {
  const value = req.query.get(name);
  if (value === null) {
    throw new HttpError(
      400,
      `Required request parameter '${name}' for method parameter type String is not present`,
      "org.springframework.web.bind.MissingServletRequestParameterException",
    );
  }
  return value;
}

/** Kotlin's `String.toLong()` on a path variable LavaLyrics takes as a String: a 500 when it fails. */
function kotlinLong(req: RestRequest, name: string): string {
  const raw = req.params[name] ?? "";
  if (/^[+-]?\d+$/.test(raw)) {
    const n = BigInt(raw);
    if (n >= -(2n ** 63n) && n < 2n ** 63n) return n.toString();
  }
  throw new HttpError(500, `For input string: "${raw}"`, "java.lang.NumberFormatException");
}

const SEARCH_TYPE_NAMES = new Set<string>(["track", "album", "artist", "playlist", "text"]);

/** `GET /v4/loadsearch?query=…&types=…` (LavaSearch): 200 with a SearchResult, or 204. */
export function loadSearch(req: RestRequest): RestResult {
  const query = requiredParam(req, "query");
  const raw = req.query.get("types");
  // Unknown type names are dropped (Type.fromName returns null), as is a blank list.
  const types = new Set<SearchType>(
    raw === null || raw.trim() === ""
      ? []
      : (raw.split(/,\s*/).filter((t) => SEARCH_TYPE_NAMES.has(t)) as SearchType[]),
  );
  // The search managers are LavaSrc's sources: without LavaSrc no manager takes any query.
  if (!req.env.plugins.has("lavasrc")) return { status: 204 };
  const result = req.env.catalog.loadSearch(query, types);
  return result === null ? { status: 204 } : { status: 200, json: result };
}

/**
 * The lyrics of a track as the LyricsManager finds them. LavaSrc supplies the lyrics sources, so
 * without it nothing is found; `skipTrackSource` skips the track's own source (a Spotify track's
 * Spotify lyrics), and the next source (LRCLIB) answers.
 */
function findLyrics(
  req: RestRequest,
  info: Parameters<RestRequest["env"]["catalog"]["lyricsFor"]>[0],
  skip: boolean,
) {
  if (!req.env.plugins.has("lavasrc")) return null;
  const lyrics = req.env.catalog.lyricsFor(info);
  if (lyrics !== null && skip && lyrics.sourceName === info.sourceName) {
    return { ...lyrics, sourceName: "LRCLIB", provider: "LRCLIB" };
  }
  return lyrics;
}

/** `GET /v4/lyrics?track=…&skipTrackSource=…` (LavaLyrics): 200 with Lyrics, or 204. */
export function trackLyrics(req: RestRequest): RestResult {
  // A base64 `+` sent unescaped arrives as a space; lavalink-client sends the track that way.
  const encoded = requiredParam(req, "track").replaceAll(" ", "+");
  const skip = booleanParam(req, "skipTrackSource");
  const lyrics = findLyrics(req, decodeForPlay(encoded).info, skip);
  return lyrics === null ? { status: 204 } : { status: 200, json: lyrics };
}

/** `GET /v4/sessions/{sessionId}/players/{guildId}/track/lyrics` (LavaLyrics). */
export function currentTrackLyrics(req: RestRequest): RestResult {
  const skip = booleanParam(req, "skipTrackSource");
  const session = sessionOf(req);
  const player = session.players.get(kotlinLong(req, "guildId"));
  if (player === undefined) throw new HttpError(404, "Player not found");
  const track = player.loaded;
  if (track === null) throw new HttpError(404, "No track playing");
  const lyrics = findLyrics(req, track.info, skip);
  return lyrics === null ? { status: 204 } : { status: 200, json: lyrics };
}

/**
 * `POST …/lyrics/subscribe` (LavaLyrics): the subscription is stored first (so a 404 for a missing
 * player still leaves it), then lyrics of a playing track are announced at once and its lines follow.
 */
export function subscribeLyrics(req: RestRequest): RestResult {
  const skipTrackSource = booleanParam(req, "skipTrackSource");
  const session = req.env.connectedSession(req.params.sessionId ?? "");
  // The plugin looks the session up in its own map: an unknown session is a silent 204.
  if (session === undefined) return { status: 204 };
  const guildId = kotlinLong(req, "guildId");
  session.plugins.lyricsSubscriptions.set(guildId, { skipTrackSource });
  const player = session.players.get(guildId);
  if (player === undefined) throw new HttpError(404, "Player not found");
  if (!player.hasTrack) return { status: 204 };
  if (req.env.plugins.has("lavasrc")) session.pluginRuntime.startLyrics(session, player);
  else session.sendEvent({ op: "event", type: "LyricsNotFoundEvent", guildId });
  return { status: 204 };
}

/** `DELETE …/lyrics/subscribe` (LavaLyrics): always 204. */
export function unsubscribeLyrics(req: RestRequest): RestResult {
  const session = req.env.connectedSession(req.params.sessionId ?? "");
  if (session !== undefined) session.plugins.lyricsSubscriptions.delete(kotlinLong(req, "guildId"));
  return { status: 204 };
}

/** `GET …/sponsorblock/categories` (SponsorBlock): the categories, 404 when none were set. */
export function getSponsorBlockCategories(req: RestRequest): RestResult {
  const guildId = longParam(req, "guildId");
  const session = req.env.connectedSession(req.params.sessionId ?? "");
  if (session === undefined) throw new HttpError(404, "Session not found");
  const categories = session.plugins.sponsorCategories.get(guildId);
  if (categories === undefined) throw new HttpError(404, "Guild not found");
  return { status: 200, json: categories };
}

/**
 * `PUT …/sponsorblock/categories` with a JSON array of category names (SponsorBlock). The plugin
 * keeps any strings (a name SponsorBlock does not know only fails later, when segments are
 * fetched); a player need not exist. A `void` handler: 200 with no body.
 */
export function putSponsorBlockCategories(req: RestRequest): RestResult {
  const guildId = longParam(req, "guildId");
  const body = jsonBody(req);
  if (!Array.isArray(body) || body.some((c) => typeof c !== "string")) {
    throw new HttpError(
      400,
      "Failed to read request",
      "org.springframework.http.converter.HttpMessageNotReadableException",
    );
  }
  const session = req.env.connectedSession(req.params.sessionId ?? "");
  if (session === undefined) throw new HttpError(404, "Session not found");
  session.plugins.sponsorCategories.set(guildId, [...new Set(body as string[])]);
  return { status: 200, empty: true };
}

/** `DELETE …/sponsorblock/categories` (SponsorBlock): 200 with no body, even for an unknown session. */
export function deleteSponsorBlockCategories(req: RestRequest): RestResult {
  const guildId = longParam(req, "guildId");
  req.env.connectedSession(req.params.sessionId ?? "")?.plugins.sponsorCategories.delete(guildId);
  return { status: 200, empty: true };
}
