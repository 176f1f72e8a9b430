import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";

import { API_KEY_VERIFY_TIMEOUT_MS } from "@/lib/api-keys";
import { answerForKeyCheck, verifyWithClerk } from "@/lib/server/api-key-auth";
import { openVerifiedApiKey, VERIFIED_API_KEY_HEADER } from "@/lib/server/verified-api-key";
import { stubClerkFetchPerTest } from "@/test/clerk-fetch-stub";
import { clerkErrorResponse, clerkJsonResponse } from "@/test/clerk-user-json";

// The real Backend API client against a stubbed fetch: what each of Clerk's answers to
// `POST /api_keys/verify` becomes, and what the proxy answers for each outcome.
vi.mock("@clerk/nextjs/server", async () => {
  const { createClerkClient } = await import("@clerk/backend");
  return { createClerkClient: vi.fn(createClerkClient) };
});
vi.mock("@/lib/env", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/env")>()),
  serverEnv: () => ({ CLERK_SECRET_KEY: "sk_test_unit", CLERK_API_URL: "https://api.clerk.test" }),
}));

const SECRET = `ak_${"s3cr3t".repeat(6)}`;
const fetchMock = stubClerkFetchPerTest();

function keyJson(overrides: Record<string, unknown> = {}) {
  return {
    object: "api_key",
    id: `ak_${"1".repeat(32)}`,
    type: "api_key",
    subject: "user_2Zf9kQ1rX8mT4vB7nL3pW6yH0cJ",
    name: "ci",
    description: null,
    claims: null,
    scopes: ["read"],
    revoked: false,
    revocation_reason: null,
    expired: false,
    expiration: 1_900_000_000_000,
    created_by: null,
    last_used_at: null,
    created_at: 1_700_000_000_000,
    updated_at: 1_700_000_000_000,
    ...overrides,
  };
}

describe("verifyWithClerk", () => {
  it("sends the secret to POST /api_keys/verify and keeps the key's id, owner, scopes and expiry", async () => {
    fetchMock.mockResolvedValue(clerkJsonResponse(keyJson()));

    expect(await verifyWithClerk(SECRET)).toEqual({
      outcome: "valid",
      key: { id: `ak_${"1".repeat(32)}`, userId: "user_2Zf9kQ1rX8mT4vB7nL3pW6yH0cJ", scopes: ["read"] },
      expiresAt: 1_900_000_000_000,
    });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(String(url)).toBe("https://api.clerk.test/api_keys/verify");
    expect(JSON.parse(String(init?.body))).toEqual({ secret: SECRET });
  });

  it.each([
    ["Clerk's 404", () => clerkErrorResponse(404, "resource_not_found")],
    ["a 422", () => clerkErrorResponse(422, "form_param_value_invalid")],
    ["a revoked key Clerk still answered", () => clerkJsonResponse(keyJson({ revoked: true }))],
    ["an organization's key", () => clerkJsonResponse(keyJson({ subject: "org_2Zf9kQ1rX8mT4vB7nL3pW6yH0cJ" }))],
  ])("reads %s as an invalid key", async (_case, answer) => {
    fetchMock.mockResolvedValue(answer());
    expect(await verifyWithClerk(SECRET)).toEqual({ outcome: "invalid" });
  });

  it.each([
    ["a 429 with Retry-After", () => Promise.resolve(clerkErrorResponse(429, "too_many_requests", { "Retry-After": "7" })), 7, 1],
    ["a 503, three times", () => Promise.resolve(clerkErrorResponse(503, "service_unavailable")), null, 3],
    ["a refused connection, three times", () => Promise.reject(new TypeError("fetch failed")), null, 3],
  ])("reads %s as Clerk unavailable", async (_case, answer, retryAfterSeconds, calls) => {
    fetchMock.mockImplementation(answer);
    expect(await verifyWithClerk(SECRET)).toEqual({ outcome: "unavailable", retryAfterSeconds });
    expect(fetchMock).toHaveBeenCalledTimes(calls);
  });

  it("tries again after a 500, as the user look-up does, and a success then counts", async () => {
    fetchMock.mockResolvedValueOnce(clerkErrorResponse(500, "internal_clerk_error")).mockResolvedValueOnce(clerkJsonResponse(keyJson()));
    expect(await verifyWithClerk(SECRET)).toMatchObject({ outcome: "valid" });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it("gives up on a Clerk that does not answer, after its deadline", async () => {
    vi.useFakeTimers();
    try {
      fetchMock.mockReturnValue(new Promise<Response>(() => {}));
      const pending = verifyWithClerk(SECRET);
      await vi.advanceTimersByTimeAsync(API_KEY_VERIFY_TIMEOUT_MS);
      expect(await pending).toEqual({ outcome: "unavailable", retryAfterSeconds: null });
    } finally {
      vi.useRealTimers();
    }
  });

  it("reads Clerk refusing the app's own secret key as unexpected, and logs it without the API key", async () => {
    fetchMock.mockResolvedValue(clerkErrorResponse(401, "authentication_invalid"));
    expect(await verifyWithClerk(SECRET)).toEqual({ outcome: "unexpected" });
    const logged = JSON.stringify(vi.mocked(console.error).mock.calls);
    expect(logged).toContain("authentication_invalid");
    expect(logged).not.toContain(SECRET.slice(3));
  });
});

describe("answerForKeyCheck", () => {
  const request = () => new NextRequest("http://localhost:3000/api/me", { headers: { authorization: `Bearer ${SECRET}`, accept: "application/json" } });
  const KEY = { id: `ak_${"1".repeat(32)}`, userId: "user_ada", scopes: [] };

  it("passes a verified key on to the route, sealed, and the secret no further", () => {
    const response = answerForKeyCheck(request(), { outcome: "valid", key: KEY });
    const overridden = response.headers.get("x-middleware-override-headers")!.split(",");
    expect(overridden).toContain(VERIFIED_API_KEY_HEADER);
    expect(overridden).not.toContain("authorization");
    expect(openVerifiedApiKey(response.headers.get(`x-middleware-request-${VERIFIED_API_KEY_HEADER}`), "sk_test_unit")).toEqual(KEY);
    expect(JSON.stringify([...response.headers])).not.toContain(SECRET.slice(3));
  });

  it.each([
    [{ outcome: "invalid" } as const, 401, { code: "unauthenticated", message: "invalid token", details: null }, null],
    [{ outcome: "budget_spent", retryAfterSeconds: 4 } as const, 429, { code: "resource_exhausted" }, "4"],
    [{ outcome: "unavailable", retryAfterSeconds: 2 } as const, 503, { code: "unavailable" }, "2"],
    [{ outcome: "unexpected" } as const, 500, { code: "internal" }, null],
  ])("answers %j with %i and the envelope", async (check, status, body, retryAfter) => {
    const response = answerForKeyCheck(request(), check);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject(body);
    expect(response.headers.get("Retry-After")).toBe(retryAfter);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
  });
});
