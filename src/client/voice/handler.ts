import { parseSnowflake } from "../guild-id.js";
import type { VoiceServerUpdateData, VoiceStateUpdateData } from "./voice-state.js";

/** A Discord gateway dispatch as libraries forward it (`{ t, d }`; other fields are ignored). */
export interface RawGatewayPacket {
  t?: string | null;
  d?: unknown;
}

/** The voice side of a player, as the client holds it (the player's internal control). @internal */
export interface VoiceTarget {
  readonly player: { readonly destroyed: boolean };
  /** The bot's VOICE_STATE_UPDATE in a channel. */
  applyVoiceState(d: VoiceStateUpdateData): void;
  /** A VOICE_SERVER_UPDATE. */
  applyVoiceServer(d: VoiceServerUpdateData): void;
  /** The bot left the channel (`userId`: the bot). */
  voiceLeft(userId: string): void;
  /** Sends the node the voice state if it is complete and changed. */
  flushVoice(): Promise<boolean>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/**
 * Applies one gateway dispatch to the player of its guild and sends the node the voice state
 * once both halves are known. Ignores everything else: other users' voice states, guilds
 * without a player, other dispatch types. @internal
 */
export async function handleVoicePacket<T extends VoiceTarget>(
  packet: RawGatewayPacket,
  userId: string,
  players: (guildId: string) => T | undefined,
  onLeft: (target: T) => void,
): Promise<void> {
  if (!isRecord(packet) || !isRecord(packet.d)) return;
  if (packet.t === "VOICE_STATE_UPDATE") {
    const d = packet.d as Partial<VoiceStateUpdateData>;
    // Ids go through the client's one snowflake parser, so players keyed "123" match either form.
    const guildId = parseSnowflake(d.guild_id);
    if (parseSnowflake(d.user_id) !== userId || guildId === null) return;
    const target = players(guildId);
    if (target === undefined || target.player.destroyed) return;
    if (d.channel_id === null || d.channel_id === undefined) {
      target.voiceLeft(userId);
      onLeft(target);
      return;
    }
    const channelId = parseSnowflake(d.channel_id);
    if (channelId === null || typeof d.session_id !== "string") return;
    target.applyVoiceState({
      guild_id: guildId,
      channel_id: channelId,
      user_id: userId,
      session_id: d.session_id,
    });
    await target.flushVoice();
  } else if (packet.t === "VOICE_SERVER_UPDATE") {
    const d = packet.d as Partial<VoiceServerUpdateData>;
    const guildId = parseSnowflake(d.guild_id);
    if (guildId === null || typeof d.token !== "string") return;
    const target = players(guildId);
    if (target === undefined || target.player.destroyed) return;
    target.applyVoiceServer({ guild_id: guildId, token: d.token, endpoint: d.endpoint ?? null });
    await target.flushVoice();
  }
}
