import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { ClientStateError } from "../client/errors/client-state-error.js";
import { InvalidOptionError } from "../client/errors/invalid-option-error.js";
import { checkChanges } from "../client/store/changes.js";
import { StoreCorruptError, StoreLeaseLostError, StoreWriteError } from "../client/store/errors.js";
import { checkScope, readStoredNode, readStoredPlayer, shardOf } from "../client/store/records.js";
import type {
  SonoraStore,
  StoreChange,
  StoreContents,
  StoredNode,
  StoredPlayer,
  StoreScope,
} from "../client/store/store.js";
import { createOwnedClient, type OwnedRedisClient, type RedisClientLike } from "./connection.js";
import { StoreLeaseHeldError, StoreUnavailableError } from "./errors.js";
import { RedisKeys } from "./keys.js";
import { type Lease, Leases, resourcesOf } from "./leases.js";
import { WRITE } from "./scripts.js";

/** Options of {@link RedisStore}: where Redis is (`url` or `client`, exactly one) and how leases behave. */
export interface RedisStoreOptions {
  /** A Redis URL (`redis://[[user]:password@]host[:port][/db]`, `rediss://` for TLS). The store creates, connects and closes its own client. */
  url?: string;
  /**
   * An existing node-redis client (`createClient()` from `redis`). The store connects it if it is not
   * open yet, never closes it, and never installs an `error` listener on it: node-redis requires
   * one, so attach yours. Prefer `disableOfflineQueue: true` on it, so writes fail at once while Redis
   * is down (otherwise they fail after `commandTimeoutMs`).
   */
  client?: RedisClientLike;
  /** Prefix of every key the store uses (default `"sonora"`); bots sharing a Redis use different ones. */
  prefix?: string;
  /**
   * How long a lease lasts without renewal, in ms (default 15,000). It is renewed every third of
   * this. A process that dies holds its shards this long before a restarted one may take them.
   */
  leaseMs?: number;
  /**
   * How long `open` waits for a lease held by another owner, in ms (default `leaseMs + 5,000`, enough
   * for a dead predecessor's lease to expire). Past it, `open` rejects with {@link StoreLeaseHeldError}.
   */
  acquireTimeoutMs?: number;
  /** How long one Redis command may take before it fails, in ms (default 5,000). */
  commandTimeoutMs?: number;
  /**
   * Called once for each lease this process loses to another process (it took the shard while this
   * one was paused or cut off). From then on every write for that shard's guilds rejects with
   * {@link StoreLeaseLostError}: stop driving those guilds (usually: exit and let the manager restart).
   */
  onLeaseLost?: (error: StoreLeaseLostError) => void;
}

const DEFAULT_PREFIX = "sonora";
const DEFAULT_LEASE_MS = 15_000;
const DEFAULT_COMMAND_TIMEOUT_MS = 5_000;
/** How many hash fields one HSCAN round asks for while reading the players. */
const SCAN_COUNT = "500";

type State = "new" | "opening" | "open" | "closed";

/**
 * A {@link SonoraStore} in Redis, shared by every process of a sharded bot. Each process opens it
 * with its shards; it then holds an expiring lease per shard, with a fencing token checked inside
 * Redis by every write, so only the owner of a guild's shard can write that guild, even after a
 * pause that outlived its lease. `write` resolves once Redis has applied the whole batch (one
 * atomic script); how durable that is depends on the Redis persistence settings (see
 * docs/persistence.md). Requires the optional peer dependency `redis` (v5 or later) unless a client
 * is passed.
 */
export class RedisStore implements SonoraStore {
  /** Always `"redis"`. */
  readonly kind = "redis";
  private readonly url: string | undefined;
  private client: RedisClientLike | undefined;
  private owned: OwnedRedisClient | undefined;
  private readonly keys: RedisKeys;
  private readonly leaseMs: number;
  private readonly acquireTimeoutMs: number;
  private readonly commandTimeoutMs: number;
  private readonly onLeaseLost: ((error: StoreLeaseLostError) => void) | undefined;
  private state: State = "new";
  private scope: StoreScope | undefined;
  private leases: Leases | undefined;
  /** The last error the store's own client reported (for messages while Redis is down). */
  private lastClientError: Error | undefined;

