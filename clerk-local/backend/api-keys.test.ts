// API keys as the real @clerk/backend client makes, lists, changes, revokes and verifies them (it calls
// `/api_keys` without `/v1`), and as clerkMiddleware's `authenticateRequest` accepts them; then the
// Frontend API's `/api_keys` the way clerk-js calls it for <APIKeys />: a session token as the Bearer.
import { createClerkClient } from "@clerk/backend";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { DEMO_USER } from "../config";
import { answerOf, clerkApiError, errorOf, serverPerFile, signIn, TEST_SECRET, userByEmail, type TestBrowser } from "../testing/harness";

const local = serverPerFile();
const KEYS_ON = { api_keys_settings: { enabled: true, user_api_keys_enabled: true } };

beforeEach(async () => {
  await local.clerk.controls.setInstance(KEYS_ON);
});

const demoUserId = async () => (await userByEmail(local.clerk, DEMO_USER.email))!.id;

async function keyCount(subject: string): Promise<number> {
  return (await local.backend.apiKeys.list({ subject, includeInvalid: true })).totalCount;
}

describe("the Backend API's API keys through createClerkClient", () => {
  it("shows the secret once, verifies it, and lists and gets the key without it", async () => {
    const subject = await demoUserId();
    const created = await local.backend.apiKeys.create({ name: "CI deploy", subject, description: "for CI", scopes: ["read"], claims: { team: "a" } });
    expect(created).toMatchObject({
      id: expect.stringMatching(/^ak_[0-9a-f]{32}$/),
      type: "api_key",
      name: "CI deploy",
      subject,
      description: "for CI",
      scopes: ["read"],
      claims: { team: "a" },
      revoked: false,
      expired: false,
      expiration: null,
      lastUsedAt: null,
      secret: expect.stringMatching(/^ak_[A-Za-z0-9_-]{43}$/),
    });
    expect(created.secret).not.toContain(created.id.slice(3));

    const verified = await local.backend.apiKeys.verify(created.secret!);
    expect(verified).toMatchObject({ id: created.id, subject, lastUsedAt: expect.any(Number) });
    expect(verified.secret).toBeUndefined();
    expect((await local.backend.apiKeys.get(created.id)).secret).toBeUndefined();
    const list = await local.backend.apiKeys.list({ subject });
    expect(list.totalCount).toBe(1);
    expect(list.data.map((key) => [key.id, key.secret])).toEqual([[created.id, undefined]]);

    // Only a hash is kept: the secret is never given back.
    const secret = await clerkApiError(local.backend.apiKeys.getSecret(created.id));
    expect(secret.status).toBe(400);
    expect(secret.errors[0]?.code).toBe("api_key_secret_unavailable");
  });

  it("is reached without /v1, as @clerk/backend calls it, and counted as the Backend API's", async () => {
    const subject = await demoUserId();
    const { secret } = await local.backend.apiKeys.create({ name: "counted", subject });
    await local.clerk.controls.resetStats();
    await local.backend.apiKeys.verify(secret!);
    const { bapi, fapi } = await local.clerk.controls.stats();
    expect(bapi).toMatchObject({ "POST /v1/api_keys/verify": 1 });
    expect(Object.keys(fapi)).toEqual([]);
    // The spec's own path answers too, and both refuse a wrong secret key.
    expect((await local.clerk.bapi("POST", "/v1/api_keys/verify", { secret })).status).toBe(200);
    for (const path of ["/api_keys/verify", "/v1/api_keys/verify"]) {
      expect((await errorOf(await local.clerk.bapi("POST", path, { secret }, { secret: "sk_test_wrong" }))).status).toBe(401);
    }
  });

  it("lists a subject's keys newest first, by page, by name, valid ones unless asked", async () => {
    const subject = await demoUserId();
    for (const name of ["alpha", "beta", "gamma"]) await local.backend.apiKeys.create({ name, subject });
    // @clerk/backend's list types no `query`; clerk-js's getAll sends it, as here.
    const beta = (await answerOf<{ data: { id: string }[] }>(await local.clerk.bapi("GET", `/api_keys?subject=${subject}&query=BET`))).body.data[0]!;
    await local.backend.apiKeys.revoke({ apiKeyId: beta.id });

    const valid = await local.backend.apiKeys.list({ subject });
    expect(valid.data.map((key) => key.name)).toEqual(["gamma", "alpha"]);
    const all = await local.backend.apiKeys.list({ subject, includeInvalid: true, limit: 2, offset: 1 });
    expect(all.totalCount).toBe(3);
    expect(all.data.map((key) => key.name)).toEqual(["beta", "alpha"]);
  });

  it("stops verifying a key once it is revoked, deleted, expired, or its user is gone", async () => {
    const subject = await demoUserId();
    const revoked = await local.backend.apiKeys.create({ name: "to revoke", subject });
    const answer = await local.backend.apiKeys.revoke({ apiKeyId: revoked.id, revocationReason: "leaked" });
    expect(answer).toMatchObject({ revoked: true, revocationReason: "leaked" });
    expect((await clerkApiError(local.backend.apiKeys.verify(revoked.secret!))).status).toBe(404);
    // Revoking again changes nothing.
    expect(await local.backend.apiKeys.revoke({ apiKeyId: revoked.id, revocationReason: "again" })).toMatchObject({ revocationReason: "leaked", updatedAt: answer.updatedAt });

    const deleted = await local.backend.apiKeys.create({ name: "to delete", subject });
    expect(await local.backend.apiKeys.delete(deleted.id)).toMatchObject({ id: deleted.id, object: "api_key", deleted: true });
    expect((await clerkApiError(local.backend.apiKeys.verify(deleted.secret!))).status).toBe(404);
    expect((await clerkApiError(local.backend.apiKeys.get(deleted.id))).status).toBe(404);

    const expiring = await local.backend.apiKeys.create({ name: "short", subject, secondsUntilExpiration: 1 });
    expect(expiring.expiration).toBeGreaterThan(Date.now());
    // Only the clock moves: the server runs in this process, so its Date.now() jumps too.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 1100);
    try {
      expect((await clerkApiError(local.backend.apiKeys.verify(expiring.secret!))).status).toBe(404);
      expect(await local.backend.apiKeys.get(expiring.id)).toMatchObject({ expired: true });
    } finally {
      vi.useRealTimers();
    }

    const user = await local.backend.users.createUser({ emailAddress: ["leaving@example.com"], password: "leaving-password-1" });
    const orphan = await local.backend.apiKeys.create({ name: "orphan", subject: user.id });
    await local.backend.users.deleteUser(user.id);
    expect((await clerkApiError(local.backend.apiKeys.verify(orphan.secret!))).status).toBe(404);
  });

  it("updates what Clerk lets an update change", async () => {
    const subject = await demoUserId();
    const key = await local.backend.apiKeys.create({ name: "updatable", subject });
    const updated = await local.backend.apiKeys.update({ apiKeyId: key.id, subject, description: "now described", scopes: ["a", "b"], claims: { x: 1 }, secondsUntilExpiration: 3600 });
    expect(updated).toMatchObject({ name: "updatable", description: "now described", scopes: ["a", "b"], claims: { x: 1 }, expiration: expect.any(Number) });
    expect(updated.updatedAt).toBeGreaterThanOrEqual(key.updatedAt);
    const moved = await clerkApiError(local.backend.apiKeys.update({ apiKeyId: key.id, subject: "user_abcdefghijklmnopqrstuvwxyz0", description: "moved" }));
    expect(moved.status).toBe(422);
    expect((await local.backend.apiKeys.get(key.id)).description).toBe("now described");
  });

  it("refuses bad input with Clerk's errors and creates nothing", async () => {
    const subject = await demoUserId();
    await local.backend.apiKeys.create({ name: "taken", subject });
    const refused = async (body: Record<string, unknown>) => errorOf(await local.clerk.bapi("POST", "/api_keys", body));

    expect(await refused({ subject })).toMatchObject({ status: 422, code: "form_param_missing", param: "name" });
    expect(await refused({ name: "ab", subject })).toMatchObject({ status: 422, code: "form_param_value_invalid", param: "name" });
    expect(await refused({ name: " padded ", subject })).toMatchObject({ status: 422, param: "name" });
    expect(await refused({ name: "fine", subject, admin: true })).toMatchObject({ status: 422, code: "form_param_unknown", param: "admin" });
    expect(await refused({ name: "fine", subject, seconds_until_expiration: 0 })).toMatchObject({ status: 422, param: "seconds_until_expiration" });
    expect(await refused({ name: "fine", subject: "org_abcdefghijklmnopqrstuvwxyz0" })).toMatchObject({ status: 422, param: "subject" });
    expect(await refused({ name: "fine", subject: "user_abcdefghijklmnopqrstuvwxyz0" })).toMatchObject({ status: 404, code: "resource_not_found" });
    expect(await refused({ name: "fine", subject, type: "machine_key" })).toMatchObject({ status: 422, param: "type" });
    expect(await refused({ name: "taken", subject })).toMatchObject({ status: 409, code: "token_creation_conflict", param: "name" });
    expect(await refused({ name: "fine", subject, claims: ["not", "an", "object"] })).toMatchObject({ status: 422, param: "claims" });
    expect((await local.clerk.bapi("POST", "/api_keys/verify", {})).status).toBe(422);
    expect((await local.clerk.bapi("GET", "/api_keys")).status).toBe(422);
    expect((await local.clerk.bapi("GET", `/api_keys?subject=${subject}&limit=101`)).status).toBe(422);
    expect((await local.clerk.bapi("GET", "/api_keys/ak_nothing")).status).toBe(404);

    await local.clerk.controls.setInstance({});
    const off = await clerkApiError(local.backend.apiKeys.create({ name: "fine", subject }));
    expect(off.status).toBe(403);
    expect(await keyCount(subject)).toBe(1);
  });

  it("signs a request in as the key's user through Clerk's own authenticateRequest", async () => {
    const subject = await demoUserId();
    const { secret, id } = await local.backend.apiKeys.create({ name: "middleware", subject, scopes: ["read"] });
    const clerk = createClerkClient({ secretKey: TEST_SECRET, apiUrl: local.clerk.url, publishableKey: local.clerk.appEnv.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY });
    const authenticate = (token: string) =>
      clerk.authenticateRequest(new Request("http://localhost:3000/api/me", { headers: { Authorization: `Bearer ${token}` } }), { acceptsToken: "api_key" });

    const state = await authenticate(secret!);
    expect(state.isAuthenticated).toBe(true);
    expect(state.toAuth()).toMatchObject({ tokenType: "api_key", id, subject, userId: subject, scopes: ["read"] });
    await local.backend.apiKeys.revoke({ apiKeyId: id });
    expect((await authenticate(secret!)).isAuthenticated).toBe(false);
    expect((await authenticate("ak_never_issued_0123456789abcdef")).isAuthenticated).toBe(false);
  });
});

