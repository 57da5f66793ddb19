import { expect } from "vitest";
import type { GatewayVoicePayload, SonoraClient } from "../../src/index.js";
import type { TestEnvironment as SonoraEnv } from "../../src/testing/index.js";
import { TEST_BOT_ID, waitUntil } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

/** The guild and channel every connector test joins. */
export const GUILD = "81384788765712384";
export const CHANNEL = "81384788765712385";
export const BOT_ID = TEST_BOT_ID;

/** Discord's VOICE_STATE_UPDATE dispatch for the bot, as a shard receives it. */
export function voiceStateDispatch(seq: number): { op: 0; s: number; t: string; d: Record<string, unknown> } {
  return {
    op: 0,
    s: seq,
    t: "VOICE_STATE_UPDATE",
    d: {
      guild_id: GUILD,
      channel_id: CHANNEL,
      user_id: BOT_ID,
      session_id: "voice-session-1",
      deaf: false,
      mute: false,
      self_deaf: true,
      self_mute: false,
      self_video: false,
      suppress: false,
      request_to_speak_timestamp: null,
    },
  };
}

/** Discord's VOICE_SERVER_UPDATE dispatch, as a shard receives it. */
export function voiceServerDispatch(seq: number): {
  op: 0;
  s: number;
  t: string;
  d: Record<string, unknown>;
} {
  return {
    op: 0,
    s: seq,
    t: "VOICE_SERVER_UPDATE",
    d: { guild_id: GUILD, token: "voice-token-1", endpoint: "eu.discord.media:443" },
  };
}

/** The op-4 payload `player.connect(CHANNEL, { selfDeaf: true })` must send. */
export const JOIN: GatewayVoicePayload = {
  op: 4,
  d: { guild_id: GUILD, channel_id: CHANNEL, self_mute: false, self_deaf: true },
};

/** A test environment with one simulator and a started client whose voice goes through `send`. */
export async function connectorEnv(
  send: (guildId: string, payload: GatewayVoicePayload) => unknown,
): Promise<{ env: SonoraEnv; client: SonoraClient }> {
  const env = await sonoraEnv({ nodes: ["main"], connect: false });
  const client = env.createClient({
    ...STEADY_CLIENT,
    userId: BOT_ID,
    send: send as (guildId: string, payload: GatewayVoicePayload) => void,
  });
  await client.start();
  return { env, client };
}

/**
 * After the library delivered both voice dispatches: the player holds Discord's voice state and
 * the simulator's player got it from the client.
 */
export async function expectVoiceReachedNode(env: SonoraEnv, client: SonoraClient): Promise<void> {
  const player = client.players.get(GUILD)!;
  const session = client.nodes.get("main")!.sessionId!;
  await waitUntil(() => env.simulator.getPlayer(session, GUILD)?.voice !== undefined, {
    description: "the node to get the voice state",
  });
  expect(player.voice.state).toEqual({
    token: "voice-token-1",
    endpoint: "eu.discord.media:443",
    sessionId: "voice-session-1",
    channelId: CHANNEL,
  });
  expect(env.simulator.getPlayer(session, GUILD)?.voice).toEqual(player.voice.state);
}
