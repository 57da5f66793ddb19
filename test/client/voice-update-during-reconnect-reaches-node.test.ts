import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/base/clock/index.js";
import { BOT, clientForTest, drive, nodeFor, simForTest, until } from "./helpers.js";

const GUILD = "100";
const stateUpdate = (session: string) => ({
  t: "VOICE_STATE_UPDATE",
  d: { guild_id: GUILD, channel_id: "900", user_id: BOT, session_id: session },
});
const serverUpdate = (token: string, endpoint: string) => ({
  t: "VOICE_SERVER_UPDATE",
  d: { guild_id: GUILD, token, endpoint },
});

describe("a voice update that arrives while the node is reconnecting", () => {
  it("reaches the node once its session is resumed", async () => {
    const clock = new VirtualClock();
    const sim = await simForTest(clock);
    const client = clientForTest([nodeFor(sim, "main")], clock, { send: () => undefined });
    await client.start();
    const node = client.nodes.get("main")!;
    const session = node.sessionId!;
    const player = await client.getPlayer(GUILD);
    await player.connect("900");
    await client.handleRaw(stateUpdate("s-1"));
    await client.handleRaw(serverUpdate("tok-1", "eu.discord.media:443"));
    expect(sim.getPlayer(session, GUILD)?.voice.token).toBe("tok-1");

    sim.dropConnection(session);
    await until(() => node.state === "reconnecting", "the socket dropped");
    // Discord moved the voice server meanwhile.
    await client.handleRaw(serverUpdate("tok-2", "us.discord.media:443"));
    const resumed = client.waitFor("nodeResumed");
    await drive(clock, resumed, 250);
    await drive(
      clock,
      until(
        () => sim.getPlayer(session, GUILD)?.voice.token === "tok-2",
        "the new voice server reaches the node",
      ),
      250,
      40,
    ).catch(() => undefined);
    expect(node.sessionId).toBe(session);
    expect(sim.getPlayer(session, GUILD)?.voice).toEqual({
      token: "tok-2",
      endpoint: "us.discord.media:443",
      sessionId: "s-1",
      channelId: "900",
    });
  });
});
