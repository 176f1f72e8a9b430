// "Manage account" > Security, clicked through Clerk's real <UserProfile/>: the password, active
// devices across two browsers, and deleting the account.
import type { Browser, Page } from "@playwright/test";
import { localClerk, REAL_CLERK } from "./support/clerk-env";
import { closeManageAccount, openManageAccount, rowMenu } from "./support/manage-account";
import { fieldError, signInToDashboard, waitForSignedOut } from "./support/sign-in";
import { clerkBackend, expect, test, type TestUser } from "./support/fixtures";

const CHROME_ON_WINDOWS =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
const SAFARI_ON_MAC =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";

test.use({ userAgent: CHROME_ON_WINDOWS });
test.describe.configure({ timeout: 180_000 });

/** A second browser (its own cookies and dev browser) that signs the same user in. */
async function secondDevice(browser: Browser, user: TestUser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL, userAgent: SAFARI_ON_MAC });
  const page = await context.newPage();
  await signInToDashboard(page, user);
  return page;
}

/**
 * The other browser finds itself signed out once it asks for its dashboard again: at the latest when its
 * last session token expires (a token's lifetime plus Clerk's clock skew), sooner when clerk-js learns it.
 */
async function expectSignedOut(page: Page): Promise<void> {
  await expect(async () => {
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in/, { timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
}

async function openSecurity(page: Page) {
  const account = await openManageAccount(page);
  await account.getByRole("button", { name: "Security" }).click();
  return account;
}

test("a wrong current password is refused inline; a new one can end the other devices' sessions", async ({ page, browser, baseURL, createUser }) => {
  const user = await createUser();
  const other = await secondDevice(browser, user, baseURL);
  await signInToDashboard(page, user);

  const account = await openSecurity(page);
  await account.getByRole("button", { name: "Update password" }).click();
  const newPassword = `new-${user.password}`;
  await account.locator("input[name=currentPassword]").fill("not-my-password");
  await account.locator("input[name=newPassword]").fill(newPassword);
  await account.locator("input[name=confirmPassword]").fill(newPassword);
  await account.getByRole("checkbox", { name: /sign out of all other devices/i }).check();
  await account.getByRole("button", { name: "Save" }).click();
  await expect(fieldError(page)).toHaveText("Password is incorrect. Try again, or use another method.");

  await account.locator("input[name=currentPassword]").fill(user.password);
  await account.getByRole("button", { name: "Save" }).click();
  await expect(account.getByRole("button", { name: "Update password" })).toBeVisible();

  await expectSignedOut(other);
  // This browser keeps its session, and the other one gets back in with the new password only.
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard/);
  await signInToDashboard(other, { ...user, password: newPassword });
  await other.context().close();
});

test("active devices lists both browsers, and one signs the other out", async ({ page, browser, baseURL, createUser }) => {
  const user = await createUser();
  const other = await secondDevice(browser, user, baseURL);
  await signInToDashboard(page, user);

  const account = await openSecurity(page);
  await expect(account.getByText("Chrome 124.0.0.0")).toBeVisible();
  await expect(account.getByText("Safari 17.4")).toBeVisible();
  await expect(account.getByText("Windows", { exact: true })).toBeVisible();
  await expect(account.getByText("Macintosh", { exact: true })).toBeVisible();
  await expect(account.getByText("This device")).toHaveCount(1);

  await rowMenu(account, "Macintosh").click();
  await page.getByRole("menuitem", { name: "Sign out of device" }).click();
  await expectSignedOut(other);
  await other.context().close();

  // Listed afresh, only this browser is left.
  await closeManageAccount(page, account);
  const again = await openSecurity(page);
  await expect(again.getByText("Chrome 124.0.0.0")).toBeVisible();
  await expect(again.getByText("Safari 17.4")).toBeHidden();
});

test("deleting the account deletes the user and signs the browser out", async ({ page, createUser }) => {
  const user = await createUser();
  await signInToDashboard(page, user);

  const account = await openManageAccount(page);
  await account.getByRole("button", { name: "Security" }).click();
  await account.getByRole("button", { name: "Delete account" }).click();
  await account.getByRole("textbox").fill("Delete account");
  await account.locator("form").getByRole("button", { name: "Delete account" }).click();

  await waitForSignedOut(page);
  await expect(page).toHaveURL(/\/$/);
  await expect(clerkBackend.users.getUser(user.id)).rejects.toMatchObject({ status: 404 });

  // The local Clerk's record of webhooks: real Clerk has no such control.
  if (!REAL_CLERK) {
    await expect
      .poll(async () => {
        const { deliveries } = await localClerk.webhooks();
        return deliveries.some((delivery) => delivery.type === "user.deleted" && delivery.user_id === user.id);
      }, { message: "the local Clerk announces user.deleted" })
      .toBe(true);
  }
});
