import { FaultError } from "./errors.js";
import { compileRoute, type RoutePattern } from "./route-pattern.js";
import type { Fault, FaultDirection, FaultScope, FaultSpec, FaultType } from "./types.js";

/** Fault types that act on the connection itself (delays, resets, black holes). */
export const NETWORK_TYPES: ReadonlySet<FaultType> = new Set([
  "latency",
  "latency-spike",
  "bandwidth",
  "packet-loss",
  "reset",
  "timeout",
]);

const ALL_TYPES: readonly FaultType[] = [
  ...NETWORK_TYPES,
  "rest-error",
  "ws-close",
  "voice-close",
  "track-exception",
  "track-stuck",
  "slow-node",
];

/** Scope each content fault is bound to, whatever the spec says. */
const FIXED_SCOPE: Partial<Record<FaultType, FaultScope>> = {
  "rest-error": "rest",
  "ws-close": "ws",
  "voice-close": "ws",
  "track-exception": "ws",
  "track-stuck": "ws",
};

/** A registered fault with its compiled route. */
export interface ResolvedFault {
  readonly fault: Fault;
  readonly route: RoutePattern | undefined;
}

function fail(id: string, what: string): never {
  throw new FaultError("FAULT_INVALID", `fault ${JSON.stringify(id)}: ${what}`);
}

function num(id: string, name: string, value: unknown, min: number, max = Number.POSITIVE_INFINITY): void {
  if (value === undefined) return;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    fail(
      id,
      `${name} must be a finite number${max === Number.POSITIVE_INFINITY ? ` ≥ ${min}` : ` from ${min} to ${max}`}, got ${String(value)}`,
    );
  }
}

function validCloseCode(code: number): boolean {
  // What the ws library (and RFC 6455) lets an endpoint send in a close frame.
  return (
    (code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) ||
    (code >= 3000 && code <= 4999)
  );
}

/** Validates a spec and fills in every default. Throws {@link FaultError} `FAULT_INVALID`. */
export function resolveFault(spec: FaultSpec, id: string): ResolvedFault {
  if (typeof spec !== "object" || spec === null) fail(id, `expected an object, got ${String(spec)}`);
  if (!ALL_TYPES.includes(spec.type)) {
    fail(id, `unknown type ${JSON.stringify(spec.type)}; one of ${ALL_TYPES.join(", ")}`);
  }
  num(id, "toxicity", spec.toxicity, 0, 1);
  const direction: FaultDirection =
    spec.direction ?? (spec.type === "rest-error" ? "upstream" : "downstream");
  if (!["upstream", "downstream", "both"].includes(direction)) {
    fail(id, `direction must be "upstream", "downstream" or "both", got ${String(spec.direction)}`);
  }
  if (spec.scope !== undefined && !["ws", "rest", "both"].includes(spec.scope)) {
    fail(id, `scope must be "ws", "rest" or "both", got ${String(spec.scope)}`);
  }
  if (spec.sessionId !== undefined && (typeof spec.sessionId !== "string" || spec.sessionId === "")) {
    fail(id, `sessionId must be a non-empty string, got ${String(spec.sessionId)}`);
  }
  const route = spec.route === undefined ? undefined : compileRoute(spec.route);
  const fixed = FIXED_SCOPE[spec.type];
  if (fixed !== undefined && spec.scope !== undefined && spec.scope !== fixed && spec.scope !== "both") {
    fail(
      id,
      `a ${spec.type} fault only applies to scope "${fixed}", got scope ${JSON.stringify(spec.scope)}`,
    );
  }
  if (route !== undefined && fixed === "ws") {
    fail(id, `a ${spec.type} fault acts on WebSocket frames and cannot take a REST route`);
  }
  const scope: FaultScope = route !== undefined ? "rest" : (fixed ?? spec.scope ?? "both");
  switch (spec.type) {
    case "latency":
      if (spec.latency === undefined) fail(id, "latency (ms) is required");
      num(id, "latency", spec.latency, 0);
      num(id, "jitter", spec.jitter, 0);
      break;
    case "latency-spike":
      num(id, "baseLatency", spec.baseLatency, 0);
      num(id, "minFactor", spec.minFactor, 0);
      num(id, "maxFactor", spec.maxFactor, spec.minFactor ?? 0);
      if (spec.maxFactor === undefined && (spec.minFactor ?? 5) > 20) {
        fail(id, `minFactor ${spec.minFactor} exceeds the default maxFactor 20; set maxFactor too`);
      }
      break;
    case "bandwidth":
      if (spec.rate === undefined) fail(id, "rate (bytes per second) is required");
      num(id, "rate", spec.rate, Number.MIN_VALUE);
      break;
    case "packet-loss":
      num(id, "rto", spec.rto, 1);
      num(id, "stallAfter", spec.stallAfter, 1);
      if (spec.stallAfter !== undefined && !Number.isInteger(spec.stallAfter)) {
        fail(id, `stallAfter must be an integer, got ${spec.stallAfter}`);
      }
      break;
    case "timeout":
      num(id, "timeout", spec.timeout, 0);
      break;
    case "rest-error":
      num(id, "status", spec.status, 400, 599);
      if (spec.status !== undefined && !Number.isInteger(spec.status)) {
        fail(id, `status must be an integer HTTP status, got ${spec.status}`);
      }
      break;
    case "ws-close":
      if (spec.code !== undefined && (!Number.isInteger(spec.code) || !validCloseCode(spec.code))) {
        fail(id, `code ${String(spec.code)} cannot be sent in a close frame; use 1000-1014 or 3000-4999`);
      }
      if (spec.reason !== undefined && Buffer.byteLength(spec.reason) > 123) {
        fail(id, "reason must fit in 123 bytes (a close frame's payload limit)");
      }
      break;
    case "voice-close":
      num(id, "code", spec.code, 0);
      break;
    case "track-exception":
      num(id, "afterMs", spec.afterMs, 0);
      if (spec.severity !== undefined && !["common", "suspicious", "fault"].includes(spec.severity)) {
        fail(id, `severity must be "common", "suspicious" or "fault", got ${String(spec.severity)}`);
      }
      break;
    case "track-stuck":
      num(id, "afterMs", spec.afterMs, 0);
      num(id, "thresholdMs", spec.thresholdMs, 0);
      break;
    case "slow-node":
      num(id, "cpuLoad", spec.cpuLoad, 0, 1);
      num(id, "frameDeficit", spec.frameDeficit, 0);
      num(id, "nulled", spec.nulled, 0);
      break;
    case "reset":
      break;
  }
  const fault = { ...spec, id, toxicity: spec.toxicity ?? 1, direction, scope } as Fault;
  return { fault, route };
}
