import type { LavalinkPlayer, TrackEndEvent, TrackEndReason, TrackStartEvent } from "../../protocol/index.js";
import { type Convergence, decideConvergence } from "../reconcile/decide.js";
import type { PlaybackLedger } from "../reconcile/ledger.js";
import { Track } from "../track.js";
import type { PlaybackCommands } from "./commands.js";
import type { PlayerMirror } from "./mirror.js";
import type { PlayerMover } from "./mover.js";

/** How a player reports what reconciliation found (its own `trackStart`/`trackEnd` events). */
export interface ConvergeHost {
  readonly guildId: string;
  started(track: Track, event: TrackStartEvent): void;
  ended(track: Track, reason: TrackEndReason, event: TrackEndEvent): void;
  /** What reconciliation decided for this player (for the `debug` event). */
  decided(decision: Convergence["kind"]): void;
}

/**
 * Brings one player in line with its node's truth (`GET /v4/sessions/{id}/players`), as
 * {@link decideConvergence} says: a lost end is reported once and the queue advances once, a lost
 * start is reported once, a lost player is re-created, an owed advance is finished.
 */
export class PlayerConvergence {
  constructor(
    private readonly mirror: PlayerMirror,
    private readonly ledger: PlaybackLedger,
    private readonly commands: PlaybackCommands,
    private readonly mover: PlayerMover,
    private readonly host: ConvergeHost,
  ) {}

  /** Converges on `truth`, the node's player of this guild (undefined: the node has none). */
  async converge(truth: LavalinkPlayer | undefined): Promise<void> {
    const mirror = this.mirror;
    const track = mirror.track;
    const decision = decideConvergence(
      {
        track,
        // With no player on the node, where playback stood when it was lost (a drop, a failed
        // restore); otherwise the node had it until now.
        reachedEnd:
          track !== null &&
          mirror.reachedEnd(truth === undefined ? mirror.resumePosition : mirror.projectedPosition),
        awaitsStart: track !== null && this.ledger.awaitsStart(track),
        owesAdvance: this.commands.owesAdvance,
        nextQueued: this.commands.nextQueued,
      },
      truth,
    );
    this.host.decided(decision.kind);
    switch (decision.kind) {
      case "agree":
        if (truth !== undefined) mirror.syncReported(truth);
        if (decision.reportStart && track !== null) this.reportStart(track);
        return;
      case "ended":
        // The node lost the player too: give it back (voice, volume, filters) before advancing.
        if (truth === undefined) {
          mirror.endTrack();
          await this.mover.recreate();
        }
        this.reportEnd(decision.track, decision.reason);
        return;
      case "recreate":
        await this.mover.recreate();
        return;
      case "advance":
        this.commands.retryAdvance();
        return;
      case "adoptNext": {
        const playing = truth?.track;
        if (truth === undefined || playing == null) return;
        // The node's TrackStartEvent may have come (and been reported) before the answer was lost.
        const reported = !decision.reportStart || this.ledger.startReportedFor(playing);
        const next = this.commands.adoptAdvance(playing);
        if (next === null) return;
        mirror.adoptReported(next, truth);
        if (reported) this.ledger.noteStarted(next);
        else this.reportStart(next);
        return;
      }
      case "adoptOther": {
        const playing = truth?.track;
        if (truth === undefined || playing == null) return;
        const adopted = Track.fromLavalink(playing);
        mirror.adoptReported(adopted, truth);
        this.reportStart(adopted);
        return;
      }
      case "none":
        return;
    }
  }

  /**
   * The mirrored track ended and its TrackEndEvent was lost (or is late): report it once and
   * advance the queue once. Called by reconciliation and by failover (a track at its end).
   */
  reportEnd(track: Track, reason: TrackEndReason): void {
    if (this.mirror.track === track) this.mirror.endTrack();
    this.ledger.reportEnd(track);
    const event: TrackEndEvent = {
      op: "event",
      type: "TrackEndEvent",
      guildId: this.host.guildId,
      track: track.toJSON(),
      reason,
    };
    this.host.ended(track, reason, event);
    this.commands.trackEnded(track, reason);
  }

  private reportStart(track: Track): void {
    this.ledger.adoptStart(track);
    const event: TrackStartEvent = {
      op: "event",
      type: "TrackStartEvent",
      guildId: this.host.guildId,
      track: track.toJSON(),
    };
    this.host.started(track, event);
  }
}
