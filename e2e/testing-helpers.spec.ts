// @clerk/testing's Playwright helpers, the way a Clerk user's own suite calls them.
import { clerk, setupClerkTestingToken } from "@clerk/testing/playwright";
import { routeClerkApiToLocalClerk } from "./support/clerk-api-redirect";
import { localClerk, REAL_CLERK } from "./support/clerk-env";
import { ensureClerkSetup } from "./support/clerk-setup";
import { E2E_BASE_URL } from "./support/ports";
import { profileField, waitForSignedOut } from "./support/sign-in";
import { expect, test, testUsername } from "./support/fixtures";

test.beforeAll(ensureClerkSetup);
test.beforeAll(routeClerkApiToLocalClerk);

const localClerkStats = () => localClerk.stats();

test("clerk.signIn with a password and clerk.signOut", async ({ page, createUser }) => {
  const user = await createUser();
  await setupClerkTestingToken({ page });
  await page.goto("/");
  await clerk.signIn({ page, signInParams: { strategy: "password", identifier: user.email, password: user.password } });

  await page.goto("/dashboard");
  await expect(page).toHaveURL(`${E2E_BASE_URL}/dashboard`);
  await expect(profileField(page, "id")).toHaveText(user.id);

  await clerk.signOut({ page });
  await waitForSignedOut(page);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?redirect_url=/);
});

test("clerk.signIn with a username on an instance that signs in by username", async ({ page, createUser }) => {
  const user = await createUser({ username: testUsername() });
  await setupClerkTestingToken({ page });
  await page.goto("/");
  await clerk.signIn({ page, signInParams: { strategy: "password", identifier: user.username!, password: user.password } });
  await page.goto("/dashboard");
  await expect(profileField(page, "id")).toHaveText(user.id);
  await expect(profileField(page, "username")).toHaveText(user.username!);
});

test("clerk.signIn with an email address signs in through a sign-in token", async ({ page, createUser }) => {
  const user = await createUser();
  const before = REAL_CLERK ? null : await localClerkStats();
  await setupClerkTestingToken({ page });
  await page.goto("/");
  await clerk.signIn({ page, emailAddress: user.email });

  // Clerk records the ticket strategy on the browser's client after a sign-in-token sign-in.
  const strategy = await page.evaluate(
    () => (window as unknown as { Clerk: { client?: { lastAuthenticationStrategy?: string | null } } }).Clerk.client?.lastAuthenticationStrategy,
  );
  expect(strategy).toBe("ticket");
  await page.goto("/dashboard");
  await expect(profileField(page, "id")).toHaveText(user.id);

  if (before) {
    // The Node-side calls @clerk/testing made reached this local Clerk: user look-up, then a token.
    const after = await localClerkStats();
    const grew = (api: "bapi" | "fapi", key: string) => (after[api][key] ?? 0) - (before[api][key] ?? 0);
    expect(grew("bapi", "GET /v1/users")).toBeGreaterThanOrEqual(1);
    expect(grew("bapi", "POST /v1/sign_in_tokens")).toBeGreaterThanOrEqual(1);
    expect(grew("fapi", "POST /v1/client/sign_ins")).toBeGreaterThanOrEqual(1);
  }
});
