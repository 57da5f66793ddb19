import type { SeededRandom } from "../base/random.js";
import {
  BUILTIN_FILTER_NAMES,
  EXPECTED_FRAMES_PER_MINUTE,
  type FrameStats,
  LAVASRC_SOURCE_NAMES,
  type NodeInfo,
  type Stats,
} from "../protocol/index.js";
import {
  DEFAULT_SIM_PLUGINS,
  pluginFilterNames,
  pluginInfos,
  type SimPluginId,
} from "./plugins/plugin-set.js";
import type { LavalinkProfile } from "./profiles.js";

/** Source managers a typical Lavalink 4 node reports (built-ins plus youtube-plugin and LavaSrc). */
export const SIMULATED_SOURCE_MANAGERS = Object.freeze([
  "youtube",
  "soundcloud",
  "bandcamp",
  "twitch",
  "vimeo",
  "nico",
  "http",
  "spotify",
  "applemusic",
  "deezer",
  "yandexmusic",
  "vkmusic",
  "tidal",
  "qobuz",
  "jiosaavn",
  "flowery-tts",
]);

/**
 * Source managers LavaSrc adds among {@link SIMULATED_SOURCE_MANAGERS}, by the names they report
 * (every one the catalog serves, as on a node with all of LavaSrc's sources enabled).
 */
const LAVASRC_MANAGERS: ReadonlySet<string> = new Set(LAVASRC_SOURCE_NAMES);

/**
 * Builds `GET /v4/info` for a semver like `4.2.2`: the lavaplayer of the profile's line, the filters
 * not disabled in the config, and the configured plugins (their names, versions, filter extensions,
 * and LavaSrc's source managers only when it runs).
 */
export function nodeInfo(
  version: string,
  startedAt: number,
  profile: LavalinkProfile,
  disabledFilters: readonly string[] = [],
  plugins: ReadonlySet<SimPluginId> = new Set(DEFAULT_SIM_PLUGINS),
): NodeInfo {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/.exec(version);
  return {
    version: {
      semver: version,
      major: Number(m?.[1] ?? 4),
      minor: Number(m?.[2] ?? 0),
      patch: Number(m?.[3] ?? 0),
      preRelease: m?.[4] ?? null,
      build: m?.[5] ?? null,
    },
    buildTime: startedAt - 86_400_000,
    git: { branch: "HEAD", commit: "50f3e6e", commitTime: startedAt - 172_800_000 },
    jvm: "17.0.12",
    lavaplayer: profile.lavaplayer,
    sourceManagers: SIMULATED_SOURCE_MANAGERS.filter(
      (m) => plugins.has("lavasrc") || !LAVASRC_MANAGERS.has(m),
    ),
    // InfoRestHandler lists the filters (and plugin filter extensions) not disabled in the config.
    filters: [...BUILTIN_FILTER_NAMES, ...pluginFilterNames(plugins)].filter(
      (name) => !disabledFilters.includes(name),
    ),
    plugins: pluginInfos(plugins),
  };
}

export interface PlayerCounts {
  players: number;
  playing: number;
}

/**
 * Plausible JVM-like figures: memory grows with players, load with playing players.
 *
 * `frameStats` is `null`, as `GET /v4/stats` serialises it: `StatsCollector.getStats()` returns the
 * `Stats` interface, which Spring's kotlinx converter refuses (open polymorphism), so Jackson writes
 * the `StatsData` with its null field. The `stats` op replaces it with the session's frame stats.
 */
export function nodeStats(counts: PlayerCounts, uptime: number, random: SeededRandom, cores: number): Stats {
  const mb = 1024 * 1024;
  const used = Math.round(72 * mb + counts.players * 48 * 1024 + random.int(0, 8 * mb));
  const allocated = Math.max(256 * mb, Math.ceil((used * 1.5) / mb) * mb);
  return {
    frameStats: null,
    players: counts.players,
    playingPlayers: counts.playing,
    uptime,
    memory: { free: allocated - used, used, allocated, reservable: 4096 * mb },
    cpu: {
      cores,
      systemLoad: Math.round((0.03 + random.next() * 0.1) * 1e4) / 1e4,
      lavalinkLoad:
        Math.round(Math.min(1, 0.004 + counts.playing * 0.0006 + random.next() * 0.01) * 1e4) / 1e4,
    },
  };
}

/**
 * Frame stats of one session, as StatsCollector computes them: over the playing players whose loss
 * counter is usable (playing since before the last full minute), the average frames sent and nulled
 * and the deficit against 3,000 a minute (Kotlin integer division); `null` when none counts.
 * `polled` of each counted player: whether its audio was polled (a voice connection, or the lenient
 * default) — an unpolled one sent nothing.
 */
export function frameStats(counted: readonly boolean[]): FrameStats | null {
  if (counted.length === 0) return null;
  let sent = 0;
  for (const polled of counted) if (polled) sent += EXPECTED_FRAMES_PER_MINUTE;
  const deficit = counted.length * EXPECTED_FRAMES_PER_MINUTE - sent;
  return {
    sent: Math.trunc(sent / counted.length),
    nulled: 0,
    deficit: Math.trunc(deficit / counted.length),
  };
}
