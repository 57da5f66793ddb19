import { describe, expect, it } from "vitest";
import { spawnSonora } from "../simulator/cli-helpers.js";

describe("sonora sim --plugins", () => {
  it("runs the chosen plugins: /v4/info lists them and only their routes exist", async () => {
    const sim = spawnSonora(["sim", "--port", "0", "--no-password", "--plugins", "lyrics,lavadspx"]);
    try {
      const [, url = ""] = await sim.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      const info = (await (await fetch(`${url}/v4/info`)).json()) as {
        plugins: { name: string }[];
        filters: string[];
      };
      expect(info.plugins.map((p) => p.name)).toEqual([
        "youtube-plugin",
        "lavalyrics-plugin",
        "lavadspx-plugin",
      ]);
      expect(info.filters).toContain("high-pass");
      expect((await fetch(`${url}/v4/loadsearch?query=spsearch:x`)).status).toBe(404);
      expect((await fetch(`${url}/v4/lyrics`)).status).toBe(400); // the route exists: `track` is missing
      expect(sim.output.out).toContain("plugins: youtube-plugin 1.11.5, lavalyrics-plugin 1.0.0");
      sim.child.kill("SIGTERM");
      expect(await sim.exited).toBe(0);
    } finally {
      sim.kill();
    }
  });

  it("refuses an unknown plugin before listening (a usage error: exit 2)", async () => {
    const sim = spawnSonora(["sim", "--port", "0", "--no-password", "--plugins", "lavasrc,karaoke"]);
    expect(await sim.exited).toBe(2);
    expect(sim.output.err).toContain('unknown plugin "karaoke"');
    expect(sim.output.out).not.toContain("listening on");
  });
});
