import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { isAuthorized } from "./auth.js";
import { isControlPath } from "./control/reply.js";
import type { RestEnvironment, RestResult } from "./rest/context.js";
import { HttpError } from "./rest/http-error.js";
import { matchRoute } from "./rest/router.js";
import type { InboundDecision } from "./transport/fault-hook.js";
import { API_VERSION_HEADER, errorReply } from "./transport/reply.js";
import type { Transport } from "./transport/transport.js";
import type { IncomingRequest, RestReply } from "./transport/wire.js";

export { API_VERSION_HEADER } from "./transport/reply.js";

export interface HttpEnvironment {
  readonly transport: Transport;
  readonly rest: RestEnvironment;
  readonly password: string | undefined;
  readonly maxBodyBytes: number;
  /** The control API's handler, when it is on: requests below `/_sonora` go there untouched. */
  readonly control?: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
}

/**
 * Reads, routes, authorises and answers one REST request, in one direction: the request is read,
 * the transport says what becomes of it (fault injection may delay, fail or drop it), the router
 * turns it into an answer, and the transport writes and logs that answer. Nothing a client sends
 * may throw out of here: every failure becomes an HTTP answer, and a client that vanishes is
 * simply forgotten.
 */
export function handleHttpRequest(env: HttpEnvironment, req: IncomingMessage, res: ServerResponse): void {
  const method = req.method ?? "GET";
  const rawUrl = req.url ?? "/";
  const path = rawUrl.split("?")[0] ?? "/";
  // The control API is the tester's, not the bot's: no log entry, no fault, no Lavalink routing.
  if (env.control !== undefined && isControlPath(path)) {
    env.control(req, res);
    return;
  }
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
      env.transport.respond(
        res,
        errorReply({ method, path }, error, env.rest.clock.now(), false, { Connection: "close" }),
      );
      return;
    }
    chunks.push(chunk);
  });
  req.on("end", () => {
    if (tooLarge) return;
    const request: IncomingRequest = {
      method,
      path,
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    // A refused request's body is not kept: unauthenticated clients must not fill the log.
    const logged = isAuthorized(env.password, req.headers.authorization) ? request : { ...request, body: "" };
    const decision = env.transport.receiveRequest(res, logged);
    if (decision instanceof Promise) void decision.then((later) => answer(env, res, request, rawUrl, later));
    else answer(env, res, request, rawUrl, decision);
  });
}

/** Hands the transport the answer the decision calls for: routed, a fault's, or none. */
function answer(
  env: HttpEnvironment,
  res: ServerResponse,
  request: IncomingRequest,
  rawUrl: string,
  decision: InboundDecision,
): void {
  if (decision.kind === "drop") return;
  env.transport.respond(res, decision.kind === "answer" ? decision.reply : route(env, request, rawUrl));
}

/** The node's answer to a request: routed, authorised and handled, or the error a node would send. */
function route(env: HttpEnvironment, request: IncomingRequest, rawUrl: string): RestReply {
  const { method, path } = request;
  const fail = (error: HttpError, trace: boolean, sessionId?: string): RestReply =>
    errorReply({ method, path, sessionId }, error, env.rest.clock.now(), trace);
  let url: URL;
  try {
    url = new URL(rawUrl, "http://simulator");
  } catch {
    return fail(new HttpError(400, "Invalid request URL"), false);
  }
  const trace = url.searchParams.has("trace") && url.searchParams.get("trace") !== "false";
  let match: ReturnType<typeof matchRoute>;
  try {
    match = matchRoute(method, path, env.rest.plugins.enabled);
  } catch {
    return fail(new HttpError(400, "Invalid percent-encoding in path"), trace);
  }
  // Spring resolves the handler (and answers 405) before Lavalink's authorization interceptor runs.
  if (match.kind === "wrongMethod") {
    const error = new HttpError(
      405,
      `Request method '${method}' is not supported`,
      "org.springframework.web.HttpRequestMethodNotSupportedException",
      { Allow: match.allowed.join(", ") },
    );
    return fail(error, trace);
  }
  // Lavalink runs with @EnableWebMvc, so there is no static-resource fallback: a path without a
  // handler is Spring 6.1's NoHandlerFoundException, raised before any interceptor — the
  // authorization check included — could run. With or without credentials: 404.
  if (match.kind === "none") {
    const error = new HttpError(
      404,
      `No endpoint ${method} ${path}.`,
      "org.springframework.web.servlet.NoHandlerFoundException",
    );
    return fail(error, trace);
  }
  if (env.password !== undefined) {
    const authorization = request.headers.authorization;
    if (!isAuthorized(env.password, authorization)) {
      // RequestAuthorizationFilter: 401 when missing, 403 when wrong, both without a body.
      return {
        method,
        path,
        status: authorization === undefined ? 401 : 403,
        headers: { ...API_VERSION_HEADER },
        body: undefined,
      };
    }
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
      rawBody: request.body,
      contentType: headerValue(request.headers["content-type"]),
      accept: headerValue(request.headers.accept),
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
    return fail(httpError, trace, sessionId);
  }
  const headers: OutgoingHttpHeaders = { ...API_VERSION_HEADER };
  if ("json" in result) {
    headers["Content-Type"] = "application/json";
  } else if ("text" in result) {
    // Spring's StringHttpMessageConverter, first in Lavalink's list, defaults to ISO-8859-1.
    headers["Content-Type"] = "text/plain;charset=ISO-8859-1";
    text = result.text;
  }
  return { method, path, sessionId, status: result.status, headers, body: text };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(", ") : value;
}
