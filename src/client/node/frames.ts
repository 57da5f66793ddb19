import {
  checkJsonDepth,
  type IncomingMessage,
  isPlayerUpdate,
  type LavalinkEvent,
  type PlayerState,
  ProtocolValidationError,
  parseIncomingMessage,
  type Stats,
  validateIncomingMessage,
} from "../../protocol/index.js";
import type { NodeCounters } from "../diagnostics/metrics.js";

/** Where a node delivers one guild's frames (the player's internal side, never the public Player). */
export interface FrameSink {
  /** Takes the state of a `playerUpdate` for this guild. */
  handleState(state: PlayerState): void;
  /** Takes a Lavalink event for this guild. */
  handleEvent(event: LavalinkEvent): void;
}

/** What the frame reader reports besides player frames. */
export interface FrameListener {
  /** True when someone listens to `raw`; read per frame so the hot path skips the call. */
  readonly wantsRaw: boolean;
  raw(message: IncomingMessage): void;
  stats(stats: Stats): void;
  ready(sessionId: string, resumed: boolean): void;
  /** A frame that is not JSON or not a valid Lavalink message. */
  invalid(error: Error): void;
  /**
   * A `ready` frame that is not valid (a session id that cannot be sent back in a header): the
   * handshake failed. Called after {@link invalid} reported the error.
   */
  invalidReady(error: Error): void;
}

/**
 * Reads a node's text frames: parses, validates and dispatches each to the player of its guild or
 * to the node. The hot path (`playerUpdate`) is a parse, the protocol's `isPlayerUpdate` typeof
 * checks, one map lookup and one method call, with nothing allocated beyond what `JSON.parse` builds.
 */
export class FrameReader {
  constructor(
    private readonly sinks: ReadonlyMap<string, FrameSink>,
    private readonly listener: FrameListener,
    /** Counted per frame with plain increments (`client.metrics()`). */
    private readonly counters: NodeCounters,
  ) {}

  /** Handles one text frame. */
  read(text: string): void {
    this.counters.characters += text.length;
    let value: unknown;
    try {
      // Before parsing: a depth bomb is refused without being built (short frames skip the scan).
      checkJsonDepth(text);
      value = JSON.parse(text);
    } catch (error) {
      if (error instanceof ProtocolValidationError) {
        this.counters.invalid++;
        this.listener.invalid(error);
      } else this.dispatch(text, undefined); // JSON.parse never returns undefined: marks invalid JSON
      return;
    }
    if (isPlayerUpdate(value)) {
      this.counters.playerUpdates++;
      this.sinks.get(value.guildId)?.handleState(value.state);
      if (this.listener.wantsRaw) this.listener.raw(value);
      return;
    }
    this.dispatch(text, value);
  }

  /** Every frame but a well-formed playerUpdate: validated (or refused as invalid JSON) and dispatched. */
  private dispatch(text: string, value: unknown): void {
    let message: IncomingMessage;
    try {
      message = value === undefined ? parseIncomingMessage(text) : validateIncomingMessage(value);
    } catch (error) {
      this.counters.invalid++;
      this.listener.invalid(error as Error);
      if (isReadyOp(value)) this.listener.invalidReady(error as Error);
      return;
    }
    switch (message.op) {
      case "playerUpdate":
        this.counters.playerUpdates++;
        this.sinks.get(message.guildId)?.handleState(message.state);
        break;
      case "event":
        this.counters.event(message.type);
        this.sinks.get(message.guildId)?.handleEvent(message);
        break;
      case "stats":
        this.counters.stats++;
        this.listener.stats(message);
        break;
      case "ready":
        this.counters.ready++;
        this.listener.ready(message.sessionId, message.resumed);
        break;
    }
    if (this.listener.wantsRaw) this.listener.raw(message);
  }
}

function isReadyOp(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as { op?: unknown }).op === "ready";
}
