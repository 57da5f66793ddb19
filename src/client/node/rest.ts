import http from "node:http";
import https from "node:https";
import type { Clock, TimerHandle } from "../../base/clock/index.js";
import { checkJsonDepth, isErrorResponse } from "../../protocol/index.js";
import type { NodeCounters } from "../diagnostics/metrics.js";
import { statusClass } from "../diagnostics/metrics.js";
import type { NodeRecorder } from "../diagnostics/recorder.js";
import { ClientStateError } from "../errors/client-state-error.js";
import { LavalinkRestError } from "../errors/lavalink-rest-error.js";
import { NodeUnavailableError } from "../errors/node-unavailable-error.js";
import { RequestTimeoutError } from "../errors/request-timeout-error.js";
import { ResponseTooLargeError } from "../errors/response-too-large-error.js";
import { CLIENT_NAME } from "../version.js";
import { type RetryPolicy, retryDelay } from "./backoff.js";
import { LimitedBody } from "./body-limit.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "./options.js";

/** HTTP methods the REST client sends. */
export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** Per-request options. */
export interface RequestOptions {
  /** JSON body. */
  body?: unknown;
  /**
   * Whether sending the request twice has the same effect as sending it once. Defaults to true for
   * GET, PUT and DELETE and false for POST and PATCH; the node passes `true` for PATCHes that only
   * assign state (session config, volume, pause, filters, voice). See docs/client.md.
   */
  idempotent?: boolean;
  /**
   * For a request that is not idempotent: asks the node whether it applied the request after a
   * reset on a reused keep-alive socket, the one failure the client otherwise retries. A stale
   * socket (the node closed it idle before reading) and a node that applied the request and died
   * answering look the same from here. Resolves to the answer to use when the node applied it, or
   * to undefined when it did not (the request is then sent again); a rejection leaves the outcome
   * unknown and fails the request without a retry.
   */
  confirm?: (() => Promise<unknown>) | undefined;
}

/** Settings of a {@link RestClient}. */
export interface RestClientOptions {
  /** `http://host:port` or `https://host:port`. */
  baseUrl: string;
  password: string;
  /** Node name, used in error messages. */
  node: string;
  /** Milliseconds before a request is abandoned. */
  timeout: number;
  retry: RetryPolicy;
  clock: Clock;
  /** Random source in [0, 1) for retry jitter. */
  random: () => number;
  /** Largest answer body read, in bytes (default {@link DEFAULT_MAX_RESPONSE_BYTES}). */
  maxResponseBytes?: number;
  /** Where each attempt is counted (`client.metrics()`). @internal */
  counters?: NodeCounters;
  /** Where each attempt is recorded (the client's `record` option). @internal */
  recorder?: NodeRecorder | null;
}

/** 5xx answers worth retrying; 501 and 505 will not change on a retry. */
const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);
/** Errors raised before any byte reached the server: retrying cannot duplicate an effect. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

interface Attempt {
  status: number;
  body: unknown;
}

// Internal, not a SonoraError: request() always turns it into a RequestTimeoutError or NodeUnavailableError.
class AttemptError extends Error {
  constructor(
    readonly reason: "network" | "timeout",
    readonly notSent: boolean,
    cause: unknown,
    /** A reset on a reused keep-alive socket: maybe stale, maybe applied and then lost. */
    readonly reusedReset = false,
  ) {
    super("attempt failed", { cause });
  }
}

/**
 * The REST half of a node: node:http over a keep-alive agent. node:http rather than fetch because
 * the agent is ours to destroy on close (fetch's global pool would keep sockets open after the
 * client closed and is not configurable without importing undici), and because `reusedSocket`
 * tells us whether a reset hit a reused keep-alive socket: most often a stale one, which makes even
 * a PATCH safe to retry, unless the node applied it and died answering (see `confirm`).
 */
export class RestClient {
  private readonly agent: http.Agent;
  private readonly transport: typeof http | typeof https;
  private readonly inFlight = new Set<http.ClientRequest>();
  private readonly waits = new Map<TimerHandle, () => void>();
  private closed = false;

  constructor(private readonly options: RestClientOptions) {
    const secure = options.baseUrl.startsWith("https:");
    this.transport = secure ? https : http;
    this.agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  }

