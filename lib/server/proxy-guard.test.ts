import { createHash } from "node:crypto";

import { createClerkClient } from "@clerk/backend";
import { exportSPKI, generateKeyPair, SignJWT } from "jose";
import { NextRequest } from "next/server";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import type { BudgetPurpose } from "@/lib/server/backend-api-budget";
import { answerRefusedHandshakeToken, guardRequest, type GuardOutcome, type GuardSettings } from "@/lib/server/proxy-guard";
import { createTokenBucket } from "@/lib/server/token-bucket";

const ORIGIN = "http://localhost:3000";
const PUBLISHABLE_KEY = `pk_test_${Buffer.from("clerk-test.clerk.accounts.dev$").toString("base64").replace(/=+$/, "")}`;
const SECRET_KEY = "sk_test_proxy_guard_unit";
const API_URL = "https://api.clerk.test";
const SUFFIX = createHash("sha1").update(PUBLISHABLE_KEY).digest("base64url").slice(0, 8);
const DOCUMENT = { "sec-fetch-dest": "document", accept: "text/html" };
const FETCH = { "sec-fetch-dest": "empty", accept: "*/*" };

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const unsignedJwt = (header: object, payload: object) => `${b64(header)}.${b64(payload)}.c2lnbmF0dXJl`;

type Spent = Record<BudgetPurpose, number>;

/** Settings whose buckets never run dry, recording what the guard spends. */
function recording(overrides: Partial<GuardSettings> = {}): { settings: GuardSettings; spent: Spent } {
  const spent: Spent = { session: 0, machine_token: 0 };
  const settings: GuardSettings = {
    configuredOrigins: undefined,
    networklessVerification: true,
    knownKeyIds: new Set(),
    spend: (purpose, calls) => {
      spent[purpose] += calls;
      return { ok: true };
    },
    ...overrides,
  };
  return { settings, spent };
}

function request(path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  return new NextRequest(new URL(path, ORIGIN), { method: init.method ?? "GET", headers: { host: "localhost:3000", ...init.headers } });
}

function answer(outcome: GuardOutcome): Response {
  if (!("response" in outcome)) throw new Error("expected the guard to answer");
  return outcome.response;
}

