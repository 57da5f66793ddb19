import { request } from "node:http";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_LOG_BODY_LIMIT,
  DEFAULT_LOG_MAX_BYTES,
  SimulatorLog,
  type SimulatorLogEntry,
} from "../../src/simulator/log.js";
import { TEST_PASSWORD } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { rest } from "./helpers.js";

const entry = (body?: string): SimulatorLogEntry => ({
  at: 0,
  direction: "in",
  kind: "rest",
  ...(body === undefined ? {} : { body }),
});

describe("the simulator log is bounded by bytes, not only by entries", () => {
  it("defaults to 16 MiB and 4 KiB bodies", () => {
    const log = new SimulatorLog();
    expect(log.maxBytes).toBe(DEFAULT_LOG_MAX_BYTES);
    expect(DEFAULT_LOG_MAX_BYTES).toBe(16 * 1024 * 1024);
    expect(log.bodyLimit).toBe(DEFAULT_LOG_BODY_LIMIT);
  });

  it("cuts long bodies to bodyLimit characters with a marker of the bytes dropped", () => {
    const log = new SimulatorLog(10, true, { bodyLimit: 8 });
    log.record(entry("0123456789abcdef"));
    log.record(entry("é".repeat(10)));
    log.record(entry("short"));
    const [first, second, third] = log.entries();
    expect(first?.body).toBe("01234567…[truncated: 8 bytes dropped]");
    // Two UTF-8 bytes per é: the marker counts bytes, not characters.
    expect(second?.body).toBe("éééééééé…[truncated: 4 bytes dropped]");
    expect(third?.body).toBe("short");
  });

  it("never cuts a surrogate pair in half", () => {
    const log = new SimulatorLog(10, true, { bodyLimit: 3 });
    log.record(entry("ab😀cd"));
    expect(log.entries()[0]?.body).toBe("ab…[truncated: 6 bytes dropped]");
  });

  it("drops the oldest entries beyond maxBytes and keeps the newest", () => {
    const log = new SimulatorLog(1_000_000, true, { maxBytes: 100_000, bodyLimit: 10_000 });
    for (let i = 0; i < 5_000; i++) log.record(entry(`${i}`.padEnd(5_000, ".")));
    expect(log.byteSize).toBeLessThanOrEqual(100_000);
    expect(log.size).toBeLessThan(25);
    expect(log.entries().at(-1)?.body?.startsWith("4999")).toBe(true);
    log.clear();
    expect(log.byteSize).toBe(0);
    expect(log.size).toBe(0);
  });

  it("still keeps at most capacity entries, oldest first", () => {
    const log = new SimulatorLog(3);
    for (let i = 0; i < 10; i++) log.record(entry(String(i)));
    expect(log.entries().map((e) => e.body)).toEqual(["7", "8", "9"]);
    expect(log.filter({ body: "8" })).toHaveLength(1);
  });
});

describe("request bodies over real sockets", () => {
  it("keeps no body of refused requests: 100 unauthenticated 128 KiB POSTs leave a small log", async () => {
    const sim = await testSimulator();
    const url = `${sim.url}/v4/decodetracks`;
    const big = "x".repeat(128 * 1024);
    const post = async (i: number): Promise<number> => {
      const headers: Record<string, string> = i % 2 === 0 ? {} : { Authorization: "wrong" };
      const res = await fetch(url, { method: "POST", headers, body: big });
      await res.arrayBuffer();
      return res.status;
    };
    for (let batch = 0; batch < 10; batch++) {
      const statuses = await Promise.all(Array.from({ length: 10 }, (_, i) => post(i)));
      expect(statuses).toEqual(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? 401 : 403)));
    }
    const withBodies = sim.log.filter({ kind: "rest", direction: "in" }).filter((e) => e.body !== undefined);
    expect(withBodies).toHaveLength(0);
    expect(sim.log.size).toBe(200);
    expect(sim.log.byteSize).toBeLessThan(200 * 1024);
  });

  it("keeps only the first 4 KiB of an accepted large body", async () => {
    const sim = await testSimulator();
    const body = JSON.stringify(Array.from({ length: 20_000 }, () => "x"));
    const res = await rest(sim, "POST", "/v4/decodetracks", body);
    expect(res.status).toBe(500);
    const logged = sim.log.filter({ kind: "rest", direction: "in", path: "/v4/decodetracks" })[0]?.body ?? "";
    expect(logged.startsWith(body.slice(0, DEFAULT_LOG_BODY_LIMIT))).toBe(true);
    expect(logged).toMatch(/…\[truncated: \d+ bytes dropped\]$/);
  });

  it("answers a body over maxBodyBytes with 413 and Lavalink's error body, and cuts an endless upload", async () => {
    const sim = await testSimulator({ maxBodyBytes: 64 * 1024 });
    const port = sim.port;
    const outcome = await new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
      let sent = 0;
      const req = request(
        {
          port,
          host: "127.0.0.1",
          method: "POST",
          path: "/v4/decodetracks",
          headers: { Authorization: TEST_PASSWORD },
        },
        (res) => {
          let body = "";
          res.on("data", (c: Buffer) => {
            body += c.toString();
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body, sent }));
        },
      );
      req.on("error", reject);
      // An upload that never ends on its own: 16 KiB chunks until the server answers.
      const chunk = Buffer.alloc(16 * 1024, 0x5b);
      const pump = (): void => {
        while (!req.destroyed && sent < 64 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) {
            req.once("drain", pump);
            return;
          }
        }
      };
      pump();
    });
    expect(outcome.status).toBe(413);
    expect(JSON.parse(outcome.body)).toMatchObject({
      status: 413,
      error: "Payload Too Large",
      message: "Request body exceeds 65536 bytes",
      path: "/v4/decodetracks",
    });
    // The server closed the connection after its answer instead of reading the upload forever.
    expect(outcome.sent).toBeLessThan(16 * 1024 * 1024);
    expect((await rest(sim, "GET", "/v4/info")).status).toBe(200);
  });
});
