import type { GuildEndState } from "./end-state.js";
import type { TrackAccount } from "./track-account.js";

/** What the caller adds to a report: which run it was. */
export interface ChaosReportMeta {
  /** A name for the run, e.g. `"knobs ×1 + kill"`. */
  label?: string;
  /** The seed the run used (printed, so a failing run can be replayed). */
  seed?: number | string;
  /** Virtual milliseconds the run lasted. */
  virtualMs?: number;
  /** Wall-clock milliseconds the run took. */
  wallMs?: number;
  /** Free-form notes (client errors seen, a kill that was never reached, …). */
  notes?: string[];
}

/**
 * The accounting of one run. Track counts are per queued track; "node" means the simulators' own
 * timeline, "client" the client's events. The pass criteria (issue #13): `lost`, `doubled` and
 * `guildsStuck` are 0, `startedOnce` and `finished` equal `queued`, and no player is on a dead
 * node at the end.
 */
export interface ChaosReport extends ChaosReportMeta {
  /** Tracks queued over every guild. */
  queued: number;
  /** Tracks a node started from position 0 exactly once. */
  startedOnce: number;
  /** Tracks a node started from position 0 at least once. */
  startedFromZero: number;
  /** Tracks a node (re)started mid-track: a player moved to another node and resumed where it was. */
  resumedMidTrack: number;
  /** Tracks a node played to their end (a TrackEndEvent `finished`). */
  finished: number;
  /** Tracks no node ever started. */
  lost: number;
  /** Tracks started from zero more than once, or finished more than once. */
  doubled: number;
  /** Tracks a node started that never finished. */
  unfinished: number;
  /** Tracks a node started for which the client emitted no `trackStart`. */
  clientMissedStarts: number;
  /** Tracks a node finished for which the client emitted no `trackEnd` `finished`. */
  clientMissedEnds: number;
  /** Track starts (node or client) of tracks that were never queued. */
  unexpectedStarts: number;
  /** Guilds in the run. */
  guilds: number;
  /** Guilds with at least one queued track that never finished. */
  guildsUnfinished: number;
  /** Guilds with tracks left that no node plays at the end: playback stopped for good. */
  guildsStopped: number;
  /** Guilds whose client believes a track plays while its node plays nothing for it. */
  guildsStuck: number;
  /** Players the client has on a node that is dead or not connected at the end. */
  playersOnDeadNodes: number;
  /** A simulator log filled up and dropped entries: the node-side counts are incomplete. */
  logTruncated: boolean;
  /** Which pass criteria failed, in words (empty when the run passed). */
  failures: string[];
  /** True when every pass criterion holds. */
  passed: boolean;
  /** Every track's account, for drilling into a failure. */
  tracks: TrackAccount[];
  /** Every guild's end state. */
  guildStates: GuildEndState[];
}

const countIf = <T>(items: readonly T[], test: (item: T) => boolean): number =>
  items.reduce((n, item) => (test(item) ? n + 1 : n), 0);

/** Computes the accounting table of a run (internal: {@link ChaosAccounting.report} calls it). */
export function buildReport(
  tracks: TrackAccount[],
  guildStates: GuildEndState[],
  extra: { unexpectedStarts: number; logTruncated: boolean; meta: ChaosReportMeta },
): ChaosReport {
  const fromZero = (t: TrackAccount): number => countIf(t.nodeStarts, (s) => s.position === 0);
  const finishes = (t: TrackAccount): number => countIf(t.nodeEnds, (e) => e.reason === "finished");
  const queued = tracks.length;
  const startedOnce = countIf(tracks, (t) => fromZero(t) === 1);
  const finished = countIf(tracks, (t) => finishes(t) > 0);
  const lost = countIf(tracks, (t) => t.nodeStarts.length === 0);
  const doubled = countIf(tracks, (t) => fromZero(t) > 1 || finishes(t) > 1);
  const unfinishedGuilds = new Set(tracks.filter((t) => finishes(t) === 0).map((t) => t.guildId));
  const guildsStuck = countIf(guildStates, (g) => g.clientPlaying && !g.nodePlaying);
  const playersOnDeadNodes = countIf(guildStates, (g) => g.node !== null && !g.nodeLive);
  const failures: string[] = [];
  if (lost > 0) failures.push(`${lost} track(s) lost (never started)`);
  if (doubled > 0) failures.push(`${doubled} track(s) doubled`);
  if (startedOnce < queued)
    failures.push(`${queued - startedOnce} track(s) not started from zero exactly once`);
  if (finished < queued) failures.push(`${queued - finished} track(s) never finished`);
  if (guildsStuck > 0)
    failures.push(`${guildsStuck} guild(s) stuck: the client believes it plays, no node does`);
  if (playersOnDeadNodes > 0) failures.push(`${playersOnDeadNodes} player(s) on a dead node at the end`);
  if (extra.logTruncated) failures.push("a simulator log overflowed: node-side counts are incomplete");
  return {
    ...extra.meta,
    queued,
    startedOnce,
    startedFromZero: countIf(tracks, (t) => fromZero(t) > 0),
    resumedMidTrack: countIf(tracks, (t) => t.nodeStarts.some((s) => s.position > 0)),
    finished,
    lost,
    doubled,
    unfinished: countIf(tracks, (t) => t.nodeStarts.length > 0 && finishes(t) === 0),
    clientMissedStarts: countIf(tracks, (t) => t.nodeStarts.length > 0 && t.clientStarts === 0),
    clientMissedEnds: countIf(tracks, (t) => finishes(t) > 0 && !t.clientEnds.includes("finished")),
    unexpectedStarts: extra.unexpectedStarts,
    guilds: guildStates.length === 0 ? new Set(tracks.map((t) => t.guildId)).size : guildStates.length,
    guildsUnfinished: unfinishedGuilds.size,
    guildsStopped: countIf(guildStates, (g) => unfinishedGuilds.has(g.guildId) && !g.nodePlaying),
    guildsStuck,
    playersOnDeadNodes,
    logTruncated: extra.logTruncated,
    failures,
    passed: failures.length === 0,
    tracks,
    guildStates,
  };
}
