import { describe, expect, it } from "vitest";
import { type GatewayVoicePayload, VoiceNotConfiguredError } from "../../src/client/index.js";
import { TEST_BOT_ID } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

const stateUpdate = (guild: string, channel: string | null, session = "sess-1", user = TEST_BOT_ID) => ({
  t: "VOICE_STATE_UPDATE",
  d: { guild_id: guild, channel_id: channel, user_id: user, session_id: session, deaf: false, mute: false },
});
const serverUpdate = (guild: string, token = "tok-1", endpoint: string | null = "eu.discord.media:443") => ({
  t: "VOICE_SERVER_UPDATE",
  d: { guild_id: guild, token, endpoint },
});

describe("voice: Discord's two halves reach Lavalink as one complete state", () => {
  it("joins, sends the op-4 payload, and forwards the voice state whichever half comes first", async () => {
    const env = await sonoraEnv({ nodes: ["main"], connect: false });
    const { simulator: sim } = env;
    const sent: [string, GatewayVoicePayload][] = [];
    const client = env.createClient({
      ...STEADY_CLIENT,
      send: (guildId, payload) => void sent.push([guildId, payload]),
    });
    await client.start();
    const session = client.nodes.get("main")!.sessionId!;

    // Server half first.
    const p1 = await client.getPlayer("100");
    await p1.connect("900", { selfDeaf: true });
    expect(sent).toEqual([
      ["100", { op: 4, d: { guild_id: "100", channel_id: "900", self_mute: false, self_deaf: true } }],
    ]);
    await client.handleRaw(serverUpdate("100"));
    expect(sim.getPlayer(session, "100")).toBeUndefined(); // half a state is not sent
    await client.handleRaw(stateUpdate("100", "900", "s-100", "333")); // another user: ignored
    await client.handleRaw(stateUpdate("100", "900", "s-100"));
    expect(sim.getPlayer(session, "100")?.voice).toEqual({
      token: "tok-1",
      endpoint: "eu.discord.media:443",
      sessionId: "s-100",
      channelId: "900",
    });

    // State half first.
    const p2 = await client.getPlayer("200");
    await p2.connect("901");
    const updates: string[] = [];
    client.on("voiceUpdate", (p) => updates.push(p.guildId));
    await client.handleRaw(stateUpdate("200", "901", "s-200"));
    expect(sim.getPlayer(session, "200")).toBeUndefined();
    await client.handleRaw(serverUpdate("200", "tok-2", null)); // Discord reallocating: wait
    expect(sim.getPlayer(session, "200")).toBeUndefined();
    await client.handleRaw(serverUpdate("200", "tok-2"));
    expect(sim.getPlayer(session, "200")?.voice).toMatchObject({
      token: "tok-2",
      sessionId: "s-200",
      channelId: "901",
    });

    // Moved to another channel: the node follows.
    await client.handleRaw(stateUpdate("200", "902", "s-200"));
    expect(sim.getPlayer(session, "200")?.voice.channelId).toBe("902");
    expect(p2.channelId).toBe("902");
    expect(updates).toEqual(["200", "200"]);

    // Kicked / left: channel_id null.
    const left = client.waitFor("voiceDisconnect");
    await client.handleRaw(stateUpdate("200", null, "s-200"));
    expect((await left)[0]).toBe(p2);
    expect(p2.channelId).toBeNull();

    // disconnect() sends the leave payload.
    await p1.disconnect();
    expect(sent.at(-1)).toEqual([
      "100",
      { op: 4, d: { guild_id: "100", channel_id: null, self_mute: false, self_deaf: false } },
    ]);
  });

  it("without `send`, connect throws a clear typed error", async () => {
    const env = await sonoraEnv({ nodes: ["main"], connect: false });
    const client = env.createClient(STEADY_CLIENT);
    await client.start();
    const player = await client.getPlayer("300");
    const error = await player.connect("900").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VoiceNotConfiguredError);
    expect((error as Error).message).toMatch(/send/);
  });
});
