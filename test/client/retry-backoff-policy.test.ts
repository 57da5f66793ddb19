import { describe, expect, it } from "vitest";
import {
  DEFAULT_RECONNECT,
  InvalidOptionError,
  resolveRetryPolicy,
  retryDelay,
} from "../../src/client/index.js";

const policy = (o: Parameters<typeof resolveRetryPolicy>[0]) =>
  resolveRetryPolicy(o, DEFAULT_RECONNECT, "reconnect");

describe("retry delays follow the configured backoff", () => {
  it("exponential doubles from baseDelay and is capped by maxDelay", () => {
    const p = policy({ backoff: "exponential", baseDelay: 100, maxDelay: 1000, jitter: false });
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelay(p, n))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it("linear and fixed grow as named", () => {
    const linear = policy({ backoff: "linear", baseDelay: 50, jitter: false });
    const fixed = policy({ backoff: "fixed", baseDelay: 70, jitter: false });
    expect([1, 2, 3].map((n) => retryDelay(linear, n))).toEqual([50, 100, 150]);
    expect([1, 2, 3].map((n) => retryDelay(fixed, n))).toEqual([70, 70, 70]);
  });

  it("a custom function gets the attempt number", () => {
    const p = policy({ backoff: (n) => n * 7, jitter: false });
    expect(retryDelay(p, 3)).toBe(21);
  });

  it("jitter uses the injected random source", () => {
    const full = policy({ backoff: "fixed", baseDelay: 1000, jitter: true });
    expect(retryDelay(full, 1, () => 0.25)).toBe(250);
    const partial = policy({ backoff: "fixed", baseDelay: 1000, jitter: 0.2 });
    expect(retryDelay(partial, 1, () => 0.5)).toBe(900);
    expect(retryDelay(partial, 1, () => 0)).toBe(1000);
  });

  it("rejects nonsense with a typed error naming the option", () => {
    expect(() => policy({ maxRetries: -1 })).toThrow(InvalidOptionError);
    expect(() => policy({ backoff: "quadratic" as "fixed" })).toThrow(/reconnect\.backoff/);
    expect(() => policy({ jitter: 2 })).toThrow(/reconnect\.jitter/);
  });
});
