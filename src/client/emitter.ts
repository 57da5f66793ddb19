/** Maps an event name to the tuple of arguments its listeners receive. */
export type EventMap = { [event: string]: unknown[] };

/** A listener of event `K` of map `E`. */
export type Listener<E extends EventMap, K extends keyof E> = (...args: E[K]) => void;

type AnyListener = (...args: unknown[]) => void;

/**
 * A small typed event emitter. Unlike Node's EventEmitter a listener that throws never breaks the
 * emitter: the error is handed to {@link TypedEmitter.onListenerError} (the client re-emits it as
 * `error`). Emitting an event nobody listens to costs one property read, which keeps the
 * `playerUpdate` hot path cheap.
 */
export class TypedEmitter<E extends EventMap> {
  // A plain object keyed by event name is faster to probe than a Map on the hot path.
  private listenersByEvent: { [K in keyof E]?: AnyListener[] } = {};

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
      listener(...args);
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
    if (event === undefined) this.listenersByEvent = {};
    else delete this.listenersByEvent[event];
    for (const e of events) this.listenersChanged(e as keyof E);
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

  /** Resolves with the arguments of the next emission of `event`. */
  waitFor<K extends keyof E>(event: K, filter?: (...args: E[K]) => boolean): Promise<E[K]> {
    return new Promise((resolve) => {
      const listener = (...args: E[K]) => {
        if (filter && !filter(...args)) return;
        this.off(event, listener);
        resolve(args);
      };
      this.on(event, listener);
    });
  }

  /** True when at least one listener was called. */
  emit<K extends keyof E>(event: K, ...args: E[K]): boolean {
    const list = this.listenersByEvent[event];
    if (list === undefined) return false;
    for (const listener of list) {
      try {
        listener(...args);
      } catch (error) {
        this.onListenerError(error, String(event));
      }
    }
    return true;
  }

  /**
   * Called when a listener throws. The default writes to stderr; subclasses route it to an
   * `error` event. Never rethrows: one faulty listener must not stop the others or the socket.
   */
  protected onListenerError(error: unknown, event: string): void {
    console.error(`sonora: a listener of "${event}" threw`, error);
  }
}
