import type { ControlTarget } from "../target.js";
import type { TimelineBook } from "../timeline.js";

/** What the control plane does about the node itself (it owns the downtime timer). */
export interface NodeControls {
  /** Kills the node now and brings it back `downMs` later (wall time); null when it is down already. */
  kill(downMs: number): { downMs: number; restartAt: number } | null;
  /** Tells the streams that state changed (a fault added, time advanced). */
  changed(): void;
}

/** One control request as a route sees it. */
export interface ControlRequest {
  readonly target: ControlTarget;
  readonly node: NodeControls;
  readonly timeline: TimelineBook;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The request body, as text. */
  readonly body: string;
}
