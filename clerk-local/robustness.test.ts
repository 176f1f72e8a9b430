// Hostile and careless input to every part of the local Clerk over real HTTP: each answer is a
// Clerk-shaped 4xx, nothing reaches the 500 handler, and the server keeps answering readiness.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { jsonOf, overHttp, TEST_SECRET, type TestClerk } from "./testing/harness";

let running: TestClerk;
let devBrowser: string;
let userId: string;
let sessionId: string;
let emailAddressId: string;

type Probe = { method: string; path: string; body?: string; contentType?: string; auth?: string | null };

const bearer = `Bearer ${TEST_SECRET}`;
const TWO_MB = "x".repeat(2 * 1024 * 1024);
const HUGE = "y".repeat(100_000);

beforeAll(async () => {
  running = await overHttp();
  devBrowser = (await running.devBrowser()).token;
  const users = await jsonOf<{ id: string; primary_email_address_id: string }[]>(await running.bapi("GET", "/v1/users"));
  userId = users[0]!.id;
  emailAddressId = users[0]!.primary_email_address_id;
  sessionId = (await jsonOf<{ id: string }>(await running.bapi("POST", "/v1/sessions", { user_id: userId }))).id;
});

afterAll(async () => {
  await running.close();
});

function malformedBodies(path: string, method = "POST"): Probe[] {
  const json = (body: string): Probe => ({ method, path, body, contentType: "application/json" });
  return [
    json("{not json"),
    json("[1,2,3]"),
    json("null"),
    json('"a string"'),
    json("12"),
    json(JSON.stringify({ email_address: { nested: true }, password: 12345678 })),
    json(JSON.stringify({ email_address: [`${HUGE}@example.com`], password: HUGE })),
    json(JSON.stringify({ first_name: HUGE, username: ["array"], public_metadata: [1] })),
    json(JSON.stringify({ public_metadata: { blob: "z".repeat(9000) } })),
    json(TWO_MB),
    { method, path, body: "email_address=a@b.co&password=x", contentType: "application/x-www-form-urlencoded" },
    { method, path, body: "\u0000\u0001\u0002", contentType: "application/octet-stream" },
    { method, path, body: '{"a":1}', contentType: "text/plain" },
  ];
}

