import type { VoiceState } from "../../protocol/index.js";

/** The `d` of a Discord VOICE_STATE_UPDATE dispatch (the fields Sonora reads). */
export interface VoiceStateUpdateData {
  guild_id?: string | null;
  channel_id: string | null;
  user_id: string;
  session_id: string;
}

/** The `d` of a Discord VOICE_SERVER_UPDATE dispatch. */
export interface VoiceServerUpdateData {
  guild_id: string;
  token: string;
  /** Null while Discord reallocates the voice server; a non-null update follows. */
  endpoint: string | null;
}

/**
 * The two halves of a player's voice connection as Discord reports them: the session (from the
 * bot's own VOICE_STATE_UPDATE) and the server (VOICE_SERVER_UPDATE). They arrive in either order;
 * Lavalink needs all four fields at once.
 */
export class PlayerVoice {
  /** Voice channel the bot is in (or asked to join), null when not in one. */
  channelId: string | null = null;
  sessionId: string | null = null;
  token: string | null = null;
  endpoint: string | null = null;
  /** Fingerprint of the last state sent to the node, to avoid resending an unchanged state. */
  private sent: string | null = null;

  /** Complete voice state, or null while a half is missing. */
  get state(): VoiceState | null {
    if (this.sessionId === null || this.token === null || this.endpoint === null || this.channelId === null) {
      return null;
    }
    return {
      token: this.token,
      endpoint: this.endpoint,
      sessionId: this.sessionId,
      channelId: this.channelId,
    };
  }

  /** Applies the bot's VOICE_STATE_UPDATE. Returns "left" when the bot left the channel. */
  applyState(d: VoiceStateUpdateData): "left" | "updated" {
    if (d.channel_id === null) {
      this.clear();
      return "left";
    }
    // The server half is kept even when the session changes: Discord may send the new server
    // half before the new session half, and a stale pair is simply replaced when both arrive.
    this.sessionId = d.session_id;
    this.channelId = d.channel_id;
    return "updated";
  }

  /** Applies a VOICE_SERVER_UPDATE. */
  applyServer(d: VoiceServerUpdateData): void {
    this.token = d.token;
    this.endpoint = d.endpoint;
  }

  /** The complete state if it differs from what the node last received, else null. */
  takeUnsent(): VoiceState | null {
    const state = this.state;
    if (state === null) return null;
    const fingerprint = `${state.sessionId}|${state.token}|${state.endpoint}|${state.channelId}`;
    if (fingerprint === this.sent) return null;
    this.sent = fingerprint;
    return state;
  }

  /** Forgets what was sent, so the next {@link takeUnsent} returns the state again (new node/session). */
  markUnsent(): void {
    this.sent = null;
  }

  /**
   * @internal Takes a stored voice state (a restarted process), counted as already sent: the session the
   * process resumes still has it. A rebuild on a new session sends it again (see markUnsent).
   */
  restore(voice: {
    channelId: string | null;
    sessionId: string | null;
    token: string | null;
    endpoint: string | null;
  }): void {
    this.channelId = voice.channelId;
    this.sessionId = voice.sessionId;
    this.token = voice.token;
    this.endpoint = voice.endpoint;
    this.sent = null;
    this.takeUnsent();
  }

  /** Forgets everything (the bot left the channel). */
  clear(): void {
    this.channelId = this.sessionId = this.token = this.endpoint = this.sent = null;
  }
}
