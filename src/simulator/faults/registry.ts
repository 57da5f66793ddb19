import type { AttributeKind, FaultTypeModule } from "./fault-type.js";
import { type BandwidthFaultSpec, bandwidth } from "./types/bandwidth.js";
import { type LatencyFaultSpec, latency } from "./types/latency.js";
import { type LatencySpikeFaultSpec, latencySpike } from "./types/latency-spike.js";
import { type PacketLossFaultSpec, packetLoss } from "./types/packet-loss.js";
import { type ResetFaultSpec, reset } from "./types/reset.js";
import { type RestErrorFaultSpec, restError } from "./types/rest-error.js";
import { type SlowNodeFaultSpec, slowNode } from "./types/slow-node.js";
import { type TimeoutFaultSpec, timeout } from "./types/timeout.js";
import { type TrackExceptionFaultSpec, trackException } from "./types/track-exception.js";
import { type TrackStuckFaultSpec, trackStuck } from "./types/track-stuck.js";
import { type VoiceCloseFaultSpec, voiceClose } from "./types/voice-close.js";
import { type WsCloseFaultSpec, wsClose } from "./types/ws-close.js";

export type {
  BandwidthFaultSpec,
  LatencyFaultSpec,
  LatencySpikeFaultSpec,
  PacketLossFaultSpec,
  ResetFaultSpec,
  RestErrorFaultSpec,
  SlowNodeFaultSpec,
  TimeoutFaultSpec,
  TrackExceptionFaultSpec,
  TrackStuckFaultSpec,
  VoiceCloseFaultSpec,
  WsCloseFaultSpec,
};

/** Any fault {@link FaultController.add} accepts. */
export type FaultSpec =
  | LatencyFaultSpec
  | LatencySpikeFaultSpec
  | BandwidthFaultSpec
  | PacketLossFaultSpec
  | ResetFaultSpec
  | TimeoutFaultSpec
  | RestErrorFaultSpec
  | WsCloseFaultSpec
  | VoiceCloseFaultSpec
  | TrackExceptionFaultSpec
  | TrackStuckFaultSpec
  | SlowNodeFaultSpec;

/** Every fault type name. */
export type FaultType = FaultSpec["type"];

/**
 * Every fault type by name, in the order error messages list them. Adding a type: its module in
 * `types/`, its spec in the union above and one line here (the compiler insists on both).
 */
const FAULT_TYPES: { readonly [T in FaultType]: FaultTypeModule<Extract<FaultSpec, { type: T }>> } = {
  latency,
  "latency-spike": latencySpike,
  bandwidth,
  "packet-loss": packetLoss,
  reset,
  timeout,
  "rest-error": restError,
  "ws-close": wsClose,
  "voice-close": voiceClose,
  "track-exception": trackException,
  "track-stuck": trackStuck,
  "slow-node": slowNode,
};

/**
 * @internal The module of a fault type, or `undefined` for a name no type has. Typed for the
 * whole union: callers hand it specs and faults of that type only.
 */
export function faultTypeOf(name: unknown): FaultTypeModule<FaultSpec> | undefined {
  return typeof name === "string" && Object.hasOwn(FAULT_TYPES, name)
    ? (FAULT_TYPES[name as FaultType] as FaultTypeModule<FaultSpec>)
    : undefined;
}

/** @internal Every type name, in registry order. */
export const FAULT_TYPE_NAMES: readonly FaultType[] = Object.keys(FAULT_TYPES) as FaultType[];

/** @internal How a `--fault` flag writes each type-specific attribute (the same name never differs across types). */
export const TYPE_ATTRIBUTES: ReadonlyMap<string, AttributeKind> = new Map(
  Object.values(FAULT_TYPES).flatMap((type) =>
    Object.entries(type.attributes as Record<string, AttributeKind>),
  ),
);
