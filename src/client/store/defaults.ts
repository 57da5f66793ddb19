/** Default milliseconds between two position checkpoints of the playing players (`storeCheckpointInterval`). */
export const DEFAULT_STORE_CHECKPOINT_INTERVAL = 5_000;
