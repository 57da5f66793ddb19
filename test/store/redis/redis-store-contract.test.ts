import { afterAll, beforeAll, describe } from "vitest";
import { RedisStore } from "../../../src/redis/index.js";
import { SKIP_REDIS, startRedis, type TestRedis } from "../../support/redis-server.js";
import { describeStoreContract } from "../store-contract.js";
import { rawClient } from "./fixtures.js";

// The contract every store keeps (the same suite as MemoryStore and FileStore), on a real Redis:
// each harness is a fresh key prefix, so a record written through one store is read by the next.
describe.skipIf(SKIP_REDIS)("RedisStore on a real redis-server", () => {
  let redis: TestRedis;
  let prefixes = 0;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  describeStoreContract("RedisStore", async () => {
    const prefix = `contract${++prefixes}`;
    return {
      store: () => new RedisStore({ url: redis.url, prefix }),
      cleanup: async () => {
        const client = await rawClient(redis.url);
        const keys = await client.keys(`${prefix}:*`);
        if (keys.length > 0) await client.del(keys);
        await client.close();
      },
    };
  });
});
