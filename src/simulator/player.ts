import type { Clock } from "../base/clock/index.js";
import type { SeededRandom } from "../base/random.js";
import {
  type Filters,
  type JsonObject,
  type KnownPluginEvent,
  type LavalinkEvent,
  type LavalinkException,
  STREAM_LENGTH,
  type Track,
  type TrackEndReason,
  type VoiceState,
} from "../protocol/index.js";
import {
  ActiveTrack,
  type MarkerState,
  type Milestone,
  type PlayableTrack,
  type TrackMarker,
} from "./active-track.js";
import { AudioLossWindow } from "./audio-loss.js";
import { encodeTrack, type PlaybackScript } from "./deps.js";
import { filterChainFailure } from "./filters/dsp.js";
import type { ScheduledTask, Scheduler } from "./scheduler.js";

export type { MarkerState, PlayableTrack, TrackMarker } from "./active-track.js";

/** The filters of a player that has none set: shared by every such player, and only ever replaced. */
const NO_FILTERS: Filters = Object.freeze({});

/** What a player needs from the session that owns it. */
export interface PlayerHost {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly random: SeededRandom;
  /** When true a track only advances while the player has a voice connection (as on a real node). */
  readonly strictVoice: boolean;
  /** lavaplayer's `trackStuckThresholdMs` (Lavalink's `lavalink.server.trackStuckThresholdMs`). */
  readonly trackStuckThreshold: number;
  sendEvent(event: LavalinkEvent | KnownPluginEvent): void;
  sendPlayerUpdate(player: SimPlayer): void;
  /** A track started (after its TrackStartEvent): plugins listening to onTrackStart act here. */
  trackStarted?(player: SimPlayer): void;
}

/** Runs a player's pending milestone: shared by all players, the task's `arg` says whose. */
const reachMilestone = (player: SimPlayer): void => player.reachMilestone();

/** lavaplayer's default `playerCleanupThreshold`: a track not polled for a minute is ended. */
const PLAYER_CLEANUP_THRESHOLD_MS = 60_000;
/** How often lavaplayer's AudioPlayerLifecycleManager checks (aligned to the clock here). */
const LIFECYCLE_CHECK_MS = 10_000;

/** Lengths at or beyond this are treated as endless streams (Lavalink reports Long.MAX_VALUE). */
const ENDLESS = 2 ** 62;

/**
 * One guild's player on the simulated node. Position is never ticked: it is computed from the
 * anchor (position, clock time) and the playback rate whenever asked, and the only scheduled work
 * is the single next milestone (end, endTime, scripted exception or stall) in the shared scheduler.
 */
export class SimPlayer {
  volume = 100;
  paused = false;
  filters: Filters = NO_FILTERS;
  voice: VoiceState | null = null;
  connected = false;
  ping = -1;
  private current: ActiveTrack | null = null;
  /** Whether this player's frame counts may enter `frameStats` (Lavalink's AudioLossCounter). */
  readonly lossWindow = new AudioLossWindow();
  /** lavaplayer's lifecycle check that ends a track nobody polls (strict voice only). */
  private cleanupTask: ScheduledTask | undefined;

  constructor(
    readonly guildId: string,
    private readonly host: PlayerHost,
  ) {}

  /** True while a track is loaded (playing or paused). */
  get hasTrack(): boolean {
    return this.current !== null;
  }

  /** Lavalink's "playing": a track is loaded and the player is not paused. */
  get playing(): boolean {
    return this.current !== null && !this.paused;
  }

  /** Speed × rate of the timescale filter: how many track milliseconds pass per clock millisecond. */
  get rate(): number {
    const ts = this.filters.timescale;
    if (ts === null || ts === undefined) return 1;
    return (ts.speed ?? 1) * (ts.rate ?? 1);
  }

  /** Whether the position is moving right now. */
  get advancing(): boolean {
    const t = this.current;
    return (
      t?.executing === true &&
      !t.stalled &&
      !this.paused &&
      (!this.host.strictVoice || this.connected) &&
      this.rate > 0
    );
  }

  /** Current position in ms (0 without a track). */
  position(now = this.host.clock.now()): number {
    return Math.floor(this.exactPosition(now));
  }

  /**
   * The unrounded position. Re-anchoring must use it: flooring at every pause, filter or voice
   * change would lose up to 1 ms each time under a fractional timescale rate, and the losses add up.
   */
  private exactPosition(now: number): number {
    const t = this.current;
    if (t === null) return 0;
    if (!this.advancing) return t.anchorPos;
    const pos = t.anchorPos + (now - t.anchorAt) * this.rate;
    return Math.min(pos, this.limit(t));
  }

