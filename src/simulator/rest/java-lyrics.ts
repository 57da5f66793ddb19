import type { TrackInfo } from "../../protocol/index.js";
import { toJavaLyrics } from "../plugins/java-lyrics.js";
import { longParam, type RestRequest, type RestResult, sessionOf } from "./context.js";
import { HttpError } from "./http-error.js";
import { requiredParam } from "./plugins.js";

/**
 * The REST routes of DuncteBot's java-lyrics-plugin (`RestHandler` of java-timed-lyrics), with its
 * status codes and messages. Its lyrics come from YouTube Music directly, so unlike LavaLyrics it
 * needs no LavaSrc. The simulated node runs it as configured by default: without a Genius key.
 */

/** The plugin's `LyricsNotFoundException`, answered as a 404 with its message. */
const NOT_FOUND = "Lyrics were not found";

/** YouTube Music's lyrics of a video: the catalog's track for that id. */
function lyricsOfVideo(req: RestRequest, videoId: string) {
  const loaded = req.env.catalog.load(`https://www.youtube.com/watch?v=${videoId}`);
  if (loaded.loadType !== "track") return null;
  return toJavaLyrics(req.env.catalog.lyricsFor(loaded.data.info), loaded.data.info);
}

/** `GET /v4/lyrics/{videoId}`: 200 with timed or text lyrics, 404 "Lyrics were not found". */
export function javaVideoLyrics(req: RestRequest): RestResult {
  const lyrics = lyricsOfVideo(req, req.params.videoId ?? "");
  if (lyrics === null) throw new HttpError(404, NOT_FOUND);
  return { status: 200, json: lyrics };
}

/**
 * `GET /v4/lyrics/search?query=…&source=…`: `youtube` (the default, any case) answers the videos
 * YouTube Music finds; `genius` needs a Genius key the default config lacks, so the plugin calls a
 * null client and answers 500; any other source is a 404.
 */
export function javaLyricsSearch(req: RestRequest): RestResult {
  const query = requiredParam(req, "query");
  const source = (req.query.get("source") ?? "youtube").toLowerCase();
  if (source === "youtube") {
    const found = req.env.catalog.load(`ytmsearch:${query}`);
    const hits = found.loadType === "search" ? found.data : [];
    return { status: 200, json: hits.map((t) => ({ videoId: t.info.identifier, title: t.info.title })) };
  }
  if (source === "genius") {
    throw new HttpError(
      500,
      'Cannot invoke "me.duncte123.lyrics.GeniusClient.search(String)" because "this.geniusClient" is null',
      "java.lang.NullPointerException",
    );
  }
  throw new HttpError(404, `Unknown source type: ${req.query.get("source") ?? ""}`);
}

/**
 * `GET /v4/sessions/{sessionId}/players/{guildId}/lyrics`. The plugin asks Lavalink's
 * `getPlayer`, which creates a player for an unknown guild; without a track it answers 400. A
 * YouTube track is looked up by its id, another by a YouTube Music search for its ISRC or
 * "title - author" (the simulated search finds the same song, so its catalog lyrics answer).
 */
export function javaPlayerLyrics(req: RestRequest): RestResult {
  const guildId = longParam(req, "guildId");
  const session = sessionOf(req);
  const player = session.getOrCreatePlayer(guildId);
  const track = player.loaded;
  if (track === null) throw new HttpError(400, "Not currently playing anything");
  const info: TrackInfo = track.info;
  const lyrics = toJavaLyrics(req.env.catalog.lyricsFor(info), info);
  if (lyrics === null) throw new HttpError(404, NOT_FOUND);
  return { status: 200, json: lyrics };
}
