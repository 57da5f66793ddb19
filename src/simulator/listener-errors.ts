import type { EventEmitter } from "node:events";

/** The `code` of the process warning that reports a throwing simulator listener. */
export const LISTENER_ERROR_WARNING = "SONORA_SIM_LISTENER_ERROR";

/**
 * Calls every listener of `event` on its own: one that throws is reported as a process warning
 * (`process.on("warning")`, code {@link LISTENER_ERROR_WARNING}) and the others still run. The
 * simulator emits from inside its own teardown and socket handlers, where a throw would abort
 * `stop()` half-way or escape into a socket callback; an `error` event is no answer either, since
 * an emitter without an `error` listener throws it right back.
 */
export function emitIsolated(emitter: EventEmitter, event: string, args: readonly unknown[]): void {
  for (const listener of emitter.rawListeners(event) as ((...a: unknown[]) => unknown)[]) {
    try {
      listener.apply(emitter, args as unknown[]);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      process.emitWarning(`a "${event}" listener of a ProtocolSimulator threw: ${message}`, {
        type: "SonoraSimulatorWarning",
        code: LISTENER_ERROR_WARNING,
        ...(error instanceof Error && error.stack !== undefined ? { detail: error.stack } : {}),
      });
    }
  }
}
