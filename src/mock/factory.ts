import { lazyInstance } from "../base/lazy-instance.js";
import { SeededRandom } from "../base/random.js";
import {
  type EmptyLoadResult,
  type ErrorLoadResult,
  encodeTrack,
  type JsonObject,
  type LavalinkException,
  type PlaylistData,
  type PlaylistLoadResult,
  type SearchLoadResult,
  STREAM_LENGTH,
  type Track,
  type TrackInfo,
  type TrackLoadResult,
} from "../protocol/index.js";
import { checkInteger, checkRatio, checkString, MockFactoryError } from "./errors.js";
import {
  emptyLoadResult,
  errorLoadResult,
  playlistLoadResult,
  searchLoadResult,
  trackLoadResult,
} from "./load-results.js";
import { checkOverrides, type TrackInfoOverrides } from "./overrides.js";
import {
  DEFAULT_MOCK_SOURCES,
  isMockSource,
  MOCK_SOURCES,
  type MockSource,
  SOURCE_WEIGHTS,
  shapeFor,
} from "./sources.js";
import { artistName, collectionName, decorateTitle, songTitle } from "./vocabulary.js";

/** Options of {@link MockFactory}. */
export interface MockFactoryOptions {
  /** Seed of the factory's random stream; the same seed yields the same tracks. Default 0. */
  seed?: number | string;
  /** Share of generated tracks that are live streams, 0…1. Default 0 (no streams unless asked). */
  streamRatio?: number;
  /**
   * Sources to draw from when a call names none, weighted. Default: the common ones (YouTube,
   * SoundCloud, Spotify, Apple Music, Deezer, Bandcamp, HTTP); any of {@link MOCK_SOURCES} may be listed.
   */
  sources?: readonly MockSource[];
  /**
   * Give tracks of LavaSrc's sources (Spotify, Apple Music, Deezer, Yandex Music, VK Music, Tidal,
   * Qobuz, JioSaavn) the `pluginInfo` a node running LavaSrc reports (album, artist and preview fields). Default false: every track's `pluginInfo` is `{}`.
   */
  lavaSrcPluginInfo?: boolean;
}

/** Options of {@link MockFactory.createMockPlaylist}. */
export interface MockPlaylistOptions {
  /** Playlist name; generated when omitted. */
  name?: string;
  /** Number of tracks, an integer ≥ 0. Default 10. */
  trackCount?: number;
  /** Index of the selected track, -1 (none) … trackCount − 1. Default -1. */
  selectedTrack?: number;
  /** Make every track come from this source. */
  source?: MockSource;
  /** Share of streams among the tracks (overrides the factory's). */
  streamRatio?: number;
  /** Plugin info of the playlist itself. Default `{}`. */
  pluginInfo?: JsonObject;
  /** Overrides applied to every track. */
  trackOverrides?: TrackInfoOverrides;
}

/** Options of {@link MockFactory.createMockSearchResults}. */
export interface MockSearchOptions {
  /** The search text (without a `ytsearch:`-style prefix). Titles of most hits contain its words. */
  query?: string;
  /** Number of hits, an integer ≥ 0. Default 10. */
  count?: number;
  /** Make every hit come from this source. Default youtube. */
  source?: MockSource;
}

/** Load types accepted by {@link MockFactory.createMockLoadResult}. */
export type MockLoadType = "track" | "playlist" | "search" | "empty" | "error";

/** Most titles are 2.5–5 minutes: a log-normal with this median (ms) and spread fits real catalogs. */
const MEDIAN_LENGTH_MS = 215_000;
const LENGTH_SIGMA = 0.35;
const MIN_LENGTH_MS = 30_000;
const MAX_LENGTH_MS = 900_000;
/**
 * Upload sites report whole seconds, and so do the APIs LavaSrc reads in seconds (Tidal, Qobuz, VK,
 * JioSaavn, Deezer); Spotify, Apple and Yandex report milliseconds.
 */
