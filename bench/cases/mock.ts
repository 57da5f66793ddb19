/**
 * Mock factory and catalog benchmarks.
 *
 * Floors: encoding the same track infos with `encodeTrack`. Any factory that hands out valid Lavalink
 * tracks must at least produce their encoded strings; the ratio shows what generating realistic info
 * (names, ids, URLs, lengths, LavaSrc source bytes) adds on top.
 */
import { MockFactory } from "../../src/mock/index.js";
import { encodeTrack } from "../../src/protocol/index.js";
import { Catalog } from "../../src/simulator/catalog/index.js";
import type { BenchCase } from "../harness.js";

/** The cases this module provides, known without building anything. */
export const names = ["mock/buildList", "mock/catalog-search"] as const;

/** Builds the corpus and the cases (only when one of `names` is selected). */
export function cases(): BenchCase[] {
  const LIST = 2000;
  const listInfos = new MockFactory({ seed: 1 }).buildList(LIST).map((t) => t.info);
  const catalog = new Catalog({ seed: 1 });
  const QUERIES = Array.from({ length: 50 }, (_, i) => `ytsearch:query number ${i}`);
  const searchInfos = QUERIES.map((q) => {
    const result = catalog.load(q);
    return result.loadType === "search" ? result.data.map((t) => t.info) : [];
  });
  let next = 0;

  return [
    {
      name: "mock/buildList",
      description: `MockFactory.buildList(${LIST}) from a fresh factory (floor: encodeTrack of ${LIST} ready infos)`,
      unit: "tracks",
      itemsPerCall: LIST,
      subject: {
        name: "buildList",
        fn: () => new MockFactory({ seed: 1 }).buildList(LIST).length,
      },
      floor: {
        name: "encodeTrack only",
        fn: () => {
          let total = 0;
          for (const info of listInfos) total += encodeTrack(info).length;
          return total;
        },
      },
    },
    {
      name: "mock/catalog-search",
      description: "Catalog.load of a 10-hit ytsearch (floor: encodeTrack of the same 10 infos)",
      unit: "loads",
      itemsPerCall: 1,
      subject: {
        name: "Catalog.load",
        fn: () => {
          const query = QUERIES[next++ % QUERIES.length] as string;
          return catalog.load(query).loadType;
        },
      },
      floor: {
        name: "encodeTrack only",
        fn: () => {
          let total = 0;
          for (const info of searchInfos[next++ % searchInfos.length] ?? [])
            total += encodeTrack(info).length;
          return total;
        },
      },
    },
  ];
}
