import type { SeededRandom } from "../../base/random.js";
import { songTitle } from "../../mock/vocabulary.js";
import type { Chapter, Lyrics, LyricsLine, Segment, TrackInfo } from "../../protocol/index.js";
import { CatalogError } from "./errors.js";

/**
 * What the simulated plugins know about a track, generated from the catalog's seed: LavaLyrics'
 * lyrics (timed lines spread over the track), SponsorBlock's segments and YouTube chapters.
 * Every function is deterministic for (random fork, track info).
 */

/** Shortest track that gets generated lyrics, segments or chapters (ms). */
const MIN_LENGTH = 30_000;

/** Which LavaSrc lyrics manager answers for a source, as `BasicAudioLyrics(sourceName, provider, …)`. */
function lyricsSource(info: TrackInfo): { sourceName: string; provider: string } {
  switch (info.sourceName) {
    case "spotify":
      return { sourceName: "spotify", provider: "MusixMatch" };
    case "deezer":
      return { sourceName: "deezer", provider: "LyricFind" };
    default:
      return { sourceName: "LRCLIB", provider: "LRCLIB" };
  }
}

/** Generated lyrics, or null for a track the lyrics sources do not know (streams, short tracks, ~1 in 6). */
export function generateLyrics(random: SeededRandom, info: TrackInfo): Lyrics | null {
  if (info.isStream || info.length < MIN_LENGTH || random.chance(1 / 6)) return null;
  const lines: LyricsLine[] = [];
  // Singing starts after a short intro and stops before the end, one line every 3–7 seconds.
  let at = random.int(2_000, 12_000);
  const stop = info.length - 5_000;
  while (at < stop) {
    const duration = random.int(3_000, 7_000);
    lines.push({
      timestamp: at,
      duration: Math.min(duration, stop - at),
      line: songTitle(random),
      plugin: {},
    });
    at += duration;
  }
  if (lines.length === 0) return null;
  return { ...lyricsSource(info), text: lines.map((l) => l.line).join("\n"), lines, plugin: {} };
}

/** Generated SponsorBlock segments of a YouTube video: about half of them carry one or two. */
export function generateSegments(random: SeededRandom, info: TrackInfo): Segment[] {
  if (info.sourceName !== "youtube" || info.isStream || info.length < 60_000 || !random.chance(0.5))
    return [];
  const out: Segment[] = [];
  const sponsorStart = Math.round(info.length * random.float(0.1, 0.3));
  out.push({ category: "sponsor", start: sponsorStart, end: sponsorStart + random.int(10_000, 40_000) });
  if (random.chance(0.5)) {
    const end = info.length - random.int(1_000, 5_000);
    out.push({
      category: "selfpromo",
      start: Math.max(out[0]?.end ?? 0, end - random.int(8_000, 20_000)),
      end,
    });
  }
  return out;
}

/** Generated chapters of a YouTube video: about a third of those over two minutes have 3–6. */
export function generateChapters(random: SeededRandom, info: TrackInfo): Chapter[] {
  if (info.sourceName !== "youtube" || info.isStream || info.length < 120_000 || !random.chance(1 / 3))
    return [];
  const count = random.int(3, 6);
  const starts = [0];
  for (let i = 1; i < count; i++)
    starts.push(Math.round((info.length * i) / count + random.int(-5_000, 5_000)));
  return chaptersFrom(
    starts.map((start) => ({ name: songTitle(random), start })),
    info.length,
  );
}

/**
 * Chapters as the plugin builds them from YouTube's chapter list: each ends where the next starts,
 * the last at the track's end, with `duration = end - start`.
 */
export function chaptersFrom(list: readonly { name: string; start: number }[], length: number): Chapter[] {
  const sorted = [...list].sort((a, b) => a.start - b.start);
  return sorted.map((c, i) => {
    const end = sorted[i + 1]?.start ?? length;
    return { name: c.name, start: c.start, end, duration: end - c.start };
  });
}

/** Lyrics as a test registers them: full {@link Lyrics}, or just timed lines. */
export interface LyricsInput {
  sourceName?: string;
  provider?: string | null;
  text?: string | null;
  lines: readonly { timestamp: number; line: string; duration?: number | null }[];
}

/** Checks and completes registered lyrics (sorted lines, text from the lines when absent). */
export function normaliseLyrics(input: LyricsInput): Lyrics {
  if (typeof input !== "object" || input === null || !Array.isArray(input.lines)) {
    throw new CatalogError("lyrics", input, "an object with `lines` (or null for no lyrics)");
  }
  const lines = input.lines.map((l, i) => {
    if (typeof l?.line !== "string" || !(Number.isFinite(l.timestamp) && l.timestamp >= 0)) {
      throw new CatalogError(`lyrics.lines[${i}]`, l, "{ timestamp: ms >= 0, line: string }");
    }
    return { timestamp: l.timestamp, duration: l.duration ?? null, line: l.line, plugin: {} };
  });
  lines.sort((a, b) => a.timestamp - b.timestamp);
  return {
    sourceName: input.sourceName ?? "LRCLIB",
    provider: input.provider === undefined ? "LRCLIB" : input.provider,
    text: input.text === undefined ? lines.map((l) => l.line).join("\n") : input.text,
    lines,
    plugin: {},
  };
}

/** Checks registered segments: `start < end`, both >= 0. */
export function normaliseSegments(segments: readonly Segment[]): Segment[] {
  if (!Array.isArray(segments)) throw new CatalogError("segments", segments, "an array of segments");
  return segments
    .map((s, i) => {
      if (
        typeof s?.category !== "string" ||
        !Number.isFinite(s.start) ||
        !Number.isFinite(s.end) ||
        s.start < 0 ||
        s.end <= s.start
      ) {
        throw new CatalogError(`segments[${i}]`, s, "{ category, start, end } with 0 <= start < end (ms)");
      }
      return { category: s.category, start: s.start, end: s.end };
    })
    .sort((a, b) => a.start - b.start);
}
