import type { VirtualClock } from "../../src/base/clock/index.js";
import { DEFAULT_REST_RETRY, RestClient, resolveRetryPolicy } from "../../src/client/index.js";

/**
 * A RestClient on `127.0.0.1:port` as the REST tests use it: 5 s timeout and 3 retries 100 ms apart
 * without jitter, on `clock`. The caller closes it.
 */
export function testRestClient(port: number, clock: VirtualClock): RestClient {
  return new RestClient({
    baseUrl: `http://127.0.0.1:${port}`,
    password: "pw",
    node: "n1",
    timeout: 5_000,
    retry: resolveRetryPolicy(
      { maxRetries: 3, baseDelay: 100, jitter: false },
      DEFAULT_REST_RETRY,
      "rest.retry",
    ),
    clock,
    random: () => 0.5,
  });
}
