import { TEST_EMAIL_CODE } from "./support/clerk-env";
import { E2E_BASE_URL } from "./support/ports";
import { fieldError, fillNewPassword, profileField } from "./support/sign-in";
import { expect, test, testEmail } from "./support/fixtures";

test("signing up with email, password and the emailed code lands on the dashboard", async ({ page, cleanup }) => {
  const email = testEmail();
  cleanup.deleteUserByEmail(email);
  await page.goto("/sign-up");
  await page.locator("input[name=firstName]").fill("Grace");
  await page.locator("input[name=lastName]").fill("Hopper");
  await page.locator("input[name=emailAddress]").fill(email);
  await fillNewPassword(page, "a-long-enough-password");
  await page.locator(".cl-formButtonPrimary").click();

  await expect(page, "after Continue the code step should show").toHaveURL(/\/sign-up\/verify-email-address/);
  await page.locator("input[autocomplete=one-time-code]").fill(TEST_EMAIL_CODE);

  await expect(page).toHaveURL(`${E2E_BASE_URL}/dashboard`);
  await expect(profileField(page, "first_name")).toHaveText("Grace");
  await expect(profileField(page, "last_name")).toHaveText("Hopper");
  await expect(page.locator('[data-field="email_address"]')).toHaveText(email);
  await expect(page.locator('[data-field="verification_status"]')).toHaveText("verified");
});

test("signing up with an address that is taken shows Clerk's inline error", async ({ page, createUser }) => {
  const existing = await createUser();
  await page.goto("/sign-up");
  await page.locator("input[name=emailAddress]").fill(existing.email);
  await fillNewPassword(page, "a-long-enough-password");
  await page.locator(".cl-formButtonPrimary").click();
  await expect(fieldError(page)).toHaveText(/taken/i);
  await expect(page).toHaveURL(/\/sign-up$/);
});

test("a password under 8 characters is refused inline", async ({ page }) => {
  await page.goto("/sign-up");
  await page.locator("input[name=emailAddress]").fill(testEmail());
  await page.locator("input[name=password]").fill("short");
  await page.locator(".cl-formButtonPrimary").click();
  await expect(fieldError(page)).toHaveText(/8 or more characters/);
  await expect(page).toHaveURL(/\/sign-up$/);
});

test("a wrong email code is refused and the right one still works", async ({ page, cleanup }) => {
  const email = testEmail();
  cleanup.deleteUserByEmail(email);
  await page.goto("/sign-up");
  await page.locator("input[name=emailAddress]").fill(email);
  await fillNewPassword(page, "a-long-enough-password");
  await page.locator(".cl-formButtonPrimary").click();
  const code = page.locator("input[autocomplete=one-time-code]");
  await code.fill("000000");
  // The code field's error is not a form field error element, so find it by its text.
  await expect(page.getByText("Incorrect code").first()).toBeVisible();
  await code.fill(TEST_EMAIL_CODE);
  await expect(page).toHaveURL(`${E2E_BASE_URL}/dashboard`);
});