  /** Sends a request, retrying per policy, and resolves with the parsed JSON (undefined for 204). */
  async request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
    const idempotent = options.idempotent ?? (method === "GET" || method === "PUT" || method === "DELETE");
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const { retry } = this.options;
    for (let attempt = 0; ; attempt++) {
      if (this.closed) throw new ClientStateError(`cannot send ${method} ${path}: the client is closed`);
      let retryable: boolean;
      let failure: Error;
      try {
        const result = await this.send(method, path, payload);
        if (result.status < 400) return result.body as T;
        failure = new LavalinkRestError(
          method,
          path,
          result.status,
          isErrorResponse(result.body) ? result.body : null,
          this.options.node,
        );
        // A 503 means the server did not process the request, so even a non-idempotent one may go again.
        retryable = RETRYABLE_STATUS.has(result.status) && (idempotent || result.status === 503);
      } catch (error) {
        if (!(error instanceof AttemptError)) throw error;
        if (error.reason === "timeout") {
          failure = new RequestTimeoutError(method, path, this.options.timeout, this.options.node);
          retryable = idempotent;
        } else {
          failure = new NodeUnavailableError(
            this.options.node,
            `${method} ${path} failed: ${(error.cause as Error).message}`,
            { cause: error.cause },
          );
          retryable = idempotent || error.notSent;
          if (!idempotent && error.reusedReset && options.confirm !== undefined) {
            let applied: unknown;
            try {
              applied = await options.confirm();
            } catch {
              throw failure; // the node could not say: a retry might apply it twice
            }
            if (applied !== undefined) return applied as T;
          }
        }
      }
      if (!retryable || attempt >= retry.maxRetries || this.closed) throw failure;
      await this.wait(retryDelay(retry, attempt + 1, this.options.random));
    }
  }

  /** Number of requests waiting for an answer now (for diagnostics and leak tests). */
  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Aborts requests in flight, cancels retry waits and closes the keep-alive sockets. */
  close(): void {
    this.closed = true;
    for (const req of this.inFlight) req.destroy(new ClientStateError("the client was closed"));
    this.inFlight.clear();
    for (const [handle, resolve] of this.waits) {
      this.options.clock.clearTimeout(handle);
      resolve();
    }
    this.waits.clear();
    this.agent.destroy();
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const handle = this.options.clock.setTimeout(() => {
        this.waits.delete(handle);
        resolve();
      }, ms);
      this.waits.set(handle, resolve);
    });
  }

  private send(method: HttpMethod, path: string, payload: string | undefined): Promise<Attempt> {
    const { clock, timeout, password } = this.options;
    const observed = this.observe(method, path, payload);
    return new Promise<Attempt>((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = {
        Authorization: password,
        "User-Agent": CLIENT_NAME,
        Accept: "application/json",
      };
      if (payload !== undefined) {
        headers["Content-Type"] = "application/json";
        headers["Content-Length"] = Buffer.byteLength(payload);
      }
      const req = this.transport.request(`${this.options.baseUrl}${path}`, {
        method,
        headers,
        agent: this.agent,
      });
      this.inFlight.add(req);
      let settled = false;
      const done = () => {
        settled = true;
        clock.clearTimeout(timer);
        this.inFlight.delete(req);
      };
      const timer = clock.setTimeout(() => {
        if (settled) return;
        done();
        // Destroying the request destroys its socket too: a late answer must not be read into the
        // next request that would reuse a keep-alive socket.
        req.destroy();
        observed.failed("timeout");
        reject(new AttemptError("timeout", false, new Error("timeout")));
      }, timeout);
      req.on("error", (error: NodeJS.ErrnoException) => {
        if (settled) return;
        done();
        if (error instanceof ClientStateError) return reject(error);
        // A reset on a reused keep-alive socket means the server closed it idle before reading us.
        const reusedReset = req.reusedSocket && error.code === "ECONNRESET";
        const notSent = NOT_SENT_CODES.has(error.code ?? "") || reusedReset;
        observed.failed("error");
        reject(new AttemptError("network", notSent, error, reusedReset));
      });
      req.on("response", (res) => {
        const body = new LimitedBody(this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
        // Abandons the answer: destroying the request drops its socket, so the rest is never read.
        const tooLarge = () => {
          if (settled) return;
          done();
          req.destroy();
          observed.failed("error");
          reject(new ResponseTooLargeError(method, path, body.limit, this.options.node));
        };
        if (body.announcedTooLarge(res)) return tooLarge();
        res.on("data", (chunk: Buffer) => {
          if (!body.add(chunk)) tooLarge();
        });
        res.on("error", (error) => {
          if (settled) return;
          done();
          observed.failed("error");
          reject(new AttemptError("network", false, error));
        });
        res.on("end", () => {
          if (settled) return;
          done();
          const text = body.text();
          let parsed: unknown;
          if (text.length > 0) {
            try {
              // Before parsing: a depth bomb is refused (ProtocolValidationError) without being built.
              checkJsonDepth(text);
            } catch (error) {
              observed.answered(res.statusCode ?? 0, text);
              return reject(error);
            }
            try {
              parsed = JSON.parse(text);
            } catch {
              parsed = text;
            }
          }
          observed.answered(res.statusCode ?? 0, parsed);
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      });
      req.end(payload);
    });
  }

  /**
   * Starts the diagnostics of one attempt: its outcome is counted (route, status class, latency on
   * the client's clock) and recorded when the client records. Only the REST path reads the clock.
   */
  private observe(method: HttpMethod, path: string, payload: string | undefined): AttemptObserver {
    const { counters, recorder, clock } = this.options;
    if (counters === undefined && (recorder === undefined || recorder === null)) return SILENT_OBSERVER;
    const started = clock.now();
    const id = recorder ? recorder.request(method, path, payload) : 0;
    return {
      answered: (status, body) => {
        counters?.rest(method, path, statusClass(status), clock.now() - started);
        recorder?.response(id, status, body);
      },
      failed: (kind) => {
        counters?.rest(method, path, kind, clock.now() - started);
        recorder?.failure(id, kind);
      },
    };
  }
}

/** Reports how one attempt ended. */
interface AttemptObserver {
  answered(status: number, body: unknown): void;
  failed(kind: "timeout" | "error"): void;
}

const SILENT_OBSERVER: AttemptObserver = { answered: () => undefined, failed: () => undefined };
