import { type JsonObject, LAVASRC_SOURCE_NAMES, type PlaylistData } from "../../protocol/index.js";
import type { ParsedIdentifier } from "./identifier-types.js";

/** Sources whose collections LavaSrc returns as `ExtendedAudioPlaylist`s. */
// Every LavaSrc source but Flowery TTS, which loads single tracks only.
const EXTENDED_SOURCES: ReadonlySet<string> = new Set(
  LAVASRC_SOURCE_NAMES.filter((name) => name !== "flowery-tts"),
);

/**
 * LavaSrc's pluginInfo of a collection loaded by link: type, canonical url, artwork, author and
 * track count. Undefined for other sources and for Tidal mixes (a plain lavaplayer playlist).
 */
export function lavaSrcPlaylistInfo(
  parsed: Extract<ParsedIdentifier, { kind: "playlist" }>,
  data: PlaylistData,
): JsonObject | undefined {
  if (!EXTENDED_SOURCES.has(parsed.source) || parsed.collection === "mix" || parsed.collection === "set") {
    return undefined;
  }
  const first = data.tracks[0]?.info;
  return {
    type: parsed.collection,
    url: parsed.url,
    // VK's artist pages carry no picture.
    artworkUrl:
      parsed.source === "vkmusic" && parsed.collection === "artist" ? null : (first?.artworkUrl ?? null),
    author: first?.author ?? null,
    totalTracks: data.tracks.length,
  };
}
