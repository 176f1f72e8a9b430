// Drives Clerk's real <SignIn/> component the way a person does: email, Continue, password, Continue.
// Shared by the e2e suite and the bench; Playwright's expect also works outside its test runner.
import { expect, type Page } from "@playwright/test";

export async function signInThroughUi(page: Page, email: string, password: string): Promise<void> {
  const identifier = page.locator("input[name=identifier]");
  await expect(identifier, "the sign-in form should show an email field").toBeVisible();
  await identifier.fill(email);
  await page.locator(".cl-formButtonPrimary").click();
  // The first step also holds a hidden password input for password managers; the real one comes next.
  const password_ = page.locator('input[name=password]:not([tabindex="-1"])');
  await expect(password_, "after Continue the password step should show").toBeVisible();
  await password_.fill(password);
  await page.locator(".cl-formButtonPrimary").click();
}

export async function waitForSignedIn(page: Page): Promise<void> {
  await page.waitForFunction(() => Boolean((window as unknown as { Clerk?: { user?: unknown } }).Clerk?.user));
}
