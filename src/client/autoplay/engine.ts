import { type SnowflakeInput, toGuildId } from "../guild-id.js";
import { isQueueItem, isStreamItem, type QueueItem, trackKey } from "../queue/item.js";
import { AutoplayConfigError, AutoplaySearchError } from "./errors.js";
import {
  features,
  recentProfile,
  type ScoreFeatures,
  type ScoreWeights,
  songKey,
  weighted,
  words,
} from "./scoring.js";

/** How candidates are found and ranked. */
export type AutoplayStrategy = "similar_artist" | "same_source" | "mixed";

/** The strategies, for validation and UIs. */
export const AUTOPLAY_STRATEGIES: readonly AutoplayStrategy[] = Object.freeze([
  "similar_artist",
  "same_source",
  "mixed",
]);

/** Autoplay settings. */
export interface AutoplayConfig {
  /** Whether the player asks autoplay for a track when the queue runs dry. */
  enabled: boolean;
  strategy: AutoplayStrategy;
  /** How many of the most recently played tracks may never be recommended (0 … 1000). */
  maxHistory: number;
  /**
   * Search sources to use, as Lavalink search prefixes without the colon (`ytsearch`, `ytmsearch`,
   * `scsearch`, `spsearch`, `amsearch`, `dzsearch`, …). Empty: the seed track's own source.
   */
  sources: string[];
  /** Most searches per recommendation (1 … 10). */
  maxQueries: number;
  /** Candidates scoring below this (0 … 1) are never chosen. */
  minScore: number;
  /** Whether live streams may be recommended after a non-stream. */
  allowStreams: boolean;
}

/** Default settings: disabled, mixed strategy, 50 tracks of memory. */
export const DEFAULT_AUTOPLAY_CONFIG: Readonly<AutoplayConfig> = Object.freeze({
  enabled: false,
  strategy: "mixed",
  maxHistory: 50,
  sources: [],
  maxQueries: 3,
  minScore: 0,
  allowStreams: false,
});

/** The search the engine calls: the node's `loadTracks("<source>:<query>")` in the player. */
export type AutoplaySearch<T> = (query: string, source: string) => Promise<readonly T[]>;

/** What a recommendation is based on. */
export interface AutoplayContext<T extends QueueItem> {
  /** The track playing or just finished (the seed); without it the newest history entry is used. */
  current?: T | null;
  /** Played tracks, most recent first. */
  history: readonly T[];
  search: AutoplaySearch<T>;
  /**
   * The node runs LavaSrc: the first search asks its recommendations for the seed (`sprec:<id>`
   * for a Spotify track, `dzrec:<id>` for a Deezer one, `sprec:mix:isrc:<isrc>` for any other
   * track with an ISRC when `spotify` is among `sourceManagers`), as a search with source `sprec`
   * or `dzrec`. Default false.
   */
  lavaSrc?: boolean;
  /** The node's source managers (`/v4/info`), for the ISRC fallback of {@link lavaSrc}. */
  sourceManagers?: readonly string[];
}

/** One scored candidate. */
export interface ScoredCandidate<T> {
  track: T;
  score: number;
  features: ScoreFeatures;
  /** The search that found it, as `source:query`. */
  foundBy: string;
}

/** The chosen track and why. */
export interface AutoplayRecommendation<T> {
  track: T;
  /** Human-readable explanation for logs and debugging. */
  reason: string;
  score: number;
  /** Every eligible candidate, best first. */
  candidates: readonly ScoredCandidate<T>[];
}

const WEIGHTS: Readonly<Record<AutoplayStrategy, ScoreWeights>> = Object.freeze({
  similar_artist: { artist: 0.5, source: 0.1, length: 0.1, title: 0.1, freshness: 0.2 },
  same_source: { artist: 0.05, source: 0.35, length: 0.15, title: 0.3, freshness: 0.15 },
  mixed: { artist: 0.3, source: 0.15, length: 0.15, title: 0.2, freshness: 0.2 },
});

/** Search prefix for a Lavalink `sourceName`. */
const SOURCE_PREFIX: Readonly<Record<string, string>> = Object.freeze({
  youtube: "ytsearch",
  soundcloud: "scsearch",
  spotify: "spsearch",
  applemusic: "amsearch",
  deezer: "dzsearch",
  yandexmusic: "ymsearch",
});

/**
 * Picks the next track when a player's queue runs dry. Each recommendation builds a few searches
 * from the seed (artist, title words, source), scores the results by strategy (artist similarity,
 * source match, length similarity, title-word overlap, freshness), never returns one of the last
 * `maxHistory` played tracks, and explains its choice. Deterministic: same inputs, same answer.
 */
