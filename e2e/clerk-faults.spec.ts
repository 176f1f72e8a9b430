// Clerk's Backend API failing under the app (through the local Clerk's fault controls): /api/me answers
// within a bounded time with 503 or 504 and the error envelope, serves a cached user meanwhile, and
// recovers when the fault ends; the dashboard's first render falls back to the browser's request, and a
// slow look-up holds back the profile only. In the "global" Playwright project, run after the others: a
// fault is global.
import type { APIRequestContext } from "@playwright/test";
import type { FaultJSON } from "clerk-local/controls";
import { LOCAL_ONLY, localClerk, REAL_CLERK } from "./support/clerk-env";
import { markServerLog } from "./support/server-log";
import { recordApiCalls } from "./support/api-calls";
import { firstRender, RECORD_FIRST_RENDER } from "./support/first-render";
import { profileField, signInThroughUi, signInToDashboard } from "./support/sign-in";
import { clerkBackend, expect, test, type TestUser } from "./support/fixtures";

test.describe.configure({ mode: "serial" });

/** Long enough for two /api/me answers with every retry, short enough to wait out. */
const OUTAGE_SECONDS = 5;
/** A Backend API this slow leaves the page's first part on screen well before the profile's look-up ends. */
const SLOW_LOOKUP_MS = 3_000;
test.skip(REAL_CLERK, LOCAL_ONLY);
test.afterEach(async () => localClerk.setFault(null));

async function tokenFor(user: TestUser): Promise<string> {
  const session = await clerkBackend.sessions.createSession({ userId: user.id });
  return (await clerkBackend.sessions.getToken(session.id, undefined, 600)).jwt;
}

async function me(request: APIRequestContext, token: string) {
  const started = Date.now();
  const response = await request.get("/api/me", { headers: { Authorization: `Bearer ${token}` }, timeout: 20_000 });
  return {
    status: response.status(),
    body: (await response.json()) as { id?: string; code?: string; message?: string },
    retryAfter: response.headers()["retry-after"],
    seconds: (Date.now() - started) / 1000,
  };
}

/** Two users with session tokens: one whose profile the app has cached, one it has never looked up. */
async function cachedAndColdUsers(request: APIRequestContext, createUser: () => Promise<TestUser>) {
  const cached = await createUser();
  const cold = await createUser();
  const cachedToken = await tokenFor(cached);
  const coldToken = await tokenFor(cold);
  expect((await me(request, cachedToken)).status, "warming the cache").toBe(200);
  return { cached, cold, cachedToken, coldToken };
}

test("each Backend API fault becomes a bounded 503/504 envelope, a cached user is still served, and recovery is immediate", async ({
  request,
  createUser,
}) => {
  test.setTimeout(60_000);
  const { cached, cold, cachedToken, coldToken } = await cachedAndColdUsers(request, createUser);
  const serverLog = markServerLog();

  const faults: { fault: FaultJSON; status: number; code: string; retryAfter?: string }[] = [
    { fault: { status: 503, rate: 1 }, status: 503, code: "unavailable" },
    { fault: { status: 500, rate: 1 }, status: 503, code: "unavailable" },
    { fault: { status: 429, rate: 1 }, status: 503, code: "unavailable", retryAfter: "1" },
    { fault: { mode: "timeout" }, status: 504, code: "deadline_exceeded" },
  ];
  for (const { fault, status, code, retryAfter } of faults) {
    await localClerk.setFault(fault);
    const answer = await me(request, coldToken);
    const label = `Backend API fault ${JSON.stringify(fault)}`;
    expect(answer.status, label).toBe(status);
    expect(answer.body, label).toEqual({ code, message: expect.any(String), details: null });
    expect(answer.body.message, `${label}: Clerk's own text must not leak`).not.toMatch(/clerk_trace|service_unavailable|internal_clerk_error|too_many_requests/);
    expect(answer.retryAfter, `${label}: Retry-After`).toBe(retryAfter);
    expect(answer.seconds, `${label}: answered within the 5 s deadline and some slack`).toBeLessThan(8);

    const fromCache = await me(request, cachedToken);
    expect(fromCache.status, `${label}: the cached user`).toBe(200);
    expect(fromCache.body.id).toBe(cached.id);
  }

  await localClerk.setFault(null);
  const recovered = await me(request, coldToken);
  expect(recovered.status, "the first request after the fault").toBe(200);
  expect(recovered.body.id).toBe(cold.id);
  expect(serverLog.stackFrames(), "stack frames in the server log").toEqual([]);
});