  /** The track object as Lavalink reports it now (its `info.position` is the live position). */
  track(now = this.host.clock.now()): Track | null {
    const t = this.current;
    return t === null ? null : this.view(t, this.position(now));
  }

  /** The raw track currently loaded, for inspection. */
  get loaded(): Readonly<PlayableTrack> | null {
    return this.current;
  }

  get endTime(): number | null {
    return this.current?.endTime ?? null;
  }

  // ---- commands (the update-player route calls these in Lavalink's order) ----

  /** Starts a track, replacing any current one (TrackEnd `replaced` first, then TrackStart). */
  play(track: PlayableTrack, script: PlaybackScript, startPosition?: number, endTime?: number | null): void {
    const now = this.host.clock.now();
    const previous = this.current;
    if (previous !== null) this.end(previous, "replaced", now);
    const next = new ActiveTrack(
      track,
      script,
      Math.max(0, startPosition ?? track.info.position),
      now,
      endTime ?? null,
    );
    this.current = next;
    this.lossWindow.started(now);
    this.host.sendEvent({
      op: "event",
      type: "TrackStartEvent",
      guildId: this.guildId,
      track: this.view(next, Math.floor(next.anchorPos)),
    });
    this.host.trackStarted?.(this);
    if (this.current !== next) return;
    this.host.sendPlayerUpdate(this);
    this.startExecuting(next);
    this.watchForCleanup(now);
  }

  /** Stops the current track (TrackEnd `stopped`). */
  stop(): void {
    const t = this.current;
    if (t !== null) this.end(t, "stopped", this.host.clock.now());
  }

  /**
   * Tears the player down. lavaplayer's `destroy()` is `stopTrack()`: a loaded track ends with
   * TrackEnd `stopped`, sent before the player is gone.
   */
  destroy(): void {
    const t = this.current;
    if (t !== null) this.end(t, "stopped", this.host.clock.now());
    this.host.scheduler.cancel(this.cleanupTask);
    this.cleanupTask = undefined;
  }

  seek(position: number): void {
    const t = this.current;
    if (t === null || !t.isSeekable) return;
    const now = this.host.clock.now();
    t.anchorPos = Math.min(Math.max(0, position), this.limit(t));
    t.anchorAt = now;
    // lavaplayer's checkSeekTimecode: every marker at or before the new position fires BYPASSED.
    this.fireMarkers(t, t.anchorPos, "BYPASSED");
    if (this.current === t) this.reschedule(t, this.host.clock.now());
  }

  /**
   * Adds a marker to the current track, as lavaplayer's `addMarker`: one already passed fires
   * LATE at once. Returns false without a track.
   */
  addMarker(marker: TrackMarker): boolean {
    const t = this.current;
    if (t === null) return false;
    const now = this.host.clock.now();
    if (this.exactPosition(now) >= marker.at) {
      marker.fire("LATE");
      return true;
    }
    t.addMarker(marker);
    t.anchorPos = this.exactPosition(now);
    t.anchorAt = now;
    this.reschedule(t, now);
    return true;
  }

  /** Fires (and removes) every marker at or before `position`. */
  private fireMarkers(t: ActiveTrack, position: number, state: MarkerState): void {
    while (this.current === t) {
      const first = t.markers[0];
      if (first === undefined || first.at > position) return;
      t.markers.shift();
      first.fire(state);
    }
  }

  setPaused(paused: boolean): void {
    // lavaplayer fires PlayerPauseEvent/PlayerResumeEvent only on a change.
    if (paused !== this.paused) {
      const now = this.host.clock.now();
      if (paused) this.lossWindow.ended(now);
      else this.lossWindow.started(now);
    }
    this.change(() => {
      this.paused = paused;
    });
  }

  setFilters(filters: Filters): void {
    this.change(() => {
      this.filters = filters;
    });
    const t = this.current;
    if (t?.executing) this.failIfFiltersBreak(t, "finished");
  }

