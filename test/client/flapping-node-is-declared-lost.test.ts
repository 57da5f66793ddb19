import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it, onTestFinished } from "vitest";
import { type WebSocket, WebSocketServer } from "ws";
import type { VirtualClock } from "../../src/base/clock/index.js";
import type { Node } from "../../src/client/index.js";
import { WEBSOCKET_PATH } from "../../src/protocol/index.js";
import { driveClock, TEST_GUILD_ID as GUILD } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { ioTurn as io } from "../../src/testing/wire-monitor.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

/**
 * A fake node that answers every handshake with `ready` (a new session each time). Once `flap` is
 * on, it closes each socket right after that `ready`, as a crashing node behind a restarting
 * proxy does. Its REST side answers session updates and player updates with well-formed bodies.
 */
async function flappingNode() {
  let sessions = 0;
  const state = { flap: false, connections: 0 };
  const open = new Set<WebSocket>();
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const guildId = /\/players\/(\d+)/.exec(req.url ?? "")?.[1];
      const body =
        guildId === undefined
          ? { resuming: true, timeout: 60 }
          : {
              guildId,
              track: null,
              volume: 100,
              paused: false,
              state: { time: 0, position: 0, connected: false, ping: -1 },
              voice: { token: "", endpoint: "", sessionId: "" },
              filters: {},
            };
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(body));
    });
  });
  const wss = new WebSocketServer({ server, path: WEBSOCKET_PATH });
  wss.on("connection", (ws) => {
    state.connections++;
    sessions++;
    ws.send(JSON.stringify({ op: "ready", resumed: false, sessionId: `flapsession${sessions}` }));
    if (state.flap) ws.close(1011, "crashed after ready");
    else {
      open.add(ws);
      ws.on("close", () => open.delete(ws));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(async () => {
    for (const ws of wss.clients) ws.terminate();
    wss.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return {
    port: (server.address() as AddressInfo).port,
    state,
    /** Starts flapping: the open socket is closed, and so is every later one right after `ready`. */
    startFlapping() {
      state.flap = true;
      for (const ws of open) ws.close(1011, "crashed");
    },
    /** Closes the open sockets once (a single drop), without flapping. */
    dropOnce() {
      for (const ws of open) ws.close(1011, "dropped");
    },
    stopFlapping() {
      state.flap = false;
    },
  };
}

async function setup(reconnect: Record<string, unknown> = {}) {
  const fake = await flappingNode();
  // The environment's own client stays unstarted: the client under test has the fake node first.
  const env = await sonoraEnv({ seed: 7, nodes: ["healthy"], connect: false });
  const clock = env.clock as VirtualClock;
  const client = env.createClient({
    ...STEADY_CLIENT,
    nodes: [{ host: "127.0.0.1", port: fake.port, password: "pw", name: "flappy", reconnect }, ...env.nodes],
  });
  await client.start();
  const flappy = client.nodes.get("flappy")!;
  const attempts: number[] = [];
  let lost = 0;
  client.on("nodeReconnecting", (node: Node, attempt: number) => {
    if (node === flappy) attempts.push(attempt);
  });
  client.on("nodeLost", (node: Node) => {
    if (node === flappy) lost++;
  });
  return { clock, fake, client, flappy, attempts, lost: () => lost };
}

describe("a node that sends ready and drops at once keeps counting its failures", () => {
  it("spends its retry budget, is declared lost, and its players move (no endless reconnects)", async () => {
    const { clock, fake, client, flappy, attempts, lost } = await setup();
    const player = await client.getPlayer(GUILD, { node: "flappy" });
    const moved = client.waitFor("playerMove");
    fake.startFlapping();
    const [, from, to] = await driveClock(clock, moved, { stepMs: 100 });
    expect([from.name, to.name]).toEqual(["flappy", "healthy"]);
    expect(player.node.name).toBe("healthy");
    // makeClient's budget: 3 retries, 1 s apart. Each one reached `ready` and dropped; none reset the count.
    expect(attempts).toEqual([1, 2, 3]);
    expect(lost()).toBe(1);
    expect(flappy.state).toBe("disconnected");

    // Five more seconds (the issue saw 86 reconnects in 5 s): not one reconnect.
    const connections = fake.state.connections;
    for (let i = 0; i < 50; i++) {
      await io();
      await clock.advance(100);
    }
    expect(attempts).toEqual([1, 2, 3]);
    expect(fake.state.connections).toBe(connections);

    // A minute later: only the probes (at most one per 30 s) touched it, each one lost again at once.
    for (let i = 0; i < 60; i++) {
      await io();
      await clock.advance(1_000);
    }
    expect(attempts).toEqual([1, 2, 3]);
    expect(fake.state.connections - connections).toBeLessThanOrEqual(2);
    expect(player.node.name).toBe("healthy");
  });

  it("a connection that stays ready for stableAfter resets the count", async () => {
    const { clock, fake, attempts, lost } = await setup({ stableAfter: 5_000 });
    fake.startFlapping();
    await driveClock(
      clock,
      (async () => {
        while (attempts.length < 2) await io();
      })(),
      { stepMs: 100 },
    );
    fake.stopFlapping();
    // The next reconnect stays up; 5 s later the count is reset, so a new drop is attempt 1 again.
    for (let i = 0; i < 80; i++) {
      await io();
      await clock.advance(100);
    }
    expect(attempts).toEqual([1, 2]);
    fake.dropOnce();
    await driveClock(
      clock,
      (async () => {
        while (attempts.length < 3) await io();
      })(),
      { stepMs: 100 },
    );
    expect(attempts).toEqual([1, 2, 1]);
    expect(lost()).toBe(0);
  });
});
