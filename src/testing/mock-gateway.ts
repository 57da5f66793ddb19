import type { Clock } from "../base/clock/index.js";
import { SeededRandom } from "../base/random.js";
import {
  type GatewayVoicePayload,
  parseSnowflake,
  type RawGatewayPacket,
  type SnowflakeInput,
  toGuildId,
} from "../client/index.js";
import { TestingError } from "./errors.js";

/** Which of Discord's two voice dispatches comes first (Discord guarantees no order). */
export type VoiceEventOrder = "state-first" | "server-first" | "random";

/** What a {@link MockGateway} delivers to: usually a SonoraClient. */
export interface RawPacketSink {
  /** Takes one gateway dispatch (VOICE_STATE_UPDATE or VOICE_SERVER_UPDATE). */
  handleRaw(packet: RawGatewayPacket): Promise<void>;
}

/** Options of {@link MockGateway}. */
export interface MockGatewayOptions {
  /** The bot's user id, put in VOICE_STATE_UPDATE (must equal the client's `userId`). */
  userId: SnowflakeInput;
  /** Delay in ms before each dispatch, measured on `clock` (default 0: delivered right away). */
  latencyMs?: number;
  /** Order of the two dispatches of a join (default `state-first`, like Discord usually does). */
  order?: VoiceEventOrder;
  /**
   * Joins to refuse: `true` refuses all, a function decides per guild/channel. Discord answers a
   * join it refuses (missing permission, full channel) with nothing, so a refused join gets no
   * dispatch at all.
   */
  refuse?: boolean | ((guildId: string, channelId: string) => boolean);
  /** Voice server endpoint reported (default `mock.discord.media:443`). */
  endpoint?: string;
  /** Seed of the `random` order (default 0). */
  seed?: number | string;
  /** Clock the latency is measured on (default Node's timers). Pass the simulator's virtual clock. */
  clock?: Clock;
  /**
   * Most entries kept in each of `sent` and `delivered` (default
   * {@link DEFAULT_GATEWAY_HISTORY_LIMIT}); past it the oldest are dropped, so a long soak run does
   * not keep every payload forever. `Infinity` keeps everything.
   */
  historyLimit?: number;
}

/** Default of {@link MockGatewayOptions.historyLimit}: the last 1000 payloads of each list. */
export const DEFAULT_GATEWAY_HISTORY_LIMIT = 1000;

/** One op-4 payload the client asked the gateway to send. */
export interface SentVoicePayload {
  guildId: string;
  payload: GatewayVoicePayload;
  /** Whether the gateway answered it (false when refused). */
  answered: boolean;
}

/**
 * A stand-in for Discord's gateway, as far as voice goes. Plug {@link MockGateway.send} in as the
 * client's `send` option and {@link MockGateway.attach} the client; every op-4 voice join is then
 * answered with the VOICE_STATE_UPDATE and VOICE_SERVER_UPDATE dispatches Discord would send
 * (shaped like discord.js's `raw` packets) fed into `client.handleRaw`. A leave (`channel_id: null`)
 * is answered with the bot's VOICE_STATE_UPDATE without a channel.
 */
export class MockGateway {
  /** The payloads the client sent, oldest first (the last `historyLimit` of them). */
  readonly sent: SentVoicePayload[] = [];
  /** The dispatches delivered to the client, oldest first (the last `historyLimit` of them). */
  readonly delivered: RawGatewayPacket[] = [];
  /** Most entries kept in `sent` and in `delivered`. */
  readonly historyLimit: number;
  /** Channel the bot is in per guild, as this gateway answered. */
  readonly channels = new Map<string, string>();
  /** Delay before each dispatch; may be changed between joins. */
  latencyMs: number;
  /** Order of a join's two dispatches; may be changed between joins. */
  order: VoiceEventOrder;
  /** Joins to refuse; may be changed between joins. */
  refuse: boolean | ((guildId: string, channelId: string) => boolean);
  private readonly userId: string;
  private readonly endpoint: string;
  private readonly random: SeededRandom;
  private readonly clock: Clock | undefined;
  private sink: RawPacketSink | null = null;
  private joins = 0;
  /** Dispatch runs currently doing work (not waiting on the clock). */
  private busy = 0;
  private pendingCount = 0;
  private readonly timers = new Set<{ cancel(): void }>();

  constructor(options: MockGatewayOptions) {
    const userId = parseSnowflake(options?.userId);
    if (userId === null) {
      throw new TestingError(
        "TEST_INVALID_OPTION",
        `MockGateway needs the bot's userId as a string of digits, got ${JSON.stringify(options?.userId)}`,
      );
    }
    const latency = options.latencyMs ?? 0;
    if (typeof latency !== "number" || !Number.isFinite(latency) || latency < 0) {
      throw new TestingError("TEST_INVALID_OPTION", `latencyMs must be a number ≥ 0, got ${String(latency)}`);
    }
    const historyLimit = options.historyLimit ?? DEFAULT_GATEWAY_HISTORY_LIMIT;
    if (
      typeof historyLimit !== "number" ||
      !(Number.isSafeInteger(historyLimit) || historyLimit === Number.POSITIVE_INFINITY) ||
      historyLimit < 0
    ) {
      throw new TestingError(
        "TEST_INVALID_OPTION",
        `historyLimit must be a whole number ≥ 0 or Infinity, got ${String(historyLimit)}`,
      );
    }
    this.historyLimit = historyLimit;
    this.userId = userId;
    this.latencyMs = latency;
    this.order = options.order ?? "state-first";
    this.refuse = options.refuse ?? false;
    this.endpoint = options.endpoint ?? "mock.discord.media:443";
    this.random = new SeededRandom(options.seed ?? 0);
    this.clock = options.clock;
  }