  constructor(options: RedisStoreOptions) {
    if (typeof options !== "object" || options === null) {
      throw new InvalidOptionError("options", options, "an object { url } or { client }");
    }
    const { url, client } = options;
    if ((url === undefined) === (client === undefined)) {
      throw new InvalidOptionError("url", url, "given, or else client (exactly one of the two)");
    }
    if (url !== undefined && (typeof url !== "string" || !/^rediss?:\/\/\S*$/.test(url))) {
      throw new InvalidOptionError("url", url, "a redis:// or rediss:// URL");
    }
    if (client !== undefined && !isClientLike(client)) {
      throw new InvalidOptionError(
        "client",
        client,
        "a node-redis client (with isOpen, connect and sendCommand)",
      );
    }
    const prefix = options.prefix ?? DEFAULT_PREFIX;
    if (typeof prefix !== "string" || !/^[A-Za-z0-9:._{}-]{1,100}$/.test(prefix)) {
      throw new InvalidOptionError("prefix", prefix, "1 to 100 letters, digits or ':._{}-'");
    }
    this.leaseMs = wholeMs("leaseMs", options.leaseMs, DEFAULT_LEASE_MS, 100);
    this.acquireTimeoutMs = wholeMs("acquireTimeoutMs", options.acquireTimeoutMs, this.leaseMs + 5_000, 0);
    this.commandTimeoutMs = wholeMs(
      "commandTimeoutMs",
      options.commandTimeoutMs,
      DEFAULT_COMMAND_TIMEOUT_MS,
      1,
    );
    if (options.onLeaseLost !== undefined && typeof options.onLeaseLost !== "function") {
      throw new InvalidOptionError("onLeaseLost", options.onLeaseLost, "a function");
    }
    this.onLeaseLost = options.onLeaseLost;
    this.url = url;
    this.client = client;
    this.keys = new RedisKeys(prefix);
  }

  /**
   * Connects, takes the scope's leases (waiting up to `acquireTimeoutMs` for a busy one) and reads
   * the players of the scope's shards and the node sessions of its client id. Rejects with
   * {@link StoreUnavailableError} when Redis cannot be reached, {@link StoreLeaseHeldError} when a
   * lease stays busy, `StoreSchemaError`/`StoreCorruptError` for a record it cannot read (then it
   * holds no lease).
   */
  async open(scope: StoreScope): Promise<StoreContents> {
    const checked = checkScope(scope);
    if (this.state === "opening" || this.state === "open") {
      throw new ClientStateError(`the redis store is already ${this.state}`);
    }
    this.state = "opening";
    this.scope = checked;
    try {
      const client = await this.connect();
      const owner = `${checked.clientId}/${hostname()}/${process.pid}/${randomBytes(4).toString("hex")}`;
      const send = (args: readonly string[]): Promise<unknown> =>
        client.sendCommand(args, { timeout: this.commandTimeoutMs });
      const leases = new Leases(send, this.keys, owner, this.leaseMs, (lease) => this.leaseLost(lease));
      this.leases = leases;
      const busy = await this.unavailableOnFailure(() =>
        leases.acquire(resourcesOf(checked.clientId, checked.shards?.ids), this.acquireTimeoutMs),
      );
      if (busy !== null) {
        const resource = busy.resource.replace(":", " ");
        throw new StoreLeaseHeldError(resource, busy.holder, this.acquireTimeoutMs);
      }
      const contents = await this.read(checked);
      if (this.state !== "opening") throw new ClientStateError("the redis store was closed while it opened");
      leases.startRenewing();
      this.state = "open";
      return contents;
    } catch (error) {
      await this.shutdown();
      throw error;
    }
  }

