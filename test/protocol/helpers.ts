import type { TrackInfo } from "../../src/protocol/index.js";

/**
 * The track info of the Lavalink docs' example track (Rick Astley on YouTube), as Lavalink
 * publishes it for the docs' version 2 encoded string (no artwork URL, no ISRC).
 */
export const RICK_ASTLEY_INFO: TrackInfo = {
  identifier: "dQw4w9WgXcQ",
  isSeekable: true,
  author: "RickAstleyVEVO",
  length: 212000,
  isStream: false,
  position: 0,
  title: "Rick Astley - Never Gonna Give You Up",
  uri: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
  artworkUrl: null,
  isrc: null,
  sourceName: "youtube",
};

/** A small valid track info: short strings, no URI, artwork or ISRC. */
export const MINIMAL_INFO: TrackInfo = {
  identifier: "id",
  isSeekable: true,
  author: "author",
  length: 1000,
  isStream: false,
  position: 0,
  title: "title",
  uri: null,
  artworkUrl: null,
  isrc: null,
  sourceName: "youtube",
};
