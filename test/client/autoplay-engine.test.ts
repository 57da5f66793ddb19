import { describe, expect, it } from "vitest";
import {
  AutoplayConfigError,
  AutoplayEngine,
  type AutoplaySearch,
  AutoplaySearchError,
} from "../../src/client/autoplay/index.js";
import { makeTrack, type TestTrack } from "./helpers/tracks.js";

/** A fixed catalog and a deterministic search: case-insensitive word match on title or author. */
const catalog: TestTrack[] = [
  makeTrack({ id: "q1", author: "Queen", title: "Bohemian Rhapsody", length: 354_000 }),
  makeTrack({ id: "q2", author: "Queen", title: "Killer Queen", length: 180_000 }),
  makeTrack({ id: "q3", author: "Queen", title: "Somebody to Love", length: 296_000 }),
  makeTrack({ id: "q4", author: "Queen - Topic", title: "Bohemian Rhapsody (Remastered)", length: 355_000 }),
  makeTrack({ id: "b1", author: "Bowie", title: "Under Pressure (with Queen)", length: 248_000 }),
  makeTrack({
    id: "s1",
    author: "Queen Tribute",
    title: "Rhapsody Cover",
    length: 350_000,
    sourceName: "soundcloud",
  }),
  makeTrack({ id: "l1", author: "Queen", title: "Live Radio", isStream: true }),
  makeTrack({ id: "x1", author: "Other", title: "Unrelated Song", length: 200_000 }),
];

function searchOf(tracks: TestTrack[], log: string[] = []): AutoplaySearch<TestTrack> {
  return async (query, source) => {
    log.push(`${source}:${query}`);
    const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    const wanted = source === "scsearch" ? "soundcloud" : "youtube";
    return tracks.filter(
      (t) =>
        t.info.sourceName === wanted &&
        terms.some((w) => `${t.info.title} ${t.info.author}`.toLowerCase().includes(w)),
    );
  };
}

const seed = catalog[0] as TestTrack;

