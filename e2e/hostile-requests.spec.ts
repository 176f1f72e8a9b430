// Requests an attacker would send, and what a real browser of this app sends, against the limits the
// proxy holds (docs/security.md#hostile-requests): the browser stays far inside them, anything past
// them is refused early, crafted redirect links cannot break sign-in, and redirects name the app's
// own origin whatever Host a request claims. The Backend API budget is in backend-api-budget.spec.ts.
import type { Request } from "@playwright/test";
import { REQUEST_LIMITS } from "../lib/request-limits";
import { DOCUMENT_HEADERS, many } from "../test/hostile-requests";
import { LOCAL_ONLY, REAL_CLERK } from "./support/clerk-env";
import { E2E_BASE_URL } from "./support/ports";
import { markServerLog } from "./support/server-log";
import { profileField, signInThroughUi, signInToDashboard, waitForClerkLoaded, waitForSignedOut } from "./support/sign-in";
import { expect, test } from "./support/fixtures";

const APP_ORIGIN = new URL(E2E_BASE_URL).origin;

test("a signed-in browser sends a quarter of the cookie and query limits at most, over sign-in, the dashboard, Manage account and sign-out", async ({ page, createUser }) => {
  const user = await createUser();
  const seen = { cookies: 0, cookieBytes: 0, queryParams: 0 };
  // The Cookie header is only in allHeaders(), read asynchronously: every read is awaited before judging.
  const reads: Promise<void>[] = [];
  const onRequest = (request: Request) => {
    if (!request.url().startsWith(APP_ORIGIN)) return;
    const url = new URL(request.url());
    seen.queryParams = Math.max(seen.queryParams, [...url.searchParams.keys()].length);
    reads.push(
      request.allHeaders().then((headers) => {
        const cookie = headers["cookie"] ?? "";
        seen.cookies = Math.max(seen.cookies, cookie ? cookie.split(";").length : 0);
        seen.cookieBytes = Math.max(seen.cookieBytes, cookie.length);
      }),
    );
  };
  page.on("request", onRequest);

  await signInToDashboard(page, user);
  await page.reload();
  await expect(profileField(page, "id")).toHaveText(user.id);
  await page.getByRole("button", { name: "Open user menu" }).click();
  await page.getByRole("button", { name: "Manage account" }).click();
  await page.keyboard.press("Escape");
  // An expired or missing session cookie sends the next navigation through Clerk's handshake.
  await page.context().clearCookies({ name: /^__session/ });
  await page.goto("/dashboard");
  await expect(profileField(page, "id")).toHaveText(user.id);
  await page.getByRole("button", { name: "Open user menu" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await waitForSignedOut(page);
  // Stop counting first: a request clerk-js makes after this would read its headers after the test ended.
  page.off("request", onRequest);
  // A request the next navigation aborted may have no headers to read; the others are plenty.
  const read = (await Promise.allSettled(reads)).filter((result) => result.status === "fulfilled").length;
  expect(read, "requests whose headers were read").toBeGreaterThan(10);

  console.log(`a signed-in browser's largest request: ${JSON.stringify(seen)}; limits ${JSON.stringify(REQUEST_LIMITS)}`);
  expect(seen.cookies, "cookies (Clerk's own)").toBeGreaterThanOrEqual(3);
  for (const key of Object.keys(seen) as (keyof typeof seen)[]) {
    expect(seen[key] * 4, `${key}: ${seen[key]} against ${REQUEST_LIMITS[key]}`).toBeLessThanOrEqual(REQUEST_LIMITS[key]);
  }
});

test("more cookies or query parameters than the limits get 431 with the envelope before any route runs; the limits themselves pass", async ({ request }) => {
  const cookies = (count: number) => many(count, (i) => `c${i}=1`, "; ");
  const params = (count: number) => many(count, (i) => `p${i}=1`, "&");
  const hostile: Record<string, { path: string; headers?: Record<string, string> }> = {
    "1,000 cookies on /api/health": { path: "/api/health", headers: { cookie: cookies(1000) } },
    "one cookie too many on /api/me": { path: "/api/me", headers: { cookie: cookies(REQUEST_LIMITS.cookies + 1) } },
    "1,000 cookies on a page": { path: "/", headers: { cookie: cookies(1000), accept: "text/html" } },
    "one cookie past the size limit": { path: "/api/health", headers: { cookie: `big=${"x".repeat(REQUEST_LIMITS.cookieBytes)}` } },
    "1,000 query parameters on /api/health": { path: `/api/health?${params(1000)}` },
    "one query parameter too many on a page": { path: `/dashboard?${params(REQUEST_LIMITS.queryParams + 1)}`, headers: { accept: "text/html" } },
  };
  for (const [name, { path, headers }] of Object.entries(hostile)) {
    const response = await request.get(path, { headers, maxRedirects: 0 });
    expect(response.status(), name).toBe(431);
    expect(await response.json(), name).toMatchObject({ code: "request_too_large", details: null });
  }

  const atTheLimits = await request.get(`/api/health?${params(REQUEST_LIMITS.queryParams)}`, { headers: { cookie: cookies(REQUEST_LIMITS.cookies) } });
  expect(atTheLimits.status(), "exactly at the limits").toBe(200);
});

const BROKEN_REDIRECTS = ["https://a:99999/", "http://[::1", "https://localhost:3600.evil.example/", "https://evil.example/"];

test("a crafted redirect link on /sign-in is dropped before clerk-js sees it, and sign-in still works", async ({ page, createUser }) => {
  const user = await createUser();
  for (const [index, value] of BROKEN_REDIRECTS.entries()) {
    await page.goto(`/sign-in?redirect_url=${encodeURIComponent(value)}&sign_in_force_redirect_url=${encodeURIComponent(value)}`);
    await expect(page, value).toHaveURL(`${APP_ORIGIN}/sign-in`);
    await expect(page.locator("input[name=identifier]"), `the sign-in form after ${value}`).toBeVisible();
    await expect(page.getByText(/unavailable/i)).toHaveCount(0);
    if (index === 0) {
      await signInThroughUi(page, user.email, user.password);
      // Clerk's fallback, since the link's target was dropped.
      await expect(page).toHaveURL(`${APP_ORIGIN}/dashboard`);
      await expect(profileField(page, "id")).toHaveText(user.id);
      await page.getByRole("button", { name: "Open user menu" }).click();
      await page.getByRole("button", { name: "Sign out" }).click();
      await waitForSignedOut(page);
    }
  }
});

test("the same links on /, /sign-up and a signed-in /dashboard are dropped too, and each page works", async ({ page, createUser }) => {
  for (const value of BROKEN_REDIRECTS) {
    const query = `redirect_url=${encodeURIComponent(value)}&after_sign_up_url=${encodeURIComponent(value)}`;
    await page.goto(`/?${query}`);
    await expect(page, `/ with ${value}`).toHaveURL(`${APP_ORIGIN}/`);
    await page.goto(`/sign-up?${query}`);
    await expect(page, `/sign-up with ${value}`).toHaveURL(`${APP_ORIGIN}/sign-up`);
    await expect(page.locator("input[name=emailAddress]"), `the sign-up form after ${value}`).toBeVisible();
  }
  const user = await createUser();
  await signInToDashboard(page, user);
  for (const value of BROKEN_REDIRECTS) {
    await page.goto(`/dashboard?redirect_url=${encodeURIComponent(value)}&keep=1`);
    await expect(page, `/dashboard with ${value}`).toHaveURL(`${APP_ORIGIN}/dashboard?keep=1`);
    await expect(profileField(page, "id")).toHaveText(user.id);
  }
});

test("a forged handshake token in a link gets no 500 and no stack trace: the page loads without it", async ({ page, request, createUser }) => {
  const serverLog = markServerLog();
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const forged = `${b64({ alg: "RS256", kid: "ins_forged", typ: "JWT" })}.${b64({ handshake: ["__session=x; Path=/"] })}.c2lnbmF0dXJl`;

  const first = await request.get(`/?x=1&__clerk_handshake=${forged}`, { headers: DOCUMENT_HEADERS, maxRedirects: 0 });
  expect(first.status()).toBe(307);
  expect(new URL(first.headers()["location"]!, APP_ORIGIN).href).toBe(`${APP_ORIGIN}/?x=1`);

  const user = await createUser();
  await signInToDashboard(page, user);
  await page.goto(`/dashboard?__clerk_handshake=${forged}`);
  await expect(page).toHaveURL(`${APP_ORIGIN}/dashboard`);
  await expect(profileField(page, "id")).toHaveText(user.id);
  expect(serverLog.stackFrames(), "stack frames in the server log").toEqual([]);
});

test("clerk-js may send a browser only to the app's own origin after sign-in", async ({ page }) => {
  await page.goto("/sign-in");
  await waitForClerkLoaded(page);
  const allowed = await page.evaluate(() =>
    (window as unknown as { Clerk: { __internal_getOption: (key: string) => unknown } }).Clerk.__internal_getOption("allowedRedirectOrigins"),
  );
  expect(allowed).toEqual([APP_ORIGIN]);
});

test.describe("with APP_ORIGIN set", () => {
  test.skip(REAL_CLERK, LOCAL_ONLY);

  test("redirects name the app's origin, whatever Host or X-Forwarded-Host the request names", async ({ request }) => {
    const forgedHeaders: Record<string, string>[] = [{ "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" }, { host: "evil.example" }];
    for (const forged of forgedHeaders) {
      // Without a dev browser: Clerk's handshake, whose redirect_url comes back to the app.
      const handshake = await request.get("/dashboard", { headers: { ...DOCUMENT_HEADERS, ...forged }, maxRedirects: 0 });
      expect(handshake.status()).toBe(307);
      const redirectUrl = new URL(handshake.headers()["location"]!).searchParams.get("redirect_url");
      expect(redirectUrl, JSON.stringify(forged)).toBe(`${APP_ORIGIN}/dashboard`);

      // With one, signed out: sign-in, with the way back on the app's origin.
      const signIn = await request.get("/dashboard", { headers: { ...DOCUMENT_HEADERS, ...forged, cookie: "__clerk_db_jwt=dvb_e2e; __client_uat=0" }, maxRedirects: 0 });
      const location = new URL(signIn.headers()["location"]!, APP_ORIGIN);
      expect(location.origin, JSON.stringify(forged)).toBe(APP_ORIGIN);
      expect(location.searchParams.get("redirect_url"), JSON.stringify(forged)).toBe(`${APP_ORIGIN}/dashboard`);

      // A crafted redirect link is dropped with a redirect to the app's origin, not the forged one.
      const link = await request.get("/sign-in?redirect_url=https%3A%2F%2Fevil.example%2F", { headers: { ...DOCUMENT_HEADERS, ...forged }, maxRedirects: 0 });
      expect(new URL(link.headers()["location"]!, APP_ORIGIN).href, JSON.stringify(forged)).toBe(`${APP_ORIGIN}/sign-in`);
    }
  });
});
