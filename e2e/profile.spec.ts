import { profileField, signInToDashboard } from "./support/sign-in";
import { clerkBackend, expect, test } from "./support/fixtures";

test("renaming yourself in the UserButton's Manage account reaches Clerk and the dashboard", async ({ page, createUser }) => {
  const user = await createUser();
  await signInToDashboard(page, user);
  await expect(profileField(page, "first_name")).toHaveText(user.firstName);

  await page.getByRole("button", { name: "Open user menu" }).click();
  await page.getByRole("button", { name: "Manage account" }).click();
  const account = page.getByRole("dialog");
  await expect(account.getByText(`${user.firstName} ${user.lastName}`)).toBeVisible();
  await account.getByRole("button", { name: "Update profile" }).click();
  await account.locator("input[name=firstName]").fill("Renamed");
  await account.locator("input[name=lastName]").fill("Person");
  await account.getByRole("button", { name: "Save" }).click();
  await expect(account.getByText("Renamed Person")).toBeVisible();

  const stored = await clerkBackend.users.getUser(user.id);
  expect({ first: stored.firstName, last: stored.lastName }).toEqual({ first: "Renamed", last: "Person" });

  // The dashboard reads through the app's API; a cached copy must not outlive the change.
  await expect(async () => {
    await page.goto("/dashboard");
    await expect(profileField(page, "first_name")).toHaveText("Renamed", { timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  await expect(profileField(page, "last_name")).toHaveText("Person");
});
