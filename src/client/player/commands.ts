import type { Filters, LoadResult, TrackEndReason, UpdatePlayerRequest } from "../../protocol/index.js";
import { mayStartNext } from "../../protocol/index.js";
import type { AutoplayContext, AutoplayEngine, AutoplayRecommendation } from "../autoplay/index.js";
import { ClientStateError } from "../errors/client-state-error.js";
import { InvalidOptionError } from "../errors/invalid-option-error.js";
import { LavalinkRestError } from "../errors/lavalink-rest-error.js";
import { FilterManager } from "../filters/index.js";
import { wrapLoadResult } from "../load.js";
import { type QueueUndo, trackKey } from "../queue/index.js";
import { type Queue, type QueueControl, queueControl } from "../queue/queue.js";
import { sameTrack } from "../reconcile/ledger.js";
import type { Track } from "../track.js";
import type { PlayerMirror } from "./mirror.js";
import { checkPlayOptions, type Playable, type PlayOptions, toTrack } from "./play-options.js";

/** What the playback commands need around them. */
export interface CommandHost {
  readonly guildId: string;
  /** Sends a player PATCH (after any move in progress) and mirrors the answer. */
  update(request: UpdatePlayerRequest, options?: { noReplace?: boolean | undefined }): Promise<void>;
  /** Loads tracks on the player's node (autoplay searches). */
  loadTracks(identifier: string): Promise<LoadResult>;
  /** Whether the node runs LavaSrc, and its source managers (false / [] when `/v4/info` fails). */
  lavaSrc(): Promise<{ lavaSrc: boolean; sourceManagers: readonly string[] }>;
  /** A track autoplay chose was accepted by the node. */
  autoplayed(track: Track, recommendation: AutoplayRecommendation<Track>): void;
  /** A background action (auto-advance, autoplay) failed with no caller to reject. */
  onError(error: unknown): void;
  /** A new playback is about to be sent (the ledger forgets what it reported of the previous one). */
  begin(track: Track): void;
  /** An auto-advance failed without a clear refusal: ask the node what it plays now. */
  unsure(): void;
  /** A track ended by itself and nothing follows it (see the `queueEnd` event). */
  queueEnded(ended: Track): void;
  /** The node refused `action` and the queue change was taken back (for the `debug` event). */
  rolledBack(action: string, error: unknown): void;
}

/**
 * The playback commands of a player, on its queue, filters and autoplay: each changes the queue at
 * once, sends its request in call order (requests are chained), and takes the queue change back
 * when the node refuses the request. So racing `add`/`skip`/`play` calls end in the state their
 * call order describes.
 */
export class PlaybackCommands {
  private chain: Promise<unknown> = Promise.resolve();
  private readonly steps: QueueControl<Track>;
  /** An auto-advance whose request failed without a clear answer (the node may have applied it). */
  private owed: { ended: Track; reason: TrackEndReason } | null = null;

  constructor(
    private readonly mirror: PlayerMirror,
    private readonly queue: Queue<Track>,
    private readonly filters: FilterManager,
    private readonly autoplay: AutoplayEngine,
    private readonly host: CommandHost,
  ) {
    this.steps = queueControl(queue);
  }

  /**
   * Plays a track (a Track, a Lavalink track object or an encoded string) or, without one, the
   * next queued track. Resolves to the track now current (null when there was nothing to play).
   * Rejects with `InvalidTrackError` for `null` or anything that is not a track, and with
   * `InvalidOptionError` for bad options, changing nothing. When the node refuses the request,
   * `currentTrack`, `queue.current`, the upcoming tracks and the history are put back as they were
   * (unless another command changed the queue meanwhile: that one's state stands).
   */
  async play(track?: Playable, options: PlayOptions = {}): Promise<Track | null> {
    checkPlayOptions(options);
    if (track === undefined) {
      if (this.mirror.track !== null) {
        if (this.mirror.paused) await this.resume();
        return this.mirror.track;
      }
      const { current: next, undo } = this.steps.next({ skip: true });
      return next === null ? null : this.sendOrUndo(next, options, undo, "play");
    }
    const item = toTrack(track, "player.play");
    if (options.noReplace && this.mirror.track !== null) return this.mirror.track;
    return this.sendOrUndo(item, options, this.steps.setCurrent(item), "play");
  }

  /** Pauses playback. */
  async pause(): Promise<void> {
    await this.serial(() => this.host.update({ paused: true }));
  }

  /** Resumes playback. */
  async resume(): Promise<void> {
    await this.serial(() => this.host.update({ paused: false }));
  }

