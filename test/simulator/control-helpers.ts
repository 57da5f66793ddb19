import { get } from "node:http";
import type { ProtocolSimulator } from "../../src/simulator/index.js";

/** A fixed control token, so failures print readable requests. */
export const CONTROL_TOKEN = "control-token-for-tests-0001";

/** An answer of the control API: status and parsed JSON (null for an empty body). */
export interface ControlAnswer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers.
  body: any;
}

/** One control request over real HTTP; `token: null` sends none. */
export async function control(
  sim: ProtocolSimulator,
  method: string,
  path: string,
  body?: unknown,
  token: string | null = sim.controlToken ?? null,
): Promise<ControlAnswer> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(`${sim.url}/_sonora${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === "" ? null : JSON.parse(text) };
}

/** The `error` of a failed answer, checked to be a typed JSON error of `status`. */
export function expectError(answer: ControlAnswer, status: number): { code: string; message: string } {
  if (answer.status !== status || typeof answer.body?.error?.code !== "string") {
    throw new Error(`expected a ${status} JSON error, got ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body.error;
}

/** Server-sent events read from a control stream, parsed, as they arrive. */
export class SseReader {
  readonly events: { event: string; data: unknown }[] = [];
  private buffer = "";
  private waiters: (() => void)[] = [];
  private closeRequest: (() => void) | undefined;
  status = 0;

  static open(sim: ProtocolSimulator, path: string): Promise<SseReader> {
    const reader = new SseReader();
    return new Promise((resolve, reject) => {
      const req = get(
        `${sim.url}/_sonora${path}`,
        { headers: { Authorization: `Bearer ${sim.controlToken}` } },
        (res) => {
          reader.status = res.statusCode ?? 0;
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => reader.feed(chunk));
          res.on("error", () => undefined);
          resolve(reader);
        },
      );
      req.on("error", reject);
      reader.closeRequest = () => req.destroy();
    });
  }

  /** Resolves with the first event (already received or to come) matching `predicate`. */
  async next(predicate: (e: { event: string; data: unknown }) => boolean, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(predicate);
      if (found !== undefined) return found;
      if (Date.now() > deadline)
        throw new Error(`no matching event; got ${this.events.map((e) => e.event).join(", ")}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100).unref();
      });
    }
  }

  close(): void {
    this.closeRequest?.();
  }

  private feed(chunk: string): void {
    this.buffer += chunk;
    let end = this.buffer.indexOf("\n\n");
    while (end >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let event = "message";
      let data = "";
      for (const line of block.split("\n")) {
        if (line.startsWith("event: ")) event = line.slice(7);
        else if (line.startsWith("data: ")) data += line.slice(6);
      }
      if (data !== "") this.events.push({ event, data: JSON.parse(data) });
      end = this.buffer.indexOf("\n\n");
    }
    for (const w of this.waiters.splice(0)) w();
  }
}
