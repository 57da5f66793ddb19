import type { Node } from "../client/index.js";
import { nodeControl } from "../client/node/node.js";

/**
 * Hands `node` one WebSocket text frame as if it had just arrived on its socket: parsed, validated
 * and dispatched exactly as a frame from Lavalink would be, synchronously. For what a simulator
 * does not send: a malformed frame, or an event the test wants at one precise moment. An object
 * is sent as its JSON text.
 */
export function deliverFrame(node: Node, frame: string | object): void {
  nodeControl(node).receive(typeof frame === "string" ? frame : JSON.stringify(frame));
}
