import { createClerkClient } from "@clerk/backend";
import { clerkClient } from "@clerk/nextjs/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { clerkJsonResponse, clerkUserJson } from "@/lib/clerk-user-json.fixture";
import { getUserData } from "@/lib/server/clerk-users";

// The real Backend API client against a stubbed fetch, so the errors getUserData sees are exactly
// the ones @clerk/backend throws for each kind of Clerk answer.
vi.mock("@clerk/nextjs/server", () => ({
  clerkClient: vi.fn(async () => createClerkClient({ secretKey: "sk_test_unit", apiUrl: "https://api.clerk.test" })),
}));

const USER_ID = "user_2Zf9kQ1rX8mT4vB7nL3pW6yH0cJ";
const fetchMock = vi.fn<typeof fetch>();

function clerkErrorResponse(status: number, code: string, headers: Record<string, string> = {}) {
  return clerkJsonResponse(
    { errors: [{ code, message: `${code} message`, long_message: `${code} long message` }], clerk_trace_id: "trace_1" },
    { status, headers },
  );
}

beforeEach(() => {
  vi.stubGlobal("fetch", fetchMock);
  vi.spyOn(console, "error").mockImplementation(() => {});
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  fetchMock.mockReset();
});

describe("getUserData", () => {
  it("returns the user's UserData", async () => {
    fetchMock.mockResolvedValue(clerkJsonResponse(clerkUserJson()));

    const lookup = await getUserData(USER_ID);

    expect(lookup.ok).toBe(true);
    expect(lookup.ok && lookup.userData.id).toBe(USER_ID);
    expect(String(fetchMock.mock.calls[0]?.[0])).toBe(`https://api.clerk.test/v1/users/${USER_ID}`);
  });

  it("reports a user Clerk no longer has as gone", async () => {
    fetchMock.mockResolvedValue(clerkErrorResponse(404, "resource_not_found"));

    expect(await getUserData(USER_ID)).toEqual({ ok: false, reason: "user_gone" });
  });

  it("reports rate limiting as unavailable, with Clerk's Retry-After", async () => {
    fetchMock.mockResolvedValue(clerkErrorResponse(429, "too_many_requests", { "Retry-After": "9" }));

    expect(await getUserData(USER_ID)).toEqual({ ok: false, reason: "unavailable", retryAfterSeconds: 9 });
  });

  it("reports a Clerk outage as unavailable", async () => {
    fetchMock.mockResolvedValue(clerkErrorResponse(502, "bad_gateway"));

    expect(await getUserData(USER_ID)).toEqual({ ok: false, reason: "unavailable", retryAfterSeconds: null });
  });

  it("reports an unreachable Clerk as unavailable", async () => {
    fetchMock.mockRejectedValue(
      new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) }),
    );

    expect(await getUserData(USER_ID)).toEqual({ ok: false, reason: "unavailable", retryAfterSeconds: null });
  });

  it("reports a network error that reaches it unwrapped as unavailable", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:4010"), { code: "ECONNREFUSED" });
    vi.mocked(clerkClient).mockRejectedValueOnce(new TypeError("fetch failed", { cause: refused }));

    expect(await getUserData(USER_ID)).toEqual({ ok: false, reason: "unavailable", retryAfterSeconds: null });
  });

  it("reports any other Clerk error as unexpected and logs what an operator needs", async () => {
    fetchMock.mockResolvedValue(clerkErrorResponse(401, "authentication_invalid"));

    expect(await getUserData(USER_ID)).toEqual({ ok: false, reason: "unexpected" });
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

    expect(await getUserData(USER_ID)).toEqual({ ok: false, reason: "unexpected" });
    expect(console.error).toHaveBeenCalledWith(
      "Clerk user lookup failed",
      expect.objectContaining({ name: "ZodError", issues: [expect.stringMatching(/^profile_image_url: /)] }),
    );
  });
});
