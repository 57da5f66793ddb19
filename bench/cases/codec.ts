/**
 * Track codec benchmarks.
 *
 * Floors:
 * - decode (`codec/decode`): the 42 real tracks of `../shared/data/track-vectors.json` (YouTube,
 *   SoundCloud, Twitch, HTTP, LavaSrc Spotify/Deezer with their extra fields, live streams, emoji and CJK
 *   titles), not tracks our own encoder made. Two floors: `Buffer.from(s, "base64")` (a fresh Buffer per
 *   track, what most decoders start with) and `buf.write(s, "base64")` into one reused buffer (the
 *   cheapest honest way to get the bytes; our decoder does that too). The ratios show what parsing,
 *   validation and building the info object add. `codec/decode-generated` keeps the old ~1000-track
 *   generated mix for comparison.
 * - encode: copying the finished message bytes into a fresh Buffer and base64-encoding them. Every
 *   encoder must at least produce those bytes and that base64 text; the ratio shows what measuring,
 *   validating and serialising the fields add.
 * Peers (context, not competitors): `JSON.parse` / `JSON.stringify` of the same track info, what a client
 * spends on the JSON the server sends alongside each encoded track.
 */
import { decodeTrack, encodeTrack } from "../../src/protocol/index.js";
import { loadTrackVectors } from "../../test/support/track-vectors.js";
import { buildCorpus, encodedCorpus } from "../fixtures/codec-corpus.js";
import type { BenchCase } from "../harness.js";

/** The cases this module provides, known without building anything. */
export const names = ["codec/decode", "codec/decode-generated", "codec/encode"] as const;

/** Builds the corpus and the cases (only when one of `names` is selected). */
export function cases(): BenchCase[] {
  const entries = buildCorpus();
  const encoded = encodedCorpus(entries);
  const messageBytes = encoded.map((s) => Uint8Array.from(Buffer.from(s, "base64")));
  const infoJson = encoded.map((s) => JSON.stringify(decodeTrack(s).info));
  const infos = entries.map((e) => e.info);
  // The real corpus, repeated so one call does enough work to time (every string stays distinct).
  const real = loadTrackVectors().map((v) => v.encoded);
  const realCorpus = Array.from({ length: 24 }, () => real).flat();
  const reused = Buffer.alloc(64 * 1024);

  return [
    {
      name: "codec/decode",
      description: `decodeTrack over the ${real.length} real published tracks ×24 (floors: base64 → fresh Buffer, base64 → reused buffer)`,
      unit: "tracks",
      itemsPerCall: realCorpus.length,
      goal: { maxRatio: 2.5 },
      subject: {
        name: "decodeTrack",
        fn: () => {
          let total = 0;
          for (const s of realCorpus) total += decodeTrack(s).info.title.length;
          return total;
        },
      },
      floor: {
        name: "Buffer.from(s, 'base64')",
        fn: () => {
          let total = 0;
          for (const s of realCorpus) total += Buffer.from(s, "base64").length;
          return total;
        },
      },
      peers: [
        {
          name: "reused.write(s, 'base64')",
          fn: () => {
            let total = 0;
            for (const s of realCorpus) total += reused.write(s, 0, "base64");
            return total;
          },
        },
      ],
    },
    {
      name: "codec/decode-generated",
      description: `decodeTrack over ${encoded.length} generated tracks (our own encoder's output; floor: base64 → Buffer only)`,
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
