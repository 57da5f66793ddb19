import { ProtocolValidationError } from "./errors.js";

/**
 * Deepest nesting of arrays and objects accepted in JSON from a node (the default of Jackson, the
 * JSON library Lavalink itself uses). Lavalink's own messages nest fewer than ten levels; only
 * plugin data (`pluginFilters`, `userData`, `pluginInfo`) is free-form, and 1000 levels leaves it
 * ample room while keeping every recursive walk of the value (validation, `structuredClone`,
 * `JSON.stringify`) far from the call-stack limit.
 */
export const MAX_JSON_DEPTH = 1000;

/**
 * True when the JSON text nests arrays/objects deeper than `limit`. A single pass over the
 * characters, without recursion and without allocating, run *before* `JSON.parse`: a hostile
 * 100 000-deep value is refused without being built. Brackets inside strings do not count. Text of
 * `limit` characters or fewer cannot exceed the limit and is not scanned at all, which keeps the
 * per-frame cost of ordinary (short) frames at one length comparison.
 */
export function jsonNestingExceeds(text: string, limit: number = MAX_JSON_DEPTH): boolean {
  if (text.length <= limit) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character (it may be a quote)
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

/**
 * Throws a {@link ProtocolValidationError} when the JSON text nests deeper than `limit`
 * (see {@link jsonNestingExceeds}); `what` names the text in the message (e.g. `"the answer"`).
 */
export function checkJsonDepth(text: string, limit: number = MAX_JSON_DEPTH, field = ""): void {
  if (jsonNestingExceeds(text, limit)) {
    // Only the start of the text is kept: the whole of a hostile body may be megabytes.
    throw new ProtocolValidationError(field, text.slice(0, 64), `JSON nested at most ${limit} levels deep`);
  }
}
