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
  /** The target this case is held to, shown in the summary table (see {@link BenchGoal}). */
  goal?: BenchGoal;
  /**
   * Every function returns a promise, and each call is awaited before the next (as a bot awaits
   * its queue calls): un-awaited async work would pile up and the timing would show only its start.
   */
  async?: boolean;
}

/**
 * A case's target: the subject's time at most `maxRatio` × the time of `versus` (the name of the
 * floor or a peer; the floor when omitted), or at most `maxNsPerItem` nanoseconds per item when the
 * issue states an absolute budget (`createTestEnvironment()` + dispose ≤ 2.5 ms).
 */
export type BenchGoal = { maxRatio: number; versus?: string } | { maxNsPerItem: number };

/** A measured figure next to the target it is held to. */
export interface ReportRow {
  /** What was measured (`1,000 players: CPU`). */
  label: string;
  /** The figure, formatted with its unit (`1.4 % of one core`). */
  measured: string;
  /** The target, formatted the same way (`< 5 % of one core`). */
  target: string;
  /** Whether the figure meets the target (`null` when there is nothing to compare). */
  met: boolean | null;
}

/**
 * A case that is not a throughput comparison: it measures something over real time (CPU share,
 * heap per item, …) and prints each figure next to its target. Its `run` may take seconds and may
 * start child processes (e.g. one with `--expose-gc`); it only runs when the case is selected.
 */
export interface BenchReport {
  kind: "report";
  /** Unique name, `area/what`; argv filters match against it. */
  name: string;
  /** One line saying what is measured and how. */
  description: string;
  /** Measures; `quick` asks for a shorter (noisier) measurement. */
  run(options: { quick: boolean }): Promise<ReportRow[]>;
}

/** Anything a case module provides: a timing comparison or a report. */
export type BenchEntry = BenchCase | BenchReport;

/** Whether an entry is a report (timing cases have no `kind`). */
export function isReport(entry: BenchEntry): entry is BenchReport {
  return "kind" in entry && entry.kind === "report";
}

/**
 * What a module in `bench/cases/` exports.
 *
 * - `cases` as an array: the old, eager form; whatever the module did at import time ran anyway.
 * - `cases` as a function plus `names`: the lazy form. The runner imports the module (which must do
 *   no heavy work at top level), matches the filters against `names`, and calls `cases()` only when
 *   one of them is selected, so `npm run bench -- codec` never builds the simulator's players.
 *   Without `names` the function is called whenever the module is scanned.
 *
 * Modules exporting neither (corpora, fixtures) are skipped.
 */
export interface BenchModule {
  /** With a `cases` function: the names of the entries it returns, known without setting them up. */
  names?: readonly string[];
  cases?: readonly BenchEntry[] | (() => Promise<readonly BenchEntry[]> | readonly BenchEntry[]);
}

/** A module's selected entries, set up only when `build` is called (see {@link planModules}). */
export interface PlannedModule {
  /** How many of its entries are selected. */
  count: number;
  /** Runs the module's setup and returns its selected entries. */
  build(): Promise<BenchEntry[]>;
}

/**
 * The selected entries of `modules`, module by module, each set up only when its turn comes. The
 * runner builds a module, runs its entries and drops them before building the next, so one
 * module's data (the queue cases hold 100,000-track queues of two libraries) never sits in the heap
 * while another module is measured: a big old generation slows every allocating case (the codec
 * measured 3.2× its floor with the queues alive, 2.4× without). Counting needs `names` for lazy
 * modules; a lazy module without them is set up when counted.
 */
export async function planModules(
  modules: readonly BenchModule[],
  filters: readonly string[],
): Promise<PlannedModule[]> {
  const planned: PlannedModule[] = [];
  for (const module of modules) {
    if (typeof module.cases === "function" && module.names !== undefined) {
      const count = module.names.filter((name) => matchesFilters(name, filters)).length;
      if (count > 0) planned.push({ count, build: () => selectEntries([module], filters) });
    } else {
      const entries = await selectEntries([module], filters);
      if (entries.length > 0) planned.push({ count: entries.length, build: async () => entries });
    }
  }
  return planned;
}

/**
 * The entries of `modules` selected by `filters`, calling a module's lazy `cases()` only when one
 * of its declared `names` is selected (or when it declares none).
 */
export async function selectEntries(
  modules: readonly BenchModule[],
  filters: readonly string[],
): Promise<BenchEntry[]> {
  const selected: BenchEntry[] = [];
  for (const module of modules) {
    let entries: readonly BenchEntry[];
    if (typeof module.cases === "function") {
      if (module.names !== undefined && !module.names.some((name) => matchesFilters(name, filters))) continue;
      entries = await module.cases();
      const undeclared = entries.filter((e) => module.names !== undefined && !module.names.includes(e.name));
      if (undeclared.length > 0) {
        // An undeclared name could never be selected on its own: keep `names` honest.
        throw new Error(
          `bench module declares names ${JSON.stringify(module.names)} but cases() also returned ${JSON.stringify(undeclared.map((e) => e.name))}; add them to names`,
        );
      }
    } else if (Array.isArray(module.cases)) {
      entries = module.cases;
    } else {
      continue;
    }
    for (const entry of entries) if (matchesFilters(entry.name, filters)) selected.push(entry);
  }
  return selected;
}

/** Renders a report's rows as a table: figure, target and whether it is met. */
export function formatReport(report: BenchReport, rows: readonly ReportRow[]): string {
  const header = ["measured", "value", "target", "met"];
  const cells = rows.map((r) => [r.label, r.measured, r.target, r.met === null ? "-" : r.met ? "yes" : "NO"]);
  const widths = header.map((h, col) => Math.max(h.length, ...cells.map((row) => row[col]!.length)));
  const line = (row: string[]) => row.map((cell, col) => cell.padEnd(widths[col]!)).join("  ");
  return [
    `${report.name}: ${report.description}`,
    `  ${line(header)}`,
    `  ${widths.map((w) => "-".repeat(w)).join("  ")}`,
    ...cells.map((row) => `  ${line(row)}`),
  ].join("\n");
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
  goal?: BenchGoal;
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
  return resultOf(benchCase, fns, samples);
}

function formatRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k`;
  return perSecond.toFixed(0);
}

async function calibrateAsync(fn: () => unknown, ms: number): Promise<number> {
  let calls = 0;
  const start = process.hrtime.bigint();
  const limit = BigInt(Math.round(ms * 1e6));
  let elapsed = 0n;
  while (elapsed < limit) {
    sink = await fn();
    calls++;
    elapsed = process.hrtime.bigint() - start;
  }
  return calls / (Number(elapsed) / 1e6);
}

async function timeBatchAsync(fn: () => unknown, calls: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) sink = await fn();
  return Number(process.hrtime.bigint() - start) / calls;
}

/** {@link runCase} for a case whose functions are awaited call by call (`async: true`). */
export async function runCaseAsync(
  benchCase: BenchCase,
  options: BenchOptions = DEFAULT_OPTIONS,
): Promise<CaseResult> {
  const fns: Array<BenchFn & { role: FnResult["role"] }> = [
    { ...benchCase.subject, role: "subject" },
    ...(benchCase.floor ? [{ ...benchCase.floor, role: "floor" as const }] : []),
    ...(benchCase.peers ?? []).map((peer) => ({ ...peer, role: "peer" as const })),
  ];
  const callsPerBatch: number[] = [];
  for (const f of fns) {
    callsPerBatch.push(
      Math.max(1, Math.round((await calibrateAsync(f.fn, options.warmupMs)) * options.batchMs)),
    );
  }
  const samples: number[][] = fns.map(() => []);
  for (let batch = 0; batch < options.batches; batch++) {
    for (let k = 0; k < fns.length; k++) {
      const index = (batch + k) % fns.length;
      samples[index]!.push(await timeBatchAsync(fns[index]!.fn, callsPerBatch[index]!));
    }
  }
  return resultOf(benchCase, fns, samples);
}

function resultOf(
  benchCase: BenchCase,
  fns: ReadonlyArray<BenchFn & { role: FnResult["role"] }>,
  samples: number[][],
): CaseResult {
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
  return {
    name: benchCase.name,
    description: benchCase.description,
    unit: benchCase.unit,
    results,
    ...(benchCase.goal === undefined ? {} : { goal: benchCase.goal }),
  };
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

/** One line of the final summary table. */
export interface SummaryRow {
  case: string;
  ours: string;
  floor: string;
  peers: string;
  ratio: string;
  goal: string;
  met: boolean | null;
}

function formatNs(ns: number): string {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${ns.toFixed(0)} ns`;
}

/** The summary line of a timing case: per-item times, the ratio against its goal's reference. */
export function summarizeCase(result: CaseResult): SummaryRow {
  const subject = result.results.find((r) => r.role === "subject")!;
  const floor = result.results.find((r) => r.role === "floor");
  const peers = result.results.filter((r) => r.role === "peer");
  const goal = result.goal;
  const ratioGoal = goal !== undefined && "maxRatio" in goal ? goal : undefined;
  const versus =
    ratioGoal?.versus === undefined ? floor : result.results.find((r) => r.name === ratioGoal.versus);
  const reference = versus ?? floor;
  const ratio = reference === undefined ? null : subject.nsPerItem / reference.nsPerItem;
  const unit = result.unit.replace(/s$/, "");
  let goalText = "-";
  let met: boolean | null = null;
  if (goal !== undefined && "maxNsPerItem" in goal) {
    goalText = `≤ ${formatNs(goal.maxNsPerItem)}`;
    met = subject.nsPerItem <= goal.maxNsPerItem;
  } else if (ratioGoal !== undefined) {
    goalText = `≤ ${ratioGoal.maxRatio}×`;
    met = ratio === null ? null : ratio <= ratioGoal.maxRatio;
  }
  return {
    case: result.name,
    ours: `${formatNs(subject.nsPerItem)}/${unit}`,
    floor: floor === undefined ? "-" : formatNs(floor.nsPerItem),
    peers: peers.length === 0 ? "-" : peers.map((p) => `${p.name} ${formatNs(p.nsPerItem)}`).join("; "),
    ratio: ratio === null ? "-" : `${ratio.toFixed(2)}× ${reference === floor ? "floor" : reference!.name}`,
    goal: goalText,
    met,
  };
}

/** The summary lines of a report: one per figure. */
export function summarizeReport(report: BenchReport, rows: readonly ReportRow[]): SummaryRow[] {
  return rows.map((row) => ({
    case: `${report.name}: ${row.label}`,
    ours: row.measured,
    floor: "-",
    peers: "-",
    ratio: "-",
    goal: row.target,
    met: row.met,
  }));
}

/** Renders the final plain table: case, ours, floor, peers, ratio, goal, met. */
export function formatSummary(rows: readonly SummaryRow[]): string {
  const header = ["case", "ours", "floor", "peers", "ratio", "goal", "met"];
  const cells = rows.map((r) => [
    r.case,
    r.ours,
    r.floor,
    r.peers,
    r.ratio,
    r.goal,
    r.met === null ? "-" : r.met ? "yes" : "NO",
  ]);
  const widths = header.map((h, col) => Math.max(h.length, ...cells.map((row) => row[col]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, col) => cell.padEnd(widths[col]!))
      .join("  ")
      .trimEnd();
  return ["Summary", line(header), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join(
    "\n",
  );
}
