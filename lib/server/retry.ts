// Bounded retries with backoff for calls that are safe to repeat. The only such call this app makes
// is the Backend API's GET /v1/users/:id; anything that creates or changes state must not come here.
import { sleep } from "@/lib/sleep";

export type RetryOptions = {
  /** Attempts after the first one. */
  retries: number;
  /**
   * The ceiling of the first wait; each later ceiling doubles. Each wait is drawn uniformly below its
   * ceiling ("full jitter"), so instances that failed together do not all retry together.
   */
  baseDelayMs: number;
  /** Whether a failure may be temporary; any other failure is thrown at once. */
  isTransient: (error: unknown) => boolean;
  /** Once aborted (the caller's deadline passed), no further attempt starts. */
  signal: AbortSignal;
  /** Uniform in [0, 1); injectable so tests can pin the waits. */
  random?: () => number;
};

/** Runs `call`, retrying transient failures with exponential backoff; rethrows the last failure. */
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