test("a Clerk that refuses connections: 503 within the deadline, the cached user still served, then recovery", async ({
  request,
  createUser,
}) => {
  test.setTimeout(60_000);
  const { cached, cold, cachedToken, coldToken } = await cachedAndColdUsers(request, createUser);
  const serverLog = markServerLog();

  // The whole local Clerk stops listening: the app's Backend API calls get ECONNREFUSED.
  await localClerk.outage(OUTAGE_SECONDS);
  const outageStarted = Date.now();

  const refused = await me(request, coldToken);
  expect(refused.status, "a user not cached").toBe(503);
  expect(refused.body).toEqual({ code: "unavailable", message: expect.any(String), details: null });
  expect(refused.retryAfter, "no Retry-After: Clerk sent none").toBeUndefined();
  const fromCache = await me(request, cachedToken);
  expect(fromCache.status, "the cached user").toBe(200);
  expect(fromCache.body.id).toBe(cached.id);
  expect(Date.now() - outageStarted, "both answered while Clerk was still down").toBeLessThan(OUTAGE_SECONDS * 1000);

  await expect.poll(localClerk.isUp, { timeout: 20_000 }).toBe(true);
  const recovered = await me(request, coldToken);
  expect(recovered.status, "the first request once Clerk listens again").toBe(200);
  expect(recovered.body.id).toBe(cold.id);
  // @clerk/backend keeps only undici's message for a failed connection, not its cause.
  expect(serverLog.text(), "the failure is logged").toMatch(/Clerk user lookup failed[^]*reason: 'unavailable'[^]*message: 'fetch failed'/);
  expect(serverLog.stackFrames(), "stack frames in the server log").toEqual([]);
});

test("the dashboard shows a clear, retryable message for each Clerk fault, and recovers on Try again", async ({ page, createUser }) => {
  test.setTimeout(90_000);
  const user = await createUser();
  await localClerk.setFault({ status: 503, rate: 1 });
  await page.goto("/sign-in?redirect_url=%2Fdashboard");
  const firstAnswer = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/me");
  await signInThroughUi(page, user.email, user.password);
  expect((await firstAnswer).status()).toBe(503);

  const profile = page.getByRole("region", { name: "Your profile" });
  const alert = profile.getByRole("alert");
  await expect(alert).toContainText("temporarily unavailable. Please try again in a moment.");

  /** Clicks Try again and waits for the /api/me answer it causes. */
  const retry = async () => {
    const answer = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/me", { timeout: 20_000 });
    await profile.getByRole("button", { name: "Try again" }).click();
    return (await answer).status();
  };

  const faults = [
    { fault: { status: 500, rate: 1 }, status: 503, text: "temporarily unavailable. Please try again in a moment." },
    { fault: { status: 429, rate: 1 }, status: 503, text: "Please try again in 1 second." },
    { fault: { mode: "timeout" }, status: 504, text: "The server took too long to answer." },
  ] as const;
  for (const { fault, status, text } of faults) {
    await localClerk.setFault(fault);
    expect(await retry(), JSON.stringify(fault)).toBe(status);
    await expect(alert, JSON.stringify(fault)).toContainText(text);
  }

  // Clerk unreachable: the browser still holds a fresh session token, so only the app's call fails.
  await localClerk.setFault(null);
  await localClerk.outage(OUTAGE_SECONDS);
  expect(await retry(), "connection refused").toBe(503);
  await expect(alert, "connection refused").toContainText("temporarily unavailable. Please try again in a moment.");

  await expect.poll(localClerk.isUp, { timeout: 20_000 }).toBe(true);
  expect(await retry(), "after the faults").toBe(200);
  await expect(profileField(page, "id")).toHaveText(user.id);
});

