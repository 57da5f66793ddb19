/**
 * `sonora/prometheus`: exposes `SonoraClient.metrics()` to Prometheus through `prom-client`
 * (an optional peer dependency: install it next to sonora to use this entry point; the main
 * entry point never loads it).
 * @module
 */
export { type PrometheusOptions, registerSonoraMetrics, type SonoraMetricsRegistration } from "./register.js";