  /** Where dispatches go (a SonoraClient). Packets produced before attaching are dropped. */
  attach(sink: RawPacketSink): this {
    this.sink = sink;
    return this;
  }

  /**
   * The client's `send` option: `new SonoraClient(nodes, { userId, send: gateway.send })`.
   * Returns at once, as a real shard does; the answer arrives later through `handleRaw`.
   */
  readonly send = (guildId: string, payload: GatewayVoicePayload): void => {
    const channelId = payload?.d?.channel_id ?? null;
    if (channelId === null) {
      this.record(this.sent, { guildId, payload, answered: true });
      this.channels.delete(guildId);
      this.dispatch([this.stateUpdate(guildId, null, "")]);
      return;
    }
    const refused = typeof this.refuse === "function" ? this.refuse(guildId, channelId) : this.refuse;
    this.record(this.sent, { guildId, payload, answered: !refused });
    if (refused) return;
    this.joins++;
    this.channels.set(guildId, channelId);
    const state = this.stateUpdate(guildId, channelId, `mock-voice-session-${guildId}-${this.joins}`);
    const server = this.serverUpdate(guildId, `mock-voice-token-${this.joins}`);
    const serverFirst = this.order === "server-first" || (this.order === "random" && this.random.chance(0.5));
    this.dispatch(serverFirst ? [server, state] : [state, server]);
  };

  /**
   * Simulates the bot being disconnected from a guild's voice channel (kicked, channel deleted).
   * Throws InvalidGuildIdError for an id that is not a snowflake.
   */
  kick(guild: SnowflakeInput): void {
    const guildId = toGuildId(guild);
    this.channels.delete(guildId);
    this.dispatch([this.stateUpdate(guildId, null, "")]);
  }

  /**
   * Simulates Discord moving the guild's voice connection to another server (new token/endpoint).
   * Throws InvalidGuildIdError for an id that is not a snowflake.
   */
  changeServer(guild: SnowflakeInput, endpoint = `mock-2.discord.media:443`): void {
    const guildId = toGuildId(guild);
    this.joins++;
    this.dispatch([
      {
        t: "VOICE_SERVER_UPDATE",
        d: { guild_id: guildId, token: `mock-voice-token-${this.joins}`, endpoint },
      },
    ]);
  }

  /**
   * Resolves when every dispatch that is due has been handled by the client. Dispatches still
   * waiting for their latency on the clock are not awaited (advance the clock for those).
   */
  async settled(): Promise<void> {
    while (this.busy > 0) await new Promise((resolve) => setImmediate(resolve));
  }

  /** Dispatches produced but not yet handled, including those waiting for their latency. */
  get pending(): number {
    return this.pendingCount;
  }

  /** Cancels dispatches still waiting for their latency and detaches the client. */
  close(): void {
    for (const t of this.timers) t.cancel();
    this.timers.clear();
    this.sink = null;
  }

  /** Appends to a history list, dropping the oldest entries past {@link historyLimit}. */
  private record<T>(list: T[], entry: T): void {
    list.push(entry);
    if (list.length > this.historyLimit) list.splice(0, list.length - this.historyLimit);
  }

  private stateUpdate(guildId: string, channelId: string | null, sessionId: string): RawGatewayPacket {
    return {
      t: "VOICE_STATE_UPDATE",
      d: {
        guild_id: guildId,
        channel_id: channelId,
        user_id: this.userId,
        session_id: sessionId,
        deaf: false,
        mute: false,
        self_deaf: false,
        self_mute: false,
        self_video: false,
        suppress: false,
        request_to_speak_timestamp: null,
      },
    };
  }

  private serverUpdate(guildId: string, token: string): RawGatewayPacket {
    return { t: "VOICE_SERVER_UPDATE", d: { guild_id: guildId, token, endpoint: this.endpoint } };
  }

  /** Delivers packets one after another, each after the latency (never inside the caller's `send`). */
  private dispatch(packets: RawGatewayPacket[]): void {
    this.busy++;
    this.pendingCount += packets.length;
    let remaining = packets.length;
    void (async () => {
      try {
        // A real gateway answers later, never re-entrantly from inside `send`.
        await Promise.resolve();
        for (const packet of packets) {
          if (this.latencyMs > 0) {
            // Waiting on the clock does not count as busy: settled() must not wait for time to pass.
            this.busy--;
            try {
              await this.delay(this.latencyMs);
            } finally {
              this.busy++;
            }
          }
          const sink = this.sink;
          if (sink === null) return;
          this.record(this.delivered, packet);
          await sink.handleRaw(packet);
          remaining--;
          this.pendingCount--;
        }
      } finally {
        this.pendingCount -= remaining;
        this.busy--;
      }
    })();
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = {
        cancel: () => {
          if (this.clock) this.clock.clearTimeout(handle);
          else clearTimeout(handle as ReturnType<typeof setTimeout>);
          resolve();
        },
      };
      const fire = (): void => {
        this.timers.delete(timer);
        resolve();
      };
      const handle: object = this.clock ? this.clock.setTimeout(fire, ms) : setTimeout(fire, ms);
      this.timers.add(timer);
    });
  }
}
