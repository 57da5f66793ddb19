import { describe, expect, it } from "vitest";
import { MockFactory } from "../../src/mock/index.js";
import { Catalog } from "../../src/simulator/catalog/index.js";

const IDENTIFIERS = [
  "ytsearch:daft punk",
  "spsearch:daft punk",
  "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
  "https://www.youtube.com/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG",
  "https://open.spotify.com/album/4uLU6hMCjMI75M1A2tKUQC",
  "sonora:track",
  "sonora:exception@1000",
];

describe("the catalog is deterministic for (seed, identifier)", () => {
  it("answers identically across instances with the same seed, and twice in a row", () => {
    const a = new Catalog({ seed: 9 });
    const b = new Catalog({ seed: 9 });
    for (const id of IDENTIFIERS) {
      const first = a.load(id);
      expect(b.load(id)).toEqual(first);
      expect(a.load(id)).toEqual(first);
    }
  });

  it("does not depend on what was loaded before", () => {
    const a = new Catalog({ seed: 9 });
    const b = new Catalog({ seed: 9 });
    for (const id of IDENTIFIERS) a.load(id);
    expect(a.load("ytsearch:late")).toEqual(b.load("ytsearch:late"));
  });

  it("answers differently with another seed", () => {
    const a = new Catalog({ seed: 9 });
    const b = new Catalog({ seed: 10 });
    for (const id of IDENTIFIERS.slice(0, 5)) expect(b.load(id)).not.toEqual(a.load(id));
  });

  it("defaults to seed 0 and accepts string seeds and a factory", () => {
    expect(new Catalog().load("ytsearch:x")).toEqual(new Catalog({ seed: 0 }).load("ytsearch:x"));
    expect(new Catalog({ seed: "s" }).load("ytsearch:x")).toEqual(
      new Catalog({ seed: "s" }).load("ytsearch:x"),
    );
    const viaFactory = (seed: number) =>
      new Catalog({ factory: new MockFactory({ seed }) }).load("ytsearch:x");
    expect(viaFactory(1)).toEqual(viaFactory(1));
    expect(viaFactory(1)).not.toEqual(viaFactory(2));
  });
});
