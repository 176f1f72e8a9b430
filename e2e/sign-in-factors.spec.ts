import { TEST_EMAIL_CODE } from "./support/clerk-env";
import { E2E_BASE_URL } from "./support/ports";
import { fieldError, profileField } from "./support/sign-in";
import { expect, test, testEmail } from "./support/fixtures";

test("an unknown email is refused inline and nobody is signed in", async ({ page }) => {
  await page.goto("/sign-in");
  await page.locator("input[name=identifier]").fill(testEmail());
  await page.locator(".cl-formButtonPrimary").click();
  await expect(fieldError(page)).toHaveText("Couldn't find your account.");
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?redirect_url=/);
});

test("a wrong password is refused inline and the browser stays signed out", async ({ page, createUser }) => {
  const user = await createUser();
  await page.goto("/sign-in");
  await page.locator("input[name=identifier]").fill(user.email);
  await page.locator(".cl-formButtonPrimary").click();
  await page.locator('input[name=password]:not([tabindex="-1"])').fill(`${user.password}-wrong`);
  await page.locator(".cl-formButtonPrimary").click();
  await expect(fieldError(page)).toHaveText("Password is incorrect. Try again, or use another method.");
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?redirect_url=/);
});

test("signing in with an email code instead of the password", async ({ page, createUser }) => {
  const user = await createUser();
  await page.goto("/sign-in?redirect_url=%2Fdashboard");
  await page.locator("input[name=identifier]").fill(user.email);
  await page.locator(".cl-formButtonPrimary").click();
  await page.getByRole("link", { name: "Use another method" }).click();
  await page.getByRole("button", { name: `Email code to ${user.email}` }).click();
  await page.locator("input[autocomplete=one-time-code]").fill(TEST_EMAIL_CODE);
  await expect(page).toHaveURL(`${E2E_BASE_URL}/dashboard`);
  await expect(profileField(page, "id")).toHaveText(user.id);
});
