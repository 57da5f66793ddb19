import {
  emptyLoadResult,
  errorLoadResult,
  MockFactory,
  type MockSource,
  playlistLoadResult,
  SeededRandom,
  searchLoadResult,
  type TrackInfoOverrides,
  trackLoadResult,
} from "../../mock/index.js";
import {
  type Chapter,
  encodeTrack,
  LAVASRC_SOURCE_NAMES,
  type LavalinkException,
  type LoadResult,
  type Lyrics,
  type PlaylistData,
  type SearchResult,
  type SearchType,
  type Segment,
  type Track,
  type TrackInfo,
} from "../../protocol/index.js";
import { CatalogError } from "./errors.js";
import { type ParsedIdentifier, parseIdentifier } from "./identifiers.js";
import { lavaSrcLoad } from "./lavasrc-loads.js";
import { lavaSrcPlaylistInfo } from "./lavasrc-playlists.js";
import {
  chaptersFrom,
  generateChapters,
  generateLyrics,
  generateSegments,
  type LyricsInput,
  normaliseLyrics,
  normaliseSegments,
} from "./plugin-content.js";
import { searchCollections } from "./search-result.js";
import {
  parseSpecial,
  playbackException,
  SPECIAL_SOURCE,
  type SpecialSpec,
  specialLength,
  specialSyntaxError,
  specialTitle,
} from "./special.js";

/** Options of {@link Catalog}. */
export interface CatalogOptions {
  /** Seed of every generated answer; with the same seed an identifier always loads the same tracks. Default 0. */
  seed?: number | string;
  /** Factory to generate tracks with (its options, e.g. `sources`, apply); its seed is used unless `seed` is given. */
  factory?: MockFactory;
}

/**
 * What the simulator does when a track is played. The catalog decides it from the track's info alone,
 * so tracks from anywhere (the catalog, a mock factory, another node) get one.
 */
export type PlaybackScript =
  /** Plays to its length and ends `finished`; a stream never ends on its own. */
  | { kind: "normal" }
  /**
   * Fails before its first frame. Lavalink sends TrackStartEvent (lavaplayer dispatches it before the
   * track executes), then TrackExceptionEvent, then TrackEndEvent `loadFailed`, with no time passing.
   */
  | { kind: "loadFailed"; exception: LavalinkException }
  /**
   * Fails after `atMs` of playback: TrackExceptionEvent, then TrackEndEvent `finished` — lavaplayer
   * reports `loadFailed` only when the exception came before any audio was produced.
   */
  | { kind: "exception"; atMs: number; exception: LavalinkException }
  /**
   * Stalls at `atMs` of playback: the position stops advancing, and once no frame has arrived for
   * `thresholdMs` Lavalink sends TrackStuckEvent (plus a playerUpdate). lavaplayer never ends a stuck
   * track itself: it stays loaded until the client stops or replaces it.
   */
  | { kind: "stuck"; atMs: number; thresholdMs?: number | undefined };

/** A generic load handler: a LoadResult answers, `undefined` falls through. */
export type CatalogHandler = (identifier: string) => LoadResult | undefined;

/** What the node answering a load runs. */
export interface LoadContext {
  /**
   * Whether LavaSrc runs (default true): without it, its prefixes, recommendation, ISRC and preview
   * identifiers, Flowery TTS and its links are answered as plain Lavalink answers them.
   */
  lavaSrc?: boolean;
}

/** What {@link Catalog.resolveSingle} gives for the update-player `track.identifier`. */
export type ResolveSingleResult = { track: Track } | { error: string };

/** Default number of hits per search and size bounds of generated collections. */
export const CATALOG_SEARCH_COUNT = 10;
const COLLECTION_SIZE: Readonly<Record<string, readonly [number, number]>> = {
  playlist: [5, 30],
  album: [6, 16],
  artist: [10, 10],
  set: [3, 12],
};
/** Sources whose tracks are addressed by id, so a playlist's tracks load the same one by one. */
const ID_SOURCES: ReadonlySet<string> = new Set([
  "youtube",
  ...LAVASRC_SOURCE_NAMES.filter((name) => name !== "flowery-tts"),
]);

