import type { SonoraClient } from "../client/index.js";
import type { MockGateway } from "./mock-gateway.js";
import type { WireMonitor } from "./wire-monitor.js";

/**
 * One turn of the event loop through its poll phase, without waiting for a timer: `setImmediate`
 * runs in the check phase, so between two of them the loop has polled for socket data once.
 */
export const pollTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Consecutive idle poll turns after which a freshly started environment counts as quiet. */
const QUIET_POLLS = 3;
/** Poll turns tried before falling back to the monitors' timed settle. */
const MAX_POLLS = 12;

/**
 * Settles the wire right after `client.start()` resolved, cheaply when it can prove nothing is left.
 *
 * The monitors' `settle()` waits for several 1 ms timer turns of quiet, because after a clock step
 * work it cannot count (a handler between two awaits, a store write) may still produce traffic.
 * Just after start the client's work is known: `start()` resolved once `ready` was handled and the
 * session's resume PATCH was answered. When the client then hosts no player (nothing restored,
 * rebuilt or reconciled in the background), has no REST request in flight, the gateway holds no
 * dispatch and every frame the simulator wrote was received, a few poll turns of that state are
 * as good as the timed wait, at a fraction of its cost. Anything else takes the timed path.
 */
export async function settleAfterStart(
  client: SonoraClient,
  gateway: MockGateway,
  monitors: readonly WireMonitor[],
  fullSettle: () => Promise<void>,
): Promise<void> {
  let quiet = 0;
  for (let turn = 0; turn < MAX_POLLS; turn++) {
    await pollTurn();
    if (!idle(client, gateway, monitors)) {
      quiet = 0;
      continue;
    }
    if (++quiet >= QUIET_POLLS) return;
  }
  await fullSettle();
}

function idle(client: SonoraClient, gateway: MockGateway, monitors: readonly WireMonitor[]): boolean {
  if (client.players.size > 0 || gateway.pending > 0) return false;
  for (const node of client.nodes) if (node.rest.inFlightCount > 0 || node.players.size > 0) return false;
  return monitors.every((monitor) => monitor.balanced);
}
