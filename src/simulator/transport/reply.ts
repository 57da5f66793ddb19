import type { ServerResponse } from "node:http";
import { errorBody, type HttpError } from "../rest/http-error.js";
import type { RestReply } from "./wire.js";

/** Sent on every response by Lavalink's ResponseHeaderFilter. */
export const API_VERSION_HEADER = { "Lavalink-Api-Version": "4" } as const;

/** A REST answer carrying Lavalink's JSON error body for `error`. */
export function errorReply(
  request: { method: string; path: string; sessionId?: string | undefined },
  error: HttpError,
  now: number,
  trace: boolean,
  extraHeaders: Record<string, string> = {},
): RestReply {
  return {
    method: request.method,
    path: request.path,
    sessionId: request.sessionId,
    status: error.status,
    headers: {
      ...API_VERSION_HEADER,
      "Content-Type": "application/json",
      ...error.headers,
      ...extraHeaders,
    },
    body: errorBody(error, request.path, now, trace),
  };
}

/** Writes an answer to its socket (unless the exchange is over already). */
export function writeReply(res: ServerResponse, reply: RestReply): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(reply.status, {
    ...reply.headers,
    "Content-Length": reply.body === undefined ? 0 : Buffer.byteLength(reply.body),
  });
  res.end(reply.body);
}
