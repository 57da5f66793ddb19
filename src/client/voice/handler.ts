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
    if (d.user_id !== userId || typeof d.guild_id !== "string") return;
    const target = players(d.guild_id);
    if (target === undefined || target.player.destroyed) return;
    if (d.channel_id === null || d.channel_id === undefined) {
      target.voiceLeft(userId);
      onLeft(target);
      return;
    }
    if (typeof d.channel_id !== "string" || typeof d.session_id !== "string") return;
    target.applyVoiceState(d as VoiceStateUpdateData);
    await target.flushVoice();
  } else if (packet.t === "VOICE_SERVER_UPDATE") {
    const d = packet.d as Partial<VoiceServerUpdateData>;
    if (typeof d.guild_id !== "string" || typeof d.token !== "string") return;
    const target = players(d.guild_id);
    if (target === undefined || target.player.destroyed) return;
    target.applyVoiceServer({ guild_id: d.guild_id, token: d.token, endpoint: d.endpoint ?? null });
    await target.flushVoice();
  }
}
