import { createClient } from "redis";
import type { StoredNode, StoredPlayer, StoredTrack } from "../../../src/index.js";
import { STORE_SCHEMA_VERSION } from "../../../src/index.js";
import type { RedisClientLike } from "../../../src/redis/index.js";

/** A guild id whose shard is `shard` of `count` (`(id >> 22) % count`); `n` picks one of many. */
export function guildOfShard(shard: number, count: number, n = 0): string {
  return ((BigInt(shard + count * (n + 1)) << 22n) + 12_345n).toString();
}

export function track(id: string): StoredTrack {
  return {
    encoded: `QAAA${id}`,
    info: {
      identifier: id,
      isSeekable: true,
      author: "Artist",
      length: 180_000,
      isStream: false,
      position: 0,
      title: `Track ${id}`,
      uri: null,
      artworkUrl: null,
      isrc: null,
      sourceName: "youtube",
    },
    userData: { requester: "42" },
  };
}

/** A complete player record for `guildId`; `upcoming` names its queued tracks. */
export function player(guildId: string, upcoming: string[] = ["a", "b"]): StoredPlayer {
  return {
    schema: STORE_SCHEMA_VERSION,
    guildId,
    node: "main",
    nodeSessionId: "session-1",
    voice: { channelId: "100", sessionId: "voice-session", token: "token", endpoint: "endpoint.example" },
    track: track("now"),
    position: 12_000,
    positionAt: 1_700_000_000_000,
    paused: false,
    volume: 80,
    filters: { volume: 1 },
    queue: { upcoming: upcoming.map(track), history: [track("before")], loop: "off" },
    autoplay: {},
  };
}

export function node(name: string, sessionId = "session-1"): StoredNode {
  return { schema: STORE_SCHEMA_VERSION, name, sessionId, resumeTimeout: 60, savedAt: 1_700_000_000_000 };
}

/** A node-redis client on `url` with the error listener node-redis requires; connected. */
export async function rawClient(url: string) {
  const client = createClient({ url, disableOfflineQueue: true, socket: { reconnectStrategy: 50 } });
  client.on("error", () => undefined);
  await client.connect();
  return client;
}

/**
 * A real client whose commands can be held back, as if this process were paused (a long GC, a
 * stopped container): while paused, nothing it sends reaches Redis; on resume everything goes, in
 * order. This is a gate in front of a real Redis connection, not a fake Redis.
 */
export function pausable(client: RedisClientLike): RedisClientLike & { pause(): void; resume(): void } {
  let gate: Promise<void> | null = null;
  let open: (() => void) | null = null;
  return {
    get isOpen() {
      return client.isOpen;
    },
    connect: () => client.connect(),
    async sendCommand(args, options) {
      while (gate !== null) await gate;
      return client.sendCommand(args, options);
    },
    pause() {
      gate ??= new Promise((resolve) => {
        open = resolve;
      });
    },
    resume() {
      const release = open;
      gate = null;
      open = null;
      release?.();
    },
  };
}

/** Polls an asynchronous check (Redis state) until it holds; `waitUntil` takes synchronous ones only. */
export async function eventually(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
