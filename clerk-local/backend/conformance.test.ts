// The Backend API as the real @clerk/backend client sees it, over HTTP: every call here is one an app
// or @clerk/testing makes against real Clerk.
import { createClerkClient, verifyToken } from "@clerk/backend";
import { describe, expect, it } from "vitest";
import { DEMO_USER } from "../config";
import { clerkApiError, overHttp, serverPerFile, TEST_SECRET, WITH_USERNAMES } from "../testing/harness";

const local = serverPerFile({}, WITH_USERNAMES);

const apiError = clerkApiError;

describe("users through createClerkClient", () => {
  it("reports the actual port it listens on", () => {
    expect(local.clerk.port).toBeGreaterThan(0);
    expect(local.clerk.url).toBe(`http://127.0.0.1:${local.clerk.port}`);
    expect(local.clerk.appEnv.CLERK_API_URL).toBe(local.clerk.url);
  });

  it("creates, gets, updates and deletes a user", async () => {
    const created = await local.backend.users.createUser({
      emailAddress: ["ada@example.com"],
      password: "correct-horse-battery",
      firstName: "Ada",
      lastName: "Lovelace",
      username: "ada_l",
      publicMetadata: { role: "admin", prefs: { theme: "dark" } },
      privateMetadata: { plan: "pro" },
    });
    expect(created.id).toMatch(/^user_/);
    expect(created.primaryEmailAddress?.emailAddress).toBe("ada@example.com");
    expect(created.passwordEnabled).toBe(true);
    expect(created.publicMetadata).toEqual({ role: "admin", prefs: { theme: "dark" } });

    const fetched = await local.backend.users.getUser(created.id);
    expect(fetched.fullName).toBe("Ada Lovelace");
    expect(fetched.privateMetadata).toEqual({ plan: "pro" });

    const updated = await local.backend.users.updateUser(created.id, { firstName: "Augusta", username: "augusta" });
    expect(updated.firstName).toBe("Augusta");
    expect(updated.username).toBe("augusta");
    expect(updated.updatedAt).toBeGreaterThanOrEqual(created.updatedAt);

    const merged = await local.backend.users.updateUserMetadata(created.id, { publicMetadata: { prefs: { lang: "en" }, role: null } });
    expect(merged.publicMetadata).toEqual({ prefs: { theme: "dark", lang: "en" } });

    const deleted = await local.backend.users.deleteUser(created.id);
    expect(deleted).toMatchObject({ id: created.id, object: "user", deleted: true });

    const error = await apiError(local.backend.users.getUser(created.id));
    expect(error.status).toBe(404);
    expect(error.errors[0]?.code).toBe("resource_not_found");
  });

  it("lists with filters, limit, offset and order, with totalCount, and counts", async () => {
    for (const name of ["b", "c", "a"]) {
      await local.backend.users.createUser({ emailAddress: [`${name}@example.com`], password: "long-enough-1", firstName: name });
    }
    const all = await local.backend.users.getUserList({ limit: 100 });
    expect(all.totalCount).toBe(4);
    // Newest first by default, like Clerk.
    expect(all.data.map((u) => u.firstName)).toEqual(["a", "c", "b", DEMO_USER.firstName]);

    const page = await local.backend.users.getUserList({ limit: 2, offset: 1, orderBy: "+first_name" });
    expect(page.data.map((u) => u.firstName)).toEqual(["b", "c"]);
    expect(page.totalCount).toBe(4);

    const byEmail = await local.backend.users.getUserList({ emailAddress: ["a@example.com", "c@example.com"] });
    expect(byEmail.data.map((u) => u.firstName).sort()).toEqual(["a", "c"]);
    expect(byEmail.totalCount).toBe(2);

    const demo = (await local.backend.users.getUserList({ emailAddress: [DEMO_USER.email] })).data[0]!;
    const byId = await local.backend.users.getUserList({ userId: [demo.id] });
    expect(byId.data.map((u) => u.id)).toEqual([demo.id]);

    expect(await local.backend.users.getCount()).toBe(4);
    expect(await local.backend.users.getCount({ query: "example.com" })).toBe(4);
    expect(await local.backend.users.getCount({ emailAddress: ["nobody@example.com"] })).toBe(0);
  });

  it("answers bad input with a 422 form_* error", async () => {
    const badEmail = await apiError(local.backend.users.createUser({ emailAddress: ["not-an-email"], password: "long-enough-1" }));
    expect(badEmail.status).toBe(422);
    expect(badEmail.errors[0]?.code).toMatch(/^form_/);
    expect(badEmail.errors[0]?.meta?.paramName).toBe("email_address");

    const taken = await apiError(local.backend.users.createUser({ emailAddress: [DEMO_USER.email], password: "long-enough-1" }));
    expect(taken.status).toBe(422);
    expect(taken.errors[0]?.code).toBe("form_identifier_exists");

    const short = await apiError(local.backend.users.createUser({ emailAddress: ["x@example.com"], password: "short" }));
    expect(short.errors[0]?.code).toBe("form_password_length_too_short");

    const limit = await apiError(local.backend.users.getUserList({ limit: 501 }));
    expect(limit.status).toBe(422);
  });

  it("rejects a wrong secret key with 401", async () => {
    const wrong = createClerkClient({ secretKey: "sk_test_wrong", apiUrl: local.clerk.url });
    const error = await apiError(wrong.users.getUserList());
    expect(error.status).toBe(401);
    expect(error.errors[0]?.code).toBe("authentication_invalid");
  });
});

