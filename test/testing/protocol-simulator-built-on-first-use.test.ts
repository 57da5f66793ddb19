import { afterEach, describe, expect, it, vi } from "vitest";
import { lazyInstance } from "../../src/base/lazy-instance.js";

afterEach(() => {
  vi.doUnmock("../../src/simulator/index.js");
  vi.resetModules();
});

describe("the default protocolSimulator is built on first use, not at import", () => {
  it("importing sonora/testing constructs no simulator; the first property read does, once", async () => {
    vi.resetModules();
    let built = 0;
    vi.doMock("../../src/simulator/index.js", async (importOriginal) => {
      const original = await importOriginal<typeof import("../../src/simulator/index.js")>();
      class CountingSimulator extends original.ProtocolSimulator {
        constructor(...args: ConstructorParameters<typeof original.ProtocolSimulator>) {
          super(...args);
          built++;
        }
      }
      return { ...original, ProtocolSimulator: CountingSimulator };
    });
    const { protocolSimulator, ProtocolSimulator } = await import("../../src/testing/index.js");
    expect(built).toBe(0);
    expect(protocolSimulator).toBeInstanceOf(ProtocolSimulator);
    expect(built).toBe(0);
    expect(protocolSimulator.host).toBe("127.0.0.1");
    expect(protocolSimulator.running).toBe(false);
    expect(protocolSimulator.start).toBe(protocolSimulator.start); // methods keep their identity
    expect(built).toBe(1);
  });

  it("lazyInstance forwards reads, writes, `in` and methods (bound) to the one instance", () => {
    class Counter {
      count = 0;
      #secret = 1;
      bump(): number {
        this.count += this.#secret;
        return this.count;
      }
    }
    let made = 0;
    const lazy = lazyInstance(Counter.prototype, () => {
      made++;
      return new Counter();
    });
    expect(made).toBe(0);
    const { bump } = lazy;
    expect(bump()).toBe(1);
    lazy.count = 10;
    expect(lazy.bump()).toBe(11);
    expect("count" in lazy).toBe(true);
    expect(Object.keys(lazy)).toEqual(["count"]);
    expect(made).toBe(1);
  });
});
