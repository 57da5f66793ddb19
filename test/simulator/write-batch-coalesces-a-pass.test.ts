import { describe, expect, it } from "vitest";
import type { PeerSocket } from "../../src/simulator/transport/peer-socket.js";
import { WriteBatch } from "../../src/simulator/transport/write-batch.js";

/** A socket whose stream records corks and uncorks, and whose sends record the stream's state. */
function fakeSocket(
  log: string[],
  name: string,
): { ws: PeerSocket; stream: { cork(): void; uncork(): void } } {
  let corked = 0;
  const stream = {
    cork: () => {
      corked++;
      log.push(`${name} cork`);
    },
    uncork: () => {
      corked--;
      log.push(`${name} uncork`);
    },
  };
  const ws: PeerSocket = {
    readyState: 1,
    send: (data) => log.push(`${name} ${corked > 0 ? "held" : "written"} ${data}`),
    close: () => undefined,
    terminate: () => undefined,
  };
  return { ws, stream };
}

describe("WriteBatch: a pass of periodic frames leaves in one write per socket", () => {
  it("holds each socket once inside a pass, releases when the outermost pass ends, never outside", () => {
    const log: string[] = [];
    const batch = new WriteBatch();
    const a = fakeSocket(log, "a");
    const b = fakeSocket(log, "b");
    batch.attach(a.ws, a.stream);
    batch.attach(b.ws, b.stream);
    const send = (s: { ws: PeerSocket }, text: string): void => {
      batch.hold(s.ws);
      s.ws.send(text);
    };
    send(a, "0");
    batch.run(() => {
      send(a, "1");
      send(b, "2");
      batch.run(() => send(a, "3"));
      send(a, "4");
    });
    send(b, "5");
    expect(log).toEqual([
      "a written 0",
      "a cork",
      "a held 1",
      "b cork",
      "b held 2",
      "a held 3",
      "a held 4",
      "a uncork",
      "b uncork",
      "b written 5",
    ]);
  });

  it("releases when the pass throws, and flush() writes out one socket before it is destroyed", () => {
    const log: string[] = [];
    const batch = new WriteBatch();
    const a = fakeSocket(log, "a");
    batch.attach(a.ws, a.stream);
    expect(() =>
      batch.run(() => {
        batch.hold(a.ws);
        throw new Error("boom");
      }),
    ).toThrow("boom");
    batch.run(() => {
      batch.hold(a.ws);
      batch.flush(a.ws);
      log.push("terminated");
    });
    expect(log).toEqual(["a cork", "a uncork", "a cork", "a uncork", "terminated"]);
  });
});
