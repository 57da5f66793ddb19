import { TestingError, WaitTimeoutError } from "./errors.js";
import { DEFAULT_WAIT_TIMEOUT_MS } from "./wait-for-event.js";

/** Options of {@link waitUntil}. */
export interface WaitUntilOptions {
  /** What is awaited, for the timeout message (default `"the condition to hold"`). */
  description?: string;
  /** Limit in real ms (default {@link DEFAULT_WAIT_TIMEOUT_MS}). */
  timeoutMs?: number;
}

/** One event-loop turn: pending socket I/O and due timers run before the next check. */
const loopTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Resolves once `check()` returns true, checking again after every event-loop turn — so socket
 * I/O keeps flowing, but a virtual clock does not move. For state no event announces (a node's
 * `state`, a count on the simulator). Rejects with a {@link WaitTimeoutError} after `timeoutMs` of
 * real time. To move a virtual clock while waiting, use `env.advanceUntil(check)`.
 *
 * ```ts
 * await simulator.stop();
 * await waitUntil(() => node.state === "reconnecting", "the client notices the node is gone");
 * ```
 */
export async function waitUntil(
  check: () => boolean,
  options: WaitUntilOptions | string = {},
): Promise<void> {
  const { description = "the condition to hold", timeoutMs = DEFAULT_WAIT_TIMEOUT_MS } =
    typeof options === "string" ? { description: options } : options;
  if (typeof timeoutMs !== "number" || !Number.isFinite(timeoutMs) || timeoutMs < 0) {
    throw new TestingError(
      "TEST_INVALID_OPTION",
      `timeoutMs must be a finite number ≥ 0, got ${String(timeoutMs)}`,
    );
  }
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() >= deadline) throw new WaitTimeoutError(description, timeoutMs, [], "real");
    await loopTurn();
  }
}
