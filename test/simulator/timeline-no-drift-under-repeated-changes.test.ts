import { beforeEach, describe, expect, it } from "vitest";
import type { VirtualSimulator } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { loadOne, rest, TestClient } from "./helpers.js";

// Each pause re-anchors the timeline; rounding the anchor to whole ms would lose up to 1 ms per
// change under a fractional timescale rate, so a bot toggling pause often would see its track lag.
describe("the timeline does not drift under many pause/resume and filter changes", () => {
  let sim: VirtualSimulator;
  let client: TestClient;
  beforeEach(async () => {
    sim = await testSimulator();
    client = await TestClient.connect(sim);
  });

  it("100 pause/resume pairs at speed 1.5, 1 ms apart, leave the position at exactly 150 ms", async () => {
    const { encoded } = await loadOne(sim);
    const path = `/v4/sessions/${client.sessionId}/players/123`;
    await rest(sim, "PATCH", path, { track: { encoded }, filters: { timescale: { speed: 1.5 } } });
    for (let i = 0; i < 100; i++) {
      await sim.clock.advance(1);
      expect((await rest(sim, "PATCH", path, { paused: true })).status).toBe(200);
      expect((await rest(sim, "PATCH", path, { paused: false })).status).toBe(200);
    }
    const player = (await rest(sim, "GET", path)).body as { state: { position: number } };
    expect(player.state.position).toBe(150);
  });

  it("re-sending the same filters 99 times, 1 ms apart, at rate 1.25 keeps 100 ms → 125 ms", async () => {
    const { encoded } = await loadOne(sim);
    const path = `/v4/sessions/${client.sessionId}/players/124`;
    const filters = { timescale: { rate: 1.25 } };
    await rest(sim, "PATCH", path, { track: { encoded }, filters });
    for (let i = 0; i < 99; i++) {
      await sim.clock.advance(1);
      await rest(sim, "PATCH", path, { filters });
    }
    await sim.clock.advance(1);
    const player = (await rest(sim, "GET", path)).body as { state: { position: number } };
    expect(player.state.position).toBe(125);
  });
});
