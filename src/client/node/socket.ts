import WebSocket from "ws";
import { Headers, WEBSOCKET_PATH } from "../../protocol/index.js";
import { CLIENT_NAME } from "../version.js";

/** What a {@link NodeSocket} reports to its node. */
export interface SocketHandlers {
  open(): void;
  message(text: string): void;
  /** The handshake was refused with an HTTP status (401 on a wrong password). */
  rejected(status: number): void;
  error(error: Error): void;
  /** Always called once per socket, after `rejected`/`error` when those happen. */
  close(code: number, reason: string): void;
}

/** Handshake parameters of one connection attempt. */
export interface SocketParams {
  url: string;
  password: string;
  userId: string;
  /** Sent as `Session-Id` to resume a session. */
  sessionId: string | null;
}

/**
 * One WebSocket to a node. A thin wrapper so the node's state machine deals in four callbacks and
 * not in ws's event names; a closed NodeSocket is never reused.
 */
export class NodeSocket {
  private readonly ws: WebSocket;
  private finished = false;

  constructor(params: SocketParams, handlers: SocketHandlers) {
    const headers: Record<string, string> = {
      [Headers.Authorization]: params.password,
      [Headers.UserId]: params.userId,
      [Headers.ClientName]: CLIENT_NAME,
    };
    if (params.sessionId !== null) headers[Headers.SessionId] = params.sessionId;
    this.ws = new WebSocket(`${params.url}${WEBSOCKET_PATH}`, { headers, perMessageDeflate: false });
    this.ws.on("open", () => handlers.open());
    this.ws.on("message", (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
      // Lavalink sends text frames only; ws hands them over as Buffers.
      if (isBinary) return;
      handlers.message(Array.isArray(data) ? Buffer.concat(data).toString() : data.toString());
    });
    this.ws.on("unexpected-response", (_req, res) => {
      res.resume();
      handlers.rejected(res.statusCode ?? 0);
      this.ws.terminate();
    });
    this.ws.on("error", (error) => handlers.error(error));
    this.ws.on("close", (code, reason) => {
      if (this.finished) return;
      this.finished = true;
      handlers.close(code, reason.toString());
    });
  }

  /** True while the socket is open and can carry frames. */
  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /**
   * Closes the socket. `graceful` sends a close frame (the node then keeps or drops the session per
   * its resume config); otherwise the TCP socket is destroyed at once.
   */
  close(graceful: boolean, code = 1000, reason = "client closed"): void {
    if (graceful && this.ws.readyState === WebSocket.OPEN) this.ws.close(code, reason);
    else this.ws.terminate();
  }
}
