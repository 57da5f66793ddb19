import type { NodeState } from "../node/state.js";

/**
 * Upper bounds (inclusive, in ms of the client's clock) of the REST latency histogram buckets. Fixed
 * so that snapshots of different clients and runs can be added up; one more bucket counts the rest.
 */
export const REST_LATENCY_BUCKETS_MS: readonly number[] = Object.freeze([
  5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000,
]);

/** How a REST attempt ended: the HTTP status class, or no answer at all. */
export type RestOutcome = "2xx" | "3xx" | "4xx" | "5xx" | "timeout" | "error";

/** Frames received from a node, by Lavalink `op` and by event `type`. */
export interface FrameMetrics {
  /** Every text frame, valid or not. */
  total: number;
  /** Sum of the frames' lengths in UTF-16 code units (equal to bytes for ASCII JSON). */
  characters: number;
  /** Valid frames by `op`, plus `invalid` (not JSON, or not a Lavalink message). */
  byOp: { playerUpdate: number; stats: number; ready: number; event: number; invalid: number };
  /** `op: "event"` frames by `type` (`TrackStartEvent`, …; a type Sonora does not know keeps its name). */
  byEvent: Record<string, number>;
}

/** A latency histogram with the fixed buckets {@link REST_LATENCY_BUCKETS_MS}. */
export interface LatencyHistogram {
  /** Upper bounds of the buckets, in ms (a copy of {@link REST_LATENCY_BUCKETS_MS}). */
  bucketsMs: number[];
  /**
   * Observations per bucket, NOT cumulative: `counts[i]` are those in (`bucketsMs[i-1]`,
   * `bucketsMs[i]`]; the last entry (one more than `bucketsMs`) counts those above the last bound.
   */
  counts: number[];
  /** Number of observations. */
  count: number;
  /** Sum of the observations, in ms. */
  sumMs: number;
}

/** REST attempts of one method on one route template. */
export interface RestRouteMetrics {
  /** HTTP method. */
  method: string;
  /** Route template: ids replaced (`/v4/sessions/{sessionId}/players/{guildId}`), query dropped. */
  route: string;
  /** HTTP exchanges sent (a retried request counts once per attempt). */
  count: number;
  /** Attempts by outcome. */
  outcomes: Record<RestOutcome, number>;
  /** Time from sending to the end of the answer (or the failure), on the client's clock. */
  latency: LatencyHistogram;
}

/** Counters and gauges of one node, or of all nodes together. */
export interface MetricsCounters {
  /** Frames received. */
  frames: FrameMetrics;
  /** REST attempts by route and method, sorted by route then method. */
  rest: RestRouteMetrics[];
  /** Reconnect attempts scheduled after a lost socket (`nodeReconnecting`). */
  reconnects: number;
  /** Sockets lost (`nodeDisconnect`). */
  disconnects: number;
  /** `ready` with `resumed: true`: the node kept the session. */
  resumes: number;
  /** `ready` with a new session (the first one included). */
  sessions: number;
  /** Times the node was declared lost (`nodeLost`). */
  lost: number;
  /** Times a lost node came back (`nodeRecovered`). */
  recovered: number;
  /** Players moved away from this node after it was lost (counted on the lost node). */
  failovers: number;
  /** Queue changes taken back because the node refused (or never answered) the command. */
  rollbacks: number;
  /** Gauge: players hosted now. */
  players: number;
  /** Gauge: hosted players with a track that is not paused. */
  playing: number;
  /** Gauge: tracks waiting in the queues of the hosted players (the current tracks not counted). */
  queuedTracks: number;
}

/** {@link MetricsCounters} of one node, with its name and state. */
export interface NodeMetrics extends MetricsCounters {
  /** The node's name. */
  name: string;
  /** The node's connection state when the snapshot was taken. */
  state: NodeState;
}

/** What {@link SonoraClient.metrics} returns: plain JSON-serialisable data, a copy. */
export interface ClientMetrics {
  /** When the snapshot was taken, on the client's clock (ms). */
  takenAt: number;
  /** Per node, by name. */
  nodes: Record<string, NodeMetrics>;
  /** Every node added up. */
  total: MetricsCounters;
}

/** Mutable histogram state, allocated once per route. @internal */
interface RouteCounters {
  readonly method: string;
  readonly route: string;
  count: number;
  readonly outcomes: Record<RestOutcome, number>;
  readonly counts: number[];
  sumMs: number;
}

const EVENT_TYPES = [
  "TrackStartEvent",
  "TrackEndEvent",
  "TrackExceptionEvent",
  "TrackStuckEvent",
  "WebSocketClosedEvent",
] as const;

/**
 * The live counters of one node: plain fields incremented in place (no allocation, no clock read on
 * the frame path). Snapshots copy them. Not exported by an entry point (kept in the declarations,
 * which name it).
 */
export class NodeCounters {
  playerUpdates = 0;
  stats = 0;
  ready = 0;
  events = 0;
  invalid = 0;
  characters = 0;
  readonly eventTypes: Record<string, number> = Object.fromEntries(EVENT_TYPES.map((t) => [t, 0]));
  reconnects = 0;
  disconnects = 0;
  resumes = 0;
  sessions = 0;
  lost = 0;
  recovered = 0;
  failovers = 0;
  rollbacks = 0;
  private readonly routes = new Map<string, RouteCounters>();

