import type { FaultMark } from "./types.js";

/** A mark waiting for the frame an on-demand fault causes. */
interface Expected {
  readonly sessionId: string;
  readonly guildId: string;
  readonly eventType: string;
  readonly mark: FaultMark;
  /** False once the frame can no longer come (the stuck track was replaced or stopped). */
  readonly alive: () => boolean;
}

/**
 * On-demand faults (`sim.faults.voiceClose`, …) are not decided on a frame: they cause one
 * (WebSocketClosedEvent, TrackExceptionEvent, a later TrackStuckEvent). This holds their marks
 * until that frame is sent, so the frame's `sim.log` entry names the fault like any other hit.
 */
export class CausedMarks {
  private expected: Expected[] = [];

  /** True while a mark waits for its frame (the transport must then route frames through faults). */
  get waiting(): boolean {
    return this.expected.length > 0;
  }

  /**
   * The next `eventType` frame of this player carries `mark`. A newer expectation for the same
   * player and event replaces the older one: only the latest call can still cause that frame.
   */
  expect(
    sessionId: string,
    guildId: string,
    eventType: string,
    mark: FaultMark,
    alive: () => boolean = () => true,
  ): void {
    this.expected = this.expected.filter(
      (e) => !(e.sessionId === sessionId && e.guildId === guildId && e.eventType === eventType),
    );
    this.expected.push({ sessionId, guildId, eventType, mark, alive });
  }

  /** Withdraws a mark whose frame was not sent (e.g. the session had no socket). */
  forget(mark: FaultMark): void {
    this.expected = this.expected.filter((e) => e.mark !== mark);
  }

  /** The mark this frame carries, if an on-demand fault caused it (taken: each mark is used once). */
  take(sessionId: string, guildId: string | undefined, eventType: string | undefined): FaultMark | undefined {
    // Drop marks whose frame can no longer come, so they neither linger nor keep faults engaged.
    this.expected = this.expected.filter((e) => e.alive());
    if (guildId === undefined || eventType === undefined) return undefined;
    const index = this.expected.findIndex(
      (e) => e.sessionId === sessionId && e.guildId === guildId && e.eventType === eventType,
    );
    if (index < 0) return undefined;
    const [found] = this.expected.splice(index, 1);
    return found?.mark;
  }

  clear(): void {
    this.expected = [];
  }
}
