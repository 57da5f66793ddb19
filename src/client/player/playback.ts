import {
  type Filters,
  mayStartNext,
  type TrackEndReason,
  type UpdatePlayerRequest,
} from "../../protocol/index.js";
import { type AutoplayContext, AutoplayEngine, type AutoplayRecommendation } from "../autoplay/index.js";
import { TypedEmitter } from "../emitter.js";
import { ClientStateError } from "../errors/client-state-error.js";
import { InvalidOptionError } from "../errors/invalid-option-error.js";
import type { PlayerEvents } from "../events.js";
import { FilterManager } from "../filters/index.js";
import { wrapLoadResult } from "../load.js";
import type { Node } from "../node/node.js";
import {
  InvalidTrackError,
  isQueueItem,
  Queue,
  type QueueItem,
  type QueueOptions,
  type QueueUndo,
  trackKey,
} from "../queue/index.js";
import { Track } from "../track.js";

/** Options of `player.play`. */
export interface PlayOptions {
  /** Position in ms to start at. */
  startTime?: number;
  /** Position in ms at which the track ends (with reason `finished`). */
  endTime?: number;
  /** Player volume 0 … 1000 to set with the track. */
  volume?: number;
  /** Start paused. */
  paused?: boolean;
  /** When a track is already playing, keep it and ignore this one. */
  noReplace?: boolean;
  /** Data attached to the track; Lavalink echoes it back in events. */
  userData?: Track["userData"];
}

/** Anything `player.play` accepts as a track. */
export type Playable = Track | QueueItem | string;

/** What the playback layer needs from its owner (the Player). */
export interface PlaybackHost {
  /** Reports a failure of a background action (auto-advance, autoplay) that has no caller to reject. */
  onError(error: unknown): void;
  /** Queue options (limits, seeded random). */
  queue?: QueueOptions;
}

/**
 * The playback half of a player: queue, filters, autoplay and the commands built on them. The
 * {@link Player} extends it and supplies the node connection (`update`, mirrored `track`/`paused`).
 *
 * Order guarantee: each command changes the queue synchronously when called and sends its request
 * in call order (requests are chained), so racing `add`/`skip`/`play` calls end in the state their
 * call order describes.
 */
