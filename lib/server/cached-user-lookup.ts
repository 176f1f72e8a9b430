import "server-only";

import { cacheLife, cacheTag } from "next/cache";

import { serverEnv, userCacheTtlSeconds } from "@/lib/env";
import { lookUpUser, type UserLookup } from "@/lib/server/clerk-users";

// The user look-up's one cache boundary. `use cache: remote`, not plain `use cache`: on Vercel only the
// remote kind is kept where all of a region's instances share it; on `next start` both kinds are the same
// in-memory store. Where entries live, lifetimes and the race with webhooks: docs/cache.md.

/** The tag of one user's cached look-up; a webhook about that user expires it. */
export function userDataTag(userId: string): string {
  return `clerk-user:${userId}`;
}

/** A look-up with when it asked Clerk, so a caller can tell an answer that predates a change it knows of. */
type CachedUserLookup = { lookup: UserLookup; askedAt: number };

/** A failure is kept by no cache: the next look-up asks Clerk again. */
const NOT_KEPT = { stale: 0, revalidate: 0, expire: 0 };

/**
 * The user's look-up, from the cache or from Clerk. Concurrent misses for one user share one call to
 * Clerk (Next joins them). `stale: 0` keeps per-user data out of prerenders and prefetches.
 */
export async function cachedUserLookup(userId: string): Promise<CachedUserLookup> {
  "use cache: remote";
  cacheTag(userDataTag(userId));
  const askedAt = Date.now();
  const lookup = await lookUpUser(userId);
  const ttlSeconds = userCacheTtlSeconds(serverEnv());
  cacheLife(lookup.ok ? { stale: 0, revalidate: ttlSeconds, expire: ttlSeconds } : NOT_KEPT);
  return { lookup, askedAt };
}
