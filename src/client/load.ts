import type { JsonObject, LavalinkException, LoadResult, PlaylistInfo } from "../protocol/index.js";
import { Track } from "./track.js";

/** A `loadtracks` answer with {@link Track} objects; every variant also lists its `tracks`. */
export type ClientLoadResult =
  | { loadType: "track"; data: Track; tracks: Track[] }
  | {
      loadType: "playlist";
      data: { info: PlaylistInfo; pluginInfo: JsonObject; tracks: Track[] };
      tracks: Track[];
    }
  | { loadType: "search"; data: Track[]; tracks: Track[] }
  | { loadType: "empty"; data: Record<string, never>; tracks: Track[] }
  | { loadType: "error"; data: LavalinkException; tracks: Track[] };

/** Wraps the tracks of a validated load result. */
export function wrapLoadResult(result: LoadResult): ClientLoadResult {
  switch (result.loadType) {
    case "track": {
      const track = Track.fromLavalink(result.data);
      return { loadType: "track", data: track, tracks: [track] };
    }
    case "playlist": {
      const tracks = result.data.tracks.map(Track.fromLavalink);
      return {
        loadType: "playlist",
        data: { info: result.data.info, pluginInfo: result.data.pluginInfo, tracks },
        tracks,
      };
    }
    case "search": {
      const tracks = result.data.map(Track.fromLavalink);
      return { loadType: "search", data: tracks, tracks };
    }
    case "empty":
      return { loadType: "empty", data: {}, tracks: [] };
    case "error":
      return { loadType: "error", data: result.data, tracks: [] };
  }
}

/** True when a query is a URL, which is loaded as is rather than searched. */
export function isUrl(query: string): boolean {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(query)) return false;
  try {
    new URL(query);
    return true;
  } catch {
    return false;
  }
}
