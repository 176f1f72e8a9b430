/**
 * Waits `ms`, or less if `signal` aborts first; never rejects. For waits a deadline or a shutdown must
 * be able to cut short (the retry backoff of the Clerk user look-up).
 */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
