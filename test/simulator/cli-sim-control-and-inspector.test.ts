import { describe, expect, it } from "vitest";
import { spawnSonora } from "./cli-helpers.js";

describe("sonora sim: the control API and the inspector", () => {
  it("prints the control API with a random token and the inspector URL on a line saying inspector", async () => {
    const sim = spawnSonora(["sim", "--port", "0", "--inspect", "--clock", "virtual"]);
    try {
      const [, base, token] = await sim.waitFor(
        /control API on (http:\/\/127\.0\.0\.1:\d+\/_sonora) \(send Authorization: Bearer ([0-9a-f]{32})\)/,
      );
      const [line] = await sim.waitFor(/^.*inspector.*$/m);
      expect(line).toBe(`inspector: ${base}/inspector?token=${token}`);
      const page = await fetch(`${base}/inspector?token=${token}`);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toContain("text/html");
      expect(await page.text()).toContain("Sonora inspector");
      const advanced = await fetch(`${base}/clock/advance`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}` },
        body: JSON.stringify({ ms: 5000 }),
      });
      expect(advanced.status).toBe(200);
      sim.child.kill("SIGTERM");
      expect(await sim.exited).toBe(0);
    } finally {
      sim.kill();
    }
  });

  it("takes --control-token, and --no-control turns the API off", async () => {
    const sim = spawnSonora([
      "sim",
      "--port",
      "0",
      "--control-token",
      "a-token-chosen-by-the-user",
      "--no-password",
    ]);
    try {
      const [, url] = await sim.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      await sim.waitFor(/Bearer a-token-chosen-by-the-user/);
      const res = await fetch(`${url}/_sonora/sessions`, {
        headers: { Authorization: "Bearer a-token-chosen-by-the-user" },
      });
      expect(await res.json()).toEqual([]);
      sim.child.kill("SIGTERM");
      expect(await sim.exited).toBe(0);
    } finally {
      sim.kill();
    }
    const off = spawnSonora(["sim", "--port", "0", "--no-control"]);
    try {
      await off.waitFor(/listening on/);
      off.child.kill("SIGTERM");
      expect(await off.exited).toBe(0);
      expect(off.output.out).not.toContain("control API");
    } finally {
      off.kill();
    }
  });

  it("off loopback: the API only with a chosen token, the inspector refused without one", async () => {
    const exposed = spawnSonora(["sim", "--host", "0.0.0.0", "--port", "0", "--password", "secret"]);
    try {
      const [, port] = await exposed.waitFor(/listening on http:\/\/0\.0\.0\.0:(\d+)/);
      await exposed.waitFor(/control API off: off loopback it needs --control-token/);
      const res = await fetch(`http://127.0.0.1:${port}/_sonora/state`, {
        headers: { Authorization: "secret" },
      });
      expect(res.status).toBe(404);
      exposed.child.kill("SIGTERM");
      expect(await exposed.exited).toBe(0);
    } finally {
      exposed.kill();
    }
    const chosen = spawnSonora([
      "sim",
      "--host",
      "0.0.0.0",
      "--port",
      "0",
      "--password",
      "secret",
      "--control-token",
      "a-long-chosen-token",
    ]);
    try {
      await chosen.waitFor(/control API on http:\/\/0\.0\.0\.0:\d+\/_sonora/);
      chosen.child.kill("SIGTERM");
      expect(await chosen.exited).toBe(0);
    } finally {
      chosen.kill();
    }
    const inspect = spawnSonora(["sim", "--host", "0.0.0.0", "--password", "secret", "--inspect"]);
    expect(await inspect.exited).toBe(2); // a usage error: the command line asks for something unsafe
    expect(inspect.output.err).toContain("--control-token");
  });

  it("refuses contradictory flags and an unknown clock", async () => {
    const contradiction = spawnSonora(["sim", "--no-control", "--inspect"]);
    expect(await contradiction.exited).toBe(2);
    const clock = spawnSonora(["sim", "--clock", "sundial"]);
    expect(await clock.exited).toBe(2);
    expect(clock.output.err).toContain("--clock must be real or virtual");
  });
});
