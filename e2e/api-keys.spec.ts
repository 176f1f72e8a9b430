// API keys, made and revoked by the user in Clerk's own <APIKeys /> on the dashboard, used by a script:
// Playwright's request API with the key as a Bearer header, no browser session. A key answers as its
// owner, with the owner's role; a revoked key gets the 401 envelope within 10 s; pages take no key.
import type { APIRequestContext, Page } from "@playwright/test";
import { markServerLog } from "./support/server-log";
import { signInToDashboard } from "./support/sign-in";
import { clerkBackend, expect, test } from "./support/fixtures";

const INVALID_TOKEN = { code: "unauthenticated", message: "invalid token", details: null };
const REVOCATION_BOUND_MS = 10_000;

const keysPanel = (page: Page) => page.getByRole("region", { name: "API keys" });

/** Creates a key named `name` through <APIKeys />, copies it with the component's own button, and reads the clipboard. */
async function createAndCopyKey(page: Page, name: string): Promise<string> {
  const panel = keysPanel(page);
  await panel.getByRole("button", { name: "Add new key" }).click();
  await panel.getByLabel("Secret key name").fill(name);
  await panel.getByRole("button", { name: "Create key" }).click();

  const copyModal = page.getByRole("dialog").filter({ hasText: `Copy your "${name}" API Key now` });
  await expect(copyModal).toBeVisible();
  await copyModal.getByRole("button", { name: "Copy & Close" }).click();
  await expect(copyModal).toBeHidden();
  const secret = await page.evaluate(() => navigator.clipboard.readText());
  expect(secret, "the clipboard holds the key's secret").toMatch(/^ak_/);
  await expect(panel.locator(".cl-tableRow", { hasText: name })).toBeVisible();
  return secret;
}

async function call(request: APIRequestContext, path: string, key: string) {
  const response = await request.get(path, { headers: { Authorization: `Bearer ${key}` }, maxRedirects: 0 });
  return { status: response.status(), body: (await response.json().catch(() => null)) as unknown };
}

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
});

test("a key made and copied in <APIKeys /> calls the API as its owner, with the owner's role, until it is revoked", async ({ page, request, createUser }) => {
  test.setTimeout(90_000);
  const log = markServerLog();
  const user = await createUser({ role: "member" });
  await signInToDashboard(page, user);
  const secret = await createAndCopyKey(page, "Laptop script");

  // A script: Playwright's request API, with no cookies, only the key.
  const me = await call(request, "/api/me", secret);
  expect(me.status).toBe(200);
  expect(me.body).toMatchObject({ id: user.id, first_name: user.firstName, last_name: user.lastName });
  expect(me.body).toMatchObject({ email_addresses: [expect.objectContaining({ email_address: user.email })] });

  // /api/admin follows the owner's role, both ways.
  expect(await call(request, "/api/admin", secret)).toEqual({
    status: 403,
    body: { code: "permission_denied", message: "The admin role is needed for this endpoint.", details: null },
  });
  await clerkBackend.users.updateUserMetadata(user.id, { publicMetadata: { role: "admin" } });
  await expect.poll(async () => call(request, "/api/admin", secret), { timeout: 15_000 }).toEqual({ status: 200, body: { value: "Important stuff" } });
  await clerkBackend.users.updateUserMetadata(user.id, { publicMetadata: { role: "member" } });
  await expect.poll(async () => (await call(request, "/api/admin", secret)).status, { timeout: 15_000 }).toBe(403);

  // Pages take sessions only: a key gets the 401 envelope, never a redirect to Clerk's handshake.
  for (const path of ["/dashboard", "/"]) {
    const response = await request.get(path, { headers: { Authorization: `Bearer ${secret}`, Accept: "text/html" }, maxRedirects: 0 });
    expect(response.status(), path).toBe(401);
    expect(await response.json(), path).toEqual(INVALID_TOKEN);
  }

  // Revoked in the UI: the key stops working within 10 s.
  const panel = keysPanel(page);
  await panel.locator(".cl-tableRow", { hasText: "Laptop script" }).locator(".cl-menuButton").click();
  await page.getByRole("menuitem", { name: "Revoke key" }).click();
  const revokeModal = page.getByRole("dialog").filter({ hasText: "Revoke \"Laptop script\" secret key?" });
  await revokeModal.getByLabel('Type "Revoke" to confirm').fill("Revoke");
  await revokeModal.getByRole("button", { name: "Revoke key" }).click();
  await expect(revokeModal).toBeHidden();
  const revokedAt = Date.now();
  await expect(panel.locator(".cl-tableRow", { hasText: "Laptop script" })).toHaveCount(0);
  await expect
    .poll(async () => call(request, "/api/me", secret), { timeout: REVOCATION_BOUND_MS, intervals: [250] })
    .toEqual({ status: 401, body: INVALID_TOKEN });
  console.log(`revoked key refused ${Date.now() - revokedAt} ms after the revocation`);
  expect(await call(request, "/api/admin", secret)).toEqual({ status: 401, body: INVALID_TOKEN });

  // The server never printed the key.
  expect(log.text()).not.toContain(secret.slice(3));
});

test("a bad, malformed or unknown key gets the same 401 envelope as a bad session token", async ({ request }) => {
  const sessionLike = await request.get("/api/me", { headers: { Authorization: "Bearer not.a.token" } });
  expect(sessionLike.status()).toBe(401);
  expect(await sessionLike.json()).toEqual(INVALID_TOKEN);
  for (const key of ["ak_x", `ak_${"0".repeat(40)}`, "ak_has spaces in it, which no key has"]) {
    for (const path of ["/api/me", "/api/admin"]) expect(await call(request, path, key), `${key} on ${path}`).toEqual({ status: 401, body: INVALID_TOKEN });
  }
});
