import { afterEach, describe, expect, it, vi } from "vitest";

import { retryIdempotent, type RetryOptions } from "@/lib/server/retry";

class Transient extends Error {}
class Permanent extends Error {}

function options(overrides: Partial<RetryOptions> = {}): RetryOptions {
  return {
    retries: 2,
    baseDelayMs: 100,
    isTransient: (error) => error instanceof Transient,
    signal: new AbortController().signal,
    random: () => 1,
    ...overrides,
  };
}

afterEach(() => vi.useRealTimers());

describe("retryIdempotent", () => {
  it("returns the first success without waiting", async () => {
    const call = vi.fn().mockResolvedValue("ok");
    expect(await retryIdempotent(call, options())).toBe("ok");
    expect(call).toHaveBeenCalledTimes(1);
  });

  it("retries transient failures, waiting up to base x 2^n between attempts", async () => {
    vi.useFakeTimers();
    const call = vi.fn().mockRejectedValueOnce(new Transient()).mockRejectedValueOnce(new Transient()).mockResolvedValue("ok");
    const result = retryIdempotent(call, options());

    await vi.advanceTimersByTimeAsync(99);
    expect(call).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(call).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(199);
    expect(call).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(await result).toBe("ok");
    expect(call).toHaveBeenCalledTimes(3);
  });

  it("draws each wait below its ceiling (full jitter)", async () => {
    vi.useFakeTimers();
    const call = vi.fn().mockRejectedValueOnce(new Transient()).mockResolvedValue("ok");
    const result = retryIdempotent(call, options({ random: () => 0.25 }));
    await vi.advanceTimersByTimeAsync(25);
    expect(await result).toBe("ok");
  });

  it("gives up after the last retry with the last failure", async () => {
    const last = new Transient("third");
    const call = vi.fn().mockRejectedValueOnce(new Transient()).mockRejectedValueOnce(new Transient()).mockRejectedValue(last);
    await expect(retryIdempotent(call, options({ random: () => 0 }))).rejects.toBe(last);
    expect(call).toHaveBeenCalledTimes(3);
  });

  it("does not retry a failure that is not transient", async () => {
    const permanent = new Permanent();
    const call = vi.fn().mockRejectedValue(permanent);
    await expect(retryIdempotent(call, options())).rejects.toBe(permanent);
    expect(call).toHaveBeenCalledTimes(1);
  });

  it("starts no attempt after the signal aborts, even mid-wait", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const failure = new Transient();
    const call = vi.fn().mockRejectedValue(failure);
    const result = retryIdempotent(call, options({ signal: controller.signal }));
    const settled = expect(result).rejects.toBe(failure);

    await vi.advanceTimersByTimeAsync(50);
    controller.abort();
    await settled;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(call).toHaveBeenCalledTimes(1);
  });
});
