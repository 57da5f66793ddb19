/**
 * `client/getPlayer-scaling` (report): what creating one more player costs when the client already
 * holds 1,000 players and when it holds 40,000 (issue #19: creating n players used to be O(n²),
 * because each `getPlayer()` scanned every player of every node to weigh the nodes; 9 µs per call at
 * 1k, 153 µs at 40k). Three simulated nodes on loopback, ready, each new player placed by the
 * client's own node choice. Per size: the median over batches of 100 awaited `getPlayer()` calls for
 * new guilds (the batches add up to 1,500 players on top of the size: nothing is destroyed in between,
 * so no REST traffic overlaps the measurement). Goal: the cost at 40k within 1.5× of the cost at 1k.
 */
import { createTestEnvironment } from "../../src/testing/index.js";
import type { BenchEntry, ReportRow } from "../harness.js";

export const names = ["client/getPlayer-scaling"] as const;

const SIZES = [1_000, 40_000] as const;
const GOAL_RATIO = 1.5;
const FIRST_GUILD = 400_000_000_000_000_000n;

export function cases(): BenchEntry[] {
  return [
    {
      kind: "report",
      name: "client/getPlayer-scaling",
      description: "awaited getPlayer() for a new guild on 3 ready nodes, with 1,000 and 40,000 players held",
      async run({ quick }): Promise<ReportRow[]> {
        const batches = quick ? 5 : 15;
        const perBatch = 100;
        const env = await createTestEnvironment({ nodes: 3 });
        try {
          let next = 0n;
          const create = async (count: number): Promise<void> => {
            for (let i = 0; i < count; i++) await env.client.getPlayer(String(FIRST_GUILD + next++));
          };
          const costs: number[] = [];
          for (const size of SIZES) {
            await create(size - env.client.players.size);
            const samples: number[] = [];
            for (let b = 0; b < batches; b++) {
              const started = process.hrtime.bigint();
              await create(perBatch);
              samples.push(Number(process.hrtime.bigint() - started) / perBatch);
            }
            costs.push(median(samples));
          }
          const [small, large] = costs as [number, number];
          const ratio = large / small;
          return [
            {
              label: "1,000 players: ns per getPlayer()",
              measured: `${small.toFixed(0)} ns`,
              target: "-",
              met: null,
            },
            {
              label: "40,000 players: ns per getPlayer()",
              measured: `${large.toFixed(0)} ns (${ratio.toFixed(2)}× the cost at 1,000)`,
              target: `≤ ${GOAL_RATIO}× the cost at 1,000`,
              met: ratio <= GOAL_RATIO,
            },
          ];
        } finally {
          await env.dispose();
        }
      },
    },
  ];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
