import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * The garbage collector: `global.gc` under --expose-gc, else enabled at runtime through V8's flags
 * (a fresh context then exposes `gc`). Null only where neither works.
 */
function garbageCollector(): (() => void) | null {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    setFlagsFromString("--expose-gc");
    return runInNewContext("gc") as () => void;
  } catch {
    return null;
  }
}

/** A heap measurement started by {@link measureHeap}. */
export interface HeapMeasurement {
  /**
   * Collects garbage again and returns the heap's growth since the start divided by `count`, in
   * bytes; null where no garbage collector is available (then only structural checks apply).
   */
  growthPer(count: number): number | null;
}

/** Collects garbage and notes the heap in use, to measure what a piece of work keeps alive. */
export function measureHeap(): HeapMeasurement {
  const gc = garbageCollector();
  gc?.();
  const before = process.memoryUsage().heapUsed;
  return {
    growthPer(count) {
      if (gc === null) return null;
      gc();
      return (process.memoryUsage().heapUsed - before) / count;
    },
  };
}
