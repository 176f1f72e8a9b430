// Forged and malformed session tokens against the API and a protected page: every API answer is the
// 401 envelope (never 5xx), every page answer ends on sign-in. Tokens signed with the local Clerk's key
// need that key, so this file runs against the local Clerk only.
import { createHmac, randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { exportSPKI, generateKeyPair, importJWK, SignJWT, type JWTPayload } from "jose";
import { defaultConfig } from "clerk-local";
import { LOCAL_ONLY, localClerk, REAL_CLERK } from "./support/clerk-env";
import { E2E_BASE_URL } from "./support/ports";
import { markServerLog } from "./support/server-log";
import { signInThroughUi, waitForSignedIn } from "./support/sign-in";
import { clerkBackend, expect, test } from "./support/fixtures";

test.skip(REAL_CLERK, LOCAL_ONLY);

const INVALID_TOKEN = { code: "unauthenticated", message: "invalid token", details: null };
/** The app's configured origin (APP_ORIGIN): what a token's `azp` must name. */
const APP_ORIGIN = new URL(E2E_BASE_URL).origin;
/** Well inside Node's 16 KB header limit, so the app judges this token itself. */
const BIG_TOKEN_BYTES = 8 * 1024;
const ISSUER = `https://${defaultConfig().frontendApiHost}`;

type Signer = { kid: string; key: CryptoKey };

async function localSigner(): Promise<Signer> {
  const { kid, private_jwk: privateJwk } = await localClerk.signingKey();
  return { kid, key: (await importJWK({ ...privateJwk, alg: "RS256" }, "RS256")) as CryptoKey };
}

function sign(signer: Signer, claims: JWTPayload, kid = signer.kid): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid, typ: "JWT" }).sign(signer.key);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

async function meStatus(request: APIRequestContext, authorization: string | null, path = "/api/me") {
  const response = await request.get(path, { headers: authorization === null ? {} : { Authorization: authorization } });
  return { status: response.status(), body: await response.json().catch(() => null) };
}

test("forged and malformed tokens get the 401 envelope from the API and sign-in from a page, and log no stack trace", async ({
  request,
  createUser,
}) => {
  const serverLog = markServerLog();
  const user = await createUser();
  const other = await createUser();
  const session = await clerkBackend.sessions.createSession({ userId: user.id });
  const signer = await localSigner();
  const now = Math.floor(Date.now() / 1000);
  // Every token here claims the admin role: only a correctly signed one may carry it to /api/admin.
  const claims = { sub: user.id, sid: session.id, iss: ISSUER, iat: now, nbf: now - 10, exp: now + 600, v: 2, sts: "active", azp: APP_ORIGIN, metadata: { role: "admin" } };
  const valid = await sign(signer, claims);

  // A control, so this test fails if everything were rejected for some unrelated reason.
  expect((await meStatus(request, `Bearer ${valid}`)).status, "a correctly signed token").toBe(200);

  const [header, payload, signature] = valid.split(".") as [string, string, string];
  const pem = await localPublicPem();
  const hs256Header = b64({ alg: "HS256", kid: signer.kid, typ: "JWT" });
  const hs256Body = `${hs256Header}.${payload}`;
  const otherKey = (await generateKeyPair("RS256")).privateKey;
  const withoutSub: JWTPayload = { ...claims };
  delete withoutSub.sub;
  const withoutAzp: JWTPayload = { ...claims };
  delete withoutAzp.azp;

  const cases: Record<string, string | null> = {
    "no Authorization header": null,
    "empty Bearer": "Bearer ",
    "Bearer and spaces": "Bearer      ",
    garbage: "Bearer garbage",
    "three dots": "Bearer ...",
    "alg none": `Bearer ${b64({ alg: "none", typ: "JWT" })}.${payload}.`,
    "HS256 signed with the public key": `Bearer ${hs256Body}.${createHmac("sha256", pem).update(hs256Body).digest("base64url")}`,
    "signed by another RSA key (claiming admin)": `Bearer ${await new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: signer.kid, typ: "JWT" }).sign(otherKey)}`,
    // With jwtKey the SDK checks the signature against the one PEM and does not consult `kid`, so
    // an unknown kid is a forgery only when a key the app does not know signed it.
    "unknown kid, unknown key": `Bearer ${await new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: `ins_${randomUUID()}`, typ: "JWT" }).sign(otherKey)}`,
    "payload tampered after signing": `Bearer ${header}.${b64({ ...claims, sub: other.id })}.${signature}`,
    expired: `Bearer ${await sign(signer, { ...claims, iat: now - 7200, nbf: now - 7200, exp: now - 3600 })}`,
    "nbf in the future": `Bearer ${await sign(signer, { ...claims, nbf: now + 3600, exp: now + 7200 })}`,
    "iat in the future": `Bearer ${await sign(signer, { ...claims, iat: now + 3600, exp: now + 7200 })}`,
    "missing sub": `Bearer ${await sign(signer, withoutSub)}`,
    "sts pending": `Bearer ${await sign(signer, { ...claims, sts: "pending" })}`,
    "azp of another origin": `Bearer ${await sign(signer, { ...claims, azp: "https://evil.example" })}`,
    "no azp although the app names its origin": `Bearer ${await sign(signer, withoutAzp)}`,
    "an 8 KB token": `Bearer ${valid.slice(0, -8)}${"A".repeat(BIG_TOKEN_BYTES)}`,
  };

  for (const path of ["/api/me", "/api/admin"]) {
    for (const [name, authorization] of Object.entries(cases)) {
      const answer = await meStatus(request, authorization, path);
      expect(answer, `${path} with ${name}`).toEqual({ status: 401, body: INVALID_TOKEN });
    }
  }

  // The protected page, asked for as a browser navigation with the same header: always sign-in.
  for (const [name, authorization] of Object.entries(cases)) {
    const hops = await navigate(request, "/dashboard", authorization);
    const final = hops.at(-1)!;
    expect(hops.every((hop) => hop.status < 500), `/dashboard with ${name}: ${JSON.stringify(hops)}`).toBe(true);
    // A pending session (sts: "pending") is sent on to sign-in's task step, /sign-in/tasks.
    expect({ status: final.status, path: new URL(final.url).pathname }, `/dashboard with ${name}: ${JSON.stringify(hops)}`).toEqual({
      status: 200,
      path: expect.stringMatching(/^\/sign-in(\/tasks)?$/),
    });
  }
  const control = (await navigate(request, "/dashboard", `Bearer ${valid}`)).at(-1)!;
  expect({ status: control.status, path: new URL(control.url).pathname }, "/dashboard with a correctly signed token").toEqual({
    status: 200,
    path: "/dashboard",
  });

  // /api/admin logs each access: seeing that line proves the log is this server's, and current.
  expect((await meStatus(request, `Bearer ${valid}`, "/api/admin")).status).toBe(200);
  await expect.poll(() => serverLog.text(), { message: "the server log is live" }).toContain(`admin dashboard accessed { userId: '${user.id}' }`);
  expect(serverLog.stackFrames(), "stack frames in the server log").toEqual([]);
});

