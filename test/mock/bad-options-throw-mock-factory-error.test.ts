import { describe, expect, it } from "vitest";
import { MockFactory, MockFactoryError, type TrackInfoOverrides } from "../../src/mock/index.js";

function errorOf(fn: () => unknown): MockFactoryError {
  try {
    fn();
  } catch (error) {
    if (error instanceof MockFactoryError) return error;
    throw error;
  }
  throw new Error("expected a MockFactoryError");
}

describe("invalid options throw a typed MockFactoryError naming option and value", () => {
  const f = new MockFactory({ seed: 1 });

  it.each([
    ["trackCount", () => f.createMockPlaylist({ trackCount: -1 }), -1],
    ["trackCount", () => f.createMockPlaylist({ trackCount: 2.5 }), 2.5],
    ["selectedTrack", () => f.createMockPlaylist({ trackCount: 3, selectedTrack: 3 }), 3],
    ["count", () => f.createMockSearchResults({ count: -5 }), -5],
    ["count", () => f.buildList(Number.NaN), Number.NaN],
    ["overrides.length", () => f.createMockTrack({ length: 1.5 }), 1.5],
    ["overrides.length", () => f.createMockTrack({ length: -1 }), -1],
    ["overrides.position", () => f.createMockTrack({ position: -3 }), -3],
    ["overrides.title", () => f.createMockTrack({ title: 5 as unknown as string }), 5],
    ["overrides.source", () => f.createMockTrack({ source: "napster" as "youtube" }), "napster"],
    ["overrides.titel", () => f.createMockTrack({ titel: "x" } as TrackInfoOverrides), "x"],
    ["streamRatio", () => new MockFactory({ streamRatio: 2 }), 2],
    ["sources", () => new MockFactory({ sources: [] }), []],
    ["seed", () => new MockFactory({ seed: Number.POSITIVE_INFINITY }), Number.POSITIVE_INFINITY],
  ])("%s", (option, fn, value) => {
    const error = errorOf(fn);
    expect(error.code).toBe("MOCK_FACTORY");
    expect(error.name).toBe("MockFactoryError");
    expect(error.option).toBe(option);
    expect(error.value).toEqual(value);
    expect(error.message).toContain(option);
  });

  it("states the accepted range in the message", () => {
    expect(errorOf(() => f.createMockPlaylist({ trackCount: -1 })).message).toBe(
      "MockFactory option trackCount must be an integer ≥ 0, got -1",
    );
  });
});