export class AutoplayEngine {
  /** The guild this engine plays for. */
  readonly guildId: string;
  private config: AutoplayConfig = { ...DEFAULT_AUTOPLAY_CONFIG, sources: [] };
  /** Keys of tracks played through this engine's player, most recent last (bounded by maxHistory). */
  private readonly played: string[] = [];

  /**
   * @param guildId The guild, as every public entry takes it (see {@link SnowflakeInput}); anything
   *   else throws {@link AutoplayConfigError} with the {@link InvalidGuildIdError} as its `cause`.
   */
  constructor(guildId: SnowflakeInput, options: Partial<AutoplayConfig> = {}) {
    this.guildId = parseGuildId(guildId);
    this.configure(options);
  }

  /** Whether autoplay is on. */
  get enabled(): boolean {
    return this.config.enabled;
  }

  /** The ranking strategy. */
  get strategy(): AutoplayStrategy {
    return this.config.strategy;
  }

  /** A copy of the whole configuration. */
  get options(): Readonly<AutoplayConfig> {
    return { ...this.config, sources: [...this.config.sources] };
  }

  /** Changes some settings; validates them all first and changes nothing on an error. */
  configure(options: Partial<AutoplayConfig>): this {
    if (typeof options !== "object" || options === null) {
      throw new AutoplayConfigError("options", options, "an object");
    }
    const next: AutoplayConfig = { ...this.config, ...options };
    check("enabled", next.enabled, typeof next.enabled === "boolean", "true or false");
    check(
      "strategy",
      next.strategy,
      AUTOPLAY_STRATEGIES.includes(next.strategy),
      `one of ${AUTOPLAY_STRATEGIES.join(", ")}`,
    );
    check("maxHistory", next.maxHistory, isInt(next.maxHistory, 0, 1000), "an integer from 0 to 1000");
    check("maxQueries", next.maxQueries, isInt(next.maxQueries, 1, 10), "an integer from 1 to 10");
    check(
      "minScore",
      next.minScore,
      typeof next.minScore === "number" && next.minScore >= 0 && next.minScore <= 1,
      "a number from 0 to 1",
    );
    check("allowStreams", next.allowStreams, typeof next.allowStreams === "boolean", "true or false");
    check(
      "sources",
      next.sources,
      Array.isArray(next.sources) &&
        next.sources.every((s) => typeof s === "string" && /^[a-z][a-z0-9]*$/i.test(s)),
      'an array of search prefixes without the colon, e.g. ["ytsearch", "scsearch"]',
    );
    const known = new Set(Object.keys(DEFAULT_AUTOPLAY_CONFIG));
    for (const key of Object.keys(options))
      check(key, (options as Record<string, unknown>)[key], known.has(key), "a known option");
    this.config = { ...next, sources: [...next.sources] };
    this.trimPlayed();
    return this;
  }

  /** Records a played track so it is not recommended again within `maxHistory` plays. */
  notePlayed(track: QueueItem): void {
    if (!isQueueItem(track)) return;
    this.played.push(trackKey(track));
    this.trimPlayed();
  }

  /** Forgets the played tracks recorded through {@link AutoplayEngine.notePlayed}. */
  reset(): void {
    this.played.length = 0;
  }

