import { afterEach, describe, expect, it } from "vitest";
import { SonoraClient } from "../../src/index.js";
import {
  createTestEnvironment,
  TEST_BOT_ID,
  TEST_CHANNEL_ID,
  TEST_GUILD_ID,
  type TestEnvironment,
  TestingError,
  WaitTimeoutError,
} from "../../src/testing/index.js";

let env: TestEnvironment | undefined;
afterEach(async () => {
  await env?.dispose();
  env = undefined;
});

describe("createTestEnvironment wires a simulator, a client and a mock gateway", () => {
  it("connects on a free port, joins voice through the gateway and plays a track to its end on virtual time", async () => {
    env = await createTestEnvironment({ seed: 11 });
    expect(env.simulator.running).toBe(true);
    expect(env.simulator.port).toBeGreaterThan(0);
    expect(env.client.clock).toBe(env.simulator.clock);
    expect(env.client.userId).toBe(TEST_BOT_ID);
    const node = env.client.nodes.get("simulator");
    expect(node?.state).toBe("ready");
    expect(env.simulator.sessions[0]?.id).toBe(node?.sessionId);

    const player = await env.player();
    expect(player.guildId).toBe(TEST_GUILD_ID);
    expect(env.gateway.sent[0]?.payload.d).toMatchObject({
      guild_id: TEST_GUILD_ID,
      channel_id: TEST_CHANNEL_ID,
    });
    expect(env.simulator.getPlayer(undefined, TEST_GUILD_ID)?.voice).toMatchObject({
      channelId: TEST_CHANNEL_ID,
      endpoint: "mock.discord.media:443",
    });

    const [track] = (await env.client.search("lofi")).tracks;
    if (track === undefined) throw new Error("the simulator's search returned no track");
    await player.play(track);
    const start = env.clock.now();
    const [endedPlayer, endedTrack, reason] = await env.advanceUntil("trackEnd");
    expect(endedPlayer).toBe(player);
    expect(endedTrack.identifier).toBe(track.identifier);
    expect(reason).toBe("finished");
    // Stepped by whole seconds: the end is seen within one step of the track's length.
    expect(env.clock.now() - start).toBeGreaterThanOrEqual(track.length);
    expect(env.clock.now() - start).toBeLessThanOrEqual(track.length + 1_000);
    expect(player.currentTrack).toBeNull();
  });

  it("advance() lets every frame of each step reach the client: positions follow the virtual clock exactly", async () => {
    env = await createTestEnvironment({ simulator: { playerUpdateInterval: 1_000 } });
    const player = await env.player();
    const loaded = await env.client.load("sonora:track:600000#steady");
    const track = loaded.tracks[0]!;
    await player.play(track);
    const updates: number[] = [];
    player.on("playerUpdate", (state) => updates.push(state.position));
    await env.advance(5_000);
    expect(updates).toEqual([1_000, 2_000, 3_000, 4_000, 5_000]);
    expect(player.position).toBe(5_000);
    expect(env.simulator.getPlayer(undefined, TEST_GUILD_ID)?.state.position).toBe(5_000);
  });

  it("drive(promise) advances virtual time until the promise settles, and gives up after maxMs", async () => {
    env = await createTestEnvironment();
    const start = env.clock.now();
    const later = new Promise<string>((resolve) => env!.clock.setTimeout(() => resolve("fired"), 4_500));
    expect(await env.drive(later)).toBe("fired");
    expect(env.clock.now() - start).toBe(5_000); // whole steps of 1 s
    const never = new Promise<never>(() => undefined);
    const error = await env.drive(never, { maxMs: 3_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect((error as WaitTimeoutError).timeoutMs).toBe(3_000);
    const failing = new Promise<never>((_, reject) =>
      env!.clock.setTimeout(() => reject(new Error("late")), 1_500),
    );
    await expect(env.drive(failing)).rejects.toThrow("late");
  });

  it("dispose() stops everything, is idempotent, and later use fails with a clear TestingError", async () => {
    const local = await createTestEnvironment();
    const sim = local.simulator;
    await local[Symbol.asyncDispose]();
    await local.dispose();
    expect(local.disposed).toBe(true);
    expect(sim.running).toBe(false);
    await expect(local.client.getPlayer("1")).rejects.toThrow(/closed/);
    const error = await local.advance(10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TestingError);
    expect(error).toMatchObject({ code: "TEST_DISPOSED" });
  });

  it("connect: false leaves the client unstarted; bad options throw TestingError naming the value", async () => {
    env = await createTestEnvironment({ connect: false });
    expect(env.client.nodes.get("simulator")?.state).not.toBe("ready");
    await env.client.start();
    expect(env.client.nodes.get("simulator")?.state).toBe("ready");
    // Extra clients can reach the same simulator through env.node.
    const other = new SonoraClient([env.node], { clock: env.clock });
    await other.start();
    expect(env.simulator.sessions).toHaveLength(2);
    await other.close();

    await expect(createTestEnvironment({ clock: "wall" as "real" })).rejects.toThrow(/clock must be/);
    await expect(createTestEnvironment({ stepMs: 0 })).rejects.toMatchObject({ code: "TEST_INVALID_OPTION" });
  });

  it("player(guild, { channelId: false }) stays out of voice; the real clock works too", async () => {
    env = await createTestEnvironment({ clock: "real", simulator: { timeScale: 50 } });
    const player = await env.player("555", { channelId: false });
    expect(env.gateway.sent).toHaveLength(0);
    const voiced = await env.player("556");
    expect(voiced.channelId).toBe(TEST_CHANNEL_ID);
    expect(env.simulator.getPlayer(undefined, "556")?.voice.channelId).toBe(TEST_CHANNEL_ID);
    expect(player.channelId).toBeNull();
  });
});
