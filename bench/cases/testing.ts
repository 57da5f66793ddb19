/**
 * Testing-kit benchmarks (#19).
 *
 * - `testing/environment` (timing, awaited): `await createTestEnvironment()` then `await env.dispose()`
 *   with the defaults a test uses, per environment. The floor is the cheapest real equivalent: a bare
 *   simulator listening on loopback, a bare `ws` client completing the Lavalink handshake (its
 *   `ready` op), then both closed. The peer in between is that simulator with a SonoraClient
 *   started on it and closed (what the environment adds on top of it: the mock gateway, the wire
 *   monitors, the mock factory and the settling). The goal is the absolute budget, 2.5 ms,
 *   so that a suite can afford a fresh environment per test.
 */
import WebSocket from "ws";
import { SonoraClient } from "../../src/client/index.js";
import { createTestEnvironment, ProtocolSimulator, TEST_PASSWORD } from "../../src/testing/index.js";
import type { BenchEntry } from "../harness.js";

const USER_ID = "170000000000000001";

export const names = ["testing/environment"];

export function cases(): BenchEntry[] {
  return [
    {
      name: "testing/environment",
      description:
        "createTestEnvironment() + dispose() with defaults (floor: bare simulator + bare ws client to its ready op, both closed; peer: the simulator + a started SonoraClient, both closed)",
      unit: "environments",
      itemsPerCall: 1,
      async: true,
      goal: { maxNsPerItem: 2.5e6 },
      subject: {
        name: "createTestEnvironment + dispose",
        fn: async () => {
          const env = await createTestEnvironment();
          const port = env.simulator.port;
          await env.dispose();
          return port;
        },
      },
      floor: { name: "simulator + ws handshake", fn: bareHandshake },
      peers: [{ name: "simulator + SonoraClient", fn: simulatorAndClient }],
    },
  ];
}

/** A simulator on a free loopback port, as the environment starts it (virtual clock, seed 0). */
async function startSimulator(): Promise<ProtocolSimulator> {
  const simulator = new ProtocolSimulator({ port: 0, password: TEST_PASSWORD, seed: 0, clock: "virtual" });
  await simulator.start();
  return simulator;
}

async function bareHandshake(): Promise<number> {
  const simulator = await startSimulator();
  const ws = new WebSocket(`ws://127.0.0.1:${simulator.port}/v4/websocket`, {
    headers: { Authorization: TEST_PASSWORD, "User-Id": USER_ID, "Client-Name": "bench/1.0" },
    perMessageDeflate: false,
  });
  const ready = await new Promise<string>((resolve, reject) => {
    ws.once("message", (data: Buffer) => resolve(data.toString()));
    ws.once("error", reject);
  });
  ws.terminate();
  await simulator.stop();
  return ready.length;
}

async function simulatorAndClient(): Promise<number> {
  const simulator = await startSimulator();
  const client = new SonoraClient(
    [{ host: "127.0.0.1", port: simulator.port, password: TEST_PASSWORD, name: "simulator" }],
    { clock: simulator.clock, userId: USER_ID, send: () => undefined },
  );
  await client.start();
  await client.close();
  await simulator.stop();
  return simulator.sessions.length;
}