  /**
   * Applies `changes` in one atomic script after checking, inside Redis, the lease of every shard
   * they touch (and the client id's lease for node records). Resolves once Redis has applied them;
   * rejects with {@link StoreLeaseLostError} when this process no longer owns one of those shards
   * (nothing of the batch is applied) and with `StoreWriteError` when Redis cannot be reached.
   */
  async write(changes: readonly StoreChange[]): Promise<void> {
    checkChanges(changes);
    const leases = this.leases;
    const scope = this.scope;
    const client = this.client;
    if (this.state !== "open" || leases === undefined || scope === undefined || client === undefined) {
      throw new StoreWriteError(this.kind, `the store is ${this.state === "closed" ? "closed" : "not open"}`);
    }
    if (changes.length === 0) return;
    const needed = new Map<string, Lease>();
    const ops: string[] = [];
    for (const change of changes) {
      const lease = this.leaseFor(change, scope, leases);
      if (lease.lost) throw this.lostError(lease);
      needed.set(lease.resource, lease);
      ops.push(...serialise(change));
    }
    const used = [...needed.values()];
    const args = [
      "EVAL",
      WRITE,
      String(2 + used.length * 2),
      this.keys.players,
      this.keys.nodes(scope.clientId),
      ...used.flatMap((lease) => [lease.leaseKey, lease.fenceKey]),
      String(this.leaseMs),
      String(used.length),
      ...used.flatMap((lease) => [lease.token, lease.value]),
      ...ops,
    ];
    let reply: unknown;
    try {
      reply = await client.sendCommand(args, { timeout: this.commandTimeoutMs });
    } catch (error) {
      throw new StoreWriteError(this.kind, `Redis did not acknowledge the write (${this.describe(error)})`, {
        cause: error,
      });
    }
    const lostIndex = Number(reply);
    if (lostIndex === 0) return;
    const lost = used[lostIndex - 1];
    if (lost === undefined)
      throw new StoreWriteError(this.kind, `unexpected answer from Redis: ${String(reply)}`);
    leases.markLost(lost);
    throw this.lostError(lost);
  }

  /** Stops renewing, releases the leases (the records stay) and closes the client the store created. */
  async close(): Promise<void> {
    if (this.state === "closed") return;
    this.state = "closed";
    await this.shutdown();
  }

  private async shutdown(): Promise<void> {
    const leases = this.leases;
    this.leases = undefined;
    if (leases !== undefined) await leases.release();
    const owned = this.owned;
    this.owned = undefined;
    if (owned !== undefined) {
      this.client = undefined;
      await closeQuietly(owned);
    }
    // A failed open leaves the store as new: a later start() may open it once Redis is back.
    if (this.state === "opening") this.state = "new";
  }

  /** The client, connected; the store's own one is created here, on first use. */
  private async connect(): Promise<RedisClientLike> {
    let client = this.client;
    if (client === undefined) {
      try {
        this.owned = await createOwnedClient(this.url as string, this.commandTimeoutMs);
      } catch (error) {
        throw new StoreUnavailableError(this.kind, this.describe(error), { cause: error });
      }
      // node-redis throws an `error` event without a listener: keep the last one for messages instead.
      this.owned.on("error", (error) => {
        this.lastClientError = error;
      });
      client = this.owned;
      this.client = client;
    }
    const ready = client;
    await this.unavailableOnFailure(async () => {
      if (!ready.isOpen) {
        const connecting = ready.connect();
        // Past the timeout the attempt is abandoned (and the client closed): its late outcome is moot.
        connecting.catch(() => undefined);
        await withTimeout(connecting, this.commandTimeoutMs, "connecting");
      }
      await ready.sendCommand(["PING"], { timeout: this.commandTimeoutMs });
    });
    return ready;
  }

