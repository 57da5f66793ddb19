import type { SonoraClient } from "../client.js";
import type { GatewayVoicePayload } from "../player/player.js";
import { checkLibraryClient, checkSonoraClient, isVoiceDispatch } from "./connector-checks.js";
import type { RawGatewayPacket } from "./handler.js";

/**
 * The parts of an Oceanic.js `Client` the connector uses, typed structurally so that Sonora does
 * not depend on Oceanic.js (1.x).
 */
export interface OceanicLikeClient {
  /** Subscribes to `packet`: every dispatch a shard receives, before Oceanic handles it. */
  on(event: "packet", listener: (packet: RawGatewayPacket, shardId: number) => void): unknown;
  /** Unsubscribes from `packet`. */
  off(event: "packet", listener: (packet: RawGatewayPacket, shardId: number) => void): unknown;
  /** The guild cache; only `get(id).shard.send` is used. */
  guilds: {
    /** The cached guild, or undefined when the bot is not in it. */
    get(id: string): OceanicLikeGuild | undefined;
  };
}

/** The parts of an Oceanic.js `Guild` the connector uses. */
export interface OceanicLikeGuild {
  /** The shard that carries the guild's gateway traffic. */
  shard: {
    /** Sends a gateway payload as its opcode and data. */
    send(op: number, data: unknown, priority?: boolean): unknown;
  };
}

/**
 * A `send` option for {@link SonoraClient} that sends voice payloads through the Oceanic.js shard
 * of the guild: `new SonoraClient(nodes, { userId, send: oceanicSend(bot) })`.
 */
export function oceanicSend(
  oceanic: OceanicLikeClient,
): (guildId: string, payload: GatewayVoicePayload) => void {
  checkLibraryClient("oceanic", oceanic, ["guilds.get"], "Oceanic.js");
  return (guildId, payload) => {
    // A guild the bot is not in cannot be joined; dropping the payload is what Discord would do.
    oceanic.guilds.get(guildId)?.shard.send(payload.op, payload.d);
  };
}

/**
 * Forwards Oceanic.js's `packet` dispatches (the voice ones among them) to `client.handleRaw`.
 * Returns a function that removes the listener (call it before closing the client).
 */
export function attachOceanic(client: SonoraClient, oceanic: OceanicLikeClient): () => void {
  checkSonoraClient(client);
  checkLibraryClient("oceanic", oceanic, ["on", "off"], "Oceanic.js");
  const listener = (packet: RawGatewayPacket) => {
    if (isVoiceDispatch(packet)) void client.handleRaw(packet);
  };
  oceanic.on("packet", listener);
  return () => oceanic.off("packet", listener);
}
