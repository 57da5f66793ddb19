// How the store talks to Redis: through the one method every node-redis client has, `sendCommand`,
// so that `sonora/redis` neither needs `redis`'s types in its declarations nor breaks when the
// client's typed API changes between major versions.

/**
 * The part of a node-redis client (`createClient()` from `redis` or `@redis/client`, v5 or later)
 * that {@link RedisStore} uses. Any object with these members works, so a bot without `redis`'s
 * type declarations still compiles. Cluster clients (`createCluster`) are not supported.
 */
export interface RedisClientLike {
  /** Whether the client's socket is open (or reconnecting); the store connects it when false. */
  readonly isOpen: boolean;
  /** Opens the socket. */
  connect(): Promise<unknown>;
  /**
   * Sends one raw command. The store passes `timeout` so that a command queued while Redis is
   * unreachable fails instead of waiting forever.
   */
  sendCommand(args: readonly string[], options?: { timeout?: number }): Promise<unknown>;
}

/** The client the store created itself from a URL: it also closes it. */
export interface OwnedRedisClient extends RedisClientLike {
  close(): Promise<void>;
  destroy(): void;
  on(event: "error", listener: (error: Error) => void): unknown;
}

/** Longest wait between two reconnection attempts of a client the store created. */
const MAX_RECONNECT_DELAY_MS = 2_000;

/**
 * Creates a node-redis client for `url`, loading `redis` only now: a bot that passes its own client,
 * or never uses the Redis store, does not need the package installed.
 */
export async function createOwnedClient(url: string, connectTimeoutMs: number): Promise<OwnedRedisClient> {
  let redis: typeof import("redis");
  try {
    redis = await import("redis");
  } catch (error) {
    throw new Error(
      'the "redis" package is not installed (npm install redis); it is an optional peer of sonora',
      {
        cause: error,
      },
    );
  }
  const client = redis.createClient({
    url,
    // A write while Redis is unreachable must fail now and reach the command's caller, not wait in
    // an offline queue for a reconnection that may never come.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: connectTimeoutMs,
      reconnectStrategy: (retries: number) =>
        Math.min(50 * 2 ** Math.min(retries, 6), MAX_RECONNECT_DELAY_MS),
    },
  });
  return client as unknown as OwnedRedisClient;
}
