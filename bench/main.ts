/**
 * Runs the registered benchmark entries of every module in `bench/cases/` (see `BenchModule` in
 * the harness: modules export `names` plus a lazy `cases()` factory, or an eager `cases` array).
 * Only the modules whose cases are selected do their setup.
 *
 *   npm run bench                 # everything
 *   npm run bench -- codec        # entries whose name contains "codec"
 *   npm run bench -- --quick      # shorter batches and reports, for a smoke run
 *
 * The script re-starts itself under `node --expose-gc` when gc is not exposed, so memory figures
 * (bytes per track, heap per player) are measured after a full collection and do not swing.
 *
 * Sonora's modules are loaded from the build in `dist/` (`npm run bench` builds first), in this
 * process and in every child process the cases start, so the bench measures the JavaScript users
 * run, as the peers' built JS is. `--source=src` runs the TypeScript through tsx instead (no build
 * needed; tsx's keepNames wrapping makes closure-heavy code look slower than it is).
 */
import { readdir } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { assertBuiltPackage } from "./built-package.js";
import {
  type BenchModule,
  consumeSink,
  DEFAULT_OPTIONS,
  formatCase,
  formatReport,
  formatSummary,
  isReport,
  planModules,
  runCase,
  runCaseAsync,
  type SummaryRow,
  summarizeCase,
  summarizeReport,
} from "./harness.js";

const fromSource = process.argv.includes("--source=src");
// Set by the first process for the one it re-starts (and, through NODE_OPTIONS, for every child).
const distHooked = process.env.SONORA_BENCH_DIST === "1";
if ((globalThis as { gc?: unknown }).gc === undefined || (!fromSource && !distHooked)) {
  // Memory cases need --expose-gc, and the dist hook must be in place before any module of ours
  // loads: run this same script again with both and pass the exit code on.
  const { spawnSync } = await import("node:child_process");
  const env = { ...process.env };
  if (!fromSource) {
    const hook = new URL("./use-dist.mjs", import.meta.url).href;
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ""} --import ${hook}`.trim();
    env.SONORA_BENCH_DIST = "1";
  }
  const child = spawnSync(
    process.execPath,
    ["--expose-gc", ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: "inherit", env },
  );
  process.exit(child.status ?? 1);
}

// Proof the hook is in place before any number is taken (the cases' children check it too).
assertBuiltPackage();

const args = process.argv.slice(2).filter((arg) => !arg.startsWith("--source="));
const quick = args.includes("--quick");
const filters = args.filter((arg) => !arg.startsWith("--"));
const options = quick ? { warmupMs: 60, batches: 5, batchMs: 30 } : DEFAULT_OPTIONS;

const casesDir = fileURLToPath(new URL("./cases/", import.meta.url));
const files = (await readdir(casesDir)).filter((file) => /\.ts$/.test(file) && !file.startsWith("_")).sort();
const modules: BenchModule[] = [];
for (const file of files) {
  modules.push((await import(pathToFileURL(`${casesDir}${file}`).href)) as BenchModule);
}

const planned = await planModules(modules, filters);
const selectedCount = planned.reduce((sum, module) => sum + module.count, 0);
if (selectedCount === 0) {
  console.error(`No bench case matches ${JSON.stringify(filters)}.`);
  process.exitCode = 1;
} else {
  console.log(
    `Sonora from ${fromSource ? "src/ (TypeScript through tsx)" : "dist/ (the built package)"}; ` +
      `Node ${process.version}, ${selectedCount} case(s), ${options.batches} batches × ~${options.batchMs} ms per function, medians.\n`,
  );
  const started = process.hrtime.bigint();
  const summary: SummaryRow[] = [];
  for (const module of planned) {
    // One module's data at a time: built now, dropped (and collected) before the next is built.
    for (const entry of await module.build()) {
      if (isReport(entry)) {
        const rows = await entry.run({ quick });
        console.log(formatReport(entry, rows));
        summary.push(...summarizeReport(entry, rows));
      } else {
        const result = entry.async === true ? await runCaseAsync(entry, options) : runCase(entry, options);
        console.log(formatCase(result));
        summary.push(summarizeCase(result));
      }
      console.log("");
    }
    (globalThis as { gc?: () => void }).gc?.();
  }
  console.log(formatSummary(summary));
  console.log("");
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const load = (await import("node:os")).loadavg().map((x) => x.toFixed(2));
  console.log(
    `Done in ${seconds.toFixed(1)} s (${consumeSink() === "undefined" ? "no" : "kept"} results); load average ${load.join(" ")}.`,
  );
}
