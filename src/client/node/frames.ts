import {
  checkJsonDepth,
  type IncomingMessage,
  isLavalinkEventType,
  isPlayerUpdate,
  type LavalinkEvent,
  type PlayerState,
  type PluginEvent,
  ProtocolValidationError,
  type Stats,
  type UnknownPluginEvent,
  validateNodeMessage,
} from "../../protocol/index.js";
import type { NodeCounters } from "../diagnostics/metrics.js";

/** Where a node delivers one guild's frames (the player's internal side, never the public Player). */
export interface FrameSink {
  /** Takes the state of a `playerUpdate` for this guild. */
  handleState(state: PlayerState): void;
  /** Takes a Lavalink event for this guild. */
  handleEvent(event: LavalinkEvent): void;
  /** Takes a plugin's event for this guild (typed when Sonora knows the plugin, untouched otherwise). */
  handlePluginEvent(event: PluginEvent): void;
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
    let message: IncomingMessage | UnknownPluginEvent;
    try {
      message = validateNodeMessage(value === undefined ? parseJson(text) : value);
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
        if (isLavalinkEventType(message.type)) {
          this.sinks.get(message.guildId as string)?.handleEvent(message as LavalinkEvent);
        } else if (typeof message.guildId === "string") {
          this.sinks.get(message.guildId)?.handlePluginEvent(message as PluginEvent);
        }
        // An unknown plugin's event reaches `raw` as is; the raw type only names known messages.
        if (this.listener.wantsRaw) this.listener.raw(message as IncomingMessage);
        return;
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

/** `JSON.parse` whose failure is a validation error naming the frame. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ProtocolValidationError("", text, "valid JSON", { cause: error });
  }
}
