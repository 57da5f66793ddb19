import type { JsonObject, PlaylistInfo, Track } from "./track.js";

/**
 * Wire format of the plugins most nodes run, taken from each plugin's source: LavaSrc
 * (`lavasrc-plugin`), LavaSearch (`lavasearch-plugin`), LavaLyrics (`lavalyrics-plugin`) and
 * SponsorBlock (`sponsorblock-plugin`).
 */

/** The names the plugins report in `GET /v4/info` `plugins[].name` (their `lavalinkPlugin.name`). */
export const PLUGIN_NAMES = Object.freeze({
  lavasrc: "lavasrc-plugin",
  lavasearch: "lavasearch-plugin",
  lyrics: "lavalyrics-plugin",
  sponsorblock: "sponsorblock-plugin",
  /** DuncteBot's lyrics plugin (java-timed-lyrics): lyrics by REST only, no live events. */
  "java-lyrics": "java-lyrics-plugin",
});

/** A plugin Sonora knows by name; see {@link PLUGIN_NAMES}. */
export type KnownPlugin = keyof typeof PLUGIN_NAMES;

// ── LavaSrc ─────────────────────────────────────────────────────────────────────────────────────

/**
 * LavaSrc's identifier prefixes (its current release, v4), by kind. A search prefix takes a
 * query; a recommendation prefix takes a seed (Spotify: a track id or `mix:track:<id>`; Deezer: a
 * track id, `track=<id>` or `artist=<id>`); an ISRC prefix takes an ISRC; a preview prefix loads
 * the 30-second preview instead of the mirrored full track.
 */
export const LAVASRC_PREFIXES = Object.freeze({
  search: Object.freeze({
    spotify: "spsearch:",
    appleMusic: "amsearch:",
    deezer: "dzsearch:",
    yandexMusic: "ymsearch:",
    vkMusic: "vksearch:",
    tidal: "tdsearch:",
    qobuz: "qbsearch:",
    jioSaavn: "jssearch:",
  }),
  recommendations: Object.freeze({
    spotify: "sprec:",
    deezer: "dzrec:",
    yandexMusic: "ymrec:",
    vkMusic: "vkrec:",
    tidal: "tdrec:",
    qobuz: "qbrec:",
    jioSaavn: "jsrec:",
  }),
  isrc: Object.freeze({ deezer: "dzisrc:", qobuz: "qbisrc:" }),
  preview: Object.freeze({
    spotify: "spprev:",
    appleMusic: "amprev:",
    deezer: "dzprev:",
    jioSaavn: "jsprev:",
  }),
  /** Flowery text-to-speech: `ftts://<text>`. */
  tts: "ftts://",
});

/** LavaSrc's `sourceName` for each source manager it adds (the `sourceManagers` of `/v4/info`). */
export const LAVASRC_SOURCE_NAMES = Object.freeze([
  "spotify",
  "applemusic",
  "deezer",
  "yandexmusic",
  "vkmusic",
  "tidal",
  "qobuz",
  "jiosaavn",
  "flowery-tts",
] as const);

/**
 * `pluginInfo` of a LavaSrc track (`ExtendedAudioTrack`): every field is always present, `null`
 * when the source did not give it; `isLocal` only on Spotify tracks.
 */
export interface LavaSrcTrackInfo {
  albumName: string | null;
  albumUrl: string | null;
  artistUrl: string | null;
  artistArtworkUrl: string | null;
  previewUrl: string | null;
  /** True when the track is the source's 30-second preview (a `…prev:` load). */
  isPreview: boolean;
  /** Spotify only: a local file of the playlist owner. */
  isLocal?: boolean;
}

/** `type` in a LavaSrc playlist's `pluginInfo`. */
export type LavaSrcPlaylistType = "album" | "playlist" | "artist" | "recommendations";

/** `pluginInfo` of a LavaSrc playlist (`ExtendedAudioPlaylist`). */
export interface LavaSrcPlaylistInfo {
  type: LavaSrcPlaylistType;
  url: string | null;
  artworkUrl: string | null;
  author: string | null;
  totalTracks: number | null;
}

// ── LavaSearch ──────────────────────────────────────────────────────────────────────────────────

/** Result kinds of `GET /v4/loadsearch?types=…` (unknown names are ignored by the plugin). */
export type SearchType = "track" | "album" | "artist" | "playlist" | "text";

/** Every {@link SearchType}, in the plugin's order. */
export const SEARCH_TYPES: readonly SearchType[] = Object.freeze([
  "track",
  "playlist",
  "album",
  "artist",
  "text",
]);

