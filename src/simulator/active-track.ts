import type { JsonObject, TrackInfo } from "../protocol/index.js";
import { decodeTrack, type PlaybackScript } from "./deps.js";
import type { ScheduledTask } from "./scheduler.js";

/** A track as the simulator plays it: decoded metadata plus the bytes needed to re-encode it. */
export interface PlayableTrack {
  encoded: string;
  info: TrackInfo;
  sourceData?: Uint8Array;
  pluginInfo: JsonObject;
  userData: JsonObject;
}

/** What a track's next scheduled task is for. */
export type Milestone = "end" | "endTime" | "exception" | "stuck" | "marker";

/** A lavaplayer `TrackMarker`: a handler called once when playback reaches `at` (ms). */
export interface TrackMarker {
  readonly at: number;
  fire(state: MarkerState): void;
}

/**
 * How a lavaplayer track marker fired: the position reached it, it was already passed when added,
 * or a seek jumped over it.
 */
export type MarkerState = "REACHED" | "LATE" | "BYPASSED";

/** Markers of a track that has none: shared, and replaced (never mutated) by the first marker added. */
export const NO_MARKERS: readonly TrackMarker[] = Object.freeze([]);

/**
 * The track a player has loaded, with its timeline. A node holds one per playing player, so it is
 * kept small: one class (one hidden class for all, fields in the object) holding the encoded
 * string and the few numbers the timeline reads on every playerUpdate; the decoded `info` (four
 * strings and an object, most of a player's memory otherwise) is decoded again from `encoded` on
 * the rare reads — events and REST answers — since the simulator only plays tracks it decoded
 * from `encoded` itself.
 */
export class ActiveTrack implements PlayableTrack {
  readonly encoded: string;
  readonly sourceData?: Uint8Array;
  pluginInfo: JsonObject;
  userData: JsonObject;
  readonly script: PlaybackScript;
  /** `info.position` of the loaded track (where the encoded message says it starts). */
  readonly startPosition: number;
  /** `info.length`, and whether the track is a stream or can seek. */
  readonly length: number;
  readonly isStream: boolean;
  readonly isSeekable: boolean;
  /** Position (ms) at `anchorAt`; the position now is derived lazily from these two and the rate. */
  anchorPos: number;
  anchorAt: number;
  endTime: number | null;
  /** The track started executing (frames were requested); load failures happen at that moment. */
  executing = false;
  /** A `stuck` script froze the track; it stays frozen until replaced or stopped. */
  stalled = false;
  /** Script events already fired, so a seek back does not repeat them. */
  scriptDone = false;
  task: ScheduledTask | undefined = undefined;
  /** What `task` is due for, and at which track position. */
  milestone: Milestone = "end";
  milestoneAt = 0;
  /** Pending markers (plugins' segment, chapter and lyrics-line handlers), soonest first. */
  markers: TrackMarker[] = NO_MARKERS as TrackMarker[];

  constructor(
    track: PlayableTrack,
    script: PlaybackScript,
    anchorPos: number,
    now: number,
    endTime: number | null,
  ) {
    this.encoded = track.encoded;
    if (track.sourceData !== undefined) this.sourceData = track.sourceData;
    this.pluginInfo = track.pluginInfo;
    this.userData = track.userData;
    this.script = script;
    const info = track.info;
    this.startPosition = info.position;
    this.length = info.length;
    this.isStream = info.isStream;
    this.isSeekable = info.isSeekable;
    this.anchorPos = anchorPos;
    this.anchorAt = now;
    this.endTime = endTime;
  }

  /** The track's info as loaded (decoded again from `encoded`: a fresh object on each read). */
  get info(): TrackInfo {
    return decodeTrack(this.encoded).info;
  }

  /** Inserts a marker in order of position. */
  addMarker(marker: TrackMarker): void {
    if (this.markers === NO_MARKERS) this.markers = [];
    const index = this.markers.findIndex((m) => m.at > marker.at);
    if (index < 0) this.markers.push(marker);
    else this.markers.splice(index, 0, marker);
  }
}
