import type { Player } from "../../client/index.js";
import { DemoError } from "./errors.js";
import { Narrator } from "./narrator.js";
import { type DemoSummary, formatTime } from "./render.js";
import { DEFAULT_PROGRESS_EVERY, type DemoOutput, DemoView } from "./view.js";
import { DEMO_CHANNEL_ID, DemoWorld } from "./world.js";

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** Where to write (default `process.stdout`). */
  out?: DemoOutput;
  /** Seed of the simulated node: the same seed tells the same story (default 42). */
  seed?: number | string;
  /** Run without pauses (CI, tests). Default false: paced at `speed`× real time. */
  fast?: boolean;
  /** How many times faster than real time playback runs when not `fast` (default 15). */
  speed?: number;
  /** What to search for (default "synthwave"). */
  query?: string;
  /** Without a terminal: print a progress line every this many percent of a track (default 25). */
  progressEvery?: number;
  /** Environment to read `NO_COLOR` and `FORCE_COLOR` from (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Simulated time per step; the now-playing line moves this much per redraw at most. */
const STEP_MS = 250;
/** Most simulated time any one wait may take before the demo gives up. */
const MAX_WAIT_MS = 15 * 60_000;

/**
 * Runs the scripted demo: an embedded Lavalink simulator and a SonoraClient on one virtual clock,
 * a search, a short queue, a filter change, a skip, a dropped connection resumed, autoplay taking
 * over, then a summary. Resolves with the summary; rejects with {@link DemoError} (or the client's
 * own error) when a step does not happen. Always closes the client and the simulator.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoSummary> {
  const out = options.out ?? process.stdout;
  const seed = options.seed ?? 42;
  const speed = options.speed ?? 15;
  if (!(speed > 0) || !Number.isFinite(speed)) {
    throw new DemoError("read the options", `speed must be a number > 0, got ${String(options.speed)}`);
  }
  if (options.query !== undefined && (typeof options.query !== "string" || options.query.trim() === "")) {
    throw new DemoError(
      "read the options",
      `query must be a non-empty text, got ${JSON.stringify(options.query)}`,
    );
  }
  const progressEvery = options.progressEvery ?? DEFAULT_PROGRESS_EVERY;
  if (!(progressEvery > 0 && progressEvery <= 100)) {
    throw new DemoError(
      "read the options",
      `progressEvery must be in (0, 100], got ${String(progressEvery)}`,
    );
  }
  const view = new DemoView(out, options.env ?? process.env, progressEvery);
  const wallStart = performance.now();
  const world = await DemoWorld.create(seed);
  try {
    view.line(
      `Sonora demo: a Lavalink v4 simulator on ${world.sim.url} and a SonoraClient, seed ${JSON.stringify(seed)}` +
        (options.fast ? ", fast" : `, ${speed}× real time`),
    );
    const narrator = new Narrator(world.client, view, () => world.elapsed);
    narrator.say("nodeReady", `sim-1 ready, session ${world.sessionId ?? "?"}`, "cyan");
    narrator.counts.nodeReady = 1;
    const script = new Script(world, view, narrator, options.fast === true ? 0 : speed);
    await script.run(options.query ?? "synthwave");
    const summary: DemoSummary = {
      tracksPlayed: narrator.tracksPlayed,
      autoplayPicks: narrator.autoplayed.size,
      events: { ...narrator.counts },
      reconnects: narrator.reconnects,
      resumed: narrator.resumed,
      simulatedMs: world.elapsed,
      elapsedMs: performance.now() - wallStart,
    };
    view.summary(summary);
    return summary;
  } finally {
    view.clear();
    await world.close();
  }
}

/** The story, step by step. */
class Script {
  private player: Player | null = null;
  private readonly wallStart = performance.now();
  private readonly simStart: number;

  constructor(
    private readonly world: DemoWorld,
    private readonly view: DemoView,
    private readonly narrator: Narrator,
    /** Real-time pacing factor; 0 = no pauses. */
    private readonly speed: number,
  ) {
    this.simStart = world.elapsed;
  }

