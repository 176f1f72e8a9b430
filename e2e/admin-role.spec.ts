// The admin endpoint is for admins: the role comes from the user's public_metadata through the session
// token (`metadata`), checked by the server with no Clerk call. A member gets 403 and a calm panel; a role
// given or taken while someone is signed in reaches their open dashboard with their next token.
import type { Page } from "@playwright/test";
import { LOCAL_ONLY, localClerk, REAL_CLERK } from "./support/clerk-env";
import { signInToDashboard } from "./support/sign-in";
import { clerkBackend, expect, test } from "./support/fixtures";

const SHORT_TTL_SECONDS = 10;

const adminPanel = (page: Page) => page.getByRole("region", { name: "Admin" });
const roleBadge = (page: Page) => page.locator('[data-field="role"]');

/** /api/admin called with the page's own session token, as a script with that token would. */
async function adminAnswer(page: Page) {
  const token = await page.evaluate(() => (window as unknown as { Clerk: { session: { getToken: () => Promise<string> } } }).Clerk.session.getToken());
  const response = await page.request.get("/api/admin", { headers: { Authorization: `Bearer ${token}` } });
  return { status: response.status(), body: (await response.json()) as unknown };
}

test("an admin reads the admin value; a member gets 403 and a panel that says how a role is given", async ({ page, browser, createUser }) => {
  const admin = await createUser({ role: "admin" });
  await signInToDashboard(page, admin);
  await expect(adminPanel(page).locator('[data-field="admin_value"]')).toHaveText("Important stuff");
  await expect(roleBadge(page)).toHaveText("admin");
  expect(await adminAnswer(page)).toEqual({ status: 200, body: { value: "Important stuff" } });

  const member = await createUser({ role: "member" });
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await signInToDashboard(memberPage, member);
  const panel = adminPanel(memberPage);
  await expect(panel.getByText("This panel is for admins.")).toBeVisible();
  await expect(panel).toContainText("npm run role -- <your email or username> admin");
  // Calm, not an error: no alert, no Try again.
  await expect(panel.getByRole("alert")).toHaveCount(0);
  await expect(panel.getByRole("button", { name: "Try again" })).toHaveCount(0);
  await expect(roleBadge(memberPage)).toHaveText("member");
  expect(await adminAnswer(memberPage)).toEqual({
    status: 403,
    body: { code: "permission_denied", message: "The admin role is needed for this endpoint.", details: null },
  });

  // Nothing in the browser can grant a role: public metadata is read-only to clerk-js.
  const selfPromotion = await memberPage.evaluate(async () => {
    const clerk = (window as unknown as { Clerk: { user: { update: (params: Record<string, unknown>) => Promise<unknown> } } }).Clerk;
    return clerk.user.update({ publicMetadata: { role: "admin" } } as never).then(
      () => "accepted",
      () => "refused",
    );
  });
  expect(selfPromotion).toBe("refused");
  expect((await clerkBackend.users.getUser(member.id)).publicMetadata).toEqual({ role: "member" });
  await memberContext.close();
});

test.describe("a role change while signed in", () => {
  test.describe.configure({ mode: "serial" });
  test.skip(REAL_CLERK, LOCAL_ONLY);
  test.beforeAll(async () => localClerk.setConfig({ token_ttl_s: SHORT_TTL_SECONDS }));
  test.afterAll(async () => localClerk.setConfig({ token_ttl_s: 60 }));

  test("reaches the open dashboard with the next token, up and down", async ({ page, createUser }) => {
    test.setTimeout(90_000);
    const user = await createUser({ role: "member" });
    await signInToDashboard(page, user);
    await expect(adminPanel(page).getByText("This panel is for admins.")).toBeVisible();

    await clerkBackend.users.updateUserMetadata(user.id, { publicMetadata: { role: "admin" } });
    // Within one token lifetime (and a refresh's margin), without a reload or a sign-out.
    const lifetime = { timeout: (SHORT_TTL_SECONDS + 10) * 1000 };
    await expect(adminPanel(page).locator('[data-field="admin_value"]')).toHaveText("Important stuff", lifetime);
    await expect(roleBadge(page)).toHaveText("admin");

    await clerkBackend.users.updateUserMetadata(user.id, { publicMetadata: { role: "member" } });
    await expect(adminPanel(page).getByText("This panel is for admins.")).toBeVisible(lifetime);
    await expect(roleBadge(page)).toHaveText("member");
    // The demoted admin's current token no longer opens the endpoint.
    expect((await adminAnswer(page)).status).toBe(403);
  });
});
