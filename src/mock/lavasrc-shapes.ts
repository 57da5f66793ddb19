import type { SeededRandom } from "../base/random.js";
import { isrc, numericId, randomString, type SourceShape } from "./ids.js";
import { hexOf, lavaSrcExtended } from "./source-bytes.js";
import { slugify } from "./vocabulary.js";

/**
 * Track shapes of the sources LavaSrc added after Spotify, Apple Music and Deezer, in the formats its
 * source managers build them (ids, links, which `ExtendedAudioTrack` fields each one fills).
 */

/** The LavaSrc sources shaped here. */
export type LavaSrcExtraSource = "yandexmusic" | "vkmusic" | "tidal" | "qobuz" | "jiosaavn";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const HEX = "0123456789abcdef";
const LOWER_ALNUM = "0123456789abcdefghijklmnopqrstuvwxyz";

/** A JioSaavn link token (the last path segment of its song, album and artist pages). */
export function jioSaavnToken(random: SeededRandom): string {
  return randomString(random, `${BASE62}_`, 11);
}

/** A VK audio id as LavaSrc builds it: `<owner_id>_<id>` (official catalogue owners are negative). */
export function vkAudioId(random: SeededRandom): string {
  return `-2001${numericId(random, 6)}_${numericId(random, 9)}`;
}

/** A Qobuz album id: 13 characters, digits (a UPC) or lower-case letters and digits. */
function qobuzAlbumId(random: SeededRandom): string {
  return random.chance(0.5) ? numericId(random, 13) : randomString(random, LOWER_ALNUM, 13);
}

export function lavaSrcShape(
  source: LavaSrcExtraSource,
  random: SeededRandom,
  title: string,
  author: string,
  identifier: string | undefined,
): SourceShape {
  switch (source) {
    case "yandexmusic": {
      // YandexMusicSourceManager: links on music.yandex.com, no ISRC, no preview.
      const id = identifier ?? numericId(random, 8);
      const album = numericId(random, 8);
      const artist = numericId(random, 7);
      const cover = (kind: string, of: string) =>
        `https://avatars.yandex.net/get-music-content/${numericId(random, 7)}/${randomString(random, HEX, 8)}.${kind}.${of}-1/400x400`;
      return {
        identifier: id,
        uri: `https://music.yandex.com/track/${id}`,
        artworkUrl: cover("a", album),
        isrc: null,
        ...lavaSrcExtended(
          {
            albumName: random.chance(0.4) ? title : `${title} (Single)`,
            albumUrl: `https://music.yandex.com/album/${album}`,
            artistUrl: `https://music.yandex.com/artist/${artist}`,
            artistArtworkUrl: cover("p", artist),
            previewUrl: null,
            isPreview: false,
          },
          false,
        ),
      };
    }
    case "vkmusic": {
      // VkMusicSourceManager: the audio's stream URL is its previewUrl; no ISRC, no artist artwork.
      const id = identifier ?? vkAudioId(random);
      const inAlbum = random.chance(0.8);
      const album = `-2000${numericId(random, 6)}_${numericId(random, 8)}`;
      return {
        identifier: id,
        uri: `https://vk.com/audio${id}`,
        artworkUrl: inAlbum
          ? `https://sun9-${random.int(1, 80)}.userapi.com/impf/c${numericId(random, 6)}/v${numericId(random, 6)}/${randomString(random, HEX, 5)}/${randomString(random, BASE62, 11)}.jpg`
          : null,
        isrc: null,
        ...lavaSrcExtended(
          {
            albumName: inAlbum ? title : null,
            albumUrl: inAlbum ? `https://vk.com/music/album/${album}` : null,
            artistUrl: `https://vk.com/artist/${slugify(author, `artist${numericId(random, 6)}`).replace(/-/g, "")}`,
            artistArtworkUrl: null,
            previewUrl: `https://cs${random.int(1, 9)}-${random.int(1, 99)}v4.vkuseraudio.net/s/v1/acmp3/${hexOf(id, 32)}.mp3`,
            isPreview: false,
          },
          false,
        ),
      };
    }
    case "tidal": {
      // TidalSourceManager.parseTrack fills only the track info: every extended field stays null.
      const id = identifier ?? numericId(random, 9);
      const cover = `${randomString(random, HEX, 8)}/${randomString(random, HEX, 4)}/${randomString(random, HEX, 4)}/${randomString(random, HEX, 4)}/${randomString(random, HEX, 12)}`;
      return {
        identifier: id,
        uri: `http://www.tidal.com/track/${id}`,
        artworkUrl: `https://resources.tidal.com/images/${cover}/1280x1280.jpg`,
        isrc: isrc(random),
        ...lavaSrcExtended(
          {
            albumName: null,
            albumUrl: null,
            artistUrl: null,
            artistArtworkUrl: null,
            previewUrl: null,
            isPreview: false,
          },
          false,
        ),
      };
    }
    case "qobuz": {
      // QobuzAudioSourceManager: open.qobuz.com links, ISRC, album and artist; no preview.
      const id = identifier ?? numericId(random, 9);
      const album = qobuzAlbumId(random);
      return {
        identifier: id,
        uri: `https://open.qobuz.com/track/${id}`,
        artworkUrl: `https://static.qobuz.com/images/covers/${album.slice(-2)}/${album.slice(-4, -2)}/${album}_600.jpg`,
        isrc: isrc(random),
        ...lavaSrcExtended(
          {
            albumName: random.chance(0.4) ? title : `${title} (Deluxe)`,
            albumUrl: `https://open.qobuz.com/album/${album}`,
            artistUrl: `https://open.qobuz.com/artist/${numericId(random, 6)}`,
            artistArtworkUrl: random.chance(0.5)
              ? `https://static.qobuz.com/images/artists/covers/large/${randomString(random, HEX, 32)}.jpg`
              : null,
            previewUrl: null,
            isPreview: false,
          },
          false,
        ),
      };
    }
    case "jiosaavn": {
      // JioSaavnAudioSourceManager: perma URLs, a 96 kbps preview file, no ISRC.
      const id = identifier ?? jioSaavnToken(random);
      const slug = slugify(title, "song");
      const artistSlug = slugify(author, "artist");
      const year = random.int(1990, 2025);
      return {
        identifier: id,
        uri: `https://www.jiosaavn.com/song/${slug}/${id}`,
        artworkUrl: `https://c.saavncdn.com/${numericId(random, 3)}/${slug}-Hindi-${year}-500x500.jpg`,
        isrc: null,
        ...lavaSrcExtended(
          {
            albumName: title,
            albumUrl: `https://www.jiosaavn.com/album/${slug}/${jioSaavnToken(random)}`,
            artistUrl: `https://www.jiosaavn.com/artist/${artistSlug}/${jioSaavnToken(random)}`,
            artistArtworkUrl: `https://c.saavncdn.com/artists/${artistSlug}_500x500.jpg`,
            previewUrl: `https://preview.saavncdn.com/${numericId(random, 3)}/${hexOf(id, 32)}_96_p.mp4`,
            isPreview: false,
          },
          false,
        ),
      };
    }
  }
}
