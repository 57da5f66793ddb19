export { InvalidTrackError, QueueFullError, QueueIndexError, QueueOptionError } from "./errors.js";
export * from "./item.js";
export * from "./options.js";
export { Queue } from "./queue.js";
export { minimumAdjacentRepeats, type SmartShuffleOptions, smartShuffle } from "./smart-shuffle.js";
