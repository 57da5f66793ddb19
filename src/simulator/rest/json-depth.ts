/**
 * Jackson's default nesting limit (`StreamReadConstraints.DEFAULT_MAX_DEPTH`, since 2.15): a
 * document may open 1,000 arrays/objects inside each other; the 1,001st fails the read, and Spring
 * answers 400 (HttpMessageNotReadableException).
 */
export const MAX_JSON_DEPTH = 1000;

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * The deepest nesting of arrays and objects in a JSON text, or `max + 1` as soon as it passes
 * `max` (so a hostile body costs one linear scan and no more). Iterative, so it cannot overflow
 * the stack itself; brackets inside strings do not count. Malformed text gets some answer: the
 * parser after it reports the syntax error.
 *
 * Why before `JSON.parse`: V8 parses deep documents fine, but the recursive steps after it
 * (validation, `JSON.stringify` of the player state, of events sent later from a timer) overflow
 * the stack. Refusing at the boundary, as Lavalink's Jackson does, keeps such values out entirely.
 */
export function jsonDepth(text: string, max = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > max) return deepest;
      }
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
  }
  return deepest;
}
