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
 * Coalesces the frames sent during one batch (a pass of playerUpdates) into one write per socket.
 * `ws` writes each frame with its own `writev` system call; a node sending 20,000 playerUpdates a
 * second then spends more time in the kernel than in JavaScript. A socket written to inside
 * {@link run} is corked until the batch ends, so its frames leave in one write, each still its own
 * WebSocket message with the same bytes in the same order. The batch ends synchronously, before
 * anything else is written anywhere: a REST answer never overtakes the frames sent before it.
 * Outside a batch, frames are written at once.
 */
export class WriteBatch {
  private readonly streams = new WeakMap<PeerSocket, Held>();
  private held: Held[] = [];
  private depth = 0;

  /** Registers the byte stream of a server-side WebSocket. */
  attach(ws: PeerSocket, stream: CorkableStream): void {
    this.streams.set(ws, { stream, corked: false });
  }

  /** Runs `pass`; the frames it sends leave when it returns (or throws), one write per socket. */
  run(pass: () => void): void {
    this.depth++;
    try {
      pass();
    } finally {
      if (--this.depth === 0) this.release();
    }
  }

  /** Called before each frame: inside a batch, holds `ws`'s writes until the batch ends. */
  hold(ws: PeerSocket): void {
    if (this.depth === 0) return;
    const h = this.streams.get(ws);
    if (h === undefined || h.corked) return;
    h.corked = true;
    h.stream.cork();
    this.held.push(h);
  }

  /** Writes out what `ws` holds now: call before destroying a socket. */
  flush(ws: PeerSocket): void {
    const h = this.streams.get(ws);
    if (h !== undefined) uncork(h);
  }

  private release(): void {
    const held = this.held;
    this.held = [];
    for (const h of held) uncork(h);
  }
}

function uncork(h: Held): void {
  if (!h.corked) return;
  h.corked = false;
  h.stream.uncork();
}
