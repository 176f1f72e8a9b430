// Test support: an in-memory stand-in for the two `next/cache` functions the app uses, since the real
// ones need a Next.js server around them. It keeps the behaviour the app relies on, as read in
// next/dist/server/web/spec-extension/{unstable-cache,revalidate}.js (16.4):
// - unstable_cache keys an entry on its key parts plus the JSON of the arguments, stores the result
//   as JSON, stores nothing when the function throws, and does not coalesce concurrent misses;
// - revalidateTag(tag, { expire: 0 }) makes the next read of every entry with that tag a miss.
// Simplified: an entry past its TTL is a miss here (Next serves it once more while refreshing).
// Use: vi.mock("next/cache", async () => (await import("@/test/next-cache-fake")).nextCacheFake);

type Entry = { json: string; tags: string[]; storedAt: number; ttlSeconds: number | false | undefined };

type CacheOptions = { revalidate?: number | false; tags?: string[] };

const entries = new Map<string, Entry>();
const revalidations: { tag: string; profile: unknown }[] = [];
let nowMs = 0;

export const nextCacheFake = {
  unstable_cache<A extends unknown[], R>(
    callback: (...args: A) => Promise<R>,
    keyParts: string[] = [],
    options: CacheOptions = {},
  ): (...args: A) => Promise<R> {
    return async (...args: A) => {
      const key = JSON.stringify([keyParts, args]);
      const entry = entries.get(key);
      const fresh =
        entry &&
        (typeof entry.ttlSeconds !== "number" || nowMs - entry.storedAt < entry.ttlSeconds * 1000);
      if (entry && fresh) return JSON.parse(entry.json) as R;
      const result = await callback(...args);
      entries.set(key, {
        json: JSON.stringify(result),
        tags: options.tags ?? [],
        storedAt: nowMs,
        ttlSeconds: options.revalidate,
      });
      return result;
    };
  },

  revalidateTag(tag: string, profile: string | { expire?: number }): undefined {
    revalidations.push({ tag, profile });
    const expiresNow = typeof profile === "object" && profile.expire === 0;
    for (const [key, entry] of entries) {
      if (expiresNow && entry.tags.includes(tag)) entries.delete(key);
    }
    return undefined;
  },
};

/** What the tests look at and control. */
export const nextCacheState = {
  revalidations,
  entryCount: () => entries.size,
  advanceSeconds(seconds: number) {
    nowMs += seconds * 1000;
  },
  reset() {
    entries.clear();
    revalidations.length = 0;
    nowMs = 0;
  },
};
