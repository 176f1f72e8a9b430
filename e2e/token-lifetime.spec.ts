// Short-lived tokens through the local Clerk's config: refresh, the handshake after expiry, and a
// session revoked behind the browser's back. Serial: the token lifetime is one setting for everybody.
import { LOCAL_ONLY, localClerk, REAL_CLERK } from "./support/clerk-env";
import { E2E_BASE_URL } from "./support/ports";
import { profileField, signInToDashboard, waitForSignedOut } from "./support/sign-in";
import { clerkBackend, expect, test } from "./support/fixtures";

const SHORT_TTL_SECONDS = 20;

test.describe.configure({ mode: "serial" });
test.skip(REAL_CLERK, LOCAL_ONLY);

test.beforeAll(async () => localClerk.setConfig({ token_ttl_s: SHORT_TTL_SECONDS }));
test.afterAll(async () => localClerk.setConfig({ token_ttl_s: 60 }));

function sessionClaims(token: string): { exp: number; iat: number; sid: string } {
  return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString()) as { exp: number; iat: number; sid: string };
}

async function sessionCookie(page: import("@playwright/test").Page): Promise<string> {
  const cookie = (await page.context().cookies()).find((c) => c.name === "__session" && c.value !== "");
  if (!cookie) throw new Error("the browser holds no __session cookie");
  return cookie.value;
}

test("clerk-js refreshes the token before it expires, and the API keeps answering", async ({ page, createUser }) => {
  test.setTimeout(90_000);
  const user = await createUser();
  await signInToDashboard(page, user);
  const first = sessionClaims(await sessionCookie(page));
  expect(first.exp - first.iat).toBe(SHORT_TTL_SECONDS);

  // Wait on state, not time: the cookie changes once clerk-js has fetched a newer token.
  await expect
    .poll(async () => sessionClaims(await sessionCookie(page)).iat, { timeout: SHORT_TTL_SECONDS * 2 * 1000 })
    .toBeGreaterThan(first.iat);
  await expect.poll(() => Date.now() / 1000, { timeout: SHORT_TTL_SECONDS * 2 * 1000 }).toBeGreaterThan(first.exp + 1);

  const status = await page.evaluate(async () => {
    const clerk = (window as unknown as { Clerk: { session: { getToken: () => Promise<string> } } }).Clerk;
    const response = await fetch("/api/me", { headers: { Authorization: `Bearer ${await clerk.session.getToken()}` } });
    return response.status;
  });
  expect(status, "a Bearer call after the first token expired").toBe(200);
  await page.reload();
  await expect(page).toHaveURL(`${E2E_BASE_URL}/dashboard`);
  await expect(profileField(page, "id")).toHaveText(user.id);
});

test("after the token expired with no tab open, the handshake signs the browser back in", async ({ context, createUser }) => {
  test.setTimeout(90_000);
  const user = await createUser();
  const page = await context.newPage();
  await signInToDashboard(page, user);
  const expiry = sessionClaims(await sessionCookie(page)).exp;
  await page.close();

  await expect.poll(() => Date.now() / 1000, { timeout: SHORT_TTL_SECONDS * 2 * 1000 }).toBeGreaterThan(expiry + 6);
  const next = await context.newPage();
  const handshakes: string[] = [];
  next.on("request", (request) => {
    if (request.url().includes("/v1/client/handshake")) handshakes.push(request.url());
  });
  await next.goto("/dashboard");
  await expect(next).toHaveURL(`${E2E_BASE_URL}/dashboard`);
  await expect(profileField(next, "id")).toHaveText(user.id);
  expect(handshakes.length, "the expired cookie should go through Clerk's handshake").toBeGreaterThan(0);
});

test("a session revoked through the Backend API signs the browser out", async ({ page, createUser }) => {
  test.setTimeout(90_000);
  const user = await createUser();
  await signInToDashboard(page, user);
  const { sid } = sessionClaims(await sessionCookie(page));

  await clerkBackend.sessions.revokeSession(sid);
  await waitForSignedOut(page);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?redirect_url=/);
});
