import type { Clock } from "../../base/clock/index.js";
import {
  type LavalinkEvent,
  type LavalinkPlayer,
  type Track as LavalinkTrack,
  type PlayerState,
  STREAM_LENGTH,
  type UpdatePlayerRequest,
} from "../../protocol/index.js";
import type { FilterManager } from "../filters/index.js";
import { Track } from "../track.js";
import { PositionTracker } from "./position.js";

/** How far before its end a track is restored when the client cannot tell whether it finished. */
export const RESTORE_BEFORE_END_MS = 1_000;

/**
 * What the client knows of the node's player: track, paused, volume, voice connection and ping,
 * and the position estimated between reports. Only node answers, frames and the player's own
 * commands change it; it sends nothing and emits nothing.
 */
export class PlayerMirror {
  /** Current track, or null when idle. */
  track: Track | null = null;
  /** Whether playback is paused. */
  paused = false;
  /** Player volume, 0 … 1000 (percent). */
  volume = 100;
  /** Whether the node reported a live voice connection to Discord. */
  connected = false;
  /** Voice round trip reported by the node in ms, -1 when not connected. */
  ping = -1;
  private readonly tracker: PositionTracker;
  /**
   * The furthest the current playback was estimated to have got, kept across reports: a node that
   * lost the track reports position 0 for its idle player, which must not make a track that played
   * to its end look unfinished (see {@link reachedEnd}). Reset by every known jump.
   */
  private furthest = 0;
  /** Position when the node's socket dropped; used if the player has to move (failover). */
  private positionAtDrop: number | null = null;
  /** Client clock when the node last sent a frame for this player. */
  private lastHeardAt: number;
  /** The position is held for a restore the node has not confirmed (see {@link holdAt}). */
  private held = false;

  constructor(
    private readonly clock: Clock,
    /** The player's filters: an answer syncs them unless local edits are pending. */
    private readonly filters: FilterManager,
  ) {
    this.tracker = new PositionTracker(clock);
    this.lastHeardAt = clock.now();
  }

  /** True when a track is loaded and not paused. */
  get playing(): boolean {
    return this.track !== null && !this.paused;
  }

  /** Estimated position in ms, capped at the track's length. */
  get position(): number {
    return this.tracker.read(this.playing, this.limit);
  }

  /** The estimate's cap: the track's length (a stream's is Lavalink's stream length). */
  private get limit(): number {
    return this.track && !this.track.isStream ? this.track.length : STREAM_LENGTH;
  }

  /**
   * Where playback stands by now if the node went on playing: the last report plus all the time
   * elapsed since, scaled by the timescale speed × rate (see {@link PositionTracker.project}).
   */
  get projectedPosition(): number {
    return this.tracker.project(this.playing, this.limit);
  }

  /** Where playback stands for a move or a rebuild: the position at the drop if the socket dropped. */
  get resumePosition(): number {
    return this.positionAtDrop ?? this.projectedPosition;
  }

  /**
   * True when `position` is the end of the mirrored track: restoring it there would play its end
   * a second time, so it counts as finished instead. Never true for a stream.
   */
  reachedEnd(position: number): boolean {
    const track = this.track;
    return track !== null && !track.isStream && Math.max(position, this.furthest) >= track.length;
  }

  /** A known jump (seek, new track, move): the estimate starts again from `position`. */
  private jumpTo(position: number, time?: number): void {
    this.tracker.reset(position, time);
    this.furthest = position;
  }

  /** Keeps the furthest estimate before a report re-anchors it. */
  private noteFurthest(): void {
    if (this.track !== null) this.furthest = Math.max(this.furthest, this.projectedPosition);
  }

  /** The mirrored track ended without its event (reconciliation or failover found it so). */
  endTrack(): void {
    this.restored();
    this.track = null;
    this.jumpTo(0);
  }

  /**
   * Takes the state a store recorded (a restarted process): the track at `position` now, paused,
   * volume, and the speed of the filters already restored into the manager.
   */
  restoreStored(track: Track | null, position: number, paused: boolean, volume: number, speed: number): void {
    this.track = track;
    this.paused = paused;
    this.volume = volume;
    this.tracker.speed = speed;
    this.jumpTo(position);
  }

  /** Re-anchors the estimate on the node's player as `GET /v4/sessions/{id}/players` reported it. */
  syncReported(player: LavalinkPlayer): void {
    this.paused = player.paused;
    this.volume = player.volume;
    this.connected = player.state.connected;
    this.ping = player.state.ping;
    this.noteFurthest();
    this.tracker.sync(player.state.position, player.state.time);
  }

  /** Mirrors the node's track as current (reconciliation adopted it), at the node's position. */
  adoptReported(track: Track, player: LavalinkPlayer): void {
    this.track = track;
    this.jumpTo(player.state.position, player.state.time);
    this.syncReported(player);
  }

