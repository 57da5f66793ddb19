import type { GatewayVoicePayload, RawGatewayPacket } from "../../client/index.js";

/** Where the fake gateway delivers its dispatches: a SonoraClient. */
export interface DispatchSink {
  handleRaw(packet: RawGatewayPacket): Promise<void>;
}

/**
 * The smallest stand-in for Discord's gateway the demo needs: every op-4 voice join the client
 * sends is answered with the bot's VOICE_STATE_UPDATE and a VOICE_SERVER_UPDATE, the two dispatches
 * Discord sends, fed to `client.handleRaw` as discord.js's `raw` event would. A leave
 * (`channel_id: null`) is answered with a VOICE_STATE_UPDATE without a channel.
 */
export class DemoGateway {
  /** The client to answer; set with {@link DemoGateway.attach}. */
  private sink: DispatchSink | null = null;
  private joins = 0;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly userId: string) {}

  /** Delivers answers to `sink` from now on. */
  attach(sink: DispatchSink): this {
    this.sink = sink;
    return this;
  }

  /** True while an answer is being handled by the client. */
  get busy(): boolean {
    return this.inFlight.size > 0;
  }

  /** The client's `send` option. Returns at once, as a shard does; the answer follows. */
  readonly send = (guildId: string, payload: GatewayVoicePayload): void => {
    const channelId = payload.d.channel_id;
    const state = (channel: string | null, session: string): RawGatewayPacket => ({
      t: "VOICE_STATE_UPDATE",
      d: { guild_id: guildId, channel_id: channel, user_id: this.userId, session_id: session },
    });
    if (channelId === null) {
      this.deliver([state(null, "")]);
      return;
    }
    this.joins++;
    this.deliver([
      state(channelId, `demo-voice-session-${this.joins}`),
      {
        t: "VOICE_SERVER_UPDATE",
        d: { guild_id: guildId, token: `demo-voice-token-${this.joins}`, endpoint: "demo.discord.media:443" },
      },
    ]);
  };

  private deliver(packets: RawGatewayPacket[]): void {
    const run = (async () => {
      // A microtask later, like a dispatch arriving after the request was written.
      await Promise.resolve();
      for (const packet of packets) await this.sink?.handleRaw(packet);
    })();
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }
}