/** A collection in a LavaSearch result: a Lavalink playlist whose `tracks` are always empty. */
export interface SearchCollection {
  info: PlaylistInfo;
  pluginInfo: JsonObject;
  tracks: Track[];
}

/** A text suggestion in a LavaSearch result. */
export interface SearchText {
  text: string;
  plugin: JsonObject;
}

/** `GET /v4/loadsearch` answer (200); the plugin answers 204 when no source handles the query. */
export interface SearchResult {
  tracks: Track[];
  albums: SearchCollection[];
  artists: SearchCollection[];
  playlists: SearchCollection[];
  texts: SearchText[];
  plugin: JsonObject;
}

// ── LavaLyrics ──────────────────────────────────────────────────────────────────────────────────

/** One timed line: `timestamp` and `duration` in milliseconds (duration may be unknown). */
export interface LyricsLine {
  timestamp: number;
  duration: number | null;
  line: string;
  plugin: JsonObject;
}

/** Lyrics as LavaLyrics returns them: plain `text`, timed `lines`, or both. */
export interface Lyrics {
  /** The lyrics source (`spotify`, `deezer`, `lrclib`, …). */
  sourceName: string;
  provider: string | null;
  text: string | null;
  lines: LyricsLine[] | null;
  plugin: JsonObject;
}

interface PluginEventBase {
  op: "event";
  guildId: string;
}

/** Live lyrics: lyrics for the track that started (or was playing at subscribe time). */
export interface LyricsFoundEvent extends PluginEventBase {
  type: "LyricsFoundEvent";
  lyrics: Lyrics;
}

/** Live lyrics: the track that started has no timed lyrics. */
export interface LyricsNotFoundEvent extends PluginEventBase {
  type: "LyricsNotFoundEvent";
}

/** Live lyrics: playback reached a line; `skipped` when it was passed over (seek, lateness). */
export interface LyricsLineEvent extends PluginEventBase {
  type: "LyricsLineEvent";
  lineIndex: number;
  line: LyricsLine;
  skipped: boolean;
}

// ── SponsorBlock ────────────────────────────────────────────────────────────────────────────────

/** SponsorBlock segment categories the plugin documents. */
export type SegmentCategory =
  | "sponsor"
  | "selfpromo"
  | "interaction"
  | "intro"
  | "outro"
  | "preview"
  | "music_offtopic"
  | "filler";

/** Every {@link SegmentCategory}. */
export const SEGMENT_CATEGORIES: readonly SegmentCategory[] = Object.freeze([
  "sponsor",
  "selfpromo",
  "interaction",
  "intro",
  "outro",
  "preview",
  "music_offtopic",
  "filler",
]);

/** A segment to skip; `start` and `end` in milliseconds. */
export interface Segment {
  category: string;
  start: number;
  end: number;
}

/** A YouTube chapter; `start`, `end` and `duration` in milliseconds. */
export interface Chapter {
  name: string;
  start: number;
  end: number;
  duration: number;
}

/** The segments of the track that started (sent only when there are some). */
export interface SegmentsLoadedEvent extends PluginEventBase {
  type: "SegmentsLoaded";
  segments: Segment[];
}

/** Playback reached a segment and jumped to its end. */
export interface SegmentSkippedEvent extends PluginEventBase {
  type: "SegmentSkipped";
  segment: Segment;
}

/** The chapters of the track that started (sent only when there are some). */
export interface ChaptersLoadedEvent extends PluginEventBase {
  type: "ChaptersLoaded";
  chapters: Chapter[];
}

/** Playback reached a chapter. */
export interface ChapterStartedEvent extends PluginEventBase {
  type: "ChapterStarted";
  chapter: Chapter;
}

/** The plugin events Sonora types. */
export type KnownPluginEvent =
  | LyricsFoundEvent
  | LyricsNotFoundEvent
  | LyricsLineEvent
  | SegmentsLoadedEvent
  | SegmentSkippedEvent
  | ChaptersLoadedEvent
  | ChapterStartedEvent;

/**
 * An event of a plugin Sonora does not know, passed through exactly as the node sent it. It reaches
 * a player (as `pluginEvent`) when its `guildId` is a string; every one is also in the node's `raw`.
 */
export interface UnknownPluginEvent {
  op: "event";
  type: string;
  guildId?: string;
  [field: string]: unknown;
}

/** Any `op: "event"` frame that is not one of Lavalink's own events. */
export type PluginEvent = KnownPluginEvent | UnknownPluginEvent;