  /**
   * Records where playback stood when the node's socket dropped. The client notices a dead node
   * late (a close delayed behind held frames), so the estimate at the drop may pass the end of a
   * track the node never finished. The end counts as reached only when it was reached by the time
   * the node was last heard from; when only the estimate at the drop passes the end, the track is
   * restored {@link RESTORE_BEFORE_END_MS} before its end (or where it was last heard of), so it
   * still finishes, once, wherever the node died.
   */
  markDropped(): void {
    if (this.positionAtDrop !== null) return;
    const now = this.projectedPosition;
    const heard = this.tracker.project(this.playing, this.limit, this.lastHeardAt);
    const limit = this.limit;
    this.positionAtDrop =
      now < limit || heard >= limit ? now : Math.max(heard, limit - RESTORE_BEFORE_END_MS);
  }

  /** Playback stands at `position` until the node confirms a restore (see {@link resumePosition}). */
  holdAt(position: number): void {
    this.positionAtDrop = position;
    this.held = true;
  }

  /** The node took the restored player: playback goes on from there. */
  restored(): void {
    this.positionAtDrop = null;
    this.held = false;
  }

  /**
   * The session resumed: the drop did not stop playback. A hold stays (the resumed node never got
   * the player: a restore to it failed).
   */
  clearDropped(): void {
    if (!this.held) this.positionAtDrop = null;
  }

  /** Applies a `playerUpdate` report. */
  applyState(state: PlayerState): void {
    this.lastHeardAt = this.clock.now();
    this.connected = state.connected;
    this.ping = state.ping;
    this.noteFurthest();
    this.tracker.sync(state.position, state.time);
  }

  /**
   * Applies a Lavalink event and returns the track it is about (the current instance when it is the
   * same track), or null for an event without a track.
   */
  applyEvent(event: LavalinkEvent): Track | null {
    this.lastHeardAt = this.clock.now();
    switch (event.type) {
      case "TrackStartEvent": {
        const track = this.adoptTrack(event.track);
        if (this.track !== track) {
          this.track = track;
          this.jumpTo(0);
        }
        return track;
      }
      case "TrackEndEvent": {
        const track = this.adoptTrack(event.track);
        // On "replaced" the new track is already set; only clear when the ended track is current.
        if (event.reason !== "replaced" && this.track === track) {
          this.track = null;
          this.jumpTo(0);
        }
        return track;
      }
      case "TrackExceptionEvent":
      case "TrackStuckEvent":
        return this.adoptTrack(event.track);
      case "WebSocketClosedEvent":
        this.connected = false;
        return null;
    }
  }

  /** Applies the node's answer to `request` (a PATCH): the freshest report there is. */
  applyAnswer(player: LavalinkPlayer, request: UpdatePlayerRequest): void {
    this.lastHeardAt = this.clock.now();
    const previous = this.track;
    const next = player.track ? this.adoptTrack(player.track) : null;
    if (next !== null && player.track) next.userData = player.track.userData;
    this.track = next;
    this.paused = player.paused;
    this.volume = player.volume;
    // Local filter edits not yet sent survive answers to unrelated requests.
    // So do edits made while this very request was on its way (the manager then differs from
    // what was sent): they stay dirty for the next setFilters().
    if (
      !this.filters.dirty ||
      (request.filters !== undefined &&
        JSON.stringify(this.filters.toPayload()) === JSON.stringify(request.filters))
    ) {
      this.filters.sync(player.filters);
    }
    const timescale = player.filters.timescale;
    this.tracker.speed = (timescale?.speed ?? 1) * (timescale?.rate ?? 1);
    this.connected = player.state.connected;
    this.ping = player.state.ping;
    const jumped =
      request.position !== undefined ||
      request.track !== undefined ||
      request.encodedTrack !== undefined ||
      request.identifier !== undefined ||
      previous !== this.track;
    // The answer is the freshest report there is: always re-anchor on it.
    if (jumped) {
      this.jumpTo(player.state.position, player.state.time);
      // Accepted after the socket dropped: a later move resumes the new track, not the old position.
      if (this.positionAtDrop !== null) this.positionAtDrop = player.state.position;
    } else {
      this.noteFurthest();
      this.tracker.sync(player.state.position, player.state.time);
    }
  }

  /**
   * Reuses the current Track instance when an event is about it, so `track === player.track` holds
   * in listeners. Compared by source and identifier, not `encoded`: Lavalink re-encodes the track
   * with its current position, so the TrackEndEvent of a finished track carries another string.
   */
  private adoptTrack(raw: LavalinkTrack): Track {
    const t = this.track;
    if (t !== null && (t.encoded === raw.encoded || sameSource(t.info, raw.info))) return t;
    return Track.fromLavalink(raw);
  }
}

function sameSource(a: LavalinkTrack["info"], b: LavalinkTrack["info"]): boolean {
  return a.identifier === b.identifier && a.sourceName === b.sourceName;
}
