// TEMPORARY until the codec branch lands on main: same signatures as src/protocol/codec.
import type { TrackInfo } from "../../protocol/index.js";

export class TrackDecodeError extends Error {
  readonly code = "TRACK_DECODE";
}

export interface DecodedTrack {
  encoded: string;
  info: TrackInfo;
  version: 1 | 2 | 3;
  sourceData: Uint8Array;
}

export function encodeTrack(info: TrackInfo, _options?: { sourceData?: Uint8Array }): string {
  return Buffer.from(`PH${JSON.stringify(info)}`).toString("base64");
}

export function decodeTrack(encoded: string): DecodedTrack {
  const text = Buffer.from(encoded, "base64").toString();
  if (!text.startsWith("PH")) throw new TrackDecodeError("not a track");
  try {
    return {
      encoded,
      info: JSON.parse(text.slice(2)) as TrackInfo,
      version: 3,
      sourceData: new Uint8Array(),
    };
  } catch {
    throw new TrackDecodeError("not a track");
  }
}