  /**
   * Recommends the next track, or null when there is nothing to base it on or no eligible
   * candidate. Rejects with {@link AutoplaySearchError} only when every search failed.
   */
  async recommend<T extends QueueItem>(
    context: AutoplayContext<T>,
  ): Promise<AutoplayRecommendation<T> | null> {
    const history = context.history.filter(isQueueItem) as T[];
    const seed = context.current && isQueueItem(context.current) ? context.current : history[0];
    if (seed === undefined) return null;
    const recent = [...(context.current ? [seed] : []), ...history].slice(
      0,
      Math.max(1, this.config.maxHistory),
    );
    const excluded = new Set<string>(this.played);
    for (const t of recent) {
      excluded.add(trackKey(t));
      excluded.add(t.encoded);
    }
    excluded.add(trackKey(seed));
    excluded.add(seed.encoded);

    const queries = this.queries(seed);
    const recommendation =
      context.lavaSrc === true ? recommendationQuery(seed, context.sourceManagers ?? []) : null;
    // LavaSrc's own recommendations go first (and count against maxQueries like any search).
    if (recommendation !== null) {
      queries.unshift(recommendation);
      queries.length = Math.min(queries.length, this.config.maxQueries);
    }
    // No artist and no title words to search with: nothing to base a pick on (not a failure).
    if (queries.length === 0) return null;
    const found: { track: T; foundBy: string }[] = [];
    const failures: unknown[] = [];
    for (const { query, source } of queries) {
      try {
        const results = await context.search(query, source);
        for (const track of results) found.push({ track, foundBy: `${source}:${query}` });
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length === queries.length) {
      throw new AutoplaySearchError(
        queries.map((q) => `${q.source}:${q.query}`),
        failures[0],
      );
    }

    const profile = recentProfile(recent);
    const seedSong = songKey(seed);
    const weights = WEIGHTS[this.config.strategy];
    const seen = new Set<string>();
    let excludedCount = 0;
    const candidates: ScoredCandidate<T>[] = [];
    for (const { track, foundBy } of found) {
      if (!isQueueItem(track)) continue;
      const key = trackKey(track);
      if (seen.has(key)) continue; // the same track found by two queries counts once
      seen.add(key);
      if (excluded.has(key) || excluded.has(track.encoded) || songKey(track) === seedSong) {
        excludedCount++;
        continue;
      }
      if (!this.config.allowStreams && isStreamItem(track) && !isStreamItem(seed)) continue;
      const f = features(seed, track, profile);
      const score = weighted(f, weights);
      if (score >= this.config.minScore) candidates.push({ track, score, features: f, foundBy });
    }
    // Stable sort: equal scores keep discovery order, so the result is deterministic.
    candidates.sort((a, b) => b.score - a.score);
    const best = candidates[0];
    if (best === undefined) return null;
    return {
      track: best.track,
      score: best.score,
      candidates,
      reason: this.explain(seed, best, candidates.length, excludedCount, failures.length),
    };
  }

  /** The searches for a seed: strategy-specific queries over the chosen sources, capped at maxQueries. */
  private queries(seed: QueueItem): { query: string; source: string }[] {
    const artist = seed.info.author.replace(/\s*-\s*topic$/i, "").trim();
    const titleWords = [...words(seed.info.title)].filter((w) => !words(artist).has(w)).slice(0, 3);
    const own = SOURCE_PREFIX[seed.info.sourceName.toLowerCase()];
    const configured = this.config.sources;
    const sources =
      this.config.strategy === "same_source"
        ? [own ?? configured[0] ?? "ytsearch"]
        : configured.length > 0
          ? configured
          : [own ?? "ytsearch"];
    const texts: string[] = [];
    const push = (q: string): void => {
      const t = q.trim();
      if (t.length > 0 && !texts.includes(t)) texts.push(t);
    };
    switch (this.config.strategy) {
      case "similar_artist":
        push(artist);
        push(`${artist} ${titleWords[0] ?? ""}`);
        break;
      case "same_source":
        push(titleWords.join(" "));
        push(artist);
        break;
      case "mixed":
        push(artist);
        push(titleWords.join(" "));
        push(`${artist} ${titleWords[0] ?? ""}`);
        break;
    }
    const out: { query: string; source: string }[] = [];
    for (const query of texts) for (const source of sources) out.push({ query, source });
    return out.slice(0, this.config.maxQueries);
  }

  private explain<T extends QueueItem>(
    seed: QueueItem,
    best: ScoredCandidate<T>,
    eligible: number,
    excluded: number,
    failed: number,
  ): string {
    const f = best.features;
    const top = (Object.keys(f) as (keyof ScoreFeatures)[]).map((k) => `${k} ${f[k].toFixed(2)}`).join(", ");
    return (
      `${this.config.strategy}: "${best.track.info.title}" by ${best.track.info.author} ` +
      `after "${seed.info.title}" by ${seed.info.author}; score ${best.score.toFixed(3)} (${top}); ` +
      `found by ${best.foundBy}; ${eligible} eligible, ${excluded} excluded as recently played` +
      (failed > 0 ? `; ${failed} search(es) failed` : "")
    );
  }

  private trimPlayed(): void {
    const excess = this.played.length - this.config.maxHistory;
    if (excess > 0) this.played.splice(0, excess);
  }
}

/** The guild id through the one parser, refused as an autoplay option (the engine's error type). */
function parseGuildId(value: unknown): string {
  try {
    return toGuildId(value);
  } catch (error) {
    throw new AutoplayConfigError(
      "guildId",
      value,
      "a Discord guild id (a snowflake string, or a safe-integer number)",
      { cause: error },
    );
  }
}

function isInt(v: unknown, min: number, max: number): boolean {
  return typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;
}

function check(option: string, value: unknown, ok: boolean, expected: string): void {
  if (!ok) throw new AutoplayConfigError(option, value, expected);
}

/** LavaSrc's recommendation search for a seed track, or null when it has none to offer. */
function recommendationQuery(
  seed: QueueItem,
  sourceManagers: readonly string[],
): { query: string; source: string } | null {
  const { sourceName, identifier, isrc } = seed.info;
  if (sourceName === "spotify") return { source: "sprec", query: identifier };
  if (sourceName === "deezer") return { source: "dzrec", query: identifier };
  if (isrc !== null && isrc !== undefined && sourceManagers.includes("spotify")) {
    return { source: "sprec", query: `mix:isrc:${isrc}` };
  }
  return null;
}
