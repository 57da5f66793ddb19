import { DEFAULT_SPECIAL_LENGTH_MS, SPECIAL_PREFIX } from "../simulator/index.js";

/**
 * The identifier of a plain track in the simulator's catalog (see docs/catalog.md, special
 * identifiers): `label` tells tracks apart, `lengthMs` fixes how long it plays, so a test that plays
 * it to its end knows how far to advance. Loading it gives a track whose `identifier` is this string.
 *
 * ```ts
 * const track = await env.loadTrack(catalogTrack("intro", 60_000)); // "sonora:track:60000#intro"
 * ```
 */
export function catalogTrack(label: string, lengthMs = DEFAULT_SPECIAL_LENGTH_MS): string {
  return `${SPECIAL_PREFIX}track:${lengthMs}#${label}`;
}
