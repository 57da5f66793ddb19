import { describe, expect, it } from "vitest";
import { EQUALIZER_PRESETS, Equalizer, FilterValidationError } from "../../src/client/filters/index.js";
import { validateFilters } from "../../src/protocol/index.js";

describe("Equalizer", () => {
  it("sets, reads and resets bands, and lists all 15 bands", () => {
    const eq = new Equalizer();
    expect(eq.isFlat).toBe(true);
    eq.setBand(0, 0.5).setBand(14, -0.25);
    expect(eq.getBand(0)).toBe(0.5);
    expect(eq.getBand(14)).toBe(-0.25);
    expect(eq.getBand(7)).toBe(0);
    const bands = eq.toBands();
    expect(bands).toHaveLength(15);
    expect(bands[0]).toEqual({ band: 0, gain: 0.5 });
    expect(bands.map((b) => b.band)).toEqual([...Array(15).keys()]);
    eq.reset();
    expect(eq.isFlat).toBe(true);
  });

  it("rejects bands outside 0–14 and gains outside −0.25…1 with FilterValidationError", () => {
    const eq = new Equalizer();
    for (const [band, gain] of [
      [-1, 0],
      [15, 0],
      [1.5, 0],
      [0, -0.26],
      [0, 1.01],
      [0, Number.NaN],
    ] as const) {
      const err = (() => {
        try {
          eq.setBand(band, gain);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(err).toBeInstanceOf(FilterValidationError);
      expect((err as FilterValidationError).code).toBe("FILTER_VALIDATION");
      expect((err as FilterValidationError).message).toMatch(/band|gain/);
    }
    expect(eq.isFlat).toBe(true);
    // setBands validates everything before changing anything
    expect(() =>
      eq.setBands([
        { band: 0, gain: 0.2 },
        { band: 3, gain: 2 },
      ]),
    ).toThrow(FilterValidationError);
    expect(eq.getBand(0)).toBe(0);
  });

  it("every named preset is a valid Lavalink equalizer", () => {
    expect(Object.keys(EQUALIZER_PRESETS).length).toBeGreaterThanOrEqual(7);
    for (const name of Object.keys(EQUALIZER_PRESETS) as (keyof typeof EQUALIZER_PRESETS)[]) {
      const bands = Equalizer.preset(name).toBands();
      expect(validateFilters({ equalizer: bands }).equalizer).toEqual(bands);
    }
    expect(Equalizer.preset("flat").isFlat).toBe(true);
    expect(Equalizer.preset("bass").getBand(0)).toBeGreaterThan(0);
    expect(() => Equalizer.preset("loud" as "flat")).toThrow(FilterValidationError);
  });

  it("accepts a gain list or band objects in the constructor and clones independently", () => {
    const a = new Equalizer([0.1, 0.2]);
    expect(a.getBand(1)).toBe(0.2);
    const b = new Equalizer([{ band: 5, gain: 0.3 }]);
    const c = b.clone().setBand(5, 0);
    expect(b.getBand(5)).toBe(0.3);
    expect(c.getBand(5)).toBe(0);
  });
});
