import {
  emptyLoadResult,
  errorLoadResult,
  ISRC_PATTERN,
  type MockFactory,
  type MockSource,
  playlistLoadResult,
  trackLoadResult,
} from "../../mock/index.js";
import {
  decodeTrack,
  encodeTrack,
  type LoadResult,
  STREAM_LENGTH,
  type Track,
} from "../../protocol/index.js";
import { parseIdentifier } from "./identifiers.js";

/**
 * LavaSrc's identifiers that are not searches or links (release 4.8): recommendations (`sprec:` …),
 * ISRC lookups (`dzisrc:`, `qbisrc:`), previews (`spprev:` …) and Flowery TTS (`ftts://`), answered
 * the way each source manager builds its result.
 */

/** What the catalog lends these loads: its tracks by id, seeded forks, and itself for previews. */
export interface LavaSrcHost {
  track(source: MockSource, id: string): Track;
  fork(label: string): MockFactory;
  load(identifier: string): LoadResult;
}

interface Recommender {
  readonly source: MockSource;
  /** Seeds the source's API takes; others get no tracks back (`empty`). */
  readonly seed: RegExp;
  readonly name: string;
  readonly count: number;
  /** `author` of the playlist's pluginInfo (most leave it null). */
  readonly author?: string;
  /** JioSaavn puts the seed id in the playlist's `url`. */
  readonly urlIsSeed?: boolean;
  /** A seed the manager refuses by throwing, with the exception's message. */
  readonly refuse?: (seed: string) => string | undefined;
}

const RECOMMENDERS: Readonly<Record<string, Recommender>> = {
  "sprec:": {
    source: "spotify",
    seed: /^(mix:(album|artist|track|isrc):)?[A-Za-z0-9_-]+$/,
    name: "Spotify Recommendations",
    count: 20,
  },
  "dzrec:": { source: "deezer", seed: /^((track|artist)=)?\d+$/, name: "Deezer Recommendations", count: 20 },
  "ymrec:": {
    source: "yandexmusic",
    seed: /^-?\d+$/,
    name: "Yandex Music Recommendations",
    count: 10,
    refuse: (seed) =>
      /^-?\d+$/.test(seed) ? undefined : "The yandex music track identifier must be a number",
  },
  "vkrec:": { source: "vkmusic", seed: /^-?\d+_\d+$/, name: "Vk Music Recommendations", count: 10 },
  // Tidal answers with the seed's track mix: a plain playlist named after the mix, no LavaSrc pluginInfo.
  "tdrec:": {
    source: "tidal",
    seed: /^\d+$/,
    name: "Mix:",
    count: 20,
    refuse: (seed) => (seed.length === 0 ? "No track ID provided for recommendations" : undefined),
  },
  "qbrec:": { source: "qobuz", seed: /^\d+$/, name: "Qobuz Recommendations", count: 50, author: "Qobuz" },
  "jsrec:": {
    source: "jiosaavn",
    seed: /^[A-Za-z0-9_-]+$/,
    name: "JioSaavn Recommendations",
    count: 20,
    author: "Saavn Editor",
    urlIsSeed: true,
  },
};

const ISRC_LOOKUPS: Readonly<Record<string, MockSource>> = { "dzisrc:": "deezer", "qbisrc:": "qobuz" };

/** Preview prefixes: the manager loads the rest of the identifier with 30-second preview tracks. */
const PREVIEWS: Readonly<Record<string, MockSource>> = {
  "spprev:": "spotify",
  "amprev:": "applemusic",
  "dzprev:": "deezer",
  "jsprev:": "jiosaavn",
};
const PREVIEW_LENGTH = 30_000;

const TTS_PREFIX = "ftts://";
/** FloweryTTSSourceManager refuses longer texts. */
const TTS_CHAR_MAX = 2048;

/** The answer to a LavaSrc-only identifier, or undefined when `identifier` is none. */
export function lavaSrcLoad(identifier: string, host: LavaSrcHost): LoadResult | undefined {
  if (identifier.startsWith(TTS_PREFIX)) return tts(identifier);
  const prefix = /^[a-z]+:/.exec(identifier)?.[0];
  if (prefix === undefined) return undefined;
  const rest = identifier.slice(prefix.length);
  const recommender = RECOMMENDERS[prefix];
  if (recommender !== undefined) return recommend(recommender, prefix, rest.trim(), host);
  const isrcSource = ISRC_LOOKUPS[prefix];
  if (isrcSource !== undefined) {
    // Deezer asks its API for `track/isrc:<code>`, Qobuz searches the code: both give one track.
    if (!ISRC_PATTERN.test(rest)) return emptyLoadResult();
    return trackLoadResult(
      host.fork(`isrc:${isrcSource}:${rest}`).createMockTrack({ source: isrcSource, isrc: rest }),
    );
  }
  const previewSource = PREVIEWS[prefix];
  if (previewSource !== undefined) return preview(previewSource, rest, host);
  return undefined;
}

