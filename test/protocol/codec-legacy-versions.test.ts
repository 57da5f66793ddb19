import { describe, expect, it } from "vitest";
import { decodeTrack, encodeTrack, STREAM_LENGTH } from "../../src/protocol/index.js";
import { buildMessage, type MessageFields } from "./codec-java-writer.js";

const FIELDS: MessageFields = {
  title: "Clair de Lune",
  author: "Claude Debussy",
  length: 305_000n,
  identifier: "abc123",
  isStream: false,
  uri: "https://example.com/clair",
  artworkUrl: "https://example.com/clair.jpg",
  isrc: "FRZ039800212",
  sourceName: "http",
  position: 1_500n,
};

describe("older track message versions", () => {
  it("decodes an unversioned (version 1) message, which has no uri, artwork or isrc", () => {
    const decoded = decodeTrack(buildMessage(FIELDS, 1));
    expect(decoded.version).toBe(1);
    expect(decoded.info).toEqual({
      identifier: "abc123",
      isSeekable: true,
      author: "Claude Debussy",
      length: 305_000,
      isStream: false,
      position: 1_500,
      title: "Clair de Lune",
      uri: null,
      artworkUrl: null,
      isrc: null,
      sourceName: "http",
    });
  });

  it("decodes a version 1 message that carries the versioned flag", () => {
    const decoded = decodeTrack(buildMessage(FIELDS, 1, true));
    expect(decoded.version).toBe(1);
    expect(decoded.info.uri).toBeNull();
    expect(decoded.info.position).toBe(1_500);
  });

  it("decodes a version 2 message: uri present, artwork and isrc absent", () => {
    const decoded = decodeTrack(buildMessage({ ...FIELDS, isStream: true, length: 2n ** 63n - 1n }, 2));
    expect(decoded.version).toBe(2);
    expect(decoded.info).toMatchObject({
      uri: "https://example.com/clair",
      artworkUrl: null,
      isrc: null,
      isStream: true,
      isSeekable: false,
      length: STREAM_LENGTH,
    });
  });

  it("decodes a version 2 message with a null uri", () => {
    expect(decodeTrack(buildMessage({ ...FIELDS, uri: null }, 2)).info.uri).toBeNull();
  });

  it("keeps the source bytes of an old http track and upgrades it to version 3", () => {
    // lavaplayer's http source writes its container probe name with writeUTF after sourceName.
    const probe = [0, 3, ...Buffer.from("mp3")];
    const decoded = decodeTrack(buildMessage({ ...FIELDS, sourceData: probe }, 2));
    expect([...decoded.sourceData]).toEqual(probe);
    const upgraded = encodeTrack(decoded.info, { sourceData: decoded.sourceData });
    expect(upgraded).toBe(buildMessage({ ...FIELDS, artworkUrl: null, isrc: null, sourceData: probe }, 3));
  });

  it("decodes a version 1 message written out as literal bytes", () => {
    // Header 0x0000001F (no flags, 31 message bytes), then: "T" / "A" / length 1000 / "id" / false / "yt" / pos 0.
    const bytes = [
      0x00, 0x00, 0x00, 0x1f, 0x00, 0x01, 0x54, 0x00, 0x01, 0x41, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03,
      0xe8, 0x00, 0x02, 0x69, 0x64, 0x00, 0x00, 0x02, 0x79, 0x74, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
      0x00,
    ];
    const decoded = decodeTrack(Buffer.from(bytes).toString("base64"));
    expect(decoded.version).toBe(1);
    expect(decoded.info).toMatchObject({
      title: "T",
      author: "A",
      length: 1000,
      identifier: "id",
      sourceName: "yt",
    });
  });
});
