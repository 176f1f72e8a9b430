import "server-only";

import { revalidateTag, unstable_cache } from "next/cache";

// UserData cached in Next.js's data cache, one entry per user, tagged with the user id.
//
// Why unstable_cache and not `'use cache'`: `'use cache'` needs `cacheComponents`, which changes how
// every page and route of the app renders (request data only inside <Suspense>, no route segment
// config), and its default handler keeps entries in each server's memory: on Vercel every instance
// would call Clerk for every user again. unstable_cache writes to the incremental cache, which on
// Vercel is the platform's data cache shared by all instances of the deployment in a region, and whose
// tag invalidation reaches every region. `next start` keeps it in process memory backed by files in
// <distDir>/cache/fetch-cache: one instance; several self-hosted instances would need a shared
// `cacheHandler` for both the entries and the tag expiries.
//
// Staleness: an entry lives `ttlSeconds` (then the next request gets it once more while it is
// refreshed in the background) unless a Clerk webhook expires its tag first. Only settled, validated
// UserData is stored, with Clerk's `updated_at` (never the raw Clerk user with its private metadata); a failed look-up throws
// out of the cached function, and unstable_cache stores nothing then.
//
// A look-up that left for Clerk before a change and answers after the webhook expired the tag would be
// stored as fresh (Next stamps an entry when it is written). On the instance that got the webhook,
// `invalidate` makes such a look-up ask Clerk again before anything is stored; a look-up in flight on
// another instance at that moment is the one remaining gap, closed by the TTL.

/** Part of every cache key. Bump it when the entry's shape changes: these entries outlive deployments. */
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
  // Not a cache: it holds only look-ups still waiting for Clerk, each removed the moment it settles,
  // so no value outlives its request and errors are never kept. It exists because unstable_cache does
  // not coalesce misses: N requests for a user whose entry is missing or expired (a cold instance, a
  // burst right after a webhook) would otherwise make N identical Backend API calls, against a rate
  // limit of 100 per 10 s on development instances. Per instance is enough: that is where the burst is.
  const pending = new Map<string, InFlight<T>>();

  /** Clerk's answer, asked again (a bounded number of times) while `changes` says the user changed. */
  const fetchCurrent = async (userId: string, changes: { changed: boolean }): Promise<T> => {
    for (let attempt = 1; ; attempt += 1) {
      const userData = await options.load(userId);
      // Whatever this returns is stored as fresh: if the user changed while Clerk was answering, the
      // answer may predate the change.
      if (!changes.changed || attempt === MAX_ATTEMPTS_WHILE_CHANGING) return userData;
      changes.changed = false;
    }
  };

  // One stable function (unstable_cache keys on its source text plus the arguments).
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
      // The wrapper is built per call because the tag names the user; building it is cheap (no I/O).
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
      // `{ expire: 0 }`: the next request misses and waits for Clerk. `"max"` would serve the old
      // profile once more (stale-while-revalidate), and updateTag only works in Server Actions.
      revalidateTag(userDataTag(userId), { expire: 0 });
    },
  };
}
