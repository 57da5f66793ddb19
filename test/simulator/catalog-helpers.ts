import { expect } from "vitest";
import { decodeTrack, type LoadResult, type Track, validateLoadResult } from "../../src/protocol/index.js";

/** Asserts the result survives JSON like a real REST answer and every track decodes to its info. */
export function expectWireValid(result: LoadResult): void {
  expect(validateLoadResult(JSON.parse(JSON.stringify(result)))).toEqual(result);
  for (const track of tracksOf(result)) expect(decodeTrack(track.encoded).info).toEqual(track.info);
}

export function tracksOf(result: LoadResult): Track[] {
  switch (result.loadType) {
    case "track":
      return [result.data];
    case "playlist":
      return result.data.tracks;
    case "search":
      return result.data;
    default:
      return [];
  }
}

/** Narrows a load result to the expected type or fails with what was found. */
export function expectType<T extends LoadResult["loadType"]>(
  result: LoadResult,
  type: T,
): Extract<LoadResult, { loadType: T }> {
  expect(result.loadType).toBe(type);
  return result as Extract<LoadResult, { loadType: T }>;
}
