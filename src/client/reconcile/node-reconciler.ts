import type { Clock, TimerHandle } from "../../base/clock/index.js";
import type { LavalinkPlayer } from "../../protocol/index.js";
import type { Node } from "../node/node.js";

/** One guild's player as reconciliation sees it (the player's internal side). */
export interface ReconcileTarget {
  readonly player: { readonly guildId: string; readonly node: Node; readonly destroyed: boolean };
  /** Changes when a command is sent or an event arrives. */
  reconcileStamp(): number;
  readonly busy: boolean;
  settled(): Promise<void>;
  converge(truth: LavalinkPlayer | undefined): Promise<void>;
}

/** What a node's reconciler needs from the client. */
export interface ReconcilerHost {
  readonly clock: Clock;
  /** The player of a guild, if the client has one. */
  target(guildId: string): ReconcileTarget | undefined;
  /** The players hosted on `node`. */
  hostedBy(node: Node): ReconcileTarget[];
  /** True once the client closed. */
  readonly closed: boolean;
  error(error: unknown): void;
}

/** Rounds a guild may be put off because commands or events kept racing its snapshot. */
const MAX_ROUNDS = 5;
/** Wait before asking again when the node's answer failed while it stays ready. */
const RETRY_MS = 1_000;

/**
 * Reconciliation of one node: asks `GET /v4/sessions/{id}/players` and converges each requested
 * guild on it. Requests coalesce: one GET at a time per node, and guilds requested meanwhile are
 * handled by the next. A whole-node pass (after a resume or a rebuild) also destroys players the
 * node has that the client does not host there (left over from a move or a destroy whose DELETE
 * was lost), so no node streams to a voice channel nobody controls.
 */
export class NodeReconciler {
  private readonly wanted = new Map<string, number>();
  private whole = false;
  private running = false;
  private retryTimer: TimerHandle | undefined;

  constructor(
    private readonly node: Node,
    private readonly host: ReconcilerHost,
  ) {}

  /** Converges `guildId` (or, with none, every player of the node, and removes strangers). */
  request(guildId?: string): void {
    if (guildId === undefined) this.whole = true;
    else if (!this.wanted.has(guildId)) this.wanted.set(guildId, 0);
    if (!this.running) void this.run();
  }

  /** Cancels a pending retry (the client is closing). */
  dispose(): void {
    this.host.clock.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.wanted.clear();
    this.whole = false;
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while ((this.whole || this.wanted.size > 0) && !this.host.closed) {
        // Not ready: the next `ready` reconciles the whole node anyway.
        if (!this.node.ready) {
          this.wanted.clear();
          this.whole = false;
          return;
        }
        await this.pass();
      }
    } finally {
      this.running = false;
    }
  }

  private async pass(): Promise<void> {
    const whole = this.whole;
    this.whole = false;
    const rounds = new Map(this.wanted);
    this.wanted.clear();
    const targets = new Map<string, ReconcileTarget>();
    if (whole) for (const t of this.host.hostedBy(this.node)) targets.set(t.player.guildId, t);
    for (const guildId of rounds.keys()) {
      const t = this.host.target(guildId);
      if (t !== undefined && t.player.node === this.node) targets.set(guildId, t);
    }
    // Answers to commands already sent come first: the snapshot must not predate them.
    await Promise.all([...targets.values()].map((t) => t.settled()));
    // A command sent since (still unanswered) may land after the node answers the GET: such a
    // guild's snapshot cannot be trusted, so it is marked raced from the start.
    const stamps = new Map([...targets].map(([id, t]) => [id, t.busy ? Number.NaN : t.reconcileStamp()]));
    let players: LavalinkPlayer[];
    try {
      players = await this.node.fetchPlayers();
    } catch (error) {
      if (this.node.ready && !this.host.closed) {
        // The node is up but did not answer: ask again shortly for the same guilds.
        this.host.error(error);
        this.retryLater(whole, [...targets.keys()]);
      }
      return;
    }
    const truth = new Map(players.map((p) => [p.guildId, p]));
    for (const [guildId, target] of targets) {
      if (this.host.closed) return;
      if (target.player.destroyed || target.player.node !== this.node) continue;
      if (target.busy || target.reconcileStamp() !== stamps.get(guildId)) {
        // A command or an event raced the snapshot: it may be stale for this guild; ask again.
        const round = (rounds.get(guildId) ?? 0) + 1;
        if (round < MAX_ROUNDS) this.wanted.set(guildId, Math.max(round, this.wanted.get(guildId) ?? 0));
        continue;
      }
      try {
        await target.converge(truth.get(guildId));
      } catch (error) {
        this.host.error(error);
      }
    }
    if (whole) await this.removeStrangers(players);
  }

  private async removeStrangers(players: readonly LavalinkPlayer[]): Promise<void> {
    for (const { guildId } of players) {
      const target = this.host.target(guildId);
      if (target !== undefined && target.player.node === this.node && !target.player.destroyed) continue;
      if (!this.node.ready || this.host.closed) return;
      await this.node.destroyPlayer(guildId).catch(() => undefined);
    }
  }

  private retryLater(whole: boolean, guildIds: string[]): void {
    if (this.retryTimer !== undefined) return;
    this.retryTimer = this.host.clock.setTimeout(() => {
      this.retryTimer = undefined;
      if (whole) this.request();
      for (const id of guildIds) this.request(id);
    }, RETRY_MS);
  }
}