  /** Seeks to `position` ms in the current track. */
  async seek(position: number): Promise<void> {
    if (typeof position !== "number" || !Number.isFinite(position) || position < 0) {
      throw new InvalidOptionError("position", position, "a number of milliseconds ≥ 0");
    }
    if (this.mirror.track === null) {
      throw new ClientStateError(
        `cannot seek in guild ${this.host.guildId}: no track is loaded; play one first`,
      );
    }
    await this.serial(() => this.host.update({ position: Math.floor(position) }));
  }

  /** Sets the player volume, 0 … 1000 (100 = unchanged). */
  async setVolume(volume: number): Promise<void> {
    if (typeof volume !== "number" || !Number.isInteger(volume) || volume < 0 || volume > 1000) {
      throw new InvalidOptionError("volume", volume, "an integer from 0 to 1000");
    }
    await this.serial(() => this.host.update({ volume }));
  }

  /** Stops the current track (it goes to the history); the queue stays. */
  async stop(): Promise<void> {
    this.queue.setCurrent(null);
    await this.serial(() => this.host.update({ track: { encoded: null } }));
  }

  /**
   * Moves on: plays the next queued track (even in track-loop mode), or asks autoplay when the
   * queue is empty and autoplay is on, or stops when there is nothing to play (no error).
   * Resolves to the new current track or null.
   */
  async skip(): Promise<Track | null> {
    const ended = this.queue.current ?? this.mirror.track;
    const { current: next, undo } = this.steps.next({ skip: true });
    if (next !== null) return this.sendOrUndo(next, {}, undo, "skip");
    // The queue ran dry: the current track already went to the history. A failed search, a refused
    // autoplay track or a refused stop must put it back (docs: a refused skip changes nothing).
    let pick: AutoplayRecommendation<Track> | null;
    try {
      pick = await this.recommend(ended);
    } catch (error) {
      this.steps.undo(undo);
      this.host.rolledBack("skip", error);
      throw error;
    }
    if (pick !== null) {
      // Back to the state before the skip (unless another command changed the queue meanwhile),
      // so that a refusal of the pick restores the track that was current, not an empty slot.
      this.steps.undo(undo);
      const track = await this.sendOrUndo(pick.track, {}, this.steps.setCurrent(pick.track), "skip");
      this.host.autoplayed(track, pick);
      return track;
    }
    if (this.mirror.track !== null) {
      try {
        await this.serial(() => this.host.update({ track: { encoded: null } }));
      } catch (error) {
        this.steps.undo(undo);
        this.host.rolledBack("skip", error);
        throw error;
      }
    }
    return null;
  }

  /** Plays the most recent history track again (the current one goes back to the queue's front). */
  async previous(): Promise<Track | null> {
    const { current: prev, undo } = this.steps.previous();
    return prev === null ? null : this.sendOrUndo(prev, {}, undo, "previous");
  }

  /**
   * Sends the filters to the node: `filters` (replacing the manager's state) or, without an
   * argument, what the {@link FilterManager} holds. Invalid `filters` reject with
   * `FilterValidationError` before anything changes; when the node refuses them, the manager gets
   * its previous filters back (unless they were edited again meanwhile).
   */
  async setFilters(filters?: Filters): Promise<void> {
    let undo: (() => void) | null = null;
    if (filters !== undefined) {
      new FilterManager().merge(filters); // validates without touching this player's filters
      const previous = this.filters.toPayload();
      const wasDirty = this.filters.dirty;
      this.filters.reset().merge(filters);
      const sent = JSON.stringify(this.filters.toPayload());
      undo = () => {
        if (JSON.stringify(this.filters.toPayload()) === sent) this.filters.restore(previous, wasDirty);
      };
    }
    const payload = this.filters.toPayload();
    try {
      await this.serial(() => this.host.update({ filters: payload }));
    } catch (error) {
      if (undo !== null) {
        undo();
        this.host.rolledBack("setFilters", error);
      }
      throw error;
    }
    // Edits made while the request was on its way were not sent: they keep the manager dirty.
    if (JSON.stringify(this.filters.toPayload()) === JSON.stringify(payload)) this.filters.markClean();
  }

