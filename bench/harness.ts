/**
 * A small, dependency-free benchmark runner shared by every area's bench cases.
 *
 * Each case measures one function against a `floor` (the cheapest possible way to do part of the same
 * work, so the ratio shows how close to the floor we are) and/or `peers` (other ways of doing the same
 * work). All functions of a case are measured in the same run, in interleaved batches, so machine noise
 * (the CI box has 2 shared cores) hits them alike and the ratios stay meaningful even when absolute
 * numbers wobble. Times are medians over batches, measured with `process.hrtime.bigint()`.
 */

/** A named function doing one unit of the measured work per call. */
export interface BenchFn {
  name: string;
  /** Returns something derived from its work, so the engine cannot skip the work. */
  fn: () => unknown;
}

/** One benchmark: the subject plus what to compare it with. */
export interface BenchCase {
  /** Unique name, `area/what` (e.g. `codec/decode`); argv filters match against it. */
  name: string;
  /** One line saying what is measured and why the floor is an honest one. */
  description: string;
  /** The function under test. */
  subject: BenchFn;
  /** The lower bound to compare with: the unavoidable part of the same work. */
  floor?: BenchFn;
  /** Alternative implementations of the same work. */
  peers?: BenchFn[];
  /** How many items one call processes (e.g. 1000 tracks); rates are reported per item. */
  itemsPerCall: number;
  /** What an item is, for the report (`tracks`, `messages`, …). */
  unit: string;
}

/** Timing settings; the defaults keep a case with three functions to about 3-4 seconds. */
export interface BenchOptions {
  /** Time each function runs before measuring, so the JIT has settled. */
  warmupMs: number;
  /** Number of measured batches per function. */
  batches: number;
  /** Target duration of one batch. */
  batchMs: number;
}

export const DEFAULT_OPTIONS: BenchOptions = { warmupMs: 250, batches: 12, batchMs: 80 };

/** The measurement of one function. */
export interface FnResult {
  name: string;
  role: "subject" | "floor" | "peer";
  /** Median nanoseconds per item. */
  nsPerItem: number;
  /** Items per second at the median. */
  itemsPerSecond: number;
  /** Median absolute deviation of the batch times, as a fraction of the median. */
  spread: number;
}

/** The measurement of one case. */
export interface CaseResult {
  name: string;
  description: string;
  unit: string;
  results: FnResult[];
}

/** Keeps the results of measured calls observable, so no call is dead code. */
let sink: unknown;

/** Runs `fn` repeatedly for about `ms` milliseconds; returns calls per millisecond. */
function calibrate(fn: () => unknown, ms: number): number {
  let calls = 0;
  const start = process.hrtime.bigint();
  const limit = BigInt(Math.round(ms * 1e6));
  let elapsed = 0n;
  while (elapsed < limit) {
    sink = fn();
    calls++;
    elapsed = process.hrtime.bigint() - start;
  }
  return calls / (Number(elapsed) / 1e6);
}

function timeBatch(fn: () => unknown, calls: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) sink = fn();
  return Number(process.hrtime.bigint() - start) / calls;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Measures every function of `benchCase`, interleaving their batches. */
export function runCase(benchCase: BenchCase, options: BenchOptions = DEFAULT_OPTIONS): CaseResult {
  const fns: Array<BenchFn & { role: FnResult["role"] }> = [
    { ...benchCase.subject, role: "subject" },
    ...(benchCase.floor ? [{ ...benchCase.floor, role: "floor" as const }] : []),
    ...(benchCase.peers ?? []).map((peer) => ({ ...peer, role: "peer" as const })),
  ];
  const callsPerBatch = fns.map((f) =>
    Math.max(1, Math.round(calibrate(f.fn, options.warmupMs) * options.batchMs)),
  );
  const samples: number[][] = fns.map(() => []);
  for (let batch = 0; batch < options.batches; batch++) {
    // Rotate the order so no function always runs right after the same neighbour (GC debt, caches).
    for (let k = 0; k < fns.length; k++) {
      const index = (batch + k) % fns.length;
      samples[index]!.push(timeBatch(fns[index]!.fn, callsPerBatch[index]!));
    }
  }
  const results = fns.map((f, index): FnResult => {
    const perCall = median(samples[index]!);
    const deviation = median(samples[index]!.map((s) => Math.abs(s - perCall)));
    const nsPerItem = perCall / benchCase.itemsPerCall;
    return {
      name: f.name,
      role: f.role,
      nsPerItem,
      itemsPerSecond: 1e9 / nsPerItem,
      spread: deviation / perCall,
    };
  });
  return { name: benchCase.name, description: benchCase.description, unit: benchCase.unit, results };
}

function formatRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k`;
  return perSecond.toFixed(0);
}

/** Renders a case's results as a text table; ratios are time relative to the subject's time. */
export function formatCase(result: CaseResult): string {
  const subject = result.results.find((r) => r.role === "subject")!;
  const rows = result.results.map((r) => [
    r.role === "subject" ? r.name : `${r.name} (${r.role})`,
    `${formatRate(r.itemsPerSecond)} ${result.unit}/s`,
    `${(r.nsPerItem / 1000).toFixed(3)} µs`,
    `±${(r.spread * 100).toFixed(1)}%`,
    r.role === "subject" ? "1.00×" : `${(subject.nsPerItem / r.nsPerItem).toFixed(2)}×`,
  ]);
  const header = [
    "function",
    "throughput",
    `per ${result.unit.replace(/s$/, "")}`,
    "spread",
    "subject time ÷ this",
  ];
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((row) => row[col]!.length)));
  const line = (cells: string[]) => cells.map((cell, col) => cell.padEnd(widths[col]!)).join("  ");
  return [
    `${result.name}: ${result.description}`,
    `  ${line(header)}`,
    `  ${widths.map((w) => "-".repeat(w)).join("  ")}`,
    ...rows.map((row) => `  ${line(row)}`),
  ].join("\n");
}

/** Whether `name` is selected by the argv filters (no filters selects everything). */
export function matchesFilters(name: string, filters: readonly string[]): boolean {
  return filters.length === 0 || filters.some((filter) => name.includes(filter));
}

/** Prevents the sink from being optimised away across the whole run. */
export function consumeSink(): string {
  return typeof sink;
}
