import type { Clock, TimerHandle } from "../../base/clock/index.js";
import { type LavalinkPlayer, Routes } from "../../protocol/index.js";
import { InvalidOptionError } from "../errors/invalid-option-error.js";
import type { Node } from "../node/node.js";
import type { PlayerControl } from "../player/player.js";
import type { NodePool } from "../pool.js";
import { DEFAULT_STORE_CHECKPOINT_INTERVAL } from "./defaults.js";
import { StoreLeaseLostError } from "./errors.js";
import { checkScope, scopeOwns, shardOf } from "./records.js";
import { type SonoraStore, STORE_SCHEMA_VERSION, type StoredNode, type StoreScope } from "./store.js";
import { StoreWriter } from "./writer.js";

/** The store options of the client, as {@link ClientPersistence} takes them. */
export interface PersistenceOptions {
  store: SonoraStore;
  clientId: string | undefined;
  shards: { ids: readonly number[]; count: number } | undefined;
  checkpointInterval: number | undefined;
}

/** What the client's persistence needs from the client. */
export interface PersistenceHost {
  readonly clock: Clock;
  readonly nodes: NodePool;
  /** The internal side of the guild's player, if it has one. */
  control(guildId: string): PlayerControl | undefined;
  /** Every player's internal side. */
  controls(): Iterable<PlayerControl>;
  /** Creates a player for a stored guild on `node` (not yet restored). */
  create(guildId: string, node: Node): PlayerControl;
  /** A stored player was restored (announced as `playerRestore`). */
  restored(control: PlayerControl): void;
  error(error: unknown): void;
  /**
   * The store says another process owns these guilds now (`shard`, or every guild with -1): the
   * client stops driving them and refuses new players there.
   */
  leaseLost(owns: (guildId: string) => boolean): void;
}

/**
 * The client's side of its store: restores players and node sessions at start, writes every change
 * through a {@link StoreWriter}, checkpoints the positions of playing players, and leaves the
 * records (or deletes them) at close. See docs/persistence.md.
 */
export class ClientPersistence {
  readonly scope: StoreScope;
  private readonly writer: StoreWriter;
  private readonly interval: number;
  private timer: TimerHandle | undefined;
  private opened = false;
  /** Nodes given a saved session at restore whose players were not compared with ours yet, with that session. */
  private readonly unswept = new Map<string, string>();
  /** Shards the store gave to another process: their guilds are not written any more. */
  private readonly lost: { error: StoreLeaseLostError; owns: (guildId: string) => boolean }[] = [];

  constructor(
    private readonly options: PersistenceOptions,
    private readonly host: PersistenceHost,
  ) {
    const scope: StoreScope = { clientId: options.clientId ?? "default" };
    if (options.shards !== undefined) scope.shards = options.shards;
    this.scope = checkScope(scope);
    const interval = options.checkpointInterval ?? DEFAULT_STORE_CHECKPOINT_INTERVAL;
    if (typeof interval !== "number" || !Number.isFinite(interval) || interval < 0) {
      throw new InvalidOptionError(
        "storeCheckpointInterval",
        interval,
        "milliseconds ≥ 0 (0: no checkpoints)",
      );
    }
    this.interval = interval;
    this.writer = new StoreWriter(options.store, {
      player: (guildId) => host.control(guildId)?.toStored(host.clock.now()) ?? null,
      error: (error) => host.error(error),
      released: (error) => this.released(error),
    });
  }

  /**
   * Opens the store and restores what it holds: each node gets its saved session id (sent as
   * `Session-Id` when it connects, so the node resumes it) and each player its saved state, with the
   * position the record implies now. Call before the nodes connect.
   */
  async restore(): Promise<void> {
    const contents = await this.options.store.open(this.scope);
    this.opened = true;
    const now = this.host.clock.now();
    for (const record of contents.nodes) {
      const node = this.host.nodes.get(record.name);
      // A node with resuming off cannot resume; a node already connected has its own session.
      if (node === undefined || node.settings.resume === false || node.sessionId !== null) continue;
      node.sessionId = record.sessionId;
      this.unswept.set(node.name, record.sessionId);
    }
    const first = [...this.host.nodes][0];
    const restored: PlayerControl[] = [];
    for (const record of contents.players) {
      // The store filters by scope already; a store that does not is not trusted with it.
      if (this.host.control(record.guildId) !== undefined || !scopeOwns(this.scope, record.guildId)) continue;
      // A node taken out of the configuration: the player is rebuilt on the first one.
      const node = this.host.nodes.get(record.node) ?? first;
      if (node === undefined) continue;
      const control = this.host.create(record.guildId, node);
      control.restoreStored(record, now);
      restored.push(control);
    }
    if (this.interval > 0) this.timer = this.host.clock.setInterval(() => this.checkpoint(), this.interval);
    // Announced once every record is in, so a listener sees the whole restored set.
    for (const control of restored) this.host.restored(control);
  }

