import type { TrackInfo } from "../../../src/protocol/index.js";
import { STREAM_LENGTH } from "../../../src/protocol/index.js";

/** A minimal track for queue/filter/autoplay unit tests (the encoded string is a fake but unique). */
export interface TestTrack {
  readonly encoded: string;
  readonly info: TrackInfo;
}

let counter = 0;

export function makeTrack(overrides: Partial<TrackInfo> & { id?: string } = {}): TestTrack {
  const n = counter++;
  const identifier = overrides.id ?? overrides.identifier ?? `id${n}`;
  const info: TrackInfo = {
    identifier,
    isSeekable: true,
    author: "Artist",
    length: 180_000,
    isStream: false,
    position: 0,
    title: `Title ${identifier}`,
    uri: `https://example.test/${identifier}`,
    artworkUrl: null,
    isrc: null,
    sourceName: "youtube",
    ...overrides,
  };
  if (info.isStream) info.length = STREAM_LENGTH;
  return { encoded: `ENC:${info.sourceName}:${identifier}`, info };
}

/** `count` tracks spread over artists by the given counts, e.g. { a: 5, b: 2 }. */
export function tracksByArtist(counts: Record<string, number>): TestTrack[] {
  const out: TestTrack[] = [];
  for (const [artist, n] of Object.entries(counts)) {
    for (let i = 0; i < n; i++) out.push(makeTrack({ author: artist, id: `${artist}-${i}-${counter++}` }));
  }
  return out;
}
