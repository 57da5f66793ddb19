import type { LavalinkPlayer, UpdatePlayerRequest } from "../../protocol/index.js";
import type { FrameSink } from "../node/frames.js";
import { type Node, type NodePlayer, nodeControl } from "../node/node.js";
import type { PlayerMirror } from "./mirror.js";

/** Who the link hosts on its node: the player's public side and where its frames go. */
export interface LinkedPlayer {
  readonly guildId: string;
  /** What the node may read of the player (its load figures). */
  readonly view: NodePlayer;
  readonly sink: FrameSink;
  /** Throws ClientStateError when the player was destroyed. */
  assertUsable(action: string): void;
  isDestroyed(): boolean;
}

/**
 * A player's tie to the node hosting it: which node that is, the PATCHes sent to it and not yet
 * answered, and the move in progress (requests wait for it). Answers go into the mirror.
 */
export class NodeLink {
  /** The move in progress, so requests and a second move wait for it. */
  moving: Promise<void> | null = null;
  /** PATCHes sent so far (reconciliation tells by it whether a command raced its snapshot). */
  sent = 0;
  private current: Node;
  /** Player PATCHes sent and not yet answered (destroy and moves wait for them). */
  private readonly inFlight = new Set<Promise<LavalinkPlayer>>();

  constructor(
    node: Node,
    private readonly player: LinkedPlayer,
    private readonly mirror: PlayerMirror,
  ) {
    this.current = node;
    nodeControl(node).attach(player.guildId, player.view, player.sink);
  }

  /** Node hosting the player. */
  get node(): Node {
    return this.current;
  }

  /** True while a PATCH is unanswered. */
  get busy(): boolean {
    return this.inFlight.size > 0;
  }

  /** Resolves once every PATCH sent so far was answered (or failed). */
  async settled(): Promise<void> {
    if (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Sends a request after any move in progress: during a move the old node is being emptied and
   * the new one not yet restored, so a request sent then would land on the old node (and be lost,
   * or re-create the player there).
   */
  async update(request: UpdatePlayerRequest, noReplace?: boolean): Promise<void> {
    this.player.assertUsable("update");
    // Checked without an await when no move runs: a request must not yield (and fall behind a
    // later one) on its way out.
    while (this.moving !== null) await this.moving.catch(() => undefined);
    await this.patch(request, noReplace);
  }

  /** The PATCH itself, mirrored into the player's state; a move's restore calls it directly. */
  async patch(request: UpdatePlayerRequest, noReplace?: boolean): Promise<void> {
    this.player.assertUsable("update");
    const node = this.current;
    this.sent++;
    const pending = node.updatePlayer(this.player.guildId, request, noReplace);
    this.inFlight.add(pending);
    let answer: LavalinkPlayer;
    try {
      answer = await pending;
    } finally {
      this.inFlight.delete(pending);
    }
    // The player may have moved while the request was in flight; the new node's state wins.
    if (node !== this.current || this.player.isDestroyed()) return;
    this.mirror.applyAnswer(answer, request);
  }

  /** Hosts the player on `target` from now on (a move: the caller detached it from the old node). */
  rehost(target: Node): void {
    this.current = target;
    nodeControl(target).attach(this.player.guildId, this.player.view, this.player.sink);
  }

  /** The player's `playing` flipped: its node updates its count of playing players. */
  playingChanged(): void {
    nodeControl(this.current).playingChanged(this.player.guildId);
  }

  /** Stops hosting the player on its node (destroy, or the start of a move). */
  detach(): void {
    nodeControl(this.current).detach(this.player.guildId);
  }
}
