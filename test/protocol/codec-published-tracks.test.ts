import { describe, expect, it } from "vitest";
import { decodeTrack, encodeTrack } from "../../src/protocol/index.js";
import { RICK_ASTLEY_INFO } from "./helpers.js";

/**
 * Encoded tracks published by others, produced by real Lavalink servers, decoded with no server at hand.
 */

// Lavalink repository, docs/api/rest.md ("Track" and "Decode Track" examples) and the protocol module's
// serializer tests (protocol/src/commonTest/kotlin/LoadResultSerializerTest.kt). A version 2 message.
const RICK_ASTLEY =
  "QAAAjQIAJVJpY2sgQXN0bGV5IC0gTmV2ZXIgR29ubmEgR2l2ZSBZb3UgVXAADlJpY2tBc3RsZXlWRVZPAAAAAAADPCAAC2RRdzR3OVdnWGNRAAEAK2h0dHBzOi8vd3d3LnlvdXR1YmUuY29tL3dhdGNoP3Y9ZFF3NHc5V2dYY1EAB3lvdXR1YmUAAAAAAAAAAA==";

// Lavalink repository, docs/api/Insomnia.json (the /decodetrack request example). A version 2 message.
const ARCHITECTS =
  "QAAAgQIAGEFyY2hpdGVjdHMgLSAiZGVlcCBmYWtlIgAPRXBpdGFwaCBSZWNvcmRzAAAAAAADQ/AAC1RuQ1VKVlBRSDNJAAEAK2h0dHBzOi8vd3d3LnlvdXR1YmUuY29tL3dhdGNoP3Y9VG5DVUpWUFFIM0kAB3lvdXR1YmUAAAAAAAAAAA==";

// lavalink-client 2.11.0 (npm), the `decode.multipleTracks` TSDoc example (encodedBase64_1): a LavaSrc
// Deezer track, version 3, with plugin fields after sourceName.
const DEEZER_NO_DIGGITY =
  "QAACDgMACk5vIERpZ2dpdHkAC0JsYWNrc3RyZWV0AAAAAAAEo4AABjkxNjQ5NgABAB9odHRwczovL2RlZXplci5jb20vdHJhY2svOTE2NDk2AQBpaHR0cHM6Ly9lLWNkbnMtaW1hZ2VzLmR6Y2RuLm5ldC9pbWFnZXMvY292ZXIvZGFlN2EyNjViNzlmYjcxMjc4Y2RlMjUwNDg0OWQ2ZjcvMTAwMHgxMDAwLTAwMDAwMC04MC0wLTAuanBnAQAMVVNJUjE5NjAwOTc4AAZkZWV6ZXIBAChObyBEaWdnaXR5OiBUaGUgVmVyeSBCZXN0IE9mIEJsYWNrc3RyZWV0AQAjaHR0cHM6Ly93d3cuZGVlemVyLmNvbS9hbGJ1bS8xMDMyNTQBACJodHRwczovL3d3dy5kZWV6ZXIuY29tL2FydGlzdC8xODYxAQBqaHR0cHM6Ly9lLWNkbnMtaW1hZ2VzLmR6Y2RuLm5ldC9pbWFnZXMvYXJ0aXN0L2YxNmNhYzM2ZmVjMzkxZjczN2I3ZDQ4MmY1YWM3M2UzLzEwMDB4MTAwMC0wMDAwMDAtODAtMC0wLmpwZwEAT2h0dHBzOi8vY2RuLXByZXZpZXctYS5kemNkbi5uZXQvc3RyZWFtL2MtYTE1Yjg1NzFhYTYyMDBjMDQ0YmY1OWM3NmVkOTEyN2MtNi5tcDMAAAAAAAAAAAA=";

// lavalink-client 2.11.0 (npm), same example (encodedBase64_2): a SoundCloud track, version 3.
const SOUNDCLOUD_TALK_A_LOT =
  "QAABJAMAClRhbGsgYSBMb3QACjQwNHZpbmNlbnQAAAAAAAHr1gBxTzpodHRwczovL2FwaS12Mi5zb3VuZGNsb3VkLmNvbS9tZWRpYS9zb3VuZGNsb3VkOnRyYWNrczo4NTE0MjEwNzYvMzUyYTRiOTAtNzYxOS00M2E5LWJiOGItMjIxMzE0YzFjNjNhL3N0cmVhbS9obHMAAQAsaHR0cHM6Ly9zb3VuZGNsb3VkLmNvbS80MDR2aW5jZW50L3RhbGstYS1sb3QBADpodHRwczovL2kxLnNuZGNkbi5jb20vYXJ0d29ya3MtRTN1ek5Gc0Y4QzBXLTAtb3JpZ2luYWwuanBnAQAMUVpITkExOTg1Nzg0AApzb3VuZGNsb3VkAAAAAAAAAAA=";

