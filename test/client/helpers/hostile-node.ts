import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

/** What a hostile node does with one WebSocket handshake that it accepted. */
export type SocketBehaviour = (ws: WebSocket, req: http.IncomingMessage) => void;
/** What a hostile node answers to one REST request (the request body is read already). */
export type RestBehaviour = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

/**
 * A tiny stand-in for a Lavalink node that does whatever the test says: the WebSocket and REST
 * behaviours can be swapped between requests. Every handshake's headers are recorded. Not the
 * simulator on purpose: the simulator is a well-behaved node, this one is not.
 */
export interface HostileNode {
  readonly port: number;
  /** Headers of every WebSocket handshake, in order. */
  readonly handshakes: http.IncomingHttpHeaders[];
  /** Sockets currently open to the node (both HTTP and WebSocket). */
  readonly connections: Set<Socket>;
  socket: SocketBehaviour;
  rest: RestBehaviour;
  /** Sends one text frame on every open WebSocket. */
  broadcast(text: string): void;
  close(): Promise<void>;
}

/** Sends a valid `ready` with `sessionId`. */
export const sendReady =
  (sessionId = "abcdefghijklmnop", resumed = false): SocketBehaviour =>
  (ws) =>
    ws.send(JSON.stringify({ op: "ready", resumed, sessionId }));

/** A valid player answer for `guildId`, with `overrides` merged in. */
export function playerAnswer(
  guildId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    guildId,
    track: null,
    volume: 100,
    paused: false,
    state: { time: Date.now(), position: 0, connected: false, ping: -1 },
    voice: { token: "", endpoint: "", sessionId: "" },
    filters: {},
    ...overrides,
  };
}

export async function startHostileNode(
  socket: SocketBehaviour = sendReady(),
  rest: RestBehaviour = (_req, res) => res.writeHead(404).end(),
): Promise<HostileNode> {
  const handshakes: http.IncomingHttpHeaders[] = [];
  const connections = new Set<Socket>();
  const wss = new WebSocketServer({ noServer: true });
  const node: HostileNode = {
    port: 0,
    handshakes,
    connections,
    socket,
    rest,
    broadcast: (text) => {
      for (const client of wss.clients) client.send(text);
    },
    close: async () => {
      for (const client of wss.clients) client.terminate();
      for (const c of connections) c.destroy();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => node.rest(req, res, Buffer.concat(chunks).toString()));
    // A client that gives up mid-answer resets the socket; that is not the test's concern.
    res.on("error", () => undefined);
  });
  server.on("connection", (s: Socket) => {
    connections.add(s);
    s.on("close", () => connections.delete(s));
    s.on("error", () => undefined);
  });
  server.on("upgrade", (req, s: Socket, head) => {
    handshakes.push(req.headers);
    wss.handleUpgrade(req, s, head, (ws) => {
      ws.on("error", () => undefined);
      node.socket(ws, req);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  (node as { port: number }).port = (server.address() as AddressInfo).port;
  return node;
}