  /** Runs `step`, turning a failure to reach Redis into {@link StoreUnavailableError}. */
  private async unavailableOnFailure<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      throw new StoreUnavailableError(this.kind, this.describe(error), { cause: error });
    }
  }

  /** Reads the players of the scope's shards and the client id's node sessions. */
  private async read(scope: StoreScope): Promise<StoreContents> {
    const rawPlayers = await this.unavailableOnFailure(() => this.scanPlayers());
    const nodesKey = this.keys.nodes(scope.clientId);
    const rawNodes = await this.unavailableOnFailure(() => this.send(["HGETALL", nodesKey]));
    const players: StoredPlayer[] = [];
    const shards = scope.shards;
    for (const [guildId, text] of rawPlayers) {
      if (
        shards !== undefined &&
        /^\d{1,20}$/.test(guildId) &&
        !shards.ids.includes(shardOf(guildId, shards.count))
      ) {
        continue;
      }
      const location = `${this.keys.players} ${guildId}`;
      const record = readStoredPlayer(parseJson(text, location), location);
      if (record.guildId !== guildId)
        throw new StoreCorruptError(location, `the record is guild ${record.guildId}'s`);
      players.push(record);
    }
    const nodes: StoredNode[] = [];
    for (const [name, text] of pairs(rawNodes, nodesKey)) {
      const location = `${nodesKey} ${name}`;
      nodes.push(readStoredNode(parseJson(text, location), location));
    }
    return { players, nodes };
  }

  /** Every field of the players hash, in HSCAN rounds (no single huge reply, no blocking Redis). */
  private async scanPlayers(): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    let cursor = "0";
    do {
      const reply = await this.send(["HSCAN", this.keys.players, cursor, "COUNT", SCAN_COUNT]);
      if (!Array.isArray(reply) || reply.length !== 2) throw new Error("unexpected answer to HSCAN");
      cursor = String(reply[0]);
      for (const [field, value] of pairs(reply[1], this.keys.players)) found.set(field, value);
    } while (cursor !== "0");
    return found;
  }

  private send(args: readonly string[]): Promise<unknown> {
    const client = this.client;
    if (client === undefined) return Promise.reject(new Error("the store has no Redis client"));
    return client.sendCommand(args, { timeout: this.commandTimeoutMs });
  }

  /** The lease a change is written under: its guild's shard, or the client id's lease. */
  private leaseFor(change: StoreChange, scope: StoreScope, leases: Leases): Lease {
    const shards = scope.shards;
    if (change.kind === "player" && shards !== undefined) {
      if (!/^\d{1,20}$/.test(change.guildId)) {
        throw new InvalidOptionError("change.guildId", change.guildId, "a snowflake string");
      }
      const shard = shardOf(change.guildId, shards.count);
      const lease = leases.get(`shard:${shard}`);
      if (lease === undefined) {
        throw new StoreLeaseLostError(
          shard,
          `guild ${change.guildId} belongs to shard ${shard} of ${shards.count}, which this process does not own`,
        );
      }
      return lease;
    }
    const lease = leases.get(`client:${scope.clientId}`);
    if (lease === undefined) throw new StoreWriteError(this.kind, "the store holds no lease (not open)");
    return lease;
  }

  private lostError(lease: Lease): StoreLeaseLostError {
    if (lease.shard !== null) return new StoreLeaseLostError(lease.shard);
    return new StoreLeaseLostError(
      -1,
      `the lease on ${lease.resource.replace(":", " ")} was lost: another process with the same clientId owns it now`,
    );
  }

  private leaseLost(lease: Lease): void {
    const listener = this.onLeaseLost;
    if (listener === undefined) return;
    try {
      listener(this.lostError(lease));
    } catch {
      // A throwing listener must not break the renewal loop or the write that noticed the loss.
    }
  }

  private describe(error: unknown): string {
    const message = error instanceof Error ? error.message : String(error);
    const last = this.lastClientError;
    return last !== undefined && last.message !== message
      ? `${message}; last client error: ${last.message}`
      : message;
  }
}

function isClientLike(value: unknown): value is RedisClientLike {
  if (typeof value !== "object" || value === null) return false;
  const client = value as Record<string, unknown>;
  return (
    typeof client.sendCommand === "function" && typeof client.connect === "function" && "isOpen" in client
  );
}

function wholeMs(option: string, value: unknown, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > 86_400_000) {
    throw new InvalidOptionError(option, value, `a whole number of ms from ${min} to 86,400,000`);
  }
  return value;
}

/** A change as the write script takes it: kind, field, JSON (empty deletes). */
function serialise(change: StoreChange): [string, string, string] {
  if (change.kind === "player") {
    return ["p", change.guildId, change.value === null ? "" : JSON.stringify(change.value)];
  }
  return ["n", change.name, change.value === null ? "" : JSON.stringify(change.value)];
}

function parseJson(text: string, location: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new StoreCorruptError(location, "the record is not JSON", { cause: error });
  }
}

/** A hash reply as pairs: a flat `[field, value, …]` array (RESP2), an object or a Map (RESP3). */
function pairs(reply: unknown, key: string): [string, string][] {
  if (Array.isArray(reply)) {
    const result: [string, string][] = [];
    for (let i = 0; i + 1 < reply.length; i += 2) result.push([String(reply[i]), String(reply[i + 1])]);
    return result;
  }
  // A client with a RESP3 type mapping may answer a hash as a Map.
  if (reply instanceof Map) return [...reply].map(([field, value]) => [String(field), String(value)]);
  if (typeof reply === "object" && reply !== null) {
    return Object.entries(reply as Record<string, unknown>).map(([field, value]) => [field, String(value)]);
  }
  throw new StoreCorruptError(key, "Redis answered with something that is not a hash");
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Closes the store's own client, forcing it when a graceful close fails (it never connected). */
async function closeQuietly(client: OwnedRedisClient): Promise<void> {
  try {
    await client.close();
  } catch {
    try {
      client.destroy();
    } catch {
      // Already closed.
    }
  }
}
