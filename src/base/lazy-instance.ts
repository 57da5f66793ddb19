/**
 * An object that stands for `create()`'s result but calls `create` only on first use (a property
 * read or write, `in`, key listing), so a module can export a shared default instance without
 * building it at import. `instanceof` answers from `prototype` without creating anything. Methods
 * are bound to the real instance (so private state and `this` work) and keep their identity
 * across reads.
 * @internal
 */
export function lazyInstance<T extends object>(prototype: object, create: () => T): T {
  let instance: T | undefined;
  const real = (): T => {
    instance ??= create();
    return instance;
  };
  const bound = new WeakMap<(...args: unknown[]) => unknown, (...args: unknown[]) => unknown>();
  const handler: ProxyHandler<T> = {
    get(_stub, key) {
      const target = real();
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== "function") return value;
      const method = value as (...args: unknown[]) => unknown;
      let wrapper = bound.get(method);
      if (wrapper === undefined) {
        wrapper = method.bind(target);
        bound.set(method, wrapper);
      }
      return wrapper;
    },
    set: (_stub, key, value) => Reflect.set(real(), key, value),
    has: (_stub, key) => Reflect.has(real(), key),
    deleteProperty: (_stub, key) => Reflect.deleteProperty(real(), key),
    defineProperty: (_stub, key, descriptor) => Reflect.defineProperty(real(), key, descriptor),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor(_stub, key) {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
      // A proxy may not report a non-configurable property its (empty) stub lacks.
      return descriptor === undefined ? undefined : { ...descriptor, configurable: true };
    },
  };
  return new Proxy(Object.create(prototype) as T, handler);
}
