// Backend API requests the local Clerk is holding back on purpose: latency being added, or a request
// hanging because the `timeout` fault is on. All of them can be let go at once (close, reset, config
// change), so a hanging request never keeps the process alive.
export class HeldRequests {
  private readonly releasers = new Set<() => void>();

  /** Resolves after `ms`, or earlier if released or the client gives up. */
  delay(ms: number, signal?: AbortSignal): Promise<void> {
    return this.hold(signal, ms);
  }

  /** Resolves only when released or when the client gives up. */
  hang(signal?: AbortSignal): Promise<void> {
    return this.hold(signal, null);
  }

  get size(): number {
    return this.releasers.size;
  }

  releaseAll(): void {
    for (const release of [...this.releasers]) release();
  }

  private hold(signal: AbortSignal | undefined, ms: number | null): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      let timer: NodeJS.Timeout | undefined;
      const release = () => {
        if (timer) clearTimeout(timer);
        signal?.removeEventListener("abort", release);
        this.releasers.delete(release);
        resolve();
      };
      this.releasers.add(release);
      signal?.addEventListener("abort", release, { once: true });
      if (ms !== null) timer = setTimeout(release, ms);
    });
  }
}
