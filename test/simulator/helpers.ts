import WebSocket from "ws";
import type { IncomingMessage } from "../../src/protocol/index.js";
import type { ProtocolSimulator } from "../../src/simulator/index.js";
import { TEST_PASSWORD } from "../../src/testing/index.js";

export const USER_ID = "170939974227541168";

/**
 * A raw Lavalink WebSocket client for probing the simulator frame by frame (what the kit's
 * SonoraClient hides): it buffers every frame and lets the test await the next matching one.
 */
export class TestClient {
  readonly frames: IncomingMessage[] = [];
  private cursor = 0;
  private waiters: (() => void)[] = [];
  closed: Promise<number>;
  sessionId = "";
  upgradeHeaders: Record<string, string | string[] | undefined> = {};

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      this.frames.push(JSON.parse(String(data)) as IncomingMessage);
      for (const w of this.waiters.splice(0)) w();
    });
    this.closed = new Promise((resolve) => ws.on("close", (code) => resolve(code)));
  }

  static async connect(sim: ProtocolSimulator, headers: Record<string, string> = {}): Promise<TestClient> {
    const ws = new WebSocket(`ws://127.0.0.1:${sim.port}/v4/websocket`, {
      headers: {
        Authorization: TEST_PASSWORD,
        "User-Id": USER_ID,
        "Client-Name": "sonora-tests/1.0",
        ...headers,
      },
    });
    const client = new TestClient(ws);
    ws.on("upgrade", (res) => {
      client.upgradeHeaders = res.headers;
    });
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    const ready = await client.next((m) => m.op === "ready");
    if (ready.op === "ready") client.sessionId = ready.sessionId;
    return client;
  }

  /** Resolves with the next frame (after those already consumed) matching `predicate`. */
  async next<T extends IncomingMessage = IncomingMessage>(
    predicate: (m: IncomingMessage) => boolean,
  ): Promise<T> {
    for (;;) {
      while (this.cursor < this.frames.length) {
        const frame = this.frames[this.cursor++] as IncomingMessage;
        if (predicate(frame)) return frame as T;
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Next `event` frame of the given type. */
  event<T extends IncomingMessage = IncomingMessage>(type: string): Promise<T> {
    return this.next<T>((m) => m.op === "event" && m.type === type);
  }

  close(): Promise<number> {
    this.ws.close();
    return this.closed;
  }
}

/** REST call with the password; returns status, headers and the parsed (or raw) body. */
export async function rest(
  sim: ProtocolSimulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: unknown; text: string }> {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: {
      Authorization: TEST_PASSWORD,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // plain text (e.g. /version) or empty
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/** A valid encoded track obtained from the simulator's own catalog. */
export async function loadOne(
  sim: ProtocolSimulator,
  identifier = "dQw4w9WgXcQ",
): Promise<{ encoded: string; length: number }> {
  const res = await rest(sim, "GET", `/v4/loadtracks?identifier=${encodeURIComponent(identifier)}`);
  const result = res.body as { loadType: string; data: { encoded: string; info: { length: number } } };
  if (result.loadType !== "track")
    throw new Error(`expected a track for ${identifier}, got ${result.loadType}`);
  return { encoded: result.data.encoded, length: result.data.info.length };
}

/** Lets pending I/O through for `turns` event-loop turns, without moving the virtual clock. */
export async function settle(turns = 50): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
