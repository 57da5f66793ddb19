/**
 * The stores `bench/cases/store.ts` measures, each against the same client workload. A store kind
 * added later (`RedisStore` from `sonora/redis`) appends its entry here (this file sits outside
 * `bench/cases/`, where every file must be a bench module).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileStore, MemoryStore, type SonoraStore } from "../src/index.js";

/** One store to measure: how to make it, and how to clean up after it. */
export interface StoreBenchTarget {
  /** Row label, e.g. `FileStore`. */
  name: string;
  /** A fresh store (null: the client runs without a store, the baseline). */
  make(): Promise<{ store: SonoraStore | null; cleanup(): Promise<void> }>;
}

export const STORE_BENCH_TARGETS: StoreBenchTarget[] = [
  { name: "no store", make: async () => ({ store: null, cleanup: async () => undefined }) },
  { name: "MemoryStore", make: async () => ({ store: new MemoryStore(), cleanup: async () => undefined }) },
  {
    name: "FileStore (fsync per write)",
    make: async () => {
      const dir = mkdtempSync(join(tmpdir(), "sonora-bench-store-"));
      return {
        store: new FileStore(dir),
        cleanup: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
];

// RedisStore on a local redis-server started for the measurement (append-only, `appendfsync
// everysec`, Redis's usual durable setting); left out when redis-server is not installed.
const { findRedisServer, startRedis } = await import("../test/support/redis-server.js");
if (findRedisServer() !== null) {
  STORE_BENCH_TARGETS.push({
    name: "RedisStore (local redis-server, appendfsync everysec)",
    make: async () => {
      const { RedisStore } = await import("../src/redis/index.js");
      const redis = await startRedis({ appendfsync: "everysec" });
      return { store: new RedisStore({ url: redis.url, prefix: "bench" }), cleanup: () => redis.stop() };
    },
  });
}
