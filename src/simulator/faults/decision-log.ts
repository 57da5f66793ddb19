import type { Clock } from "../../base/clock/index.js";
import type { FaultDecision, FaultMark } from "./types.js";

const DECISIONS_KEPT = 10_000;

/**
 * `sim.faults.decisions`: every decision that changed traffic, with when, where and what it hit.
 * Bounded, because a long test with a noisy fault would otherwise grow it without end.
 */
export class DecisionLog {
  private readonly kept: FaultDecision[] = [];

  constructor(private readonly clock: Clock) {}

  /** Oldest first (the last 10,000). */
  get all(): readonly FaultDecision[] {
    return this.kept;
  }

  clear(): void {
    this.kept.length = 0;
  }

  remember(
    mark: FaultMark,
    channel: "ws" | "rest",
    direction: "upstream" | "downstream",
    sessionId: string | undefined,
    target: string,
  ): void {
    if (this.kept.length >= DECISIONS_KEPT) this.kept.shift();
    this.kept.push({
      ...mark,
      at: this.clock.now(),
      channel,
      direction,
      ...(sessionId === undefined ? {} : { sessionId }),
      target,
    });
  }
}
