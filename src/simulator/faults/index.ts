export { FaultController, type PlayerFaultOptions } from "./controller.js";
export { FaultError, type FaultErrorCode } from "./errors.js";
export { KNOB_IDS, type KnobOptions } from "./knobs.js";
export { type FaultFlag, parseFaultFlag } from "./parse-flag.js";
export type {
  BandwidthFaultSpec,
  FaultSpec,
  FaultType,
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
} from "./registry.js";
export type * from "./types.js";