/** The script of a track that just plays: one frozen object for every such track (never mutated). */
const NORMAL_SCRIPT: PlaybackScript = Object.freeze({ kind: "normal" });

/**
 * The simulator's deterministic music catalog: answers `GET /v4/loadtracks` for any identifier
 * (searches, track and playlist URLs of the common sources, `sonora:` test identifiers) and tells the
 * simulator how each track plays. Tests can register their own answers, msw-style.
 *
 * Resolution order: {@link Catalog.use} handlers (newest first), then registrations (the latest for an
 * identifier wins), then the generated defaults.
 */
export class Catalog {
  private readonly base: MockFactory;
  /** Seeded decisions that are not tracks (collection sizes); derived from the same seed. */
  private readonly root: SeededRandom;
  private readonly handlers: CatalogHandler[] = [];
  private readonly registered = new Map<string, LoadResult>();
  private readonly scripts = new Map<string, PlaybackScript>();
  private readonly lyrics = new Map<string, Lyrics | null>();
  private readonly segments = new Map<string, Segment[]>();
  private readonly chapters = new Map<string, Chapter[]>();
  private registrations = 0;

  constructor(options: CatalogOptions = {}) {
    const { seed, factory } = options;
    if (factory !== undefined && !(factory instanceof MockFactory)) {
      throw new CatalogError("factory", factory, "a MockFactory");
    }
    if (
      seed !== undefined &&
      !(typeof seed === "string" || (typeof seed === "number" && Number.isFinite(seed)))
    ) {
      throw new CatalogError("seed", seed, "a finite number or a string");
    }
    // A node running LavaSrc adds its pluginInfo to Spotify, Apple Music and Deezer tracks.
    if (factory === undefined) this.base = new MockFactory({ seed: seed ?? 0, lavaSrcPluginInfo: true });
    else this.base = seed === undefined ? factory.fork("catalog") : factory.fork(`catalog:${String(seed)}`);
    this.root = new SeededRandom(this.base.seed);
  }

  /**
   * The `GET /v4/loadtracks` answer for `identifier`; deterministic for (seed, identifier, context).
   * Handlers and registrations answer whatever the context.
   */
  load(identifier: string, context: LoadContext = {}): LoadResult {
    if (typeof identifier !== "string") throw new CatalogError("identifier", identifier, "a string");
    if (typeof context !== "object" || context === null) {
      throw new CatalogError("context", context, "an object like { lavaSrc: boolean }");
    }
    for (let i = this.handlers.length - 1; i >= 0; i--) {
      const answer = this.handlers[i]?.(identifier);
      if (answer !== undefined) return answer;
    }
    const registered = this.registered.get(identifier);
    if (registered !== undefined) return structuredClone(registered);
    return this.generate(identifier, context.lavaSrc !== false);
  }

  /**
   * Resolves the update-player `track.identifier` to one track, or the message of Lavalink's 400 answer:
   * "No matches found for identifier", "Cannot play a playlist or search result", or the load error's.
   */
  resolveSingle(identifier: string, context: LoadContext = {}): ResolveSingleResult {
    const result = this.load(identifier, context);
    switch (result.loadType) {
      case "track":
        return { track: result.data };
      case "empty":
        return { error: "No matches found for identifier" };
      case "error":
        return { error: result.data.message ?? "Something went wrong while looking up the track." };
      default:
        return { error: "Cannot play a playlist or search result" };
    }
  }

  /** How `info`'s track plays: a registered script, else its `sonora:` identifier, else normal. */
  scriptFor(info: TrackInfo): PlaybackScript {
    const registered = this.scripts.get(scriptKey(info));
    if (registered !== undefined) return structuredClone(registered);
    const spec = parseSpecial(info.identifier);
    switch (spec?.kind) {
      case "loadfail":
        return { kind: "loadFailed", exception: playbackException(info.identifier, true) };
      case "exception":
        return { kind: "exception", atMs: spec.atMs, exception: playbackException(info.identifier, false) };
      case "stuck":
        return { kind: "stuck", atMs: spec.atMs, thresholdMs: spec.thresholdMs };
      default:
        return NORMAL_SCRIPT;
    }
  }

