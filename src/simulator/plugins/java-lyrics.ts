import type { JavaLyrics, JavaLyricsTrack, Lyrics, TrackInfo } from "../../protocol/index.js";

/**
 * The catalog's lyrics of a track as DuncteBot's java-lyrics-plugin answers them: YouTube Music
 * names the song (title, artist, album, a 60×60 thumbnail) and gives timed lines when it has them,
 * else the text. Null when there is nothing to show (the plugin's "Lyrics were not found").
 */
export function toJavaLyrics(lyrics: Lyrics | null, info: TrackInfo): JavaLyrics | null {
  if (lyrics === null) return null;
  const track: JavaLyricsTrack = {
    title: info.title,
    author: info.author,
    // The catalog knows no albums of YouTube songs: each is taken as a single, its own album.
    album: info.title,
    albumArt: info.artworkUrl === null ? [] : [{ url: info.artworkUrl, height: 60, width: 60 }],
  };
  // YouTube's "Source: X" footer names the lyrics provider.
  const source = lyrics.provider ?? lyrics.sourceName;
  const lines = lyrics.lines ?? [];
  if (lines.length > 0) {
    return {
      type: "timed",
      track,
      source,
      lines: lines.map((l, i) => {
        // YouTube gives each cue an end: the line's duration, else where the next line starts.
        const end = l.duration !== null ? l.timestamp + l.duration : (lines[i + 1]?.timestamp ?? l.timestamp);
        return { line: l.line, range: { start: l.timestamp, end } };
      }),
    };
  }
  if (lyrics.text !== null && lyrics.text.length > 0)
    return { type: "text", track, source, text: lyrics.text };
  return null;
}
