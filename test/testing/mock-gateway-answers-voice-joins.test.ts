import { afterEach, describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/base/clock/index.js";
import { type RawGatewayPacket, SonoraClient } from "../../src/index.js";
import {
  createTestEnvironment,
  MockGateway,
  TEST_CHANNEL_ID,
  TEST_GUILD_ID,
  type TestEnvironment,
  TestingError,
} from "../../src/testing/index.js";

let env: TestEnvironment | undefined;
afterEach(async () => {
  await env?.dispose();
  env = undefined;
});

const types = (packets: readonly RawGatewayPacket[]) => packets.map((p) => p.t);

describe("MockGateway answers op-4 voice joins like Discord's gateway", () => {
  it("answers a join with discord.js-shaped VOICE_STATE_UPDATE then VOICE_SERVER_UPDATE", async () => {
    env = await createTestEnvironment();
    await env.player();
    expect(types(env.gateway.delivered)).toEqual(["VOICE_STATE_UPDATE", "VOICE_SERVER_UPDATE"]);
    expect(env.gateway.delivered[0]?.d).toMatchObject({
      guild_id: TEST_GUILD_ID,
      channel_id: TEST_CHANNEL_ID,
      user_id: env.client.userId,
      session_id: `mock-voice-session-${TEST_GUILD_ID}-1`,
    });
    expect(env.gateway.delivered[1]?.d).toEqual({
      guild_id: TEST_GUILD_ID,
      token: "mock-voice-token-1",
      endpoint: "mock.discord.media:443",
    });
    expect(env.gateway.channels.get(TEST_GUILD_ID)).toBe(TEST_CHANNEL_ID);
    expect(env.simulator.getPlayer(undefined, TEST_GUILD_ID)?.voice).toEqual({
      token: "mock-voice-token-1",
      endpoint: "mock.discord.media:443",
      sessionId: `mock-voice-session-${TEST_GUILD_ID}-1`,
      channelId: TEST_CHANNEL_ID,
    });
  });

  it("server-first order and latency on the virtual clock: nothing reaches the node before time passes", async () => {
    env = await createTestEnvironment({ gateway: { order: "server-first", latencyMs: 250 } });
    const player = await env.client.getPlayer("42");
    await player.connect("43");
    await env.settle();
    expect(env.gateway.delivered).toHaveLength(0);
    await env.advance(250, { stepMs: 250 });
    expect(types(env.gateway.delivered)).toEqual(["VOICE_SERVER_UPDATE"]);
    expect(env.simulator.getPlayer(undefined, "42")).toBeUndefined(); // half a voice state is not sent
    await env.advance(250, { stepMs: 250 });
    expect(types(env.gateway.delivered)).toEqual(["VOICE_SERVER_UPDATE", "VOICE_STATE_UPDATE"]);
    expect(env.simulator.getPlayer(undefined, "42")?.voice.channelId).toBe("43");
  });

  it("a refused join gets no answer; a kick and a leave are answered with channel_id null", async () => {
    env = await createTestEnvironment({ gateway: { refuse: (_guild, channel) => channel === "666" } });
    const refused = await env.player("7", { channelId: "666" });
    expect(env.gateway.sent.at(-1)).toMatchObject({ guildId: "7", answered: false });
    expect(env.gateway.delivered).toHaveLength(0);
    expect(refused.channelId).toBe("666"); // asked, never confirmed
    expect(env.simulator.getPlayer(undefined, "7")).toBeUndefined();

    const player = await env.player("8", { channelId: "800" });
    const left = env.waitForEvent("voiceDisconnect");
    env.gateway.kick("8");
    await env.settle();
    expect((await left)[0]).toBe(player);
    expect(player.channelId).toBeNull();

    await env.player("9", { channelId: "900" });
    const p9 = await env.client.getPlayer("9");
    await p9.disconnect();
    await env.settle();
    expect(env.gateway.sent.at(-1)?.payload.d.channel_id).toBeNull();
    expect(env.gateway.delivered.at(-1)?.d).toMatchObject({ guild_id: "9", channel_id: null });
    expect(env.gateway.channels.has("9")).toBe(false);
  });

  it("random order is seeded: the same seed gives the same sequence", async () => {
    const run = async (seed: number) => {
      const clock = new VirtualClock();
      const gateway = new MockGateway({ userId: "1", order: "random", seed, clock });
      const seen = new Map<string, string>();
      gateway.attach({
        handleRaw: async (p) => {
          const guild = (p.d as { guild_id: string }).guild_id;
          seen.set(guild, (seen.get(guild) ?? "") + (p.t === "VOICE_STATE_UPDATE" ? "T" : "V"));
        },
      });
      for (let i = 0; i < 12; i++) {
        gateway.send(String(100 + i), {
          op: 4,
          d: { guild_id: String(100 + i), channel_id: "5", self_mute: false, self_deaf: false },
        });
      }
      expect(gateway.pending).toBe(24);
      await gateway.settled();
      expect(gateway.pending).toBe(0);
      return [...seen.values()];
    };
    const a = await run(5);
    expect(await run(5)).toEqual(a);
    expect(a).toHaveLength(12);
    // Each join gets both halves, and with this seed both orders occur.
    expect(new Set(a)).toEqual(new Set(["TV", "VT"]));
  });

  it("changeServer re-sends the voice state to the node; bad options throw TestingError", async () => {
    env = await createTestEnvironment();
    await env.player();
    env.gateway.changeServer(TEST_GUILD_ID, "moved.discord.media:443");
    await env.settle();
    expect(env.simulator.getPlayer(undefined, TEST_GUILD_ID)?.voice.endpoint).toBe("moved.discord.media:443");
    expect(() => new MockGateway({ userId: "bot" })).toThrow(TestingError);
    expect(() => new MockGateway({ userId: "1", latencyMs: -5 })).toThrow(/latencyMs/);
    // The gateway works with a client built by hand too.
    const gateway = new MockGateway({ userId: "170000000000000001" });
    const client = new SonoraClient([env.node], {
      userId: "170000000000000001",
      send: gateway.send,
      clock: env.clock,
    });
    gateway.attach(client);
    await client.start();
    const player = await client.getPlayer("77");
    await player.connect("78");
    await gateway.settled();
    expect(player.voice.state?.channelId).toBe("78");
    gateway.close();
    await client.close();
  });
});
