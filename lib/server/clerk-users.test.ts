import { beforeEach, describe, expect, it, vi } from "vitest";

import { stubClerkFetchPerTest } from "@/test/clerk-fetch-stub";
import { clerkErrorResponse, clerkJsonResponse, clerkUserJson } from "@/test/clerk-user-json";
import { nextCacheState } from "@/test/use-cache-fake";
import { CLERK_LOOKUP_TIMEOUT_MS, lookUpUser } from "@/lib/server/clerk-users";
import { getUserData, invalidateUserData } from "@/lib/server/user-data-cache";

// The real Backend API client against a stubbed fetch, so the errors the look-up sees are exactly the
// ones @clerk/backend throws for each kind of Clerk answer; `use cache` is emulated by
// test/use-cache-fake.ts.
vi.mock("@clerk/nextjs/server", async () => {
  const { createClerkClient } = await import("@clerk/backend");
  return { createClerkClient: vi.fn(createClerkClient) };
});
vi.mock("@/lib/env", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/env")>()),
  serverEnv: () => ({ CLERK_SECRET_KEY: "sk_test_unit", CLERK_API_URL: "https://api.clerk.test" }),
}));
vi.mock("next/cache", async () => (await import("@/test/use-cache-fake")).nextCacheFake);
vi.mock("@/lib/server/cached-user-lookup", async (importOriginal) =>
  (await import("@/test/use-cache-fake")).withUseCache(await importOriginal<Record<string, unknown>>()),
);

const USER_ID = "user_2Zf9kQ1rX8mT4vB7nL3pW6yH0cJ";
const fetchMock = stubClerkFetchPerTest();

beforeEach(() => {
  nextCacheState.reset();
  vi.spyOn(Date, "now").mockImplementation(nextCacheState.now);
});

