import "server-only";

// A token bucket: up to `capacity` at once, refilled continuously at `perSecond`. Over any window of
// T seconds it grants at most capacity + perSecond * T, which is the bound docs/security.md states.

export type BucketAnswer = { ok: true } | { ok: false; retryAfterSeconds: number };

export type TokenBucket = {
  /** Takes `count` tokens if all are there, else none, and says when they will be. */
  take: (count?: number) => BucketAnswer;
  readonly capacity: number;
  readonly perSecond: number;
};

export function createTokenBucket(
  { capacity, perSecond }: { capacity: number; perSecond: number },
  nowMs: () => number = () => performance.now(),
): TokenBucket {
  if (!(capacity >= 1 && perSecond > 0)) throw new Error("a token bucket needs capacity >= 1 and perSecond > 0");
  let tokens = capacity;
  let updatedAt = nowMs();
  return {
    capacity,
    perSecond,
    take(count = 1) {
      const now = nowMs();
      tokens = Math.min(capacity, tokens + ((now - updatedAt) / 1000) * perSecond);
      updatedAt = now;
      if (count <= tokens) {
        tokens -= count;
        return { ok: true };
      }
      // A request that could never fit waits as long as a full bucket takes.
      const missing = Math.min(count, capacity) - tokens;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(missing / perSecond)) };
    },
  };
}
