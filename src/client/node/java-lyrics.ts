import {
  decodeTrack,
  type JavaLyrics,
  type JavaLyricsSearchHit,
  type JsonObject,
  type Lyrics,
  PluginRoutes,
  validateJavaLyrics,
  validateJavaLyricsSearch,
} from "../../protocol/index.js";
import { LavalinkRestError } from "../errors/lavalink-rest-error.js";
import type { NodeRequests } from "./requests.js";
import type { RestClient } from "./rest.js";

/** What these calls need of their node (a part of the node's plugin access). */
interface PluginAccess {
  readonly rest: RestClient;
  readonly requests: NodeRequests;
}

/**
 * The REST calls of DuncteBot's java-lyrics-plugin, and the mapping of its answers into the
 * LavaLyrics {@link Lyrics} shape the client's lyrics API returns.
 */

/** The plugin's 404 for a song without lyrics (its `LyricsNotFoundException`): "none found". */
function notFound(error: unknown): boolean {
  return (
    error instanceof LavalinkRestError &&
    error.status === 404 &&
    error.body?.message === "Lyrics were not found"
  );
}

async function orNull<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (notFound(error)) return null;
    throw error;
  }
}

/** `GET /v4/lyrics/{videoId}`: null on the plugin's "Lyrics were not found". */
export async function videoLyrics(access: PluginAccess, videoId: string): Promise<JavaLyrics | null> {
  const answer = await orNull(access.rest.request<unknown>("GET", PluginRoutes.javaLyrics(videoId)));
  return answer === null ? null : validateJavaLyrics(answer);
}

/** `GET /v4/lyrics/search?query=…` (the `youtube` source): the videos YouTube Music finds. */
export async function searchVideos(access: PluginAccess, query: string): Promise<JavaLyricsSearchHit[]> {
  const answer = await access.rest.request<unknown>("GET", PluginRoutes.javaLyricsSearch(query));
  return validateJavaLyricsSearch(answer);
}

/** `GET /v4/lyrics/search?query=…&source=genius`: Genius' first text lyrics (needs a Genius key). */
export async function geniusLyrics(access: PluginAccess, query: string): Promise<JavaLyrics | null> {
  const answer = await orNull(
    access.rest.request<unknown>("GET", PluginRoutes.javaLyricsSearch(query, "genius")),
  );
  return answer === null ? null : validateJavaLyrics(answer);
}

/** `GET …/players/{guildId}/lyrics`: the node answers 400 "Not currently playing anything" without a track. */
export async function playerLyrics(access: PluginAccess, guildId: string): Promise<JavaLyrics | null> {
  const answer = await orNull(
    access.requests.onSession("load lyrics", (session) =>
      access.rest.request<unknown>("GET", PluginRoutes.javaPlayerLyrics(session, guildId)),
    ),
  );
  return answer === null ? null : validateJavaLyrics(answer);
}

/**
 * Lyrics of an encoded track the way the plugin finds a player's: a YouTube track by its video id,
 * another by a YouTube Music search for its ISRC (in quotes) or "title - author", first hit.
 */
export async function trackLyrics(access: PluginAccess, encoded: string): Promise<JavaLyrics | null> {
  const { info } = decodeTrack(encoded);
  if (info.sourceName === "youtube") return videoLyrics(access, info.identifier);
  const query = info.isrc !== null ? `"${info.isrc}"` : `${info.title} - ${info.author}`;
  const first = (await searchVideos(access, query))[0];
  return first === undefined ? null : videoLyrics(access, first.videoId);
}

/**
 * The plugin's answer as LavaLyrics' {@link Lyrics}, as the plugin's own LavaLyrics bridge maps it:
 * `source` is both `sourceName` and `provider`; timed lyrics have `lines` (duration = the range)
 * and no `text`, text lyrics have `text` and no lines. `plugin` keeps what has no place there:
 * `{ type, track }` (the song as YouTube Music or Genius names it).
 */
export function fromJavaLyrics(lyrics: JavaLyrics): Lyrics {
  const plugin: JsonObject = {
    type: lyrics.type,
    track: {
      title: lyrics.track.title,
      author: lyrics.track.author,
      album: lyrics.track.album,
      albumArt: lyrics.track.albumArt.map((a) => ({ url: a.url, height: a.height, width: a.width })),
    },
  };
  if (lyrics.type === "text") {
    return { sourceName: lyrics.source, provider: lyrics.source, text: lyrics.text, lines: [], plugin };
  }
  return {
    sourceName: lyrics.source,
    provider: lyrics.source,
    text: null,
    lines: lyrics.lines.map((l) => ({
      timestamp: l.range.start,
      duration: l.range.end - l.range.start,
      line: l.line,
      plugin: {},
    })),
    plugin,
  };
}
