import type { PeerSocket } from "./peer-socket.js";

/** The byte stream under a WebSocket (a `net.Socket`), as far as corking goes. */
export interface CorkableStream {
  cork(): void;
  uncork(): void;
}

interface Held {
  readonly stream: CorkableStream;
  corked: boolean;
}

/**
 * Coalesces the frames a session sends in one tick into one socket write. `ws` writes each frame
 * with its own `writev` system call; a node sending 20,000 playerUpdates a second then spends
 * more time in the kernel than in JavaScript. Corking the socket for the rest of the tick makes
 * those writes one, while each frame stays its own WebSocket message with the same bytes in the
 * same order. The cork is lifted in `process.nextTick`, before any I/O or timer could observe the
 * difference, and by {@link flush} before a socket is destroyed (which would discard held bytes).
 */
export class TickCork {
  private readonly streams = new WeakMap<PeerSocket, Held>();
  private held: Held[] = [];
  private readonly release = (): void => {
    const held = this.held;
    this.held = [];
    for (const h of held) uncork(h);
  };

  /** Registers the byte stream of a server-side WebSocket. */
  attach(ws: PeerSocket, stream: CorkableStream): void {
    this.streams.set(ws, { stream, corked: false });
  }

  /** Holds `ws`'s writes until the end of the current tick (a no-op for an unknown socket). */
  hold(ws: PeerSocket): void {
    const h = this.streams.get(ws);
    if (h === undefined || h.corked) return;
    h.corked = true;
    h.stream.cork();
    if (this.held.push(h) === 1) process.nextTick(this.release);
  }

  /** Writes out what `ws` holds now: call before destroying a socket. */
  flush(ws: PeerSocket): void {
    const h = this.streams.get(ws);
    if (h !== undefined) uncork(h);
  }
}

function uncork(h: Held): void {
  if (!h.corked) return;
  h.corked = false;
  h.stream.uncork();
}
