// Drives Clerk's real <SignIn/> component the way a person does: email, Continue, password, Continue.
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

/** Waits until clerk-js has dropped both its user and the `__session` cookie. */
export async function waitForSignedOut(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const clerk = (window as unknown as { Clerk?: { loaded?: boolean; user?: unknown } }).Clerk;
    return clerk?.loaded === true && !clerk.user;
  });
  await expect
    .poll(async () => (await page.context().cookies()).some((c) => c.name.startsWith("__session") && c.value !== ""), {
      message: "the __session cookie should be cleared after sign-out",
    })
    .toBe(false);
}

/** The first inline field error Clerk's components show (they render each one twice, once for screen readers). */
export function fieldError(page: Page) {
  return page.locator(".cl-formFieldErrorText").first();
}

/** The dashboard's rendering of one UserData field. */
export function profileField(page: Page, field: string) {
  return page.getByRole("region", { name: "Your profile" }).locator(`[data-field="${field}"]`);
}

export async function waitForSignedIn(page: Page): Promise<void> {
  await page.waitForFunction(() => Boolean((window as unknown as { Clerk?: { user?: unknown } }).Clerk?.user));
}

/** Signs `user` in through <SignIn/> from the sign-in page and waits for their dashboard. */
export async function signInToDashboard(page: Page, user: { id: string; email: string; password: string }): Promise<void> {
  await page.goto("/sign-in?redirect_url=%2Fdashboard");
  await signInThroughUi(page, user.email, user.password);
  await expect(profileField(page, "id"), "the dashboard should show the signed-in user").toHaveText(user.id);
}
