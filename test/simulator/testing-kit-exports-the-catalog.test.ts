import { describe, expect, it } from "vitest";
import type { LoadResult } from "../../src/protocol/index.js";
import { parseSpecial } from "../../src/simulator/catalog/special.js";
import { Catalog, CatalogError, SPECIAL_PREFIX } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { rest } from "./helpers.js";

describe("sonora/testing exports the catalog the simulator uses", () => {
  it("a track registered on sim.catalog is what loadtracks answers over HTTP", async () => {
    const sim = await testSimulator();
    expect(sim.catalog).toBeInstanceOf(Catalog);
    // Unknown to Lavalink and to the catalog until registered.
    const before = (await rest(sim, "GET", "/v4/loadtracks?identifier=my-song")).body as LoadResult;
    // Lavalink writes NoMatches with `"data": null` (its docs show `{}`).
    expect(before).toEqual({ loadType: "empty", data: null });
    const track = sim.catalog.registerTrack({ title: "Mine", length: 90_000 }, { identifier: "my-song" });
    const after = (await rest(sim, "GET", "/v4/loadtracks?identifier=my-song")).body as LoadResult;
    expect(after).toEqual({ loadType: "track", data: track });
  });

  it("a Catalog built from sonora/testing can be handed to the simulator", async () => {
    const catalog = new Catalog({ seed: 5 });
    catalog.registerFailure("ytsearch:nothing good", { message: "This video is unavailable" });
    const sim = await testSimulator({ catalog });
    expect(sim.catalog).toBe(catalog);
    const res = await rest(
      sim,
      "GET",
      `/v4/loadtracks?identifier=${encodeURIComponent("ytsearch:nothing good")}`,
    );
    expect(res.body).toMatchObject({
      loadType: "error",
      data: { message: "This video is unavailable", severity: "common" },
    });
  });

  it("exports the error class and the special-identifier helpers", () => {
    expect(() => new Catalog({ seed: Number.NaN })).toThrow(CatalogError);
    expect(parseSpecial(`${SPECIAL_PREFIX}track:1000#x`)).toEqual({ kind: "track", length: 1000 });
  });
});