const WHOLE_SECOND_SOURCES = new Set<MockSource>([
  "deezer",
  "youtube",
  "soundcloud",
  "bandcamp",
  "http",
  "tidal",
  "qobuz",
  "vkmusic",
  "jiosaavn",
]);
/** Sources without clean catalog metadata: titles get upload-style decoration. */
const DECORATED_SOURCES = new Set<MockSource>(["youtube", "soundcloud"]);
const STREAM_SOURCES: readonly MockSource[] = ["youtube", "http"];
const QUERY_TEMPLATES = [
  (q: string) => q,
  (q: string) => `${q} (Official Video)`,
  (q: string, w: string) => `${q} ${w}`,
  (q: string, w: string) => `${w} ${q}`,
  (q: string) => `${q} (Lyrics)`,
  (q: string) => `${q} - Live`,
] as const;

/**
 * Builds realistic Lavalink tracks, playlists, search results and load results for tests: every track
 * carries a valid `encoded` string from Sonora's codec that decodes back to exactly its info.
 *
 * Deterministic: the output depends only on the seed and the sequence of calls. Construct one per test
 * (or call {@link MockFactory.reset}) when tests must not depend on each other's order.
 *
 * @example
 * const f = new MockFactory({ seed: 7 });
 * const track = f.createMockTrack({ title: "Test Track", length: 180_000 });
 * const many = f.buildList(2000, { source: "spotify" });
 */
export class MockFactory {
  /** The seed this factory was created with. */
  readonly seed: number | string;
  private readonly streamRatio: number;
  private readonly sources: readonly MockSource[];
  private readonly lavaSrcPluginInfo: boolean;
  private readonly sourceTotal: number;
  private random: SeededRandom;
  private readonly issued = new Set<string>();
  private count = 0;

  constructor(options: MockFactoryOptions = {}) {
    if (typeof options !== "object" || options === null) {
      throw new MockFactoryError("options", options, "an options object");
    }
    const seed = options.seed ?? 0;
    if (!(typeof seed === "string" || (typeof seed === "number" && Number.isFinite(seed)))) {
      throw new MockFactoryError("seed", seed, "a finite number or a string");
    }
    this.seed = seed;
    this.streamRatio = options.streamRatio === undefined ? 0 : checkRatio("streamRatio", options.streamRatio);
    const sources = options.sources ?? DEFAULT_MOCK_SOURCES;
    if (!Array.isArray(sources) || sources.length === 0 || !sources.every(isMockSource)) {
      throw new MockFactoryError("sources", sources, `a non-empty array of ${MOCK_SOURCES.join(", ")}`);
    }
    this.sources = [...sources];
    if (options.lavaSrcPluginInfo !== undefined && typeof options.lavaSrcPluginInfo !== "boolean") {
      throw new MockFactoryError("lavaSrcPluginInfo", options.lavaSrcPluginInfo, "a boolean");
    }
    this.lavaSrcPluginInfo = options.lavaSrcPluginInfo ?? false;
    this.sourceTotal = this.sources.reduce((sum, s) => sum + SOURCE_WEIGHTS[s], 0);
    this.random = new SeededRandom(seed);
  }

  /** How many tracks this factory has built so far (a fishery-style sequence). */
  get sequence(): number {
    return this.count;
  }

  /** Rewinds the factory to its freshly constructed state: the same calls yield the same data again. */
  reset(): void {
    this.random = new SeededRandom(this.seed);
    this.issued.clear();
    this.count = 0;
  }

  /**
   * A new factory with the same options and a seed derived from this one's and `label`; independent of
   * how much this factory has drawn. The simulator catalog forks one per identifier so a URL always
   * loads the same tracks.
   */
  fork(label: string): MockFactory {
    checkString("label", label);
    return new MockFactory({
      seed: this.random.fork(label).seed,
      streamRatio: this.streamRatio,
      sources: this.sources,
      lavaSrcPluginInfo: this.lavaSrcPluginInfo,
    });
  }

  /** One track; random unless overridden. See {@link TrackInfoOverrides}. */
  createMockTrack(overrides?: TrackInfoOverrides): Track {
    return this.build(checkOverrides(overrides), this.streamRatio);
  }

  /** `count` tracks, each with the same overrides (fishery's `buildList`). */
  buildList(count: number, overrides?: TrackInfoOverrides): Track[] {
    checkInteger("count", count, 0);
    const checked = checkOverrides(overrides);
    const tracks: Track[] = new Array(count);
    for (let i = 0; i < count; i++) tracks[i] = this.build(checked, this.streamRatio);
    return tracks;
  }

  /** Alias of {@link MockFactory.buildList}. */
  createMockTracks(count: number, overrides?: TrackInfoOverrides): Track[] {
    return this.buildList(count, overrides);
  }

