// Drives Clerk's real "Manage account" (<UserProfile/> opened from <UserButton/>) and reads what the
// dashboard's profile panel shows, for the manage-account specs.
import { expect, type Locator, type Page } from "@playwright/test";

/** Opens Manage account from the user menu and returns the dialog. */
export async function openManageAccount(page: Page): Promise<Locator> {
  await page.getByRole("button", { name: "Open user menu" }).click();
  await page.getByRole("button", { name: "Manage account" }).click();
  const account = page.getByRole("dialog");
  await expect(account.getByRole("heading", { name: "Account" })).toBeVisible();
  return account;
}

export async function closeManageAccount(page: Page, account: Locator): Promise<void> {
  await account.getByRole("button", { name: "Close modal" }).click();
  await expect(account).toBeHidden();
}

/** The "Open menu" of the one row (email address, device) that shows `text`. */
export function rowMenu(account: Locator, text: string): Locator {
  return account
    .locator("div")
    .filter({ has: account.page().getByText(text, { exact: true }) })
    .filter({ has: account.page().getByRole("menuitem", { name: "Open menu" }) })
    .last()
    .getByRole("menuitem", { name: "Open menu" });
}

/**
 * Presses a confirmation form's button until its heading is gone: under load a click can land while
 * Clerk's form is still sliding in, and is lost. A click that took shows the button busy until Clerk answers.
 */
export async function confirmUntilClosed(heading: Locator, button: Locator): Promise<void> {
  await expect(async () => {
    if (await heading.isVisible()) await button.click({ timeout: 2_000 });
    await expect(heading).toBeHidden({ timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
}

/** The dashboard's profile panel. */
export function profilePanel(page: Page): Locator {
  return page.getByRole("region", { name: "Your profile" });
}

/** An 8x8 red PNG, small enough to inline. */
export const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGO4o2GDFTEMLQkAaplQARifz48AAAAASUVORK5CYII=",
  "base64",
);

/** How long the dashboard may take to show a change made in Manage account, without a reload. */
export const DASHBOARD_UPDATE_MS = 5_000;
