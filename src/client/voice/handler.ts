import { parseSnowflake } from "../guild-id.js";
import type { Player } from "../player/player.js";
import type { VoiceServerUpdateData, VoiceStateUpdateData } from "./voice-state.js";

/** A Discord gateway dispatch as libraries forward it (`{ t, d }`; other fields are ignored). */
export interface RawGatewayPacket {
  t?: string | null;
  d?: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/**
 * Applies one gateway dispatch to the player of its guild and sends the node the voice state
 * once both halves are known. Ignores everything else: other users' voice states, guilds
 * without a player, other dispatch types.
 */
export async function handleVoicePacket(
  packet: RawGatewayPacket,
  userId: string,
  players: ReadonlyMap<string, Player>,
  onLeft: (player: Player) => void,
): Promise<void> {
  if (!isRecord(packet) || !isRecord(packet.d)) return;
  if (packet.t === "VOICE_STATE_UPDATE") {
    const d = packet.d as Partial<VoiceStateUpdateData>;
    // Ids go through the client's one snowflake parser, so players keyed "123" match either form.
    const guildId = parseSnowflake(d.guild_id);
    if (parseSnowflake(d.user_id) !== userId || guildId === null) return;
    const player = players.get(guildId);
    if (player === undefined || player.destroyed) return;
    if (d.channel_id === null || d.channel_id === undefined) {
      player.voice.applyState({ guild_id: guildId, channel_id: null, user_id: userId, session_id: "" });
      player.connected = false;
      onLeft(player);
      return;
    }
    const channelId = parseSnowflake(d.channel_id);
    if (channelId === null || typeof d.session_id !== "string") return;
    player.voice.applyState({
      guild_id: guildId,
      channel_id: channelId,
      user_id: userId,
      session_id: d.session_id,
    });
    await player.flushVoice();
  } else if (packet.t === "VOICE_SERVER_UPDATE") {
    const d = packet.d as Partial<VoiceServerUpdateData>;
    const guildId = parseSnowflake(d.guild_id);
    if (guildId === null || typeof d.token !== "string") return;
    const player = players.get(guildId);
    if (player === undefined || player.destroyed) return;
    player.voice.applyServer({ guild_id: guildId, token: d.token, endpoint: d.endpoint ?? null });
    await player.flushVoice();
  }
}
