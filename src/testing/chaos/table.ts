import type { ChaosReport } from "./report.js";

/** The table's rows: a label and how to read the cell from a report. */
const ROWS: readonly [string, (r: ChaosReport) => string][] = [
  ["seed", (r) => (r.seed === undefined ? "-" : String(r.seed))],
  ["virtual time", (r) => (r.virtualMs === undefined ? "-" : minutes(r.virtualMs))],
  ["wall time", (r) => (r.wallMs === undefined ? "-" : `${(r.wallMs / 1000).toFixed(1)} s`)],
  ["guilds", (r) => String(r.guilds)],
  ["queued", (r) => String(r.queued)],
  ["started once (from 0)", (r) => String(r.startedOnce)],
  ["started from 0 (≥1)", (r) => String(r.startedFromZero)],
  ["resumed mid-track", (r) => String(r.resumedMidTrack)],
  ["finished", (r) => String(r.finished)],
  ["lost (never started)", (r) => String(r.lost)],
  ["doubled", (r) => String(r.doubled)],
  ["started, unfinished", (r) => String(r.unfinished)],
  ["client missed starts", (r) => String(r.clientMissedStarts)],
  ["client missed ends", (r) => String(r.clientMissedEnds)],
  ["unexpected starts", (r) => String(r.unexpectedStarts)],
  ["guilds unfinished", (r) => String(r.guildsUnfinished)],
  ["guilds stopped for good", (r) => String(r.guildsStopped)],
  ["guilds stuck (client: playing)", (r) => String(r.guildsStuck)],
  ["players on dead nodes", (r) => String(r.playersOnDeadNodes)],
  ["verdict", (r) => (r.passed ? "PASS" : "FAIL")],
];

function minutes(ms: number): string {
  const total = Math.round(ms / 1000);
  return `${Math.floor(total / 60)}m${String(total % 60).padStart(2, "0")}s`;
}

/**
 * The accounting of one or more runs as a plain-text table (one column per run), followed by each
 * failing run's failed criteria and notes. Meant for a terminal or a test's failure message.
 */
export function formatAccountingTable(reports: ChaosReport | readonly ChaosReport[]): string {
  const runs = Array.isArray(reports) ? (reports as readonly ChaosReport[]) : [reports as ChaosReport];
  const header = ["", ...runs.map((r, i) => r.label ?? `run ${i + 1}`)];
  const body = ROWS.map(([label, cell]) => [label, ...runs.map(cell)]);
  const widths = header.map((_, col) => Math.max(...[header, ...body].map((row) => (row[col] ?? "").length)));
  const line = (row: string[]): string =>
    row
      .map((cell, col) => (col === 0 ? cell.padEnd(widths[col] ?? 0) : cell.padStart(widths[col] ?? 0)))
      .join("  ")
      .trimEnd();
  const out = [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)];
  for (const [i, run] of runs.entries()) {
    const name = run.label ?? `run ${i + 1}`;
    for (const failure of run.failures) out.push(`${name}: ${failure}`);
    for (const note of run.notes ?? []) out.push(`${name}: note: ${note}`);
  }
  return out.join("\n");
}
