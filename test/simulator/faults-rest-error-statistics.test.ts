import { describe, expect, it } from "vitest";
import { TEST_PASSWORD } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { rest, TestClient } from "./helpers.js";

const CALLS = 1_000;
const TOXICITY = 0.2;

/** Runs CALLS player PATCHes against a fresh simulator with a 20 % rest-error; returns what was hit. */
async function run(seed: number): Promise<{ hits: number[]; decisions: string[]; statuses: number[] }> {
  const sim = await testSimulator({ seed });
  const client = await TestClient.connect(sim);
  try {
    sim.faults.add({
      type: "rest-error",
      status: 503,
      toxicity: TOXICITY,
      route: "PATCH /v4/sessions/*/players/*",
    });
    const statuses: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const res = await fetch(`${sim.url}/v4/sessions/${client.sessionId}/players/${1000 + i}`, {
        method: "PATCH",
        headers: { Authorization: TEST_PASSWORD, "Content-Type": "application/json" },
        body: JSON.stringify({ volume: 50 }),
      });
      await res.text();
      statuses.push(res.status);
    }
    const hits = statuses.flatMap((s, i) => (s === 503 ? [i] : []));
    // Session ids come from the seed too, so strip them to compare decisions across seeds.
    const decisions = sim.faults.decisions.map(
      (d) => `${d.id} ${d.type} ${d.effect} ${d.direction} ${d.target.replace(client.sessionId, "S")}`,
    );
    return { hits, decisions, statuses };
  } finally {
    await client.close();
    await sim.stop();
  }
}

describe("rest-error at toxicity 0.2 over 1,000 REST calls", () => {
  it("fails a binomial share of the calls, identically for the same seed and differently for another", async () => {
    const first = await run(42);
    const mean = CALLS * TOXICITY;
    const sigma = Math.sqrt(CALLS * TOXICITY * (1 - TOXICITY));
    expect(first.hits.length).toBeGreaterThan(mean - 4 * sigma);
    expect(first.hits.length).toBeLessThan(mean + 4 * sigma);
    // Every call either passed or got the injected 503: nothing else.
    expect(first.statuses.every((s) => s === 200 || s === 503)).toBe(true);
    expect(first.decisions).toHaveLength(first.hits.length);

    const again = await run(42);
    expect(again.decisions).toEqual(first.decisions);
    expect(again.hits).toEqual(first.hits);

    const other = await run(7);
    expect(other.hits).not.toEqual(first.hits);
  }, 60_000);

  it("answers with Lavalink's error body, leaves other routes alone, and (upstream) never reaches the player", async () => {
    const sim = await testSimulator();
    const client = await TestClient.connect(sim);
    sim.faults.add({ type: "rest-error", status: 503, route: "PATCH /v4/sessions/*/players/*" });
    const failed = await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/5`, { volume: 7 });
    expect(failed.status).toBe(503);
    expect(failed.body).toEqual({
      timestamp: sim.clock.now(),
      status: 503,
      error: "Service Unavailable",
      message: "Service Unavailable",
      path: `/v4/sessions/${client.sessionId}/players/5`,
    });
    expect(failed.headers.get("lavalink-api-version")).toBe("4");
    expect(sim.getPlayer(client.sessionId, "5")).toBeUndefined();
    expect((await rest(sim, "GET", "/v4/info")).status).toBe(200);
    expect((await rest(sim, "GET", `/v4/sessions/${client.sessionId}/players`)).status).toBe(200);

    const request = sim.log.filter({ kind: "rest", direction: "in", method: "PATCH" }).at(-1);
    expect(request?.faults).toEqual([{ id: "fault-1", type: "rest-error", effect: "503" }]);
    // Untouched traffic carries no fault field at all.
    expect(sim.log.filter({ kind: "rest", path: "/v4/info" }).every((e) => e.faults === undefined)).toBe(
      true,
    );
    await client.close();
  });

  it("downstream: the node applied the change, but the client only sees the 5xx", async () => {
    const sim = await testSimulator();
    const client = await TestClient.connect(sim);
    sim.faults.add({
      type: "rest-error",
      status: 500,
      direction: "downstream",
      route: "PATCH /v4/sessions/*/players/*",
    });
    const failed = await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/5`, { volume: 7 });
    expect(failed.status).toBe(500);
    expect(failed.body).toMatchObject({ status: 500, error: "Internal Server Error" });
    expect(sim.getPlayer(client.sessionId, "5")?.volume).toBe(7);
    await client.close();
  });
});
