import { afterEach, describe, expect, it } from "vitest";
import {
  AutoplayConfigError,
  AutoplayEngine,
  InvalidGuildIdError,
  InvalidOptionError,
  parseSnowflake,
  SonoraClient,
} from "../../src/index.js";
import {
  createTestEnvironment,
  MockGateway,
  type TestEnvironment,
  TestingError,
  VirtualClock,
} from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

/** Not snowflakes: a fraction, a negative, a number past 2^53 (digits already lost), letters. */
const BAD: readonly unknown[] = [1.5, -1, 2 ** 60, "abc"];

/** The error `make` throws (or rejects with). */
async function failure(make: () => unknown): Promise<unknown> {
  try {
    await make();
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

let env: TestEnvironment | undefined;
afterEach(async () => {
  await env?.dispose();
  env = undefined;
});

describe("every public entry parses Discord ids one way: 123 and '123' alike, the rest refused", () => {
  it("parseSnowflake is the one parser", () => {
    expect(parseSnowflake(123)).toBe("123");
    expect(parseSnowflake("123")).toBe("123");
    for (const bad of BAD) expect(parseSnowflake(bad)).toBeNull();
  });

  it("client.getPlayer and player.connect", async () => {
    const sent: string[] = [];
    const env = await sonoraEnv({ nodes: ["main"], connect: false });
    const client = env.createClient({
      ...STEADY_CLIENT,
      send: (_guild, payload) => void sent.push(String(payload.d.channel_id)),
    });
    await client.start();
    const byNumber = await client.getPlayer(123);
    expect(byNumber.guildId).toBe("123");
    expect(await client.getPlayer("123")).toBe(byNumber);
    for (const bad of BAD) {
      expect(await failure(() => client.getPlayer(bad as number))).toBeInstanceOf(InvalidGuildIdError);
    }
    await byNumber.connect(456 as unknown as string);
    await byNumber.connect("456");
    expect(sent).toEqual(["456", "456"]);
    for (const bad of BAD) {
      expect(await failure(() => byNumber.connect(bad as string))).toBeInstanceOf(InvalidGuildIdError);
    }
  });

  it("the client's userId option", async () => {
    const node = { host: "127.0.0.1", port: 1, password: "x" };
    const byNumber = new SonoraClient([node], { userId: 123, offline: false });
    const byString = new SonoraClient([node], { userId: "123", offline: false });
    expect(byNumber.userId).toBe("123");
    expect(byString.userId).toBe("123");
    await byNumber.close();
    await byString.close();
    for (const bad of BAD) {
      const error = await failure(() => new SonoraClient([node], { userId: bad as number, offline: false }));
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect((error as InvalidOptionError).option).toBe("userId");
    }
  });

  it("new AutoplayEngine (the seed's own call with a number now works)", async () => {
    expect(new AutoplayEngine(123).guildId).toBe("123");
    expect(new AutoplayEngine("123").guildId).toBe("123");
    for (const bad of BAD) {
      const error = await failure(() => new AutoplayEngine(bad as number));
      expect(error).toBeInstanceOf(AutoplayConfigError);
      expect((error as AutoplayConfigError).option).toBe("guildId");
      expect((error as Error).cause).toBeInstanceOf(InvalidGuildIdError);
    }
  });

  it("client.handleRaw matches a voice packet's numeric guild id to the player", async () => {
    const { client } = await sonoraEnv({ nodes: ["main"], client: STEADY_CLIENT });
    const player = await client.getPlayer("123");
    await client.handleRaw({
      t: "VOICE_SERVER_UPDATE",
      d: { guild_id: 123, token: "t1", endpoint: "e:443" },
    });
    expect(player.voice.token).toBe("t1");
    for (const bad of BAD) {
      await client.handleRaw({
        t: "VOICE_SERVER_UPDATE",
        d: { guild_id: bad, token: "t2", endpoint: "e:443" },
      });
    }
    expect(player.voice.token).toBe("t1");
  });

  it("the testing kit: env.player, its channelId, and MockGateway", async () => {
    env = await createTestEnvironment({ userId: 170000000000001 });
    expect(env.client.userId).toBe("170000000000001");
    const player = await env.player(123, { channelId: 456 });
    expect(player.guildId).toBe("123");
    expect(player.voice.channelId).toBe("456");
    expect(await env.player("123")).toBe(player);
    env.gateway.kick(123);
    await env.settle();
    expect(env.gateway.channels.has("123")).toBe(false);
    expect(player.voice.channelId).toBeNull();
    for (const bad of BAD) {
      expect(await failure(() => env!.player(bad as number))).toBeInstanceOf(InvalidGuildIdError);
      expect(await failure(() => env!.player("123", { channelId: bad as number }))).toBeInstanceOf(
        InvalidGuildIdError,
      );
      expect(await failure(() => env!.gateway.kick(bad as number))).toBeInstanceOf(InvalidGuildIdError);
      expect(await failure(() => env!.gateway.changeServer(bad as number))).toBeInstanceOf(
        InvalidGuildIdError,
      );
    }
    expect(new MockGateway({ userId: 42 })).toBeInstanceOf(MockGateway);
    for (const bad of BAD) {
      const error = await failure(
        () => new MockGateway({ userId: bad as number, clock: new VirtualClock() }),
      );
      expect(error).toBeInstanceOf(TestingError);
    }
  });
});
