import type { UpdatePlayerRequest, VoiceState } from "../../protocol/index.js";
import { toGuildId } from "../guild-id.js";
import type { PlayerVoice, VoiceServerUpdateData, VoiceStateUpdateData } from "../voice/voice-state.js";
import type { PlayerMirror } from "./mirror.js";

/** The discord gateway payload (op 4, voice state update) a player asks the bot to send. */
export interface GatewayVoicePayload {
  op: 4;
  d: { guild_id: string; channel_id: string | null; self_mute: boolean; self_deaf: boolean };
}

/** Options of `player.connect`. */
export interface ConnectOptions {
  selfDeaf?: boolean;
  selfMute?: boolean;
}

/** What the voice part needs around it. */
export interface VoiceHost {
  /** Sends a gateway payload to Discord (throws VoiceNotConfiguredError without `send`). */
  sendGateway(guildId: string, payload: GatewayVoicePayload): Promise<void>;
  /** Sends a request to the node (after any move in progress). */
  update(request: UpdatePlayerRequest): Promise<void>;
  /** True when the voice state may be sent now: the player lives and its node is ready. */
  canSend(): boolean;
  /** The complete voice state reached the node. */
  sent(): void;
}

/**
 * A player's voice connection: asks Discord to join or leave (through the bot's gateway), takes
 * Discord's two voice events, and sends the node the voice state once it is complete and changed.
 */
export class VoiceConnection {
  constructor(
    private readonly guildId: string,
    private readonly voice: PlayerVoice,
    private readonly mirror: PlayerMirror,
    private readonly host: VoiceHost,
  ) {}

  /** Asks Discord to join `channelId`. */
  async join(channelId: string, options: ConnectOptions): Promise<void> {
    const channel = toGuildId(channelId);
    this.voice.channelId = channel;
    await this.host.sendGateway(this.guildId, {
      op: 4,
      d: {
        guild_id: this.guildId,
        channel_id: channel,
        self_mute: options.selfMute ?? false,
        self_deaf: options.selfDeaf ?? false,
      },
    });
  }

  /** Asks Discord to leave the channel. */
  async leave(): Promise<void> {
    this.voice.clear();
    this.mirror.connected = false;
    await this.sendLeave();
  }

  /** Leaves on destroy: forgets the voice state and, if in a channel, asks Discord to leave (best effort). */
  async leaveForGood(): Promise<void> {
    const inChannel = this.voice.channelId !== null;
    this.voice.clear();
    if (inChannel) await this.sendLeave().catch(() => undefined);
  }

  /** Discord reported the bot's voice state in a channel. */
  applyState(d: VoiceStateUpdateData): void {
    this.voice.applyState(d);
  }

  /** Discord reported the voice server. */
  applyServer(d: VoiceServerUpdateData): void {
    this.voice.applyServer(d);
  }

  /** Discord reported that the bot left the channel. */
  left(userId: string): void {
    this.voice.applyState({ guild_id: this.guildId, channel_id: null, user_id: userId, session_id: "" });
    this.mirror.connected = false;
  }

  /** Sends the voice state to the node if it is complete and changed; true when it was sent. */
  async flush(): Promise<boolean> {
    if (!this.host.canSend()) return false;
    const voice = this.voice.takeUnsent();
    if (voice === null) return false;
    try {
      await this.host.update({ voice });
    } catch (error) {
      this.voice.markUnsent();
      throw error;
    }
    this.host.sent();
    return true;
  }

  /** The complete voice state for a new node or session (sent again even if unchanged), or null. */
  forRestore(): VoiceState | null {
    this.voice.markUnsent();
    return this.voice.takeUnsent();
  }

  private sendLeave(): Promise<void> {
    return this.host.sendGateway(this.guildId, {
      op: 4,
      d: { guild_id: this.guildId, channel_id: null, self_mute: false, self_deaf: false },
    });
  }
}
