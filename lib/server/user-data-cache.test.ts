import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { userDataTag } from "@/lib/server/cached-user-lookup";
import type { UserLookup } from "@/lib/server/clerk-users";
import { getUserData, invalidateUserData } from "@/lib/server/user-data-cache";
import type { UserData } from "@/lib/user-data";
import { nextCacheState } from "@/test/use-cache-fake";

// The cache around the Clerk look-up, with the look-up itself stubbed: `use cache` is emulated by
// test/use-cache-fake.ts, the way Next 16.4's production server behaves.

const lookUpUser = vi.hoisted(() => vi.fn<(userId: string) => Promise<UserLookup>>());
const env = vi.hoisted(() => ({ ttl: undefined as string | undefined }));

vi.mock("@/lib/server/clerk-users", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/clerk-users")>()),
  lookUpUser,
}));
vi.mock("@/lib/env", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/env")>()),
  serverEnv: () => ({ USER_CACHE_TTL_SECONDS: env.ttl === undefined ? undefined : Number(env.ttl) }),
}));
vi.mock("next/cache", async () => (await import("@/test/use-cache-fake")).nextCacheFake);
vi.mock("@/lib/server/cached-user-lookup", async (importOriginal) =>
  (await import("@/test/use-cache-fake")).withUseCache(await importOriginal<Record<string, unknown>>()),
);

function found(id: string, firstName = "Ada"): UserLookup {
  const userData: UserData = {
    id,
    username: null,
    first_name: firstName,
    last_name: "Lovelace",
    profile_image_url: `https://img.clerk.com/${id}`,
    primary_email_address_id: null,
    email_addresses: [],
  };
  return { ok: true, userData, updatedAt: 1_700_000_000_000 };
}

const UNAVAILABLE: UserLookup = { ok: false, reason: "unavailable", retryAfterSeconds: null };

/** A promise the test settles by hand, to hold a look-up "in flight". */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

const firstName = (lookup: UserLookup) => (lookup.ok ? lookup.userData.first_name : lookup.reason);

beforeEach(() => {
  nextCacheState.reset();
  vi.spyOn(Date, "now").mockImplementation(nextCacheState.now);
  lookUpUser.mockReset();
  env.ttl = undefined;
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("getUserData", () => {
  it("makes one call for concurrent look-ups of the same user, and one per user", async () => {
    const ada = deferred<UserLookup>();
    lookUpUser.mockImplementation((id) => (id === "user_ada" ? ada.promise : Promise.resolve(found(id, "Grace"))));

    const lookups = [getUserData("user_ada"), getUserData("user_ada"), getUserData("user_ada"), getUserData("user_grace")];
    ada.resolve(found("user_ada"));
    const results = await Promise.all(lookups);

    expect(lookUpUser.mock.calls).toEqual([["user_ada"], ["user_grace"]]);
    expect(results.map(firstName)).toEqual(["Ada", "Ada", "Ada", "Grace"]);
  });

  it("serves later look-ups from the cache until USER_CACHE_TTL_SECONDS (default 300) runs out", async () => {
    lookUpUser.mockImplementation(async (id) => found(id));

    await getUserData("user_ada");
    nextCacheState.advanceSeconds(299);
    expect(await getUserData("user_ada")).toEqual(found("user_ada"));
    expect(lookUpUser).toHaveBeenCalledTimes(1);

    nextCacheState.advanceSeconds(2);
    await getUserData("user_ada");
    expect(lookUpUser).toHaveBeenCalledTimes(2);
  });

  it("keeps an entry exactly as long as the configured USER_CACHE_TTL_SECONDS", async () => {
    env.ttl = "10";
    lookUpUser.mockImplementation(async (id) => found(id));

    await getUserData("user_ada");
    nextCacheState.advanceSeconds(9);
    await getUserData("user_ada");
    expect(lookUpUser).toHaveBeenCalledTimes(1);
    nextCacheState.advanceSeconds(2);
    await getUserData("user_ada");

    expect(lookUpUser).toHaveBeenCalledTimes(2);
  });

  it("never caches a failure: concurrent callers share it, the next look-up asks again", async () => {
    const failing = deferred<UserLookup>();
    lookUpUser.mockReturnValueOnce(failing.promise).mockImplementation(async (id) => found(id));

    const first = getUserData("user_ada");
    const second = getUserData("user_ada");
    failing.resolve(UNAVAILABLE);

    expect(await first).toEqual(UNAVAILABLE);
    expect(await second).toEqual(UNAVAILABLE);
    expect(lookUpUser).toHaveBeenCalledTimes(1);
    expect(nextCacheState.entryCount()).toBe(0);

    expect(await getUserData("user_ada")).toEqual(found("user_ada"));
    expect(lookUpUser).toHaveBeenCalledTimes(2);
  });

  it("invalidateUserData expires the user's tag at once and the next look-up asks again", async () => {
    lookUpUser.mockResolvedValueOnce(found("user_ada", "Ada")).mockResolvedValueOnce(found("user_ada", "Augusta"));
    await getUserData("user_ada");

    invalidateUserData("user_ada");

    expect(nextCacheState.revalidations).toEqual([{ tag: userDataTag("user_ada"), profile: { expire: 0 } }]);
    expect(firstName(await getUserData("user_ada"))).toBe("Augusta");
    expect(lookUpUser).toHaveBeenCalledTimes(2);
  });

  it("leaves other users' entries alone on invalidate", async () => {
    lookUpUser.mockImplementation(async (id) => found(id));
    await getUserData("user_ada");
    await getUserData("user_grace");

    invalidateUserData("user_ada");
    await getUserData("user_grace");

    expect(lookUpUser).toHaveBeenCalledTimes(2);
  });

  it("asks Clerk again when the user changed while a look-up was in flight, and that answer is not kept", async () => {
    const before = deferred<UserLookup>();
    lookUpUser.mockReturnValueOnce(before.promise).mockResolvedValueOnce(found("user_ada", "Augusta"));

    const early = getUserData("user_ada");
    invalidateUserData("user_ada");
    // Joins the look-up in flight, whose answer predates the change.
    const late = getUserData("user_ada");
    before.resolve(found("user_ada", "Ada"));

    expect(firstName(await early)).toBe("Augusta");
    expect(firstName(await late)).toBe("Augusta");
    expect(firstName(await getUserData("user_ada"))).toBe("Augusta");
    expect(lookUpUser).toHaveBeenCalledTimes(2);
  });

  it("gives up asking again after three answers if the user keeps changing", async () => {
    let calls = 0;
    lookUpUser.mockImplementation(async (id) => {
      calls += 1;
      await Promise.resolve();
      invalidateUserData(id); // a webhook arrives while every call waits for Clerk
      return found(id, `Version${calls}`);
    });

    expect(firstName(await getUserData("user_ada"))).toBe("Version3");
    expect(lookUpUser).toHaveBeenCalledTimes(3);
  });

  it("does not ask again for an answer that left for Clerk after the change", async () => {
    lookUpUser.mockImplementation(async (id) => found(id));
    invalidateUserData("user_ada");

    await getUserData("user_ada");
    await getUserData("user_ada");

    expect(lookUpUser).toHaveBeenCalledTimes(1);
  });

  it("tags each entry with the user id", () => {
    expect(userDataTag("user_2Zf9kQ1rX8mT4vB7nL3pW6yH0cJ")).toBe("clerk-user:user_2Zf9kQ1rX8mT4vB7nL3pW6yH0cJ");
  });
});