function passed(outcome: GuardOutcome): NextRequest {
  if (!("request" in outcome)) throw new Error(`expected the guard to let the request through, got ${outcome.response.status}`);
  return outcome.request;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("unknown methods", () => {
  it("get 405 with the envelope and the route's Allow on an API path", async () => {
    const response = answer(guardRequest(request("/api/me", { method: "PROPFIND" }), recording().settings));

    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("GET, HEAD, OPTIONS");
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect(await response.json()).toEqual({
      code: "method_not_allowed",
      message: "This API path does not support the request's method.",
      details: null,
    });
  });

  it("get the 404 envelope on an API path no route serves, and a plain 405 on a page", async () => {
    expect(answer(guardRequest(request("/api/nothing", { method: "PURGE" }), recording().settings)).status).toBe(404);

    const page = answer(guardRequest(request("/dashboard", { method: "PROPFIND" }), recording().settings));
    expect(page.status).toBe(405);
    expect(page.headers.get("Allow")).toBe("GET, HEAD");
    expect(await page.text()).toBe("Method Not Allowed\n");
  });
});

describe("request limits", () => {
  it("refuse too many cookies or query parameters with 431 and the envelope, before anything else", async () => {
    const cookie = Array.from({ length: 51 }, (_, i) => `c${i}=1`).join("; ");
    const params = Array.from({ length: 65 }, (_, i) => `p${i}=1`).join("&");

    for (const hostile of [request("/api/health", { headers: { cookie } }), request(`/?${params}`), request("/sign-in", { headers: { cookie, authorization: "Bearer ak_x" } })]) {
      const response = answer(guardRequest(hostile, recording().settings));
      expect(response.status).toBe(431);
      expect(await response.json()).toMatchObject({ code: "request_too_large", details: null });
    }
  });
});

describe("redirect parameters", () => {
  it("send a page with a broken or foreign redirect_url to the same URL without it", () => {
    for (const bad of ["https%3A%2F%2Fa%3A99999%2F", "http%3A%2F%2F%5B%3A%3A1", "https%3A%2F%2Flocalhost%3A3600.evil.example%2F"]) {
      const response = answer(guardRequest(request(`/sign-in?redirect_url=${bad}&x=1`, { headers: DOCUMENT }), recording().settings));
      expect(response.status, bad).toBe(307);
      expect(response.headers.get("Location"), bad).toBe(`${ORIGIN}/sign-in?x=1`);
    }
  });

  it("keep a good one, and leave API paths alone", () => {
    const good = request(`/sign-in?redirect_url=${encodeURIComponent(`${ORIGIN}/dashboard`)}`, { headers: DOCUMENT });
    expect(passed(guardRequest(good, recording().settings))).toBe(good);
    expect("request" in guardRequest(request("/api/health?redirect_url=https%3A%2F%2Fa%3A99999%2F"), recording().settings)).toBe(true);
  });

  it("redirect to the app's own origin when APP_ORIGIN is set, whatever host the request names", () => {
    const { settings } = recording({ configuredOrigins: ["https://app.example"] });
    const hostile = request("/sign-in?redirect_url=https%3A%2F%2Fevil.example%2F", { headers: { ...DOCUMENT, "x-forwarded-host": "evil.example" } });

    expect(answer(guardRequest(hostile, settings)).headers.get("Location")).toBe("https://app.example/sign-in");
  });
});

describe("the app's origin for Clerk", () => {
  it("replaces a foreign host with the first APP_ORIGIN in what Clerk sees", () => {
    const { settings } = recording({ configuredOrigins: ["https://app.example", "https://www.app.example"] });
    const view = passed(guardRequest(request("/dashboard", { headers: { "x-forwarded-host": "evil.example", "x-forwarded-proto": "http" } }), settings));

    expect([view.headers.get("host"), view.headers.get("x-forwarded-host"), view.headers.get("x-forwarded-proto")]).toEqual(["app.example", "app.example", "https"]);
    expect(view.url).toBe(`${ORIGIN}/dashboard`);
  });

  it("keeps a request for one of the app's origins, and any request when APP_ORIGIN is unset", () => {
    const own = request("/dashboard", { headers: { "x-forwarded-host": "www.app.example", "x-forwarded-proto": "https" } });
    expect(passed(guardRequest(own, recording({ configuredOrigins: ["https://app.example", "https://www.app.example"] }).settings))).toBe(own);

    const any = request("/dashboard", { headers: { "x-forwarded-host": "evil.example" } });
    expect(passed(guardRequest(any, recording().settings))).toBe(any);
  });
});

describe("machine tokens", () => {
  const machineTokens = {
    "an API key": "ak_0123456789",
    "an M2M token": "mt_0123456789",
    "an OAuth token": "oat_0123456789",
    "an OAuth JWT": unsignedJwt({ alg: "RS256", typ: "at+jwt" }, { sub: "user_1" }),
    "an M2M JWT": unsignedJwt({ alg: "RS256" }, { sub: "mch_1" }),
  };

  it.each(Object.entries(machineTokens))("refuse %s with the 401 envelope where no route accepts it, spending nothing", async (_name, token) => {
    const { settings, spent } = recording({ machineTokenRoutes: {} });

    for (const path of ["/api/health", "/api/me", "/dashboard"]) {
      const response = answer(guardRequest(request(path, { headers: { authorization: `Bearer ${token}` } }), settings));
      expect(response.status, path).toBe(401);
      expect(await response.json(), path).toEqual({ code: "unauthenticated", message: "invalid token", details: null });
    }
    expect(spent).toEqual({ session: 0, machine_token: 0 });
  });

  it("let a route that accepts a kind through, each one spending the machine-token budget, 429 beyond it", async () => {
    let now = 0;
    const bucket = createTokenBucket({ capacity: 2, perSecond: 0.5 }, () => now);
    const settings: GuardSettings = {
      ...recording().settings,
      machineTokenRoutes: { "/api/me": ["m2m_token"] },
      spend: (purpose, calls) => (purpose === "machine_token" ? bucket.take(calls) : { ok: true }),
    };
    const withToken = () => request("/api/me", { headers: { authorization: "Bearer mt_random" } });

    expect("request" in guardRequest(withToken(), settings)).toBe(true);
    expect("request" in guardRequest(withToken(), settings)).toBe(true);
    const refused = answer(guardRequest(withToken(), settings));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toBe("2");
    expect(await refused.json()).toMatchObject({ code: "resource_exhausted" });
    expect(answer(guardRequest(request("/api/me", { headers: { authorization: "Bearer oat_x" } }), settings)).status).toBe(401);

    now += 2000;
    expect("request" in guardRequest(withToken(), settings)).toBe(true);
  });

  it("hand an API key on /api/me and /api/admin to the proxy's own verification, spending nothing yet", () => {
    for (const path of ["/api/me", "/api/admin"]) {
      const { settings, spent } = recording();
      const outcome = guardRequest(request(path, { headers: { authorization: "Bearer ak_random" } }), settings);
      expect("apiKey" in outcome && outcome.apiKey, path).toBe("ak_random");
      expect(spent).toEqual({ session: 0, machine_token: 0 });
    }
    // Pages and other routes still take sessions only.
    for (const path of ["/api/health", "/dashboard", "/"]) {
      expect(answer(guardRequest(request(path, { headers: { authorization: "Bearer ak_random" } }), recording().settings)).status, path).toBe(401);
    }
  });

  it("answer a page request that carries one with 401, even with a redirect link that would be cleaned", () => {
    const withLink = request("/sign-in?redirect_url=https%3A%2F%2Fevil.example%2F", { headers: { ...DOCUMENT, authorization: "Bearer ak_random" } });
    expect(answer(guardRequest(withLink, recording().settings)).status).toBe(401);
  });
});

describe("the verified-key header", () => {
  it("is taken out of every request: only the proxy says which key it verified", () => {
    for (const path of ["/api/me", "/api/admin", "/dashboard"]) {
      const view = passed(guardRequest(request(path, { headers: { "x-verified-api-key": "forged.value" } }), recording().settings));
      expect(view.headers.has("x-verified-api-key"), path).toBe(false);
    }
    const keyed = guardRequest(request("/api/me", { headers: { authorization: "Bearer ak_random", "x-verified-api-key": "forged.value" } }), recording().settings);
    expect("apiKey" in keyed && keyed.request.headers.has("x-verified-api-key")).toBe(false);
  });
});

describe("the handshake nonce", () => {
  it("is taken out of what Clerk sees, query and cookie, on anything but a document GET", () => {
    for (const hostile of [
      request("/api/health?__clerk_handshake_nonce=n1&x=1", { headers: FETCH }),
      request("/api/me?x=1", { method: "POST", headers: { ...DOCUMENT, cookie: "a=1; __clerk_handshake_nonce=n2" } }),
      request("/dashboard?__clerk_handshake_nonce=n3&x=1", { method: "HEAD", headers: DOCUMENT }),
    ]) {
      const { settings, spent } = recording();
      const view = passed(guardRequest(hostile, settings));
      expect(view.nextUrl.search).toBe("?x=1");
      expect(view.cookies.has("__clerk_handshake_nonce")).toBe(false);
      expect(spent.session).toBe(0);
    }
  });

  it("is honoured on a document GET, spending the session budget, and refused with 429 when it is spent", () => {
    const bucket = createTokenBucket({ capacity: 1, perSecond: 0.1 }, () => 0);
    const settings: GuardSettings = { ...recording().settings, spend: (_purpose, calls) => bucket.take(calls) };
    const navigation = () => request("/dashboard?__clerk_handshake_nonce=n1", { headers: DOCUMENT });

    expect(passed(guardRequest(navigation(), settings)).nextUrl.searchParams.get("__clerk_handshake_nonce")).toBe("n1");
    const refused = answer(guardRequest(navigation(), settings));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toBe("10");
  });
});

// The guard's claim, checked against Clerk itself: for each hostile request, the Backend API calls
// @clerk/backend's authenticateRequest makes (as clerkMiddleware calls it) on what the guard lets
// through never exceed what the guard spent, while on the raw request they would not be zero.
describe("against Clerk's own authenticateRequest", () => {
  let jwtKey: string;
  let signExpired: (claims: object) => Promise<string>;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
    jwtKey = await exportSPKI(publicKey);
    signExpired = (claims) =>
      new SignJWT({ ...claims }).setProtectedHeader({ alg: "RS256", kid: "ins_test", typ: "JWT" }).setIssuedAt(Math.floor(Date.now() / 1000) - 600).setExpirationTime(Math.floor(Date.now() / 1000) - 300).sign(privateKey);
  });

  async function backendApiCalls(clerkSees: Request, networkless: boolean): Promise<string[]> {
    const calls: string[] = [];
    vi.stubGlobal("fetch", async (input: RequestInfo | URL) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      calls.push(url.pathname);
      const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
      if (url.pathname.endsWith("/clients/handshake_payload")) return json({ directives: [] });
      if (url.pathname.endsWith("/jwks")) return json({ keys: [] });
      return json({ errors: [{ code: "resource_not_found", message: "not found" }] }, 404);
    });
    vi.spyOn(console, "error").mockImplementation(() => {});
    const clerk = createClerkClient({ secretKey: SECRET_KEY, publishableKey: PUBLISHABLE_KEY, apiUrl: API_URL, telemetry: { disabled: true } });
    // A development instance throws on a handshake token it cannot verify; only the calls count here.
    await clerk
      .authenticateRequest(clerkSees, { acceptsToken: "any", publishableKey: PUBLISHABLE_KEY, secretKey: SECRET_KEY, ...(networkless ? { jwtKey } : {}) })
      .catch(() => undefined);
    vi.unstubAllGlobals();
    return calls;
  }

  async function hostileRequests(): Promise<Record<string, { request: NextRequest; networkless: boolean }>> {
    const randomKid = (kid: string) => unsignedJwt({ alg: "RS256", kid, typ: "JWT" }, { sub: "user_1", sid: "sess_1", iat: 1, exp: 4_000_000_000 });
    const expired = await signExpired({ sub: "user_1", sid: "sess_1" });
    return {
      "an API key on /api/health": { request: request("/api/health", { headers: { authorization: "Bearer ak_random" } }), networkless: true },
      "an M2M token": { request: request("/api/health", { headers: { authorization: "Bearer mt_random" } }), networkless: true },
      "an OAuth token": { request: request("/api/health", { headers: { authorization: "Bearer oat_random" } }), networkless: true },
      "a handshake nonce on a fetch": { request: request("/api/health?__clerk_handshake_nonce=random", { headers: FETCH }), networkless: true },
      "a handshake nonce cookie on a POST": {
        request: request("/api/me", { method: "POST", headers: { cookie: "__clerk_handshake_nonce=random" } }),
        networkless: true,
      },
      "a handshake nonce on a document GET": { request: request("/?__clerk_handshake_nonce=random", { headers: DOCUMENT }), networkless: true },
      "an expired session token with a refresh cookie": {
        request: request("/api/me", { headers: { authorization: `Bearer ${expired}`, cookie: `__refresh_${SUFFIX}=random` } }),
        networkless: true,
      },
      "a Bearer JWT with an unknown kid, no CLERK_JWT_KEY": {
        request: request("/api/me", { headers: { authorization: `Bearer ${randomKid("ins_random1")}` } }),
        networkless: false,
      },
      "a session cookie with an unknown kid, no CLERK_JWT_KEY": {
        request: request("/api/me", { headers: { cookie: `__session=${randomKid("ins_random2")}; __client_uat=1; __clerk_db_jwt=dvb_1` } }),
        networkless: false,
      },
      "a handshake token with an unknown kid, no CLERK_JWT_KEY": {
        request: request(`/?__clerk_handshake=${randomKid("ins_random3")}`, { headers: DOCUMENT }),
        networkless: false,
      },
    };
  }

  it("spends at least every call Clerk makes on what the guard lets through", async () => {
    for (const [name, { request: hostile, networkless }] of Object.entries(await hostileRequests())) {
      const unguarded = await backendApiCalls(hostile.clone(), networkless);
      expect(unguarded.length, `${name}: Clerk's calls on the raw request`).toBeGreaterThan(0);

      const { settings, spent } = recording({ networklessVerification: networkless });
      const outcome = guardRequest(hostile, settings);
      const guarded = "request" in outcome ? await backendApiCalls(outcome.request, networkless) : [];
      expect(guarded.length, `${name}: Clerk's calls ${JSON.stringify(guarded)} after the guard`).toBeLessThanOrEqual(spent.session + spent.machine_token);
    }
  });

  it("spends nothing on a request with a key id Clerk has verified before", async () => {
    const token = unsignedJwt({ alg: "RS256", kid: "ins_known", typ: "JWT" }, { sub: "user_1" });
    const { settings, spent } = recording({ networklessVerification: false, knownKeyIds: new Set(["ins_known"]) });

    passed(guardRequest(request("/api/me", { headers: { authorization: `Bearer ${token}` } }), settings));

    expect(spent).toEqual({ session: 0, machine_token: 0 });
  });
});

