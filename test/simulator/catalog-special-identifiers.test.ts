import { describe, expect, it } from "vitest";
import { MockFactory } from "../../src/mock/index.js";
import { decodeTrack, STREAM_LENGTH } from "../../src/protocol/index.js";
import { Catalog } from "../../src/simulator/catalog/index.js";
import { expectType, expectWireValid } from "./catalog-helpers.js";

describe("sonora: identifiers load test tracks whose behaviour scriptFor reads back", () => {
  const catalog = new Catalog({ seed: 5 });
  const trackOf = (id: string) => {
    const result = catalog.load(id);
    expectWireValid(result);
    return expectType(result, "track").data;
  };
  /** The script as the simulator would compute it: from the decoded info of the encoded string. */
  const scriptOf = (id: string) => catalog.scriptFor(decodeTrack(trackOf(id).encoded).info);

  it("sonora:track:<ms> has that length and plays normally", () => {
    const track = trackOf("sonora:track:1234");
    expect(track.info).toMatchObject({ length: 1234, sourceName: "sonora", identifier: "sonora:track:1234" });
    expect(scriptOf("sonora:track:1234")).toEqual({ kind: "normal" });
    expect(trackOf("sonora:track").info.length).toBeGreaterThanOrEqual(30_000);
  });

  it("#labels make distinct tracks with the same behaviour", () => {
    const a = trackOf("sonora:track:1000#a");
    const b = trackOf("sonora:track:1000#b");
    expect(a.encoded).not.toBe(b.encoded);
    expect(a.info.length).toBe(1000);
    expect(b.info.length).toBe(1000);
  });

  it("sonora:stream is a live stream", () => {
    expect(trackOf("sonora:stream").info).toMatchObject({
      isStream: true,
      isSeekable: false,
      length: STREAM_LENGTH,
    });
    expect(scriptOf("sonora:stream")).toEqual({ kind: "normal" });
  });

  it("sonora:loadfail fails at start", () => {
    const script = scriptOf("sonora:loadfail");
    expect(script.kind).toBe("loadFailed");
    if (script.kind === "loadFailed") expect(script.exception).toMatchObject({ severity: "fault" });
  });

  it("sonora:exception@<ms> raises an exception at that time", () => {
    const script = scriptOf("sonora:exception@30000");
    expect(script).toMatchObject({ kind: "exception", atMs: 30_000 });
    if (script.kind === "exception") {
      expect(script.exception.message).toBe("Something broke when playing the track.");
      expect(script.exception.cause).toContain("sonora:exception@30000");
    }
    expect(trackOf("sonora:exception@30000").info.length).toBeGreaterThan(30_000);
    expect(trackOf("sonora:exception@500:2000").info.length).toBe(2000);
  });

  it("sonora:stuck@<ms>[/<threshold>] gets stuck at that time", () => {
    // Without a threshold in the identifier, the node's `trackStuckThresholdMs` applies (default 10 s).
    expect(scriptOf("sonora:stuck@5000")).toEqual({ kind: "stuck", atMs: 5000, thresholdMs: undefined });
    expect(scriptOf("sonora:stuck@5000/2500:60000")).toEqual({
      kind: "stuck",
      atMs: 5000,
      thresholdMs: 2500,
    });
  });

  it("sonora:error, sonora:empty, sonora:playlist and sonora:search answer those load types", () => {
    expect(expectType(catalog.load("sonora:error:Video unavailable: private"), "error").data).toMatchObject({
      message: "Video unavailable: private",
      severity: "common",
    });
    expect(catalog.load("sonora:empty").loadType).toBe("empty");
    expect(expectType(catalog.load("sonora:playlist:3"), "playlist").data.tracks).toHaveLength(3);
    expect(expectType(catalog.load("sonora:search:4"), "search").data).toHaveLength(4);
  });

  it("sonora:playlist:2000 builds 2,000 distinct, valid tracks", () => {
    const result = catalog.load("sonora:playlist:2000");
    const tracks = expectType(result, "playlist").data.tracks;
    expect(tracks).toHaveLength(2000);
    expect(new Set(tracks.map((t) => t.encoded)).size).toBe(2000);
    expectWireValid(result);
  });

  it("a malformed sonora: identifier is an error that explains the scheme", () => {
    const error = expectType(catalog.load("sonora:exception"), "error").data;
    expect(error.message).toContain("sonora:exception@<atMs>");
  });

  it("scriptFor works for any track: factory tracks and unknown identifiers are normal", () => {
    const foreign = new MockFactory({ seed: 1 }).createMockTrack();
    expect(catalog.scriptFor(foreign.info)).toEqual({ kind: "normal" });
    // The behaviour lives in the identifier, so a track made elsewhere with such an id gets it too.
    const made = new MockFactory({ seed: 1 }).createMockTrack({
      identifier: "sonora:stuck@100",
      sourceName: "x",
    });
    expect(new Catalog({ seed: 99 }).scriptFor(made.info)).toMatchObject({ kind: "stuck", atMs: 100 });
  });
});
