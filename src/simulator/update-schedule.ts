import type { Clock, TimerHandle } from "../base/clock/index.js";

/** One player's next periodic playerUpdate. */
interface Due<P> {
  readonly player: P;
  /** Clock time it is due at. */
  due: number;
}

/**
 * Per-player periodic timers, as Lavalink schedules a playerUpdate for each player from its
 * TrackStart at a fixed rate — but on one clock timer per session: the players wait in a queue
 * ordered by due time (a player starting now is due last, so it almost always goes at the end), and
 * the timer is armed for the earliest. Players whose tracks started at different times get their
 * updates at different times, so a node with 100,000 players sends a steady trickle instead of one
 * 100,000-frame burst per interval (an event-loop stall of a second or more).
 */
export class UpdateSchedule<P> {
  /** Pending dues, earliest first, from index `head` on. */
  private queue: Due<P>[] = [];
  private head = 0;
  /** The live due of each scheduled player: a player re-scheduled by a new track leaves a stale entry. */
  private readonly current = new Map<P, Due<P>>();
  private timer: TimerHandle | undefined;
  private armedFor = Number.POSITIVE_INFINITY;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly interval: number,
    /** Sends one update; returns false when the player is gone or idle (it is dropped then). */
    private readonly fire: (player: P) => boolean,
    /**
     * Wake up at most once per this many ms (0: at each due time). At 100,000 players some update
     * is due every millisecond; a wakeup per millisecond costs a timer, a loop turn and a socket
     * write each, where one per 10 ms sends the same frames, each at most that much late.
     */
    private readonly batch = 0,
    /** Runs each pass of due updates (the session has the transport write them out together). */
    private readonly around: (pass: () => void) => void = (pass) => pass(),
  ) {}

  /** (Re)starts `player`'s updates: the first one `interval` from now, then every `interval`. */
  start(player: P): void {
    if (this.stopped) return;
    const entry: Due<P> = { player, due: this.clock.now() + this.interval };
    this.current.set(player, entry);
    this.insert(entry);
    this.arm();
  }

  /** Stops every update (the session ended). */
  stop(): void {
    this.stopped = true;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.queue = [];
    this.head = 0;
    this.current.clear();
  }

  /** Number of players with updates scheduled. */
  get size(): number {
    return this.current.size;
  }

  private insert(entry: Due<P>): void {
    const queue = this.queue;
    let at = queue.length;
    while (at > this.head && queue[at - 1]!.due > entry.due) at--;
    if (at === queue.length) queue.push(entry);
    else queue.splice(at, 0, entry);
  }

  private arm(): void {
    const next = this.queue[this.head];
    if (next === undefined) return;
    const at = this.batch > 0 ? Math.ceil(next.due / this.batch) * this.batch : next.due;
    if (at >= this.armedFor) return;
    this.clock.clearTimeout(this.timer);
    this.armedFor = at;
    this.timer = this.clock.setTimeout(() => this.run(), Math.max(0, at - this.clock.now()));
  }

  private run(): void {
    this.timer = undefined;
    this.armedFor = Number.POSITIVE_INFINITY;
    const now = this.clock.now();
    const queue = this.queue;
    const ready: Due<P>[] = [];
    while (this.head < queue.length && queue[this.head]!.due <= now) {
      ready.push(queue[this.head]!);
      queue[this.head] = undefined as unknown as Due<P>; // let the entry go
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > queue.length) {
      this.queue = queue.slice(this.head);
      this.head = 0;
    }
    this.around(() => {
      for (const entry of ready) {
        if (this.stopped) return;
        if (this.current.get(entry.player) !== entry) continue; // re-scheduled since
        if (!this.fire(entry.player)) {
          this.current.delete(entry.player);
          continue;
        }
        // Fixed rate, as Lavalink's scheduleAtFixedRate; a late timer does not send a catch-up burst.
        do entry.due += this.interval;
        while (entry.due <= now);
        this.insert(entry);
      }
    });
    if (!this.stopped) this.arm();
  }
}
