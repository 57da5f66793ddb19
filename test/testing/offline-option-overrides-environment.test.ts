import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/base/clock/index.js";
import { resolveOfflineNode } from "../../src/client/offline.js";
import {
  InvalidOptionError,
  OFFLINE_DEFAULTS,
  OFFLINE_NODE_NAME,
  type OfflineOption,
  SonoraClient,
} from "../../src/index.js";
import { testSimulator } from "../../src/testing/vitest.js";

const KEYS = ["SONORA_OFFLINE", "SONORA_OFFLINE_HOST", "SONORA_OFFLINE_PORT", "SONORA_OFFLINE_PASSWORD"];
const BOGUS = [{ host: "lavalink.invalid", port: 443, password: "production-secret", name: "prod" }];
const BOT = "170000000000000001";

let saved: Record<string, string | undefined> = {};
const warnings: Error[] = [];
const onWarning = (warning: Error) => void warnings.push(warning);
const cleanup: (() => Promise<unknown>)[] = [];

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
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** process.emitWarning delivers on the next tick. */
const nextTick = () => new Promise((resolve) => process.nextTick(resolve));

function client(nodes: typeof BOGUS, clock: VirtualClock, offline?: OfflineOption): SonoraClient {
  const c = new SonoraClient(nodes, { clock, userId: BOT, ...(offline === undefined ? {} : { offline }) });
  cleanup.push(() => c.close());
  return c;
}

describe("the `offline` client option decides offline mode; unset, the environment does", () => {
  it("offline: false keeps the configured node although SONORA_OFFLINE=1 points elsewhere", async () => {
    const clock = new VirtualClock();
    const real = await testSimulator({ password: "real-pw", clock });
    const offlineSim = await testSimulator({ password: "offline-pw", clock });
    process.env.SONORA_OFFLINE = "1";
    process.env.SONORA_OFFLINE_PORT = String(offlineSim.port);
    process.env.SONORA_OFFLINE_PASSWORD = "offline-pw";

    const c = client(
      [{ host: "127.0.0.1", port: real.port, password: "real-pw", name: "real" }],
      clock,
      false,
    );
    expect([...c.nodes].map((n) => n.name)).toEqual(["real"]);
    await c.start();
    expect(real.sessions).toHaveLength(1);
    expect(offlineSim.sessions).toHaveLength(0);
    await nextTick();
    expect(warnings).toHaveLength(0);
  });

  it("left unset, the same environment swaps the node (the default reads SONORA_OFFLINE)", async () => {
    const clock = new VirtualClock();
    const offlineSim = await testSimulator({ password: "offline-pw", clock });
    process.env.SONORA_OFFLINE = "1";
    process.env.SONORA_OFFLINE_PORT = String(offlineSim.port);
    process.env.SONORA_OFFLINE_PASSWORD = "offline-pw";

    const c = client(BOGUS, clock);
    await c.start();
    expect([...c.nodes].map((n) => n.name)).toEqual([OFFLINE_NODE_NAME]);
    expect(offlineSim.sessions).toHaveLength(1);
    await nextTick();
    expect(warnings.map((w) => (w as Error & { code?: string }).code)).toEqual(["SONORA_OFFLINE"]);
  });

  it("an address goes offline without the environment, silently (the code asked for it)", async () => {
    const clock = new VirtualClock();
    const sim = await testSimulator({ password: "code-pw", clock });
    const c = client(BOGUS, clock, { port: sim.port, password: "code-pw" });
    await c.start();
    expect(c.nodes.get(OFFLINE_NODE_NAME)?.state).toBe("ready");
    expect(sim.sessions).toHaveLength(1);
    await nextTick();
    expect(warnings).toHaveLength(0);
  });

  it("offline: true goes offline at the environment's address even when SONORA_OFFLINE is unset", async () => {
    const clock = new VirtualClock();
    const sim = await testSimulator({ password: "env-pw", clock });
    process.env.SONORA_OFFLINE_PORT = String(sim.port);
    process.env.SONORA_OFFLINE_PASSWORD = "env-pw";
    const c = client(BOGUS, clock, true);
    await c.start();
    expect(sim.sessions).toHaveLength(1);
  });

  it("resolveOfflineNode: false wins, true and addresses fill in the defaults, bad shapes are named", () => {
    const on = { SONORA_OFFLINE: "1", SONORA_OFFLINE_PORT: "4000" };
    expect(resolveOfflineNode(false, on)).toBeNull();
    expect(resolveOfflineNode(undefined, {})).toBeNull();
    expect(resolveOfflineNode(undefined, on)?.port).toBe(4000);
    expect(resolveOfflineNode(true, {})).toEqual({ ...OFFLINE_DEFAULTS, name: OFFLINE_NODE_NAME });
    expect(resolveOfflineNode({ host: "10.0.0.2" }, on)).toEqual({
      ...OFFLINE_DEFAULTS,
      host: "10.0.0.2",
      name: OFFLINE_NODE_NAME,
    });
    for (const [bad, option] of [
      ["yes", "offline"],
      [null, "offline"],
      [{ port: 0 }, "offline.port"],
      [{ host: "" }, "offline.host"],
      [{ password: 5 }, "offline.password"],
    ] as const) {
      let caught: unknown;
      try {
        new SonoraClient(BOGUS, { offline: bad as unknown as OfflineOption });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InvalidOptionError);
      expect((caught as InvalidOptionError).option).toBe(option);
    }
  });
});
