/**
 * The part of a server-side WebSocket that the simulator's sessions, transport and faults use.
 *
 * Structural on purpose: these types reach the published declarations (sessions and frames are
 * visible to fault hooks), and naming `ws`'s class there would make every consumer with
 * `skipLibCheck: false` need `@types/ws`. A `ws` WebSocket satisfies it as is.
 */
export interface PeerSocket {
  /** 0 connecting, 1 open, 2 closing, 3 closed (the WebSocket standard's values). */
  readonly readyState: number;
  /** Sends one text frame. */
  send(data: string): void;
  /** Starts the closing handshake. */
  close(code?: number, reason?: string): void;
  /** Destroys the connection without a close frame. */
  terminate(): void;
}

/** `readyState` of an open socket (WebSocket.OPEN in the standard and in `ws`). */
export const SOCKET_OPEN = 1;