  /**
   * Makes `load(identifier)` answer with this track (default identifiers: the track's `uri` and its
   * `identifier`), optionally with a playback script. Pass overrides to have the catalog build the track.
   */
  registerTrack(
    track: Track | TrackInfoOverrides,
    options: { identifier?: string; script?: PlaybackScript } = {},
  ): Track {
    const built = isTrack(track) ? structuredClone(track) : this.registrationFactory().createMockTrack(track);
    const keys =
      options.identifier !== undefined ? [options.identifier] : [built.info.uri, built.info.identifier];
    for (const key of keys) if (key !== null) this.registered.set(key, trackLoadResult(built));
    if (options.script !== undefined)
      this.scripts.set(scriptKey(built.info), structuredClone(options.script));
    return built;
  }

  /** Makes `load(url)` answer with this playlist. */
  registerPlaylist(url: string, playlist: PlaylistData): void {
    this.registered.set(url, playlistLoadResult(structuredClone(playlist)));
  }

  /** Makes `load(query)` (with its prefix, e.g. `ytsearch:foo`) answer with these hits. */
  registerSearch(query: string, tracks: Track[]): void {
    this.registered.set(query, searchLoadResult(structuredClone(tracks)));
  }

  /** Makes `load(identifier)` answer with an `error` result (and `resolveSingle` with its message). */
  registerFailure(identifier: string, exception: Partial<LavalinkException> & { message: string }): void {
    this.registered.set(identifier, errorLoadResult({ severity: "common", ...exception }));
  }

  /** Adds a generic handler, consulted before registrations and defaults; returns its disposer. */
  use(handler: CatalogHandler): () => void {
    if (typeof handler !== "function") throw new CatalogError("handler", handler, "a function");
    this.handlers.push(handler);
    return () => {
      const index = this.handlers.indexOf(handler);
      if (index >= 0) this.handlers.splice(index, 1);
    };
  }

  // ── plugin content (LavaLyrics, SponsorBlock, LavaSearch) ─────────────────────────────────────

  /**
   * Gives a track these lyrics (or none, with `null`) in place of the generated ones: what
   * `GET /v4/lyrics` and live lyrics (LavaLyrics) answer for it. Lines are timed in ms.
   */
  registerLyrics(track: Track | TrackInfo, lyrics: LyricsInput | null): void {
    this.lyrics.set(scriptKey(infoOf(track, "track")), lyrics === null ? null : normaliseLyrics(lyrics));
  }

  /**
   * Gives a track exactly these SponsorBlock segments (ms) in place of the generated ones; the
   * simulated plugin skips those whose category the player asked for.
   */
  registerSegments(track: Track | TrackInfo, segments: readonly Segment[]): void {
    this.segments.set(scriptKey(infoOf(track, "track")), normaliseSegments(segments));
  }

  /** Gives a track these chapters (name and start in ms; ends follow as the plugin computes them). */
  registerChapters(track: Track | TrackInfo, chapters: readonly { name: string; start: number }[]): void {
    const info = infoOf(track, "track");
    if (!Array.isArray(chapters) || chapters.some((c) => typeof c?.name !== "string" || !(c.start >= 0))) {
      throw new CatalogError("chapters", chapters, "an array of { name: string, start: ms >= 0 }");
    }
    this.chapters.set(scriptKey(info), chaptersFrom(chapters, info.length));
  }

  /** The lyrics the simulated LavaLyrics finds for a track: registered, else generated from the seed. */
  lyricsFor(info: TrackInfo): Lyrics | null {
    const key = scriptKey(info);
    const registered = this.lyrics.get(key);
    if (registered !== undefined) return structuredClone(registered);
    return generateLyrics(this.root.fork(`lyrics:${key}`), info);
  }

