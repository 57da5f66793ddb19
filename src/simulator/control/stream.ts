import type { ServerResponse } from "node:http";

/** What a stream carries: log entries, state snapshots, timeline items. */
export type StreamTopic = "log" | "state" | "timeline";

/** A client that reads slower than this many buffered bytes is cut off rather than buffered forever. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** A comment line this often keeps idle streams (and any proxy in between) open. */
const KEEPALIVE_MS = 15_000;

interface Subscriber {
  readonly res: ServerResponse;
  readonly topics: ReadonlySet<StreamTopic>;
}

/**
 * Server-sent events to every subscriber of a topic. SSE rather than a WebSocket: one direction is
 * all the inspector needs, browsers reconnect by themselves, and `curl -N` or a few lines of Python
 * read it.
 */
export class EventStreams {
  private readonly subscribers = new Set<Subscriber>();
  private keepalive: NodeJS.Timeout | undefined;

  /** Number of open streams. */
  get size(): number {
    return this.subscribers.size;
  }

  /** Whether anyone listens to `topic` (so that nothing is serialised for nobody). */
  wants(topic: StreamTopic): boolean {
    for (const s of this.subscribers) if (s.topics.has(topic)) return true;
    return false;
  }

  /** Turns `res` into an event stream of `topics`; `first` events go out before any other. */
  open(
    res: ServerResponse,
    topics: ReadonlySet<StreamTopic>,
    first: readonly [event: string, data: unknown][],
  ): void {
    res.writeHead(200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    });
    // A browser's EventSource reconnects after this many milliseconds (the node was killed, say).
    res.write("retry: 1000\n\n");
    const subscriber: Subscriber = { res, topics };
    this.subscribers.add(subscriber);
    for (const [event, data] of first) this.write(subscriber, event, data);
    const forget = (): void => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0) this.stopKeepalive();
    };
    // The response's close, not the request's: a request "closes" as soon as its body is read.
    res.on("close", forget);
    res.on("error", forget);
    this.startKeepalive();
  }

  /** Sends `data` as event `event` to every subscriber of `topic`. */
  publish(topic: StreamTopic, event: string, data: unknown): void {
    let text: string | undefined;
    for (const s of this.subscribers) {
      if (!s.topics.has(topic)) continue;
      text ??= frame(event, data);
      this.send(s, text);
    }
  }

  /** Ends every stream (the node is going down). */
  closeAll(): void {
    for (const s of this.subscribers) s.res.end();
    this.subscribers.clear();
    this.stopKeepalive();
  }

  private write(s: Subscriber, event: string, data: unknown): void {
    this.send(s, frame(event, data));
  }

  private send(s: Subscriber, text: string): void {
    if (s.res.writableLength > MAX_BUFFERED_BYTES) {
      this.subscribers.delete(s);
      s.res.destroy();
      return;
    }
    s.res.write(text);
  }

  private startKeepalive(): void {
    if (this.keepalive !== undefined) return;
    this.keepalive = setInterval(() => {
      for (const s of this.subscribers) this.send(s, ": keepalive\n\n");
    }, KEEPALIVE_MS);
    this.keepalive.unref();
  }

  private stopKeepalive(): void {
    if (this.keepalive === undefined) return;
    clearInterval(this.keepalive);
    this.keepalive = undefined;
  }
}

/** One SSE event; JSON never holds a raw newline, so one `data:` line suffices. */
function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
