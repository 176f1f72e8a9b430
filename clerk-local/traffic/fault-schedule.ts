// The deterministic choice of which requests an injected fault hits.

/**
 * Picks which requests fail, evenly and deterministically: with rate 0.25 exactly every fourth
 * request does. Tests can then count on the numbers, and benchmarks see the configured share.
 */
export class FaultSchedule {
  private debt = 0;

  reset(): void {
    this.debt = 0;
  }

  next<F extends { rate: number }>(fault: F | null): F | null {
    if (!fault || fault.rate <= 0) return null;
    this.debt += fault.rate;
    // A small tolerance so rates like 0.1 add up to a whole failure after ten requests.
    if (this.debt < 1 - 1e-9) return null;
    this.debt -= 1;
    return fault;
  }
}
