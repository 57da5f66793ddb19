/**
 * Track codec benchmarks over ~1000 realistic encoded tracks.
 *
 * Floors:
 * - decode: `Buffer.from(s, "base64")` of the same strings. Every decoder must turn the base64 text into
 *   bytes first; the ratio shows what parsing, validation and building the info object add on top.
 * - encode: copying the finished message bytes into a fresh Buffer and base64-encoding them. Every
 *   encoder must at least produce those bytes and that base64 text; the ratio shows what measuring,
 *   validating and serialising the fields add.
 * Peers (context, not competitors): `JSON.parse` / `JSON.stringify` of the same track info, what a client
 * spends on the JSON the server sends alongside each encoded track.
 */
import { decodeTrack, encodeTrack } from "../../src/protocol/index.js";
import { buildCorpus, encodedCorpus } from "../fixtures/codec-corpus.js";
import type { BenchCase } from "../harness.js";

/** The cases this module provides, known without building anything. */
export const names = ["codec/decode", "codec/encode"] as const;

/** Builds the corpus and the cases (only when one of `names` is selected). */
export function cases(): BenchCase[] {
  const entries = buildCorpus();
  const encoded = encodedCorpus(entries);
  const messageBytes = encoded.map((s) => Uint8Array.from(Buffer.from(s, "base64")));
  const infoJson = encoded.map((s) => JSON.stringify(decodeTrack(s).info));
  const infos = entries.map((e) => e.info);

  return [
    {
      name: "codec/decode",
      description: `decodeTrack over ${encoded.length} varied encoded tracks (floor: base64 → Buffer only)`,
      unit: "tracks",
      itemsPerCall: encoded.length,
      subject: {
        name: "decodeTrack",
        fn: () => {
          let total = 0;
          for (const s of encoded) total += decodeTrack(s).info.title.length;
          return total;
        },
      },
      floor: {
        name: "Buffer.from(s, 'base64')",
        fn: () => {
          let total = 0;
          for (const s of encoded) total += Buffer.from(s, "base64").length;
          return total;
        },
      },
      peers: [
        {
          name: "JSON.parse(info JSON)",
          fn: () => {
            let total = 0;
            for (const json of infoJson) total += (JSON.parse(json) as { title: string }).title.length;
            return total;
          },
        },
      ],
    },
    {
      name: "codec/encode",
      description: `encodeTrack of ${entries.length} varied tracks (floor: copy the finished bytes + base64)`,
      unit: "tracks",
      itemsPerCall: entries.length,
      subject: {
        name: "encodeTrack",
        fn: () => {
          let total = 0;
          for (const e of entries) total += encodeTrack(e.info, { sourceData: e.sourceData }).length;
          return total;
        },
      },
      floor: {
        name: "Buffer.from(bytes).toString('base64')",
        fn: () => {
          let total = 0;
          for (let i = 0; i < entries.length; i++)
            total += Buffer.from(messageBytes[i]!).toString("base64").length;
          return total;
        },
      },
      peers: [
        {
          name: "JSON.stringify(info)",
          fn: () => {
            let total = 0;
            for (const info of infos) total += JSON.stringify(info).length;
            return total;
          },
        },
      ],
    },
  ];
}