/** A signed-in browser's session token, as clerk-js sends it to `/api_keys`. */
async function sessionToken(browser: TestBrowser): Promise<string> {
  const sessionId = await signIn(browser);
  return ((await (await browser.call("POST", `/v1/client/sessions/${sessionId}/tokens`, {})).json()) as { jwt: string }).jwt;
}

/** A Frontend API call to `/api_keys` with JSON and the Bearer, as clerk-js 6 makes it (tunnelled methods included). */
function fapi(method: string, path: string, token: string | null, body?: unknown) {
  const [pathname = "", search] = path.split("?");
  const query = new URLSearchParams(search);
  query.set("__clerk_api_version", "2026-05-12");
  if (method !== "GET" && method !== "POST") query.set("_method", method);
  return local.clerk.request(`${pathname}?${query.toString()}`, {
    method: method === "GET" ? "GET" : "POST",
    headers: { Origin: "http://localhost:3000", "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

type KeyJSON = { id: string; name: string; secret?: string; revoked: boolean; created_by: string | null };

describe("the Frontend API's API keys, as <APIKeys /> calls them", () => {
  it("creates (secret once), lists, describes and revokes the signed-in user's own keys", async () => {
    const token = await sessionToken(await local.clerk.devBrowser());
    const subject = await demoUserId();
    // clerk-js given a proxy URL with no path asks for `//api_keys`.
    const created = await answerOf<KeyJSON>(await fapi("POST", "//api_keys", token, { type: "api_key", name: "laptop", subject, seconds_until_expiration: 86400 }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "laptop", created_by: subject, secret: expect.stringMatching(/^ak_/) });

    const list = await answerOf<{ data: KeyJSON[]; total_count: number }>(await fapi("GET", `/api_keys?subject=${subject}&query=&limit=10&offset=0`, token));
    expect(list.body.total_count).toBe(1);
    expect(list.body.data[0]).not.toHaveProperty("secret");

    const described = await answerOf<{ description: string }>(await fapi("PATCH", `/api_keys/${created.body.id}`, token, { description: "my laptop" }));
    expect(described.body.description).toBe("my laptop");
    const revoked = await answerOf<KeyJSON>(await fapi("POST", `//api_keys/${created.body.id}/revoke`, token, { revocation_reason: "lost" }));
    expect(revoked.body.revoked).toBe(true);
    expect((await local.backend.apiKeys.list({ subject })).totalCount).toBe(0);
    expect((await clerkApiError(local.backend.apiKeys.verify(created.body.secret!))).status).toBe(404);
  });

  it("answers the browser's preflight on both paths clerk-js uses", async () => {
    for (const path of ["/api_keys", "//api_keys"]) {
      const response = await local.clerk.request(path, {
        method: "OPTIONS",
        headers: { Origin: "http://localhost:3000", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type" },
      });
      expect(response.status, path).toBe(204);
      expect(response.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
      expect(response.headers.get("access-control-allow-headers")).toBe("authorization,content-type");
    }
  });

  it("lets nobody else's keys be listed, made or revoked, and changes nothing when it refuses", async () => {
    const token = await sessionToken(await local.clerk.devBrowser());
    const subject = await demoUserId();
    const other = await local.backend.users.createUser({ emailAddress: ["other@example.com"], password: "other-password-1" });
    const theirs = await local.backend.apiKeys.create({ name: "theirs", subject: other.id });

    expect(await errorOf(await fapi("GET", `/api_keys?subject=${other.id}`, token))).toMatchObject({ status: 403 });
    expect(await errorOf(await fapi("POST", "/api_keys", token, { name: "sneaky", subject: other.id }))).toMatchObject({ status: 403 });
    expect(await errorOf(await fapi("POST", `/api_keys/${theirs.id}/revoke`, token, {}))).toMatchObject({ status: 404 });
    expect(await errorOf(await fapi("GET", `/api_keys?subject=${subject}`, null))).toMatchObject({ status: 401, code: "authentication_invalid" });
    expect(await errorOf(await fapi("GET", `/api_keys?subject=${subject}`, "not.a.token"))).toMatchObject({ status: 401 });
    expect(await errorOf(await fapi("POST", "/api_keys", token, { name: "x", subject }))).toMatchObject({ status: 422, param: "name" });
    expect(await errorOf(await fapi("POST", "/api_keys", token, { name: "mine", subject, scopes: ["admin"] }))).toMatchObject({ status: 422, code: "form_param_unknown" });

    await local.clerk.controls.setInstance({ api_keys_settings: { enabled: true } });
    expect(await errorOf(await fapi("POST", "/api_keys", token, { name: "mine", subject }))).toMatchObject({ status: 403, code: "feature_not_enabled" });
    expect(await keyCount(subject)).toBe(0);
    expect((await local.backend.apiKeys.get(theirs.id)).revoked).toBe(false);
  });

  it("stops answering a session that has ended", async () => {
    const browser = await local.clerk.devBrowser();
    const token = await sessionToken(browser);
    const subject = await demoUserId();
    expect((await fapi("GET", `/api_keys?subject=${subject}`, token)).status).toBe(200);
    await browser.call("DELETE", "/v1/client/sessions");
    expect((await fapi("GET", `/api_keys?subject=${subject}`, token)).status).toBe(401);
  });
});
