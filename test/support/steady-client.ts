import type { ClientOptions } from "../../src/index.js";

/**
 * Client options of the reconnect and failover tests: a fixed random source and jitter-free
 * reconnects, three tries one second apart, so each test knows exactly when a node is given up.
 */
export const STEADY_CLIENT = {
  random: () => 0.5,
  reconnect: { maxRetries: 3, backoff: "fixed", baseDelay: 1_000, jitter: false },
} satisfies ClientOptions;
