import { describe, expect, it } from "vitest";
import type { TrackEndEvent } from "../../src/protocol/index.js";
import { jsonDepth, MAX_JSON_DEPTH } from "../../src/simulator/rest/json-depth.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { loadOne, rest, TestClient } from "./helpers.js";

/** `{"k":{"k":…{}…}}` with `depth` objects in all. */
function nested(depth: number): string {
  return `${'{"k":'.repeat(depth - 1)}{}${"}".repeat(depth - 1)}`;
}

/** A PATCH body whose pluginFilters make the whole document `depth` levels deep. */
function deepFilters(depth: number): string {
  // body object + filters + pluginFilters = 3 levels, then the nested value.
  return `{"filters":{"pluginFilters":${nested(depth - 2)}}}`;
}

describe("deep JSON is refused at the boundary, as Jackson's nesting limit does", () => {
  it("measures depth iteratively and ignores brackets inside strings", () => {
    expect(jsonDepth("{}")).toBe(1);
    expect(jsonDepth('[{"a":"[[[[\\"{{{"}]')).toBe(2);
    expect(jsonDepth(nested(10))).toBe(10);
    // Stops counting as soon as the limit is passed: a 1 MB document costs one scan at most.
    expect(jsonDepth("[".repeat(1_000_000), 5)).toBe(6);
  });

  it("answers a 5,000-deep pluginFilters PATCH with 400 and Lavalink's error body, and keeps running", async () => {
    const sim = await testSimulator();
    const client = await TestClient.connect(sim);
    const body = deepFilters(5000);
    expect(body.length).toBeGreaterThan(25_000);
    const res = await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/1`, body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      status: 400,
      error: "Bad Request",
      message: "Failed to read request",
      path: `/v4/sessions/${client.sessionId}/players/1`,
    });
    expect(typeof (res.body as { timestamp: unknown }).timestamp).toBe("number");
    // Nothing of it reached the player: it does not even exist.
    expect(sim.getPlayer(client.sessionId, "1")).toBeUndefined();
    expect((await rest(sim, "GET", "/v4/info")).status).toBe(200);
    client.ws.close();
  });

  it("accepts exactly Jackson's 1,000 levels and refuses 1,001", async () => {
    const sim = await testSimulator();
    const client = await TestClient.connect(sim);
    const path = `/v4/sessions/${client.sessionId}/players/1`;
    expect(jsonDepth(deepFilters(MAX_JSON_DEPTH))).toBe(MAX_JSON_DEPTH);
    const ok = await rest(sim, "PATCH", path, deepFilters(MAX_JSON_DEPTH));
    expect(ok.status).toBe(200);
    // The stored filters serialise again on every GET.
    expect((await rest(sim, "GET", path)).status).toBe(200);
    const tooDeep = await rest(sim, "PATCH", path, deepFilters(MAX_JSON_DEPTH + 1));
    expect(tooDeep.status).toBe(400);
    client.ws.close();
  });

  it("refuses a deep track.userData before it can reach an event serialised later from a timer", async () => {
    const sim = await testSimulator();
    const client = await TestClient.connect(sim);
    const { encoded, length } = await loadOne(sim);
    const path = `/v4/sessions/${client.sessionId}/players/1`;
    const deep = `{"track":{"encoded":${JSON.stringify(encoded)},"userData":${nested(5000)}}}`;
    expect((await rest(sim, "PATCH", path, deep)).status).toBe(400);
    // The deepest accepted userData plays, and its TrackEndEvent goes out from the scheduler.
    const deepest = `{"track":{"encoded":${JSON.stringify(encoded)},"userData":${nested(MAX_JSON_DEPTH - 2)}}}`;
    expect((await rest(sim, "PATCH", path, deepest)).status).toBe(200);
    await sim.clock.advance(length);
    const end = await client.event<TrackEndEvent>("TrackEndEvent");
    expect(end.reason).toBe("finished");
    client.ws.close();
  });

  it("refuses deep JSON on the other JSON routes too", async () => {
    const sim = await testSimulator({ routePlanner: { class: null, details: null } });
    const client = await TestClient.connect(sim);
    const deep = `[${nested(3000)}]`;
    expect((await rest(sim, "POST", "/v4/decodetracks", deep)).status).toBe(400);
    expect(
      (await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}`, `{"x":${nested(3000)}}`)).status,
    ).toBe(400);
    client.ws.close();
  });
});