  /**
   * A track ended on the node. When the reason lets the next start (`finished`, `loadFailed`), the
   * queue advances (honouring the loop mode; a failed load is skipped even in track loop), and
   * autoplay fills in when the queue is empty.
   */
  trackEnded(ended: Track, reason: TrackEndReason): void {
    if (!mayStartNext(reason)) return;
    // A stale end (another track is already current) must not advance the queue.
    const current = this.queue.current;
    if (current !== null && current !== ended && trackKey(current) !== trackKey(ended)) return;
    const { current: next, undo } = this.steps.next({ skip: reason === "loadFailed" });
    const start = async (): Promise<void> => {
      if (next !== null) {
        // Refused: put the queue back, or the next play() would pass over this track unplayed.
        await this.sendOrUndo(next, {}, undo, "advance");
        return;
      }
      let pick: AutoplayRecommendation<Track> | null;
      try {
        pick = await this.recommend(ended);
      } catch (error) {
        // Autoplay failed (reported as `error` below): nothing follows either.
        this.host.queueEnded(ended);
        throw error;
      }
      if (pick === null) {
        this.host.queueEnded(ended);
        return;
      }
      this.queue.setCurrent(pick.track);
      this.host.autoplayed(await this.serial(() => this.send(pick.track, {})), pick);
    };
    start().catch((error: unknown) => {
      // Not refused outright (the node never answered, or its session was away): the node may or
      // may not play the next track. Reconciliation asks it and then finishes this advance once.
      const current = this.queue.current;
      if (leavesNodeUnknown(error) && current !== null && sameTrack(current, ended)) {
        this.owed = { ended, reason };
        this.host.unsure();
      }
      this.host.onError(error);
    });
  }

  /** The first upcoming track (the one an advance plays), or null. */
  get nextQueued(): Track | null {
    return this.queue.at(0) ?? null;
  }

  /** True while an auto-advance failed without an answer (see {@link trackEnded}). */
  get owesAdvance(): boolean {
    return this.owed !== null;
  }

  /** Runs the owed auto-advance again: the node did not get it. */
  retryAdvance(): void {
    const owed = this.owed;
    this.owed = null;
    if (owed !== null) this.trackEnded(owed.ended, owed.reason);
  }

  /**
   * The owed auto-advance did reach the node (only its answer was lost): steps the queue to the
   * track the node plays, without sending it again. Returns that track, or null when the queue no
   * longer leads to it.
   */
  adoptAdvance(playing: { info: Track["info"] }): Track | null {
    const owed = this.owed;
    this.owed = null;
    const before = this.queue.current;
    if (owed === null || before === null || !sameTrack(before, owed.ended)) return null;
    const { current, undo } = this.steps.next({ skip: owed.reason === "loadFailed" });
    if (current === null || !sameTrack(current, playing)) {
      this.steps.undo(undo);
      return null;
    }
    this.host.begin(current);
    this.autoplay.notePlayed(current);
    return current;
  }

  private async recommend(seed: Track | null): Promise<AutoplayRecommendation<Track> | null> {
    if (!this.autoplay.enabled) return null;
    const context: AutoplayContext<Track> = {
      current: seed,
      history: this.queue.history,
      search: async (query, source) =>
        wrapLoadResult(await this.host.loadTracks(`${source}:${query}`)).tracks,
      ...(await this.host.lavaSrc()),
    };
    return (await this.autoplay.recommend(context)) ?? null;
  }

  /** Sends a track the queue already made current; on failure takes the queue change back. */
  private async sendOrUndo(
    track: Track,
    options: PlayOptions,
    undo: QueueUndo<Track>,
    action: string,
  ): Promise<Track> {
    try {
      return await this.serial(() => this.send(track, options));
    } catch (error) {
      this.steps.undo(undo);
      this.host.rolledBack(action, error);
      throw error;
    }
  }

  private async send(track: Track, options: PlayOptions): Promise<Track> {
    const request: UpdatePlayerRequest = {
      track: { encoded: track.encoded, userData: options.userData ?? track.userData },
    };
    if (options.startTime !== undefined) request.position = options.startTime;
    if (options.endTime !== undefined) request.endTime = options.endTime;
    if (options.volume !== undefined) request.volume = options.volume;
    if (options.paused !== undefined) request.paused = options.paused;
    // Whatever this sends decides what the node plays: an owed advance is no longer owed.
    this.owed = null;
    this.host.begin(track);
    // Mirror the track first so the node's answer adopts this very object (identity for callers).
    const previous = this.mirror.track;
    this.mirror.track = track;
    try {
      await this.host.update(request, { noReplace: options.noReplace });
    } catch (error) {
      if (this.mirror.track === track) this.mirror.track = previous;
      throw error;
    }
    // Only now: a refused request must leave the track as the caller passed it.
    if (options.userData !== undefined) track.userData = options.userData;
    this.autoplay.notePlayed(track);
    return track;
  }

  /** Runs node requests one after another in call order. */
  private serial<R>(task: () => Promise<R>): Promise<R> {
    const run = this.chain.then(task, task);
    this.chain = run.catch(() => undefined);
    return run;
  }
}

/**
 * True when a failed request leaves open whether the node applied it: no answer (timeout, reset,
 * node away) or a 404/5xx. A 4xx other than 404 is a refusal, and a destroyed player is final.
 */
function leavesNodeUnknown(error: unknown): boolean {
  if (error instanceof ClientStateError) return false;
  if (error instanceof LavalinkRestError) return error.status === 404 || error.status >= 500;
  return true;
}
