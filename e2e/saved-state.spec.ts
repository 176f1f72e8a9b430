import { SAVED_STATE_FILE, readSavedUser } from "./support/saved-user";
import { profileField } from "./support/sign-in";
import { E2E_BASE_URL } from "./support/ports";
import { expect, test } from "./support/fixtures";

test.use({ storageState: SAVED_STATE_FILE });

test("a saved storage state opens the dashboard signed in, with no sign-in UI", async ({ page }) => {
  const saved = readSavedUser();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(`${E2E_BASE_URL}/dashboard`);
  await expect(profileField(page, "id")).toHaveText(saved.id);
  await expect(page.locator('[data-field="email_address"]')).toHaveText(saved.email);
});