test("a header past Node's 16 KB limit is refused before the app, with 431 and never a 5xx", async ({ request }) => {
  for (const kilobytes of [17, 64]) {
    const response = await request.get("/api/me", { headers: { Authorization: `Bearer ${"A".repeat(kilobytes * 1024)}` } });
    expect(response.status(), `a ${kilobytes} KB token`).toBe(431);
  }
});

/**
 * A browser-like navigation, redirects followed one by one so every hop's status is seen: a
 * development instance may first pass through Clerk's handshake. The header goes to the app only.
 */
async function navigate(request: APIRequestContext, path: string, authorization: string | null) {
  const hops: { url: string; status: number }[] = [];
  let url = new URL(path, E2E_BASE_URL).href;
  for (let hop = 0; hop < 10; hop += 1) {
    const toApp = new URL(url).origin === APP_ORIGIN;
    const response = await request.get(url, {
      headers: { Accept: "text/html", "Sec-Fetch-Dest": "document", ...(toApp && authorization !== null ? { Authorization: authorization } : {}) },
      maxRedirects: 0,
    });
    hops.push({ url, status: response.status() });
    const location = response.headers()["location"];
    if (response.status() < 300 || response.status() >= 400 || !location) return hops;
    url = new URL(location, url).href;
  }
  throw new Error(`more than 10 redirects: ${JSON.stringify(hops)}`);
}

async function localPublicPem(): Promise<string> {
  const { private_jwk: privateJwk } = await localClerk.signingKey();
  const publicKey = (await importJWK({ kty: "RSA", n: privateJwk.n, e: privateJwk.e, alg: "RS256" }, "RS256", { extractable: true })) as CryptoKey;
  return exportSPKI(publicKey);
}

test("a forged header is not rescued by a valid session cookie", async ({ page, request, createUser }) => {
  const user = await createUser();
  await page.goto("/sign-in");
  await signInThroughUi(page, user.email, user.password);
  await waitForSignedIn(page);
  // The browser's cookies are valid; the Authorization header is not. Clerk must not fall back.
  const status = await page.evaluate(async () => {
    const response = await fetch("/api/me", { headers: { Authorization: "Bearer forged.token.value" } });
    return { status: response.status, body: await response.json() };
  });
  expect(status).toEqual({ status: 401, body: INVALID_TOKEN });
  expect((await request.get("/api/me")).status(), "a cookie-less client").toBe(401);
});

test("a protected page with a forged session cookie ends on sign-in", async ({ browser, createUser }) => {
  const user = await createUser();
  const session = await clerkBackend.sessions.createSession({ userId: user.id });
  const signer = await localSigner();
  const now = Math.floor(Date.now() / 1000);
  const forged = {
    expired: await sign(signer, { sub: user.id, sid: session.id, iss: ISSUER, iat: now - 7200, nbf: now - 7200, exp: now - 3600 }),
    "other key": await new SignJWT({ sub: user.id, sid: session.id, iss: ISSUER, iat: now, nbf: now - 10, exp: now + 600 })
      .setProtectedHeader({ alg: "RS256", kid: signer.kid, typ: "JWT" })
      .sign((await generateKeyPair("RS256")).privateKey),
    garbage: "not-a-token",
  };
  for (const [name, value] of Object.entries(forged)) {
    const context = await browser.newContext();
    try {
      const host = new URL(E2E_BASE_URL).hostname;
      await context.addCookies([
        { name: "__session", value, domain: host, path: "/" },
        { name: "__client_uat", value: String(now), domain: host, path: "/" },
      ]);
      const page = await context.newPage();
      await page.goto("/dashboard");
      await expect(page, `a ${name} __session cookie`).toHaveURL(/\/sign-in\?redirect_url=/);
    } finally {
      await context.close();
    }
  }
});
