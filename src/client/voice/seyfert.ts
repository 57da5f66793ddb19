import type { SonoraClient } from "../client.js";
import { ClientStateError } from "../errors/client-state-error.js";
import { InvalidOptionError } from "../errors/invalid-option-error.js";
import type { GatewayVoicePayload } from "../player/player.js";
import { checkSonoraClient, isVoiceDispatch } from "./connector-checks.js";
import type { RawGatewayPacket } from "./handler.js";

/**
 * The parts of a Seyfert `Client` the connector uses, typed structurally so that Sonora does not
 * depend on Seyfert (3.x to 5.x).
 */
export interface SeyfertLikeClient {
  /** Seyfert's event handler; the connector takes the `RAW` slot (chaining any event already there). */
  events?: { values: { RAW?: SeyfertLikeEvent | undefined } } | undefined;
  /** The shard manager (set by `client.start()`); only `calculateShardId` and `send` are used. */
  gateway?: SeyfertLikeGateway | undefined;
}

/** The parts of Seyfert's `ShardManager` the connector uses. */
export interface SeyfertLikeGateway {
  /** The shard that carries a guild's gateway traffic. */
  calculateShardId(guildId: string): number;
  /** Sends a gateway payload through a shard. */
  send(shardId: number, payload: GatewayVoicePayload): unknown;
}

/** A Seyfert event as `client.events.values` holds it. */
export interface SeyfertLikeEvent {
  /** Event name and whether it runs once. */
  data: { name: string; once?: boolean };
  /** Runs with the packet, the client and the shard id. */
  run(packet: RawGatewayPacket, client: unknown, shardId: number): unknown;
}

/**
 * A `send` option for {@link SonoraClient} that sends voice payloads through the Seyfert shard of
 * the guild: `new SonoraClient(nodes, { userId, send: seyfertSend(bot) })`. The bot must be
 * started (`bot.start()`) before a player joins: the shard manager exists from then on.
 */
export function seyfertSend(
  seyfert: SeyfertLikeClient,
): (guildId: string, payload: GatewayVoicePayload) => Promise<void> {
  if (typeof seyfert !== "object" || seyfert === null) {
    throw new InvalidOptionError("seyfert", seyfert, "a Seyfert client");
  }
  return async (guildId, payload) => {
    const gateway = seyfert.gateway;
    if (gateway === undefined) {
      throw new ClientStateError(
        "the Seyfert client has no gateway yet: call bot.start() before joining voice",
      );
    }
    await gateway.send(gateway.calculateShardId(guildId), payload);
  };
}

/**
 * Forwards Seyfert's `RAW` event (every dispatch a shard receives) to `client.handleRaw`, by taking
 * the `RAW` slot of `bot.events.values`; a `raw` event the bot already had keeps running after it.
 * Attach after `bot.start()` loaded the bot's event files (loading them would replace the slot).
 * Returns a function that gives the slot back.
 */
export function attachSeyfert(client: SonoraClient, seyfert: SeyfertLikeClient): () => void {
  checkSonoraClient(client);
  const values = seyfert?.events?.values;
  if (typeof values !== "object" || values === null) {
    throw new InvalidOptionError("seyfert", typeof seyfert, "a Seyfert client (it has no events.values)");
  }
  const previous = values.RAW;
  const event: SeyfertLikeEvent = {
    data: { name: "raw" },
    run(packet, bot, shardId) {
      if (isVoiceDispatch(packet)) void client.handleRaw(packet);
      return previous?.run(packet, bot, shardId);
    },
  };
  values.RAW = event;
  return () => {
    // Someone may have replaced the slot since: only our own entry is taken back.
    if (values.RAW === event) values.RAW = previous;
  };
}