describe("answerRefusedHandshakeToken", () => {
  it("turns a development instance's throw on a forged handshake token into a redirect without it", async () => {
    const { publicKey } = await generateKeyPair("RS256", { extractable: true });
    const forged = request(`/dashboard?x=1&__clerk_handshake=${unsignedJwt({ alg: "RS256", kid: "ins_x", typ: "JWT" }, { handshake: [] })}`, { headers: DOCUMENT });
    const clerk = createClerkClient({ secretKey: SECRET_KEY, publishableKey: PUBLISHABLE_KEY, apiUrl: API_URL, telemetry: { disabled: true } });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});

    const error = await clerk
      .authenticateRequest(forged, { acceptsToken: "any", publishableKey: PUBLISHABLE_KEY, secretKey: SECRET_KEY, jwtKey: await exportSPKI(publicKey) })
      .then(() => null, (thrown: unknown) => thrown);
    const answer = answerRefusedHandshakeToken(forged, error);

    expect(error).toBeInstanceOf(Error);
    expect(answer?.status).toBe(307);
    expect(answer?.headers.get("Location")).toBe(`${ORIGIN}/dashboard?x=1`);
    expect(warn).toHaveBeenCalledOnce();
  });

  it("leaves any other failure to Next", () => {
    expect(answerRefusedHandshakeToken(request("/dashboard"), new Error("something else"))).toBeNull();
  });
});
