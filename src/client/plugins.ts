import {
  type JsonObject,
  type Track as LavalinkTrack,
  type Lyrics,
  SEARCH_PREFIXES,
  SEARCH_TYPES,
  type SearchCollection,
  type SearchSource,
  type SearchText,
  type SearchType,
} from "../protocol/index.js";
import { InvalidOptionError } from "./errors/invalid-option-error.js";
import type { Node } from "./node/node.js";
import type { LyricsOptions } from "./node/plugins.js";
import { checkIdentifier, checkSearchSource } from "./option-checks.js";
import { Track } from "./track.js";

/** A LavaSearch answer with {@link Track} objects. */
export interface ClientSearchResult {
  tracks: Track[];
  /** Albums (LavaSrc playlist `pluginInfo` with `type: "album"`; `tracks` always empty). */
  albums: SearchCollection[];
  artists: SearchCollection[];
  playlists: SearchCollection[];
  /** Text suggestions (YouTube autocomplete). */
  texts: SearchText[];
  plugin: JsonObject;
}

/** Options of {@link SonoraClient.loadSearch}. */
export interface LoadSearchOptions {
  /** The kinds of results wanted (default: all the source gives). */
  types?: readonly SearchType[];
  /** Source to search when the query has no prefix (default `spotify`). */
  source?: SearchSource;
}

/** Options of {@link ClientLyrics.get}. */
export interface ClientLyricsOptions extends LyricsOptions {
  /** Source to search when given a query without a prefix (default `youtube`). */
  source?: SearchSource;
}

/** What the client's plugin calls need of the client. */
export interface PluginClientHost {
  /** The node to ask (the least-loaded ready one). */
  node(): Node;
}

/**
 * LavaSearch through the least-loaded node: `query` with a prefix (`spsearch:…`) is sent as is,
 * otherwise the source's prefix is added. The node's 204 (no source took the query) is an
 * all-empty result. Rejects with `PluginUnavailableError` when the node lacks `lavasearch-plugin`.
 */
export async function loadSearch(
  host: PluginClientHost,
  query: string,
  options: LoadSearchOptions = {},
): Promise<ClientSearchResult> {
  checkIdentifier("query", query);
  if (typeof options !== "object" || options === null) {
    throw new InvalidOptionError("options", options, "an object { types?, source? }");
  }
  const types = options.types ?? [];
  if (!Array.isArray(types) || !types.every((t) => (SEARCH_TYPES as readonly string[]).includes(t))) {
    throw new InvalidOptionError("types", types, `an array of ${SEARCH_TYPES.join(", ")}`);
  }
  const source = checkSearchSource(options.source ?? "spotify");
  const full = /^[a-z]+search:/i.test(query) ? query : `${SEARCH_PREFIXES[source]}${query}`;
  const result = await host.node().plugins.loadSearch(full, types);
  if (result === null) return { tracks: [], albums: [], artists: [], playlists: [], texts: [], plugin: {} };
  return { ...result, tracks: result.tracks.map((t) => Track.fromLavalink(t)) };
}

/**
 * Lyrics through the client (on the least-loaded node, from LavaLyrics, else from DuncteBot's
 * java-lyrics-plugin mapped to the same {@link Lyrics} shape): `client.lyrics.get(track)`, or
 * `client.lyrics.get("query")` to search first and take the first hit.
 */
export class ClientLyrics {
  /** @internal Created by the client. */
  constructor(
    private readonly host: PluginClientHost,
    private readonly search: (query: string, source: SearchSource) => Promise<Track[]>,
  ) {}

  /**
   * Lyrics of a track, or of the first hit for a query; null when the node found none (or the
   * query found no track). Rejects with `PluginUnavailableError` when the node runs neither
   * `lavalyrics-plugin` nor `java-lyrics-plugin` (checked before anything is sent).
   */
  async get(
    track: Track | LavalinkTrack | string,
    options: ClientLyricsOptions = {},
  ): Promise<Lyrics | null> {
    if (typeof options !== "object" || options === null) {
      throw new InvalidOptionError("options", options, "an object { skipTrackSource?, source? }");
    }
    const node = this.host.node();
    let encoded: string;
    if (typeof track === "string") {
      checkIdentifier("query", track);
      const source = checkSearchSource(options.source ?? "youtube");
      // Checked before the search too: a node without the plugin is told without any request.
      await node.plugins.lyricsPlugin();
      const first = (await this.search(track, source))[0];
      if (first === undefined) return null;
      encoded = first.encoded;
    } else if (typeof track === "object" && track !== null && typeof track.encoded === "string") {
      encoded = track.encoded;
    } else {
      throw new InvalidOptionError("track", track, "a Track, a Lavalink track or a search query");
    }
    const lyricsOptions: LyricsOptions = {};
    if (options.skipTrackSource !== undefined) lyricsOptions.skipTrackSource = options.skipTrackSource;
    return node.plugins.lyrics(encoded, lyricsOptions);
  }
}
