/**
 * What the compat tests stand in for Discord with: the bot's id, a guild and channel, and the two
 * gateway dispatches Discord answers a voice join (op 4) with.
 */
export const BOT_ID = "170939974227541168";
export const GUILD = "111111111111111111";
export const CHANNEL = "222222222222222222";

/** A gateway dispatch as Discord libraries hand it to Lavalink clients (`{ t, d }`). */
export interface VoicePacket {
  t: "VOICE_STATE_UPDATE" | "VOICE_SERVER_UPDATE";
  d: Record<string, unknown>;
}

/** The dispatches Discord sends after the bot asks to join `channelId` (or leave, with null). */
export function voiceAnswer(guildId: string, channelId: string | null): VoicePacket[] {
  const state: VoicePacket = {
    t: "VOICE_STATE_UPDATE",
    d: {
      guild_id: guildId,
      channel_id: channelId,
      user_id: BOT_ID,
      session_id: "voice-session-1",
      self_deaf: true,
      self_mute: false,
    },
  };
  if (channelId === null) return [state];
  return [
    state,
    {
      t: "VOICE_SERVER_UPDATE",
      d: { guild_id: guildId, token: "voice-token", endpoint: "rotterdam1234.discord.media:443" },
    },
  ];
}

/** Reads an op-4 payload a client sends (an object or its JSON text). */
export function readJoin(payload: unknown): { guildId: string; channelId: string | null } {
  const p = (typeof payload === "string" ? JSON.parse(payload) : payload) as {
    d: { guild_id: string; channel_id: string | null };
  };
  return { guildId: p.d.guild_id, channelId: p.d.channel_id };
}
