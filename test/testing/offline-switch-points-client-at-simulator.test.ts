import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/base/clock/index.js";
import { applyOfflineMode } from "../../src/client/offline.js";
import {
  InvalidOptionError,
  isOfflineMode,
  OFFLINE_DEFAULTS,
  OFFLINE_NODE_NAME,
  offlineNode,
  SonoraClient,
} from "../../src/index.js";
import { ProtocolSimulator } from "../../src/testing/index.js";

const KEYS = ["SONORA_OFFLINE", "SONORA_OFFLINE_HOST", "SONORA_OFFLINE_PORT", "SONORA_OFFLINE_PASSWORD"];
const BOGUS = [{ host: "lavalink.invalid", port: 443, password: "production-secret", name: "prod" }];

let saved: Record<string, string | undefined> = {};
const warnings: Error[] = [];
const onWarning = (warning: Error) => void warnings.push(warning);
let sim: ProtocolSimulator | undefined;
let client: SonoraClient | undefined;

beforeEach(() => {
  saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
  for (const k of KEYS) delete process.env[k];
  warnings.length = 0;
  process.on("warning", onWarning);
});
afterEach(async () => {
  process.off("warning", onWarning);
  for (const k of KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  await client?.close();
  await sim?.stop();
  client = sim = undefined;
});

/** process.emitWarning delivers on the next tick. */
const nextTick = () => new Promise((resolve) => process.nextTick(resolve));

describe("SONORA_OFFLINE=1 points an unchanged bot config at a simulator", () => {
  it("connects to the simulator on the configured port although the bot is configured with a bogus host", async () => {
    const clock = new VirtualClock();
    sim = new ProtocolSimulator({ port: 0, password: "offline-pw", seed: 4, clock });
    await sim.start();
    process.env.SONORA_OFFLINE = "1";
    process.env.SONORA_OFFLINE_PORT = String(sim.port);
    process.env.SONORA_OFFLINE_PASSWORD = "offline-pw";

    // The bot's code, unchanged: production nodes.
    client = new SonoraClient(BOGUS, { clock, userId: "170000000000000001" });
    expect([...client.nodes].map((n) => n.name)).toEqual([OFFLINE_NODE_NAME]);
    await client.start();
    expect(client.nodes.get(OFFLINE_NODE_NAME)?.state).toBe("ready");
    expect(sim.sessions).toHaveLength(1);
    const loaded = await client.load("sonora:track#offline");
    expect(loaded.tracks[0]?.identifier).toBe("sonora:track#offline");

    await nextTick();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: "SONORA_OFFLINE" });
    expect(warnings[0]?.message).toContain(`127.0.0.1:${sim.port}`);
    expect(warnings[0]?.message).toContain("ignoring the 1 configured Lavalink node(s)");
  });

  it("changes nothing when the variable is unset or off", async () => {
    for (const value of [undefined, "0", "false", ""]) {
      if (value === undefined) delete process.env.SONORA_OFFLINE;
      else process.env.SONORA_OFFLINE = value;
      expect(isOfflineMode()).toBe(false);
      expect(applyOfflineMode(BOGUS)).toBe(BOGUS);
      const c = new SonoraClient(BOGUS);
      expect([...c.nodes].map((n) => n.name)).toEqual(["prod"]);
      await c.close();
    }
    await nextTick();
    expect(warnings).toHaveLength(0);
  });

  it("defaults to what `npx sonora sim` and the default protocolSimulator use, and validates the port", () => {
    expect(OFFLINE_DEFAULTS).toEqual({ host: "127.0.0.1", port: 2333, password: "test" });
    expect(isOfflineMode({ SONORA_OFFLINE: "TRUE" })).toBe(true);
    expect(isOfflineMode({ SONORA_OFFLINE: "yes" })).toBe(true);
    expect(offlineNode({ SONORA_OFFLINE: "1" })).toEqual({
      host: "127.0.0.1",
      port: 2333,
      password: "test",
      name: OFFLINE_NODE_NAME,
    });
    expect(
      offlineNode({
        SONORA_OFFLINE_HOST: "10.0.0.5",
        SONORA_OFFLINE_PORT: "4000",
        SONORA_OFFLINE_PASSWORD: "x",
      }),
    ).toEqual({
      host: "10.0.0.5",
      port: 4000,
      password: "x",
      name: OFFLINE_NODE_NAME,
    });
    expect(() => offlineNode({ SONORA_OFFLINE_PORT: "http" })).toThrow(InvalidOptionError);
    expect(() => offlineNode({ SONORA_OFFLINE_PORT: "70000" })).toThrow(/SONORA_OFFLINE_PORT/);
  });
});
