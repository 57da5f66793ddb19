import type { SonoraClient } from "../client.js";
import type { GatewayVoicePayload } from "../player/player.js";
import { checkLibraryClient, checkSonoraClient, isVoiceDispatch } from "./connector-checks.js";
import type { RawGatewayPacket } from "./handler.js";

/**
 * The parts of a discord.js `Client` the adapter uses, typed structurally so Sonora does not
 * depend on discord.js (any version whose client emits `raw` and exposes `guilds.cache` works).
 */
export interface DiscordJsLikeClient {
  /** Subscribes to raw gateway dispatches. */
  on(event: "raw", listener: (packet: RawGatewayPacket) => void): unknown;
  /** Unsubscribes from raw gateway dispatches. */
  off(event: "raw", listener: (packet: RawGatewayPacket) => void): unknown;
  /** The guild cache; only `get(id).shard.send` is used. */
  guilds: {
    /** Cached guilds by id. */
    cache: {
      /** The cached guild, or undefined when the bot is not in it. */
      get(id: string): DiscordJsLikeGuild | undefined;
    };
  };
}

/** The parts of a discord.js `Guild` the adapter uses. */
export interface DiscordJsLikeGuild {
  /** The shard that carries the guild's gateway traffic. */
  shard: {
    /** Sends a gateway payload (op 4, voice state update). */
    send(payload: unknown): unknown;
  };
}

/**
 * A `send` option for {@link SonoraClient} that sends voice payloads through the shard of the
 * guild: `new SonoraClient(nodes, { userId, send: discordJsSend(discordClient) })`.
 */
export function discordJsSend(
  discord: DiscordJsLikeClient,
): (guildId: string, payload: GatewayVoicePayload) => void {
  checkLibraryClient("discord", discord, ["guilds.cache.get"], "discord.js");
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
  checkSonoraClient(client);
  checkLibraryClient("discord", discord, ["on", "off"], "discord.js");
  const listener = (packet: RawGatewayPacket) => {
    if (isVoiceDispatch(packet)) void client.handleRaw(packet);
  };
  discord.on("raw", listener);
  return () => discord.off("raw", listener);
}
