import { describe, expect, it } from "vitest";
import { Equalizer, FilterManager, FilterValidationError } from "../../src/client/filters/index.js";
import { validateFilters } from "../../src/protocol/index.js";

function errorOf(fn: () => unknown): FilterValidationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FilterValidationError) return e;
    throw e;
  }
  throw new Error("expected a FilterValidationError");
}

describe("FilterManager", () => {
  it("starts empty and clean; the payload holds only what is set", () => {
    const f = new FilterManager();
    expect(f.toPayload()).toEqual({});
    expect(f.dirty).toBe(false);
    f.setTimescale({ speed: 1.5 });
    expect(f.dirty).toBe(true);
    expect(f.toPayload()).toEqual({ timescale: { speed: 1.5 } });
    f.markClean();
    expect(f.dirty).toBe(false);
  });

  it("accepts every Lavalink filter within range, and the payload passes the protocol validation", () => {
    const f = new FilterManager()
      .setVolume(1.5)
      .setEqualizer([{ band: 2, gain: 0.4 }])
      .setKaraoke({ level: 1, monoLevel: 1, filterBand: 220, filterWidth: 100 })
      .setTimescale({ speed: 1.1, pitch: 0.9, rate: 1.2 })
      .setTremolo({ frequency: 2, depth: 0.5 })
      .setVibrato({ frequency: 14, depth: 1 })
      .setRotation({ rotationHz: 0.2 })
      .setDistortion({
        sinOffset: 0,
        sinScale: 1,
        cosOffset: 0,
        cosScale: 1,
        tanOffset: 0,
        tanScale: 1,
        offset: 0,
        scale: 1,
      })
      .setChannelMix({ leftToLeft: 0.5, leftToRight: 0.5, rightToLeft: 0.5, rightToRight: 0.5 })
      .setLowPass({ smoothing: 20 })
      .setPluginFilter("echo", { delay: 0.5 });
    const payload = f.toPayload();
    expect(validateFilters(payload)).toEqual(payload);
    expect(Object.keys(payload).sort()).toEqual(
      [
        "volume",
        "equalizer",
        "karaoke",
        "timescale",
        "tremolo",
        "vibrato",
        "rotation",
        "distortion",
        "channelMix",
        "lowPass",
        "pluginFilters",
      ].sort(),
    );
    expect(payload.equalizer).toEqual([{ band: 2, gain: 0.4 }]);
    expect(f.active).toHaveLength(11);
  });

  it("refuses out-of-range values with FilterValidationError naming the field, changing nothing", () => {
    const f = new FilterManager();
    const cases: [() => unknown, string][] = [
      [() => f.setVolume(5.1), "volume"],
      [() => f.setTimescale({ speed: 0 }), "timescale.speed"],
      [() => f.setTimescale({ pitch: -1 }), "timescale.pitch"],
      [() => f.setTremolo({ depth: 0 }), "tremolo.depth"],
      [() => f.setVibrato({ frequency: 14.5 }), "vibrato.frequency"],
      [() => f.setKaraoke({ level: 2 }), "karaoke.level"],
      [() => f.setChannelMix({ leftToLeft: 1.2 }), "channelMix.leftToLeft"],
      [() => f.setRotation({ rotationHz: Number.POSITIVE_INFINITY }), "rotation.rotationHz"],
      [() => f.setTimescale({ sped: 1 } as never), "timescale.sped"],
      [() => f.setPluginFilter("x", [] as never), "pluginFilters.x"],
      [() => f.setFilter({ type: "reverb" } as never), "filter.type"],
    ];
    for (const [fn, field] of cases) {
      const err = errorOf(fn);
      expect(err.code).toBe("FILTER_VALIDATION");
      expect(err.field).toBe(field);
      expect(err.message).toContain(field);
    }
    expect(f.toPayload()).toEqual({});
  });

  it("setFilter takes an Equalizer or a { type, … } object", () => {
    const f = new FilterManager();
    const eq = new Equalizer();
    eq.setBand(0, 0.5);
    f.setFilter(eq);
    f.setFilter({ type: "timescale", speed: 1.25 });
    f.setFilter({ type: "volume", volume: 0.8 });
    f.setFilter({ type: "plugin", name: "lavadspx", config: { highPass: { cutoff: 100 } } });
    expect(f.toPayload()).toEqual({
      volume: 0.8,
      equalizer: [{ band: 0, gain: 0.5 }],
      timescale: { speed: 1.25 },
      pluginFilters: { lavadspx: { highPass: { cutoff: 100 } } },
    });
    eq.setBand(1, 0.3); // the manager copied the bands: later edits of eq do not leak in
    expect(f.equalizer.getBand(1)).toBe(0);
  });

  it("presets compose and every preset is accepted by the protocol validation", () => {
    const f = new FilterManager();
    for (const level of ["low", "medium", "high", "extreme", 0.8, -0.2] as const) {
      f.bassBoost(level);
      expect(f.equalizer.getBand(0)).toBeGreaterThan(level === -0.2 ? -0.25 : 0);
      validateFilters(f.toPayload());
    }
    f.bassBoost("high").nightcore().eightD().karaoke().soft().mono();
    expect(validateFilters(f.toPayload())).toEqual(f.toPayload());
    expect(f.timescaleFactor).toBeCloseTo(1.2);
    f.vaporwave();
    expect(f.timescaleFactor).toBeCloseTo(0.85);
    expect(() => f.bassBoost("insane" as "high")).toThrow(FilterValidationError);
    expect(() => f.bassBoost(1.5)).toThrow(FilterValidationError);
    f.reset();
    expect(f.toPayload()).toEqual({});
    expect(f.timescaleFactor).toBe(1);
    expect(f.dirty).toBe(true);
  });

  it("remove turns one filter off; sync adopts the node's filters without becoming dirty", () => {
    const f = new FilterManager().nightcore().eightD().setPluginFilter("p", { a: 1 });
    f.remove("rotation").remove("plugin:p");
    expect(f.toPayload()).toEqual({ timescale: { speed: 1.2, pitch: 1.2, rate: 1 } });
    f.markClean();
    f.sync({ volume: 2, lowPass: { smoothing: 5 } });
    expect(f.dirty).toBe(false);
    expect(f.toPayload()).toEqual({ volume: 2, lowPass: { smoothing: 5 } });
    f.merge({ timescale: { rate: 2 }, lowPass: null });
    expect(f.toPayload()).toEqual({ volume: 2, timescale: { rate: 2 } });
    expect(f.timescaleFactor).toBe(2);
    expect(() => f.merge({ volume: 9 })).toThrow(FilterValidationError);
  });

  it("the payload is a copy: editing it does not change the manager", () => {
    const f = new FilterManager().setTimescale({ speed: 2 });
    const p = f.toPayload();
    (p.timescale as { speed: number }).speed = 3;
    expect(f.get("timescale")).toEqual({ speed: 2 });
  });
});
