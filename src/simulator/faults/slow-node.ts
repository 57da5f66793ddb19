import { EXPECTED_FRAMES_PER_MINUTE } from "../../protocol/index.js";
import type { Fault, SlowNodeFaultSpec } from "./types.js";

interface StatsShape {
  cpu?: { systemLoad?: number; lavalinkLoad?: number };
  frameStats?: { sent: number; nulled: number; deficit: number } | null;
}

/**
 * Rewrites a `stats` frame or `GET /v4/stats` body as an overloaded node reports it: high CPU
 * load and, when players are playing (frameStats present), a frame deficit per player. The JSON
 * keeps its field order and stays a valid Stats object.
 */
export function slowNodeStats(text: string, fault: Fault & SlowNodeFaultSpec): string {
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
