import type { SonoraClient } from "../client.js";
import type { GatewayVoicePayload } from "../player/player.js";
import type { RawGatewayPacket } from "./handler.js";

/**
 * The parts of a discord.js `Client` the adapter uses, typed structurally so Sonora does not
 * depend on discord.js (any version whose client emits `raw` and exposes `guilds.cache` works).
 */
export interface DiscordJsLikeClient {
  on(event: "raw", listener: (packet: RawGatewayPacket) => void): unknown;
  off(event: "raw", listener: (packet: RawGatewayPacket) => void): unknown;
  guilds: { cache: { get(id: string): { shard: { send(payload: unknown): unknown } } | undefined } };
}

/**
 * A `send` option for {@link SonoraClient} that sends voice payloads through the shard of the
 * guild: `new SonoraClient(nodes, { userId, send: discordJsSend(discordClient) })`.
 */
export function discordJsSend(
  discord: DiscordJsLikeClient,
): (guildId: string, payload: GatewayVoicePayload) => void {
  return (guildId, payload) => {
    const guild = discord.guilds.cache.get(guildId);
    // A guild the bot left cannot be joined; dropping the payload is what Discord would do too.
    guild?.shard.send(payload);
  };
}

/**
 * Forwards discord.js's `raw` gateway events to `client.handleRaw`. Returns a function that
 * removes the listener (call it before closing the client).
 */
export function attachDiscordJs(client: SonoraClient, discord: DiscordJsLikeClient): () => void {
  const listener = (packet: RawGatewayPacket) => {
    if (packet.t === "VOICE_STATE_UPDATE" || packet.t === "VOICE_SERVER_UPDATE")
      void client.handleRaw(packet);
  };
  discord.on("raw", listener);
  return () => discord.off("raw", listener);
}
