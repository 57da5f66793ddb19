import type { SeededRandom } from "../base/random.js";
import type { JsonObject } from "../protocol/index.js";
import { slugify } from "./vocabulary.js";

/** Source managers the factory imitates (the `sourceName` Lavalink and LavaSrc report). */
export const MOCK_SOURCES = [
  "youtube",
  "soundcloud",
  "spotify",
  "applemusic",
  "deezer",
  "bandcamp",
  "http",
] as const;

/** One of {@link MOCK_SOURCES}. */
export type MockSource = (typeof MOCK_SOURCES)[number];

/** Is `value` one of the sources the factory knows how to shape? */
export function isMockSource(value: unknown): value is MockSource {
  return typeof value === "string" && (MOCK_SOURCES as readonly string[]).includes(value);
}

/** How often each source appears when none is asked for: YouTube dominates real bots' traffic. */
export const SOURCE_WEIGHTS: Readonly<Record<MockSource, number>> = {
  youtube: 45,
  soundcloud: 12,
  spotify: 20,
  applemusic: 7,
  deezer: 7,
  bandcamp: 4,
  http: 5,
};

/** The source-dependent parts of a track: identifier, links, ISRC and the extra codec bytes. */
export interface SourceShape {
  identifier: string;
  uri: string | null;
  artworkUrl: string | null;
  isrc: string | null;
  /** Bytes the source manager writes after `sourceName` in the encoded track (see the codec). */
  sourceData: Uint8Array | undefined;
  /** The `pluginInfo` a source plugin adds (LavaSrc's album, artist and preview fields), if any. */
  pluginInfo?: JsonObject;
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE64URL = `${BASE62}-_`;
const HEX = "0123456789abcdef";
const UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const ISRC_COUNTRIES = ["US", "GB", "JP", "KR", "DE", "FR", "ES", "MX", "SE", "RU", "BR", "CA", "AU", "NL"];

/** `length` characters drawn from `alphabet`. */
export function randomString(random: SeededRandom, alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet.charAt(Math.floor(random.next() * alphabet.length));
  return out;
}

/** A YouTube video id: 11 characters of base64url. */
export function youtubeId(random: SeededRandom): string {
  return randomString(random, BASE64URL, 11);
}

/** A YouTube playlist id: "PL" + 32 characters of base64url. */
export function youtubePlaylistId(random: SeededRandom): string {
  return `PL${randomString(random, BASE64URL, 32)}`;
}

/** A Spotify id: 22 characters of base62. */
export function spotifyId(random: SeededRandom): string {
  return randomString(random, BASE62, 22);
}

/** A decimal id of `digits` digits without a leading zero (Apple Music, Deezer, SoundCloud). */
export function numericId(random: SeededRandom, digits: number): string {
  return String(random.int(1, 9)) + randomString(random, "0123456789", digits - 1);
}

/** An ISRC, CC-XXX-YY-NNNNN without the dashes: 12 characters. */
export function isrc(random: SeededRandom): string {
  const year = String(random.int(0, 99)).padStart(2, "0");
  return `${random.pick(ISRC_COUNTRIES)}${randomString(random, UPPER_DIGITS, 3)}${year}${randomString(random, "0123456789", 5)}`;
}

/** Matches a syntactically valid ISRC (without dashes). */
export const ISRC_PATTERN = /^[A-Z]{2}[A-Z0-9]{3}[0-9]{2}[0-9]{5}$/;

/**
 * Builds the identifier, URI, artwork and ISRC of a track from `source`, in the formats the real
 * source managers use, so clients that parse or display them see plausible values.
 * `identifier` forces the id (used by the catalog when a URL names it).
 */
export function shapeFor(
  source: MockSource,
  random: SeededRandom,
  title: string,
  author: string,
  isStream: boolean,
  identifier?: string,
  variant = 0,
): SourceShape {
  // URL-named sources derive the id from the title; `variant` disambiguates a repeated title.
  const tail = variant > 0 ? `-${variant}` : "";
  switch (source) {
    case "youtube": {
      const id = identifier ?? youtubeId(random);
      return {
        identifier: id,
        uri: `https://www.youtube.com/watch?v=${id}`,
        artworkUrl: `https://i.ytimg.com/vi/${id}/${isStream ? "hqdefault_live" : "maxresdefault"}.jpg`,
        isrc: null,
        sourceData: undefined,
      };
    }
    case "soundcloud": {
      const id = numericId(random, 10);
      const user = slugify(author, `user-${numericId(random, 6)}`);
      const slug = slugify(title, `track-${id}`);
      const urn = `O:https://api-v2.soundcloud.com/media/soundcloud:tracks:${id}/${uuid(random)}/stream/hls`;
      return {
        identifier: identifier ?? urn,
        uri: `https://soundcloud.com/${user}/${slug}`,
        artworkUrl: `https://i1.sndcdn.com/artworks-${randomString(random, BASE62, 16)}-0-t500x500.jpg`,
        isrc: random.chance(0.3) ? isrc(random) : null,
        sourceData: undefined,
      };
    }
    case "spotify": {
      const id = identifier ?? spotifyId(random);
      const album = spotifyId(random);
      const artist = spotifyId(random);
      return {
        identifier: id,
        uri: `https://open.spotify.com/track/${id}`,
        artworkUrl: `https://i.scdn.co/image/ab67616d0000b273${randomString(random, HEX, 24)}`,
        isrc: isrc(random),
        ...lavaSrcData(random, source, title, [
          `https://open.spotify.com/album/${album}`,
          `https://open.spotify.com/artist/${artist}`,
          `https://i.scdn.co/image/ab6761610000e5eb${randomString(random, HEX, 24)}`,
        ]),
      };
    }
    case "applemusic": {
      const id = identifier ?? numericId(random, 10);
      const album = numericId(random, 10);
      const code = isrc(random);
      return {
        identifier: id,
        uri: `https://music.apple.com/us/album/${slugify(title, "album")}/${album}?i=${id}`,
        artworkUrl: `https://is1-ssl.mzstatic.com/image/thumb/Music116/v4/${randomString(random, HEX, 2)}/${randomString(random, HEX, 2)}/${uuid(random)}/${code}.jpg/600x600bb.jpg`,
        isrc: code,
        ...lavaSrcData(random, source, title, [
          `https://music.apple.com/us/album/${album}`,
          `https://music.apple.com/us/artist/${numericId(random, 9)}`,
          null,
        ]),
      };
    }
    case "deezer": {
      const id = identifier ?? numericId(random, 9);
      return {
        identifier: id,
        uri: `https://www.deezer.com/track/${id}`,
        artworkUrl: `https://e-cdns-images.dzcdn.net/images/cover/${randomString(random, HEX, 32)}/1000x1000-000000-80-0-0.jpg`,
        isrc: isrc(random),
        ...lavaSrcData(random, source, title, [
          `https://www.deezer.com/album/${numericId(random, 9)}`,
          `https://www.deezer.com/artist/${numericId(random, 7)}`,
          `https://e-cdns-images.dzcdn.net/images/artist/${randomString(random, HEX, 32)}/1000x1000-000000-80-0-0.jpg`,
        ]),
      };
    }
    case "bandcamp": {
      const artistSlug = slugify(author, `artist${numericId(random, 5)}`).replace(/-/g, "");
      const url =
        identifier ??
        `https://${artistSlug}.bandcamp.com/track/${slugify(title, `track-${numericId(random, 6)}`)}${tail}`;
      return {
        identifier: url,
        uri: url,
        artworkUrl: `https://f4.bcbits.com/img/a${numericId(random, 10)}_10.jpg`,
        isrc: null,
        sourceData: undefined,
      };
    }
    case "http": {
      const url =
        identifier ??
        (isStream
          ? `https://radio.example.com/live/${slugify(title, `station-${numericId(random, 4)}`)}${tail}`
          : `https://cdn.example.com/audio/${slugify(title, `file-${numericId(random, 6)}`)}${tail}.mp3`);
      return {
        identifier: url,
        uri: url,
        artworkUrl: null,
        isrc: null,
        // lavaplayer's HTTP source stores the probe result (the container) after the source name.
        sourceData: utfField(isStream ? "mpegts" : url.endsWith(".ogg") ? "ogg" : "mp3"),
      };
    }
  }
}

function uuid(random: SeededRandom): string {
  const h = (n: number): string => randomString(random, HEX, n);
  return `${h(8)}-${h(4)}-4${h(3)}-${random.pick(["8", "9", "a", "b"])}${h(3)}-${h(12)}`;
}

/**
 * LavaSrc's extended tracks write album name, album URL, artist URL, artist artwork URL and preview
 * URL as nullable UTF fields and then an `isPreview` flag; real Spotify/Apple/Deezer tracks carry them.
 */
function lavaSrcData(
  random: SeededRandom,
  source: MockSource,
  title: string,
  [albumUrl, artistUrl, artistArtworkUrl]: [string, string, string | null],
): { sourceData: Uint8Array; pluginInfo: JsonObject } {
  const albumName = random.chance(0.4) ? title : `${title} - Single`;
  const sourceData = concat([
    nullableUtf(albumName),
    nullableUtf(albumUrl),
    nullableUtf(artistUrl),
    nullableUtf(artistArtworkUrl),
    nullableUtf(null),
    Uint8Array.of(0),
  ]);
  // LavaSrcAudioPluginInfoModifier: the same fields, always present (null when unknown);
  // Spotify tracks add `isLocal`.
  const pluginInfo: JsonObject = {
    albumName,
    albumUrl,
    artistUrl,
    artistArtworkUrl,
    previewUrl: null,
    isPreview: false,
  };
  if (source === "spotify") pluginInfo.isLocal = false;
  return { sourceData, pluginInfo };
}

/**
 * A Java `writeUTF` field: 2-byte length, then modified UTF-8 (each UTF-16 unit on its own, U+0000 as
 * C0 80). Written here rather than borrowed from the codec's internals so the two can evolve apart.
 */
function utfField(text: string): Uint8Array {
  const out = Buffer.allocUnsafe(2 + 3 * text.length);
  let at = 2;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit !== 0 && unit < 0x80) {
      out[at++] = unit;
    } else if (unit < 0x800) {
      out[at++] = 0xc0 | (unit >>> 6);
      out[at++] = 0x80 | (unit & 0x3f);
    } else {
      out[at++] = 0xe0 | (unit >>> 12);
      out[at++] = 0x80 | ((unit >>> 6) & 0x3f);
      out[at++] = 0x80 | (unit & 0x3f);
    }
  }
  out.writeUInt16BE(at - 2, 0);
  return out.subarray(0, at);
}

/** lavaplayer's nullable text: a presence byte, then the UTF field when present. */
function nullableUtf(text: string | null): Uint8Array {
  if (text === null) return Uint8Array.of(0);
  return concat([Uint8Array.of(1), utfField(text)]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  return Buffer.concat(parts);
}
