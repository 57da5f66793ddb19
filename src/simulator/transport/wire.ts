import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";
import type { PeerSocket } from "./peer-socket.js";

/** Who a frame belongs to; the session class satisfies it. */
export interface FrameOwner {
  readonly id: string;
}

/** An outgoing WebSocket frame as the transport hands it to fault injection. */
export interface OutgoingFrame {
  owner: FrameOwner;
  ws: PeerSocket;
  text: string;
  op: string;
  type: string | undefined;
  guildId: string | undefined;
}

/** A frame a client sent. */
export interface IncomingFrame {
  owner: FrameOwner;
  ws: PeerSocket;
  body: string;
}

/** A complete REST request as read off the socket. */
export interface IncomingRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A REST answer about to be written. */
export interface RestReply {
  method: string;
  path: string;
  sessionId?: string | undefined;
  status: number;
  headers: OutgoingHttpHeaders;
  body: string | undefined;
}
