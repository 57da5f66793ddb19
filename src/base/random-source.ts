/**
 * The one random abstraction every layer takes: the client (backoff jitter), the queue (shuffles),
 * and the simulator and mock factory through `SeededRandom` (from `sonora/testing`), which
 * implements it. Inject a seeded source and every random decision replays; leave it out and
 * {@link defaultRandomSource} (backed by `Math.random`) is used.
 */
export interface RandomSource {
  /** A uniformly distributed float in [0, 1). */
  next(): number;
}

/** A bare function returning floats in [0, 1), such as `Math.random`; accepted where a {@link RandomSource} is. */
export type RandomFunction = () => number;

/** What options that take randomness accept: a {@link RandomSource} or a {@link RandomFunction}. */
export type RandomInput = RandomSource | RandomFunction;

/**
 * The default source, backed by `Math.random`. This is the only place in Sonora that calls
 * `Math.random`; it is read on every draw (not captured), so a test stubbing `Math.random` still
 * reaches it.
 */
export const defaultRandomSource: RandomSource = Object.freeze({ next: () => Math.random() });

/** True for a {@link RandomSource} or a {@link RandomFunction}: what {@link toRandomSource} accepts. */
export function isRandomInput(value: unknown): value is RandomInput {
  if (typeof value === "function") return true;
  return (
    typeof value === "object" && value !== null && typeof (value as { next?: unknown }).next === "function"
  );
}

/**
 * Normalises what an option accepts to a {@link RandomSource}: a source is used as is, a function is
 * wrapped, and `undefined` gives {@link defaultRandomSource}. Check the value with
 * {@link isRandomInput} first; anything else is a programming error and throws a TypeError.
 */
export function toRandomSource(random: RandomInput | undefined): RandomSource {
  if (random === undefined) return defaultRandomSource;
  if (typeof random === "function") return { next: () => random() };
  if (isRandomInput(random)) return random;
  throw new TypeError(`a random source must be { next(): number } or a function, got ${typeof random}`);
}
