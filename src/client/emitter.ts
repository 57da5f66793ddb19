import { ClientStateError } from "./errors/client-state-error.js";
import { EventTimeoutError } from "./errors/event-timeout-error.js";
import { InvalidOptionError } from "./errors/invalid-option-error.js";

/** Maps an event name to the tuple of arguments its listeners receive. */
export type EventMap = { [event: string]: unknown[] };

/**
 * A listener of event `K` of map `E`. It may be `async` (a function returning a promise is a
 * `void` function to TypeScript): a rejection of the promise it returns is handled like a throw
 * (see {@link TypedEmitter.onListenerError}), never left unhandled.
 */
export type Listener<E extends EventMap, K extends keyof E> = (...args: E[K]) => void;

type AnyListener = (...args: unknown[]) => unknown;

/**
 * Default limit of {@link TypedEmitter.waitFor}, in milliseconds of real time: 30 s, longer than a
 * node's default connect timeout (10 s) plus a REST timeout (10 s), so a wait for anything a healthy
 * node does in response to a call ends by itself only when something is really wrong.
 */
export const DEFAULT_WAIT_TIMEOUT = 30_000;

/** Options of {@link TypedEmitter.waitFor}. */
export interface WaitForOptions<A extends unknown[]> {
  /** Only an emission whose arguments pass this resolves the wait. */
  filter?: (...args: A) => boolean;
  /**
   * Milliseconds of real time (`setTimeout`, not the client's clock) before the wait rejects with
   * {@link EventTimeoutError}; default {@link DEFAULT_WAIT_TIMEOUT}; `Infinity` waits forever.
   * Real time on purpose: a test that advances a VirtualClock by hours must not time its own
   * waits out.
   */
  timeout?: number;
  /** Aborting it stops the wait: the promise rejects with the signal's `reason`. */
  signal?: AbortSignal;
}

/** Largest delay `setTimeout` honours; a longer timeout waits forever, as Infinity does. */
const MAX_TIMER_DELAY = 2_147_483_647;

/**
 * A small typed event emitter. Unlike Node's EventEmitter a listener that throws never breaks the
 * emitter: the error is handed to {@link TypedEmitter.onListenerError} (the client re-emits it as
 * `error`). Emitting an event nobody listens to costs one property read, which keeps the
 * `playerUpdate` hot path cheap.
 */
export class TypedEmitter<E extends EventMap> {
  // A plain object keyed by event name is faster to probe than a Map on the hot path.
  private listenersByEvent: { [K in keyof E]?: AnyListener[] } = {};
  /** Listeners of pending {@link waitFor}s, with what ends the wait when they are removed. */
  private readonly waits = new Map<AnyListener, () => void>();

  /** Adds a listener. */
  on<K extends keyof E>(event: K, listener: Listener<E, K>): this {
    const list = this.listenersByEvent[event];
    // Copy on write: emit can iterate a snapshot without copying.
    this.listenersByEvent[event] = list ? [...list, listener as AnyListener] : [listener as AnyListener];
    this.listenersChanged(event);
    return this;
  }

  /** Adds a listener removed after its first call. */
  once<K extends keyof E>(event: K, listener: Listener<E, K>): this {
    const wrapper = ((...args: E[K]) => {
      this.off(event, wrapper);
      return listener(...args);
    }) as Listener<E, K> & { inner?: unknown };
    wrapper.inner = listener;
    return this.on(event, wrapper);
  }

  /** Removes a listener added with {@link on} or {@link once}. */
  off<K extends keyof E>(event: K, listener: Listener<E, K>): this {
    const list = this.listenersByEvent[event];
    if (!list) return this;
    const next = list.filter((l) => l !== listener && (l as { inner?: unknown }).inner !== listener);
    if (next.length === 0) delete this.listenersByEvent[event];
    else this.listenersByEvent[event] = next;
    this.listenersChanged(event);
    return this;
  }