  /** A playlist in the shape of a `playlist` load result's `data`. */
  createMockPlaylist(options: MockPlaylistOptions = {}): PlaylistData {
    const trackCount = checkInteger("trackCount", options.trackCount ?? 10, 0);
    const selectedTrack = checkInteger(
      "selectedTrack",
      options.selectedTrack ?? -1,
      -1,
      Math.max(-1, trackCount - 1),
    );
    const name = options.name === undefined ? collectionName(this.random) : checkString("name", options.name);
    const ratio =
      options.streamRatio === undefined ? this.streamRatio : checkRatio("streamRatio", options.streamRatio);
    const trackOverrides = checkOverrides(options.trackOverrides, "trackOverrides");
    if (options.source !== undefined && !isMockSource(options.source)) {
      throw new MockFactoryError("source", options.source, `one of ${MOCK_SOURCES.join(", ")}`);
    }
    const pluginInfo = options.pluginInfo ?? {};
    if (typeof pluginInfo !== "object" || pluginInfo === null || Array.isArray(pluginInfo)) {
      throw new MockFactoryError("pluginInfo", pluginInfo, "a JSON object");
    }
    // Albums and artist playlists share one author; mixes don't.
    const sharedAuthor = this.random.chance(0.4) ? artistName(this.random) : undefined;
    const base: TrackInfoOverrides = { ...trackOverrides };
    if (options.source !== undefined && base.source === undefined) base.source = options.source;
    if (sharedAuthor !== undefined && base.author === undefined) base.author = sharedAuthor;
    const tracks: Track[] = new Array(trackCount);
    for (let i = 0; i < trackCount; i++) tracks[i] = this.build(base, ratio);
    return { info: { name, selectedTrack }, pluginInfo, tracks };
  }

  /**
   * Hits for a search, shaped like a `search` load result's `data`. Most titles contain the query
   * (the first always does), the way a search engine ranks close matches first.
   */
  createMockSearchResults(options: MockSearchOptions = {}): Track[] {
    const count = checkInteger("count", options.count ?? 10, 0);
    const query = options.query === undefined ? "" : checkString("query", options.query).trim();
    const source = options.source ?? "youtube";
    if (!isMockSource(source)) {
      throw new MockFactoryError("source", source, `one of ${MOCK_SOURCES.join(", ")}`);
    }
    const tracks: Track[] = new Array(count);
    for (let i = 0; i < count; i++) {
      const overrides: TrackInfoOverrides = { source };
      if (query.length > 0) {
        // Like a real search engine: most hits name the query in the title, and a share read the query
        // as an artist's name and list that artist's songs (which is what "similar artist" autoplay
        // queries rely on); the rest are loosely related noise.
        const roll = i === 0 ? 0 : this.random.next();
        if (roll < 0.55) {
          const template = this.random.pick(QUERY_TEMPLATES);
          overrides.title = template(query, songTitle(this.random));
        } else if (roll < 0.85) {
          overrides.author = query;
        }
      }
      tracks[i] = this.build(overrides, 0);
    }
    return tracks;
  }

  /** A complete `search` load result. */
  createMockSearchLoadResult(options: MockSearchOptions = {}): SearchLoadResult {
    return searchLoadResult(this.createMockSearchResults(options));
  }

  /** A load result of any type, built with the matching creator. */
  createMockLoadResult(type: "track", overrides?: TrackInfoOverrides): TrackLoadResult;
  createMockLoadResult(type: "playlist", options?: MockPlaylistOptions): PlaylistLoadResult;
  createMockLoadResult(type: "search", options?: MockSearchOptions): SearchLoadResult;
  createMockLoadResult(type: "empty"): EmptyLoadResult;
  createMockLoadResult(type: "error", exception?: Partial<LavalinkException>): ErrorLoadResult;
  createMockLoadResult(
    type: MockLoadType,
    options?: TrackInfoOverrides | MockPlaylistOptions | MockSearchOptions | Partial<LavalinkException>,
  ): TrackLoadResult | PlaylistLoadResult | SearchLoadResult | EmptyLoadResult | ErrorLoadResult {
    switch (type) {
      case "track":
        return trackLoadResult(this.createMockTrack(options as TrackInfoOverrides | undefined));
      case "playlist":
        return playlistLoadResult(this.createMockPlaylist(options as MockPlaylistOptions | undefined));
      case "search":
        return this.createMockSearchLoadResult(options as MockSearchOptions | undefined);
      case "empty":
        return emptyLoadResult();
      case "error":
        return errorLoadResult(options as Partial<LavalinkException> | undefined);
      default:
        throw new MockFactoryError("type", type, "one of track, playlist, search, empty, error");
    }
  }

