/**
 * Runs the registered benchmark entries of every module in `bench/cases/` (see `BenchModule` in
 * the harness: modules export `names` plus a lazy `cases()` factory, or an eager `cases` array).
 * Only the modules whose cases are selected do their setup.
 *
 *   npm run bench                 # everything
 *   npm run bench -- codec        # entries whose name contains "codec"
 *   npm run bench -- --quick      # shorter batches and reports, for a smoke run
 */
import { readdir } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  type BenchModule,
  consumeSink,
  DEFAULT_OPTIONS,
  formatCase,
  formatReport,
  isReport,
  runCase,
  selectEntries,
} from "./harness.js";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const filters = args.filter((arg) => !arg.startsWith("--"));
const options = quick ? { warmupMs: 60, batches: 5, batchMs: 30 } : DEFAULT_OPTIONS;

const casesDir = fileURLToPath(new URL("./cases/", import.meta.url));
const files = (await readdir(casesDir)).filter((file) => /\.ts$/.test(file) && !file.startsWith("_")).sort();
const modules: BenchModule[] = [];
for (const file of files) {
  modules.push((await import(pathToFileURL(`${casesDir}${file}`).href)) as BenchModule);
}

const selected = await selectEntries(modules, filters);
if (selected.length === 0) {
  console.error(`No bench case matches ${JSON.stringify(filters)}.`);
  process.exitCode = 1;
} else {
  console.log(
    `Node ${process.version}, ${selected.length} case(s), ${options.batches} batches × ~${options.batchMs} ms per function, medians.\n`,
  );
  const started = process.hrtime.bigint();
  for (const entry of selected) {
    if (isReport(entry)) console.log(formatReport(entry, await entry.run({ quick })));
    else console.log(formatCase(runCase(entry, options)));
    console.log("");
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`Done in ${seconds.toFixed(1)} s (${consumeSink() === "undefined" ? "no" : "kept"} results).`);
}
