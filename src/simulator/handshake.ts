import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { Headers, WEBSOCKET_PATH } from "../protocol/index.js";
import { isAuthorized } from "./auth.js";
import { API_VERSION_HEADER } from "./http.js";

/** The outcome of checking a WebSocket upgrade request, as HandshakeInterceptorImpl decides it. */
export type HandshakeDecision =
  | { ok: true; userId: string; clientName: string | null; sessionId: string | null }
  | { ok: false; status: number; reason: string; detail: string };

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** Why the simulator refused a WebSocket handshake: the HTTP answer and a sentence for people. */
export interface HandshakeRefusal {
  /** HTTP status sent back: 401 (password), 400 (User-Id) or 404 (path). */
  readonly status: number;
  /** HTTP reason phrase sent back, e.g. "Unauthorized". */
  readonly reason: string;
  /** What was wrong, e.g. "wrong password in the Authorization header". */
  readonly detail: string;
}

/**
 * Checks path, password and User-Id. Client-Name is optional (Lavalink only logs a warning), and
 * a User-Id that is missing, empty, `0` or not a number is refused with 400.
 */
export function checkHandshake(req: IncomingMessage, password: string | undefined): HandshakeDecision {
  const path = (req.url ?? "/").split("?")[0];
  if (path !== WEBSOCKET_PATH)
    return { ok: false, status: 404, reason: "Not Found", detail: `no WebSocket endpoint at ${path}` };
  const authorization = header(req, Headers.Authorization);
  if (!isAuthorized(password, authorization)) {
    return {
      ok: false,
      status: 401,
      reason: "Unauthorized",
      detail:
        authorization === undefined
          ? "no Authorization header (the node password)"
          : "wrong password in the Authorization header",
    };
  }
  const userId = header(req, Headers.UserId);
  if (userId === undefined || userId === "" || !/^\d+$/.test(userId) || BigInt(userId) === 0n) {
    return { ok: false, status: 400, reason: "Bad Request", detail: "missing or invalid User-Id header" };
  }
  return {
    ok: true,
    userId: BigInt(userId).toString(),
    clientName: header(req, Headers.ClientName) ?? null,
    sessionId: header(req, Headers.SessionId) ?? null,
  };
}

/** Answers a refused upgrade with a plain HTTP response and closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  if (socket.destroyed) return;
  const headers = [
    `HTTP/1.1 ${status} ${reason}`,
    `Lavalink-Api-Version: ${API_VERSION_HEADER["Lavalink-Api-Version"]}`,
    "Content-Length: 0",
    "Connection: close",
    "",
    "",
  ];
  socket.end(headers.join("\r\n"));
}
