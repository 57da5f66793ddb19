/**
 * The client process of `simulator/real-time-cost`: what a bot would be, kept out of the
 * simulator's process so that the simulator's CPU figure is its own. It opens the session(s),
 * creates the players over REST as a bot does (one PATCH with a distinct encoded track per
 * guild, a few requests in flight), and counts the frames it receives without parsing them.
 *
 * argv: `<simulator url> <sessions>`. Messages in: `create`, `count-start`, `count-stop`, `stop`.
 */
import WebSocket from "ws";
import { encodeTrack } from "../../../src/protocol/codec/index.js";
import { assertBuiltPackage } from "../../built-package.js";
import type { ReceiverReply, ReceiverRequest } from "./messages.js";

assertBuiltPackage();

const [url = "", sessionsArg = "1"] = process.argv.slice(2);
const sessionCount = Math.max(1, Number(sessionsArg));
const send = (reply: ReceiverReply): void => {
  process.send?.(reply);
};

/** Requests in flight while creating players (a bot restoring its players after a restart). */
const CONCURRENCY = 32;
/** An hour: no track ends during a run, so every player keeps its periodic updates. */
const TRACK_LENGTH = 3_600_000;
/** The byte after `{"op":"` that only `playerUpdate` has (`p`). */
const P = "p".charCodeAt(0);

let frames = 0;
let playerUpdates = 0;
const sockets: WebSocket[] = [];
const sessionIds: string[] = [];

function connect(): Promise<void> {
  const ws = new WebSocket(`${url.replace(/^http/, "ws")}/v4/websocket`, {
    headers: { Authorization: "bench", "User-Id": "1", "Client-Name": "sonora-bench" },
  });
  sockets.push(ws);
  return new Promise((resolve, reject) => {
    ws.once("error", reject);
    ws.on("message", (data: Buffer) => {
      frames++;
      if (data[7] === P) playerUpdates++;
      else if (data.length < 200 && data.toString("latin1", 0, 12) === '{"op":"ready') {
        sessionIds.push((JSON.parse(data.toString()) as { sessionId: string }).sessionId);
        resolve();
      }
    });
  });
}

function trackFor(i: number): string {
  return encodeTrack({
    identifier: `bench-${i}`,
    isSeekable: true,
    author: `Bench Artist ${i % 997}`,
    length: TRACK_LENGTH,
    isStream: false,
    position: 0,
    title: `Bench track number ${i}`,
    uri: `https://example.com/watch?v=bench-${i}`,
    artworkUrl: null,
    isrc: null,
    sourceName: "http",
  });
}

async function create(players: number): Promise<void> {
  const started = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < players) {
      const i = next++;
      const sessionId = sessionIds[i % sessionIds.length];
      const res = await fetch(
        `${url}/v4/sessions/${sessionId}/players/${100_000_000_000_000_000n + BigInt(i)}`,
        {
          method: "PATCH",
          headers: { Authorization: "bench", "Content-Type": "application/json" },
          body: JSON.stringify({ track: { encoded: trackFor(i) } }),
        },
      );
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`PATCH player ${i}: HTTP ${res.status}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  send({ type: "created", players, ms: performance.now() - started });
}

let countFrom = { frames: 0, playerUpdates: 0, cpu: process.cpuUsage(), wall: process.hrtime.bigint() };

process.on("message", (message: ReceiverRequest) => {
  switch (message.type) {
    case "create":
      create(message.players).catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
      return;
    case "count-start":
      countFrom = { frames, playerUpdates, cpu: process.cpuUsage(), wall: process.hrtime.bigint() };
      send({ type: "counting" });
      return;
    case "count-stop": {
      const cpu = process.cpuUsage(countFrom.cpu);
      send({
        type: "count",
        frames: frames - countFrom.frames,
        playerUpdates: playerUpdates - countFrom.playerUpdates,
        cpuUs: cpu.user + cpu.system,
        wallUs: Number(process.hrtime.bigint() - countFrom.wall) / 1000,
      });
      return;
    }
    case "stop":
      for (const ws of sockets) ws.close();
      setTimeout(() => process.exit(0), 100).unref();
      return;
  }
});

await Promise.all(Array.from({ length: sessionCount }, connect));
send({ type: "connected", sessions: sessionIds.length });
