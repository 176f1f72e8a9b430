// Only for calls that are safe to repeat: nothing that creates or changes state.
import { sleep } from "@/lib/sleep";

export type RetryOptions = {
  retries: number;
  /** Ceiling of the first wait, doubling after; waits are drawn below it so instances spread out. */
  baseDelayMs: number;
  isTransient: (error: unknown) => boolean;
  signal: AbortSignal;
  /** Injectable so tests can pin the waits. */
  random?: () => number;
};

export async function retryIdempotent<T>(call: () => Promise<T>, options: RetryOptions): Promise<T> {
  const random = options.random ?? Math.random;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= options.retries || !options.isTransient(error) || options.signal.aborted) throw error;
      await sleep(random() * options.baseDelayMs * 2 ** attempt, options.signal);
      if (options.signal.aborted) throw error;
    }
  }
}
