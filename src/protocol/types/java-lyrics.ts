/**
 * Wire format of DuncteBot's lyrics plugin (java-timed-lyrics, `/v4/info` name
 * `java-lyrics-plugin`), from its `RestHandler` and protocol records: lyrics from YouTube Music
 * (timed when YouTube has them, else its text), optionally from Genius. It has no WebSocket events.
 */

/** One album art image of a {@link JavaLyricsTrack}. */
export interface JavaLyricsAlbumArt {
  url: string;
  height: number;
  width: number;
}

/** The song the lyrics belong to, as YouTube Music (or Genius) names it. */
export interface JavaLyricsTrack {
  title: string;
  author: string;
  /** Null for Genius. */
  album: string | null;
  albumArt: JavaLyricsAlbumArt[];
}

/** A timed line: `range` in ms since the track's start. */
export interface JavaLyricsLine {
  line: string;
  range: { start: number; end: number };
}

/** Lyrics with a time range per line. */
export interface JavaTimedLyrics {
  type: "timed";
  track: JavaLyricsTrack;
  /** Who provided them (`LyricFind`, `Musixmatch`, …). */
  source: string;
  lines: JavaLyricsLine[];
}

/** Lyrics as one text (YouTube without timing, or Genius). */
export interface JavaTextLyrics {
  type: "text";
  track: JavaLyricsTrack;
  source: string;
  text: string;
}

/** What `GET /v4/lyrics/{videoId}` and the player route answer. */
export type JavaLyrics = JavaTimedLyrics | JavaTextLyrics;

/** One hit of `GET /v4/lyrics/search` with the `youtube` source. */
export interface JavaLyricsSearchHit {
  videoId: string;
  title: string;
}

/** The `source` values `GET /v4/lyrics/search` takes (`youtube` by default). */
export type JavaLyricsSearchSource = "youtube" | "genius";