function probes(): Probe[] {
  const fapi = (path: string) => `${path}${path.includes("?") ? "&" : "?"}__clerk_db_jwt=${devBrowser}`;
  const form = (path: string, body: string): Probe => ({
    method: "POST",
    path: fapi(path),
    body,
    contentType: "application/x-www-form-urlencoded",
  });
  return [
    // Backend API bodies
    ...malformedBodies("/v1/users"),
    ...malformedBodies(`/v1/users/${userId}`, "PATCH"),
    ...malformedBodies(`/v1/users/${userId}/metadata`, "PATCH").filter((probe) => !probe.body?.includes("email_address")),
    ...malformedBodies(`/v1/users/${userId}/metadata`, "PUT"),
    ...malformedBodies(`/v1/users/${userId}/verify_password`),
    ...malformedBodies("/v1/email_addresses"),
    ...malformedBodies(`/v1/email_addresses/${emailAddressId}`, "PATCH"),
    { method: "POST", path: "/v1/email_addresses", body: JSON.stringify({ user_id: userId, email_address: "demo@example.com" }), contentType: "application/json" },
    { method: "POST", path: "/v1/email_addresses", body: JSON.stringify({ user_id: [userId], email_address: "n@example.com" }), contentType: "application/json" },
    { method: "PATCH", path: `/v1/email_addresses/${emailAddressId}`, body: JSON.stringify({ verified: false }), contentType: "application/json" },
    { method: "PATCH", path: `/v1/email_addresses/${emailAddressId}`, body: JSON.stringify({ primary: "yes" }), contentType: "application/json" },
    { method: "PATCH", path: `/v1/users/${userId}`, body: JSON.stringify({ primary_email_address_id: 7 }), contentType: "application/json" },
    { method: "POST", path: `/v1/users/${userId}/verify_password`, body: JSON.stringify({ password: "wrong-password" }), contentType: "application/json" },
    { method: "POST", path: "/v1/users/user_missing/verify_password", body: JSON.stringify({ password: "x" }), contentType: "application/json" },
    ...malformedBodies("/v1/sessions"),
    { method: "POST", path: "/v1/sessions", body: JSON.stringify({ user_id: 42 }), contentType: "application/json" },
    { method: "POST", path: "/v1/sessions", body: JSON.stringify({ user_id: HUGE }), contentType: "application/json" },
    ...[1e308, -1, 0, 1.5, "10", null, []].map((value) => ({
      method: "POST",
      path: `/v1/sessions/${sessionId}/tokens`,
      body: JSON.stringify({ expires_in_seconds: value }),
      contentType: "application/json",
    })),
    // Backend API queries and ids
    ...["limit=1e309", "limit=0", "limit=-5", "limit=abc", "limit=99999999999999999999", "offset=-1", "offset=1.5", "order_by=bogus", "order_by=%zz", "limit=%E0%A4%A"].map(
      (query) => ({ method: "GET", path: `/v1/users?${query}` }),
    ),
    ...[
      "created_at_before=x",
      "last_active_at_after=1e3",
      "last_sign_in_at_before=-1",
      "banned=2",
      "order_by=%2B",
      "order_by=-",
      `order_by=${"z".repeat(5000)}`,
      `query=${"q".repeat(5000)}`,
      "provider=oauth_github",
      "starting_after=user_missing",
      "starting_after=x&offset=3",
      Array.from({ length: 101 }, (_, i) => `email_address=${i}@example.com`).join("&"),
    ].flatMap((query) => [
      { method: "GET", path: `/v1/users?${query}` },
      // The count takes the filters, not the order or the cursor.
      ...(/^(order_by|starting_after)=/.test(query) ? [] : [{ method: "GET", path: `/v1/users/count?${query}` }]),
    ]),
    ...["%00", "..%2F..%2Fetc", "idn_%E0%A4%A", "a".repeat(5000)].flatMap((id) => [
      { method: "GET", path: `/v1/email_addresses/${id}` },
      { method: "DELETE", path: `/v1/email_addresses/${id}` },
    ]),
    { method: "DELETE", path: `/v1/email_addresses/${emailAddressId}` },
    { method: "GET", path: "/v1/sessions" },
    { method: "GET", path: `/v1/sessions?user_id=${userId}&status=bogus` },
    ...["%00", "..%2F..%2Fetc%2Fpasswd", "user_%E0%A4%A", "'%20OR%201=1", "a".repeat(5000), "%F0%9F%92%A9"].map((id) => ({
      method: "GET",
      path: `/v1/users/${id}`,
    })),
    { method: "DELETE", path: "/v1/users/user_missing" },
    { method: "POST", path: "/v1/sessions/sess_missing/revoke" },
    { method: "GET", path: "/v1/clients/handshake_payload?nonce=x" },
    // Wrong methods and unknown paths
    { method: "DELETE", path: "/v1/jwks" },
    { method: "PUT", path: "/v1/users" },
    { method: "PATCH", path: "/v1/sessions" },
    { method: "POST", path: "/v1/users/count" },
    { method: "PUT", path: "/v1/email_addresses" },
    { method: "GET", path: `/v1/users/${userId}/verify_password` },
    { method: "GET", path: "/v1/email_addresses", auth: null },
    { method: "GET", path: "/v1/does/not/exist" },
    // Authentication
    { method: "GET", path: "/v1/users", auth: null },
    { method: "GET", path: "/v1/users", auth: `Bearer ${"k".repeat(8000)}` },
    { method: "GET", path: "/v1/users", auth: "Basic Zm9vOmJhcg==" },
    // Frontend API
    { method: "GET", path: "/v1/client" },
    { method: "GET", path: `/v1/client?__clerk_db_jwt=${"d".repeat(8000)}` },
    { method: "POST", path: fapi("/v1/environment?_method=BOGUS") },
    form("/v1/client/sign_ins", ""),
    form("/v1/client/sign_ins", `identifier=${HUGE}`),
    form("/v1/client/sign_ins", "identifier=%E0%A4%A&password=%zz"),
    { method: "POST", path: fapi("/v1/client/sign_ins"), body: "{oops", contentType: "application/json" },
    { method: "POST", path: fapi("/v1/client/sign_ins"), body: "[]", contentType: "application/json" },
    { method: "POST", path: fapi("/v1/client/sign_ins"), body: TWO_MB, contentType: "application/x-www-form-urlencoded" },
    form("/v1/client/sign_ins/sia_missing/attempt_first_factor", "strategy=password&password=x"),
    form("/v1/client/sign_ups", `email_address=${HUGE}`),
    form("/v1/client/sign_ups", "email_address=demo@example.com"),
    form("/v1/client/sign_ups", "password=short"),
    form("/v1/client/sign_ups/sua_missing/attempt_verification", "code=000000"),
    form("/v1/client/sessions/sess_missing/tokens", ""),
    form("/v1/client/sessions/sess_missing/touch", ""),
    { method: "GET", path: "/v1/client/handshake?redirect_url=javascript:alert(1)" },
    { method: "GET", path: `/v1/client/handshake?redirect_url=${"y".repeat(8000)}` },
    { method: "GET", path: "/v1/client/handshake" },
    // Controls
    { method: "PUT", path: "/__clerk_local/config", body: "{bad", contentType: "application/json" },
    { method: "PUT", path: "/__clerk_local/config", body: "[]", contentType: "application/json" },
    { method: "PUT", path: "/__clerk_local/config", body: TWO_MB, contentType: "application/json" },
    { method: "PUT", path: "/__clerk_local/config", body: "bapi_latency_ms=5", contentType: "application/x-www-form-urlencoded" },
    { method: "PUT", path: "/__clerk_local/config", body: JSON.stringify({ bapi_latency_ms: 1e308 }), contentType: "application/json" },
    { method: "PUT", path: "/__clerk_local/config", body: JSON.stringify({ [HUGE]: 1 }), contentType: "application/json" },
    { method: "PUT", path: "/__clerk_local/config", body: JSON.stringify({ token_ttl_s: -1 }), contentType: "text/plain" },
    { method: "DELETE", path: "/__clerk_local/health" },
    { method: "GET", path: "/__clerk_local/reset" },
    // None of these names a valid `seconds`, so the server must stay up (the test would fail otherwise).
    ...malformedBodies("/__clerk_local/outage"),
    { method: "GET", path: "/__clerk_local/outage" },
    { method: "GET", path: "/__clerk_local/unknown" },
    // Static bundles and avatars
    { method: "GET", path: "/npm/@clerk/clerk-js@6/dist/%00" },
    { method: "GET", path: "/npm/@clerk/clerk-js@6/dist/..%2F..%2Fpackage.json" },
    { method: "GET", path: "/npm/@clerk/nope@1/dist/x.js" },
  ];
}

