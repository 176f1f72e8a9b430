import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as z from "@/lib/zod";

import { apiGet, parseRetryAfter, resultFromServerAnswer, TOKEN_DEADLINE_MS } from "@/lib/api-client";

const GreetingSchema = z.strictObject({ value: z.string() });
const getToken = vi.fn<() => Promise<string | null>>();
const fetchMock = vi.fn<typeof fetch>();

function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

beforeEach(() => {
  getToken.mockResolvedValue("session.jwt.token");
  vi.stubGlobal("fetch", fetchMock);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetAllMocks();
});

describe("apiGet", () => {
  it("sends the session token as a Bearer header and returns the parsed body", async () => {
    const response = jsonResponse({ value: "Important stuff" });
    response.headers.set("X-User-Updated-At", "1700000000000");
    fetchMock.mockResolvedValue(response);

    const result = await apiGet("/api/admin", getToken, GreetingSchema);

    expect(result).toMatchObject({ ok: true, data: { value: "Important stuff" } });
    // The response's headers come along, for callers that read freshness from them.
    expect(result.ok && result.headers.get("X-User-Updated-At")).toBe("1700000000000");
    const [path, init] = fetchMock.mock.calls[0] ?? [];
    expect(path).toBe("/api/admin");
    expect(new Headers(init?.headers).get("Authorization")).toBe("Bearer session.jwt.token");
  });

  it("returns the server's envelope for a 401", async () => {
    fetchMock.mockResolvedValue(
      jsonResponse({ code: "unauthenticated", message: "invalid token", details: null }, 401),
    );

    const result = await apiGet("/api/me", getToken, GreetingSchema);

    expect(result).toEqual({
      ok: false,
      error: { status: 401, code: "unauthenticated", message: "invalid token" },
    });
  });

  it("carries Retry-After from a 503", async () => {
    fetchMock.mockResolvedValue(
      jsonResponse({ code: "unavailable", message: "try later", details: null }, 503, { "Retry-After": "12" }),
    );

    const result = await apiGet("/api/me", getToken, GreetingSchema);

    expect(result).toEqual({
      ok: false,
      error: { status: 503, code: "unavailable", message: "try later", retryAfter: 12 },
    });
  });

  it("infers the code from the status when a proxy answers with HTML", async () => {
    fetchMock.mockResolvedValue(
      new Response("<html><body>502 Bad Gateway</body></html>", {
        status: 502,
        headers: { "Content-Type": "text/html" },
      }),
    );

    const result = await apiGet("/api/me", getToken, GreetingSchema);

    expect(result).toEqual({
      ok: false,
      error: { status: 502, code: "unavailable", message: "The server answered with HTTP 502." },
    });
  });

  it("turns a failed fetch into a network error", async () => {
    fetchMock.mockRejectedValue(new TypeError("Failed to fetch"));

    const result = await apiGet("/api/me", getToken, GreetingSchema);

    expect(result).toEqual({
      ok: false,
      error: { status: null, code: "network_error", message: "The server could not be reached." },
    });
  });

  it("reports a signed-out user without sending a request", async () => {
    getToken.mockResolvedValue(null);

    const result = await apiGet("/api/me", getToken, GreetingSchema);

    expect(result).toEqual({ ok: false, error: { status: null, code: "signed_out", message: "You are signed out." } });
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("treats a token Clerk cannot give as Clerk being unavailable, without sending a request", async () => {
    getToken.mockRejectedValue(new Error("ClerkAPIResponseError: Service unavailable"));

    const result = await apiGet("/api/me", getToken, GreetingSchema);

    expect(result).toMatchObject({ ok: false, error: { status: null, code: "auth_unavailable" } });
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("gives up on a token that does not come within the deadline", async () => {
    vi.useFakeTimers();
    try {
      getToken.mockReturnValue(new Promise(() => {}));
      const pending = apiGet("/api/me", getToken, GreetingSchema);
      await vi.advanceTimersByTimeAsync(TOKEN_DEADLINE_MS - 1);
      let settled = false;
      void pending.then(() => (settled = true));
      await vi.advanceTimersByTimeAsync(0);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(await pending).toMatchObject({ ok: false, error: { code: "auth_unavailable" } });
      expect(fetchMock).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });

  it("says the browser is offline when it is, for a token or a fetch that fails", async () => {
    vi.stubGlobal("navigator", { onLine: false });
    getToken.mockRejectedValueOnce(new Error("ClerkOfflineError"));
    expect(await apiGet("/api/me", getToken, GreetingSchema)).toMatchObject({ ok: false, error: { code: "offline" } });
    fetchMock.mockRejectedValue(new TypeError("Failed to fetch"));
    expect(await apiGet("/api/me", getToken, GreetingSchema)).toMatchObject({ ok: false, error: { code: "offline" } });
  });

  it("rejects a 200 whose body does not match the schema", async () => {
    fetchMock.mockResolvedValue(jsonResponse({ value: 42 }));

    const result = await apiGet("/api/admin", getToken, GreetingSchema);

    expect(result).toMatchObject({ ok: false, error: { status: 200, code: "invalid_response" } });
  });
});

describe("resultFromServerAnswer", () => {
  it("reads an answer the page was rendered with as a fetched one: data and headers, the envelope, the schema", () => {
    const ok = resultFromServerAnswer({ status: 200, body: { value: "Important stuff" }, headers: { "X-User-Updated-At": "17" } }, GreetingSchema);
    expect(ok).toMatchObject({ ok: true, data: { value: "Important stuff" } });
    expect(ok.ok && ok.headers.get("X-User-Updated-At")).toBe("17");

    const denied = { code: "permission_denied", message: "The admin role is needed for this endpoint.", details: null };
    expect(resultFromServerAnswer({ status: 403, body: denied }, GreetingSchema)).toEqual({
      ok: false,
      error: { status: 403, code: "permission_denied", message: denied.message },
    });
    expect(resultFromServerAnswer({ status: 200, body: { value: 42 } }, GreetingSchema)).toMatchObject({
      ok: false,
      error: { status: 200, code: "invalid_response" },
    });
  });
});

describe("parseRetryAfter", () => {
  it("reads delay-seconds and HTTP dates", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");

    expect(parseRetryAfter("30", now)).toBe(30);
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:10 GMT", now)).toBe(10);
    expect(parseRetryAfter("Tue, 31 Dec 2024 23:59:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
