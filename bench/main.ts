/**
 * Runs the registered benchmark cases: every module in `bench/cases/` exporting `cases: BenchCase[]`.
 *
 *   npm run bench                 # everything
 *   npm run bench -- codec        # cases whose name contains "codec"
 *   npm run bench -- --quick      # shorter batches, for a smoke run
 */
import { readdir } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  type BenchCase,
  consumeSink,
  DEFAULT_OPTIONS,
  formatCase,
  matchesFilters,
  runCase,
} from "./harness.js";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const filters = args.filter((arg) => !arg.startsWith("--"));
const options = quick ? { warmupMs: 60, batches: 5, batchMs: 30 } : DEFAULT_OPTIONS;

const casesDir = fileURLToPath(new URL("./cases/", import.meta.url));
const modules = (await readdir(casesDir))
  .filter((file) => /\.ts$/.test(file) && !file.startsWith("_"))
  .sort();

const selected: BenchCase[] = [];
for (const file of modules) {
  const loaded = (await import(pathToFileURL(`${casesDir}${file}`).href)) as { cases?: BenchCase[] };
  if (!Array.isArray(loaded.cases)) continue; // helper modules (corpora, fixtures) export no cases
  for (const benchCase of loaded.cases) {
    if (matchesFilters(benchCase.name, filters)) selected.push(benchCase);
  }
}

if (selected.length === 0) {
  console.error(`No bench case matches ${JSON.stringify(filters)}.`);
  process.exitCode = 1;
} else {
  console.log(
    `Node ${process.version}, ${selected.length} case(s), ${options.batches} batches × ~${options.batchMs} ms per function, medians.\n`,
  );
  const started = process.hrtime.bigint();
  for (const benchCase of selected) {
    console.log(formatCase(runCase(benchCase, options)));
    console.log("");
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`Done in ${seconds.toFixed(1)} s (${consumeSink() === "undefined" ? "no" : "kept"} results).`);
}
