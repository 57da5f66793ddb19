import type { SonoraClient } from "../../client/index.js";
import type { TrackEndReason } from "../../protocol/index.js";
import type { SimulatorLog, SimulatorLogEntry } from "../../simulator/index.js";
import { TestingError } from "../errors.js";
import { type GuildEndState, inspectEndState, type LabelledSimulator } from "./end-state.js";
import { type NodeTrackEvent, readNodeTrackEvents } from "./node-track-events.js";
import { buildReport, type ChaosReport, type ChaosReportMeta } from "./report.js";
import type { TrackAccount } from "./track-account.js";

export type { TrackAccount } from "./track-account.js";

/** Anything identifying a queued track: a client Track, a Lavalink track, or its identifier. */
export type QueuedTrackLike = string | { readonly info: { readonly identifier: string } };

function identifierOf(track: QueuedTrackLike): string {
  return typeof track === "string" ? track : track.info.identifier;
}

/**
 * Accounts for every queued track from both sides: the client's `trackStart`/`trackEnd` events and
 * the nodes' own timeline read from each simulator's `sim.log`. Resilience is proved by these
 * counts — every track started from zero exactly once and finished, none lost, none doubled — not
 * by the absence of exceptions.
 *
 * ```ts
 * const accounting = new ChaosAccounting();
 * accounting.expect(guildId, tracks);         // what was queued, in order
 * accounting.watchClient(client);             // the client's view
 * // … run …
 * accounting.readSimulatorLog("a", simA.log); // the nodes' view, once at the end
 * accounting.recordEndState(client, [{ name: "a", simulator: simA }]);
 * console.log(formatAccountingTable([accounting.report({ label: "run" })]));
 * ```
 */
export class ChaosAccounting {
  private readonly tracks = new Map<string, TrackAccount>();
  private readonly queuedPerGuild = new Map<string, number>();
  private unexpectedCount = 0;
  private logTruncated = false;
  private endStates: GuildEndState[] = [];
  private readonly unwatch: (() => void)[] = [];

  /** Registers tracks queued on a guild, in queue order (call again to append more). */
  expect(guildId: string, tracks: readonly QueuedTrackLike[]): void {
    let index = this.queuedPerGuild.get(guildId) ?? 0;
    for (const track of tracks) {
      const identifier = identifierOf(track);
      const key = keyOf(guildId, identifier);
      if (this.tracks.has(key)) {
        // Two copies of a track in one guild could not be told apart on the wire.
        throw new TestingError(
          "TEST_INVALID_OPTION",
          `track ${identifier} is queued twice in guild ${guildId}; tracks of a run must be unique`,
        );
      }
      this.tracks.set(key, {
        guildId,
        identifier,
        queueIndex: index++,
        nodeStarts: [],
        nodeEnds: [],
        clientStarts: 0,
        clientEnds: [],
      });
    }
    this.queuedPerGuild.set(guildId, index);
  }

  /** Counts the client's `trackStart` and `trackEnd` events from now on. Returns an unsubscribe function. */
  watchClient(client: SonoraClient): () => void {
    const onStart = (player: { guildId: string }, track: QueuedTrackLike): void => {
      const account = this.tracks.get(keyOf(player.guildId, identifierOf(track)));
      if (account === undefined) this.unexpectedCount++;
      else account.clientStarts++;
    };
    const onEnd = (player: { guildId: string }, track: QueuedTrackLike, reason: TrackEndReason): void => {
      this.tracks.get(keyOf(player.guildId, identifierOf(track)))?.clientEnds.push(reason);
    };
    client.on("trackStart", onStart);
    client.on("trackEnd", onEnd);
    const stop = (): void => {
      client.off("trackStart", onStart);
      client.off("trackEnd", onEnd);
    };
    this.unwatch.push(stop);
    return stop;
  }

  /** Stops watching every client passed to {@link watchClient}. */
  stopWatching(): void {
    for (const stop of this.unwatch.splice(0)) stop();
  }

  /**
   * Reads one node's side: the track starts and ends it generated (see {@link readNodeTrackEvents}).
   * Call once per simulator, after the run. A log that filled up (its oldest entries dropped) is
   * flagged in the report, since its counts would be incomplete: give the simulators a large
   * `log.capacity`.
   */
  readSimulatorLog(node: string, log: SimulatorLog | readonly SimulatorLogEntry[]): void {
    let entries: readonly SimulatorLogEntry[];
    if (Array.isArray(log)) entries = log;
    else {
      const simLog = log as SimulatorLog;
      if (simLog.size >= simLog.capacity) this.logTruncated = true;
      entries = simLog.entries();
    }
    this.addNodeEvents(readNodeTrackEvents(node, entries));
  }

  /** Adds node-side events read elsewhere. */
  addNodeEvents(events: readonly NodeTrackEvent[]): void {
    for (const event of events) {
      const account = this.tracks.get(keyOf(event.guildId, event.identifier));
      if (account === undefined) {
        if (event.kind === "start") this.unexpectedCount++;
        continue;
      }
      if (event.kind === "start") {
        account.nodeStarts.push({ node: event.node, at: event.at, position: event.position });
      } else account.nodeEnds.push({ node: event.node, at: event.at, reason: event.reason });
    }
  }

  /**
   * Records where every guild stands at the end: which node the client has its player on, whether
   * that node is alive, whether the client believes it plays and whether that node really does.
   */
  recordEndState(client: SonoraClient, nodes: readonly LabelledSimulator[]): GuildEndState[] {
    this.endStates = inspectEndState(client, nodes, [...this.queuedPerGuild.keys()]);
    return this.endStates;
  }

  /** Every queued track's account, in guild then queue order. */
  accounts(): TrackAccount[] {
    return [...this.tracks.values()];
  }

  /** The accounting table's numbers (see {@link ChaosReport}). */
  report(meta: ChaosReportMeta = {}): ChaosReport {
    return buildReport(this.accounts(), this.endStates, {
      unexpectedStarts: this.unexpectedCount,
      logTruncated: this.logTruncated,
      meta,
    });
  }
}

function keyOf(guildId: string, identifier: string): string {
  return `${guildId}\u0000${identifier}`;
}
