import { request } from "node:http";
import { connect } from "node:net";
import { expect } from "vitest";

/** One raw HTTP exchange: any method, path, headers and bytes, as a hostile client would send. */
export function rawRequest(
  port: number,
  options: { method: string; path: string; headers?: Record<string, string>; body?: Uint8Array | string },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    // A well-framed request: the body's length is announced (malformed framing is rawSocket's job).
    const length = options.body === undefined ? 0 : Buffer.byteLength(options.body);
    const headers = { ...options.headers, "Content-Length": String(length) };
    const req = request(
      { host: "127.0.0.1", port, method: options.method, path: options.path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

/** Writes raw bytes on a fresh TCP connection and resolves with everything the server answered. */
export function rawSocket(port: number, bytes: string | Uint8Array): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", () => undefined);
    socket.on("close", () => resolve(Buffer.concat(chunks).toString("latin1")));
    socket.setTimeout(2000, () => socket.destroy());
    socket.write(bytes);
    socket.end();
  });
}

/**
 * What every answer of the simulator must be: a real HTTP status, and for an error with a body,
 * Lavalink's error JSON (401/403 have no body, as Lavalink's authorization filter sends none).
 */
export function expectProperAnswer(res: { status: number; body: string }, path: string): void {
  expect(res.status).toBeGreaterThanOrEqual(200);
  expect(res.status).toBeLessThan(600);
  if (res.status < 400 || res.status === 401 || res.status === 403) return;
  const body = JSON.parse(res.body) as Record<string, unknown>;
  const keys = Object.keys(body).filter((k) => k !== "trace");
  expect(keys).toEqual(["timestamp", "status", "error", "message", "path"]);
  expect(body.status).toBe(res.status);
  expect(typeof body.message).toBe("string");
  expect(body.path).toBe(path);
}

/** Heap in use after a full collection when the process exposes `gc` (else as it is). */
export function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}