function recommend(r: Recommender, prefix: string, seed: string, host: LavaSrcHost): LoadResult {
  const refused = r.refuse?.(seed);
  if (refused !== undefined) return lookupFailure(`java.lang.IllegalArgumentException: ${refused}`);
  if (!r.seed.test(seed)) return emptyLoadResult();
  const factory = host.fork(`recommendations:${r.source}:${seed}`);
  const tracks = factory
    .buildList(r.count, { source: r.source })
    .map((t) => host.track(r.source, t.info.identifier));
  if (prefix === "tdrec:") {
    const mixId = hexId(`${String(factory.seed)}:${seed}`, 30);
    return playlistLoadResult({ info: { name: `Mix: ${mixId}`, selectedTrack: -1 }, pluginInfo: {}, tracks });
  }
  return playlistLoadResult({
    info: { name: r.name, selectedTrack: -1 },
    pluginInfo: {
      type: "recommendations",
      url: r.urlIsSeed === true ? seed : null,
      artworkUrl: null,
      author: r.author ?? null,
      totalTracks: tracks.length,
    },
    tracks,
  });
}

/** The source a LavaSrc manager would claim `identifier` for, to tell whether a preview prefix applies. */
function ownerOf(identifier: string): MockSource | undefined {
  const prefix = /^[a-z]+:/.exec(identifier)?.[0];
  if (prefix !== undefined) {
    const owner = RECOMMENDERS[prefix]?.source ?? ISRC_LOOKUPS[prefix];
    if (owner !== undefined) return owner;
  }
  const parsed = parseIdentifier(identifier);
  if (parsed.kind === "search") return parsed.search.source;
  if (parsed.kind === "track" || parsed.kind === "playlist") return parsed.source;
  return undefined;
}

function preview(source: MockSource, inner: string, host: LavaSrcHost): LoadResult {
  // Only the prefix's own manager strips it; every other source sees an identifier it does not know.
  if (ownerOf(inner) !== source) return emptyLoadResult();
  const result = host.load(inner);
  switch (result.loadType) {
    case "track":
      return { loadType: "track", data: asPreview(result.data) };
    case "search":
      return { loadType: "search", data: result.data.map(asPreview) };
    case "playlist":
      return { loadType: "playlist", data: { ...result.data, tracks: result.data.tracks.map(asPreview) } };
    default:
      return result;
  }
}

/** The same track as LavaSrc builds it for a preview load: 30 s long, `isPreview` in bytes and pluginInfo. */
function asPreview(track: Track): Track {
  const { sourceData } = decodeTrack(track.encoded);
  const bytes = Uint8Array.from(sourceData);
  // ExtendedAudioSourceManager writes isPreview as the last byte of the source data.
  if (bytes.length > 0) bytes[bytes.length - 1] = 1;
  const info = { ...track.info, length: PREVIEW_LENGTH };
  return {
    ...track,
    encoded: encodeTrack(info, { sourceData: bytes }),
    info,
    pluginInfo: Object.keys(track.pluginInfo).length === 0 ? {} : { ...track.pluginInfo, isPreview: true },
  };
}

/**
 * FloweryTTSSourceManager: the text is the URI's authority (percent-decoded), the track has no
 * link, an unknown length and the manager's name as author; query parameters (voice, speed, …) only
 * shape the audio.
 */
function tts(identifier: string): LoadResult | undefined {
  const illegal = /[\s"<>\\^`{|}]/.exec(identifier);
  if (illegal !== null) {
    const part = illegal.index < authorityEnd(identifier) ? "authority" : "query";
    return lookupFailure(
      `java.net.URISyntaxException: Illegal character in ${part} at index ${illegal.index}: ${identifier}`,
    );
  }
  const raw = identifier.slice(TTS_PREFIX.length, authorityEnd(identifier));
  if (raw.length === 0) return undefined;
  let text: string;
  try {
    text = decodeURIComponent(raw);
  } catch {
    const at = TTS_PREFIX.length + raw.search(/%(?![0-9A-Fa-f]{2})/);
    return lookupFailure(`java.net.URISyntaxException: Malformed escape pair at index ${at}: ${identifier}`);
  }
  if (text.length > TTS_CHAR_MAX) {
    return lookupFailure("java.lang.IllegalArgumentException: Character limit per request exceeded");
  }
  const info = {
    identifier,
    isSeekable: true,
    author: "flowery-tts",
    length: STREAM_LENGTH,
    isStream: false,
    position: 0,
    title: text,
    uri: null,
    artworkUrl: null,
    isrc: null,
    sourceName: "flowery-tts",
  };
  return trackLoadResult({ encoded: encodeTrack(info), info, pluginInfo: {}, userData: {} });
}

function authorityEnd(identifier: string): number {
  const end = identifier.slice(TTS_PREFIX.length).search(/[/?#]/);
  return end === -1 ? identifier.length : TTS_PREFIX.length + end;
}

/** lavaplayer wraps what a source manager throws while loading: a fault naming the root cause. */
function lookupFailure(cause: string): LoadResult {
  return errorLoadResult({
    message: "Something went wrong when looking up the track",
    severity: "fault",
    cause,
  });
}

/** `length` hex digits derived from `text` (FNV-1a rounds): ids that follow from a seed. */
function hexId(text: string, length: number): string {
  let out = "";
  for (let round = 0; out.length < length; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    out += (h >>> 0).toString(16).padStart(8, "0");
  }
  return out.slice(0, length);
}