export abstract class PlaybackPlayer extends TypedEmitter<PlayerEvents> {
  /** The tracks of this player. `queue.add` never starts playback; `skip()` or `play()` does. */
  readonly queue: Queue<Track>;
  /** This player's filters; change them, then send them with {@link PlaybackPlayer.setFilters}. */
  readonly filters = new FilterManager();
  /** Picks a track when the queue runs dry (off until `autoplay.configure({ enabled: true })`). */
  readonly autoplay: AutoplayEngine;
  abstract readonly guildId: string;
  abstract track: Track | null;
  abstract paused: boolean;
  abstract get node(): Node;
  abstract update(request: UpdatePlayerRequest, options?: { noReplace?: boolean }): Promise<void>;
  /** Announces a track autoplay chose and the node accepted (`autoplay` on player and client). */
  protected abstract emitAutoplay(track: Track, recommendation: AutoplayRecommendation<Track>): void;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    guildId: string,
    private readonly playbackHost: PlaybackHost,
  ) {
    super();
    this.queue = new Queue<Track>(playbackHost.queue);
    this.autoplay = new AutoplayEngine(guildId);
  }

  /** The track loaded on the node (playing or paused), or null. Set when `play()` resolves. */
  get currentTrack(): Track | null {
    return this.track;
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
      if (this.track !== null) {
        if (this.paused) await this.resume();
        return this.track;
      }
      const { current: next, undo } = this.queue.nextUndoable({ skip: true });
      return next === null ? null : this.sendOrUndo(next, options, undo);
    }
    const item = toTrack(track, "player.play");
    if (options.noReplace && this.track !== null) return this.track;
    return this.sendOrUndo(item, options, this.queue.setCurrentUndoable(item));
  }

  /** Pauses playback. */
  async pause(): Promise<void> {
    await this.serial(() => this.update({ paused: true }));
  }

  /** Resumes playback. */
  async resume(): Promise<void> {
    await this.serial(() => this.update({ paused: false }));
  }

  /** Seeks to `position` ms in the current track. */
  async seek(position: number): Promise<void> {
    if (typeof position !== "number" || !Number.isFinite(position) || position < 0) {
      throw new InvalidOptionError("position", position, "a number of milliseconds ≥ 0");
    }
    if (this.track === null) {
      throw new ClientStateError(`cannot seek in guild ${this.guildId}: no track is loaded; play one first`);
    }
    await this.serial(() => this.update({ position: Math.floor(position) }));
  }

  /** Sets the player volume, 0 … 1000 (100 = unchanged). */
  async setVolume(volume: number): Promise<void> {
    if (typeof volume !== "number" || !Number.isInteger(volume) || volume < 0 || volume > 1000) {
      throw new InvalidOptionError("volume", volume, "an integer from 0 to 1000");
    }
    await this.serial(() => this.update({ volume }));
  }

  /** Stops the current track (it goes to the history); the queue stays. */
  async stop(): Promise<void> {
    this.queue.setCurrent(null);
    await this.serial(() => this.update({ track: { encoded: null } }));
  }

  /**
   * Moves on: plays the next queued track (even in track-loop mode), or asks autoplay when the
   * queue is empty and autoplay is on, or stops when there is nothing to play (no error).
   * Resolves to the new current track or null.
   */
  async skip(): Promise<Track | null> {
    const ended = this.queue.current ?? this.track;
    const { current: next, undo } = this.queue.nextUndoable({ skip: true });
    if (next !== null) return this.sendOrUndo(next, {}, undo);
    // The queue ran dry: the current track already went to the history. A failed search, a refused
    // autoplay track or a refused stop must put it back (docs: a refused skip changes nothing).
    let pick: AutoplayRecommendation<Track> | null;
    try {
      pick = await this.recommend(ended);
    } catch (error) {
      this.queue.undo(undo);
      throw error;
    }
    if (pick !== null) {
      // Back to the state before the skip (unless another command changed the queue meanwhile),
      // so that a refusal of the pick restores the track that was current, not an empty slot.
      this.queue.undo(undo);
      const track = await this.sendOrUndo(pick.track, {}, this.queue.setCurrentUndoable(pick.track));
      this.emitAutoplay(track, pick);
      return track;
    }
    if (this.track !== null) {
      try {
        await this.serial(() => this.update({ track: { encoded: null } }));
      } catch (error) {
        this.queue.undo(undo);
        throw error;
      }
    }
    return null;
  }

  /** Plays the most recent history track again (the current one goes back to the queue's front). */
  async previous(): Promise<Track | null> {
    const { current: prev, undo } = this.queue.previousUndoable();
    return prev === null ? null : this.sendOrUndo(prev, {}, undo);
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
      await this.serial(() => this.update({ filters: payload }));
    } catch (error) {
      undo?.();
      throw error;
    }
    // Edits made while the request was on its way were not sent: they keep the manager dirty.
    if (JSON.stringify(this.filters.toPayload()) === JSON.stringify(payload)) this.filters.markClean();
  }

  /**
   * A track ended on the node. When the reason lets the next start (`finished`, `loadFailed`), the
   * queue advances (honouring the loop mode; a failed load is skipped even in track loop), and
   * autoplay fills in when the queue is empty. @internal
   */
  protected onTrackEnd(ended: Track, reason: TrackEndReason): void {
    if (!mayStartNext(reason)) return;
    // A stale end (another track is already current) must not advance the queue.
    const current = this.queue.current;
    if (current !== null && current !== ended && trackKey(current) !== trackKey(ended)) return;
    const { current: next, undo } = this.queue.nextUndoable({ skip: reason === "loadFailed" });
    const start = async (): Promise<void> => {
      if (next !== null) {
        // Refused: put the queue back, or the next play() would pass over this track unplayed.
        await this.sendOrUndo(next, {}, undo);
        return;
      }
      const pick = await this.recommend(ended);
      if (pick === null) return;
      this.queue.setCurrent(pick.track);
      this.emitAutoplay(await this.serial(() => this.send(pick.track, {})), pick);
    };
    start().catch((error: unknown) => this.playbackHost.onError(error));
  }

  private async recommend(seed: Track | null): Promise<AutoplayRecommendation<Track> | null> {
    if (!this.autoplay.enabled) return null;
    const context: AutoplayContext<Track> = {
      current: seed,
      history: this.queue.history,
      search: async (query, source) =>
        wrapLoadResult(await this.node.loadTracks(`${source}:${query}`)).tracks,
    };
    return (await this.autoplay.recommend(context)) ?? null;
  }

  /** Sends a track the queue already made current; on failure takes the queue change back. */
  private async sendOrUndo(track: Track, options: PlayOptions, undo: QueueUndo<Track>): Promise<Track> {
    try {
      return await this.serial(() => this.send(track, options));
    } catch (error) {
      this.queue.undo(undo);
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
    // Mirror the track first so the node's answer adopts this very object (identity for callers).
    const previous = this.track;
    this.track = track;
    try {
      await this.update(request, { noReplace: options.noReplace });
    } catch (error) {
      if (this.track === track) this.track = previous;
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

function toTrack(value: unknown, where: string): Track {
  if (value instanceof Track) return value;
  if (typeof value === "string") {
    try {
      return Track.from(value);
    } catch (error) {
      throw new InvalidTrackError(value, where, { cause: error });
    }
  }
  if (!isQueueItem(value)) throw new InvalidTrackError(value, where);
  const v = value as QueueItem & Partial<Pick<Track, "pluginInfo" | "userData">>;
  return new Track(v.encoded, v.info, v.pluginInfo ?? {}, v.userData ?? {});
}

function checkPlayOptions(options: PlayOptions): void {
  if (typeof options !== "object" || options === null) {
    throw new InvalidOptionError("options", options, "an object");
  }
  const { startTime, endTime, volume, paused, noReplace, userData } = options;
  for (const [name, v] of [
    ["startTime", startTime],
    ["endTime", endTime],
  ] as const) {
    // Lavalink reads positions as whole milliseconds (a Long): a fraction is a 400 there.
    if (v !== undefined && (!Number.isSafeInteger(v) || v < 0)) {
      throw new InvalidOptionError(name, v, "a whole number of milliseconds ≥ 0");
    }
  }
  if (endTime !== undefined && endTime <= (startTime ?? 0)) {
    throw new InvalidOptionError(
      "endTime",
      endTime,
      `a position after startTime (${startTime ?? 0} ms); the track would end before it starts`,
    );
  }
  if (volume !== undefined && (!Number.isInteger(volume) || volume < 0 || volume > 1000)) {
    throw new InvalidOptionError("volume", volume, "an integer from 0 to 1000");
  }
  if (paused !== undefined && typeof paused !== "boolean") {
    throw new InvalidOptionError("paused", paused, "true or false");
  }
  if (noReplace !== undefined && typeof noReplace !== "boolean") {
    throw new InvalidOptionError("noReplace", noReplace, "true or false");
  }
  if (userData !== undefined && !isJsonObject(userData)) {
    throw new InvalidOptionError(
      "userData",
      userData,
      "a plain JSON object (what Lavalink can store and echo)",
    );
  }
}

/**
 * True for a plain object whose values survive a JSON round trip unchanged: strings, finite
 * numbers, booleans, null, arrays and plain objects, without cycles. Lavalink stores userData as
 * JSON, so anything else (a Date, a Map, a function, NaN) would come back different or not at all.
 */
function isJsonObject(value: unknown): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const seen = new Set<object>();
  const ok = (v: unknown): boolean => {
    if (v === null || typeof v === "string" || typeof v === "boolean") return true;
    if (typeof v === "number") return Number.isFinite(v);
    if (typeof v !== "object" || seen.has(v)) return false;
    seen.add(v);
    let result: boolean;
    if (Array.isArray(v)) result = v.every(ok);
    else {
      const proto = Object.getPrototypeOf(v);
      result = (proto === Object.prototype || proto === null) && Object.values(v).every(ok);
    }
    seen.delete(v);
    return result;
  };
  return ok(value);
}
