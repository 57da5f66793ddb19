import { SonoraError } from "../../base/errors/sonora-error.js";
import { StoreWriteError } from "./errors.js";
import type { SonoraStore, StoreChange, StoredNode, StoredPlayer } from "./store.js";

/** What the writer reads records from and reports to. */
export interface WriterHost {
  /** The guild's player as a record now, or null when it has none (its record is deleted). */
  player(guildId: string): StoredPlayer | null;
  /** A write failed (reported once per failed write). */
  error(error: unknown): void;
  /**
   * A write was refused because this process no longer owns some guilds (a lost lease). Returns
   * which guilds it gave up (their changes are dropped, the rest is written again at once), `"all"`
   * when it lost everything (no write can succeed any more), or null for any other failure.
   */
  released(error: unknown): ((guildId: string) => boolean) | "all" | null;
}

interface Batch {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Group commit in front of a store. A change marks its guild (or node) dirty and gets the promise of
 * the next write; every change made while a write is on its way goes into the following one, and
 * each player's record is taken when its write starts (so it holds everything changed until then).
 * Commands on many guilds therefore share one fsync (or one Redis round trip) instead of queuing
 * behind each other, and no promise resolves before the write that holds its change.
 */
export class StoreWriter {
  private readonly players = new Set<string>();
  private readonly nodes = new Map<string, StoredNode | null>();
  /** The write being collected (its changes are not taken yet). */
  private next: Batch | null = null;
  /** The write on its way to the store. */
  private running: Promise<void> | null = null;
  private closed = false;
  /** Set once the process lost every right to write (its client lease): every write fails with it. */
  private lost: unknown = null;

  constructor(
    private readonly store: SonoraStore,
    private readonly host: WriterHost,
  ) {}

  /** Marks a guild's player as changed; resolves once a write holding that change is durable. */
  player(guildId: string): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.players.add(guildId);
    return this.schedule();
  }

  /** Writes (or deletes, with null) a node's record; resolves once durable. */
  node(name: string, record: StoredNode | null): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.nodes.set(name, record);
    return this.schedule();
  }

  /** Resolves once every change made so far is durable (retrying what failed before). */
  flush(): Promise<void> {
    if (this.players.size === 0 && this.nodes.size === 0) return this.running ?? Promise.resolve();
    return this.schedule();
  }

  /** Takes no more changes (the client closes); what was marked before is still written by flush(). */
  close(): void {
    this.closed = true;
  }

  private schedule(): Promise<void> {
    if (this.lost !== null) {
      this.players.clear();
      this.nodes.clear();
      const refused = Promise.reject(this.lost);
      refused.catch(() => undefined); // nobody may be waiting (a touch), as for any write
      return refused;
    }
    if (this.next === null) {
      let resolve!: () => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      // Nobody may be waiting (a touch): the failure is reported through the host instead.
      promise.catch(() => undefined);
      this.next = { promise, resolve, reject };
      // Starts after the current synchronous burst (ten `add`s in a row make one write).
      if (this.running === null) queueMicrotask(() => void this.run());
    }
    return this.next.promise;
  }

  private async run(): Promise<void> {
    const batch = this.next;
    if (batch === null || this.running !== null) return;
    this.next = null;
    const guilds = [...this.players];
    const nodes = [...this.nodes];
    this.players.clear();
    this.nodes.clear();
    const changes: StoreChange[] = [];
    for (const [name, value] of nodes) changes.push({ kind: "node", name, value });
    for (const guildId of guilds) changes.push({ kind: "player", guildId, value: this.host.player(guildId) });
    const write = changes.length === 0 ? Promise.resolve() : this.store.write(changes);
    this.running = write.then(
      () => batch.resolve(),
      (error: unknown) => {
        const failure =
          error instanceof SonoraError
            ? error
            : new StoreWriteError(this.store.kind, error instanceof Error ? error.message : String(error), {
                cause: error,
              });
        const released = this.host.released(failure);
        if (released === "all") {
          this.lost = failure;
          this.players.clear();
          this.nodes.clear();
          batch.reject(failure);
          this.host.error(failure);
          return;
        }
        // Not lost: marked again, so the next write (or flush) carries the latest state.
        for (const guildId of guilds) this.players.add(guildId);
        for (const [name, value] of nodes) if (!this.nodes.has(name)) this.nodes.set(name, value);
        if (released === null) {
          batch.reject(failure);
          this.host.error(failure);
          return;
        }
        // Guilds another process owns now are dropped; the others' changes go again at once and
        // their callers wait for that write (one lost shard must not fail the other shards' commands).
        for (const guildId of [...this.players]) if (released(guildId)) this.players.delete(guildId);
        this.host.error(failure);
        this.schedule().then(batch.resolve, batch.reject);
      },
    );
    await this.running;
    this.running = null;
    if (this.next !== null) void this.run();
  }
}
