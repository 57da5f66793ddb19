import { describe, expect, it } from "vitest";
import { TEST_BOT_ID, waitUntil } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

const GUILD = "100";
const stateUpdate = (session: string) => ({
  t: "VOICE_STATE_UPDATE",
  d: { guild_id: GUILD, channel_id: "900", user_id: TEST_BOT_ID, session_id: session },
});
const serverUpdate = (token: string, endpoint: string) => ({
  t: "VOICE_SERVER_UPDATE",
  d: { guild_id: GUILD, token, endpoint },
});

describe("a voice update that arrives while the node is reconnecting", () => {
  it("reaches the node once its session is resumed", async () => {
    const env = await sonoraEnv({ nodes: ["main"], connect: false });
    const { simulator: sim } = env;
    const client = env.createClient({ ...STEADY_CLIENT, send: () => undefined });
    await client.start();
    const node = client.nodes.get("main")!;
    const session = node.sessionId!;
    const player = await client.getPlayer(GUILD);
    await player.connect("900");
    await client.handleRaw(stateUpdate("s-1"));
    await client.handleRaw(serverUpdate("tok-1", "eu.discord.media:443"));
    expect(sim.getPlayer(session, GUILD)?.voice.token).toBe("tok-1");

    sim.dropConnection(session);
    await waitUntil(() => node.state === "reconnecting", "the socket dropped");
    // Discord moved the voice server meanwhile.
    await client.handleRaw(serverUpdate("tok-2", "us.discord.media:443"));
    const resumed = client.waitFor("nodeResumed");
    await env.drive(resumed, { stepMs: 250 });
    await env
      .advanceUntil(() => sim.getPlayer(session, GUILD)?.voice.token === "tok-2", {
        description: "the new voice server reaches the node",
        stepMs: 250,
        maxMs: 10_000,
      })
      .catch(() => undefined);
    expect(node.sessionId).toBe(session);
    expect(sim.getPlayer(session, GUILD)?.voice).toEqual({
      token: "tok-2",
      endpoint: "us.discord.media:443",
      sessionId: "s-1",
      channelId: "900",
    });
  });
});
