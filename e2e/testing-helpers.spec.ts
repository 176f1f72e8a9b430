// @clerk/testing's Playwright helpers, the way a Clerk user's own suite calls them.
import { clerk, setupClerkTestingToken } from "@clerk/testing/playwright";
import { ensureClerkSetup } from "./support/clerk-setup";
import { E2E_BASE_URL } from "./support/ports";
import { profileField, waitForSignedOut } from "./support/sign-in";
import { expect, test } from "./support/users";

test.beforeAll(ensureClerkSetup);

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
