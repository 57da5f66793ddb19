import type { MockSource } from "../../mock/index.js";

/** A search prefix the catalog answers, with the source whose tracks it returns. */
export interface SearchPrefix {
  readonly prefix: string;
  readonly source: MockSource;
  /** YouTube Music hits link to music.youtube.com. */
  readonly music: boolean;
  /** Served only by a node running LavaSrc. */
  readonly lavaSrc: boolean;
}

/** What an identifier names, before anything is generated for it. */
export type ParsedIdentifier =
  | { kind: "search"; search: SearchPrefix; query: string }
  | { kind: "track"; source: MockSource; id: string; uri: string; stream: boolean; music: boolean }
  | {
      kind: "playlist";
      source: MockSource;
      /** `album`, `playlist`, `artist` (top tracks), `set` (SoundCloud) or `mix` (Tidal). */
      collection: "album" | "playlist" | "artist" | "set" | "mix";
      id: string;
      url: string;
      /** YouTube `watch?v=X&list=Y`: the video the URL points at. */
      selectedId?: string;
    }
  | { kind: "unsupported-url"; url: string }
  | { kind: "unknown" };