async function send(probe: Probe): Promise<Response> {
  const headers: Record<string, string> = {};
  const auth = probe.auth === undefined ? bearer : probe.auth;
  if (auth) headers.Authorization = auth;
  if (probe.contentType) headers["Content-Type"] = probe.contentType;
  return running.request(probe.path, { method: probe.method, headers, body: probe.body, redirect: "manual" });
}

describe("malformed input everywhere", () => {
  it("answers every probe with a Clerk-shaped 4xx and keeps answering readiness", async () => {
    const unexpected = vi.spyOn(console, "error");
    for (const probe of probes()) {
      const label = `${probe.method} ${probe.path.slice(0, 120)} ${probe.body?.slice(0, 60) ?? ""}`;
      const response = await send(probe);
      expect(response.status, label).toBeGreaterThanOrEqual(400);
      expect(response.status, label).toBeLessThan(500);
      const text = await response.text();
      let body: { errors?: { code?: unknown; message?: unknown }[] } = {};
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        throw new Error(`${label}: ${response.status} answered with a body that is not JSON: ${text.slice(0, 200)}`);
      }
      expect(response.headers.get("content-type"), label).toBe("application/json");
      expect(typeof body.errors?.[0]?.code, label).toBe("string");
      expect(typeof body.errors?.[0]?.message, label).toBe("string");
    }
    expect(unexpected).not.toHaveBeenCalled();
    unexpected.mockRestore();

    expect(await running.controls.isUp()).toBe(true);
    // The refused Backend API changes left the user as it was.
    const user = await jsonOf<{
      primary_email_address_id: string;
      email_addresses: { id: string; verification: { status: string } }[];
      public_metadata: Record<string, unknown>;
    }>(await running.bapi("GET", `/v1/users/${userId}`));
    expect(user.primary_email_address_id).toBe(emailAddressId);
    expect(user.email_addresses.map((e) => [e.id, e.verification.status])).toEqual([[emailAddressId, "verified"]]);
    expect(user.public_metadata).toEqual({});
    // The settings survived the bad updates untouched.
    expect(await running.controls.config()).toMatchObject({ bapi_latency_ms: 0, token_ttl_s: 60 });
    // Hundreds of sequential requests: give a machine busy with other work room.
  }, 30_000);
});
