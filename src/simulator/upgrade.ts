import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { SESSION_RESUMED_HEADER } from "../protocol/index.js";
import type { HandshakeRefusal } from "./handshake.js";
import { checkHandshake, refuseUpgrade } from "./handshake.js";
import { API_VERSION_HEADER } from "./http.js";
import type { SessionRegistry } from "./registry.js";
import { Session, type SessionEnvironment, type SessionSnapshot } from "./session.js";
import type { Transport } from "./transport/transport.js";

/** What the upgrade path needs from the simulator that owns it. */
export interface UpgradeContext {
  readonly password: string | undefined;
  readonly maxPayload: number;
  readonly transport: Transport;
  readonly registry: SessionRegistry;
  readonly sessionEnvironment: SessionEnvironment;
  /** False once the node stopped: a handshake finishing after that is cut at once. */
  isRunning(): boolean;
  onConnect(session: SessionSnapshot): void;
  onResume(session: SessionSnapshot): void;
  onDisconnect(session: SessionSnapshot, code: number, resumable: boolean): void;
  onRefused(refusal: HandshakeRefusal): void;
}

/** A WebSocket server for `/v4/websocket` and the function that feeds it HTTP upgrades. */
export interface WebSocketEndpoint {
  readonly wss: WebSocketServer;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

/**
 * Builds the WebSocket side of a node: checks each upgrade as HandshakeInterceptorImpl does,
 * answers 101 with `Session-Resumed` and `Lavalink-Api-Version`, then opens a new session or
 * resumes a waiting one, and tracks the socket until it closes.
 */
export function createWebSocketEndpoint(ctx: UpgradeContext): WebSocketEndpoint {
  const { registry, transport } = ctx;
  const resumeDecisions = new WeakMap<IncomingMessage, boolean>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: ctx.maxPayload });
  wss.on("headers", (headers, req) => {
    headers.push(`${SESSION_RESUMED_HEADER}: ${resumeDecisions.get(req) === true}`);
    headers.push(`Lavalink-Api-Version: ${API_VERSION_HEADER["Lavalink-Api-Version"]}`);
  });

  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on("error", () => undefined);
    const decision = checkHandshake(req, ctx.password);
    if (!decision.ok) {
      transport.recordIncoming({ op: "handshake", status: decision.status, note: decision.reason });
      refuseUpgrade(socket, decision.status, decision.reason);
      ctx.onRefused({ status: decision.status, reason: decision.reason, detail: decision.detail });
      return;
    }
    const canResume = decision.sessionId !== null && registry.resumable.has(decision.sessionId);
    resumeDecisions.set(req, canResume);
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (!ctx.isRunning()) {
        ws.terminate();
        return;
      }
      let session =
        canResume && decision.sessionId !== null ? registry.resumable.get(decision.sessionId) : undefined;
      ws.on("error", () => undefined);
      // `socket` is the stream `ws` writes to: the transport corks it to coalesce a tick's frames.
      transport.attachStream(ws, socket);
      if (session !== undefined) {
        registry.resumable.delete(session.id);
        registry.live.set(session.id, session);
        registry.sockets.set(ws, session);
        transport.recordIncoming({ sessionId: session.id, op: "handshake", note: "resumed" });
        session.resume(ws);
        ctx.onResume(session.snapshot());
      } else {
        session = new Session(
          registry.newSessionId(),
          decision.userId,
          decision.clientName,
          ws,
          ctx.sessionEnvironment,
        );
        registry.live.set(session.id, session);
        registry.sockets.set(ws, session);
        transport.recordIncoming({ sessionId: session.id, op: "handshake", note: "new session" });
        session.open();
        ctx.onConnect(session.snapshot());
      }
      const owner = session;
      ws.on("message", (data) => {
        // Lavalink v4 ignores client frames (it only logs a warning); record them for tests.
        transport.receiveFrame(owner, ws, String(data));
      });
      ws.on("close", (code) => {
        registry.sockets.delete(ws);
        if (owner.ws !== ws) return;
        transport.recordIncoming({ sessionId: owner.id, op: "close", note: String(code) });
        registry.live.delete(owner.id);
        if (!ctx.isRunning()) return;
        const willResume = owner.resuming && !owner.isEnded;
        ctx.onDisconnect(
          { ...owner.snapshot(), connected: false, awaitingResume: willResume },
          code,
          willResume,
        );
        if (owner.detach()) registry.resumable.set(owner.id, owner);
      });
    });
  };

  return { wss, handleUpgrade };
}
