/**
 * A deliberately naive, independent model of Java's DataOutputStream + lavaplayer's MessageOutput, used
 * by the codec tests as a reference: it builds plain number arrays, one byte at a time, straight from the
 * Java documentation, sharing no code with the codec under test.
 */
export class JavaWriter {
  readonly bytes: number[] = [];

  byte(value: number): this {
    this.bytes.push(value & 0xff);
    return this;
  }

  boolean(value: boolean): this {
    return this.byte(value ? 1 : 0);
  }

  /** DataOutput.writeLong: 8 bytes, big-endian two's complement. */
  long(value: bigint): this {
    const unsigned = BigInt.asUintN(64, value);
    for (let shift = 56n; shift >= 0n; shift -= 8n) this.byte(Number((unsigned >> shift) & 0xffn));
    return this;
  }

  /** DataOutput.writeUTF: 2-byte length, then each UTF-16 unit as 1-3 bytes (NUL as C0 80). */
  utf(text: string): this {
    const encoded: number[] = [];
    for (const unit of Array.from({ length: text.length }, (_, i) => text.charCodeAt(i))) {
      if (unit >= 0x01 && unit <= 0x7f) encoded.push(unit);
      else if (unit <= 0x7ff) encoded.push(0xc0 | (unit >> 6), 0x80 | (unit & 0x3f));
      else encoded.push(0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f));
    }
    if (encoded.length > 0xffff) throw new Error("too long for writeUTF");
    this.byte(encoded.length >> 8).byte(encoded.length);
    for (const b of encoded) this.byte(b);
    return this;
  }

  /** lavaplayer DataFormatTools.writeNullableText. */
  nullableUtf(text: string | null): this {
    this.boolean(text !== null);
    return text === null ? this : this.utf(text);
  }

  raw(bytes: ArrayLike<number>): this {
    for (let i = 0; i < bytes.length; i++) this.byte(bytes[i] ?? 0);
    return this;
  }

  /** MessageOutput.commitMessage(flags): int header (size | flags << 30), then the body, as base64. */
  message(flags: number): string {
    const size = this.bytes.length;
    const header = (size | (flags << 30)) >>> 0;
    const all = [header >>> 24, (header >>> 16) & 0xff, (header >>> 8) & 0xff, header & 0xff, ...this.bytes];
    return Buffer.from(all).toString("base64");
  }
}

/** The fields of a track message in lavaplayer's order, for building test messages of any version. */
export interface MessageFields {
  title: string;
  author: string;
  length: bigint;
  identifier: string;
  isStream: boolean;
  uri: string | null;
  artworkUrl: string | null;
  isrc: string | null;
  sourceName: string;
  sourceData?: ArrayLike<number>;
  position: bigint;
}

/**
 * Builds the message lavaplayer's DefaultAudioPlayerManager.encodeTrack would write at `version`
 * (version 1 unversioned, as the oldest lavaplayer wrote it, unless `versionedV1` is set).
 */
export function buildMessage(fields: MessageFields, version: 1 | 2 | 3, versionedV1 = false): string {
  const w = new JavaWriter();
  const versioned = version > 1 || versionedV1;
  if (versioned) w.byte(version);
  w.utf(fields.title).utf(fields.author).long(fields.length).utf(fields.identifier).boolean(fields.isStream);
  if (version >= 2) w.nullableUtf(fields.uri);
  if (version >= 3) w.nullableUtf(fields.artworkUrl).nullableUtf(fields.isrc);
  w.utf(fields.sourceName)
    .raw(fields.sourceData ?? [])
    .long(fields.position);
  return w.message(versioned ? 1 : 0);
}
