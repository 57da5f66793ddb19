import type { LavalinkPlayer } from "../../protocol/index.js";
import type { Catalog } from "../catalog/catalog.js";
import type { FaultController } from "../faults/controller.js";
import type { SimulatorLog } from "../log.js";
import type { SessionSnapshot } from "../session.js";

/** A player as the control API reports it (the simulator's `PlayerSnapshot`). */
export interface ControlPlayer extends LavalinkPlayer {
  sessionId: string;
  endTime: number | null;
  advancing: boolean;
}

/** How the simulator's clock runs, for clients that draw positions between pushes. */
export interface ControlClockInfo {
  /** `virtual`: time moves only when advanced; `real`: it runs `timeScale` times wall time. */
  kind: "real" | "virtual" | "custom";
  now: number;
  timeScale: number;
}

/**
 * The narrow view of the simulator the control API works on. The simulator builds it; nothing here
 * imports the simulator itself, so the control routes stay small and the import graph acyclic.
 */
export interface ControlTarget {
  readonly faults: FaultController;
  readonly catalog: Catalog;
  readonly log: SimulatorLog;
  readonly running: boolean;
  sessions(): SessionSnapshot[];
  players(): ControlPlayer[];
  clock(): ControlClockInfo;
  /** Advances a virtual clock; throws SIM_INVALID_OPTION on another clock. */
  advance(ms: number): Promise<void>;
  kill(): Promise<void>;
  restart(): Promise<unknown>;
  dropConnection(sessionId: string): void;
  closeConnection(sessionId: string, code: number, reason: string): void;
}
