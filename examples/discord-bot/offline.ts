import { FakeGateway } from "./fake-gateway.js";
import { ProtocolSimulator, SonoraClient } from "./sonora.js";

/** Made-up ids of the offline world. */
export const OFFLINE = {
  botId: "1200000000000000001",
  guildId: "1200000000000000002",
  voiceChannelId: "1200000000000000003",
} as const;

/** Options of {@link startOffline}. */
export interface OfflineOptions {
  /** `"real"` (default; sped up by `timeScale`) or `"virtual"` (tests move time themselves). */
  clock?: "real" | "virtual";
  /** How much faster than real time the real clock runs (default 10). */
  timeScale?: number;
  seed?: number;
}

/**
 * Everything the bot needs without Discord or Lavalink: Sonora's protocol simulator as the node
 * (a real HTTP + WebSocket server on loopback), a fake gateway answering voice joins, and a
 * SonoraClient wired to both, all on the simulator's clock.
 */
export async function startOffline(options: OfflineOptions = {}) {
  const password = "offline";
  const sim = new ProtocolSimulator({
    port: 0,
    password,
    seed: options.seed ?? 1,
    ...(options.clock === "virtual"
      ? { clock: "virtual" as const }
      : { clock: "real" as const, timeScale: options.timeScale ?? 10 }),
  });
  await sim.start();
  const gateway = new FakeGateway(OFFLINE.botId);
  const client = new SonoraClient([{ host: "127.0.0.1", port: sim.port, password, name: "offline" }], {
    userId: OFFLINE.botId,
    send: gateway.send,
    clock: sim.clock,
  });
  gateway.attach(client);
  try {
    await client.start();
  } catch (error) {
    await sim.stop();
    throw error;
  }
  return {
    sim,
    client,
    async close(): Promise<void> {
      await client.close();
      await sim.stop();
    },
  };
}
