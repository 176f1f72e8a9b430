import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { clerk, setupClerkTestingToken } from "@clerk/testing/playwright";
import { test as setup, expect } from "@playwright/test";
import { ensureClerkSetup } from "./support/clerk-setup";
import { SAVED_STATE_FILE, SAVED_USER_FILE, type SavedUser } from "./support/saved-user";
import { profileField } from "./support/sign-in";
import { clerkBackend, testEmail } from "./support/fixtures";

setup("sign a user in programmatically and save the browser's storage state", async ({ page }) => {
  await ensureClerkSetup();
  const email = testEmail();
  const password = `pw-${randomUUID()}`;
  const user = await clerkBackend.users.createUser({ emailAddress: [email], password, firstName: "Saved", lastName: "State" });
  mkdirSync(path.dirname(SAVED_USER_FILE), { recursive: true });
  writeFileSync(SAVED_USER_FILE, JSON.stringify({ id: user.id, email } satisfies SavedUser));

  await setupClerkTestingToken({ page });
  await page.goto("/");
  await clerk.signIn({ page, signInParams: { strategy: "password", identifier: email, password } });
  await page.goto("/dashboard");
  await expect(profileField(page, "id")).toHaveText(user.id);
  await page.context().storageState({ path: SAVED_STATE_FILE });
});
