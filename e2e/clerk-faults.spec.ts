// Clerk's Backend API failing under the app (through the local Clerk's fault controls): /api/me answers
// within a bounded time with 503 or 504 and the error envelope, serves a cached user meanwhile, and
// recovers when the fault ends. Its own Playwright project, run after the others: a fault is global.
import type { APIRequestContext } from "@playwright/test";
import { LOCAL_ONLY, REAL_CLERK, setLocalClerkConfig } from "./support/clerk-env";
import { profileField, signInThroughUi } from "./support/sign-in";
import { clerkBackend, expect, test, type TestUser } from "./support/users";

test.describe.configure({ mode: "serial" });
test.skip(REAL_CLERK, LOCAL_ONLY);
test.afterEach(async () => setLocalClerkConfig({ bapi_fault: null }));

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

test("each Backend API fault becomes a bounded 503/504 envelope, a cached user is still served, and recovery is immediate", async ({
  request,
  createUser,
}) => {
  test.setTimeout(60_000);
  const cached = await createUser();
  const cold = await createUser();
  const cachedToken = await tokenFor(cached);
  const coldToken = await tokenFor(cold);
  expect((await me(request, cachedToken)).status, "warming the cache").toBe(200);

  const faults = [
    { fault: { status: 503, rate: 1 }, status: 503, code: "unavailable" },
    { fault: { status: 500, rate: 1 }, status: 503, code: "unavailable" },
    { fault: { status: 429, rate: 1 }, status: 503, code: "unavailable", retryAfter: "1" },
    { fault: { mode: "timeout" }, status: 504, code: "deadline_exceeded" },
  ];
  for (const { fault, status, code, retryAfter } of faults) {
    await setLocalClerkConfig({ bapi_fault: fault });
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

  await setLocalClerkConfig({ bapi_fault: null });
  const recovered = await me(request, coldToken);
  expect(recovered.status, "the first request after the fault").toBe(200);
  expect(recovered.body.id).toBe(cold.id);
});

test("the dashboard shows a retryable message while Clerk is down, and recovers on Try again", async ({ page, createUser }) => {
  const user = await createUser();
  await setLocalClerkConfig({ bapi_fault: { status: 503, rate: 1 } });
  await page.goto("/sign-in?redirect_url=%2Fdashboard");
  await signInThroughUi(page, user.email, user.password);

  const profile = page.getByRole("region", { name: "Your profile" });
  await expect(profile.getByRole("alert")).toContainText("temporarily unavailable");
  await setLocalClerkConfig({ bapi_fault: null });
  await profile.getByRole("button", { name: "Try again" }).click();
  await expect(profileField(page, "id")).toHaveText(user.id);
});
