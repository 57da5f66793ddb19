import { describe, expect, it } from "vitest";
import {
  ProtocolValidationError,
  validateFilters,
  validateLoadResult,
  validateUpdatePlayerRequest,
  validateUpdateSessionRequest,
} from "../../src/protocol/index.js";

describe("validateFilters", () => {
  it("accepts Lavalink's documented example", () => {
    const example = {
      volume: 1.0,
      equalizer: [{ band: 0, gain: 0.2 }],
      karaoke: { level: 1.0, monoLevel: 1.0, filterBand: 220.0, filterWidth: 100.0 },
      timescale: { speed: 1.0, pitch: 1.0, rate: 1.0 },
      tremolo: { frequency: 2.0, depth: 0.5 },
      vibrato: { frequency: 2.0, depth: 0.5 },
      rotation: { rotationHz: 0 },
      distortion: {
        sinOffset: 0,
        sinScale: 1,
        cosOffset: 0,
        cosScale: 1,
        tanOffset: 0,
        tanScale: 1,
        offset: 0,
        scale: 1,
      },
      channelMix: { leftToLeft: 1.0, leftToRight: 0.0, rightToLeft: 0.0, rightToRight: 1.0 },
      lowPass: { smoothing: 20.0 },
      pluginFilters: { myPlugin: { myPluginKey: "myPluginValue" } },
    };
    expect(validateFilters(example)).toEqual(example);
  });

  it.each([
    [{ volume: 6 }, "filters.volume"],
    [{ equalizer: [{ band: 15, gain: 0 }] }, "filters.equalizer[0].band"],
    [{ equalizer: [{ band: 1, gain: 1.5 }] }, "filters.equalizer[0].gain"],
    [{ timescale: { speed: -1 } }, "filters.timescale.speed"],
    [{ tremolo: { depth: 0 } }, "filters.tremolo.depth"],
    [{ vibrato: { frequency: 15 } }, "filters.vibrato.frequency"],
    [{ channelMix: { leftToLeft: 2 } }, "filters.channelMix.leftToLeft"],
    [{ timescale: { sped: 1 } }, "filters.timescale.sped"],
    [{ echo: {} }, "filters.echo"],
  ])("rejects %j at %s", (filters, field) => {
    try {
      validateFilters(filters);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ProtocolValidationError);
      expect((error as ProtocolValidationError).field).toBe(field);
    }
  });

  it("passes null sub-filters through as 'turn off'", () => {
    expect(validateFilters({ timescale: null })).toEqual({ timescale: null });
  });
});

describe("validateUpdatePlayerRequest", () => {
  it("keeps known fields and ignores unknown ones, as Lavalink does", () => {
    expect(
      validateUpdatePlayerRequest({
        track: { encoded: "abc", userData: { a: 1 } },
        volume: 50,
        paused: true,
        nonsense: 1,
      }),
    ).toEqual({ track: { encoded: "abc", userData: { a: 1 } }, volume: 50, paused: true });
  });

  it.each([
    [{ volume: 1001 }, "volume"],
    [{ volume: 5.5 }, "volume"],
    [{ endTime: 0 }, "endTime"],
    [{ position: -1 }, "position"],
    [{ paused: "yes" }, "paused"],
    [{ track: { encoded: "a", identifier: "b" } }, "track.identifier"],
    [{ track: { encoded: "a" }, encodedTrack: "b" }, "track"],
    [{ voice: { token: "t", endpoint: "e" } }, "voice.sessionId"],
  ])("rejects %j at %s", (body, field) => {
    expect(() => validateUpdatePlayerRequest(body)).toThrow(ProtocolValidationError);
    try {
      validateUpdatePlayerRequest(body);
    } catch (error) {
      expect((error as ProtocolValidationError).field).toBe(field);
    }
  });

  it("allows endTime null to clear it and encoded null to stop", () => {
    expect(validateUpdatePlayerRequest({ endTime: null, track: { encoded: null } })).toEqual({
      endTime: null,
      track: { encoded: null },
    });
  });
});

describe("validateUpdateSessionRequest and validateLoadResult", () => {
  it("checks session updates", () => {
    expect(validateUpdateSessionRequest({ resuming: true, timeout: 60 })).toEqual({
      resuming: true,
      timeout: 60,
    });
    expect(() => validateUpdateSessionRequest({ timeout: -5 })).toThrow(ProtocolValidationError);
  });

  it("checks each load type", () => {
    expect(validateLoadResult({ loadType: "empty", data: {} })).toEqual({ loadType: "empty", data: {} });
    expect(
      validateLoadResult({ loadType: "error", data: { message: "x", severity: "common", cause: "y" } }),
    ).toMatchObject({
      loadType: "error",
    });
    expect(() => validateLoadResult({ loadType: "search", data: [{}] })).toThrow(/data\[0\]\.encoded/);
    expect(() => validateLoadResult({ loadType: "weird", data: {} })).toThrow(ProtocolValidationError);
  });
});
