import type { FaultCommon } from "../common.js";
import type { FaultTypeModule } from "../fault-type.js";

/** Discord closes a player's voice connection; decided per `playerUpdate` of a connected player. */
export interface VoiceCloseFaultSpec extends FaultCommon {
  type: "voice-close";
  code?: number;
  reason?: string;
  byRemote?: boolean;
}

/**
 * `voice-close`: decided on each `playerUpdate` of a player whose voice is connected; the hit
 * closes that player's voice (WebSocketClosedEvent, then a player update with `connected: false`).
 */
export const voiceClose: FaultTypeModule<VoiceCloseFaultSpec> = {
  type: "voice-close",
  attributes: { code: "number", reason: "string", byRemote: "boolean" },
  fixedScope: "ws",
  validate(spec, check) {
    check.number("code", spec.code, 0);
  },
  applies: (unit) =>
    unit.channel === "ws" &&
    unit.direction === "downstream" &&
    unit.op === "playerUpdate" &&
    unit.payload?.includes('"connected":true') === true,
  hit(fault) {
    return {
      kind: "followUp",
      // One voice can only be closed once per frame.
      slot: "voice-close",
      effect: `voice closed ${fault.code ?? 4006}`,
      run({ host, sessionId, guildId }) {
        // After the frame that triggered it, never from inside the send path.
        queueMicrotask(() => {
          try {
            host.closeVoice(sessionId, guildId, {
              ...(fault.code === undefined ? {} : { code: fault.code }),
              ...(fault.reason === undefined ? {} : { reason: fault.reason }),
              ...(fault.byRemote === undefined ? {} : { byRemote: fault.byRemote }),
            });
          } catch {
            // The player went away in between: nothing to close.
          }
        });
      },
    };
  },
};
