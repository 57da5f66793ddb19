import { SonoraError } from "../../base/errors/sonora-error.js";

/** `player.connect` needs the `send` client option to reach Discord's gateway. */
export class VoiceNotConfiguredError extends SonoraError {
  readonly code = "VOICE_NOT_CONFIGURED";
  constructor(readonly guildId: string) {
    super(
      `cannot join a voice channel in guild ${guildId}: the client has no \`send\` option; pass ` +
        "`send: (guildId, payload) => shard.send(payload)` to new SonoraClient(...)",
    );
  }
}