/** Reads the modified-UTF-8 strings LavaSrc wrote after sourceName, to check the kept bytes are intact. */
function readPluginFields(bytes: Uint8Array): Array<string | null> {
  const view = Buffer.from(bytes);
  const out: Array<string | null> = [];
  let at = 0;
  while (at < view.length) {
    if (at === view.length - 1) {
      out.push(view[at] === 1 ? "true" : "false"); // trailing isPreview boolean
      break;
    }
    const present = view[at] === 1;
    at += 1;
    if (!present) {
      out.push(null);
      continue;
    }
    const len = view.readUInt16BE(at);
    out.push(view.toString("utf8", at + 2, at + 2 + len));
    at += 2 + len;
  }
  return out;
}

describe("published encoded tracks", () => {
  it("decodes the Lavalink docs' Rick Astley example to the published info", () => {
    const decoded = decodeTrack(RICK_ASTLEY);
    expect(decoded.version).toBe(2);
    expect(decoded.encoded).toBe(RICK_ASTLEY);
    // Every published field matches except artworkUrl: the docs show
    // "https://i.ytimg.com/vi/dQw4w9WgXcQ/maxresdefault.jpg", but this is a version 2 message, which has
    // no artworkUrl field at all (lavaplayer reads it only for version >= 3), so a server decoding this
    // string reports null too. The docs pair an old v2 string with a newer JSON example.
    expect(decoded.info).toEqual(RICK_ASTLEY_INFO);
    expect(decoded.sourceData).toHaveLength(0);
  });

  it("decodes the Lavalink Insomnia collection's example", () => {
    const decoded = decodeTrack(ARCHITECTS);
    expect(decoded.version).toBe(2);
    expect(decoded.info).toEqual({
      identifier: "TnCUJVPQH3I",
      isSeekable: true,
      author: "Epitaph Records",
      length: 214000,
      isStream: false,
      position: 0,
      title: 'Architects - "deep fake"',
      uri: "https://www.youtube.com/watch?v=TnCUJVPQH3I",
      artworkUrl: null,
      isrc: null,
      sourceName: "youtube",
    });
  });

  it("decodes a LavaSrc Deezer track and keeps its plugin fields", () => {
    const decoded = decodeTrack(DEEZER_NO_DIGGITY);
    expect(decoded.version).toBe(3);
    expect(decoded.info).toEqual({
      identifier: "916496",
      isSeekable: true,
      author: "Blackstreet",
      length: 304000,
      isStream: false,
      position: 0,
      title: "No Diggity",
      uri: "https://deezer.com/track/916496",
      artworkUrl:
        "https://e-cdns-images.dzcdn.net/images/cover/dae7a265b79fb71278cde2504849d6f7/1000x1000-000000-80-0-0.jpg",
      isrc: "USIR19600978",
      sourceName: "deezer",
    });
    // LavaSrc's extended fields: album name, album url, artist url, artist artwork, preview url, isPreview.
    expect(readPluginFields(decoded.sourceData)).toEqual([
      "No Diggity: The Very Best Of Blackstreet",
      "https://www.deezer.com/album/103254",
      "https://www.deezer.com/artist/1861",
      "https://e-cdns-images.dzcdn.net/images/artist/f16cac36fec391f737b7d482f5ac73e3/1000x1000-000000-80-0-0.jpg",
      "https://cdn-preview-a.dzcdn.net/stream/c-a15b8571aa6200c044bf59c76ed9127c-6.mp3",
      "false",
    ]);
  });

  it("decodes a SoundCloud track whose identifier is an HLS stream reference", () => {
    const decoded = decodeTrack(SOUNDCLOUD_TALK_A_LOT);
    expect(decoded.version).toBe(3);
    expect(decoded.info).toMatchObject({
      identifier:
        "O:https://api-v2.soundcloud.com/media/soundcloud:tracks:851421076/352a4b90-7619-43a9-bb8b-221314c1c63a/stream/hls",
      author: "404vincent",
      length: 125910,
      title: "Talk a Lot",
      uri: "https://soundcloud.com/404vincent/talk-a-lot",
      artworkUrl: "https://i1.sndcdn.com/artworks-E3uzNFsF8C0W-0-original.jpg",
      isrc: "QZHNA1985784",
      sourceName: "soundcloud",
    });
    expect(decoded.sourceData).toHaveLength(0);
  });

  it("re-encodes the version 3 examples to the identical string", () => {
    for (const encoded of [DEEZER_NO_DIGGITY, SOUNDCLOUD_TALK_A_LOT]) {
      const { info, sourceData } = decodeTrack(encoded);
      expect(encodeTrack(info, { sourceData })).toBe(encoded);
    }
  });

  it("upgrades the version 2 examples to version 3 messages with the same info", () => {
    for (const encoded of [RICK_ASTLEY, ARCHITECTS]) {
      const { info } = decodeTrack(encoded);
      const upgraded = decodeTrack(encodeTrack(info));
      expect(upgraded.version).toBe(3);
      expect(upgraded.info).toEqual(info);
    }
  });
});
