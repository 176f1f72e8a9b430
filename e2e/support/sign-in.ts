// The suite's sign-in and sign-out helpers around Clerk's real components.
import { expect, type Page } from "@playwright/test";
import { signInThroughUi, waitForSignedIn } from "../../test/clerk-ui";

export { signInThroughUi, waitForSignedIn };

/** Waits until clerk-js has loaded on the page. */
export async function waitForClerkLoaded(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { Clerk?: { loaded?: boolean } }).Clerk?.loaded === true);
}

/** Signs the page out through clerk-js itself, without the UI, and waits until it is signed out. */
export async function signOutThroughClerk(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { Clerk: { signOut: () => Promise<void> } }).Clerk.signOut());
  await waitForSignedOut(page);
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

/**
 * Fills a new password and waits for Clerk's verdict under it: the verdict moves Continue down, and a
 * click aimed at Continue before it shows can land on empty space.
 */
export async function fillNewPassword(page: Page, password: string): Promise<void> {
  await page.locator("input[name=password]").fill(password);
  await expect(page.getByText("Your password meets all the necessary requirements.").first()).toBeVisible();
}

/** The first inline field error Clerk's components show (they render each one twice, once for screen readers). */
export function fieldError(page: Page) {
  return page.locator(".cl-formFieldErrorText").first();
}

/** The dashboard's rendering of one UserData field. */
export function profileField(page: Page, field: string) {
  return page.getByRole("region", { name: "Your profile" }).locator(`[data-field="${field}"]`);
}

/** Signs `user` in through <SignIn/> from the sign-in page and waits for their dashboard. */
export async function signInToDashboard(page: Page, user: { id: string; email: string; password: string }): Promise<void> {
  await page.goto("/sign-in?redirect_url=%2Fdashboard");
  await signInThroughUi(page, user.email, user.password);
  await expect(profileField(page, "id"), "the dashboard should show the signed-in user").toHaveText(user.id);
}
