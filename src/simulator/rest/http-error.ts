import { HTTP_REASON } from "../../protocol/index.js";

/**
 * A REST failure answered with Lavalink's error body. Mirrors Spring's ResponseStatusException:
 * `status` and `message` end up in the JSON, `javaClass` only in the optional `trace`.
 *
 * Internal, not a SonoraError: it never leaves the simulator's HTTP handler, which answers it as JSON.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The Java exception a real node would report in its trace. */
    readonly javaClass = "org.springframework.web.server.ResponseStatusException",
    /** Extra headers (e.g. `Allow` on 405). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/** Spring's reason phrase for a status, as Lavalink puts it in `error`. */
export function reasonPhrase(status: number): string {
  return HTTP_REASON[status] ?? (status >= 500 ? "Internal Server Error" : "Bad Request");
}

/** Lavalink's error JSON (field order as the server writes it). */
export function errorBody(error: HttpError, path: string, now: number, withTrace: boolean): string {
  const body: Record<string, unknown> = {
    timestamp: now,
    status: error.status,
    error: reasonPhrase(error.status),
  };
  if (withTrace) {
    body.trace = `${error.javaClass}: ${error.status} ${reasonPhrase(error.status).toUpperCase().replaceAll(" ", "_")} "${error.message}"\n\tat lavalink.server.simulated(Sonora ProtocolSimulator)\n`;
  }
  body.message = error.message;
  body.path = path;
  return JSON.stringify(body);
}
