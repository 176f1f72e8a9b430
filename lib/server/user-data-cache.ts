import "server-only";

import { revalidateTag } from "next/cache";

import { serverEnv, userCacheTtlSeconds } from "@/lib/env";
import { cachedUserLookup, userDataTag } from "@/lib/server/cached-user-lookup";
import { CLERK_LOOKUP_TIMEOUT_MS, type UserLookup } from "@/lib/server/clerk-users";

// The signed-in user's UserData for route handlers and server renders: cached per user with `use cache`,
// expired by Clerk's webhooks. Design, staleness and the race with webhooks: docs/cache.md.

/** How often one look-up asks again because the user kept changing while it waited. */
const MAX_ATTEMPTS_WHILE_CHANGING = 3;

/**
 * When a webhook last expired each user's entry on this instance, oldest first. An answer that asked
 * Clerk before that moment may predate the change: a request that joined a look-up already in flight.
 */
const changedAt = new Map<string, number>();

/**
 * The user's UserData from the cache, or from Clerk on a miss; a failure comes back as a value. With
 * `maxAgeMs`, an entry that asked Clerk longer ago than that is expired and asked again.
 */
export async function getUserData(userId: string, { maxAgeMs }: { maxAgeMs?: number } = {}): Promise<UserLookup> {
  for (let attempt = 1; ; attempt += 1) {
    const { lookup, askedAt } = await cachedUserLookup(userId);
    const changed = changedAt.get(userId);
    const predatesChange = lookup.ok && changed !== undefined && askedAt <= changed;
    const tooOld = lookup.ok && maxAgeMs !== undefined && Date.now() - askedAt > maxAgeMs;
    if ((!predatesChange && !tooOld) || attempt === MAX_ATTEMPTS_WHILE_CHANGING) return lookup;
    // Its entry is expired with the tag, so asking again reaches Clerk.
    if (tooOld && !predatesChange) expireUserData(userId);
  }
}

/** Expires the user's entry at once: the next `getUserData` waits for Clerk's current data. */
export function invalidateUserData(userId: string): void {
  const now = Date.now();
  forgetChangesBefore(now - userCacheTtlSeconds(serverEnv()) * 1000 - CLERK_LOOKUP_TIMEOUT_MS);
  changedAt.delete(userId);
  changedAt.set(userId, now);
  expireUserData(userId);
}

/** Expires the entry without recording a change: an answer merely old is not one that predates a change. */
function expireUserData(userId: string): void {
  // `expire: 0`: the next request waits for Clerk instead of getting the old profile once more.
  revalidateTag(userDataTag(userId), { expire: 0 });
}

/** No cached answer is older than the TTL, nor a look-up longer than its deadline: older marks can go. */
function forgetChangesBefore(horizon: number): void {
  for (const [userId, at] of changedAt) {
    if (at >= horizon) return;
    changedAt.delete(userId);
  }
}
