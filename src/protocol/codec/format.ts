/**
 * Constants of lavaplayer's track message (`DefaultAudioPlayerManager.encodeTrack`, wrapped by
 * `MessageOutput.commitMessage`), shared by the encoder and the decoder.
 */

/** Header flag bit (of the two top bits) saying a version byte follows the header. */
export const FLAG_VERSIONED = 1;
/** The two flag bits sit above a 30-bit message size. */
export const FLAG_SHIFT = 30;
export const SIZE_MASK = 0x3fffffff;
/** The version lavaplayer (and so every Lavalink v4 server) writes. */
export const CURRENT_VERSION = 3;
/** Bytes of the message header (flags + size, big-endian int). */
export const HEADER_BYTES = 4;
/** Bytes of a Java long. */
export const LONG_BYTES = 8;
/** 2^32, to split and join longs without BigInt when they are safe integers. */
export const TWO_POW_32 = 0x1_0000_0000;
/**
 * The high 32-bit word of any long whose magnitude is below 2^53: such values are exact doubles and can
 * be assembled with arithmetic instead of the slower BigInt path.
 */
export const SAFE_HIGH_WORD = 0x20_0000;
/** Java's `Long.MAX_VALUE`, what lavaplayer uses as the length of a live stream. */
export const LONG_MAX = 0x7fff_ffff_ffff_ffffn;