describe("sessions through createClerkClient", () => {
  it("creates, gets, lists, mints tokens for, and revokes a session", async () => {
    const demo = (await local.backend.users.getUserList({ emailAddress: [DEMO_USER.email] })).data[0]!;
    const session = await local.backend.sessions.createSession({ userId: demo.id });
    expect(session).toMatchObject({ userId: demo.id, status: "active" });
    expect((await local.backend.sessions.getSession(session.id)).id).toBe(session.id);

    const list = await local.backend.sessions.getSessionList({ userId: demo.id });
    expect(list.totalCount).toBe(1);
    expect(list.data.map((s) => s.id)).toEqual([session.id]);

    const { jwt } = await local.backend.sessions.getToken(session.id, "", 120);
    // No jwtKey: verifyToken fetches {apiUrl}/v1/jwks with the secret key, as an app without CLERK_JWT_KEY does.
    const claims = await verifyToken(jwt, { secretKey: TEST_SECRET, apiUrl: local.clerk.url });
    expect(claims).toMatchObject({ sub: demo.id, sid: session.id });
    expect(claims.exp - claims.iat).toBe(120);

    const defaultTtl = await local.backend.sessions.getToken(session.id, "");
    const defaultClaims = await verifyToken(defaultTtl.jwt, { secretKey: TEST_SECRET, apiUrl: local.clerk.url });
    expect(defaultClaims.exp - defaultClaims.iat).toBe(60);

    const revoked = await local.backend.sessions.revokeSession(session.id);
    expect(revoked.status).toBe("revoked");
    const error = await apiError(local.backend.sessions.getToken(session.id, ""));
    expect(error.status).toBe(404);

    const missing = await apiError(local.backend.sessions.getSession("sess_missing"));
    expect(missing.status).toBe(404);
    expect(missing.errors[0]?.code).toBe("resource_not_found");
  });

  it("refuses a session for an unknown user", async () => {
    const error = await apiError(local.backend.sessions.createSession({ userId: "user_missing" }));
    expect(error.status).toBe(422);
  });

  it("answers @clerk/testing's testing token call", async () => {
    const token = await local.backend.testingTokens.createTestingToken();
    expect(token.token).toEqual(expect.any(String));
  });
});

