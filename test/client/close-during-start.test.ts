import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/base/clock/index.js";
import { ClientStateError, NoNodesAvailableError } from "../../src/index.js";
import { clientForTest, drive, nodeFor, simForTest } from "./helpers.js";

describe("client.close() while start() is still connecting", () => {
  it("start() rejects with ClientStateError (the client was closed), not a claim that no node could be reached", async () => {
    const clock = new VirtualClock();
    const sim = await simForTest(clock);
    const client = clientForTest([nodeFor(sim, "a")], clock);
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