  /** Counts an `op: "event"` frame of `type`. */
  event(type: string): void {
    this.events++;
    this.eventTypes[type] = (this.eventTypes[type] ?? 0) + 1;
  }

  /** Records one REST attempt. */
  rest(method: string, path: string, outcome: RestOutcome, elapsedMs: number): void {
    const route = routeTemplate(path);
    const key = `${method} ${route}`;
    let counters = this.routes.get(key);
    if (counters === undefined) {
      counters = {
        method,
        route,
        count: 0,
        outcomes: { "2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0, timeout: 0, error: 0 },
        counts: new Array<number>(REST_LATENCY_BUCKETS_MS.length + 1).fill(0),
        sumMs: 0,
      };
      this.routes.set(key, counters);
    }
    counters.count++;
    counters.outcomes[outcome]++;
    counters.counts[bucketOf(elapsedMs)]!++;
    counters.sumMs += elapsedMs;
  }

  /** A copy of the counters (gauges are filled in by the caller). */
  snapshot(): MetricsCounters {
    const rest: RestRouteMetrics[] = [];
    for (const r of this.routes.values()) {
      rest.push({
        method: r.method,
        route: r.route,
        count: r.count,
        outcomes: { ...r.outcomes },
        latency: {
          bucketsMs: [...REST_LATENCY_BUCKETS_MS],
          counts: [...r.counts],
          count: r.count,
          sumMs: r.sumMs,
        },
      });
    }
    return {
      frames: {
        total: this.playerUpdates + this.stats + this.ready + this.events + this.invalid,
        characters: this.characters,
        byOp: {
          playerUpdate: this.playerUpdates,
          stats: this.stats,
          ready: this.ready,
          event: this.events,
          invalid: this.invalid,
        },
        byEvent: { ...this.eventTypes },
      },
      rest: sortRoutes(rest),
      reconnects: this.reconnects,
      disconnects: this.disconnects,
      resumes: this.resumes,
      sessions: this.sessions,
      lost: this.lost,
      recovered: this.recovered,
      failovers: this.failovers,
      rollbacks: this.rollbacks,
      players: 0,
      playing: 0,
      queuedTracks: 0,
    };
  }
}

/** Adds `parts` up into one {@link MetricsCounters}. */
export function sumCounters(parts: readonly MetricsCounters[]): MetricsCounters {
  const total = new NodeCounters().snapshot();
  const routes = new Map<string, RestRouteMetrics>();
  for (const part of parts) {
    const f = total.frames;
    f.total += part.frames.total;
    f.characters += part.frames.characters;
    for (const op of Object.keys(f.byOp) as (keyof FrameMetrics["byOp"])[])
      f.byOp[op] += part.frames.byOp[op];
    for (const [type, n] of Object.entries(part.frames.byEvent)) f.byEvent[type] = (f.byEvent[type] ?? 0) + n;
    for (const r of part.rest) {
      const key = `${r.method} ${r.route}`;
      const into = routes.get(key);
      if (into === undefined) {
        routes.set(key, {
          ...r,
          outcomes: { ...r.outcomes },
          latency: { ...r.latency, bucketsMs: [...r.latency.bucketsMs], counts: [...r.latency.counts] },
        });
        continue;
      }
      into.count += r.count;
      for (const o of Object.keys(into.outcomes) as RestOutcome[]) into.outcomes[o] += r.outcomes[o];
      r.latency.counts.forEach((n, i) => {
        into.latency.counts[i]! += n;
      });
      into.latency.count += r.latency.count;
      into.latency.sumMs += r.latency.sumMs;
    }
    for (const key of SCALARS) total[key] += part[key];
  }
  total.rest = sortRoutes([...routes.values()]);
  return total;
}

const SCALARS = [
  "reconnects",
  "disconnects",
  "resumes",
  "sessions",
  "lost",
  "recovered",
  "failovers",
  "rollbacks",
  "players",
  "playing",
  "queuedTracks",
] as const satisfies readonly (keyof MetricsCounters)[];

function sortRoutes(routes: RestRouteMetrics[]): RestRouteMetrics[] {
  return routes.sort((a, b) =>
    a.route === b.route ? a.method.localeCompare(b.method) : a.route.localeCompare(b.route),
  );
}

function bucketOf(ms: number): number {
  for (let i = 0; i < REST_LATENCY_BUCKETS_MS.length; i++) if (ms <= REST_LATENCY_BUCKETS_MS[i]!) return i;
  return REST_LATENCY_BUCKETS_MS.length;
}

/** The outcome class of an HTTP status. */
export function statusClass(status: number): RestOutcome {
  if (status < 300) return "2xx";
  if (status < 400) return "3xx";
  if (status < 500) return "4xx";
  return "5xx";
}

/**
 * A REST path as a route template, so that metrics have one series per route and not one per
 * session or guild: `/v4/sessions/abc/players/123?noReplace=true` → `/v4/sessions/{sessionId}/players/{guildId}`.
 */
export function routeTemplate(path: string): string {
  const query = path.indexOf("?");
  const bare = query === -1 ? path : path.slice(0, query);
  return bare
    .replace(/\/sessions\/[^/]+/, "/sessions/{sessionId}")
    .replace(/\/players\/[^/]+/, "/players/{guildId}");
}
