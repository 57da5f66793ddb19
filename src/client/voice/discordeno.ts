import type { SonoraClient } from "../client.js";
import { InvalidOptionError } from "../errors/invalid-option-error.js";
import type { GatewayVoicePayload } from "../player/player.js";
import { checkLibraryClient, checkSonoraClient, isVoiceDispatch } from "./connector-checks.js";
import type { RawGatewayPacket } from "./handler.js";

/**
 * The parts of a discordeno `Bot` (`createBot` from `@discordeno/bot`) the connector uses, typed
 * structurally so that Sonora does not depend on discordeno (19.x to 21.x).
 */
export interface DiscordenoLikeBot {
  /** The bot's event handlers; the connector takes `raw` (chaining any handler already there). */
  events: {
    /** Called with every gateway packet, before the bot's own handlers. */
    raw?(payload: RawGatewayPacket, shardId: number): unknown;
  };
  /** The gateway manager; only `calculateShardId` and `sendPayload` are used. */
  gateway: {
    /** The shard that carries a guild's gateway traffic. */
    calculateShardId(guildId: string): number;
    /** Sends a gateway payload through a shard. */
    sendPayload(shardId: number, payload: GatewayVoicePayload): Promise<void>;
  };
}

/**
 * A `send` option for {@link SonoraClient} that sends voice payloads through the discordeno shard
 * of the guild: `new SonoraClient(nodes, { userId, send: discordenoSend(bot) })`.
 */
export function discordenoSend(
  bot: DiscordenoLikeBot,
): (guildId: string, payload: GatewayVoicePayload) => Promise<void> {
  checkLibraryClient("bot", bot, ["gateway.calculateShardId", "gateway.sendPayload"], "discordeno");
  return (guildId, payload) => bot.gateway.sendPayload(bot.gateway.calculateShardId(guildId), payload);
}

/**
 * Forwards discordeno's `raw` event (every gateway packet) to `client.handleRaw` by wrapping
 * `bot.events.raw`; a `raw` handler the bot already had keeps running after it. Returns a function
 * that puts the previous handler back.
 */
export function attachDiscordeno(client: SonoraClient, bot: DiscordenoLikeBot): () => void {
  checkSonoraClient(client);
  const events = bot?.events;
  if (typeof events !== "object" || events === null) {
    throw new InvalidOptionError("bot", typeof bot, "a discordeno bot (it has no events)");
  }
  const previous = events.raw;
  const raw = (payload: RawGatewayPacket, shardId: number): unknown => {
    if (isVoiceDispatch(payload)) void client.handleRaw(payload);
    return previous?.call(events, payload, shardId);
  };
  events.raw = raw;
  return () => {
    // Someone may have replaced the handler since: only our own is taken back.
    if (events.raw !== raw) return;
    if (previous === undefined) delete events.raw;
    else events.raw = previous;
  };
}
