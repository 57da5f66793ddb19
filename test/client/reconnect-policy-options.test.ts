import { describe, expect, it } from "vitest";
import {
  DEFAULT_PROBE,
  DEFAULT_STABLE_AFTER,
  InvalidOptionError,
  probeDelay,
  resolveReconnectPolicy,
  SonoraClient,
} from "../../src/client/index.js";

const node = { host: "127.0.0.1", port: 2333, password: "pw", name: "n" };

describe("the reconnect policy: stableAfter, probe, and resume.sessionWait", () => {
  it("fills in the defaults", () => {
    const policy = resolveReconnectPolicy(undefined, "reconnect");
    expect(policy).toMatchObject({ maxRetries: 5, stableAfter: DEFAULT_STABLE_AFTER, probe: DEFAULT_PROBE });
    expect(DEFAULT_STABLE_AFTER).toBe(10_000);
    expect(DEFAULT_PROBE).toEqual({ interval: 30_000, jitter: 0.2 });
    const settings = new SonoraClient([node]).nodes.get("n")!.settings;
    expect(settings.sessionWait).toBe(60_000);
    expect(settings.reconnect.probe).toEqual(DEFAULT_PROBE);
  });

  it("probes start at maxDelay (at least 1 s), double, and stop growing at probe.interval", () => {
    const policy = resolveReconnectPolicy(
      { maxDelay: 2_000, probe: { interval: 10_000, jitter: false } },
      "r",
    );
    const probe = policy.probe as Exclude<typeof policy.probe, false>;
    expect([1, 2, 3, 4, 5].map((n) => probeDelay(policy, probe, n))).toEqual([
      2_000, 4_000, 8_000, 10_000, 10_000,
    ]);
    const zero = resolveReconnectPolicy({ maxDelay: 0, probe: { jitter: false } }, "r");
    expect(probeDelay(zero, { interval: 30_000, jitter: false }, 1)).toBe(1_000);
    // Jitter takes up to 20 % off, drawn from the injected random source.
    expect(probeDelay(resolveReconnectPolicy({}, "r"), DEFAULT_PROBE, 1, () => 0.5)).toBe(27_000);
  });

  it("refuses bad values with InvalidOptionError naming the option", () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ reconnect: { stableAfter: -1 } }, "nodes[n].reconnect.stableAfter"],
      [{ reconnect: { probe: { interval: 0 } } }, "nodes[n].reconnect.probe.interval"],
      [{ reconnect: { probe: { jitter: 2 } } }, "nodes[n].reconnect.probe.jitter"],
      [{ reconnect: { probe: "often" } }, "nodes[n].reconnect.probe"],
      [{ resume: { timeout: 60, sessionWait: Number.NaN } }, "nodes[n].resume.sessionWait"],
    ];
    for (const [options, option] of bad) {
      const error = (() => {
        try {
          new SonoraClient([node], options);
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(error, option).toBeInstanceOf(InvalidOptionError);
      expect((error as InvalidOptionError).option).toBe(option);
    }
  });

  it("probe: false and stableAfter: 0 are accepted; sessionWait follows the resume timeout", () => {
    const settings = new SonoraClient([node], {
      reconnect: { probe: false, stableAfter: 0 },
      resume: { timeout: 5 },
    }).nodes.get("n")!.settings;
    expect(settings.reconnect.probe).toBe(false);
    expect(settings.reconnect.stableAfter).toBe(0);
    expect(settings.sessionWait).toBe(5_000);
  });
});
