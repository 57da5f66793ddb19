import { describe, expect, it } from "vitest";
import { spawnSonora } from "./cli-helpers.js";

describe("sonora sim: Lavalink's server settings as flags", () => {
  it("--lavalink-version, --route-planner, --disabled-filters and --track-stuck-threshold reach the node", async () => {
    const sim = spawnSonora([
      "sim",
      "--port",
      "0",
      "--no-password",
      "--lavalink-version",
      "4.1",
      "--route-planner",
      "RotatingNanoIpRoutePlanner@2001:db8::/48",
      "--disabled-filters",
      "karaoke",
      "--track-stuck-threshold",
      "4000",
    ]);
    try {
      const [, url = ""] = await sim.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      expect(await (await fetch(`${url}/version`)).text()).toBe("4.1.2");
      const planner = (await (await fetch(`${url}/v4/routeplanner/status`)).json()) as {
        class: string;
        details: { ipBlock: { type: string; size: string }; blockIndex: string };
      };
      expect(planner).toMatchObject({
        class: "RotatingNanoIpRoutePlanner",
        details: { ipBlock: { type: "Inet6Address", size: (2n ** 80n).toString() }, blockIndex: "0" },
      });
      const info = (await (await fetch(`${url}/v4/info`)).json()) as { filters: string[] };
      expect(info.filters).not.toContain("karaoke");
      expect(sim.output.out).toContain("behaves as Lavalink 4.1.2");
      sim.child.kill("SIGTERM");
      expect(await sim.exited).toBe(0);
    } finally {
      sim.kill();
    }
  });

  it("a bad profile or route planner is a usage error (exit 2) before listening", async () => {
    for (const flags of [
      ["--lavalink-version", "3.7"],
      ["--route-planner", "FancyRoutePlanner"],
      ["--route-planner", "NanoIpRoutePlanner@nonsense"],
    ]) {
      const sim = spawnSonora(["sim", "--port", "0", "--no-password", ...flags]);
      expect(await sim.exited).toBe(2);
      expect(sim.output.out).not.toContain("listening on");
    }
  });
});
