import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { isAuthorized } from "./auth.js";
import type { RestEnvironment, RestResult } from "./rest/context.js";
import { errorBody, HttpError } from "./rest/http-error.js";
import { matchRoute } from "./rest/router.js";
import type { Transport } from "./transport/transport.js";

/** Sent on every response by Lavalink's ResponseHeaderFilter. */
export const API_VERSION_HEADER = { "Lavalink-Api-Version": "4" } as const;

export interface HttpEnvironment {
  readonly transport: Transport;
  readonly rest: RestEnvironment;
  readonly password: string | undefined;
  readonly maxBodyBytes: number;
}

/**
 * Reads, routes, authorises and answers one REST request. Nothing a client sends may throw out of
 * here: every failure becomes an HTTP answer, and a client that vanishes is simply forgotten.
 */
export function handleHttpRequest(env: HttpEnvironment, req: IncomingMessage, res: ServerResponse): void {
  const method = req.method ?? "GET";
  const rawUrl = req.url ?? "/";
  const path = rawUrl.split("?")[0] ?? "/";
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  req.on("error", () => undefined);
  res.on("error", () => undefined);
  req.on("data", (chunk: Buffer) => {
    if (tooLarge) return;
    size += chunk.length;
    if (size > env.maxBodyBytes) {
      tooLarge = true;
      chunks.length = 0;
      env.transport.recordRequest(method, path, req.headers, undefined);
      const error = new HttpError(
        413,
        `Request body exceeds ${env.maxBodyBytes} bytes`,
        "org.springframework.web.multipart.MaxUploadSizeExceededException",
      );
      reply(env, res, method, path, undefined, false, error, { Connection: "close" });
      return;
    }
    chunks.push(chunk);
  });
  req.on("end", () => {
    if (tooLarge) return;
    const body = Buffer.concat(chunks).toString("utf8");
    // A refused request's body is not kept: unauthenticated clients must not fill the log.
    const logged = isAuthorized(env.password, req.headers.authorization) ? body : "";
    env.transport.receiveRequest(res, { method, path, headers: req.headers, body: logged }, () =>
      dispatch(env, req, res, method, rawUrl, path, body),
    );
  });
}

function dispatch(
  env: HttpEnvironment,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  rawUrl: string,
  path: string,
  body: string,
): void {
  let url: URL;
  try {
    url = new URL(rawUrl, "http://simulator");
  } catch {
    reply(env, res, method, path, undefined, false, new HttpError(400, "Invalid request URL"));
    return;
  }
  const trace = url.searchParams.has("trace") && url.searchParams.get("trace") !== "false";
  let match: ReturnType<typeof matchRoute>;
  try {
    match = matchRoute(method, path);
  } catch {
    reply(env, res, method, path, undefined, trace, new HttpError(400, "Invalid percent-encoding in path"));
    return;
  }
  // Spring resolves the handler (and answers 405) before Lavalink's authorization interceptor runs.
  if (match.kind === "wrongMethod") {
    const error = new HttpError(
      405,
      `Request method '${method}' is not supported`,
      "org.springframework.web.HttpRequestMethodNotSupportedException",
      { Allow: match.allowed.join(", ") },
    );
    reply(env, res, method, path, undefined, trace, error);
    return;
  }
  if (env.password !== undefined) {
    const authorization = req.headers.authorization;
    if (!isAuthorized(env.password, authorization)) {
      // RequestAuthorizationFilter: 401 when missing, 403 when wrong, both without a body.
      env.transport.respond(res, {
        method,
        path,
        status: authorization === undefined ? 401 : 403,
        headers: { ...API_VERSION_HEADER },
        body: undefined,
      });
      return;
    }
  }
  if (match.kind === "none") {
    const error = new HttpError(
      404,
      `No static resource ${path.replace(/^\//, "")}.`,
      "org.springframework.web.servlet.resource.NoResourceFoundException",
    );
    reply(env, res, method, path, undefined, trace, error);
    return;
  }
  const sessionId = match.params.sessionId;
  let result: RestResult;
  let text: string | undefined;
  try {
    result = match.handler({
      method,
      path,
      query: url.searchParams,
      params: match.params,
      rawBody: body,
      env: env.rest,
    });
    // Serialised inside the try: whatever a handler returns, a failure here is a 500, not a crash.
    if ("json" in result) text = JSON.stringify(result.json);
  } catch (error) {
    const httpError =
      error instanceof HttpError
        ? error
        : new HttpError(
            500,
            error instanceof Error ? error.message : String(error),
            "java.lang.RuntimeException",
          );
    reply(env, res, method, path, sessionId, trace, httpError);
    return;
  }
  const headers: OutgoingHttpHeaders = { ...API_VERSION_HEADER };
  if ("json" in result) {
    headers["Content-Type"] = "application/json";
  } else if ("text" in result) {
    headers["Content-Type"] = "text/plain;charset=UTF-8";
    text = result.text;
  }
  env.transport.respond(res, { method, path, sessionId, status: result.status, headers, body: text });
}

function reply(
  env: HttpEnvironment,
  res: ServerResponse,
  method: string,
  path: string,
  sessionId: string | undefined,
  trace: boolean,
  error: HttpError,
  extraHeaders: Record<string, string> = {},
): void {
  env.transport.respond(res, {
    method,
    path,
    sessionId,
    status: error.status,
    headers: {
      ...API_VERSION_HEADER,
      "Content-Type": "application/json",
      ...error.headers,
      ...extraHeaders,
    },
    body: errorBody(error, path, env.rest.clock.now(), trace),
  });
}
