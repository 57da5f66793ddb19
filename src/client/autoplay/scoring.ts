import { artistKey, isStreamItem, type QueueItem } from "../queue/item.js";

/** Per-feature similarity of a candidate to the seed track, each in [0, 1]. */
export interface ScoreFeatures {
  /** 1 for the same artist, otherwise the overlap of the artists' name words. */
  artist: number;
  /** 1 when the candidate comes from the seed's source. */
  source: number;
  /** 1 for equal lengths, falling with the relative difference (0.5 when either is a stream). */
  length: number;
  /** Overlap of significant title words. */
  title: number;
  /** 1 for a song and artist not heard recently, lower the more often they were. */
  freshness: number;
}

/** Feature weights of a strategy; they sum to 1 so scores stay in [0, 1]. */
export type ScoreWeights = Readonly<ScoreFeatures>;

/** Words that say nothing about the song (upload decorations, articles). */
const NOISE = new Set([
  "the",
  "a",
  "an",
  "and",
  "of",
  "in",
  "on",
  "to",
  "for",
  "with",
  "feat",
  "ft",
  "official",
  "video",
  "audio",
  "lyrics",
  "lyric",
  "music",
  "hd",
  "hq",
  "remastered",
  "remaster",
  "version",
  "live",
  "mv",
]);

/** Significant lower-case words of a title or name. */
export function words(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (w.length >= 2 && !NOISE.has(w)) out.add(w);
  }
  return out;
}

/** |A ∩ B| / |A ∪ B|, 0 for two empty sets. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let inter = 0;
  for (const w of a) if (b.has(w)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Title with decorations removed, used to spot re-uploads of a song already played. */
export function songKey(item: QueueItem): string {
  return `${artistKey(item)}|${[...words(item.info.title)].join(" ")}`;
}

/** Recent listening summarised for the freshness feature. */
export interface RecentProfile {
  /** Plays per normalised artist. */
  readonly artists: ReadonlyMap<string, number>;
  /** Song keys heard. */
  readonly songs: ReadonlySet<string>;
}

/** Builds a {@link RecentProfile} from recently played tracks. */
export function recentProfile(recent: readonly QueueItem[]): RecentProfile {
  const artists = new Map<string, number>();
  const songs = new Set<string>();
  for (const t of recent) {
    const a = artistKey(t);
    artists.set(a, (artists.get(a) ?? 0) + 1);
    songs.add(songKey(t));
  }
  return { artists, songs };
}

/** Scores `candidate` against `seed` on every feature. */
export function features(seed: QueueItem, candidate: QueueItem, recent: RecentProfile): ScoreFeatures {
  const sa = artistKey(seed);
  const ca = artistKey(candidate);
  const artist = sa === ca ? 1 : jaccard(words(sa), words(ca));
  const source = seed.info.sourceName === candidate.info.sourceName ? 1 : 0;
  let length = 0.5;
  if (!isStreamItem(seed) && !isStreamItem(candidate)) {
    const a = seed.info.length;
    const b = candidate.info.length;
    length = Math.max(a, b) === 0 ? 1 : 1 - Math.abs(a - b) / Math.max(a, b);
  }
  const title = jaccard(words(seed.info.title), words(candidate.info.title));
  // A re-upload of a song already heard is nearly worthless; an artist heard often loses a little
  // per play so autoplay drifts instead of looping one artist forever.
  const songPenalty = recent.songs.has(songKey(candidate)) ? 0.1 : 1;
  const freshness = songPenalty / (1 + 0.25 * (recent.artists.get(ca) ?? 0));
  return { artist, source, length, title, freshness };
}

/** Weighted sum of the features. */
export function weighted(f: ScoreFeatures, w: ScoreWeights): number {
  return (
    f.artist * w.artist +
    f.source * w.source +
    f.length * w.length +
    f.title * w.title +
    f.freshness * w.freshness
  );
}
