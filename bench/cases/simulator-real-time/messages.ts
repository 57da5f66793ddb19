/** The IPC messages between the real-time bench's orchestrator and its two child processes. */

export type HostRequest =
  | {
      type: "memory" /** Taken with the players (a profiling run snapshots the heap then). */;
      loaded?: boolean;
    }
  | { type: "cpu-start" }
  | { type: "cpu-stop" }
  | { type: "stop" };

export type HostReply =
  | { type: "ready"; url: string }
  | { type: "memory"; rss: number; heapUsed: number; heapTotal: number; external: number; logEntries: number }
  | { type: "cpu-started" }
  | {
      type: "cpu";
      userUs: number;
      systemUs: number;
      wallUs: number;
      loopDelayP99Ms: number;
      loopDelayMaxMs: number;
      /** Share of one core per thread name (Linux), e.g. the main thread vs V8's GC helpers. */
      threads: Record<string, number>;
    };

export type ReceiverRequest =
  | { type: "create"; players: number }
  | { type: "count-start" }
  | { type: "count-stop" }
  | { type: "stop" };

export type ReceiverReply =
  | { type: "connected"; sessions: number }
  | { type: "created"; players: number; ms: number }
  | { type: "counting" }
  | { type: "count"; frames: number; playerUpdates: number; cpuUs: number; wallUs: number };
