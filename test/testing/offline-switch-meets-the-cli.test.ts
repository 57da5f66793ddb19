import { describe, expect, it } from "vitest";
import { SonoraClient } from "../../src/index.js";
import { spawnSonora } from "../simulator/cli-helpers.js";

describe("SONORA_OFFLINE=1 and `npx sonora sim` meet with their defaults", () => {
  it("a client configured for production connects to a CLI simulator started with no password flag", async () => {
    const sim = spawnSonora(["sim", "--port", "0"]);
    try {
      const [, port] = await sim.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
      const env = { SONORA_OFFLINE: "1", SONORA_OFFLINE_PORT: port! };
      const saved = { ...process.env };
      Object.assign(process.env, env);
      const warnings: string[] = [];
      const onWarning = (w: Error): void => void warnings.push(w.message);
      process.on("warning", onWarning);
      const client = new SonoraClient([
        { host: "lavalink.production.invalid", port: 2333, password: "prod-secret" },
      ]);
      try {
        await client.start();
        const [node] = [...client.nodes];
        expect(node?.state).toBe("ready");
        expect(node?.name).toBe("sonora-offline");
      } finally {
        await client.close();
        process.off("warning", onWarning);
        for (const key of Object.keys(env)) {
          if (saved[key] === undefined) delete process.env[key];
          else process.env[key] = saved[key];
        }
      }
    } finally {
      sim.kill();
      await sim.exited;
    }
  });
});
