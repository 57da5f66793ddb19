import type { JsonObject } from "../protocol/index.js";

/**
 * The bytes source managers write after `sourceName` in an encoded track, built independently of the
 * codec so the mock data and the codec can check each other.
 */

/** What LavaSrc's `ExtendedAudioTrack` carries beyond the track info (see `LavaSrcTrackInfo`). */
export interface LavaSrcFields {
  albumName: string | null;
  albumUrl: string | null;
  artistUrl: string | null;
  artistArtworkUrl: string | null;
  previewUrl: string | null;
  isPreview: boolean;
}

/**
 * `ExtendedAudioSourceManager.encodeTrack`: the five nullable texts in that order, then `isPreview`.
 * The pluginInfo is `LavaSrcAudioPluginInfoModifier`'s: every field present (null when unknown), and
 * `isLocal` on Spotify tracks only.
 */
export function lavaSrcExtended(
  fields: LavaSrcFields,
  spotify: boolean,
): { sourceData: Uint8Array; pluginInfo: JsonObject } {
  const sourceData = Buffer.concat([
    nullableUtf(fields.albumName),
    nullableUtf(fields.albumUrl),
    nullableUtf(fields.artistUrl),
    nullableUtf(fields.artistArtworkUrl),
    nullableUtf(fields.previewUrl),
    Uint8Array.of(fields.isPreview ? 1 : 0),
  ]);
  const pluginInfo: JsonObject = {
    albumName: fields.albumName,
    albumUrl: fields.albumUrl,
    artistUrl: fields.artistUrl,
    artistArtworkUrl: fields.artistArtworkUrl,
    previewUrl: fields.previewUrl,
    isPreview: fields.isPreview,
  };
  if (spotify) pluginInfo.isLocal = false;
  return { sourceData, pluginInfo };
}

/**
 * A Java `writeUTF` field: 2-byte length, then modified UTF-8 (each UTF-16 unit on its own, U+0000 as
 * C0 80). Written here rather than borrowed from the codec's internals so the two can evolve apart.
 */
export function utfField(text: string): Uint8Array {
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
  return Buffer.concat([Uint8Array.of(1), utfField(text)]);
}

/**
 * 32 hex digits derived from `text` (FNV-1a, four rounds): links that follow from an id (preview
 * files) without drawing from the random stream, so adding them shifts no other generated value.
 */
export function hexOf(text: string, length = 32): string {
  let out = "";
  for (let round = 0; out.length < length; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    out += (h >>> 0).toString(16).padStart(8, "0");
  }
  return out.slice(0, length);
}
