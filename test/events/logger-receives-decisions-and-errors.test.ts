import { describe, expect, it } from "vitest";
import { InvalidOptionError, SonoraClient, type SonoraLogger } from "../../src/index.js";
import { catalogTrack, TEST_GUILD_ID, waitUntil } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

type Line = { level: keyof SonoraLogger; obj: Record<string, unknown>; msg: string | undefined };

/** A logger of pino's shape that keeps what it gets. */
function recordingLogger(): SonoraLogger & { lines: Line[] } {
  const lines: Line[] = [];
  const at =
    (level: keyof SonoraLogger) =>
    (obj: object, msg?: string): void =>
      void lines.push({ level, obj: obj as Record<string, unknown>, msg });
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

describe("logger: any pino-compatible logger gets decisions at debug, trouble at warn and error", () => {
  it("with no debug listener: debug codes, node warnings, the loss as an error, listener throws", async () => {
    const logger = recordingLogger();
    const env = await sonoraEnv({ nodes: ["a", "b"], client: { ...STEADY_CLIENT, logger } });
    const { client } = env;
    const player = await client.getPlayer(TEST_GUILD_ID, { node: "a" });
    await player.play(await env.loadTrack(catalogTrack("a")));

    const moved = client.waitFor("playerMove");
    await env.simulatorOf("a").stop();
    await env.drive(moved, { stepMs: 500 });
    await waitUntil(() => logger.lines.some((l) => l.obj.code === "PLAYER_FAILOVER"), "failover logged");

    const debugCodes = logger.lines.filter((l) => l.level === "debug").map((l) => l.obj.code);
    expect(debugCodes).toEqual(
      expect.arrayContaining(["NODE_RECONNECT_ATTEMPT", "NODE_LOST", "NODE_CHOSEN", "PLAYER_FAILOVER"]),
    );
    const attempt = logger.lines.find((l) => l.obj.code === "NODE_RECONNECT_ATTEMPT")!;
    expect(attempt.msg).toMatch(/reconnect 1\/3/);
    expect(attempt.obj).not.toHaveProperty("message"); // the message is pino's msg argument
    expect(logger.lines.some((l) => l.level === "warn" && l.msg === "sonora: node disconnected")).toBe(true);
    expect(
      logger.lines.some((l) => l.level === "error" && l.msg === "sonora: node lost" && l.obj.node === "a"),
    ).toBe(true);
    expect(logger.lines.some((l) => l.level === "info" && l.msg === "sonora: player moved")).toBe(true);

    // A throwing listener, and no `error` listener: the logger hears of it.
    client.on("voiceUpdate", () => {
      throw new Error("listener bug");
    });
    client.emit("voiceUpdate", player);
    const thrown = logger.lines.find((l) => l.level === "error" && l.msg === "sonora: a listener threw");
    expect(thrown?.obj.err).toBeInstanceOf(Error);
    expect((thrown?.obj.err as Error | undefined)?.message).toBe("listener bug");
  });

  it("console fits; anything without the four methods is refused", () => {
    expect(
      () =>
        new SonoraClient([{ host: "localhost", port: 1, password: "x" }], {
          logger: console,
          offline: false,
        }),
    ).not.toThrow();
    expect(
      () =>
        new SonoraClient([{ host: "localhost", port: 1, password: "x" }], {
          logger: { debug() {} } as never,
          offline: false,
        }),
    ).toThrow(InvalidOptionError);
  });
});
