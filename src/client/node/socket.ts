import WebSocket from "ws";
import { Headers, isValidSessionId, WEBSOCKET_PATH } from "../../protocol/index.js";
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
  /** Largest frame accepted, in bytes; a bigger one closes the socket with 1009. */
  maxPayload: number;
}

/**
 * One WebSocket to a node. A thin wrapper so the node's state machine deals in four callbacks and
 * not in ws's event names; a closed NodeSocket is never reused.
 */
export class NodeSocket {
  private readonly ws: WebSocket | null;
  private finished = false;

  constructor(params: SocketParams, handlers: SocketHandlers) {
    const headers: Record<string, string> = {
      [Headers.Authorization]: params.password,
      [Headers.UserId]: params.userId,
      [Headers.ClientName]: CLIENT_NAME,
    };
    // The session id came from the node: one that is no header token (CR/LF, non-Latin-1) would
    // make the handshake throw, so it is not sent and the node opens a new session instead.
    if (params.sessionId !== null && isValidSessionId(params.sessionId)) {
      headers[Headers.SessionId] = params.sessionId;
    }
    let ws: WebSocket;
    try {
      ws = new WebSocket(`${params.url}${WEBSOCKET_PATH}`, {
        headers,
        perMessageDeflate: false,
        maxPayload: params.maxPayload,
      });
    } catch (error) {
      // A synchronous throw (a header value Node refuses, say) would escape from a reconnect timer
      // and crash the process: it is reported as a failed attempt instead, after the caller has
      // stored this socket (as with every other failure, which ws reports asynchronously).
      this.ws = null;
      this.finished = true;
      queueMicrotask(() => {
        handlers.error(error instanceof Error ? error : new Error(String(error)));
        handlers.close(1006, "");
      });
      return;
    }
    this.ws = ws;
    ws.on("open", () => handlers.open());
    ws.on("message", (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
      // Lavalink sends text frames only; ws hands them over as Buffers.
      if (isBinary) return;
      handlers.message(Array.isArray(data) ? Buffer.concat(data).toString() : data.toString());
    });
    ws.on("unexpected-response", (_req, res) => {
      res.resume();
      handlers.rejected(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on("error", (error) => handlers.error(error));
    ws.on("close", (code, reason) => {
      if (this.finished) return;
      this.finished = true;
      handlers.close(code, reason.toString());
    });
  }

  /** True while the socket is open and can carry frames. */
  get open(): boolean {
    return this.ws !== null && this.ws.readyState === WebSocket.OPEN;
  }

  /**
   * Closes the socket. `graceful` sends a close frame (the node then keeps or drops the session per
   * its resume config); otherwise the TCP socket is destroyed at once.
   */
  close(graceful: boolean, code = 1000, reason = "client closed"): void {
    if (this.ws === null) return;
    if (graceful && this.ws.readyState === WebSocket.OPEN) this.ws.close(code, reason);
    else this.ws.terminate();
  }
}
