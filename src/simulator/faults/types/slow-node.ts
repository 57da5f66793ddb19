import { EXPECTED_FRAMES_PER_MINUTE } from "../../../protocol/index.js";
import type { FaultCommon } from "../common.js";
import type { FaultTypeModule } from "../fault-type.js";

/** An overloaded node: stats report this CPU load and frame deficit (per playing player). */
export interface SlowNodeFaultSpec extends FaultCommon {
  type: "slow-node";
  cpuLoad?: number;
  frameDeficit?: number;
  nulled?: number;
}

interface StatsShape {
  cpu?: { systemLoad?: number; lavalinkLoad?: number };
  frameStats?: { sent: number; nulled: number; deficit: number } | null;
}

/**
 * Rewrites a `stats` frame or `GET /v4/stats` body as an overloaded node reports it: high CPU
 * load and, when players are playing (frameStats present), a frame deficit per player. The JSON
 * keeps its field order and stays a valid Stats object.
 */
function slowNodeStats(text: string, fault: SlowNodeFaultSpec): string {
  let stats: StatsShape;
  try {
    stats = JSON.parse(text) as StatsShape;
  } catch {
    return text;
  }
  const load = fault.cpuLoad ?? 0.95;
  if (stats.cpu !== undefined) {
    stats.cpu.lavalinkLoad = load;
    stats.cpu.systemLoad = Math.max(stats.cpu.systemLoad ?? 0, load);
  }
  if (stats.frameStats !== undefined && stats.frameStats !== null) {
    const deficit = Math.min(EXPECTED_FRAMES_PER_MINUTE, Math.round(fault.frameDeficit ?? 1500));
    const nulled = Math.min(EXPECTED_FRAMES_PER_MINUTE - deficit, Math.round(fault.nulled ?? 0));
    stats.frameStats = { sent: EXPECTED_FRAMES_PER_MINUTE - deficit - nulled, nulled, deficit };
  }
  return JSON.stringify(stats);
}

/** `slow-node`: `stats` frames and `GET /v4/stats` answers report an overloaded node. */
export const slowNode: FaultTypeModule<SlowNodeFaultSpec> = {
  type: "slow-node",
  attributes: { cpuLoad: "number", frameDeficit: "number", nulled: "number" },
  validate(spec, check) {
    check.number("cpuLoad", spec.cpuLoad, 0, 1);
    check.number("frameDeficit", spec.frameDeficit, 0);
    check.number("nulled", spec.nulled, 0);
  },
  applies: (unit) =>
    unit.direction === "downstream" &&
    (unit.channel === "ws"
      ? unit.op === "stats"
      : unit.method === "GET" && unit.path === "/v4/stats" && unit.status === 200),
  hit(fault) {
    return {
      kind: "rewrite",
      rewrite: (text) => slowNodeStats(text, fault),
      effect: `cpu ${fault.cpuLoad ?? 0.95}, deficit ${fault.frameDeficit ?? 1500}`,
    };
  },
};
