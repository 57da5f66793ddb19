import type { ServerResponse } from "node:http";
import { SonoraError } from "../../base/errors/sonora-error.js";
import { SimulatorError } from "../errors.js";

/** Control routes live under this prefix: Lavalink serves `/v4/…` and `/version`, never `/_sonora`. */
export const CONTROL_PREFIX = "/_sonora";

/** Whether a request path belongs to the control API. */
export function isControlPath(path: string): boolean {
  return path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
}

/** What a control route answers: JSON with a status, or nothing (204). */
export type ControlResult = { status: number; json?: unknown };

/** Writes a JSON answer (never cached: it is live state). */
export function sendJson(res: ServerResponse, status: number, json: unknown): void {
  const text = json === undefined ? "" : JSON.stringify(json);
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Cache-Control": "no-store",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** The HTTP status a thrown error becomes: bad input 400, unknown things 404, wrong state 409. */
export function statusOf(error: unknown): number {
  if (!(error instanceof SonoraError)) return 500;
  switch (error.code) {
    case "SIM_CONTROL_UNAUTHORIZED":
      return 401;
    case "SIM_CONTROL_NOT_FOUND":
    case "SIM_UNKNOWN_SESSION":
    case "SIM_UNKNOWN_PLAYER":
    case "FAULT_UNKNOWN_ID":
      return 404;
    case "FAULT_DUPLICATE_ID":
    case "FAULT_NO_TRACK":
    case "SIM_NOT_STARTED":
    case "SIM_ALREADY_STARTED":
      return 409;
    default:
      return 400;
  }
}

/** The JSON body of an error answer: `{ error: { status, code, message } }`. */
export function errorBody(error: unknown): { error: { status: number; code: string; message: string } } {
  const status = statusOf(error);
  const code = error instanceof SonoraError ? error.code : "INTERNAL";
  const message = error instanceof Error ? error.message : String(error);
  return { error: { status, code, message } };
}

/** A control request that cannot be served as sent. */
export function invalid(message: string): SimulatorError {
  return new SimulatorError("SIM_CONTROL_INVALID", message);
}
