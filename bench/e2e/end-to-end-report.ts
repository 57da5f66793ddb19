/**
 * `client/end-to-end`: what a bot pays per playerUpdate, over a real socket. A fake node (loopback
 * HTTP + WebSocket, in this process) streams the same playerUpdate frames to one client process at a
 * time: Sonora, Shoukaku and lavalink-client through their normal managers, each with a player for each
 * of 1,000 guilds, and a floor client that only receives (Buffers, as `ws` delivers them) and
 * `JSON.parse`s. Each process reports its own CPU time (`process.cpuUsage`) from the start of the
 * stream until it has handled the last frame; the node's own cost is not in any figure.
 */
import { fork } from "node:child_process";
import { createServer, type Server } from "node:http";
import { fileURLToPath } from "node:url";
import { WebSocketServer } from "ws";
import type { BenchEntry, ReportRow } from "../harness.js";
import { e2eFrame, e2eGuilds, SENTINEL_POSITION } from "./protocol.js";

/** The cases this module provides, known without building anything. */
export const names = ["client/end-to-end"] as const;

const CLIENTS = ["floor", "sonora", "shoukaku", "lavalink-client"] as const;
/** Goal held by the subject against the floor client (the old in-process goal of the hot path). */
const GOAL_RATIO = 1.5;

/** A fake Lavalink node: `ready` on connect, a minimal answer to any REST call. */
async function fakeNode(): Promise<{ server: Server; wss: WebSocketServer; port: number }> {
  const server = createServer((req, res) => {
    res.setHeader("Content-Type", "application/json");
    if (req.url?.startsWith("/v4/info")) {
      res.end(
        JSON.stringify({
          version: { semver: "4.0.8", major: 4, minor: 0, patch: 8, preRelease: null, build: null },
          buildTime: 0,
          git: { branch: "main", commit: "0", commitTime: 0 },
          jvm: "21",
          lavaplayer: "2.2.2",
          sourceManagers: ["youtube"],
          filters: [],
          plugins: [],
        }),
      );
    } else if (req.url?.includes("/players")) res.end("[]");
    else res.end(JSON.stringify({ resuming: false, timeout: 60 }));
  });
  const wss = new WebSocketServer({ server });
  wss.on("connection", (ws) => ws.send('{"op":"ready","resumed":false,"sessionId":"benchsession0001"}'));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return { server, wss, port: typeof address === "object" && address !== null ? address.port : 0 };
}

interface ClientCost {
  kind: string;
  cpuUs: number;
  wallMs: number;
}

/** Runs one client process through setup, the stream of `frames` frames, and its CPU report. */
async function measure(kind: string, frames: number): Promise<ClientCost> {
  const node = await fakeNode();
  const child = fork(
    fileURLToPath(new URL("./client-child.ts", import.meta.url)),
    [kind, String(node.port)],
    {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    },
  );
  try {
    await new Promise<void>((resolve, reject) => {
      child.once("message", () => resolve());
      child.once("exit", (code) => reject(new Error(`${kind} exited (${code}) before it was ready`)));
    });
    const socket = [...node.wss.clients][0];
    if (socket === undefined) throw new Error(`${kind} has no socket open`);
    const result = new Promise<ClientCost>((resolve) =>
      child.once("message", (m) => resolve({ kind, ...(m as { cpuUs: number; wallMs: number }) })),
    );
    child.send("go");
    const guilds = e2eGuilds();
    // Chunks of 1,000 frames, each sent once the socket drained the previous one.
    for (let i = 0; i < frames; i += 1_000) {
      for (let k = i; k < Math.min(frames, i + 1_000); k++) socket.send(e2eFrame(guilds, k));
      await new Promise<void>((resolve) => socket.ping(undefined, undefined, () => resolve()));
    }
    socket.send(
      `{"op":"playerUpdate","guildId":"${guilds[0]}","state":{"time":${1_704_067_200_000 + frames},"position":${SENTINEL_POSITION},"connected":true,"ping":20}}`,
    );
    return await result;
  } finally {
    child.kill();
    for (const ws of node.wss.clients) ws.terminate();
    node.wss.close();
    node.server.close();
  }
}

const report: BenchEntry = {
  kind: "report",
  name: "client/end-to-end",
  description:
    "playerUpdate frames over loopback WebSocket to one client process each (1,000 guilds with a player), CPU time each process reports (floor: receive + JSON.parse)",
  async run({ quick }): Promise<ReportRow[]> {
    const frames = quick ? 20_000 : 100_000;
    const costs: ClientCost[] = [];
    for (const kind of CLIENTS) costs.push(await measure(kind, frames));
    const floor = costs.find((c) => c.kind === "floor")!;
    return costs.map((c) => {
      const ratio = c.cpuUs / floor.cpuUs;
      return {
        label: `${c.kind}: CPU per frame (${frames.toLocaleString("en-US")} frames)`,
        measured: `${((c.cpuUs * 1000) / frames).toFixed(0)} ns (${ratio.toFixed(2)}× floor)`,
        target: c.kind === "sonora" ? `≤ ${GOAL_RATIO}× floor` : "-",
        met: c.kind === "sonora" ? ratio <= GOAL_RATIO : null,
      };
    });
  },
};

/** The end-to-end report (sockets and child processes start only when it runs). */
export function cases(): BenchEntry[] {
  return [report];
}
