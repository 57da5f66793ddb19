import { Counter, Gauge, Histogram, type LabelValues, type Registry } from "prom-client";
import type { ClientMetrics, MetricsCounters, NodeMetrics } from "../client/diagnostics/metrics.js";

/** Reads the client's snapshot; collectors of one scrape share one snapshot. */
export type SnapshotSource = () => ClientMetrics;

type NodeLabel = "node";
type RestLabel = "node" | "method" | "route";

/** The per-node counters exposed as `<prefix><name>_total`, with their help text. */
const NODE_COUNTERS: readonly [keyof MetricsCounters, string, string][] = [
  ["reconnects", "node_reconnects", "Reconnect attempts scheduled after a lost socket."],
  ["disconnects", "node_disconnects", "Node sockets lost."],
  ["resumes", "node_resumes", "Ready frames that resumed the previous session."],
  ["sessions", "node_sessions", "Ready frames that opened a new session."],
  ["lost", "node_lost", "Times a node was declared lost."],
  ["recovered", "node_recovered", "Times a lost node came back."],
  ["failovers", "player_failovers", "Players moved away from a lost node (counted on that node)."],
  ["rollbacks", "player_rollbacks", "Queue changes taken back after the node refused a command."],
];

/** The per-node gauges, with their help text. */
const NODE_GAUGES: readonly [keyof MetricsCounters, string, string][] = [
  ["players", "players", "Players hosted on the node."],
  ["playing", "players_playing", "Hosted players with a track that is not paused."],
  ["queuedTracks", "queued_tracks", "Tracks waiting in the queues of the hosted players."],
];

/**
 * Creates the collectors on `registry`. Each one reads the snapshot in its `collect` callback, at
 * scrape time: nothing runs between scrapes. Returns the metric names created.
 */
export function createCollectors(registry: Registry, prefix: string, snapshot: SnapshotSource): string[] {
  const names: string[] = [];
  const registers = [registry];
  const nodes = (): NodeMetrics[] => Object.values(snapshot().nodes);
  const counter = <L extends string>(
    name: string,
    help: string,
    labelNames: L[],
    fill: (c: Counter<L>) => void,
  ) => {
    names.push(`${prefix}${name}`);
    new Counter<L>({
      name: `${prefix}${name}`,
      help,
      labelNames,
      registers,
      collect() {
        this.reset();
        fill(this);
      },
    });
  };
  const gauge = (name: string, help: string, fill: (g: Gauge<NodeLabel>) => void) => {
    names.push(`${prefix}${name}`);
    new Gauge<NodeLabel>({
      name: `${prefix}${name}`,
      help,
      labelNames: ["node"],
      registers,
      collect() {
        this.reset();
        fill(this);
      },
    });
  };

  counter("frames_received_total", "Frames received from the node, by op.", ["node", "op"], (c) => {
    for (const n of nodes())
      for (const [op, count] of Object.entries(n.frames.byOp)) c.inc({ node: n.name, op }, count);
  });
  counter("events_received_total", "Event frames received from the node, by type.", ["node", "type"], (c) => {
    for (const n of nodes())
      for (const [type, count] of Object.entries(n.frames.byEvent)) c.inc({ node: n.name, type }, count);
  });
  counter(
    "frame_characters_received_total",
    "Characters (UTF-16 code units) of the frames received.",
    ["node"],
    (c) => {
      for (const n of nodes()) c.inc({ node: n.name }, n.frames.characters);
    },
  );
  counter(
    "rest_requests_total",
    "REST attempts by route, method and outcome (status class, timeout or error).",
    ["node", "method", "route", "outcome"],
    (c) => {
      for (const n of nodes())
        for (const r of n.rest)
          for (const [outcome, count] of Object.entries(r.outcomes))
            if (count > 0) c.inc({ node: n.name, method: r.method, route: r.route, outcome }, count);
    },
  );
  for (const [field, name, help] of NODE_COUNTERS) {
    counter(`${name}_total`, help, ["node"], (c) => {
      for (const n of nodes()) c.inc({ node: n.name }, n[field] as number);
    });
  }
  for (const [field, name, help] of NODE_GAUGES) {
    gauge(name, help, (g) => {
      for (const n of nodes()) g.set({ node: n.name }, n[field] as number);
    });
  }
  gauge("node_up", "1 when the node is ready, else 0.", (g) => {
    for (const n of nodes()) g.set({ node: n.name }, n.state === "ready" ? 1 : 0);
  });
  names.push(`${prefix}rest_request_duration_seconds`);
  new SnapshotHistogram(`${prefix}rest_request_duration_seconds`, registers, nodes);
  return names;
}

/**
 * A histogram whose buckets come from the snapshot rather than from `observe` calls: the client
 * already counts its REST latencies in fixed buckets (REST_LATENCY_BUCKETS_MS), exposed here in
 * seconds, cumulative as Prometheus wants them.
 */
class SnapshotHistogram extends Histogram<RestLabel> {
  constructor(
    name: string,
    registers: Registry[],
    private readonly nodes: () => NodeMetrics[],
  ) {
    super({
      name,
      help: "Time from sending a REST request to the end of its answer, on the client's clock.",
      labelNames: ["node", "method", "route"],
      registers,
    });
  }

  /** The exposition values, as prom-client's registry formats them. */
  private values(): { labels: LabelValues<RestLabel>; value: number; metricName: string }[] {
    const { name } = this as unknown as { name: string };
    const values: { labels: LabelValues<RestLabel>; value: number; metricName: string }[] = [];
    for (const n of this.nodes()) {
      for (const r of n.rest) {
        const labels = { node: n.name, method: r.method, route: r.route };
        let cumulative = 0;
        r.latency.bucketsMs.forEach((bound, i) => {
          cumulative += r.latency.counts[i] ?? 0;
          values.push({
            labels: withLe(labels, String(bound / 1_000)),
            value: cumulative,
            metricName: `${name}_bucket`,
          });
        });
        values.push({ labels: withLe(labels, "+Inf"), value: r.latency.count, metricName: `${name}_bucket` });
        values.push({ labels, value: r.latency.sumMs / 1_000, metricName: `${name}_sum` });
        values.push({ labels, value: r.latency.count, metricName: `${name}_count` });
      }
    }
    return values;
  }

  override async get(): ReturnType<Histogram<RestLabel>["get"]> {
    // Not super.get(): it would read prom-client's own (empty) buckets through getForPromString.
    const self = this as unknown as { name: string; help: string; type: string; aggregator: string };
    const data = { name: self.name, help: self.help, type: self.type, aggregator: self.aggregator };
    return { ...data, values: this.values() } as unknown as Awaited<ReturnType<Histogram<RestLabel>["get"]>>;
  }

  /** What the registry's text exposition reads (prom-client prefers it over `get`). */
  async getForPromString(): ReturnType<Histogram<RestLabel>["get"]> {
    return this.get();
  }
}

function withLe(labels: LabelValues<RestLabel>, le: string): LabelValues<RestLabel> {
  // `le` is the bucket label Prometheus reserves for histograms; prom-client's label type does not
  // include it, but its formatter writes whatever labels a value carries.
  return { ...labels, le } as LabelValues<RestLabel>;
}
