import type { SeededRandom } from "../base/random.js";
import { isrc, numericId, randomString, type SourceShape, spotifyId, uuid, youtubeId } from "./ids.js";
import { lavaSrcShape } from "./lavasrc-shapes.js";
import { hexOf, lavaSrcExtended, utfField } from "./source-bytes.js";
import { slugify } from "./vocabulary.js";

export {
  ISRC_PATTERN,
  isrc,
  numericId,
  randomString,
  type SourceShape,
  spotifyId,
  youtubeId,
  youtubePlaylistId,
} from "./ids.js";

/**
 * Source managers the factory imitates (the `sourceName` Lavalink and LavaSrc report): Lavalink's
 * own, then LavaSrc's (its 4.8 release; Flowery TTS is left out, its "tracks" are spoken text).
 */
export const MOCK_SOURCES = [
  "youtube",
  "soundcloud",
  "spotify",
  "applemusic",
  "deezer",
  "bandcamp",
  "http",
  "yandexmusic",
  "vkmusic",
  "tidal",
  "qobuz",
  "jiosaavn",
] as const;

/** One of {@link MOCK_SOURCES}. */
export type MockSource = (typeof MOCK_SOURCES)[number];

/**
 * The sources a factory draws from when its options name none: the common ones. The regional and
 * hi-fi catalogues LavaSrc adds come only when asked for, so the default mix stays what bots see.
 */
export const DEFAULT_MOCK_SOURCES: readonly MockSource[] = Object.freeze([
  "youtube",
  "soundcloud",
  "spotify",
  "applemusic",
  "deezer",
  "bandcamp",
  "http",
]);

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
  yandexmusic: 4,
  vkmusic: 4,
  tidal: 3,
  qobuz: 2,
  jiosaavn: 3,
};

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const HEX = "0123456789abcdef";

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
    case "yandexmusic":
    case "vkmusic":
    case "tidal":
    case "qobuz":
    case "jiosaavn":
      return lavaSrcShape(source, random, title, author, identifier);
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
        ...lavaSrcExtended(
          {
            albumUrl: `https://open.spotify.com/album/${album}`,
            artistUrl: `https://open.spotify.com/artist/${artist}`,
            artistArtworkUrl: `https://i.scdn.co/image/ab6761610000e5eb${randomString(random, HEX, 24)}`,
            previewUrl: `https://p.scdn.co/mp3-preview/${hexOf(id, 40)}`,
            // Drawn last, as before the preview field existed, so seeded tracks keep their values.
            albumName: albumName(random, title),
            isPreview: false,
          },
          true,
        ),
      };
    }
    case "applemusic": {
      const id = identifier ?? numericId(random, 10);
      const album = numericId(random, 10);
      const code = isrc(random);
      // LavaSrc takes the album link from the track's, whose `?i=` names the track.
      const albumUrl = `https://music.apple.com/us/album/${slugify(title, "album")}/${album}`;
      return {
        identifier: id,
        uri: `${albumUrl}?i=${id}`,
        artworkUrl: `https://is1-ssl.mzstatic.com/image/thumb/Music116/v4/${randomString(random, HEX, 2)}/${randomString(random, HEX, 2)}/${uuid(random)}/${code}.jpg/600x600bb.jpg`,
        isrc: code,
        ...lavaSrcExtended(
          {
            albumUrl,
            artistUrl: `https://music.apple.com/us/artist/${numericId(random, 9)}`,
            artistArtworkUrl: null,
            previewUrl: `https://aod-ssl.itunes.apple.com/itunes-assets/HLSMusic116/v4/${hexOf(id, 2)}/${hexOf(code, 2)}/${hexOf(id, 8)}/P${hexOf(code, 8)}_default.m3u8`,
            // Drawn last, as before the preview field existed, so seeded tracks keep their values.
            albumName: albumName(random, title),
            isPreview: false,
          },
          false,
        ),
      };
    }
    case "deezer": {
      const id = identifier ?? numericId(random, 9);
      return {
        identifier: id,
        // DeezerAudioSourceManager writes the track link without `www.`.
        uri: `https://deezer.com/track/${id}`,
        artworkUrl: `https://e-cdns-images.dzcdn.net/images/cover/${randomString(random, HEX, 32)}/1000x1000-000000-80-0-0.jpg`,
        isrc: isrc(random),
        ...lavaSrcExtended(
          {
            albumUrl: `https://www.deezer.com/album/${numericId(random, 9)}`,
            artistUrl: `https://www.deezer.com/artist/${numericId(random, 7)}`,
            artistArtworkUrl: `https://e-cdns-images.dzcdn.net/images/artist/${randomString(random, HEX, 32)}/1000x1000-000000-80-0-0.jpg`,
            previewUrl: `https://cdnt-preview.dzcdn.net/api/1/1/${hexOf(id, 1)}/${hexOf(id, 3).slice(1)}/${hexOf(id, 32)}.mp3`,
            // Drawn last, as before the preview field existed, so seeded tracks keep their values.
            albumName: albumName(random, title),
            isPreview: false,
          },
          false,
        ),
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

/** The album a catalog track comes from: the single of the same name, or an album of that title. */
function albumName(random: SeededRandom, title: string): string {
  return random.chance(0.4) ? title : `${title} - Single`;
}