  private pickSource(): MockSource {
    let roll = this.random.next() * this.sourceTotal;
    for (const source of this.sources) {
      roll -= SOURCE_WEIGHTS[source];
      if (roll < 0) return source;
    }
    return this.sources[0] as MockSource;
  }

  private drawLength(source: MockSource): number {
    const raw = Math.exp(this.random.normal(Math.log(MEDIAN_LENGTH_MS), LENGTH_SIGMA));
    const clamped = Math.min(MAX_LENGTH_MS, Math.max(MIN_LENGTH_MS, raw));
    return WHOLE_SECOND_SOURCES.has(source) ? Math.round(clamped / 1000) * 1000 : Math.round(clamped);
  }

  private build(o: TrackInfoOverrides, streamRatio: number): Track {
    const random = this.random;
    this.count++;
    const isStream =
      o.isStream ?? (o.length !== undefined ? o.length === STREAM_LENGTH : random.chance(streamRatio));
    const named = o.source ?? (isMockSource(o.sourceName) ? o.sourceName : undefined);
    const source = named ?? (isStream ? random.pick(STREAM_SOURCES) : this.pickSource());

    // Draw every random part even when overridden, so one override doesn't shift the rest.
    let author = artistName(random);
    let title = songTitle(random);
    if (isStream) {
      title = `${title} Radio 24/7 🔴 LIVE`;
    } else if (source === "youtube" && random.chance(0.4)) {
      title = `${author} - ${title}`;
      author = random.chance(0.5) ? `${author} - Topic` : `${author.replace(/\s+/g, "")}VEVO`;
    }
    title = decorateTitle(random, title, DECORATED_SOURCES.has(source) && !isStream);
    const length = isStream ? STREAM_LENGTH : this.drawLength(source);
    title = o.title ?? title;
    author = o.author ?? author;

    let shape = shapeFor(source, random, title, author, isStream, o.identifier);
    // A random id may (very rarely) repeat; ids handed out by one factory stay unique.
    if (o.identifier === undefined) {
      for (let variant = 2; this.issued.has(`${source}:${shape.identifier}`); variant++) {
        shape = shapeFor(source, random, title, author, isStream, undefined, variant);
      }
      this.issued.add(`${source}:${shape.identifier}`);
    }

    const info: TrackInfo = {
      identifier: shape.identifier,
      isSeekable: o.isSeekable ?? !isStream,
      author,
      length: o.length ?? length,
      isStream,
      position: o.position ?? 0,
      title,
      uri: o.uri === undefined ? shape.uri : o.uri,
      artworkUrl: o.artworkUrl === undefined ? shape.artworkUrl : o.artworkUrl,
      isrc: o.isrc === undefined ? shape.isrc : o.isrc,
      sourceName: o.sourceName ?? source,
    };
    // Source bytes only make sense under the source that wrote them.
    const sourceData = info.sourceName === source ? shape.sourceData : undefined;
    return {
      encoded: encodeTrack(info, sourceData === undefined ? undefined : { sourceData }),
      info,
      pluginInfo:
        o.pluginInfo !== undefined
          ? structuredClone(o.pluginInfo)
          : this.lavaSrcPluginInfo && sourceData !== undefined && shape.pluginInfo !== undefined
            ? structuredClone(shape.pluginInfo)
            : {},
      userData: o.userData === undefined ? {} : structuredClone(o.userData),
    };
  }
}

/**
 * A ready-made factory with seed 0, for quick use (`mockFactory.createMockTrack()`). It is shared:
 * its output depends on every earlier call, so tests that need fixed data create their own
 * `new MockFactory({ seed })` or call `mockFactory.reset()` first. It is built on first use, not at
 * import (so importing `sonora/testing` costs nothing).
 */
export const mockFactory: MockFactory = lazyInstance(
  MockFactory.prototype,
  () => new MockFactory({ seed: 0 }),
);
