import type { MockFactory, MockSource } from "../../mock/index.js";
import type {
  JsonObject,
  LoadResult,
  SearchCollection,
  SearchResult,
  SearchText,
  SearchType,
} from "../../protocol/index.js";

/** LavaSrc's search managers by prefix: which collections each one fills. */
const MANAGERS: readonly {
  prefix: string;
  source: MockSource;
  host: string;
  texts: boolean;
  lists: boolean;
}[] = [
  { prefix: "spsearch:", source: "spotify", host: "https://open.spotify.com", texts: false, lists: true },
  {
    prefix: "amsearch:",
    source: "applemusic",
    host: "https://music.apple.com/us",
    texts: false,
    lists: true,
  },
  { prefix: "dzsearch:", source: "deezer", host: "https://www.deezer.com", texts: false, lists: true },
  // Yandex Music and VK Music fill albums, artists and playlists too; JioSaavn answers no LavaSearch query.
  { prefix: "ymsearch:", source: "yandexmusic", host: "https://music.yandex.com", texts: false, lists: true },
  { prefix: "vksearch:", source: "vkmusic", host: "https://vk.com/music", texts: false, lists: true },
  // LavaSrc's YouTube manager: autocomplete texts; YouTube Music adds tracks.
  { prefix: "ytmsearch:", source: "youtube", host: "https://music.youtube.com", texts: true, lists: false },
  { prefix: "ytsearch:", source: "youtube", host: "https://www.youtube.com", texts: true, lists: false },
];

const ALL_TYPES: ReadonlySet<SearchType> = new Set(["track", "album", "artist", "playlist", "text"]);

/**
 * Builds a LavaSearch answer for `query` from the catalog's seed: tracks come from the catalog's
 * own search (so they load and play like any other), collections carry LavaSrc's playlist
 * `pluginInfo` and no tracks (the plugin's `toSearchResult` empties them), texts are suggestions.
 */
export function searchCollections(
  base: MockFactory,
  query: string,
  types: ReadonlySet<SearchType>,
  load: (identifier: string) => LoadResult,
): SearchResult | null {
  const manager = MANAGERS.find((m) => query.startsWith(m.prefix));
  if (manager === undefined) return null;
  const text = query.slice(manager.prefix.length).trim();
  const wanted = types.size === 0 ? ALL_TYPES : types;
  const result: SearchResult = { tracks: [], albums: [], artists: [], playlists: [], texts: [], plugin: {} };
  if (text.length === 0) return result;
  const factory = base.fork(`loadsearch:${query}`);
  // YouTube's plain search only gives autocomplete texts.
  if (wanted.has("track") && (manager.lists || manager.prefix === "ytmsearch:")) {
    const loaded = load(`${manager.prefix}${text}`);
    if (loaded.loadType === "search") result.tracks = loaded.data.slice(0, 5);
  }
  if (manager.lists) {
    const collection = (type: "album" | "artist" | "playlist", i: number): SearchCollection => {
      const sample = factory.fork(`${type}:${i}`).createMockTrack({ source: manager.source });
      const id = sample.info.identifier;
      const name =
        type === "artist"
          ? `${sample.info.author}'s Top Tracks`
          : type === "album"
            ? sample.info.title
            : `${text} ${["Mix", "Essentials", "Radio"][i % 3]}`;
      const pluginInfo: JsonObject = {
        type,
        url: `${manager.host}/${type}/${id}`,
        artworkUrl: sample.info.artworkUrl,
        author: sample.info.author,
        totalTracks: type === "artist" ? null : 8 + ((id.charCodeAt(0) + i) % 20),
      };
      return { info: { name, selectedTrack: -1 }, pluginInfo, tracks: [] };
    };
    if (wanted.has("album")) result.albums = [0, 1, 2].map((i) => collection("album", i));
    if (wanted.has("artist")) result.artists = [0, 1].map((i) => collection("artist", i));
    if (wanted.has("playlist")) result.playlists = [0, 1, 2].map((i) => collection("playlist", i));
  }
  if (manager.texts && wanted.has("text")) {
    const suffixes = ["", " lyrics", " live", " remix", " acoustic"];
    result.texts = suffixes.map((s): SearchText => ({ text: `${text.toLowerCase()}${s}`, plugin: {} }));
  }
  return result;
}
