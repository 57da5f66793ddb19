import { afterEach, describe, expect, it } from "vitest";
import {
  ClientStateError,
  DEFAULT_WAIT_TIMEOUT,
  EventTimeoutError,
  InvalidOptionError,
  SonoraClient,
} from "../../src/client/index.js";
import { VirtualClock } from "../../src/index.js";
import { deliverFrame } from "../../src/testing/index.js";

let clients: SonoraClient[] = [];
afterEach(async () => {
  for (const c of clients) await c.close();
  clients = [];
});

function offlineClient(): SonoraClient {
  const client = new SonoraClient([{ host: "127.0.0.1", port: 1, password: "x", name: "n" }], {
    clock: new VirtualClock(),
  });
  clients.push(client);
  return client;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error("expected a rejection, the wait resolved"),
    (e: unknown) => e,
  );
}

describe("waitFor gives up", () => {
  it("has a documented default of 30 s", () => {
    expect(DEFAULT_WAIT_TIMEOUT).toBe(30_000);
  });

  it("after its timeout, with a typed error, and removes its listener", async () => {
    const client = offlineClient();
    const error = await rejection(client.waitFor("nodeReady", { timeout: 20 }));
    expect(error).toBeInstanceOf(EventTimeoutError);
    expect((error as EventTimeoutError).code).toBe("EVENT_TIMEOUT");
    expect((error as EventTimeoutError).event).toBe("nodeReady");
    expect((error as EventTimeoutError).timeout).toBe(20);
    expect(client.listenerCount("nodeReady")).toBe(0);
  });

  it("takes the filter as a function or in the options; a match before the timeout resolves", async () => {
    const client = offlineClient();
    const node = client.nodes.get("n")!;
    const byFunction = client.waitFor("nodeError", (_n, e) => e.message.includes("op"));
    const byOptions = client.waitFor("nodeError", {
      filter: (_n, e) => e.message.includes("op"),
      timeout: 5_000,
    });
    deliverFrame(node, "not json");
    deliverFrame(node, { op: "nope" });
    const [[, a], [, b]] = await Promise.all([byFunction, byOptions]);
    expect(a.message).toContain("op");
    expect(b).toBe(a);
    expect(client.listenerCount("nodeError")).toBe(0);
  });

  it("when its signal aborts, with the signal's reason", async () => {
    const client = offlineClient();
    const controller = new AbortController();
    const waiting = client.waitFor("nodeReady", {
      signal: controller.signal,
      timeout: Number.POSITIVE_INFINITY,
    });
    controller.abort(new Error("no longer needed"));
    expect(((await rejection(waiting)) as Error).message).toBe("no longer needed");
    expect(client.listenerCount("nodeReady")).toBe(0);
    const already = await rejection(client.waitFor("nodeReady", { signal: AbortSignal.abort("gone") }));
    expect(already).toBe("gone");
  });

  it("when the client closes (its listeners are removed), with ClientStateError", async () => {
    const client = offlineClient();
    const waiting = client.waitFor("trackEnd");
    await client.close();
    expect(await rejection(waiting)).toBeInstanceOf(ClientStateError);
  });

  it("refuses a timeout that is not a positive number", async () => {
    const client = offlineClient();
    for (const timeout of [0, -1, Number.NaN, "5" as unknown as number]) {
      expect(await rejection(client.waitFor("nodeReady", { timeout }))).toBeInstanceOf(InvalidOptionError);
    }
    expect(client.listenerCount("nodeReady")).toBe(0);
  });
});
