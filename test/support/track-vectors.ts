import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** One published real track (see ../shared/data/README.md). */
export interface TrackVector {
  encoded: string;
  version: 2 | 3;
  /** The fields a decoder must give; 64-bit fields as decimal strings. */
  expected: {
    title: string;
    author: string;
    length: string;
    identifier: string;
    isStream: boolean;
    uri: string | null;
    artworkUrl: string | null;
    isrc: string | null;
    sourceName: string;
    position: string;
  };
  /** The version-3 re-encoding Lavalink writes, where the original is older. */
  upgradedV3: string;
  source: string;
}

/** Where the shared corpus lives: `../shared/data/` beside the repository. */
export const TRACK_VECTORS_PATH = fileURLToPath(
  new URL("../../../shared/data/track-vectors.json", import.meta.url),
);

/** The 42 real encoded tracks shared by the codec tests and the codec benchmark. */
export function loadTrackVectors(): TrackVector[] {
  return JSON.parse(readFileSync(TRACK_VECTORS_PATH, "utf8")) as TrackVector[];
}
