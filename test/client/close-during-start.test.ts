import { afterEach, describe, expect, it } from "vitest";
import type { SonoraClient } from "../../src/client/index.js";
import { VirtualClock } from "../../src/clock/index.js";
import { ClientStateError, NoNodesAvailableError } from "../../src/index.js";
import type { ProtocolSimulator } from "../../src/testing/index.js";
import { drive, makeClient, nodeFor, startSim } from "./helpers.js";

let sim: ProtocolSimulator | undefined;
let client: SonoraClient | undefined;
afterEach(async () => {
  await client?.close();
  if (sim?.running) await sim.stop();
  sim = client = undefined;
});

describe("client.close() while start() is still connecting", () => {
  it("start() rejects with ClientStateError (the client was closed), not a claim that no node could be reached", async () => {
    const clock = new VirtualClock();
    sim = await startSim(clock);
    client = makeClient([nodeFor(sim, "a")], clock);
    const errors: unknown[] = [];
    client.on("nodeError", (_n, e) => errors.push(e));
    const started = client.start().catch((e: unknown) => e);
    await client.close();
    const error = await drive(clock, started);
    expect(error).toBeInstanceOf(ClientStateError);
    expect(error).not.toBeInstanceOf(NoNodesAvailableError);
    expect(client.nodes.get("a")!.state).toBe("destroyed");
    expect(errors).toEqual([]);
  });
});
