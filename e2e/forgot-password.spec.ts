// "Forgot password?" in Clerk's <SignIn/>: a reset code to the user's email, a new password, and
// "Sign out of all other devices", as a person goes through it.
import type { Page } from "@playwright/test";
import { TEST_EMAIL_CODE } from "./support/clerk-env";
import { E2E_BASE_URL } from "./support/ports";
import { fieldError, profileField, signInThroughUi, signInToDashboard } from "./support/sign-in";
import { expect, test } from "./support/fixtures";

/** From the sign-in page to the reset code: email, Continue, "Forgot password?", "Reset your password". */
async function askForResetCode(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in?redirect_url=%2Fdashboard");
  await page.locator("input[name=identifier]").fill(email);
  await page.locator(".cl-formButtonPrimary").click();
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await page.getByRole("button", { name: "Reset your password" }).click();
}

test("resetting a forgotten password signs the user in and ends their other sessions", async ({ browser, page, createUser }) => {
  test.setTimeout(120_000);
  const user = await createUser();
  const newPassword = `new-${user.password}`;
  const otherContext = await browser.newContext();
  const freshContext = await browser.newContext();
  try {
    // Signed in elsewhere before the reset.
    const other = await otherContext.newPage();
    await signInToDashboard(other, user);

    await askForResetCode(page, user.email);
    await page.locator("input[autocomplete=one-time-code]").fill(TEST_EMAIL_CODE);
    await expect(page).toHaveURL(/\/sign-in\/reset-password/);
    await page.locator("input[name=password]").fill(newPassword);
    await page.locator("input[name=confirmPassword]").fill(newPassword);
    const signOutOthers = page.getByRole("checkbox", { name: "Sign out of all other devices" });
    await signOutOthers.check();
    await expect(signOutOthers).toBeChecked();
    await page.locator(".cl-formButtonPrimary").click();
    await expect(page).toHaveURL(`${E2E_BASE_URL}/dashboard`);
    await expect(profileField(page, "id")).toHaveText(user.id);

    // The other browser learns on its next load that its session is over: clerk-js finds no session,
    // and the next page request goes through Clerk's handshake, which clears the old token.
    await other.reload();
    await other.waitForFunction(() => {
      const clerk = (window as unknown as { Clerk?: { loaded?: boolean; user?: unknown } }).Clerk;
      return clerk?.loaded === true && !clerk.user;
    });
    await other.goto("/dashboard");
    await expect(other).toHaveURL(/\/sign-in\?redirect_url=/);

    // The old password no longer works anywhere.
    const fresh = await freshContext.newPage();
    await fresh.goto("/sign-in");
    await signInThroughUi(fresh, user.email, user.password);
    await expect(fieldError(fresh)).toHaveText("Password is incorrect. Try again, or use another method.");
  } finally {
    await otherContext.close();
    await freshContext.close();
  }
});

test("a wrong reset code is refused inline and the password stays as it was", async ({ page, createUser }) => {
  const user = await createUser();
  await askForResetCode(page, user.email);
  await page.locator("input[autocomplete=one-time-code]").fill("111111");
  // The code input has its own error element (not the form field one).
  await expect(page.locator(".cl-otpCodeFieldErrorText").first()).toHaveText("Incorrect code");
  await expect(page).not.toHaveURL(/reset-password/);

  await page.context().clearCookies();
  await signInToDashboard(page, user);
});
