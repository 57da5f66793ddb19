import type { PluginInfo } from "../../protocol/index.js";
import { SimulatorError } from "../errors.js";

/**
 * A plugin the simulator can run, by the short id the `plugins` option and the CLI's `--plugins`
 * flag take. Names and versions are what each plugin's build declares (its `lavalinkPlugin.name`
 * and latest release), so `GET /v4/info` reads as a real node running them.
 */
export type SimPluginId =
  | "lavasrc"
  | "lavasearch"
  | "lyrics"
  | "java-lyrics"
  | "sponsorblock"
  | "lavadspx"
  | "filters";

/** What a simulated plugin reports and registers. */
export interface SimPluginSpec {
  /** Its `lavalinkPlugin.name`, as `/v4/info` lists it. */
  readonly name: string;
  /** Its latest release. */
  readonly version: string;
  /** Filter extensions it registers (listed in `/v4/info` `filters`, accepted in `pluginFilters`). */
  readonly filters: readonly string[];
}

/** What each simulated plugin reports. */
export const SIM_PLUGINS: Readonly<Record<SimPluginId, SimPluginSpec>> = Object.freeze({
  lavasrc: { name: "lavasrc-plugin", version: "4.8.3", filters: [] },
  lavasearch: { name: "lavasearch-plugin", version: "1.0.0", filters: [] },
  lyrics: { name: "lavalyrics-plugin", version: "1.0.0", filters: [] },
  // DuncteBot's java-timed-lyrics: REST routes of its own, no events. Not in the default set: a
  // node usually runs one lyrics plugin (its README warns against two answering the same songs).
  "java-lyrics": { name: "java-lyrics-plugin", version: "1.6.6", filters: [] },
  sponsorblock: { name: "sponsorblock-plugin", version: "1.0.3", filters: [] },
  // LavaDSPX registers one filter extension per effect.
  lavadspx: {
    name: "lavadspx-plugin",
    version: "0.0.5",
    filters: ["high-pass", "low-pass", "normalization", "echo"],
  },
  // rohank05's plugin registers one extension under its own name, configured as { echo, reverb }.
  filters: { name: "lavalink-filter-plugin", version: "0.0.2", filters: ["lavalink-filter-plugin"] },
});

/** The plugins a simulator runs when the `plugins` option is not given. */
export const DEFAULT_SIM_PLUGINS: readonly SimPluginId[] = Object.freeze([
  "lavasrc",
  "lavasearch",
  "lyrics",
  "sponsorblock",
]);

/** Every plugin id the simulator knows. */
export const SIM_PLUGIN_IDS = Object.freeze(Object.keys(SIM_PLUGINS) as SimPluginId[]);

/** Checks the `plugins` option: an array of known ids (duplicates are ignored). */
export function resolvePlugins(value: unknown): ReadonlySet<SimPluginId> {
  if (value === undefined) return new Set(DEFAULT_SIM_PLUGINS);
  if (!Array.isArray(value)) {
    throw new SimulatorError(
      "SIM_INVALID_OPTION",
      `plugins must be an array of ${SIM_PLUGIN_IDS.map((p) => `"${p}"`).join(", ")}, got ${String(value)}`,
    );
  }
  for (const id of value) {
    if (typeof id !== "string" || !(id in SIM_PLUGINS)) {
      throw new SimulatorError(
        "SIM_INVALID_OPTION",
        `plugins: unknown plugin ${JSON.stringify(id)}; known: ${SIM_PLUGIN_IDS.join(", ")}`,
      );
    }
  }
  return new Set(value as SimPluginId[]);
}

/** `plugins` of `GET /v4/info`: the youtube source plugin every node runs, then the configured ones. */
export function pluginInfos(plugins: ReadonlySet<SimPluginId>): PluginInfo[] {
  const out: PluginInfo[] = [{ name: "youtube-plugin", version: "1.11.5" }];
  for (const id of SIM_PLUGIN_IDS) {
    if (plugins.has(id)) out.push({ name: SIM_PLUGINS[id].name, version: SIM_PLUGINS[id].version });
  }
  return out;
}

/** Filter extension names the configured plugins register. */
export function pluginFilterNames(plugins: ReadonlySet<SimPluginId>): string[] {
  return SIM_PLUGIN_IDS.filter((id) => plugins.has(id)).flatMap((id) => [...SIM_PLUGINS[id].filters]);
}
