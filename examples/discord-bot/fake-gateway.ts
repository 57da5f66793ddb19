import type { GatewayVoicePayload, RawGatewayPacket, SonoraClient } from "./sonora.js";

/**
 * Offline stand-in for Discord's gateway: answers each voice join the client sends with the two
 * dispatches Discord would send back (VOICE_STATE_UPDATE for the bot, VOICE_SERVER_UPDATE), and a
 * leave with a VOICE_STATE_UPDATE without a channel, fed to `client.handleRaw`.
 */
export class FakeGateway {
  private client: SonoraClient | null = null;
  private joins = 0;

  constructor(private readonly botId: string) {}

  attach(client: SonoraClient): void {
    this.client = client;
  }

  /** The client's `send` option. */
  readonly send = (guildId: string, payload: GatewayVoicePayload): void => {
    const channel = payload.d.channel_id;
    const packets: RawGatewayPacket[] = [
      {
        t: "VOICE_STATE_UPDATE",
        d: {
          guild_id: guildId,
          channel_id: channel,
          user_id: this.botId,
          session_id: `voice-${++this.joins}`,
        },
      },
    ];
    if (channel !== null) {
      packets.push({
        t: "VOICE_SERVER_UPDATE",
        d: { guild_id: guildId, token: `token-${this.joins}`, endpoint: "offline.discord.media:443" },
      });
    }
    // Discord answers later, not inside the send call.
    queueMicrotask(() => {
      void (async () => {
        for (const packet of packets) await this.client?.handleRaw(packet);
      })();
    });
  };
}