describe("AutoplayEngine", () => {
  it("configures and exposes enabled/strategy; invalid options throw AutoplayConfigError and change nothing", () => {
    const a = new AutoplayEngine("123");
    expect(a.enabled).toBe(false);
    a.configure({ enabled: true, strategy: "similar_artist", maxHistory: 10 });
    expect(a.enabled).toBe(true);
    expect(a.strategy).toBe("similar_artist");
    expect(a.options.maxHistory).toBe(10);
    const bad: Record<string, unknown>[] = [
      { strategy: "random" },
      { maxHistory: -1 },
      { maxHistory: 2.5 },
      { enabled: "yes" },
      { sources: ["yt search"] },
      { minScore: 2 },
      { maxQueries: 0 },
      { colour: "blue" },
    ];
    for (const options of bad) {
      const err = (() => {
        try {
          a.configure({ enabled: false, ...options });
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(err).toBeInstanceOf(AutoplayConfigError);
      expect((err as AutoplayConfigError).code).toBe("AUTOPLAY_CONFIG");
    }
    expect(a.enabled).toBe(true);
    expect(a.strategy).toBe("similar_artist");
    expect(() => new AutoplayEngine("")).toThrow(AutoplayConfigError);
  });

  it("similar_artist recommends the same artist, never the seed nor a re-upload of it, and explains why", async () => {
    const a = new AutoplayEngine("1", { enabled: true, strategy: "similar_artist" });
    const log: string[] = [];
    const rec = await a.recommend({ current: seed, history: [], search: searchOf(catalog, log) });
    expect(rec).not.toBeNull();
    expect(rec?.track.info.author).toBe("Queen");
    expect(rec?.track).not.toBe(seed);
    expect(rec?.track.info.identifier).not.toBe("q4"); // same song re-uploaded by the Topic channel
    expect(rec?.track.info.isStream).toBe(false);
    expect(rec?.reason).toContain("similar_artist");
    expect(rec?.reason).toContain("Bohemian Rhapsody");
    expect(rec?.score).toBeGreaterThan(0);
    expect(rec?.candidates[0]?.track).toBe(rec?.track);
    expect(log[0]).toBe("ytsearch:Queen");
  });

  it("never recommends one of the last maxHistory played tracks", async () => {
    const a = new AutoplayEngine("1", { strategy: "similar_artist", maxHistory: 10 });
    const played: TestTrack[] = [];
    let current: TestTrack = seed;
    const search = searchOf(catalog);
    for (let i = 0; i < 4; i++) {
      const rec = await a.recommend({ current, history: played, search });
      if (rec === null) break;
      expect([current, ...played]).not.toContain(rec.track);
      played.unshift(current);
      current = rec.track;
    }
    expect(played.length).toBeGreaterThanOrEqual(3);
    expect(new Set([current, ...played]).size).toBe(played.length + 1);
  });

  it("same_source stays on the seed's source; mixed can use configured sources", async () => {
    const same = new AutoplayEngine("1", { strategy: "same_source" });
    const log: string[] = [];
    const rec = await same.recommend({ current: seed, history: [], search: searchOf(catalog, log) });
    expect(rec?.track.info.sourceName).toBe("youtube");
    expect(log.every((q) => q.startsWith("ytsearch:"))).toBe(true);

    const mixed = new AutoplayEngine("1", { strategy: "mixed", sources: ["scsearch"], maxQueries: 2 });
    const log2: string[] = [];
    const rec2 = await mixed.recommend({ current: seed, history: [], search: searchOf(catalog, log2) });
    expect(log2.length).toBe(2);
    expect(log2.every((q) => q.startsWith("scsearch:"))).toBe(true);
    expect(rec2?.track.info.sourceName).toBe("soundcloud");
  });

  it("is deterministic and returns null without a seed or without candidates", async () => {
    const a = new AutoplayEngine("1", { strategy: "mixed" });
    const r1 = await a.recommend({ current: seed, history: [], search: searchOf(catalog) });
    const r2 = await a.recommend({ current: seed, history: [], search: searchOf(catalog) });
    expect(r1?.track).toBe(r2?.track);
    expect(r1?.reason).toBe(r2?.reason);
    expect(await a.recommend({ history: [], search: searchOf(catalog) })).toBeNull();
    expect(await a.recommend({ current: seed, history: [], search: async () => [] })).toBeNull();
    // with no current track the newest history entry is the seed
    const fromHistory = await a.recommend({ history: [seed], search: searchOf(catalog) });
    expect(fromHistory?.track).not.toBe(seed);
  });

  it("rejects with AutoplaySearchError only when every search fails", async () => {
    const a = new AutoplayEngine("1", { strategy: "mixed" });
    await expect(
      a.recommend({
        current: seed,
        history: [],
        search: async () => {
          throw new Error("node down");
        },
      }),
    ).rejects.toBeInstanceOf(AutoplaySearchError);
    let calls = 0;
    const flaky: AutoplaySearch<TestTrack> = async (q, s) => {
      if (calls++ === 0) throw new Error("first fails");
      return searchOf(catalog)(q, s);
    };
    const rec = await a.recommend({ current: seed, history: [], search: flaky });
    expect(rec?.reason).toContain("1 search(es) failed");
  });

  it("notePlayed excludes tracks beyond what the context's history shows", async () => {
    const a = new AutoplayEngine("1", { strategy: "similar_artist", maxHistory: 5 });
    const first = await a.recommend({ current: seed, history: [], search: searchOf(catalog) });
    a.notePlayed(first?.track as TestTrack);
    const second = await a.recommend({ current: seed, history: [], search: searchOf(catalog) });
    expect(second?.track).not.toBe(first?.track);
    a.reset();
    const third = await a.recommend({ current: seed, history: [], search: searchOf(catalog) });
    expect(third?.track).toBe(first?.track);
  });
});
