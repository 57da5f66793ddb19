import { register as globalRegistry, Registry } from "prom-client";
import type { SonoraClient } from "../client/client.js";
import type { ClientMetrics } from "../client/diagnostics/metrics.js";
import { InvalidOptionError } from "../client/errors/invalid-option-error.js";
import { createCollectors } from "./collectors.js";

/** Options of {@link registerSonoraMetrics}. */
export interface PrometheusOptions {
  /** The registry to add the collectors to (default prom-client's global `register`). */
  registry?: Registry;
  /** Prefix of every metric name (default `"sonora_"`). */
  prefix?: string;
}

/** What {@link registerSonoraMetrics} returns. */
export interface SonoraMetricsRegistration {
  /** The registry the collectors were added to. */
  readonly registry: Registry;
  /** The names of the metrics created, in creation order. */
  readonly names: readonly string[];
  /** Removes the collectors from the registry. */
  unregister(): void;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/**
 * Adds collectors for `client`'s counters and gauges to a prom-client registry. They read
 * `client.metrics()` when the registry is scraped (in prom-client's `collect` callbacks): the
 * client does no Prometheus work between scrapes. Series (with `prefix` `sonora_`):
 * `sonora_frames_received_total{node,op}`, `sonora_events_received_total{node,type}`,
 * `sonora_rest_requests_total{node,method,route,outcome}`,
 * `sonora_rest_request_duration_seconds{node,method,route}` (histogram), `sonora_node_*_total`,
 * `sonora_player_failovers_total`, `sonora_player_rollbacks_total`, and the gauges
 * `sonora_players`, `sonora_players_playing`, `sonora_queued_tracks`, `sonora_node_up`. See
 * docs/diagnostics.md.
 *
 * ```ts
 * import { Registry } from "prom-client";
 * import { SonoraClient } from "sonora";
 * import { registerSonoraMetrics } from "sonora/prometheus";
 *
 * const client = new SonoraClient([{ host: "localhost", port: 2333, password: "youshallnotpass" }]);
 * const { registry } = registerSonoraMetrics(client, { registry: new Registry() });
 * const text = await registry.metrics(); // serve it at /metrics
 * ```
 */
export function registerSonoraMetrics(
  client: SonoraClient,
  options: PrometheusOptions = {},
): SonoraMetricsRegistration {
  if (typeof (client as { metrics?: unknown } | null)?.metrics !== "function") {
    throw new InvalidOptionError("client", client, "a SonoraClient");
  }
  if (typeof options !== "object" || options === null) {
    throw new InvalidOptionError("options", options, "an object { registry?, prefix? }");
  }
  const { registry = globalRegistry, prefix = "sonora_" } = options;
  if (!(registry instanceof Registry)) {
    throw new InvalidOptionError("registry", registry, "a prom-client Registry");
  }
  if (typeof prefix !== "string" || (prefix !== "" && !METRIC_NAME.test(prefix))) {
    throw new InvalidOptionError("prefix", prefix, "a Prometheus metric name prefix such as sonora_");
  }
  // One snapshot per scrape: the registry calls every collector in the same synchronous pass.
  let cached: ClientMetrics | null = null;
  const snapshot = (): ClientMetrics => {
    if (cached === null) {
      cached = client.metrics();
      queueMicrotask(() => {
        cached = null;
      });
    }
    return cached;
  };
  const names = createCollectors(registry, prefix, snapshot);
  return {
    registry,
    names,
    unregister: () => {
      for (const name of names) registry.removeSingleMetric(name);
    },
  };
}
