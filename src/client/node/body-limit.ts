import type { IncomingMessage } from "node:http";

/**
 * Collects an HTTP answer body up to a byte limit. A node (or a proxy in front of it) that sends an
 * endless or huge body must cost at most `limit` bytes of memory, not grow until the process dies.
 */
export class LimitedBody {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(
    /** Most bytes kept. */
    readonly limit: number,
  ) {}

  /** True when the answer's `Content-Length` already announces more than the limit. */
  announcedTooLarge(res: IncomingMessage): boolean {
    const length = Number(res.headers["content-length"]);
    return Number.isFinite(length) && length > this.limit;
  }

  /** Adds a chunk; false (and everything dropped) once the body is over the limit. */
  add(chunk: Buffer): boolean {
    this.size += chunk.length;
    if (this.size > this.limit) {
      this.chunks = [];
      return false;
    }
    this.chunks.push(chunk);
    return true;
  }

  /** The body read so far, decoded as UTF-8 (invalid sequences become U+FFFD). */
  text(): string {
    return Buffer.concat(this.chunks, this.size).toString("utf8");
  }
}