describe("latency, faults and counts as the client sees them", () => {
  it("delays every Backend API response by bapi_latency_ms", async () => {
    await local.clerk.controls.setConfig({ bapi_latency_ms: 150 });
    const started = performance.now();
    await local.backend.users.getCount();
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    // The Frontend API is not slowed down.
    const fapiStarted = performance.now();
    await fetch(`${local.clerk.url}/v1/dev_browser`, { method: "POST" });
    expect(performance.now() - fapiStarted).toBeLessThan(140);
  });

  it("answers 429 with Retry-After, 500 and 503 in Clerk's envelope", async () => {
    await local.clerk.controls.setConfig({ bapi_fault: { status: 429, rate: 1 } });
    const limited = await apiError(local.backend.users.getCount());
    expect(limited.status).toBe(429);
    expect(limited.retryAfter).toBe(1);
    expect(limited.errors[0]?.code).toBe("too_many_requests");

    await local.clerk.controls.setConfig({ bapi_fault: { status: 500 } });
    expect((await apiError(local.backend.users.getCount())).errors[0]?.code).toBe("internal_clerk_error");
    await local.clerk.controls.setConfig({ bapi_fault: { status: 503 } });
    expect((await apiError(local.backend.users.getCount())).errors[0]?.code).toBe("service_unavailable");

    await local.clerk.controls.setConfig({ bapi_fault: null });
    expect(await local.backend.users.getCount()).toBe(1);
  });

  it("fails exactly the configured fraction of requests", async () => {
    await local.clerk.controls.setConfig({ bapi_fault: { status: 503, rate: 0.25 } });
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => local.backend.users.getCount().then(() => "ok", () => "fault")),
    );
    expect(outcomes.filter((o) => o === "fault")).toHaveLength(5);
  });

  it("hangs requests in timeout mode until the client gives up, and frees them", async () => {
    await local.clerk.controls.setConfig({ bapi_fault: { mode: "timeout" } });
    const attempt = fetch(`${local.clerk.url}/v1/users/count`, {
      headers: { Authorization: `Bearer ${TEST_SECRET}` },
      signal: AbortSignal.timeout(200),
    });
    await expect(attempt).rejects.toThrow();
    // The server notices the client left and stops holding the request.
    await expect.poll(() => local.clerk.services.traffic.held.size).toBe(0);

    // A hung request is let go (503, never processed) when the fault is switched off.
    const hanging = fetch(`${local.clerk.url}/v1/users/count`, { headers: { Authorization: `Bearer ${TEST_SECRET}` } });
    await expect.poll(() => local.clerk.services.traffic.held.size).toBe(1);
    await local.clerk.controls.setConfig({ bapi_fault: null });
    expect((await hanging).status).toBe(503);
    expect(await local.backend.users.getCount()).toBe(1);
  });

  it("counts requests per route pattern", async () => {
    await local.clerk.controls.resetStats();
    const demo = (await local.backend.users.getUserList({ emailAddress: [DEMO_USER.email] })).data[0]!;
    await local.backend.users.getUser(demo.id);
    await local.backend.users.getUser(demo.id);
    await fetch(`${local.clerk.url}/v1/dev_browser`, { method: "POST" });
    const json = await local.clerk.controls.stats();
    expect(json.bapi).toEqual({ "GET /v1/users": 1, "GET /v1/users/count": 1, "GET /v1/users/:id": 2 });
    expect(json.fapi).toEqual({ "POST /v1/dev_browser": 1 });
  });
});

describe("closing", () => {
  it("ends hanging requests when the server closes", async () => {
    const other = await overHttp();
    await other.controls.setFault({ mode: "timeout" });
    const hanging = fetch(`${other.url}/v1/jwks`, { headers: { Authorization: `Bearer ${TEST_SECRET}` } });
    await expect.poll(() => other.services.traffic.held.size).toBe(1);
    const started = performance.now();
    await other.close();
    expect(performance.now() - started).toBeLessThan(500);
    expect((await hanging).status).toBe(503);
  });
});
