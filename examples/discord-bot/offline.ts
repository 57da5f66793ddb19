import { createTestEnvironment } from "./sonora.js";

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
 * Everything the bot needs without Discord or Lavalink, from Sonora's testing kit: the protocol
 * simulator as the node (a real HTTP + WebSocket server on loopback), a mock gateway answering
 * voice joins as Discord does, and a SonoraClient wired to both, all on the simulator's clock.
 * `env` moves a virtual clock (`env.advance`) and waits for the wire to go quiet (`env.settle`).
 */
export async function startOffline(options: OfflineOptions = {}) {
  const virtual = options.clock === "virtual";
  const env = await createTestEnvironment({
    seed: options.seed ?? 1,
    clock: virtual ? "virtual" : "real",
    password: "offline",
    userId: OFFLINE.botId,
    simulator: virtual ? {} : { timeScale: options.timeScale ?? 10 },
  });
  return {
    env,
    sim: env.simulator,
    client: env.client,
    close: (): Promise<void> => env.dispose(),
  };
}
