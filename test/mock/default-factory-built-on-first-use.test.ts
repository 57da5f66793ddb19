import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  vi.doUnmock("../../src/base/random.js");
  vi.resetModules();
});

describe("the shared mockFactory is built on first use, not at import", () => {
  it("importing sonora/testing seeds no random source; the first use builds the factory once", async () => {
    vi.resetModules();
    let seeded = 0;
    vi.doMock("../../src/base/random.js", async (importOriginal) => {
      const original = await importOriginal<typeof import("../../src/base/random.js")>();
      class CountingRandom extends original.SeededRandom {
        constructor(...args: ConstructorParameters<typeof original.SeededRandom>) {
          super(...args);
          seeded++;
        }
      }
      return { ...original, SeededRandom: CountingRandom };
    });
    const { mockFactory, MockFactory } = await import("../../src/testing/index.js");
    expect(seeded).toBe(0);
    expect(mockFactory).toBeInstanceOf(MockFactory);
    expect(seeded).toBe(0);
    expect(mockFactory.seed).toBe(0);
    expect(seeded).toBe(1);
    const track = mockFactory.createMockTrack();
    expect(track.info.title).not.toBe("");
    expect(mockFactory.sequence).toBe(1);
    expect(seeded).toBe(1);
  });

  it("gives the same tracks as a fresh factory with seed 0", async () => {
    const { mockFactory, MockFactory } = await import("../../src/testing/index.js");
    mockFactory.reset();
    expect(mockFactory.buildList(3)).toEqual(new MockFactory({ seed: 0 }).buildList(3));
  });
});
