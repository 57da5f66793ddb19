import { EXPECTED_FRAMES_PER_MINUTE, type Stats } from "../../protocol/index.js";

/**
 * Load score of a node; the pool gives new players to the lowest. With `s` the node's last
 * `stats` (zeros before the first one) and `local` the players this client placed on the node:
 *
 * ```
 * players  = max(s.playingPlayers, local.playing) + 0.25 · max(s.players − s.playingPlayers, local.idle)
 * cpu      = 100 · s.cpu.systemLoad²                      (0 … 100; steep only once the box is busy)
 * frames   = 100 · min(1, (deficit + nulled) / (3000 · max(1, s.playingPlayers)))
 * penalty  = players + cpu + frames
 * ```
 *
 * - Playing players cost 1, idle ones a quarter: an idle player sends no audio.
 * - The `max` with local counts matters because stats arrive once a minute: without it a burst of
 *   new players would all land on the node that looked emptiest at the last report.
 * - CPU is squared so 10 % vs 20 % load barely matters (0.99 points) while 90 % costs 81.
 * - The frame term is the share of the last minute's expected audio frames that were missing or
 *   empty: a node that cannot keep up is avoided even when it reports few players.
 */
export function nodePenalty(stats: Stats | null, local: { playing: number; idle: number }): number {
  const playing = Math.max(stats?.playingPlayers ?? 0, local.playing);
  const idle = Math.max((stats?.players ?? 0) - (stats?.playingPlayers ?? 0), local.idle);
  const load = stats?.cpu.systemLoad ?? 0;
  const cpu = 100 * Math.min(1, Math.max(0, load)) ** 2;
  let frames = 0;
  const fs = stats?.frameStats;
  if (fs) {
    const expected = EXPECTED_FRAMES_PER_MINUTE * Math.max(1, stats?.playingPlayers ?? 0);
    frames = 100 * Math.min(1, Math.max(0, fs.deficit + fs.nulled) / expected);
  }
  return playing + 0.25 * idle + cpu + frames;
}
