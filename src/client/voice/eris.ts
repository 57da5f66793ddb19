import type { SonoraClient } from "../client.js";
import type { GatewayVoicePayload } from "../player/player.js";
import { checkLibraryClient, checkSonoraClient, isVoiceDispatch } from "./connector-checks.js";
import type { RawGatewayPacket } from "./handler.js";

/**
 * The parts of an Eris `Client` the connector uses, typed structurally so that Sonora does not
 * depend on Eris (0.17 and 0.18 fit).
 */
export interface ErisLikeClient {
  /** Subscribes to `rawWS`: every packet a shard receives, before Eris handles it. */
  on(event: "rawWS", listener: (packet: RawGatewayPacket, shardId: number) => void): unknown;
  /** Unsubscribes from `rawWS`. */
  off(event: "rawWS", listener: (packet: RawGatewayPacket, shardId: number) => void): unknown;
  /** The guild cache; only `get(id).shard.sendWS` is used. */
  guilds: {
    /** The cached guild, or undefined when the bot is not in it. */
    get(id: string): ErisLikeGuild | undefined;
  };
}

/** The parts of an Eris `Guild` the connector uses. */
export interface ErisLikeGuild {
  /** The shard that carries the guild's gateway traffic. */
  shard: {
    /** Sends a gateway payload as its opcode and data. */
    sendWS(op: number, data: unknown, priority?: boolean): unknown;
  };
}

/**
 * A `send` option for {@link SonoraClient} that sends voice payloads through the Eris shard of the
 * guild: `new SonoraClient(nodes, { userId, send: erisSend(bot) })`.
 */
export function erisSend(eris: ErisLikeClient): (guildId: string, payload: GatewayVoicePayload) => void {
  checkLibraryClient("eris", eris, ["guilds.get"], "Eris");
  return (guildId, payload) => {
    // A guild the bot is not in cannot be joined; dropping the payload is what Discord would do.
    eris.guilds.get(guildId)?.shard.sendWS(payload.op, payload.d);
  };
}

/**
 * Forwards Eris's `rawWS` packets (the voice dispatches among them) to `client.handleRaw`.
 * Returns a function that removes the listener (call it before closing the client).
 */
export function attachEris(client: SonoraClient, eris: ErisLikeClient): () => void {
  checkSonoraClient(client);
  checkLibraryClient("eris", eris, ["on", "off"], "Eris");
  const listener = (packet: RawGatewayPacket) => {
    if (isVoiceDispatch(packet)) void client.handleRaw(packet);
  };
  eris.on("rawWS", listener);
  return () => eris.off("rawWS", listener);
}
