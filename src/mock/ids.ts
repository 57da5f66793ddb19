import type { SeededRandom } from "../base/random.js";
import type { JsonObject } from "../protocol/index.js";

/** Id, link and ISRC formats shared by the mock sources. */

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

/** A random UUID (version 4 layout). */
export function uuid(random: SeededRandom): string {
  const h = (n: number): string => randomString(random, HEX, n);
  return `${h(8)}-${h(4)}-4${h(3)}-${random.pick(["8", "9", "a", "b"])}${h(3)}-${h(12)}`;
}
