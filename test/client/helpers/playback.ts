// Transitional, like ../helpers.ts: the reconciliation tests written in parallel still use `rig`.
import type { VirtualClock } from "../../../src/base/clock/index.js";
import { SonoraClient } from "../../../src/client/index.js";
import type { Player } from "../../../src/client/player/player.js";
import type { Track } from "../../../src/client/track.js";
import { ProtocolSimulator, type ProtocolSimulatorOptions } from "../../../src/simulator/index.js";
import { drive, io, song, until } from "../helpers.js";

export { drive, io, song, until };

export const GUILD = "817327181659111454";
const PASSWORD = "playback-tests";

export type VirtualSim = ProtocolSimulator<ProtocolSimulatorOptions & { clock: "virtual" }>;

export interface Rig {
  sim: VirtualSim;
  clock: VirtualClock;
  client: SonoraClient;
  player: Player;
  /** Loads one track by identifier from the simulator's catalog. */
  load(identifier: string): Promise<Track>;
  /** What the simulator holds for the player. */
  truth(): ReturnType<VirtualSim["getPlayer"]>;
  /** Advances virtual time in steps, letting socket I/O through between steps. */
  advance(ms: number, stepMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** A simulator on a free port with a virtual clock, a client on the same clock, and a player. */
export async function rig(options: Partial<ProtocolSimulatorOptions> = {}): Promise<Rig> {
  const sim = new ProtocolSimulator({
    port: 0,
    password: PASSWORD,
    seed: 7,
    ...options,
    clock: "virtual" as const,
  });
  await sim.start();
  const clock = sim.clock;
  const client = new SonoraClient([{ host: "127.0.0.1", port: sim.port, password: PASSWORD }], {
    clock,
    userId: "170939974227541168",
  });
  await drive(clock, client.start());
  const player = await client.getPlayer(GUILD);
  return {
    sim,
    clock,
    client,
    player,
    async load(identifier) {
      const result = await client.load(identifier);
      const track = result.tracks[0];
      if (track === undefined) throw new Error(`catalog has no track ${identifier}`);
      return track;
    },
    truth: () => sim.getPlayer(undefined, GUILD),
    async advance(ms, stepMs = 1_000) {
      for (let done = 0; done < ms; done += stepMs) {
        await clock.advance(Math.min(stepMs, ms - done));
        await io();
      }
      await io();
    },
    async close() {
      await client.close();
      await sim.stop();
    },
  };
}
