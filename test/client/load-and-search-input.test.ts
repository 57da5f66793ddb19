import { describe, expect, it } from "vitest";
import { InvalidOptionError } from "../../src/client/index.js";
import type { ProtocolSimulator } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

async function connected() {
  const { simulator: sim, client } = await sonoraEnv({ nodes: ["main"], client: STEADY_CLIENT });
  return { sim, client };
}

const loadRequests = (s: ProtocolSimulator) =>
  s.log.filter({ kind: "rest" }).filter((e) => e.path?.startsWith("/v4/loadtracks"));

describe("load and search check their input before any request", () => {
  it("refuses non-strings, empty and blank identifiers and unknown sources with InvalidOptionError", async () => {
    const { sim, client } = await connected();
    const asked: string[] = [];
    sim.catalog.use((identifier) => {
      asked.push(identifier);
      return undefined;
    });
    for (const bad of [undefined, null, 42, "", "   ", {}]) {
      const load = await client.load(bad as never).catch((e: unknown) => e);
      expect(load).toBeInstanceOf(InvalidOptionError);
      expect((load as InvalidOptionError).option).toBe("identifier");
      const search = await client.search(bad as never).catch((e: unknown) => e);
      expect(search).toBeInstanceOf(InvalidOptionError);
      expect((search as InvalidOptionError).option).toBe("query");
    }
    for (const source of ["myspace", "toString", "__proto__", 3]) {
      const error = await client.search("lofi", { source: source as never }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect((error as InvalidOptionError).option).toBe("source");
      expect((error as Error).message).toContain("youtube, youtubeMusic, soundcloud, spotify");
    }
    // Even with a URL (which would be loaded as is), a wrong source is reported.
    await expect(
      client.search("https://youtu.be/dQw4w9WgXcQ", { source: "nope" as never }),
    ).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(client.search("lofi", null as never)).rejects.toBeInstanceOf(InvalidOptionError);
    expect(asked).toEqual([]);
    expect(loadRequests(sim)).toHaveLength(0);
  });

  it("search with source spotify loads spsearch:<query> and returns Spotify tracks", async () => {
    const { sim, client } = await connected();
    const asked: string[] = [];
    sim.catalog.use((identifier) => {
      asked.push(identifier);
      return undefined; // fall through to the catalog's default answer
    });
    const result = await client.search("daft punk", { source: "spotify" });
    expect(result.loadType).toBe("search");
    expect(result.tracks.length).toBeGreaterThan(0);
    expect(result.tracks.every((t) => t.sourceName === "spotify")).toBe(true);
    expect(asked).toEqual(["spsearch:daft punk"]);
  });
});
