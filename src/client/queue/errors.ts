import { SonoraError } from "../../base/errors/sonora-error.js";

/**
 * A value handed to the queue is not a track: `null`, `undefined`, or an object without an
 * `encoded` string and an `info` object with a string `title`, `author` and `identifier`.
 */
export class InvalidTrackError extends SonoraError {
  /** Stable machine-readable identifier. */
  readonly code = "INVALID_TRACK";
  constructor(
    /** What was passed. */
    readonly value: unknown,
    /** Where it was passed, e.g. `queue.add` or `queue.add[3]`. */
    readonly where: string,
    options?: { cause?: unknown },
  ) {
    super(
      `${where} needs a track ({ encoded: string, info: TrackInfo }), got ${describeValue(value)}; ` +
        "pass a track from a search/load result (or Track.from(encoded)).",
      options,
    );
  }
}

/** Adding would grow the queue past its `maxSize`; nothing of that call was added. */
export class QueueFullError extends SonoraError {
  /** Stable machine-readable identifier. */
  readonly code = "QUEUE_FULL";
  constructor(
    /** The configured limit. */
    readonly maxSize: number,
    /** Tracks upcoming when the add was refused. */
    readonly size: number,
    /** Tracks the refused call tried to add. */
    readonly attempted: number,
  ) {
    super(
      `cannot add ${attempted} track(s): the queue holds ${size} of at most ${maxSize}; ` +
        "remove tracks first or raise the queue's maxSize.",
    );
  }
}

/** An index (or a track looked up by index) is not inside the upcoming list. */
export class QueueIndexError extends SonoraError {
  /** Stable machine-readable identifier. */
  readonly code = "QUEUE_INDEX";
  constructor(
    /** The offending index (or value). */
    readonly index: unknown,
    /** Upcoming tracks at the time of the call. */
    readonly size: number,
    /** Which argument, e.g. `remove(index)` or `move(to)`. */
    readonly what: string,
  ) {
    super(
      `${what} must be an integer from 0 to ${Math.max(0, size - 1)} (the queue has ${size} upcoming), ` +
        `got ${describeValue(index)}.`,
    );
  }
}

/** A queue option (maxSize, historySize, loop mode, random) has an unusable value. */
export class QueueOptionError extends SonoraError {
  /** Stable machine-readable identifier. */
  readonly code = "QUEUE_OPTION";
  constructor(
    readonly option: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`queue option ${option} must be ${expected}, got ${describeValue(value)}.`);
  }
}

/** Short human description of any value for error messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "function") return "a function";
  return "an object without a valid encoded/info";
}
