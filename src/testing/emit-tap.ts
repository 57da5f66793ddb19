/** Something with an `emit(event, ...args)` method: Sonora's TypedEmitter or Node's EventEmitter. */
export interface Emitting {
  /** Emits `event`; the tap wraps this method to observe every emission. */
  emit(event: never, ...args: never[]): boolean;
}

/** Called for every emission of a tapped emitter, before its listeners run. */
export type EmitObserver = (event: string, args: unknown[]) => void;

interface Tap {
  observers: Set<EmitObserver>;
  /** The instance's own `emit` before tapping (usually none: the method lives on the prototype). */
  own: PropertyDescriptor | undefined;
}

const taps = new WeakMap<object, Tap>();

/**
 * Observes every emission of `emitter` — including events nobody listens to — without adding a
 * listener, so `listenerCount` and emitters that behave differently with listeners (the client
 * only builds `raw` events when someone listens) are unaffected. Returns the function that stops
 * observing; the original `emit` is restored when the last observer leaves.
 */
export function tapEmits(emitter: Emitting, observer: EmitObserver): () => void {
  const target = emitter as unknown as { emit: (event: string, ...args: unknown[]) => boolean };
  let tap = taps.get(emitter);
  if (tap === undefined) {
    const own = Object.getOwnPropertyDescriptor(emitter, "emit");
    const original = target.emit;
    const created: Tap = { observers: new Set(), own };
    taps.set(emitter, created);
    target.emit = function tappedEmit(this: unknown, event: string, ...args: unknown[]): boolean {
      for (const o of [...created.observers]) o(event, args);
      return original.call(this, event, ...args);
    };
    tap = created;
  }
  const active = tap;
  active.observers.add(observer);
  return () => {
    if (!active.observers.delete(observer) || active.observers.size > 0) return;
    taps.delete(emitter);
    if (active.own === undefined) delete (target as { emit?: unknown }).emit;
    else Object.defineProperty(emitter, "emit", active.own);
  };
}
