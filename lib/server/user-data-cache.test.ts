import { beforeEach, describe, expect, it, vi } from "vitest";

import { nextCacheState } from "@/test/next-cache-fake";
import { createUserDataCache, userDataTag } from "@/lib/server/user-data-cache";
import type { UserData } from "@/lib/user-data";

vi.mock("next/cache", async () => (await import("@/test/next-cache-fake")).nextCacheFake);

function userData(id: string, firstName = "Ada"): UserData {
  return {
    id,
    username: null,
    first_name: firstName,
    last_name: "Lovelace",
    profile_image_url: `https://img.clerk.com/${id}`,
    primary_email_address_id: null,
    email_addresses: [],
  };
}

/** A promise the test settles by hand, to hold a look-up "in flight". */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const load = vi.fn<(userId: string) => Promise<UserData>>();
let ttlSeconds = 300;
let cache = createUserDataCache({ load, ttlSeconds: () => ttlSeconds });

beforeEach(() => {
  nextCacheState.reset();
  load.mockReset();
  ttlSeconds = 300;
  cache = createUserDataCache({ load, ttlSeconds: () => ttlSeconds });
});

describe("createUserDataCache", () => {
  it("makes one call for concurrent look-ups of the same user, and one per user", async () => {
    const ada = deferred<UserData>();
    load.mockImplementation((id) => (id === "user_ada" ? ada.promise : Promise.resolve(userData(id, "Grace"))));

    const lookups = [cache.get("user_ada"), cache.get("user_ada"), cache.get("user_ada"), cache.get("user_grace")];
    ada.resolve(userData("user_ada"));
    const results = await Promise.all(lookups);

    expect(load.mock.calls).toEqual([["user_ada"], ["user_grace"]]);
    expect(results.map((result) => result.id)).toEqual(["user_ada", "user_ada", "user_ada", "user_grace"]);
  });

  it("serves later look-ups from the cache until the TTL runs out", async () => {
    load.mockImplementation(async (id) => userData(id));

    await cache.get("user_ada");
    nextCacheState.advanceSeconds(299);
    expect(await cache.get("user_ada")).toEqual(userData("user_ada"));
    expect(load).toHaveBeenCalledTimes(1);

    nextCacheState.advanceSeconds(2);
    await cache.get("user_ada");
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("reads the TTL on every look-up", async () => {
    load.mockImplementation(async (id) => userData(id));
    ttlSeconds = 10;

    await cache.get("user_ada");
    nextCacheState.advanceSeconds(11);
    await cache.get("user_ada");

    expect(load).toHaveBeenCalledTimes(2);
  });

  it("never caches a failure: concurrent callers share it, the next look-up tries again", async () => {
    const failing = deferred<UserData>();
    load.mockReturnValueOnce(failing.promise).mockImplementation(async (id) => userData(id));

    const first = cache.get("user_ada");
    const second = cache.get("user_ada");
    failing.reject(new Error("Clerk is down"));

    await expect(first).rejects.toThrow("Clerk is down");
    await expect(second).rejects.toThrow("Clerk is down");
    expect(load).toHaveBeenCalledTimes(1);
    expect(nextCacheState.entryCount()).toBe(0);

    expect(await cache.get("user_ada")).toEqual(userData("user_ada"));
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("invalidate expires the user's tag at once and the next look-up asks again", async () => {
    load.mockResolvedValueOnce(userData("user_ada", "Ada")).mockResolvedValueOnce(userData("user_ada", "Augusta"));
    await cache.get("user_ada");

    cache.invalidate("user_ada");

    expect(nextCacheState.revalidations).toEqual([{ tag: userDataTag("user_ada"), profile: { expire: 0 } }]);
    expect((await cache.get("user_ada")).first_name).toBe("Augusta");
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("leaves other users' entries alone on invalidate", async () => {
    load.mockImplementation(async (id) => userData(id));
    await cache.get("user_ada");
    await cache.get("user_grace");

    cache.invalidate("user_ada");
    await cache.get("user_grace");

    expect(load).toHaveBeenCalledTimes(2);
  });

  it("asks Clerk again when the user changed while a look-up was in flight, before anything is stored", async () => {
    const before = deferred<UserData>();
    load.mockReturnValueOnce(before.promise).mockResolvedValueOnce(userData("user_ada", "Augusta"));

    const early = cache.get("user_ada");
    cache.invalidate("user_ada");
    const late = cache.get("user_ada");
    before.resolve(userData("user_ada", "Ada"));

    expect((await early).first_name).toBe("Augusta");
    expect((await late).first_name).toBe("Augusta");
    expect((await cache.get("user_ada")).first_name).toBe("Augusta");
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("gives up asking again after three answers if the user keeps changing", async () => {
    let calls = 0;
    load.mockImplementation(async (id) => {
      calls += 1;
      await Promise.resolve();
      cache.invalidate(id); // a webhook arrives while every call waits for Clerk
      return userData(id, `Version${calls}`);
    });

    expect((await cache.get("user_ada")).first_name).toBe("Version3");
    expect(load).toHaveBeenCalledTimes(3);
  });

  it("tags each entry with the user id", () => {
    expect(userDataTag("user_2Zf9kQ1rX8mT4vB7nL3pW6yH0cJ")).toBe("clerk-user:user_2Zf9kQ1rX8mT4vB7nL3pW6yH0cJ");
  });
});