  /** Every SponsorBlock segment of a track (any category): registered, else generated from the seed. */
  segmentsFor(info: TrackInfo): Segment[] {
    const key = scriptKey(info);
    const registered = this.segments.get(key);
    if (registered !== undefined) return structuredClone(registered);
    return generateSegments(this.root.fork(`segments:${key}`), info);
  }

  /** The chapters of a track: registered, else generated from the seed. */
  chaptersFor(info: TrackInfo): Chapter[] {
    const key = scriptKey(info);
    const registered = this.chapters.get(key);
    if (registered !== undefined) return structuredClone(registered);
    return generateChapters(this.root.fork(`chapters:${key}`), info);
  }

  /**
   * LavaSearch's `GET /v4/loadsearch` answer, as LavaSrc's search managers give it: `null` (204)
   * when no manager takes the query's prefix; an empty type set means every type.
   */
  loadSearch(query: string, types: ReadonlySet<SearchType>): SearchResult | null {
    if (typeof query !== "string") throw new CatalogError("query", query, "a string");
    return searchCollections(this.base, query, types, (identifier) => this.load(identifier));
  }

  /** Forgets every handler, registration and registered script; defaults are unaffected. */
  reset(): void {
    this.handlers.length = 0;
    this.registered.clear();
    this.scripts.clear();
    this.lyrics.clear();
    this.segments.clear();
    this.chapters.clear();
    this.registrations = 0;
  }

  private registrationFactory(): MockFactory {
    // Registrations are numbered so each built track differs, yet a fresh catalog rebuilds them identically.
    return this.base.fork(`register:${this.registrations++}`);
  }

  private generate(identifier: string, lavaSrc: boolean): LoadResult {
    const special = parseSpecial(identifier);
    if (special !== undefined) return this.special(identifier, special);
    if (identifier.startsWith("sonora:")) {
      return errorLoadResult({
        message: specialSyntaxError(identifier),
        severity: "common",
        cause: "java.lang.IllegalArgumentException",
      });
    }
    if (lavaSrc) {
      const answer = lavaSrcLoad(identifier, {
        track: (source, id) => this.track(source, id),
        fork: (label) => this.base.fork(label),
        load: (inner) => this.load(inner),
      });
      if (answer !== undefined) return answer;
    }
    const parsed = parseIdentifier(identifier, lavaSrc);
    switch (parsed.kind) {
      case "search": {
        if (parsed.query.length === 0) return emptyLoadResult();
        const hits = this.base.fork(`search:${identifier}`).createMockSearchResults({
          query: parsed.query,
          count: CATALOG_SEARCH_COUNT,
          source: parsed.search.source,
        });
        if (parsed.search.music) {
          for (const hit of hits)
            this.retarget(hit, `https://music.youtube.com/watch?v=${hit.info.identifier}`);
        }
        return searchLoadResult(hits);
      }
      case "track":
        return trackLoadResult(this.track(parsed.source, parsed.id, parsed));
      case "playlist":
        return playlistLoadResult(this.playlist(parsed));
      case "unsupported-url":
        // lavaplayer's HTTP source probes any other URL and fails to recognise a container.
        return errorLoadResult({
          message: "Unknown file format.",
          severity: "common",
          cause: `com.sedmelluq.discord.lavaplayer.tools.FriendlyException: Unknown file format.`,
        });
      case "unknown":
        return emptyLoadResult();
    }
  }

  /** The one track an id of a source stands for: the same wherever it appears (URL, playlist). */
  private track(source: MockSource, id: string, from?: Extract<ParsedIdentifier, { kind: "track" }>): Track {
    const overrides: TrackInfoOverrides = { source };
    // SoundCloud ids are URNs and Apple URIs name the album: both are generated, the rest come from the URL.
    if (source !== "soundcloud") overrides.identifier = id;
    if (from !== undefined && (source === "soundcloud" || from.music)) overrides.uri = from.uri;
    if (from?.stream) overrides.isStream = true;
    else overrides.isStream = false;
    return this.base.fork(`track:${source}:${id}`).createMockTrack(overrides);
  }