  /**
   * Lavalink accepts filter values its DSP refuses (`timescale.speed: 0`, `volume: 6`): the chain
   * is built on lavaplayer's playback thread, whose exception ends the track — `finished` when
   * audio had played, `loadFailed` when the chain broke before the first frame.
   */
  private failIfFiltersBreak(t: ActiveTrack, reason: TrackEndReason): boolean {
    const failure = filterChainFailure(this.filters);
    if (failure === null) return false;
    const exception: LavalinkException = {
      message: "Something broke when playing the track.",
      severity: "fault",
      ...failure,
    };
    // The playback thread fails after the request that set the filters has been answered.
    queueMicrotask(() => {
      if (this.current === t) this.fail(t, exception, reason);
    });
    return true;
  }

  setEndTime(endTime: number | null): void {
    const t = this.current;
    if (t === null) return;
    t.endTime = endTime;
    this.reschedule(t, this.host.clock.now());
  }

  setUserData(userData: JsonObject): void {
    if (this.current !== null) this.current.userData = userData;
  }

  /** Connects (or reconnects) the simulated voice connection. */
  connectVoice(voice: VoiceState): void {
    this.change(() => {
      this.voice = voice;
      if (!this.connected) this.ping = this.host.random.int(18, 65);
      this.connected = true;
    });
    this.host.scheduler.cancel(this.cleanupTask);
    this.cleanupTask = undefined;
    const t = this.current;
    if (t !== null) this.startExecuting(t);
  }

  /** Drops the simulated voice connection (Discord closed it). */
  disconnectVoice(): void {
    this.change(() => {
      this.connected = false;
      this.ping = -1;
    });
    this.watchForCleanup(this.host.clock.now());
  }

  /**
   * With strict voice, a track is only polled for audio while the player has a voice connection.
   * lavaplayer's lifecycle manager checks every 10 s and ends a track not polled for a minute
   * (`playerCleanupThreshold`) with reason `cleanup` — what a real node does to a player whose
   * voice state it never got.
   */
  private watchForCleanup(lastPolledAt: number): void {
    this.host.scheduler.cancel(this.cleanupTask);
    this.cleanupTask = undefined;
    const t = this.current;
    if (t === null || !this.host.strictVoice || this.connected) return;
    const due =
      Math.ceil((lastPolledAt + PLAYER_CLEANUP_THRESHOLD_MS) / LIFECYCLE_CHECK_MS) * LIFECYCLE_CHECK_MS;
    this.cleanupTask = this.host.scheduler.at(due, () => {
      this.cleanupTask = undefined;
      if (this.current === t && !this.connected) this.end(t, "cleanup", this.host.clock.now());
    });
  }

  // ---- timeline ----

  private change(mutate: () => void): void {
    const t = this.current;
    if (t === null) {
      mutate();
      return;
    }
    const now = this.host.clock.now();
    t.anchorPos = this.exactPosition(now);
    t.anchorAt = now;
    mutate();
    this.reschedule(t, now);
  }

  private limit(t: ActiveTrack): number {
    return t.isStream || t.length >= ENDLESS ? STREAM_LENGTH : t.length;
  }

  /** Lavaplayer starts executing a track when frames are first polled: at once unless strict voice waits. */
  private startExecuting(t: ActiveTrack): void {
    if (t.executing || this.current !== t) return;
    if (this.host.strictVoice && !this.connected) return;
    t.executing = true;
    t.anchorAt = this.host.clock.now();
    if (this.failIfFiltersBreak(t, "loadFailed")) return;
    if (t.script.kind === "loadFailed") {
      const exception = t.script.exception;
      // Loading runs on lavaplayer's executor after the request returned; defer past the response.
      queueMicrotask(() => {
        if (this.current !== t) return;
        this.fail(t, exception, "loadFailed");
      });
      return;
    }
    this.reschedule(t, this.host.clock.now());
  }

  private reschedule(t: ActiveTrack, now: number): void {
    this.host.scheduler.cancel(t.task);
    t.task = undefined;
    if (this.current !== t || !this.advancing) return;
    const pos = t.anchorPos + (now - t.anchorAt) * this.rate;
    let best: { at: number; kind: Milestone } | undefined;
    const consider = (at: number, kind: Milestone, skipIfPassed: boolean): void => {
      if (skipIfPassed && at < pos) return;
      const target = Math.max(at, pos);
      if (best === undefined || target < best.at) best = { at: target, kind };
    };
    const limit = this.limit(t);
    if (limit !== STREAM_LENGTH) consider(limit, "end", false);
    if (t.endTime !== null) consider(t.endTime, "endTime", false);
    if (!t.scriptDone && (t.script.kind === "exception" || t.script.kind === "stuck")) {
      consider(t.script.atMs, t.script.kind, true);
    }
    const marker = t.markers[0];
    if (marker !== undefined) consider(marker.at, "marker", false);
    if (best === undefined) return;
    const due = now + Math.ceil((best.at - pos) / this.rate);
    t.milestone = best.kind;
    t.milestoneAt = best.at;
    t.task = this.host.scheduler.atWith(due, reachMilestone, this);
  }

