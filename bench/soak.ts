/**
 * The chaos soak of issue #13: three nodes, 20 guilds × 50 queued tracks, node 0 killed at 5 virtual
 * minutes and restarted at 10, under the seed's fault knobs and under twice the knobs, plus two
 * controls (no faults; the kill only). Prints the accounting of every queued track, counted from
 * the client's events and from the simulators' logs, and exits 1 when any run fails it.
 *
 *   npm run soak                      # seed 1
 *   npm run soak -- --seed 42         # replays exactly the run of seed 42
 *   npm run soak -- --guilds 5 --tracks 10   # a smaller soak
 */
import { parseArgs } from "node:util";
import {
  type ChaosReport,
  type ChaosSoakOptions,
  formatAccountingTable,
  runChaosSoak,
  SEED_FAULT_KNOBS,
} from "../src/testing/index.js";

const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "1" },
    guilds: { type: "string", default: "20" },
    tracks: { type: "string", default: "50" },
  },
});
const seedText = values.seed;
const seed = /^-?\d+$/.test(seedText) ? Number(seedText) : seedText;
const guilds = Number(values.guilds);
const tracksPerGuild = Number(values.tracks);
if (!Number.isInteger(guilds) || guilds < 1 || !Number.isInteger(tracksPerGuild) || tracksPerGuild < 1) {
  console.error("--guilds and --tracks take whole numbers ≥ 1");
  process.exit(2);
}

const MINUTE = 60_000;
const kill = { node: 0, at: 5 * MINUTE, restartAt: 10 * MINUTE };
const twice = {
  packetLoss: SEED_FAULT_KNOBS.packetLoss * 2,
  latencySpike: SEED_FAULT_KNOBS.latencySpike * 2,
  connectionDrop: SEED_FAULT_KNOBS.connectionDrop * 2,
};
const common: ChaosSoakOptions = { seed, nodes: 3, guilds, tracksPerGuild };
// What the knobs never cause: the player route's REST exchanges failing. A reset after the node
// applied the change (the answer lost), a reset before it read it, and a 503 (not processed).
const playerRoute = "PATCH /v4/sessions/*/players/*";
const restFaults: ChaosSoakOptions["faults"] = [
  { id: "rest:applied-reset", type: "reset", direction: "downstream", route: playerRoute, toxicity: 0.05 },
  { id: "rest:unread-reset", type: "reset", direction: "upstream", route: playerRoute, toxicity: 0.03 },
  { id: "rest:503", type: "rest-error", status: 503, route: playerRoute, toxicity: 0.05 },
];
const runs: ChaosSoakOptions[] = [
  { ...common, label: "knobs ×1 + kill", knobs: SEED_FAULT_KNOBS, kill },
  { ...common, label: "knobs ×2 + kill", knobs: twice, kill },
  { ...common, label: "knobs ×1 + REST faults + kill", knobs: SEED_FAULT_KNOBS, faults: restFaults, kill },
  { ...common, label: "control: no faults" },
  { ...common, label: "control: kill only", kill },
];

console.log(
  `Chaos soak, seed ${String(seed)}: 3 nodes, ${guilds} guilds × ${tracksPerGuild} tracks (20–40 s each), ` +
    `node 0 killed at 5 min and restarted at 10 min (virtual time).\n` +
    `Knobs ×1: ${JSON.stringify(SEED_FAULT_KNOBS)}; ×2: ${JSON.stringify(twice)}.\n` +
    `REST faults on ${playerRoute}: reset after the node applied it 5 %, reset before it read it 3 %, 503 5 %.\n`,
);
const started = Date.now();
const reports: ChaosReport[] = [];
for (const run of runs) {
  process.stdout.write(`running ${run.label} … `);
  const report = await runChaosSoak(run);
  console.log(`${report.passed ? "pass" : "FAIL"} (${((report.wallMs ?? 0) / 1000).toFixed(1)} s)`);
  reports.push(report);
}
console.log(`\n${formatAccountingTable(reports)}\n`);
const failed = reports.filter((r) => !r.passed);
console.log(`Wall time ${((Date.now() - started) / 1000).toFixed(1)} s.`);
if (failed.length > 0) {
  console.log(
    `${failed.length} of ${reports.length} run(s) failed the accounting. Replay: npm run soak -- --seed ${String(seed)}`,
  );
  process.exitCode = 1;
} else console.log("Every queued track started from zero exactly once and finished, in every run.");
