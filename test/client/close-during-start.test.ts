import { describe, expect, it } from "vitest";
import { ClientStateError, NoNodesAvailableError } from "../../src/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

describe("client.close() while start() is still connecting", () => {
  it("start() rejects with ClientStateError (the client was closed), not a claim that no node could be reached", async () => {
    const env = await sonoraEnv({ nodes: ["a"], client: STEADY_CLIENT, connect: false });
    const { client } = env;
    const errors: unknown[] = [];
    client.on("nodeError", (_n, e) => errors.push(e));
    const started = client.start().catch((e: unknown) => e);
    await client.close();
    const error = await env.drive(started);
    expect(error).toBeInstanceOf(ClientStateError);
    expect(error).not.toBeInstanceOf(NoNodesAvailableError);
    expect(client.nodes.get("a")!.state).toBe("destroyed");
    expect(errors).toEqual([]);
  });
});
