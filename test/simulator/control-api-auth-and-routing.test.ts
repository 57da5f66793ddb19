import { describe, expect, it } from "vitest";
import { ProtocolSimulator } from "../../src/simulator/index.js";
import { TEST_PASSWORD } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { CONTROL_TOKEN, control, expectError } from "./control-helpers.js";
import { rest } from "./helpers.js";

describe("control API: its own credential, its own prefix", () => {
  it("refuses requests without the token, or with a wrong one, with a typed 401", async () => {
    const sim = await testSimulator({ control: { token: CONTROL_TOKEN } });
    const none = await control(sim, "GET", "/state", undefined, null);
    expect(expectError(none, 401).code).toBe("SIM_CONTROL_UNAUTHORIZED");
    const wrong = await control(sim, "GET", "/state", undefined, "not-the-token-at-all");
    expect(expectError(wrong, 401).code).toBe("SIM_CONTROL_UNAUTHORIZED");
    // The node password is not the control token.
    const password = await fetch(`${sim.url}/_sonora/state`, { headers: { Authorization: TEST_PASSWORD } });
    expect(password.status).toBe(401);
    // Refused requests change nothing.
    const add = await control(sim, "POST", "/faults", { type: "latency", latency: 10 }, null);
    expect(add.status).toBe(401);
    expect(sim.faults.list()).toEqual([]);
  });

  it("takes the token as a Bearer, in X-Sonora-Token or as ?token=", async () => {
    const sim = await testSimulator({ control: { token: CONTROL_TOKEN } });
    expect(sim.controlToken).toBe(CONTROL_TOKEN);
    expect((await control(sim, "GET", "/state")).status).toBe(200);
    const header = await fetch(`${sim.url}/_sonora/state`, { headers: { "X-Sonora-Token": CONTROL_TOKEN } });
    expect(header.status).toBe(200);
    const query = await fetch(`${sim.url}/_sonora/state?token=${CONTROL_TOKEN}`);
    expect(query.status).toBe(200);
    expect(await query.json()).toMatchObject({
      node: { running: true, clock: { kind: "virtual" } },
      sessions: [],
    });
  });

  it("generates a random 32-hex-digit token by default", async () => {
    const a = await testSimulator({ control: true });
    const b = await testSimulator({ control: true });
    expect(a.controlToken).toMatch(/^[0-9a-f]{32}$/);
    expect(b.controlToken).not.toBe(a.controlToken);
    expect(a.controlUrl).toBe(`${a.url}/_sonora`);
    expect(a.inspectorUrl).toBeUndefined();
    const inspected = await testSimulator({ inspect: true });
    expect(inspected.inspectorUrl).toBe(`${inspected.url}/_sonora/inspector?token=${inspected.controlToken}`);
  });

  it("unknown routes are a typed 404, wrong methods a 405 naming the allowed ones", async () => {
    const sim = await testSimulator({ control: true });
    expect(expectError(await control(sim, "GET", "/nothing-here"), 404).code).toBe("SIM_CONTROL_NOT_FOUND");
    const wrong = await control(sim, "PUT", "/state");
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET");
    expect(expectError(await control(sim, "DELETE", "/faults/%zz"), 400).code).toBe("SIM_CONTROL_INVALID");
    // Without inspect, the page is not served.
    expect(expectError(await control(sim, "GET", "/inspector"), 404).message).toContain("--inspect");
  });

  it("is off by default: /_sonora is then an ordinary Lavalink 404", async () => {
    const sim = await testSimulator();
    expect(sim.controlToken).toBeUndefined();
    expect(sim.controlUrl).toBeUndefined();
    const res = await rest(sim, "GET", "/_sonora/state");
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ status: 404, error: "Not Found" });
  });

  it("never reaches the log or the fault injection, and leaves Lavalink's routes alone", async () => {
    const sim = await testSimulator({ control: true });
    // Every REST exchange of the node fails with 503 now; the control API still answers.
    expect(
      (await control(sim, "POST", "/faults", { type: "rest-error", status: 503, scope: "rest" })).status,
    ).toBe(201);
    expect((await rest(sim, "GET", "/v4/info")).status).toBe(503);
    expect((await control(sim, "GET", "/faults")).body).toHaveLength(1);
    expect(sim.log.entries().filter((e) => e.path?.startsWith("/_sonora"))).toEqual([]);
    expect(sim.log.filter({ kind: "rest", direction: "in", path: "/v4/info" })).toHaveLength(1);
  });

  it("validates its options: token shape, inspect without control, generated tokens off loopback", async () => {
    expect(() => new ProtocolSimulator({ control: { token: "short" } })).toThrow(
      expect.objectContaining({ code: "SIM_INVALID_OPTION" }),
    );
    expect(() => new ProtocolSimulator({ control: false, inspect: true })).toThrow(
      expect.objectContaining({ code: "SIM_INVALID_OPTION" }),
    );
    const exposed = new ProtocolSimulator({ host: "0.0.0.0", port: 0, password: "pw", control: true });
    await expect(exposed.start()).rejects.toMatchObject({ code: "SIM_INSECURE_BIND" });
    expect(exposed.running).toBe(false);
  });

  it("answers bad JSON bodies with a typed 400", async () => {
    const sim = await testSimulator({ control: true });
    const notJson = await control(sim, "POST", "/faults", "{nope");
    expect(expectError(notJson, 400)).toMatchObject({ code: "SIM_CONTROL_INVALID" });
    const array = await control(sim, "POST", "/faults", "[1,2]");
    expect(expectError(array, 400).message).toContain("an array");
  });
});
