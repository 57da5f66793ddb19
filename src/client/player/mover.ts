import type { UpdatePlayerRequest } from "../../protocol/index.js";
import { NodeUnavailableError } from "../errors/node-unavailable-error.js";
import type { FilterManager } from "../filters/index.js";
import type { Node } from "../node/node.js";
import type { Track } from "../track.js";
import type { NodeLink } from "./link.js";
import type { PlayerMirror } from "./mirror.js";
import type { VoiceConnection } from "./voice.js";

/** What moves need around them. */
export interface MoverHost {
  /** Throws ClientStateError when the player was destroyed. */
  assertUsable(action: string): void;
  /** Resolves after one macrotask turn (injected by the client: see PlayerHost.nextTurn). */
  nextTurn(): Promise<void>;
  /** The player now lives on `to`. */
  moved(from: Node, to: Node): void;
  /**
   * The mirrored track had reached its end when its node went away (its TrackEndEvent was lost
   * with the node): report it finished and let the queue advance, instead of playing it again.
   */
  endedWhileAway(track: Track): void;
  /** Plugin settings needed before the player exists on the node (SponsorBlock's categories). */
  beforeRestore(): Promise<void>;
  /** Plugin settings needed once the player is there (the live lyrics subscription). */
  afterRestore(): Promise<void>;
}

/**
 * Moves a player between nodes and re-creates it on a node that lost its session: track at the
 * position playback reached, paused, volume, filters and voice, all from the client's own state.
 */
export class PlayerMover {
  constructor(
    private readonly guildId: string,
    private readonly link: NodeLink,
    private readonly mirror: PlayerMirror,
    private readonly voice: VoiceConnection,
    private readonly filters: FilterManager,
    private readonly host: MoverHost,
  ) {}

  /** Moves to `target`, one move at a time; nothing happens when the player is already there. */
  async moveTo(target: Node): Promise<void> {
    this.host.assertUsable("move");
    // One move at a time: two overlapping moves would both start from the old node, leaving a
    // second copy streaming on the first target (or moving twice to the same one). No await when
    // no move runs, so this move is registered before a second moveTo() looks.
    while (this.link.moving !== null) await this.link.moving.catch(() => undefined);
    this.host.assertUsable("move");
    if (target === this.link.node) return;
    const move = this.move(target);
    this.link.moving = move;
    try {
      await move;
    } finally {
      if (this.link.moving === move) this.link.moving = null;
    }
  }

  /** Re-creates the player after its node lost the session, from where playback stopped. */
  async rebuild(): Promise<void> {
    await this.restore(this.mirror.resumePosition);
  }

  private async move(target: Node): Promise<void> {
    const assertTargetReady = () => {
      if (!target.ready) {
        throw new NodeUnavailableError(
          target.name,
          `cannot move guild ${this.guildId} there: node is ${target.state}`,
        );
      }
    };
    assertTargetReady();
    // A PATCH still unanswered by the old node (say a play) may yet be accepted or refused, and a
    // refusal puts the previous track back: moving now would carry a state that may be undone,
    // leaving the new node playing one track while the player mirrors another.
    if (this.link.busy) {
      await this.link.settled();
      // Let the commands that sent them finish handling the answer first (a refused play puts the
      // previous track back a few promise steps later): one macrotask turn runs all of those.
      await this.host.nextTurn();
      this.host.assertUsable("move");
      assertTargetReady();
    }
    const from = this.link.node;
    const position = this.mirror.resumePosition;
    this.link.detach();
    if (from.ready) await from.destroyPlayer(this.guildId).catch(() => undefined);
    this.link.rehost(target);
    await this.restore(position);
    this.host.moved(from, target);
  }

  /**
   * Re-creates the player on its node where playback stands by now (the node lost it): the last
   * report plus the time elapsed, so the part heard is not heard again.
   */
  async recreate(): Promise<void> {
    await this.restore(this.mirror.resumePosition);
  }

  /**
   * Sends the whole state to the player's (new) node: track at `position`, paused, volume, filters,
   * voice. A track that had reached its end is not restored: the node gets the player without it,
   * then the track is reported finished (once) and the queue advances.
   */
  private async restore(position: number): Promise<void> {
    const ended = this.mirror.track !== null && this.mirror.reachedEnd(position) ? this.mirror.track : null;
    if (ended !== null) this.mirror.endTrack();
    const body: UpdatePlayerRequest = {
      volume: this.mirror.volume,
      paused: this.mirror.paused,
      filters: this.filters.toPayload(),
    };
    const voice = this.voice.forRestore();
    if (voice) body.voice = voice;
    const track = this.mirror.track;
    if (track) {
      body.track = { encoded: track.encoded, userData: track.userData };
      if (track.isSeekable && position > 0) body.position = position;
    }
    // Until the node has it, playback stands where it was: a failed restore is retried from there
    // (by reconciliation), not from wherever the estimate ran meanwhile.
    this.mirror.holdAt(position);
    try {
      // Categories first: SponsorBlock reads them when the restored track starts.
      await this.host.beforeRestore();
      await this.link.patch(body);
      this.mirror.restored();
      await this.host.afterRestore();
    } finally {
      // Even when the node refused the player: the track did end, and the advance re-creates it.
      if (ended !== null) this.host.endedWhileAway(ended);
    }
  }
}
