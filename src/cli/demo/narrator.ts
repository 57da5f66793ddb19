import type { AutoplayContext, AutoplayRecommendation } from "../../client/autoplay/index.js";
import type { ClientEvents, Player, SonoraClient, Track } from "../../client/index.js";
import type { QueueItem } from "../../client/queue/index.js";
import { formatTime, truncate } from "./render.js";
import type { DemoView } from "./view.js";

/** Client events counted for the summary. */
const COUNTED = [
  "nodeReady",
  "nodeDisconnect",
  "nodeReconnecting",
  "nodeResumed",
  "nodeStats",
  "voiceUpdate",
  "trackStart",
  "trackEnd",
  "trackException",
  "trackStuck",
  "playerUpdate",
] as const satisfies readonly (keyof ClientEvents)[];

/** `Title — Artist (3:45)`. */
export function describeTrack(track: Track): string {
  return `${track.title} — ${track.author} (${formatTime(track.length)})`;
}

/**
 * Watches the client: prints one line per event as it happens and keeps the counts the summary
 * reports. Anything that goes wrong in the background (a client `error`) is kept in `failure`,
 * which the script checks at every step.
 */
export class Narrator {
  /** Events seen, by name. */
  readonly counts: Record<string, number> = {};
  /** Tracks autoplay chose, by encoded string. */
  readonly autoplayed = new Set<string>();
  resumed = false;
  /** The first background failure, if any. */
  failure: unknown = null;

  constructor(
    client: SonoraClient,
    private readonly view: DemoView,
    private readonly now: () => number,
  ) {
    for (const name of COUNTED) {
      client.on(name, () => {
        this.counts[name] = (this.counts[name] ?? 0) + 1;
      });
    }
    const say = this.say.bind(this);
    client.on("nodeReady", (node, resumed) =>
      say(
        "nodeReady",
        `${node.name} ready, session ${node.sessionId ?? "?"}${resumed ? " (resumed)" : ""}`,
        "cyan",
      ),
    );
    client.on("nodeDisconnect", (node, info) =>
      say(
        "nodeDisconnect",
        `${node.name} closed (code ${info.code})${info.willReconnect ? ", will reconnect" : ""}`,
        "yellow",
      ),
    );
    client.on("nodeReconnecting", (node, attempt, delay) =>
      say("nodeReconnecting", `${node.name}: attempt ${attempt} in ${(delay / 1000).toFixed(1)} s`, "yellow"),
    );
    client.on("nodeResumed", (node) => {
      this.resumed = true;
      say("nodeResumed", `${node.name} resumed the session: players kept playing, nothing lost`, "green");
    });
    client.on("voiceUpdate", (player) =>
      say(
        "voiceUpdate",
        `joined voice channel ${player.channelId ?? "?"}; voice state sent to the node`,
        "cyan",
      ),
    );
    client.on("trackStart", (_player, track) => {
      const by = this.autoplayed.has(track.encoded) ? "autoplay" : "queue";
      say("trackStart", `${describeTrack(track)}  · from ${by}`, "green");
    });
    client.on("trackEnd", (_player, track, reason) => say("trackEnd", `${track.title} — ${reason}`, "dim"));
    client.on("trackException", (_player, track, exception) =>
      say("trackException", `${track.title}: ${exception.message ?? exception.cause}`, "red"),
    );
    client.on("trackStuck", (_player, track, threshold) =>
      say("trackStuck", `${track.title}: no audio for ${threshold} ms`, "red"),
    );
    client.on("error", (error) => {
      this.failure ??= error;
      say("error", error instanceof Error ? error.message : String(error), "red");
    });
  }

  /** Tracks started so far. */
  get tracksPlayed(): number {
    return this.counts.trackStart ?? 0;
  }

  /** Reconnect attempts so far. */
  get reconnects(): number {
    return this.counts.nodeReconnecting ?? 0;
  }

  /** Prints a line for something the script did (search, skip, filters, …). */
  say(kind: string, text: string, colour: Parameters<DemoView["event"]>[3]): void {
    this.view.event(this.now(), kind, text, colour);
  }

  /**
   * Reports each autoplay choice with the engine's own explanation. The player has no event for
   * it, so the engine's `recommend` is wrapped on this one player instance.
   */
  watchAutoplay(player: Player): void {
    const engine = player.autoplay;
    const recommend = engine.recommend.bind(engine);
    engine.recommend = async <T extends QueueItem>(
      context: AutoplayContext<T>,
    ): Promise<AutoplayRecommendation<T> | null> => {
      const pick = await recommend(context);
      if (pick === null) {
        this.say("autoplay", "no candidate found: playback stops", "red");
      } else {
        this.autoplayed.add(pick.track.encoded);
        const { title, author } = pick.track.info;
        const foundBy = pick.candidates[0]?.foundBy ?? "?";
        this.say(
          "autoplay",
          `picked ${truncate(`${title} — ${author}`, 60)} (${this.strategy(player)}, score ` +
            `${pick.score.toFixed(2)} of ${pick.candidates.length} candidates, found by ${foundBy})`,
          "magenta",
        );
      }
      return pick;
    };
  }

  private strategy(player: Player): string {
    return player.autoplay.strategy.replace("_", " ");
  }
}
