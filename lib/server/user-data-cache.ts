import "server-only";

import { revalidateTag, unstable_cache } from "next/cache";

// UserData in Next's shared data cache, one entry per user, expired by Clerk's webhooks.
// Why unstable_cache, staleness and the race with webhooks: see docs/cache.md.

/** Bump the version when the entry's shape changes: entries outlive deployments. */
const CACHE_KEY_PARTS = ["clerk-user-data", "v2"];

/** The tag of one user's cached UserData; a webhook about that user expires it. */
export function userDataTag(userId: string): string {
  return `clerk-user:${userId}`;
}

type InFlight<T> = { changes: { changed: boolean }; promise: Promise<T> };

/** How often one look-up asks Clerk again because the user kept changing while it waited. */
const MAX_ATTEMPTS_WHILE_CHANGING = 3;

export type UserDataCache<T> = {
  /** The user's entry from the cache, or from `load` on a miss. Rejects with `load`'s error. */
  get(userId: string): Promise<T>;
  /** Expires the user's entry everywhere, so the next `get` waits for fresh data. */
  invalidate(userId: string): void;
};

export function createUserDataCache<T>(options: {
  /** Fetches and validates one user from the source of truth; throws on any failure. */
  load: (userId: string) => Promise<T>;
  ttlSeconds: () => number;
}): UserDataCache<T> {
  // Look-ups still waiting for Clerk, so concurrent misses share one call (unstable_cache does not
  // coalesce them); each leaves the moment it settles.
  const pending = new Map<string, InFlight<T>>();

  /** Clerk's answer, asked again (a bounded number of times) while `changes` says the user changed. */
  const fetchCurrent = async (userId: string, changes: { changed: boolean }): Promise<T> => {
    for (let attempt = 1; ; attempt += 1) {
      const userData = await options.load(userId);
      if (!changes.changed || attempt === MAX_ATTEMPTS_WHILE_CHANGING) return userData;
      changes.changed = false;
    }
  };

  // One stable function: unstable_cache keys on its source text.
  const loadOnce = (userId: string): Promise<T> => {
    const joined = pending.get(userId);
    if (joined) return joined.promise;
    const changes = { changed: false };
    const promise = fetchCurrent(userId, changes).finally(() => {
      if (pending.get(userId)?.changes === changes) pending.delete(userId);
    });
    pending.set(userId, { changes, promise });
    return promise;
  };

  return {
    get(userId) {
      // Built per call because the tag names the user; no I/O.
      const cached = unstable_cache(loadOnce, CACHE_KEY_PARTS, {
        tags: [userDataTag(userId)],
        revalidate: options.ttlSeconds(),
      });
      return cached(userId);
    },
    invalidate(userId) {
      // A look-up already on its way to Clerk may carry the data from before the change.
      const inFlight = pending.get(userId);
      if (inFlight) inFlight.changes.changed = true;
      // `expire: 0`: the next request waits for Clerk instead of getting the old profile once more.
      revalidateTag(userDataTag(userId), { expire: 0 });
    },
  };
}
