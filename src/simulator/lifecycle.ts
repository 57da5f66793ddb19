import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import type { WebSocketServer } from "ws";
import { SimulatorError } from "./errors.js";
import { type HttpEnvironment, handleHttpRequest } from "./http.js";
import { isLoopback } from "./options.js";
import type { SessionRegistry } from "./registry.js";
import type { PeerSocket } from "./transport/peer-socket.js";
import { createWebSocketEndpoint, type UpgradeContext } from "./upgrade.js";

/** A listening node: its HTTP server, its WebSocket server and the port it got. */
export interface NodeListener {
  readonly server: Server;
  readonly wss: WebSocketServer;
  readonly port: number;
}

/**
 * Refuses to expose a node without a password beyond loopback. An empty password counts as none:
 * `password: ""` usually comes from an unset environment variable, not from a wish to be open.
 */
export function assertSafeBind(host: string, password: string | undefined): void {
  if (password === undefined && !isLoopback(host)) {
    throw new SimulatorError(
      "SIM_INSECURE_BIND",
      `refusing to listen on ${host} without a password (an empty password counts as none); set the password option or bind to 127.0.0.1`,
    );
  }
}

/** Creates the HTTP + WebSocket servers and listens; rejects with SIM_LISTEN_FAILED. */
export async function listenNode(options: {
  host: string;
  port: number;
  http: HttpEnvironment;
  upgrade: UpgradeContext;
}): Promise<NodeListener> {
  const server = createServer((req, res) => handleHttpRequest(options.http, req, res));
  const endpoint = createWebSocketEndpoint(options.upgrade);
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) =>
    endpoint.handleUpgrade(req, socket, head),
  );
  server.on("clientError", (_error, socket) => {
    if (!socket.destroyed) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => {
      reject(
        new SimulatorError(
          "SIM_LISTEN_FAILED",
          `cannot listen on ${options.host}:${options.port}: ${error.message}; pick another port (0 = any free one)`,
          { cause: error },
        ),
      );
    };
    server.once("error", onError);
    server.listen(options.port, options.host, () => {
      server.off("error", onError);
      resolve();
    });
  });
  return { server, wss: endpoint.wss, port: (server.address() as AddressInfo).port };
}

/**
 * Ends every connection and session. Graceful: close frames (1001) first, as a stopping Lavalink;
 * otherwise sockets are destroyed without one, as when the process dies.
 */
export function disconnectAll(
  registry: SessionRegistry,
  graceful: boolean,
  /** Destroys one socket (the transport's, which first writes out the frames already sent). */
  terminate: (ws: PeerSocket) => void = (ws) => ws.terminate(),
): void {
  const failures: unknown[] = [];
  // One socket or session that fails to close must not keep the others open.
  const attempt = (run: () => void): void => {
    try {
      run();
    } catch (error) {
      failures.push(error);
    }
  };
  if (graceful) for (const [ws] of registry.sockets) attempt(() => ws.close(1001, "Simulator stopping"));
  else for (const [ws] of registry.sockets) attempt(() => terminate(ws));
  for (const session of registry.all()) attempt(() => session.shutdown());
  for (const [ws] of registry.sockets) attempt(() => terminate(ws));
  registry.clear();
  if (failures.length > 0) throw failures[0];
}

/** Stops listening and drops every HTTP connection still open (REST exchanges in flight included). */
export async function closeListener(listener: NodeListener): Promise<void> {
  listener.wss.close();
  await new Promise<void>((resolve) => {
    listener.server.close(() => resolve());
    listener.server.closeAllConnections();
  });
}
