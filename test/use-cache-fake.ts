// Test support: an in-memory stand-in for Next's `"use cache"` directives and the `next/cache` functions
// the app calls, since a directive is a compiler transform and the real functions need a Next.js server
// around them. It keeps the behaviour the app relies on, as read in
// next/dist/server/use-cache/{use-cache-wrapper,handlers}.js and next/dist/server/lib/cache-handlers/default.js
// (16.4, `next start` without `cacheHandlers`, where "use cache" and "use cache: remote" share one store):
// - an entry is keyed on the function and its arguments, holds a copy of the result and is stamped with
//   the moment its fill started;
// - concurrent calls with one key share one fill until it is stored (cross-request deduplication); a fill
//   that throws is stored for nobody and its callers all get the error;
// - cacheTag() and cacheLife() work only inside a fill; several cacheLife() calls keep the lowest value of
//   each field; without one the `default` profile applies (revalidate 900 s);
// - an entry with `expire: 0` is not stored; one older than its `revalidate` is a miss (the default
//   handler drops entries at `revalidate`, without stale-while-revalidate);
// - revalidateTag(tag, { expire: 0 }) makes a miss of every entry with the tag whose fill started before it.
// Simplified: other revalidateTag profiles throw (the app uses none), and time is `Date.now()`, which the
// tests move on by hand (`nextCacheState.now`), one millisecond per call so that events never tie.
// Use, in a test file:
//   vi.mock("next/cache", async () => (await import("@/test/use-cache-fake")).nextCacheFake);
//   vi.mock("@/lib/server/cached-user-lookup", async (importOriginal) =>
//     (await import("@/test/use-cache-fake")).withUseCache(await importOriginal()));
//   beforeEach(() => { nextCacheState.reset(); vi.spyOn(Date, "now").mockImplementation(nextCacheState.now); });
import { AsyncLocalStorage } from "node:async_hooks";

type Life = { stale?: number; revalidate?: number; expire?: number };
type Fill = { tags: string[]; life: Life };
type Entry = { value: unknown; tags: string[]; startedAt: number; revalidateSeconds: number };

const DEFAULT_REVALIDATE_SECONDS = 900;
const DIRECTIVE = /^[^{]*\{\s*["']use cache(: remote)?["']/;

const fills = new AsyncLocalStorage<Fill>();
const entries = new Map<string, Entry>();
const pending = new Map<string, Promise<unknown>>();
const tagExpiredAt = new Map<string, number>();
const revalidations: { tag: string; profile: unknown }[] = [];
let clockMs = 0;

function currentFill(api: string): Fill {
  const fill = fills.getStore();
  if (!fill) throw new Error(`${api}() called outside a "use cache" function`);
  return fill;
}

function isFresh(entry: Entry): boolean {
  if (Date.now() - entry.startedAt > entry.revalidateSeconds * 1000) return false;
  return entry.tags.every((tag) => (tagExpiredAt.get(tag) ?? -Infinity) <= entry.startedAt);
}

async function fillEntry(key: string, run: () => Promise<unknown>): Promise<unknown> {
  const fill: Fill = { tags: [], life: {} };
  const startedAt = Date.now();
  const value = await fills.run(fill, run);
  const { revalidate = DEFAULT_REVALIDATE_SECONDS, expire } = fill.life;
  if (expire !== 0) entries.set(key, { value: structuredClone(value), tags: fill.tags, startedAt, revalidateSeconds: revalidate });
  return value;
}

function cached<A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    const key = JSON.stringify([name, args]);
    const entry = entries.get(key);
    if (entry && isFresh(entry)) return structuredClone(entry.value) as R;
    let shared = pending.get(key);
    if (!shared) {
      shared = fillEntry(key, () => fn(...args)).finally(() => pending.delete(key));
      pending.set(key, shared);
    }
    return structuredClone(await shared) as R;
  };
}

/** The module with each exported function that says "use cache" or "use cache: remote" wrapped as Next would. */
export function withUseCache<M extends Record<string, unknown>>(module: M): M {
  const wrapped: Record<string, unknown> = { ...module };
  let count = 0;
  for (const [name, value] of Object.entries(module)) {
    if (typeof value !== "function" || !DIRECTIVE.test(value.toString())) continue;
    wrapped[name] = cached(name, value as (...args: unknown[]) => Promise<unknown>);
    count += 1;
  }
  if (count === 0) throw new Error('withUseCache: the module exports no function that says "use cache"');
  return wrapped as M;
}

export const nextCacheFake = {
  cacheTag(...tags: string[]): void {
    currentFill("cacheTag").tags.push(...tags);
  },

  cacheLife(profile: Life): void {
    const fill = currentFill("cacheLife");
    for (const field of ["stale", "revalidate", "expire"] as const) {
      const value = profile[field];
      if (value !== undefined) fill.life[field] = Math.min(value, fill.life[field] ?? Infinity);
    }
  },

  revalidateTag(tag: string, profile: string | { expire?: number }): undefined {
    if (typeof profile !== "object" || profile.expire !== 0) {
      throw new Error(`revalidateTag profile ${JSON.stringify(profile)} is not modelled by the fake`);
    }
    revalidations.push({ tag, profile });
    tagExpiredAt.set(tag, Date.now());
    return undefined;
  },
};

/** What the tests look at and control. */
export const nextCacheState = {
  revalidations,
  entryCount: () => entries.size,
  storedValues: () => [...entries.values()].map((entry) => entry.value),
  /** The clock the fake and the code under test share: pass it to `vi.spyOn(Date, "now")`. */
  now(): number {
    clockMs += 1;
    return clockMs;
  },
  advanceSeconds(seconds: number) {
    clockMs += seconds * 1000;
  },
  reset() {
    entries.clear();
    pending.clear();
    tagExpiredAt.clear();
    revalidations.length = 0;
    clockMs = Date.UTC(2026, 0, 1);
  },
};