  async run(query: string): Promise<void> {
    const { world, narrator } = this;
    const player = await world.player();
    this.player = player;
    narrator.watchAutoplay(player);

    narrator.say("join", `asking Discord to join voice channel ${DEMO_CHANNEL_ID}`, "cyan");
    await player.connect(DEMO_CHANNEL_ID);
    await this.until("join the voice channel", () => player.voice.state !== null && player.connected);

    const result = await world.client.search(query);
    const picks = result.tracks.slice(0, 3);
    narrator.say("search", `ytsearch:${query} → ${result.loadType}, ${result.tracks.length} tracks`, "cyan");
    if (picks.length < 3) throw new DemoError("search", `expected at least 3 results, got ${picks.length}`);
    player.queue.add(picks);
    narrator.say("queue", `queued ${picks.length} tracks (${formatTime(player.queue.duration)})`, "cyan");
    player.autoplay.configure({ enabled: true, strategy: "similar_artist" });
    narrator.say("autoplay", "on (similar_artist): it takes over when the queue runs out", "magenta");

    await player.play();
    await this.playFor(15_000);
    player.filters.nightcore();
    await player.setFilters();
    narrator.say("filters", `nightcore: playback speed ×${player.filters.timescaleFactor}`, "magenta");
    await this.playFor(15_000);
    narrator.say("skip", "skipping to the next queued track", "cyan");
    await player.skip();
    player.filters.reset();
    await player.setFilters();
    narrator.say("filters", "reset: normal speed", "magenta");
    await this.playFor(20_000);

    await this.dropAndResume(player);

    const second = player.currentTrack;
    if (second === null) throw new DemoError("resume", "no track is loaded after the reconnect");
    await this.seekNearEnd(player, 12_000);
    await this.until("advance to the third queued track", () => narrator.tracksPlayed >= 3);
    await this.until("let autoplay pick a track", () => narrator.autoplayed.size >= 1);
    await this.playFor(10_000);
    await player.pause();
    narrator.say("pause", `paused at ${formatTime(player.position)}`, "cyan");
    await this.playFor(3_000);
    await player.resume();
    narrator.say("resume", "resumed", "cyan");
    await this.playFor(5_000);
    await this.seekNearEnd(player, 8_000);
    await this.until("let autoplay pick another track", () => narrator.autoplayed.size >= 2);
    await this.playFor(8_000);

    narrator.say("leave", "leaving the voice channel and destroying the player", "cyan");
    await player.destroy();
    this.player = null;
    await world.settle();
  }

  /** Drops the node's socket from the simulator's side and waits for the client to resume. */
  private async dropAndResume(player: Player): Promise<void> {
    const { world, narrator } = this;
    const sessionId = world.sessionId;
    if (sessionId === null) throw new DemoError("drop the connection", "the client has no session");
    const before = world.sim.getPlayer(sessionId, player.guildId)?.state.position ?? 0;
    narrator.say("chaos", `the node's socket drops (sim.dropConnection) at ${formatTime(before)}`, "red");
    world.sim.dropConnection(sessionId);
    await world.settle();
    await this.until("resume the session", () => narrator.resumed);
    const after = world.sim.getPlayer(sessionId, player.guildId)?.state.position ?? 0;
    if (world.sessionId !== sessionId || !(after > before)) {
      throw new DemoError(
        "resume the session",
        `expected session ${sessionId} to keep playing, got session ${world.sessionId} at ${after} ms (was ${before} ms)`,
      );
    }
    narrator.say(
      "check",
      `playback continued on the node: ${formatTime(before)} → ${formatTime(after)}`,
      "green",
    );
  }

  private async seekNearEnd(player: Player, remainingMs: number): Promise<void> {
    const track = player.currentTrack;
    if (track === null) throw new DemoError("seek", "no track is playing");
    const target = Math.max(0, track.length - remainingMs);
    await player.seek(target);
    this.narrator.say("seek", `to ${formatTime(target)} of ${formatTime(track.length)}`, "cyan");
  }

  /** Lets `ms` of simulated time pass. */
  private async playFor(ms: number): Promise<void> {
    for (let done = 0; done < ms; done += STEP_MS) await this.tick();
  }

  /** Steps simulated time until `check` holds (at most {@link MAX_WAIT_MS}). */
  private async until(step: string, check: () => boolean): Promise<void> {
    const deadline = this.world.elapsed + MAX_WAIT_MS;
    while (!check()) {
      if (this.world.elapsed >= deadline) {
        throw new DemoError(step, `did not happen within ${formatTime(MAX_WAIT_MS)} of simulated time`);
      }
      await this.tick();
    }
  }

  /** One step: simulated time, then the screen, then (unless fast) a pause to keep the pace. */
  private async tick(): Promise<void> {
    await this.world.step(STEP_MS);
    const failure = this.narrator.failure;
    if (failure !== null) {
      throw new DemoError("play", "the client reported an error", { cause: failure });
    }
    this.draw();
    if (this.speed > 0) {
      const due = this.wallStart + (this.world.elapsed - this.simStart) / this.speed;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private draw(): void {
    const player = this.player;
    const track = player?.currentTrack ?? null;
    if (player === null || track === null) {
      this.view.nowPlaying(null, null);
      return;
    }
    this.view.nowPlaying(track.encoded, {
      title: track.title,
      author: track.author,
      position: player.position,
      length: track.length,
      paused: player.paused,
      speed: player.filters.timescaleFactor,
    });
  }
}
