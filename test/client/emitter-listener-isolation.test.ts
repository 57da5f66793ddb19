import { describe, expect, it } from "vitest";
import { SonoraClient } from "../../src/client/index.js";
import { deliverFrame } from "../../src/testing/index.js";

describe("a throwing listener does not break the client", () => {
  it("reports the error as an `error` event and still calls the other listeners", async () => {
    const client = new SonoraClient([{ host: "127.0.0.1", port: 1, password: "x" }]);
    const errors: unknown[] = [];
    const seen: string[] = [];
    client.on("error", (e) => errors.push(e));
    client.on("nodeError", () => {
      throw new Error("boom");
    });
    client.on("nodeError", (node) => seen.push(node.name));
    const node = [...client.nodes][0]!;
    deliverFrame(node, "not json");
    expect(seen).toEqual(["127.0.0.1:1"]);
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe("boom");
    await client.close();
  });

  it("once, off and waitFor behave", async () => {
    const client = new SonoraClient([{ host: "127.0.0.1", port: 1, password: "x" }]);
    const node = [...client.nodes][0]!;
    let count = 0;
    client.once("nodeError", () => count++);
    const waited = client.waitFor("nodeError");
    deliverFrame(node, "{}");
    deliverFrame(node, "{}");
    expect(count).toBe(1);
    const [, error] = await waited;
    expect((error as { code?: string }).code).toBe("PROTOCOL_VALIDATION");
    await client.close();
  });
});
