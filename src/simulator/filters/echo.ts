import type { Filters, SubFilterName } from "../../protocol/index.js";
import { SUB_FILTER_DEFAULTS, SUB_FILTER_ORDER, withDefaults } from "./defaults.js";

/**
 * The `filters` of a player object as Lavalink serialises its FilterChain: null members are "no
 * filter" and left out; a present sub-filter is echoed with every field (4.1+, `@EncodeDefault`) or
 * with only the fields that differ from their default (4.0, `encodeDefaults = false`).
 */
export function echoFilters(filters: Filters, encodeDefaults: boolean): Filters {
  const out: Record<string, unknown> = {};
  if (filters.volume !== undefined) out.volume = filters.volume;
  if (filters.equalizer !== undefined) {
    out.equalizer = filters.equalizer.map(({ band, gain }) =>
      encodeDefaults || gain !== 1 ? { band, gain } : { band },
    );
  }
  for (const name of SUB_FILTER_ORDER) {
    const given = filters[name];
    if (given === undefined || given === null) continue;
    const full = withDefaults(name, given as Record<string, number>);
    out[name] = encodeDefaults ? full : withoutDefaults(name, full);
  }
  if (filters.pluginFilters !== undefined && Object.keys(filters.pluginFilters).length > 0) {
    out.pluginFilters = filters.pluginFilters;
  }
  return out as Filters;
}

function withoutDefaults(name: SubFilterName, full: Record<string, number>): Record<string, number> {
  const defaults = SUB_FILTER_DEFAULTS[name];
  const out: Record<string, number> = {};
  for (const [field, value] of Object.entries(full)) if (value !== defaults[field]) out[field] = value;
  return out;
}
