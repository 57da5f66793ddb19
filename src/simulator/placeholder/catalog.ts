// TEMPORARY until the mock branch lands src/simulator/catalog: same contract, minimal behaviour.

import { SeededRandom } from "../../mock/random.js";
import { encodeTrack } from "../../protocol/codec/index.js";
import type { LavalinkException, LoadResult, Track, TrackInfo } from "../../protocol/index.js";

export type PlaybackScript =
  | { kind: "normal" }
  | { kind: "loadFailed"; exception: LavalinkException }
  | { kind: "exception"; atMs: number; exception: LavalinkException }
  | { kind: "stuck"; atMs: number; thresholdMs: number };

export class Catalog {
  private readonly random: SeededRandom;
  private readonly scripts = new Map<string, PlaybackScript>();
  constructor(options: { seed?: number | string } = {}) {
    this.random = new SeededRandom(options.seed ?? 0);
  }
  private make(identifier: string): Track {
    const info: TrackInfo = {
      identifier,
      isSeekable: true,
      author: "Author",
      length: this.random.int(120, 300) * 1000,
      isStream: false,
      position: 0,
      title: `Title ${identifier}`,
      uri: `https://example.com/${identifier}`,
      artworkUrl: null,
      isrc: null,
      sourceName: "youtube",
    };
    return { encoded: encodeTrack(info), info, pluginInfo: {}, userData: {} };
  }
  load(identifier: string): LoadResult {
    if (identifier.startsWith("ytsearch:")) {
      return { loadType: "search", data: [1, 2, 3].map((i) => this.make(`s${i}-${identifier.slice(9)}`)) };
    }
    if (identifier === "none") return { loadType: "empty", data: {} };
    return { loadType: "track", data: this.make(identifier) };
  }
  resolveSingle(identifier: string): { track: Track } | { error: string } {
    const r = this.load(identifier);
    if (r.loadType === "track") return { track: r.data };
    return {
      error:
        r.loadType === "empty"
          ? "No matches found for identifier"
          : "Cannot play a playlist or search result",
    };
  }
  setScript(identifier: string, script: PlaybackScript): void {
    this.scripts.set(identifier, script);
  }
  scriptFor(info: TrackInfo): PlaybackScript {
    return this.scripts.get(info.identifier) ?? { kind: "normal" };
  }
}