  /**
   * @internal The current track's scheduled milestone is due. Its task is cancelled whenever the
   * track is replaced, ended or rescheduled, so the one that fires belongs to the current track.
   */
  reachMilestone(): void {
    const t = this.current;
    if (t !== null) this.reach(t, t.milestone, t.milestoneAt);
  }

  private reach(t: ActiveTrack, kind: Milestone, at: number): void {
    if (this.current !== t) return;
    const now = this.host.clock.now();
    t.anchorPos = at;
    t.anchorAt = now;
    switch (kind) {
      case "end":
      case "endTime":
        // Lavalink reports a reached end marker as `finished` (TrackEndMarkerHandler + endMarkerHit).
        this.end(t, "finished", now);
        return;
      case "exception":
        if (t.script.kind === "exception") {
          t.scriptDone = true;
          // Lavaplayer: an exception after loading ends the track with FINISHED, not LOAD_FAILED.
          this.fail(t, t.script.exception, "finished");
        }
        return;
      case "stuck":
        if (t.script.kind === "stuck") {
          t.scriptDone = true;
          this.stall(t, t.script.thresholdMs ?? this.host.trackStuckThreshold, now);
        }
        return;
      case "marker":
        this.fireMarkers(t, at, "REACHED");
        if (this.current === t) this.reschedule(t, this.host.clock.now());
        return;
    }
  }

  /** Freezes the track; TrackStuckEvent follows once `threshold` ms passed without audio. */
  private stall(t: ActiveTrack, threshold: number, now: number): void {
    t.stalled = true;
    t.task = this.host.scheduler.at(now + threshold, () => {
      if (this.current !== t) return;
      this.host.sendEvent({
        op: "event",
        type: "TrackStuckEvent",
        guildId: this.guildId,
        track: this.view(t, this.position()),
        thresholdMs: threshold,
      });
      this.host.sendPlayerUpdate(this);
    });
  }

  // ---- fault injection hooks (sim.faults) ----

  /** The current track fails now. Returns false without a track. */
  injectException(exception: LavalinkException): boolean {
    const t = this.current;
    if (t === null) return false;
    this.fail(t, exception, t.executing ? "finished" : "loadFailed");
    return true;
  }

  /** The current track stops producing audio now. Returns false without a track. */
  injectStuck(thresholdMs: number = this.host.trackStuckThreshold): boolean {
    const t = this.current;
    if (t === null) return false;
    const now = this.host.clock.now();
    t.anchorPos = this.exactPosition(now);
    t.anchorAt = now;
    this.host.scheduler.cancel(t.task);
    t.task = undefined;
    this.stall(t, thresholdMs, now);
    return true;
  }

  private fail(t: ActiveTrack, exception: LavalinkException, reason: TrackEndReason): void {
    this.host.sendEvent({
      op: "event",
      type: "TrackExceptionEvent",
      guildId: this.guildId,
      track: this.view(t, this.position()),
      exception,
    });
    this.end(t, reason, this.host.clock.now());
  }

  private end(t: ActiveTrack, reason: TrackEndReason, now: number): void {
    const position = this.position(now);
    this.host.scheduler.cancel(this.cleanupTask);
    this.cleanupTask = undefined;
    this.host.scheduler.cancel(t.task);
    t.task = undefined;
    this.current = null;
    this.lossWindow.ended(now);
    this.host.sendEvent({
      op: "event",
      type: "TrackEndEvent",
      guildId: this.guildId,
      track: this.view(t, position),
      reason,
    });
  }

  private view(t: ActiveTrack, position: number): Track {
    // Lavalink re-encodes the live AudioTrack, whose position is part of the message.
    const samePosition = position === t.startPosition;
    const info = samePosition ? t.info : { ...t.info, position };
    const encoded = samePosition
      ? t.encoded
      : encodeTrack(info, t.sourceData === undefined ? {} : { sourceData: t.sourceData });
    return { encoded, info, pluginInfo: t.pluginInfo, userData: t.userData };
  }
}