describe("lookUpUser", () => {
  it("gives up on a Clerk that does not answer, after the deadline", async () => {
    vi.useFakeTimers();
    try {
      fetchMock.mockReturnValue(new Promise<Response>(() => {}));
      const pending = lookUpUser(USER_ID);
      await vi.advanceTimersByTimeAsync(CLERK_LOOKUP_TIMEOUT_MS);
      expect(await pending).toEqual({ ok: false, reason: "deadline_exceeded" });
    } finally {
      vi.useRealTimers();
    }
  });

  it("returns the user's UserData and when Clerk last changed the user", async () => {
    fetchMock.mockResolvedValue(clerkJsonResponse(clerkUserJson()));

    const lookup = await lookUpUser(USER_ID);

    expect(lookup.ok).toBe(true);
    expect(lookup.ok && lookup.userData.id).toBe(USER_ID);
    expect(lookup.ok && lookup.updatedAt).toBe(clerkUserJson().updated_at);
    expect(String(fetchMock.mock.calls[0]?.[0])).toBe(`https://api.clerk.test/v1/users/${USER_ID}`);
  });

  it("reports a user Clerk no longer has as gone", async () => {
    fetchMock.mockResolvedValue(clerkErrorResponse(404, "resource_not_found"));

    expect(await lookUpUser(USER_ID)).toEqual({ ok: false, reason: "user_gone" });
  });

  it("reports rate limiting as unavailable, with Clerk's Retry-After", async () => {
    fetchMock.mockResolvedValue(clerkErrorResponse(429, "too_many_requests", { "Retry-After": "9" }));

    expect(await lookUpUser(USER_ID)).toEqual({ ok: false, reason: "unavailable", retryAfterSeconds: 9 });
    expect(fetchMock, "a rate limit is not retried").toHaveBeenCalledTimes(1);
  });

  it("retries a momentary Clerk failure and returns the user", async () => {
    fetchMock
      .mockResolvedValueOnce(clerkErrorResponse(503, "service_unavailable"))
      .mockImplementation(async () => clerkJsonResponse(clerkUserJson()));

    const lookup = await lookUpUser(USER_ID);

    expect(lookup.ok && lookup.userData.id).toBe(USER_ID);
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it("tries three times in all before reporting an outage", async () => {
    fetchMock.mockImplementation(async () => clerkErrorResponse(500, "internal_clerk_error"));

    expect(await lookUpUser(USER_ID)).toEqual({ ok: false, reason: "unavailable", retryAfterSeconds: null });
    expect(fetchMock).toHaveBeenCalledTimes(3);
  });

  it("does not retry an answer that will not change: a missing user", async () => {
    fetchMock.mockResolvedValue(clerkErrorResponse(404, "resource_not_found"));

    await lookUpUser(USER_ID);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("reports a Clerk outage as unavailable", async () => {
    fetchMock.mockResolvedValue(clerkErrorResponse(502, "bad_gateway"));

    expect(await lookUpUser(USER_ID)).toEqual({ ok: false, reason: "unavailable", retryAfterSeconds: null });
  });

  it("reports an unreachable Clerk as unavailable", async () => {
    fetchMock.mockRejectedValue(
      new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) }),
    );

    expect(await lookUpUser(USER_ID)).toEqual({ ok: false, reason: "unavailable", retryAfterSeconds: null });
    expect(fetchMock, "a refused connection is retried").toHaveBeenCalledTimes(3);
  });

  it("reports any other Clerk error as unexpected and logs what an operator needs", async () => {
    fetchMock.mockResolvedValue(clerkErrorResponse(401, "authentication_invalid"));

    expect(await lookUpUser(USER_ID)).toEqual({ ok: false, reason: "unexpected" });
    expect(console.error).toHaveBeenCalledWith(
      "Clerk user lookup failed",
      expect.objectContaining({
        userId: USER_ID,
        status: 401,
        clerkTraceId: "trace_1",
        clerkErrors: [{ code: "authentication_invalid", message: "authentication_invalid message" }],
      }),
    );
  });

  it("reports a user that fails UserData validation as unexpected", async () => {
    fetchMock.mockResolvedValue(clerkJsonResponse({ ...clerkUserJson(), image_url: null }));

    expect(await lookUpUser(USER_ID)).toEqual({ ok: false, reason: "unexpected" });
    expect(console.error).toHaveBeenCalledWith(
      "Clerk user lookup failed",
      expect.objectContaining({ name: "ZodError", issues: [expect.stringMatching(/^profile_image_url: /)] }),
    );
  });
});

describe("getUserData, cached", () => {
  it("answers a second look-up from the cache without calling Clerk", async () => {
    fetchMock.mockImplementation(async () => clerkJsonResponse(clerkUserJson()));

    const first = await getUserData(USER_ID);
    const second = await getUserData(USER_ID);

    expect(second).toEqual(first);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("shares one Backend API call among concurrent look-ups of a user", async () => {
    fetchMock.mockImplementation(async () => clerkJsonResponse(clerkUserJson()));

    const lookups = await Promise.all([getUserData(USER_ID), getUserData(USER_ID), getUserData(USER_ID)]);

    expect(lookups.every((lookup) => lookup.ok)).toBe(true);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("does not cache a failed look-up", async () => {
    fetchMock
      .mockResolvedValueOnce(clerkErrorResponse(429, "too_many_requests"))
      .mockImplementation(async () => clerkJsonResponse(clerkUserJson()));

    expect((await getUserData(USER_ID)).ok).toBe(false);
    expect((await getUserData(USER_ID)).ok).toBe(true);
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it("caches the validated UserData, not Clerk's user with its private metadata", async () => {
    fetchMock.mockImplementation(async () => clerkJsonResponse(clerkUserJson()));

    await getUserData(USER_ID);
    const second = await getUserData(USER_ID);

    expect(second.ok && Object.keys(second.userData)).not.toContain("private_metadata");
    expect(JSON.stringify(second)).not.toContain("internal");
    expect(nextCacheState.storedValues()).toHaveLength(1);
    expect(JSON.stringify(nextCacheState.storedValues()), "what the cache holds").not.toMatch(/private_metadata|internal/);
  });

  it("asks Clerk again after invalidateUserData", async () => {
    fetchMock
      .mockResolvedValueOnce(clerkJsonResponse(clerkUserJson()))
      .mockResolvedValueOnce(clerkJsonResponse({ ...clerkUserJson(), first_name: "Augusta" }));

    await getUserData(USER_ID);
    invalidateUserData(USER_ID);
    const after = await getUserData(USER_ID);

    expect(after.ok && after.userData.first_name).toBe("Augusta");
    expect(nextCacheState.revalidations).toEqual([{ tag: `clerk-user:${USER_ID}`, profile: { expire: 0 } }]);
  });
});
