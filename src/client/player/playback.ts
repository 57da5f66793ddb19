import {
  type Filters,
  mayStartNext,
  type TrackEndReason,
  type UpdatePlayerRequest,
} from "../../protocol/index.js";
import { type AutoplayContext, AutoplayEngine } from "../autoplay/index.js";
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
  trackKey,
} from "../queue/index.js";
import { Track } from "../track.js";

/** Options of {@link PlaybackPlayer.play}. */
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

/** Anything {@link PlaybackPlayer.play} accepts as a track. */
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
   * Rejects with `InvalidTrackError` for `null` or anything that is not a track, changing nothing.
   */
  async play(track?: Playable, options: PlayOptions = {}): Promise<Track | null> {
    checkPlayOptions(options);
    if (track === undefined) {
      if (this.track !== null) {
        if (this.paused) await this.resume();
        return this.track;
      }
      const next = this.queue.next({ skip: true });
      return next === null ? null : this.serial(() => this.send(next, options));
    }
    const item = toTrack(track, "player.play");
    if (options.noReplace && this.track !== null) return this.track;
    this.queue.setCurrent(item);
    return this.serial(() => this.send(item, options));
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
    const next = this.queue.next({ skip: true });
    if (next !== null) return this.serial(() => this.send(next, {}));
    const recommended = await this.recommend(ended);
    if (recommended !== null) {
      this.queue.setCurrent(recommended);
      return this.serial(() => this.send(recommended, {}));
    }
    if (this.track !== null) await this.serial(() => this.update({ track: { encoded: null } }));
    return null;
  }

  /** Plays the most recent history track again (the current one goes back to the queue's front). */
  async previous(): Promise<Track | null> {
    const prev = this.queue.previous();
    return prev === null ? null : this.serial(() => this.send(prev, {}));
  }

  /**
   * Sends the filters to the node: `filters` (replacing the manager's state) or, without an
   * argument, what the {@link FilterManager} holds.
   */
  async setFilters(filters?: Filters): Promise<void> {
    if (filters !== undefined) {
      this.filters.reset();
      this.filters.merge(filters);
    }
    const payload = this.filters.toPayload();
    await this.serial(() => this.update({ filters: payload }));
    this.filters.markClean();
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
    const next = this.queue.next({ skip: reason === "loadFailed" });
    const start = async (): Promise<void> => {
      let track = next;
      if (track === null) {
        track = await this.recommend(ended);
        if (track === null) return;
        this.queue.setCurrent(track);
      }
      const chosen = track;
      await this.serial(() => this.send(chosen, {}));
    };
    start().catch((error: unknown) => this.playbackHost.onError(error));
  }

  private async recommend(seed: Track | null): Promise<Track | null> {
    if (!this.autoplay.enabled) return null;
    const context: AutoplayContext<Track> = {
      current: seed,
      history: this.queue.history,
      search: async (query, source) =>
        wrapLoadResult(await this.node.loadTracks(`${source}:${query}`)).tracks,
    };
    const result = await this.autoplay.recommend(context);
    return result?.track ?? null;
  }

  private async send(track: Track, options: PlayOptions): Promise<Track> {
    const request: UpdatePlayerRequest = {
      track: { encoded: track.encoded, userData: options.userData ?? track.userData },
    };
    if (options.startTime !== undefined) request.position = options.startTime;
    if (options.endTime !== undefined) request.endTime = options.endTime;
    if (options.volume !== undefined) request.volume = options.volume;
    if (options.paused !== undefined) request.paused = options.paused;
    if (options.userData !== undefined) track.userData = options.userData;
    // Mirror the track first so the node's answer adopts this very object (identity for callers).
    const previous = this.track;
    this.track = track;
    try {
      await this.update(request, { noReplace: options.noReplace });
    } catch (error) {
      if (this.track === track) this.track = previous;
      throw error;
    }
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
  const ms = (name: "startTime" | "endTime"): void => {
    const v = options[name];
    if (v !== undefined && (typeof v !== "number" || !Number.isFinite(v) || v < 0)) {
      throw new InvalidOptionError(name, v, "a number of milliseconds ≥ 0");
    }
  };
  ms("startTime");
  ms("endTime");
  const { volume } = options;
  if (volume !== undefined && (!Number.isInteger(volume) || volume < 0 || volume > 1000)) {
    throw new InvalidOptionError("volume", volume, "an integer from 0 to 1000");
  }
}