test("the Backend API failing while the dashboard renders: the admin value still comes with the page, the profile falls back to the browser's request and its error, once", async ({
  page,
  createUser,
}) => {
  const user = await createUser({ role: "admin" });
  await localClerk.setFault({ status: 503, rate: 1 });
  await page.goto("/sign-in?redirect_url=%2Fdashboard");
  await signInThroughUi(page, user.email, user.password);
  const profile = page.getByRole("region", { name: "Your profile" });
  await expect(profile.getByRole("alert")).toContainText("temporarily unavailable");

  await page.context().addInitScript({ content: RECORD_FIRST_RENDER });
  const apiCalls = recordApiCalls(page);
  const answer = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/me", { timeout: 20_000 });
  await page.reload({ waitUntil: "domcontentloaded" });
  expect((await answer).status(), "the browser's own request").toBe(503);
  await expect(profile.getByRole("alert")).toContainText("temporarily unavailable. Please try again in a moment.");

  const recorded = await firstRender(page);
  expect(recorded.atDomContentLoaded, "the panels at DOMContentLoaded").toMatchObject({
    userId: null,
    adminValue: "Important stuff",
    statuses: ["Loading your profile…"],
  });
  // Nothing shown twice: one error, no profile beside it, one request for it.
  await expect(profile.getByRole("alert")).toHaveCount(1);
  await expect(profile.locator("[data-field]")).toHaveCount(0);
  expect(apiCalls.filter((path) => path === "/api/me")).toEqual(["/api/me"]);

  await localClerk.setFault(null);
  await profile.getByRole("button", { name: "Try again" }).click();
  await expect(profileField(page, "id")).toHaveText(user.id);
});

test("a slow Backend API holds back the profile only: the rest of the page streams first, the profile follows in the same document", async ({
  page,
  createUser,
}) => {
  const user = await createUser({ role: "admin" });
  await signInToDashboard(page, user);
  // A change at Clerk: its webhook expires the cached profile, so the next render asks Clerk.
  await clerkBackend.users.updateUser(user.id, { firstName: "Streamed" });
  await expect
    .poll(async () => (await localClerk.webhooks()).deliveries.some((d) => d.user_id === user.id && d.type === "user.updated" && d.status === "delivered"))
    .toBe(true);

  const { bapi_latency_ms: latency } = await localClerk.config();
  await localClerk.setConfig({ bapi_latency_ms: SLOW_LOOKUP_MS });
  try {
    await page.context().addInitScript({ content: RECORD_FIRST_RENDER });
    await page.reload({ waitUntil: "commit" });
    const profile = page.getByRole("region", { name: "Your profile" });
    // While the server still waits for Clerk: the page is there, the admin value in it, the profile loading.
    await expect(page.locator('[data-field="admin_value"]')).toHaveText("Important stuff");
    await expect(profile.getByRole("status")).toHaveText("Loading your profile…");
    expect((await firstRender(page)).atDomContentLoaded, "DOMContentLoaded, before the profile came").toBeUndefined();

    await expect(profileField(page, "first_name")).toHaveText("Streamed", { timeout: SLOW_LOOKUP_MS + 10_000 });
    await page.waitForLoadState("domcontentloaded");
    expect((await firstRender(page)).atDomContentLoaded, "the profile came in the same document").toMatchObject({
      userId: user.id,
      firstName: "Streamed",
      adminValue: "Important stuff",
    });
  } finally {
    await localClerk.setConfig({ bapi_latency_ms: latency });
  }
});