  /** Removes every listener of one event, or of all events. */
  removeAllListeners(event?: keyof E): this {
    const events = event === undefined ? Object.keys(this.listenersByEvent) : [event];
    const removed = events.flatMap((e) => this.listenersByEvent[e as keyof E] ?? []);
    if (event === undefined) this.listenersByEvent = {};
    else delete this.listenersByEvent[event];
    for (const e of events) this.listenersChanged(e as keyof E);
    // A wait whose listener is gone can never resolve: end it (and its timer) now.
    for (const listener of removed) this.waits.get(listener)?.();
    return this;
  }

  /**
   * Called after the listeners of `event` changed. Subclasses cache "does anyone listen?" flags
   * here for their hot paths, so a frame nobody listens to costs one boolean read.
   */
  protected listenersChanged(_event: keyof E): void {}

  /** Number of listeners of an event. */
  listenerCount(event: keyof E): number {
    return this.listenersByEvent[event]?.length ?? 0;
  }

  /**
   * Resolves with the arguments of the next emission of `event` (that passes the filter, when one is
   * given). Rejects with {@link EventTimeoutError} after the timeout (default
   * {@link DEFAULT_WAIT_TIMEOUT} ms of real time), with the signal's reason when `signal` aborts, and
   * with {@link ClientStateError} when the wait's listener is removed by `removeAllListeners` (which
   * `client.close()` calls).
   */
  waitFor<K extends keyof E>(
    event: K,
    filterOrOptions?: ((...args: E[K]) => boolean) | WaitForOptions<E[K]>,
  ): Promise<E[K]> {
    const options: WaitForOptions<E[K]> =
      typeof filterOrOptions === "function" ? { filter: filterOrOptions } : (filterOrOptions ?? {});
    const { filter, signal } = options;
    const timeout = options.timeout ?? DEFAULT_WAIT_TIMEOUT;
    if (typeof timeout !== "number" || Number.isNaN(timeout) || timeout <= 0) {
      return Promise.reject(new InvalidOptionError("timeout", timeout, "a number of milliseconds > 0"));
    }
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stop = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        this.waits.delete(listener);
        this.off(event, listener);
      };
      const onAbort = () => {
        stop();
        reject(signal?.reason);
      };
      const listener = ((...args: E[K]) => {
        if (filter && !filter(...args)) return;
        stop();
        resolve(args);
      }) as AnyListener;
      this.waits.set(listener, () => {
        stop();
        reject(new ClientStateError(`stopped waiting for "${String(event)}": its listeners were removed`));
      });
      signal?.addEventListener("abort", onAbort, { once: true });
      if (timeout <= MAX_TIMER_DELAY) {
        timer = setTimeout(() => {
          stop();
          reject(new EventTimeoutError(String(event), timeout));
        }, timeout);
      }
      this.on(event, listener as Listener<E, K>);
    });
  }

  /** True when at least one listener was called. */
  emit<K extends keyof E>(event: K, ...args: E[K]): boolean {
    const list = this.listenersByEvent[event];
    if (list === undefined) return false;
    for (const listener of list) {
      try {
        const result = listener(...args);
        // An async listener's rejection is a throw that happened later: routed the same way, so
        // it never becomes an unhandled rejection (fatal under --unhandled-rejections=strict).
        if (result !== undefined) this.catchRejection(result, event);
      } catch (error) {
        this.onListenerError(error, String(event));
      }
    }
    return true;
  }

  private catchRejection(result: unknown, event: keyof E): void {
    if (typeof (result as PromiseLike<unknown> | null)?.then !== "function") return;
    Promise.resolve(result as PromiseLike<unknown>).then(undefined, (error: unknown) =>
      this.onListenerError(error, String(event)),
    );
  }

  /**
   * Called when a listener throws or the promise it returned rejects. The default writes to
   * stderr; subclasses route it to an `error` event. Never rethrows: one faulty listener must not
   * stop the others or the socket.
   */
  protected onListenerError(error: unknown, event: string): void {
    console.error(`sonora: a listener of "${event}" threw`, error);
  }
}