  private playlist(parsed: Extract<ParsedIdentifier, { kind: "playlist" }>): PlaylistData {
    const factory = this.base.fork(`playlist:${parsed.source}:${parsed.collection}:${parsed.id}`);
    const [min, max] = COLLECTION_SIZE[parsed.collection] ?? [5, 20];
    const size = this.root.fork(`size:${parsed.source}:${parsed.collection}:${parsed.id}`).int(min, max);
    // An empty playlist from the same fork supplies a seeded name.
    const probe = factory.createMockPlaylist({ trackCount: 0 });
    let data: PlaylistData;
    if (ID_SOURCES.has(parsed.source)) {
      const ids = factory.buildList(size, { source: parsed.source }).map((t) => t.info.identifier);
      if (parsed.selectedId !== undefined && !ids.includes(parsed.selectedId)) {
        ids[hashIndex(parsed.selectedId, size)] = parsed.selectedId;
      }
      const tracks = ids.map((id) => this.track(parsed.source, id));
      data = { info: { name: probe.info.name, selectedTrack: -1 }, pluginInfo: {}, tracks };
    } else {
      data = factory.createMockPlaylist({ name: probe.info.name, trackCount: size, source: parsed.source });
    }
    if (parsed.collection === "artist")
      data.info.name = `${data.tracks[0]?.info.author ?? "Artist"}'s Top Tracks`;
    if (parsed.collection === "mix") data.info.name = `Mix: ${parsed.id}`;
    if (parsed.selectedId !== undefined) {
      data.info.selectedTrack = data.tracks.findIndex((t) => t.info.identifier === parsed.selectedId);
    }
    data.pluginInfo = lavaSrcPlaylistInfo(parsed, data) ?? data.pluginInfo;
    return data;
  }

  private special(identifier: string, spec: SpecialSpec): LoadResult {
    const factory = this.base.fork(`special:${identifier}`);
    switch (spec.kind) {
      case "error":
        return errorLoadResult({
          message: spec.message,
          severity: "common",
          cause: `java.lang.RuntimeException: ${spec.message}`,
        });
      case "empty":
        return emptyLoadResult();
      case "playlist":
        return playlistLoadResult(
          factory.createMockPlaylist({ trackCount: spec.count, name: "Sonora test playlist" }),
        );
      case "search":
        return searchLoadResult(factory.createMockSearchResults({ count: spec.count, query: "sonora" }));
      default: {
        const isStream = spec.kind === "stream";
        const drawn = factory.createMockTrack({ isStream: false }).info.length;
        const track = factory.createMockTrack({
          identifier,
          sourceName: SPECIAL_SOURCE,
          title: specialTitle(spec),
          author: "Sonora Simulator",
          isStream,
          ...(isStream ? {} : { length: specialLength(spec, drawn) }),
          uri: null,
          artworkUrl: null,
          isrc: null,
        });
        return trackLoadResult(track);
      }
    }
  }

  /** Points a generated YouTube hit at another URI, re-encoding so `encoded` stays exact (YouTube tracks carry no source data). */
  private retarget(track: Track, uri: string): void {
    track.info.uri = uri;
    track.encoded = encodeTrack(track.info);
  }
}

function isTrack(value: Track | TrackInfoOverrides): value is Track {
  return typeof (value as Track).encoded === "string" && typeof (value as Track).info === "object";
}

function infoOf(track: Track | TrackInfo, name: string): TrackInfo {
  const info = isTrack(track as Track) ? (track as Track).info : (track as TrackInfo);
  if (typeof info?.sourceName !== "string" || typeof info.identifier !== "string") {
    throw new CatalogError(name, track, "a Track or a TrackInfo");
  }
  return info;
}

function scriptKey(info: TrackInfo): string {
  return `${info.sourceName}\u0000${info.identifier}`;
}

function hashIndex(text: string, size: number): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) >>> 0;
  return size === 0 ? 0 : h % size;
}