  /**
   * The first `ready` of a node given a saved session, before its players are resumed or rebuilt:
   * - resumed: a player on the session that this client does not host there is an orphan of the
   *   previous process (a move or a first `play` cut short after the node took it but before the store
   *   heard of it) and would play on with nobody to stop it: it is deleted;
   * - not resumed: the old session may still be alive (its socket not yet closed when this process
   *   connected, so the node could not resume it); its players are ours and are about to be rebuilt on
   *   the new session, so they are deleted first (no guild plays twice). Best effort: a session that is
   *   gone, or already waiting to be resumed, answers 404 (Lavalink serves no REST on those), and its
   *   players then play on until its resume timeout (see docs/persistence.md).
   */
  async sweep(node: Node, resumed: boolean, hosts: (guildId: string) => boolean): Promise<void> {
    const saved = this.unswept.get(node.name);
    if (saved === undefined) return;
    this.unswept.delete(node.name);
    if (resumed) {
      const players = await node.fetchPlayers();
      await Promise.all(
        players
          .filter((p) => !hosts(p.guildId))
          .map((p) => node.destroyPlayer(p.guildId).catch(this.host.error)),
      );
      return;
    }
    if (saved === node.sessionId) return;
    const old = await node.rest
      .request<LavalinkPlayer[]>("GET", Routes.players(saved))
      .catch(() => [] as LavalinkPlayer[]);
    await Promise.all(
      old.map((p) => node.rest.request("DELETE", Routes.player(saved, p.guildId)).catch(() => undefined)),
    );
  }

  /**
   * A write was refused with {@link StoreLeaseLostError}: the guilds of that shard (all guilds when
   * the client's own lease went, shard -1, or the client names no shards) are another process's now.
   */
  private released(error: unknown): ((guildId: string) => boolean) | "all" | null {
    if (!(error instanceof StoreLeaseLostError)) return null;
    const shards = this.scope.shards;
    if (error.shard < 0 || shards === undefined) {
      this.lost.push({ error, owns: () => true });
      this.host.leaseLost(() => true);
      return "all";
    }
    const lost = (guildId: string) => shardOf(guildId, shards.count) === error.shard;
    this.lost.push({ error, owns: lost });
    this.host.leaseLost(lost);
    return lost;
  }

  /**
   * A player changed: resolves once its record is durable. A guild of a shard this process lost
   * is refused with that shard's {@link StoreLeaseLostError} (its player was released meanwhile).
   */
  persist(guildId: string): Promise<void> {
    if (!this.opened) return Promise.resolve();
    const refusal = this.lostError(guildId);
    const durable =
      refusal !== null
        ? Promise.reject(refusal)
        : this.writer.player(guildId).then(() => {
            // Written with others while this guild's shard was found lost: its change was dropped.
            const dropped = this.lostError(guildId);
            if (dropped !== null) throw dropped;
          });
    durable.catch(() => undefined); // a change nobody waits for must not surface as unhandled
    return durable;
  }

  /** The error for a guild of a shard this process lost, or null while it owns the guild. */
  lostError(guildId: string): StoreLeaseLostError | null {
    for (const { error, owns } of this.lost) {
      if (owns(guildId)) return new StoreLeaseLostError(error.shard, error.message);
    }
    return null;
  }

  /** A node reached `ready`: its (new or resumed) session is what a new process resumes. */
  nodeReady(node: Node): void {
    if (!this.opened) return;
    this.writer.node(node.name, this.nodeRecord(node)).catch(() => undefined);
  }

  /**
   * Positions are not written per `playerUpdate` (that would put the store on the hot path): every
   * `storeCheckpointInterval` the playing players are written, with the node sessions' `savedAt`.
   */
  checkpoint(): void {
    for (const control of this.host.controls()) {
      if (control.player.playing) this.writer.player(control.player.guildId).catch(() => undefined);
    }
    for (const node of this.host.nodes) {
      if (node.ready) this.writer.node(node.name, this.nodeRecord(node)).catch(() => undefined);
    }
  }

  /**
   * Writes the final state and closes the store. `ended`: the players were destroyed (their records
   * go with them) and the node sessions are forgotten too.
   */
  async close(ended: boolean): Promise<void> {
    this.host.clock.clearInterval(this.timer);
    this.timer = undefined;
    if (!this.opened) return;
    for (const control of this.host.controls())
      this.writer.player(control.player.guildId).catch(() => undefined);
    for (const node of this.host.nodes) {
      const record = ended ? null : this.nodeRecord(node);
      if (ended || record !== null) this.writer.node(node.name, record).catch(() => undefined);
    }
    this.writer.close();
    try {
      await this.writer.flush();
    } finally {
      this.opened = false;
      await this.options.store.close();
    }
  }

  private nodeRecord(node: Node): StoredNode | null {
    const resume = node.settings.resume;
    if (resume === false || node.sessionId === null) return null;
    return {
      schema: STORE_SCHEMA_VERSION,
      name: node.name,
      sessionId: node.sessionId,
      resumeTimeout: resume.timeout,
      savedAt: this.host.clock.now(),
    };
  }
}
